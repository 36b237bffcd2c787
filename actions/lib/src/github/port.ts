// The narrow interface between Firebreak and GitHub. One real adapter (octokit.ts) and a dry run
// (dry-run.ts) implement it; everything that decides what to write works on these types only.
// Every method of the real adapter fails with a GitHubError (errors.ts): callers branch on its
// `kind`. Any method can throw `forbidden`, `rate-limited` and `transient`; the other kinds a
// method throws are said on it.

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
  /** Login of whoever opened it: what tells the bot's own pull requests from anyone's. */
  author: string;
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
  /** @throws GitHubError `validation` (with `fields`, e.g. "assignees" for someone who cannot be assigned). A `transient` failure may have created it: look before trying again. */
  createIssue(
    fields: Required<Pick<IssueFields, 'title' | 'body'>> & Pick<IssueFields, 'labels' | 'assignees'>,
  ): Promise<GitHubIssue>;
  /** @throws GitHubError `not-found`, `validation`. */
  updateIssue(number: number, fields: IssueFields): Promise<GitHubIssue>;
  /** @throws GitHubError `not-found` when there is no such issue. */
  listComments(number: number): Promise<GitHubComment[]>;
  /** @throws GitHubError `not-found`, `validation`. A `transient` failure may have posted it: look before trying again. */
  createComment(number: number, body: string): Promise<void>;
  /** @throws GitHubError `not-found`, `validation`. */
  updateComment(id: number, body: string): Promise<void>;
  /** @throws GitHubError `not-found` when it is already gone. */
  deleteComment(id: number): Promise<void>;
  /** The open pull request whose head is this commit (every page is searched), or undefined. */
  findOpenPullRequestByHeadSha(sha: string): Promise<PullRequest | undefined>;

  /** The commit a branch points at, or undefined when there is no such branch (never `not-found`). */
  branchHead(branch: string): Promise<string | undefined>;
  /** Points a branch at a commit, creating it or moving it (force) as needed. @throws GitHubError `validation` when there is no such commit. */
  setBranch(branch: string, sha: string): Promise<void>;
  /** The file's text and blob sha, or undefined when the ref or the file is missing (never `not-found`). */
  readFile(path: string, ref: string): Promise<FileAtRef | undefined>;
  /** Commits a new version of the file. @throws GitHubError `conflict` or `validation` when `sha` is no longer the file's, `not-found` when the branch is missing. */
  writeFile(path: string, branch: string, text: string, sha: string, message: string): Promise<void>;
  /** Pull requests from a head branch of this repository, newest first. */
  listPullRequests(head: string, state: 'open' | 'all'): Promise<PullRequest[]>;
  /** @throws GitHubError `validation` (e.g. one is already open for the head, or nothing to compare). */
  createPullRequest(fields: {
    head: string;
    base: string;
    title: string;
    body: string;
    draft?: boolean;
  }): Promise<PullRequest>;
  /** @throws GitHubError `not-found`, `validation`. */
  updatePullRequest(number: number, fields: { title?: string; body?: string }): Promise<void>;

  /** One issue as it is now (not as an event payload saw it), or undefined when there is none (never `not-found`). */
  getIssue(number: number): Promise<GitHubIssue | undefined>;
  /** The repository's default branch, e.g. main. */
  getDefaultBranch(): Promise<string>;
  /** Every open pull request of the repository, newest first. */
  listOpenPullRequests(): Promise<PullRequest[]>;
  /** Commits a new file onto a branch with the contents API. @throws GitHubError `validation` when the file already exists there, `not-found` when the branch is missing. */
  createFile(path: string, branch: string, text: string, message: string): Promise<void>;

  /** Every reaction to an issue comment, every page. @throws GitHubError `not-found` when the comment is gone. */
  listCommentReactions(commentId: number): Promise<Reaction[]>;
  /** The commits that changed a file, newest first, as `git log -- path` lists them from `ref` (at most `limit`). */
  listFileCommits(path: string, ref: string, limit?: number): Promise<FileCommit[]>;
}
