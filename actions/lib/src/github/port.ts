// The narrow interface between Firebreak and GitHub. One real adapter (octokit.ts) and a dry run
// (dry-run.ts) implement it; everything that decides what to write works on these types only.

/** The account GITHUB_TOKEN writes as: what the bot's own issues and comments are recognised by. */
export const DEFAULT_IDENTITY = 'github-actions[bot]';

export interface GitHubIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  /** Login of whoever opened it. */
  author: string;
  createdAt: string;
  url: string;
}

export interface GitHubComment {
  id: number;
  body: string;
  author: string;
  /** ISO 8601, as GitHub gives it (the real adapter always sets these four). */
  createdAt?: string;
  updatedAt?: string;
  url?: string;
  /** Reaction counts by content ("+1", "rocket" ...), from the comment's rollup. */
  reactions?: Record<string, number>;
}

export interface Reaction {
  /** Login of who reacted. */
  user: string;
  /** "+1", "-1", "laugh", "confused", "heart", "hooray", "rocket" or "eyes". */
  content: string;
  createdAt: string;
}

export interface FileCommit {
  sha: string;
  message: string;
  /** When it was committed (ISO 8601). */
  date: string;
}

export interface IssueFields {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
}

export interface PullRequest {
  number: number;
  url: string;
  state: 'open' | 'closed';
  merged: boolean;
  body: string;
  headRef: string;
  headSha: string;
}

export interface FileAtRef {
  text: string;
  /** The blob sha GitHub needs to update the file. */
  sha: string;
}

export interface GitHubPort {
  /** Every issue of the repository in every state, every page; pull requests left out. */
  listIssues(): Promise<GitHubIssue[]>;
  /** The most recently created issues (one page), to re-check before a retried create. */
  listRecentIssues(): Promise<GitHubIssue[]>;
  createIssue(fields: Required<Pick<IssueFields, 'title' | 'body'>> & Pick<IssueFields, 'labels' | 'assignees'>): Promise<GitHubIssue>;
  updateIssue(number: number, fields: IssueFields): Promise<GitHubIssue>;
  listComments(number: number): Promise<GitHubComment[]>;
  createComment(number: number, body: string): Promise<void>;
  updateComment(id: number, body: string): Promise<void>;
  deleteComment(id: number): Promise<void>;
  /** The open pull request whose head is this commit (every page is searched), or undefined. */
  findOpenPullRequestByHeadSha(sha: string): Promise<PullRequest | undefined>;

  /** The commit a branch points at, or undefined when there is no such branch. */
  branchHead(branch: string): Promise<string | undefined>;
  /** Points a branch at a commit, creating it or moving it (force) as needed. */
  setBranch(branch: string, sha: string): Promise<void>;
  readFile(path: string, ref: string): Promise<FileAtRef | undefined>;
  writeFile(path: string, branch: string, text: string, sha: string, message: string): Promise<void>;
  /** Pull requests from a head branch of this repository, newest first. */
  listPullRequests(head: string, state: 'open' | 'all'): Promise<PullRequest[]>;
  createPullRequest(fields: { head: string; base: string; title: string; body: string; draft?: boolean }): Promise<PullRequest>;
  updatePullRequest(number: number, fields: { title?: string; body?: string }): Promise<void>;

  /** One issue as it is now (not as an event payload saw it), or undefined when there is none. */
  getIssue(number: number): Promise<GitHubIssue | undefined>;
  /** The repository's default branch, e.g. main. */
  getDefaultBranch(): Promise<string>;
  /** Every open pull request of the repository, newest first. */
  listOpenPullRequests(): Promise<PullRequest[]>;
  /** Commits a new file onto a branch with the contents API; fails when the file already exists there. */
  createFile(path: string, branch: string, text: string, message: string): Promise<void>;

  /** Every reaction to an issue comment, every page. */
  listCommentReactions(commentId: number): Promise<Reaction[]>;
  /** The commits that changed a file, newest first, as `git log -- path` lists them from `ref` (at most `limit`). */
  listFileCommits(path: string, ref: string, limit?: number): Promise<FileCommit[]>;
}
