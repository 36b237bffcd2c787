// The test GitHub server's model: users, repositories with their issues (pull requests included,
// flagged), comments, reactions and labels, and per repository a small git model (branches, commits,
// blobs), with the operations on them. Nothing here knows HTTP: routes.ts turns requests into these
// operations, render.ts turns the records into GitHub's JSON shapes.
import { createHash } from 'node:crypto';

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

export interface ModelOptions {
  /** Login of the token's identity (author of what the client creates). */
  login?: string;
  /** Clock for created_at/updated_at (default: wall clock). */
  now?: () => Date;
}

export type Model = ReturnType<typeof createModel>;

export function createModel(options: ModelOptions = {}) {
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

  // ----- reactions -----
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

  // ----- history -----
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

  // ----- pull requests -----
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

  // ----- labels, issues, comments -----
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

  return {
    self,
    users,
    repos,
    state,
    stamp,
    userFor,
    addCommit,
    putBlob,
    moveBranch,
    resolveCommit,
    isAncestor,
    mergeBase,
    commitFiles,
    commitsTouching,
    commitsBetween,
    addReaction,
    pullSides,
    snapshotSides,
    mergePullRequest,
    closePullRequest,
    labelByName,
    ensureLabel,
    labelNames,
    addIssue,
    addComment,
  };
}

export function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Git's blob id: sha1 of `blob <length>\0<content>`. */
export function blobSha(content: Buffer | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
}

/** A stable id for a flat tree (not git's tree hash, which needs nested tree objects). */
export function treeSha(tree: Map<string, string>): string {
  return sha1(
    [...tree]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, b]) => `${p}\0${b}\n`)
      .join(''),
  );
}

export function normalizePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

export function noreplyEmail(u: UserRecord): string {
  return `${u.id}+${u.login}@users.noreply.github.com`;
}
