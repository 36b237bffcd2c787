// A local GitHub REST server for tests: in-memory issues (pull requests included, flagged),
// comments, labels, and per repository a small git model (branches, commits, blobs) behind the
// contents, git refs and pulls endpoints; every request and every JSON response checked against
// GitHub's OpenAPI description (see github-contract.ts); fault injection for 5xx, secondary rate
// limits and dropped connections. Listens on 127.0.0.1, port 0; test infrastructure, imported only
// by tests.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContract, type Operation } from './github-contract.ts';

const DOCS = 'https://docs.github.com/rest';
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID';

// ---------- state ----------

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  assignees: string[];
  user: UserRecord;
  /** True for pull requests: GitHub lists them among issues with a `pull_request` key. */
  pullRequest: boolean;
  /** Pull requests: the branch with the changes (same repository; forks are not modelled). */
  head?: string;
  /** Pull requests: the branch the changes go into. */
  base?: string;
  /** Pull requests: head and base commits when opened, shown once a branch is gone. */
  headSha?: string;
  baseSha?: string;
  draft?: boolean;
  merged?: boolean;
  mergedAt?: string | null;
  mergeCommitSha?: string | null;
  locked: boolean;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export interface ReactionRecord {
  id: number;
  user: UserRecord;
  content: ReactionContent;
  createdAt: string;
}

export interface CommitRecord {
  sha: string;
  /** Every file of the commit: path (no leading slash) -> blob sha. */
  tree: Map<string, string>;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
}

export interface RepoState {
  owner: string;
  name: string;
  id: number;
  createdAt: string;
  /** When a branch last moved. */
  pushedAt: string;
  issues: IssueRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
  /** 'main' unless changed. */
  defaultBranch: string;
  /** Branch name (no refs/heads/) -> commit sha. */
  branches: Map<string, string>;
  commits: Map<string, CommitRecord>;
  /** Blob sha (git's: sha1 of `blob <length>\0<content>`) -> content. */
  blobs: Map<string, Buffer>;
}

export interface GitHubState {
  repos: Map<string, RepoState>;
  /** The repository `owner/name`, created if it does not exist yet: no issues, and a `main` branch
   * pointing at an empty root commit. */
  repo(fullName: string): RepoState;
  /** Issue by number, or undefined. */
  issue(fullName: string, number: number): IssueRecord | undefined;
}

// ---------- faults, logs, violations ----------

export type Fault =
  | {
      kind: 'status';
      status: number;
      afterApply?: boolean;
      message?: string;
      errors?: { resource?: string; field?: string; code: string; value?: unknown }[];
    }
  | { kind: 'secondary-rate-limit'; retryAfter?: number; status?: 403 | 429 }
  | { kind: 'drop'; afterApply?: boolean };

export type FaultRule = Fault & {
  method: string;
  /** Path template as in GitHub's description, e.g. /repos/{owner}/{repo}/issues. */
  route: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
};

export interface RequestLogEntry {
  method: string;
  /** Path and query as sent. */
  path: string;
  route?: string;
  operationId?: string;
  status: number | 'dropped';
  fault?: Fault['kind'];
}

export interface Violation {
  method: string;
  path: string;
  route?: string;
  where: 'route' | 'auth' | 'path' | 'query' | 'body' | 'response';
  message: string;
}

export interface SeedIssue {
  title: string;
  body?: string | null;
  /** Author login (default: the server's authenticated login). */
  user?: string;
  userType?: UserRecord['type'];
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  stateReason?: IssueRecord['stateReason'];
  pullRequest?: boolean;
  /** Pull requests: head and base branch names (default: a made-up head, the default branch). */
  head?: string;
  base?: string;
  createdAt?: string;
}

export interface SeedFilesOptions {
  /** Default: the default branch. Created from the default branch when missing. */
  branch?: string;
  /** Commit message (default: "Seed files"). */
  message?: string;
  /** The commit's author (default: the server's login), e.g. a person pushing an edit. */
  author?: string;
}

export interface GitHubServerOptions {
  /** Login of the token's identity (GET /user, author of what the client creates). */
  login?: string;
  /** Repositories that exist from the start, as owner/name. Seeding creates others. */
  repos?: string[];
  /** Accepted tokens; any non-empty token when omitted. */
  tokens?: string[];
  /** Clock for created_at/updated_at (default: wall clock). */
  now?: () => Date;
}

export interface GitHubServer {
  url: string;
  state: GitHubState;
  requests: RequestLogEntry[];
  violations: Violation[];
  inject(rule: FaultRule): void;
  seedIssue(repo: string, issue: SeedIssue): IssueRecord;
  seedComment(repo: string, issueNumber: number, comment: { body: string; user?: string }): CommentRecord;
  seedLabel(repo: string, label: { name: string; color?: string; description?: string | null }): LabelRecord;
  /** A person edits a comment (its updated_at moves to now). */
  editComment(repo: string, commentId: number, body: string): CommentRecord;
  /** A person deletes a comment. */
  deleteComment(repo: string, commentId: number): void;
  /** Someone reacts to an issue comment (a second identical reaction by the same user is kept once, as on GitHub). */
  seedReaction(repo: string, commentId: number, reaction: { user: string; content: ReactionContent }): ReactionRecord;
  /** Commits the files (path -> UTF-8 text) onto the branch in one commit; returns its sha. */
  seedFiles(repo: string, files: Record<string, string>, options?: SeedFilesOptions): string;
  /** A file's UTF-8 text on a branch (or at a commit sha); undefined when the branch or file is missing. */
  fileAt(repo: string, branch: string, path: string): string | undefined;
  /**
   * Merges an open pull request as GitHub's merge button does: a merge commit on the base branch
   * (parents: base, head) whose tree is the three-way merge of both sides; the pull request is then
   * merged and closed. Throws on a conflict or when it is not an open pull request. Returns the
   * merge commit's sha.
   */
  mergePull(repo: string, number: number): string;
  /** Closes a pull request without merging it. */
  closePull(repo: string, number: number): IssueRecord;
  /** Throws, listing every contract violation recorded so far. */
  expectNoViolations(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Handler = (ctx: HandlerContext) => Reply;

interface HandlerContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  repo: () => RepoState;
  requestUrl: URL;
}

// ---------- server ----------

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const contract = await loadContract();
  const login = options.login ?? 'github-actions[bot]';
  const now = options.now ?? (() => new Date());
  const stamp = (): string =>
    now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  let nextId = 1000;
  const users = new Map<string, UserRecord>();
  const userFor = (name: string, type?: UserRecord['type']): UserRecord => {
    let user = users.get(name);
    if (!user) {
      user = {
        login: name,
        id: name === 'github-actions[bot]' ? 41898282 : nextId++,
        type: type ?? (name.endsWith('[bot]') ? 'Bot' : 'User'),
      };
      users.set(name, user);
    }
    return user;
  };
  const self = userFor(login);

  // ----- git model -----
  let commitCount = 0;
  /** Creation order of commits, newest highest: dates have seconds only. */
  const commitOrder = new Map<string, number>();
  const addCommit = (
    r: RepoState,
    tree: Map<string, string>,
    parents: string[],
    message: string,
    author: { name: string; email: string } = { name: self.login, email: noreplyEmail(self) },
  ): CommitRecord => {
    // Not git's object hash (there are no commit objects to hash), but 40 hex and unique.
    const sha = sha1(
      `commit ${++commitCount}\0${r.owner}/${r.name}\0${parents.join(' ')}\0${treeSha(tree)}\0${message}`,
    );
    const commit: CommitRecord = { sha, tree: new Map(tree), parents, message, author: { ...author, date: stamp() } };
    r.commits.set(sha, commit);
    commitOrder.set(sha, commitCount);
    return commit;
  };
  const putBlob = (r: RepoState, content: Buffer): string => {
    const sha = blobSha(content);
    r.blobs.set(sha, content);
    return sha;
  };
  const moveBranch = (r: RepoState, branch: string, sha: string) => {
    r.branches.set(branch, sha);
    r.pushedAt = stamp();
  };
  /** A branch name (or refs/heads/ name) or a known commit sha -> the commit. */
  const resolveCommit = (r: RepoState, ref: string): CommitRecord | undefined => {
    const branch = r.branches.get(ref.replace(/^refs\/heads\//, ''));
    return r.commits.get(branch ?? ref.toLowerCase());
  };
  const isAncestor = (r: RepoState, ancestor: string, descendant: string): boolean => {
    const queue = [descendant];
    const seen = new Set<string>();
    for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(r.commits.get(sha)?.parents ?? []));
    }
    return false;
  };
  const mergeBase = (r: RepoState, a: string, b: string): string | undefined => {
    const fromA = new Set<string>();
    const queue = [a];
    for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
      if (fromA.has(sha)) continue;
      fromA.add(sha);
      queue.push(...(r.commits.get(sha)?.parents ?? []));
    }
    queue.push(b);
    const seen = new Set<string>();
    for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
      if (fromA.has(sha)) return sha;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(r.commits.get(sha)?.parents ?? []));
    }
    return undefined;
  };
  /** Commits file contents onto a branch (one parent; the branch is created when missing). */
  const commitFiles = (
    r: RepoState,
    branch: string,
    files: Record<string, Buffer>,
    message: string,
    author?: { name: string; email: string },
  ): CommitRecord => {
    const parent = r.branches.get(branch);
    const tree = new Map(parent ? r.commits.get(parent)?.tree : undefined);
    for (const [path, content] of Object.entries(files)) tree.set(normalizePath(path), putBlob(r, content));
    const commit = addCommit(r, tree, parent ? [parent] : [], message, author);
    moveBranch(r, branch, commit.sha);
    return commit;
  };

  const repos = new Map<string, RepoState>();
  const state: GitHubState = {
    repos,
    repo(fullName) {
      const key = fullName.toLowerCase();
      let repo = repos.get(key);
      if (!repo) {
        const [owner = '', name = ''] = fullName.split('/');
        const created = stamp();
        repo = {
          owner,
          name,
          id: nextId++,
          createdAt: created,
          pushedAt: created,
          issues: [],
          comments: [],
          labels: [],
          defaultBranch: 'main',
          branches: new Map(),
          commits: new Map(),
          blobs: new Map(),
        };
        repo.branches.set('main', addCommit(repo, new Map(), [], 'Initial commit').sha);
        repos.set(key, repo);
      }
      return repo;
    },
    issue(fullName, number) {
      return repos.get(fullName.toLowerCase())?.issues.find((i) => i.number === number);
    },
  };
  for (const name of options.repos ?? []) state.repo(name);

  let base = '';
  const requests: RequestLogEntry[] = [];
  const violations: Violation[] = [];
  const faults: FaultRule[] = [];
  let rateUsed = 0;
  const rateReset = Math.floor(Date.now() / 1000) + 3600;

  // ----- rendering (the fields GitHub sends; checked against the description on the way out) -----
  const renderUser = (u: UserRecord) => {
    const api = `${base}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: nodeId(u.type === 'Bot' ? 'BOT' : 'U', u.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${u.type === 'Bot' ? `apps/${u.login.replace(/\[bot\]$/, '')}` : u.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  };
  const repoApi = (r: RepoState) => `${base}/repos/${r.owner}/${r.name}`;
  const renderLabel = (r: RepoState, l: LabelRecord) => ({
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${repoApi(r)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  });
  const renderIssue = (r: RepoState, i: IssueRecord) => {
    const api = `${repoApi(r)}/issues/${i.number}`;
    const html = `https://github.com/${r.owner}/${r.name}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`;
    const assignees = i.assignees.map((a) => renderUser(userFor(a)));
    return {
      url: api,
      repository_url: repoApi(r),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: html,
      id: i.id,
      node_id: nodeId(i.pullRequest ? 'PR' : 'I', i.id),
      number: i.number,
      title: i.title,
      user: renderUser(i.user),
      labels: i.labels.map((name) => renderLabel(r, labelByName(r, name) ?? ensureLabel(r, name))),
      state: i.state,
      state_reason: i.stateReason,
      locked: i.locked,
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      comments: i.comments,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      author_association: i.user.login === r.owner ? 'OWNER' : 'NONE',
      active_lock_reason: null,
      body: i.body,
      ...(i.pullRequest
        ? {
            draft: i.draft ?? false,
            pull_request: {
              url: `${repoApi(r)}/pulls/${i.number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: i.mergedAt ?? null,
            },
          }
        : {}),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
    };
  };
  const renderComment = (r: RepoState, c: CommentRecord) => ({
    url: `${repoApi(r)}/issues/comments/${c.id}`,
    html_url: `https://github.com/${r.owner}/${r.name}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApi(r)}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: nodeId('IC', c.id),
    user: renderUser(c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.login === r.owner ? 'OWNER' : 'NONE',
    body: c.body,
    reactions: renderRollup(`${repoApi(r)}/issues/comments/${c.id}/reactions`, c.reactions),
    performed_via_github_app: null,
  });
  const renderRollup = (url: string, reactions: ReactionRecord[]) => {
    const count = (content: ReactionContent) => reactions.filter((x) => x.content === content).length;
    return {
      url,
      total_count: reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  };
  const renderReaction = (x: ReactionRecord) => ({
    id: x.id,
    node_id: nodeId('REA', x.id),
    user: renderUser(x.user),
    content: x.content,
    created_at: x.createdAt,
  });
  const findComment = (r: RepoState, raw: string | undefined): CommentRecord => {
    const comment = r.comments.find((c) => c.id === Number(raw));
    if (!comment) throw new HttpError(404, 'Not Found');
    return comment;
  };
  const addReaction = (
    comment: CommentRecord,
    user: UserRecord,
    content: ReactionContent,
  ): { reaction: ReactionRecord; created: boolean } => {
    const existing = comment.reactions.find((x) => x.user.login === user.login && x.content === content);
    if (existing) return { reaction: existing, created: false };
    const reaction: ReactionRecord = { id: nextId++, user, content, createdAt: stamp() };
    comment.reactions.push(reaction);
    return { reaction, created: true };
  };
  /** `commit` as GET /repos/{owner}/{repo}/commits lists it. */
  const renderCommit = (r: RepoState, c: CommitRecord) => {
    const person = { name: c.author.name, email: c.author.email, date: c.author.date };
    const login = [...users.values()].find((u) => noreplyEmail(u) === c.author.email);
    return {
      url: `${repoApi(r)}/commits/${c.sha}`,
      sha: c.sha,
      node_id: `C_kw${Buffer.from(c.sha.slice(0, 12)).toString('base64url')}`,
      html_url: `https://github.com/${r.owner}/${r.name}/commit/${c.sha}`,
      comments_url: `${repoApi(r)}/commits/${c.sha}/comments`,
      commit: {
        url: `${repoApi(r)}/git/commits/${c.sha}`,
        author: person,
        committer: person,
        message: c.message,
        comment_count: 0,
        tree: { sha: treeSha(c.tree), url: `${repoApi(r)}/git/trees/${treeSha(c.tree)}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author: login ? renderUser(login) : null,
      committer: login ? renderUser(login) : null,
      parents: c.parents.map((sha) => ({
        sha,
        url: `${repoApi(r)}/commits/${sha}`,
        html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
      })),
    };
  };
  /**
   * Commits from `start` that changed `path`, newest first, like `git log -- path` with its default
   * history simplification: a merge whose file equals one parent's is passed over, following that parent.
   */
  const commitsTouching = (r: RepoState, start: string, path: string | undefined): CommitRecord[] => {
    const out: CommitRecord[] = [];
    const seen = new Set<string>();
    const queue = [start];
    const blob = (sha: string) => (path === undefined ? undefined : r.commits.get(sha)?.tree.get(path));
    while (queue.length) {
      // Newest first: take the most recent commit among those queued.
      queue.sort((a, b) => (commitOrder.get(b) ?? 0) - (commitOrder.get(a) ?? 0));
      const sha = queue.shift()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const commit = r.commits.get(sha);
      if (!commit) continue;
      if (path === undefined) {
        out.push(commit);
        queue.push(...commit.parents);
        continue;
      }
      const same = commit.parents.find((p) => blob(p) === blob(sha));
      if (same !== undefined) {
        queue.push(same);
        continue;
      }
      if (blob(sha) !== undefined || commit.parents.some((p) => blob(p) !== undefined)) out.push(commit);
      queue.push(...commit.parents);
    }
    return out;
  };

  /** The `repository` object (pull request head/base) or, with `full`, `full-repository` (GET /repos/{owner}/{repo}). */
  const renderRepo = (r: RepoState, full = false) => {
    const api = repoApi(r);
    const html = `https://github.com/${r.owner}/${r.name}`;
    const openIssues = r.issues.filter((i) => i.state === 'open').length;
    const repo = {
      id: r.id,
      node_id: nodeId('R', r.id),
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      private: false,
      owner: renderUser(userFor(r.owner)),
      html_url: html,
      description: null,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${r.owner}/${r.name}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: html,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: r.defaultBranch,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: r.pushedAt,
      created_at: r.createdAt,
      updated_at: r.pushedAt,
      allow_forking: true,
      web_commit_signoff_required: false,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
      license: null,
    };
    return full ? { ...repo, temp_clone_token: '', network_count: 0, subscribers_count: 0 } : repo;
  };
  const renderRef = (r: RepoState, branch: string, sha: string) => ({
    ref: `refs/heads/${branch}`,
    node_id: `REF_kw${Buffer.from(`${r.id}:${branch}`).toString('base64url')}`,
    url: `${repoApi(r)}/git/refs/heads/${encodePath(branch)}`,
    object: { type: 'commit', sha, url: `${repoApi(r)}/git/commits/${sha}` },
  });
  /** The `content-file` object without content (as in PUT's reply), for a path at a ref. */
  const renderFileSummary = (r: RepoState, path: string, ref: string, blob: string) => {
    const selfUrl = `${repoApi(r)}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
    const git = `${repoApi(r)}/git/blobs/${blob}`;
    const html = `https://github.com/${r.owner}/${r.name}/blob/${encodePath(ref)}/${encodePath(path)}`;
    return {
      name: path.split('/').at(-1) ?? path,
      path,
      sha: blob,
      size: r.blobs.get(blob)?.length ?? 0,
      url: selfUrl,
      html_url: html,
      git_url: git,
      download_url: `https://raw.githubusercontent.com/${r.owner}/${r.name}/${encodePath(ref)}/${encodePath(path)}`,
      type: 'file',
      _links: { self: selfUrl, git, html },
    };
  };
  const renderGitCommit = (r: RepoState, c: CommitRecord) => {
    const person = { name: c.author.name, email: c.author.email, date: c.author.date };
    return {
      sha: c.sha,
      node_id: `C_kw${Buffer.from(c.sha.slice(0, 12)).toString('base64url')}`,
      url: `${repoApi(r)}/git/commits/${c.sha}`,
      html_url: `https://github.com/${r.owner}/${r.name}/commit/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      tree: { sha: treeSha(c.tree), url: `${repoApi(r)}/git/trees/${treeSha(c.tree)}` },
      parents: c.parents.map((sha) => ({
        sha,
        url: `${repoApi(r)}/git/commits/${sha}`,
        html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  };
  /**
   * A pull request's head and base: branch names and commits, live while it is open and the branch
   * exists, as they were when it was merged or closed otherwise.
   */
  const pullSides = (r: RepoState, i: IssueRecord) => {
    const base = i.base ?? r.defaultBranch;
    const head = i.head ?? `seeded-pull-${i.number}`;
    const live = i.state === 'open';
    const baseSha =
      (live ? r.branches.get(base) : undefined) ??
      i.baseSha ??
      r.branches.get(base) ??
      r.branches.get(r.defaultBranch) ??
      '';
    const headSha = (live ? r.branches.get(head) : undefined) ?? i.headSha ?? r.branches.get(head) ?? baseSha;
    return { base, head, baseSha, headSha };
  };
  /** Freezes head/base commits as they are now (on merge and close). */
  const snapshotSides = (r: RepoState, i: IssueRecord) => {
    const sides = pullSides(r, i);
    i.baseSha = sides.baseSha;
    i.headSha = sides.headSha;
  };
  const findPull = (r: RepoState, raw: string | undefined): IssueRecord => {
    const pull = r.issues.find((i) => i.number === Number(raw) && i.pullRequest);
    if (!pull) throw new HttpError(404, 'Not Found');
    return pull;
  };
  const validationFailed = (errors: Record<string, unknown>[], message = 'Validation Failed') =>
    new HttpError(422, message, { errors });
  /** Three-way merge of flat trees; throws listing conflicting paths. */
  const mergeTrees = (ancestor: Map<string, string>, ours: Map<string, string>, theirs: Map<string, string>) => {
    const out = new Map<string, string>();
    const conflicts: string[] = [];
    for (const path of new Set([...ancestor.keys(), ...ours.keys(), ...theirs.keys()])) {
      const [a, o, t] = [ancestor.get(path), ours.get(path), theirs.get(path)];
      const value = o === t ? o : o === a ? t : t === a ? o : undefined;
      if (o !== t && o !== a && t !== a) conflicts.push(path);
      if (value !== undefined) out.set(path, value);
    }
    if (conflicts.length) throw new Error(`merge conflict in ${conflicts.join(', ')}`);
    return out;
  };
  const mergePullRequest = (r: RepoState, pull: IssueRecord): CommitRecord => {
    if (pull.state !== 'open') throw new Error(`#${pull.number} is not open`);
    const sides = pullSides(r, pull);
    if (!r.branches.has(sides.base) || !r.branches.has(sides.head))
      throw new Error(`#${pull.number}: branch ${sides.base} or ${sides.head} is missing`);
    const baseCommit = r.commits.get(sides.baseSha);
    const headCommit = r.commits.get(sides.headSha);
    if (!baseCommit || !headCommit) throw new Error(`#${pull.number}: unknown commits`);
    const ancestor = r.commits.get(mergeBase(r, sides.baseSha, sides.headSha) ?? '')?.tree ?? new Map<string, string>();
    const tree = mergeTrees(ancestor, baseCommit.tree, headCommit.tree);
    const commit = addCommit(
      r,
      tree,
      [baseCommit.sha, headCommit.sha],
      `Merge pull request #${pull.number} from ${r.owner}/${sides.head}\n\n${pull.title}`,
    );
    snapshotSides(r, pull);
    moveBranch(r, sides.base, commit.sha);
    const at = stamp();
    Object.assign(pull, {
      merged: true,
      mergedAt: at,
      mergeCommitSha: commit.sha,
      state: 'closed',
      stateReason: null,
      closedAt: at,
      updatedAt: at,
    });
    return commit;
  };
  const closePullRequest = (pull: IssueRecord, r: RepoState) => {
    if (pull.state === 'closed') return;
    snapshotSides(r, pull);
    const at = stamp();
    Object.assign(pull, { state: 'closed', stateReason: null, closedAt: at, updatedAt: at });
  };
  /** `head` as sent to POST /pulls (`branch` or `owner:branch`) -> branch name, 422 for another owner. */
  const headBranch = (r: RepoState, head: string): string => {
    const colon = head.indexOf(':');
    if (colon < 0) return head;
    if (head.slice(0, colon).toLowerCase() !== r.owner.toLowerCase()) {
      // Pull requests from forks are not modelled.
      throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    }
    return head.slice(colon + 1);
  };
  /** `pull-request-simple` (lists) or, with `full`, `pull-request` (create, get, update). */
  const renderPull = (r: RepoState, i: IssueRecord, full: boolean) => {
    const api = `${repoApi(r)}/pulls/${i.number}`;
    const issueApi = `${repoApi(r)}/issues/${i.number}`;
    const html = `https://github.com/${r.owner}/${r.name}/pull/${i.number}`;
    const sides = pullSides(r, i);
    const owner = renderUser(userFor(r.owner));
    const side = (ref: string, sha: string) => ({
      label: `${r.owner}:${ref}`,
      ref,
      sha,
      user: owner,
      repo: renderRepo(r),
    });
    const assignees = i.assignees.map((a) => renderUser(userFor(a)));
    const statuses = `${repoApi(r)}/statuses/${sides.headSha}`;
    const simple = {
      url: api,
      id: i.id,
      node_id: nodeId('PR', i.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issueApi,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${repoApi(r)}/pulls/comments{/number}`,
      comments_url: `${issueApi}/comments`,
      statuses_url: statuses,
      number: i.number,
      state: i.state,
      locked: i.locked,
      title: i.title,
      user: renderUser(i.user),
      body: i.body,
      labels: i.labels.map((name) => renderLabel(r, labelByName(r, name) ?? ensureLabel(r, name))),
      milestone: null,
      active_lock_reason: null,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      merged_at: i.mergedAt ?? null,
      merge_commit_sha: i.mergeCommitSha ?? null,
      assignee: assignees[0] ?? null,
      assignees,
      requested_reviewers: [],
      requested_teams: [],
      head: side(sides.head, sides.headSha),
      base: side(sides.base, sides.baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issueApi },
        comments: { href: `${issueApi}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${repoApi(r)}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: statuses },
      },
      author_association: i.user.login === r.owner ? 'OWNER' : 'NONE',
      auto_merge: null,
      draft: i.draft ?? false,
    };
    if (!full) return simple;
    // Like GitHub's three-dot diff: head against the merge base, not against the base's tip.
    const headTree = r.commits.get(sides.headSha)?.tree ?? new Map<string, string>();
    const baseTree = r.commits.get(mergeBase(r, sides.baseSha, sides.headSha) ?? '')?.tree ?? new Map<string, string>();
    const changed = new Set(
      [...headTree.keys(), ...baseTree.keys()].filter((p) => headTree.get(p) !== baseTree.get(p)),
    );
    const merged = i.merged ?? false;
    return {
      ...simple,
      merged,
      // GitHub computes mergeability in the background and answers null until it has.
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: merged ? renderUser(self) : null,
      comments: i.comments,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: commitsBetween(r, sides.baseSha, sides.headSha),
      additions: 0, // line counts are not modelled
      deletions: 0,
      changed_files: changed.size,
    };
  };
  const commitsBetween = (r: RepoState, base: string, head: string): number => {
    let n = 0;
    const queue = [head];
    const seen = new Set<string>();
    for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
      if (seen.has(sha) || isAncestor(r, sha, base)) continue;
      seen.add(sha);
      n++;
      queue.push(...(r.commits.get(sha)?.parents ?? []));
    }
    return n;
  };

  const labelByName = (r: RepoState, name: string) => r.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  const ensureLabel = (
    r: RepoState,
    name: string,
    color = 'ededed',
    description: string | null = null,
  ): LabelRecord => {
    const existing = labelByName(r, name);
    if (existing) return existing;
    const label: LabelRecord = { id: nextId++, name, color, description, default: false };
    r.labels.push(label);
    return label;
  };
  const labelNames = (r: RepoState, value: unknown): string[] =>
    Array.isArray(value)
      ? value.map(
          (v) => ensureLabel(r, typeof v === 'object' && v ? String((v as { name?: unknown }).name) : String(v)).name,
        )
      : [];

  const addIssue = (r: RepoState, seed: SeedIssue): IssueRecord => {
    const created = seed.createdAt ?? stamp();
    const closed = seed.state === 'closed';
    const issue: IssueRecord = {
      id: nextId++,
      number: r.issues.length + 1,
      title: seed.title,
      body: seed.body ?? null,
      state: closed ? 'closed' : 'open',
      stateReason: seed.stateReason ?? (closed ? 'completed' : null),
      labels: labelNames(r, seed.labels ?? []),
      assignees: seed.assignees ?? [],
      user: seed.user ? userFor(seed.user, seed.userType) : self,
      pullRequest: seed.pullRequest ?? false,
      ...(seed.pullRequest ? { head: seed.head, base: seed.base, merged: false } : {}),
      locked: false,
      comments: 0,
      createdAt: created,
      updatedAt: created,
      closedAt: closed ? created : null,
    };
    r.issues.push(issue);
    return issue;
  };
  const addComment = (r: RepoState, issue: IssueRecord, body: string, user: UserRecord): CommentRecord => {
    const comment: CommentRecord = {
      id: nextId++,
      issueNumber: issue.number,
      body,
      user,
      createdAt: stamp(),
      updatedAt: stamp(),
      reactions: [],
    };
    r.comments.push(comment);
    issue.comments++;
    issue.updatedAt = comment.createdAt;
    return comment;
  };

  const page = <T>(ctx: HandlerContext, items: T[], render: (item: T) => unknown): Reply => {
    const perPage = Math.min(Math.max(Number(ctx.query.get('per_page') ?? 30) || 30, 1), 100);
    const current = Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number, rel: string) => {
      const u = new URL(ctx.requestUrl.pathname + ctx.requestUrl.search, base);
      u.searchParams.set('page', String(n));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (current > 1) links.push(link(Math.min(current - 1, last), 'prev'));
    if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
    if (current > 1) links.push(link(1, 'first'));
    const slice = items.slice((current - 1) * perPage, current * perPage);
    return { status: 200, body: slice.map(render), headers: links.length ? { link: links.join(', ') } : {} };
  };

  const findIssue = (r: RepoState, raw: string | undefined): IssueRecord => {
    const issue = r.issues.find((i) => i.number === Number(raw));
    if (!issue) throw new HttpError(404, 'Not Found');
    return issue;
  };

  const handlers: Record<string, Handler> = {
    'GET /user': () => ({
      status: 200,
      body: {
        ...renderUser(self),
        name: null,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        twitter_username: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2018-06-01T00:00:00Z',
        updated_at: '2018-06-01T00:00:00Z',
      },
    }),
    'GET /rate_limit': () => {
      const rate = { limit: 5000, remaining: 5000 - rateUsed, reset: rateReset, used: rateUsed, resource: 'core' };
      return {
        status: 200,
        body: {
          resources: { core: rate, search: { ...rate, limit: 30, remaining: 30, used: 0, resource: 'search' } },
          rate,
        },
      };
    },
    'GET /repos/{owner}/{repo}/issues': (ctx) => {
      const r = ctx.repo();
      const wanted = ctx.query.get('state') ?? 'open';
      const labels = (ctx.query.get('labels') ?? '')
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      const creator = ctx.query.get('creator')?.toLowerCase();
      const sort = ctx.query.get('sort') ?? 'created';
      const asc = ctx.query.get('direction') === 'asc';
      const key = (i: IssueRecord) =>
        sort === 'comments' ? String(i.comments).padStart(10, '0') : sort === 'updated' ? i.updatedAt : i.createdAt;
      const items = r.issues
        .filter((i) => wanted === 'all' || i.state === wanted)
        .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        .filter((i) => !creator || i.user.login.toLowerCase() === creator)
        .sort((a, b) => {
          const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
          return asc ? c : -c;
        });
      return page(ctx, items, (i) => renderIssue(r, i));
    },
    'POST /repos/{owner}/{repo}/issues': (ctx) => {
      const r = ctx.repo();
      const b = ctx.body;
      const issue = addIssue(r, {
        title: String(b.title),
        body: typeof b.body === 'string' ? b.body : null,
        labels: Array.isArray(b.labels) ? (b.labels as string[]) : [],
        assignees: Array.isArray(b.assignees)
          ? (b.assignees as string[])
          : typeof b.assignee === 'string'
            ? [b.assignee]
            : [],
      });
      return {
        status: 201,
        body: renderIssue(r, issue),
        headers: { location: `${repoApi(r)}/issues/${issue.number}` },
      };
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
      const r = ctx.repo();
      return { status: 200, body: renderIssue(r, findIssue(r, ctx.params.issue_number)) };
    },
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      const b = ctx.body;
      if (b.title !== undefined && b.title !== null) issue.title = String(b.title);
      if (b.body !== undefined) issue.body = b.body === null ? null : String(b.body);
      if (Array.isArray(b.labels)) issue.labels = labelNames(r, b.labels);
      if (Array.isArray(b.assignees)) issue.assignees = b.assignees.map(String);
      if ((b.state === 'open' || b.state === 'closed') && b.state !== issue.state) {
        issue.state = b.state;
        issue.closedAt = b.state === 'closed' ? stamp() : null;
        issue.stateReason =
          b.state === 'closed' ? ((b.state_reason as IssueRecord['stateReason']) ?? 'completed') : 'reopened';
      } else if (b.state_reason !== undefined && issue.state === 'closed') {
        issue.stateReason = b.state_reason as IssueRecord['stateReason'];
      }
      issue.updatedAt = stamp();
      return { status: 200, body: renderIssue(r, issue) };
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      return page(
        ctx,
        r.comments.filter((c) => c.issueNumber === issue.number),
        (c) => renderComment(r, c),
      );
    },
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      const comment = addComment(r, issue, String(ctx.body.body), self);
      return {
        status: 201,
        body: renderComment(r, comment),
        headers: { location: `${repoApi(r)}/issues/comments/${comment.id}` },
      };
    },
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      const comment = r.comments.find((c) => c.id === Number(ctx.params.comment_id));
      if (!comment) throw new HttpError(404, 'Not Found');
      comment.body = String(ctx.body.body);
      comment.updatedAt = stamp();
      return { status: 200, body: renderComment(r, comment) };
    },
    'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      return { status: 200, body: renderComment(r, findComment(r, ctx.params.comment_id)) };
    },
    'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      const comment = findComment(r, ctx.params.comment_id);
      r.comments.splice(r.comments.indexOf(comment), 1);
      const issue = r.issues.find((i) => i.number === comment.issueNumber);
      if (issue) issue.comments--;
      return { status: 204 };
    },
    'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (ctx) => {
      const r = ctx.repo();
      const comment = findComment(r, ctx.params.comment_id);
      const content = ctx.query.get('content');
      return page(
        ctx,
        comment.reactions.filter((x) => !content || x.content === content),
        renderReaction,
      );
    },
    'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (ctx) => {
      const r = ctx.repo();
      const { reaction, created } = addReaction(
        findComment(r, ctx.params.comment_id),
        self,
        String(ctx.body.content) as ReactionContent,
      );
      return { status: created ? 201 : 200, body: renderReaction(reaction) };
    },
    'GET /repos/{owner}/{repo}/commits': (ctx) => {
      const r = ctx.repo();
      const ref = ctx.query.get('sha') || r.defaultBranch;
      const start = resolveCommit(r, ref);
      if (!start) throw new HttpError(404, `No commit found for SHA: ${ref}`);
      const path = ctx.query.get('path');
      return page(ctx, commitsTouching(r, start.sha, path ? normalizePath(path) : undefined), (c) =>
        renderCommit(r, c),
      );
    },
    'GET /repos/{owner}/{repo}/labels': (ctx) => {
      const r = ctx.repo();
      return page(ctx, r.labels, (l) => renderLabel(r, l));
    },
    'POST /repos/{owner}/{repo}/labels': (ctx) => {
      const r = ctx.repo();
      const name = String(ctx.body.name);
      if (labelByName(r, name)) {
        throw new HttpError(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        });
      }
      const color = typeof ctx.body.color === 'string' ? ctx.body.color.replace(/^#/, '') : 'ededed';
      const description = typeof ctx.body.description === 'string' ? ctx.body.description : null;
      return { status: 201, body: renderLabel(r, ensureLabel(r, name, color, description)) };
    },

    'GET /repos/{owner}/{repo}': (ctx) => ({ status: 200, body: renderRepo(ctx.repo(), true) }),

    // Git references: branches only (refs/heads/...); tags and other refs are not modelled.
    'GET /repos/{owner}/{repo}/git/ref/{ref}': (ctx) => {
      const r = ctx.repo();
      const ref = ctx.params.ref ?? '';
      const branch = ref.startsWith('heads/') ? ref.slice('heads/'.length) : undefined;
      const sha = branch === undefined ? undefined : r.branches.get(branch);
      if (branch === undefined || sha === undefined) throw new HttpError(404, 'Not Found');
      return { status: 200, body: renderRef(r, branch, sha) };
    },
    'POST /repos/{owner}/{repo}/git/refs': (ctx) => {
      const r = ctx.repo();
      const ref = String(ctx.body.ref);
      const sha = String(ctx.body.sha).toLowerCase();
      if (!/^refs\/[^/]+\/./.test(ref))
        throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes.");
      if (!ref.startsWith('refs/heads/'))
        throw new HttpError(422, 'The test server models branches (refs/heads/...) only');
      const branch = ref.slice('refs/heads/'.length);
      if (r.branches.has(branch)) throw new HttpError(422, 'Reference already exists');
      if (!r.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
      moveBranch(r, branch, sha);
      return {
        status: 201,
        body: renderRef(r, branch, sha),
        headers: { location: `${repoApi(r)}/git/refs/heads/${encodePath(branch)}` },
      };
    },
    'PATCH /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
      const r = ctx.repo();
      const ref = ctx.params.ref ?? '';
      const branch = ref.startsWith('heads/') ? ref.slice('heads/'.length) : undefined;
      const current = branch === undefined ? undefined : r.branches.get(branch);
      if (branch === undefined || current === undefined) throw new HttpError(422, 'Reference does not exist');
      const sha = String(ctx.body.sha).toLowerCase();
      if (!r.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
      // Fast-forward: the old commit is an ancestor of (or the same as) the new one.
      if (ctx.body.force !== true && !isAncestor(r, current, sha))
        throw new HttpError(422, 'Update is not a fast forward');
      moveBranch(r, branch, sha);
      return { status: 200, body: renderRef(r, branch, sha) };
    },

    // Files only: a directory (or the repository root) answers 404 here, where GitHub lists its entries.
    'GET /repos/{owner}/{repo}/contents/{path}': (ctx) => {
      const r = ctx.repo();
      const ref = ctx.query.get('ref') || r.defaultBranch;
      const commit = resolveCommit(r, ref);
      if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
      const path = normalizePath(ctx.params.path ?? '');
      const blob = commit.tree.get(path);
      const content = blob === undefined ? undefined : r.blobs.get(blob);
      if (blob === undefined || content === undefined) throw new HttpError(404, 'Not Found');
      return {
        status: 200,
        body: { ...renderFileSummary(r, path, ref, blob), content: wrapBase64(content), encoding: 'base64' },
      };
    },
    'PUT /repos/{owner}/{repo}/contents/{path}': (ctx) => {
      const r = ctx.repo();
      const b = ctx.body;
      const path = normalizePath(ctx.params.path ?? '');
      if (!path)
        throw validationFailed([{ resource: 'Commit', field: 'path', code: 'invalid' }], 'path cannot be empty');
      const branch = typeof b.branch === 'string' ? b.branch.replace(/^refs\/heads\//, '') : r.defaultBranch;
      const head = r.branches.get(branch);
      if (head === undefined) throw new HttpError(404, `Branch ${branch} not found`);
      const content = String(b.content);
      if (!/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/.test(content)) throw new HttpError(422, 'content is not valid Base64');
      const existing = r.commits.get(head)?.tree.get(path);
      const given = typeof b.sha === 'string' ? b.sha.toLowerCase() : undefined;
      if (existing !== undefined && given === undefined)
        throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      // A sha for a file the branch does not have is refused too: the caller's view is stale.
      if (given !== undefined && given !== existing) throw new HttpError(409, `${path} does not match ${given}`);
      const person = (value: unknown) => {
        const v = value as { name?: unknown; email?: unknown } | undefined;
        return typeof v?.name === 'string' && typeof v.email === 'string'
          ? { name: v.name, email: v.email }
          : undefined;
      };
      const commit = commitFiles(
        r,
        branch,
        { [path]: Buffer.from(content, 'base64') },
        String(b.message),
        person(b.author) ?? person(b.committer),
      );
      const blob = commit.tree.get(path) ?? '';
      return {
        status: existing === undefined ? 201 : 200,
        body: { content: renderFileSummary(r, path, branch, blob), commit: renderGitCommit(r, commit) },
      };
    },

    // Pull requests: same-repository branches only; they are issues too (shared numbers, listed there).
    'GET /repos/{owner}/{repo}/pulls': (ctx) => {
      const r = ctx.repo();
      const wanted = ctx.query.get('state') ?? 'open';
      const headFilter = ctx.query.get('head');
      const baseFilter = ctx.query.get('base');
      const sort = ctx.query.get('sort') ?? 'created';
      const asc = (ctx.query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')) === 'asc';
      const key = (i: IssueRecord) => (sort === 'updated' ? i.updatedAt : i.createdAt);
      const matchesHead = (i: IssueRecord) => {
        if (!headFilter) return true;
        // `owner:branch`; a bare owner matches every branch of that owner.
        const [owner = '', branch] = headFilter.includes(':')
          ? [headFilter.slice(0, headFilter.indexOf(':')), headFilter.slice(headFilter.indexOf(':') + 1)]
          : [headFilter];
        return (
          owner.toLowerCase() === r.owner.toLowerCase() && (branch === undefined || pullSides(r, i).head === branch)
        );
      };
      const items = r.issues
        .filter((i) => i.pullRequest)
        .filter((i) => wanted === 'all' || i.state === wanted)
        .filter(matchesHead)
        .filter((i) => !baseFilter || pullSides(r, i).base === baseFilter)
        .sort((a, b) => {
          const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
          return asc ? c : -c;
        });
      return page(ctx, items, (i) => renderPull(r, i, false));
    },
    'POST /repos/{owner}/{repo}/pulls': (ctx) => {
      const r = ctx.repo();
      const b = ctx.body;
      if (typeof b.title !== 'string') {
        // Turning an existing issue into a pull request (`issue`) is not modelled.
        throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]);
      }
      const head = headBranch(r, String(b.head));
      const base = String(b.base);
      const errors: Record<string, unknown>[] = [];
      if (!r.branches.has(base)) errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' });
      if (!r.branches.has(head)) errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' });
      if (errors.length) throw validationFailed(errors);
      // GitHub also refuses "No commits between base and head"; not modelled.
      if (r.issues.some((i) => i.pullRequest && i.state === 'open' && pullSides(r, i).head === head)) {
        throw validationFailed([
          { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${r.owner}:${head}.` },
        ]);
      }
      const pull = addIssue(r, {
        title: b.title,
        body: typeof b.body === 'string' ? b.body : null,
        pullRequest: true,
        head,
        base,
      });
      pull.draft = b.draft === true;
      return {
        status: 201,
        body: renderPull(r, pull, true),
        headers: { location: `${repoApi(r)}/pulls/${pull.number}` },
      };
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) => {
      const r = ctx.repo();
      return { status: 200, body: renderPull(r, findPull(r, ctx.params.pull_number), true) };
    },
    'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) => {
      const r = ctx.repo();
      const pull = findPull(r, ctx.params.pull_number);
      const b = ctx.body;
      if (typeof b.base === 'string' && !r.branches.has(b.base))
        throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      if (b.state === 'open' && pull.state === 'closed') {
        if (pull.merged)
          throw validationFailed([
            { resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request' },
          ]);
        const head = pullSides(r, pull).head;
        if (!r.branches.has(head))
          throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        if (r.issues.some((i) => i !== pull && i.pullRequest && i.state === 'open' && pullSides(r, i).head === head)) {
          throw validationFailed([
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${r.owner}:${head}.`,
            },
          ]);
        }
        Object.assign(pull, {
          state: 'open',
          stateReason: 'reopened',
          closedAt: null,
          headSha: undefined,
          baseSha: undefined,
        });
      } else if (b.state === 'closed') {
        closePullRequest(pull, r);
      }
      if (typeof b.title === 'string') pull.title = b.title;
      if (typeof b.body === 'string') pull.body = b.body;
      if (typeof b.base === 'string') pull.base = b.base;
      pull.updatedAt = stamp();
      return { status: 200, body: renderPull(r, pull, true) };
    },
  };

  // ----- request pipeline -----
  const errorBody = (status: number, message: string, extra: Record<string, unknown> = {}) => ({
    message,
    ...extra,
    documentation_url: DOCS,
    status: String(status),
  });

  const takeFault = (method: string, route: string): Fault | undefined => {
    const index = faults.findIndex((f) => f.method.toUpperCase() === method && f.route === route);
    if (index < 0) return undefined;
    const rule = faults[index]!;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) faults.splice(index, 1);
    return rule;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const requestUrl = new URL(req.url ?? '/', base);
    const path = requestUrl.pathname + requestUrl.search;
    const log: RequestLogEntry = { method, path, status: 0 };
    requests.push(log);
    const violate = (where: Violation['where'], message: string) =>
      violations.push({ method, path, route: log.route, where, message });

    const raw = await readBody(req);
    rateUsed++;
    const send = (reply: Reply, operation?: Operation) => {
      if (operation && reply.status !== 204) {
        for (const p of contract.checkResponse(operation, reply.status, reply.body)) violate(p.where, p.message);
      }
      log.status = reply.status;
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        'x-github-request-id': randomUUID().toUpperCase(),
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(Math.max(5000 - rateUsed, 0)),
        'x-ratelimit-reset': String(rateReset),
        'x-ratelimit-used': String(rateUsed),
        'x-ratelimit-resource': 'core',
        ...reply.headers,
      });
      res.end(text);
    };
    const drop = () => {
      log.status = 'dropped';
      log.fault = 'drop';
      req.socket.destroy();
    };

    const found = contract.match(method, requestUrl.pathname);
    if (!found) {
      violate('route', `GitHub's REST description has no ${method} ${requestUrl.pathname}`);
      return send({ status: 404, body: errorBody(404, 'Not Found') });
    }
    const { operation, params } = found;
    log.route = operation.route;
    log.operationId = operation.operationId;

    const auth = req.headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(auth)?.[1];
    if (!token) return send({ status: 401, body: errorBody(401, 'Requires authentication') });
    if (options.tokens && !options.tokens.includes(token))
      return send({ status: 401, body: errorBody(401, 'Bad credentials') });

    let body: unknown;
    const hasBody = raw.length > 0;
    if (hasBody) {
      try {
        body = JSON.parse(raw);
      } catch {
        violate('body', 'request body is not JSON');
        return send({ status: 400, body: errorBody(400, 'Problems parsing JSON') });
      }
    }
    const problems = contract.checkRequest(operation, params, requestUrl.searchParams, body, hasBody);
    if (problems.length > 0) {
      for (const p of problems) violate(p.where, p.message);
      return send({
        status: 422,
        body: errorBody(422, `Invalid request.\n\n${problems.map((p) => p.message).join('\n')}`),
      });
    }

    const handler = handlers[`${method} ${operation.route}`];
    if (!handler) {
      violate(
        'route',
        `${method} ${operation.route} (${operation.operationId}) is real but not implemented by the test server`,
      );
      return send({ status: 404, body: errorBody(404, 'Not Found') });
    }

    const fault = takeFault(method, operation.route);
    if (fault) log.fault = fault.kind;
    const faultReply = (f: Fault): Reply | undefined => {
      if (f.kind === 'status')
        return {
          status: f.status,
          body: {
            message: f.message ?? (f.status >= 500 ? 'Server Error' : 'Error'),
            ...(f.errors ? { errors: f.errors } : {}),
          },
        };
      if (f.kind === 'secondary-rate-limit') {
        const status = f.status ?? 403;
        return {
          status,
          headers: {
            'retry-after': String(f.retryAfter ?? 60),
            'x-ratelimit-remaining': String(Math.max(5000 - rateUsed, 0)),
          },
          body: errorBody(status, `${SECONDARY_RATE_LIMIT_MESSAGE} ${randomUUID().toUpperCase()}.`, {
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          }),
        };
      }
      return undefined;
    };
    const applies = !fault || (fault.kind !== 'secondary-rate-limit' && fault.afterApply === true);
    if (fault && !applies) {
      if (fault.kind === 'drop') return drop();
      return send(faultReply(fault)!);
    }

    const repoKey = params.owner && params.repo ? `${params.owner}/${params.repo}` : undefined;
    let reply: Reply;
    try {
      reply = handler({
        params,
        query: requestUrl.searchParams,
        body: (body && typeof body === 'object' ? body : {}) as Record<string, unknown>,
        requestUrl,
        repo: () => {
          const r = repoKey ? repos.get(repoKey.toLowerCase()) : undefined;
          if (!r) throw new HttpError(404, 'Not Found');
          return r;
        },
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = { status: error.status, body: errorBody(error.status, error.message, error.extra) };
    }
    if (fault) {
      // The write happened; the client is told otherwise (or hears nothing).
      if (fault.kind === 'drop') return drop();
      return send(faultReply(fault)!);
    }
    send(reply, operation);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push({
        method: req.method ?? '?',
        path: req.url ?? '?',
        where: 'response',
        message: `test server crashed: ${String(error)}`,
      });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref(); // a forgotten server must not keep the test process alive
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    url: base,
    state,
    requests,
    violations,
    inject(rule) {
      faults.push({ ...rule });
    },
    seedIssue(repo, issue) {
      return addIssue(state.repo(repo), issue);
    },
    seedComment(repo, issueNumber, comment) {
      const r = state.repo(repo);
      const issue = r.issues.find((i) => i.number === issueNumber);
      if (!issue) throw new Error(`no issue #${issueNumber} in ${repo}`);
      return addComment(r, issue, comment.body, comment.user ? userFor(comment.user) : self);
    },
    editComment(repo, commentId, body) {
      const r = state.repo(repo);
      const comment = r.comments.find((c) => c.id === commentId);
      if (!comment) throw new Error(`no comment ${commentId} in ${repo}`);
      comment.body = body;
      comment.updatedAt = stamp();
      return comment;
    },
    deleteComment(repo, commentId) {
      const r = state.repo(repo);
      const index = r.comments.findIndex((c) => c.id === commentId);
      if (index < 0) throw new Error(`no comment ${commentId} in ${repo}`);
      const [comment] = r.comments.splice(index, 1);
      const issue = r.issues.find((i) => i.number === comment!.issueNumber);
      if (issue) issue.comments--;
    },
    seedReaction(repo, commentId, reaction) {
      const r = state.repo(repo);
      const comment = r.comments.find((c) => c.id === commentId);
      if (!comment) throw new Error(`no comment ${commentId} in ${repo}`);
      return addReaction(comment, userFor(reaction.user), reaction.content).reaction;
    },
    seedLabel(repo, label) {
      const r = state.repo(repo);
      return ensureLabel(r, label.name, label.color ?? 'ededed', label.description ?? null);
    },
    seedFiles(repo, files, seedOptions = {}) {
      const r = state.repo(repo);
      const branch = seedOptions.branch ?? r.defaultBranch;
      if (!r.branches.has(branch)) moveBranch(r, branch, r.branches.get(r.defaultBranch) ?? '');
      const contents = Object.fromEntries(
        Object.entries(files).map(([path, text]) => [path, Buffer.from(text, 'utf8')]),
      );
      const author = seedOptions.author ? userFor(seedOptions.author) : undefined;
      return commitFiles(
        r,
        branch,
        contents,
        seedOptions.message ?? 'Seed files',
        author && { name: author.login, email: noreplyEmail(author) },
      ).sha;
    },
    fileAt(repo, branch, path) {
      const r = repos.get(repo.toLowerCase());
      const commit = r && resolveCommit(r, branch);
      const blob = commit?.tree.get(normalizePath(path));
      return blob === undefined ? undefined : r?.blobs.get(blob)?.toString('utf8');
    },
    mergePull(repo, number) {
      const r = state.repo(repo);
      const pull = r.issues.find((i) => i.number === number && i.pullRequest);
      if (!pull) throw new Error(`no pull request #${number} in ${repo}`);
      return mergePullRequest(r, pull).sha;
    },
    closePull(repo, number) {
      const r = state.repo(repo);
      const pull = r.issues.find((i) => i.number === number && i.pullRequest);
      if (!pull) throw new Error(`no pull request #${number} in ${repo}`);
      closePullRequest(pull, r);
      return pull;
    },
    expectNoViolations() {
      if (violations.length === 0) return;
      const lines = violations.map((v) => `  ${v.method} ${v.path} [${v.where}] ${v.message}`);
      throw new Error(`GitHub contract violations (${violations.length}):\n${lines.join('\n')}`);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Git's blob id: sha1 of `blob <length>\0<content>`. */
export function blobSha(content: Buffer | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
}

/** A stable id for a flat tree (not git's tree hash, which needs nested tree objects). */
function treeSha(tree: Map<string, string>): string {
  return sha1(
    [...tree]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, b]) => `${p}\0${b}\n`)
      .join(''),
  );
}

function normalizePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** Base64 as GitHub sends file contents (Ruby's Base64.encode64): lines of 60 characters, each ending in \n. */
function wrapBase64(content: Buffer): string {
  const b64 = content.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 60) out += `${b64.slice(i, i + 60)}\n`;
  return out;
}

function noreplyEmail(u: UserRecord): string {
  return `${u.id}+${u.login}@users.noreply.github.com`;
}

/** Encodes each segment of a slash-separated name for use in a URL. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(String(id)).toString('base64url')}`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
