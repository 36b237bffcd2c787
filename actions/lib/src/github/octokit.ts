// The real GitHub adapter: Octokit with the throttling plugin (pacing writes, waiting out rate
// limits) and the retry plugin (retrying server errors). Creating an issue is never retried by
// the plugin: a retried POST can duplicate an issue, so the caller re-checks markers instead.
// Every method throws its failures as a GitHubError (errors.ts), whatever Octokit threw.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck/light.js';
import { isGitHubError, toGitHubError } from './errors.ts';
import type {
  FileAtRef,
  FileCommit,
  GitHubComment,
  GitHubIssue,
  GitHubPort,
  IssueFields,
  PullRequest,
  Reaction,
} from './port.ts';

const FirebreakOctokit = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof FirebreakOctokit>;

export interface OctokitPortOptions {
  token: string;
  /** owner/name */
  repository: string;
  baseUrl?: string;
  /** Minimum milliseconds between writes (GitHub asks for at least 1000). */
  writeIntervalMs?: number;
  /** How many times a rate-limited request is retried after waiting. */
  rateLimitRetries?: number;
  log?: (line: string) => void;
}

interface RawIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
  user: { login: string } | null;
  created_at: string;
  html_url: string;
  pull_request?: unknown;
}

const toIssue = (raw: RawIssue): GitHubIssue => ({
  number: raw.number,
  title: raw.title,
  body: raw.body ?? '',
  state: raw.state === 'closed' ? 'closed' : 'open',
  stateReason: raw.state_reason ?? null,
  labels: raw.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
  assignees: (raw.assignees ?? []).map((a) => a.login),
  author: raw.user?.login ?? '',
  createdAt: raw.created_at,
  url: raw.html_url,
});

interface RawPull {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
  body?: string | null;
  head: { ref: string; sha: string };
  user?: { login: string } | null;
}

const toPull = (p: RawPull): PullRequest => ({
  number: p.number,
  url: p.html_url,
  state: p.state === 'closed' ? 'closed' : 'open',
  merged: Boolean(p.merged_at),
  body: p.body ?? '',
  headRef: p.head.ref,
  headSha: p.head.sha,
  author: p.user?.login ?? '',
});

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'] as const;
function rollup(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const counts: Record<string, number> = {};
  for (const key of REACTIONS) {
    const n = (value as Record<string, unknown>)[key];
    if (typeof n === 'number' && n > 0) counts[key] = n;
  }
  return counts;
}

export function createOctokitPort(options: OctokitPortOptions): GitHubPort {
  const [owner = '', repo = ''] = options.repository.split('/');
  if (!owner || !repo) throw new Error(`"${options.repository}" is not a repository; give it as owner/name.`);
  const log = options.log ?? (() => {});
  const retries = options.rateLimitRetries ?? 2;
  const interval = options.writeIntervalMs;
  const octokit: Client = new FirebreakOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    userAgent: 'firebreak-follow-ups',
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) },
    throttle: {
      onRateLimit: (after: number, request: { method: string; url: string }, _o: unknown, count: number) => {
        log(`Rate limited on ${request.method} ${request.url}; waiting ${after} s (retry ${count + 1} of ${retries}).`);
        return count < retries;
      },
      onSecondaryRateLimit: (after: number, request: { method: string; url: string }, _o: unknown, count: number) => {
        log(
          `Secondary rate limit on ${request.method} ${request.url}; waiting ${after} s (retry ${count + 1} of ${retries}).`,
        );
        return count < retries;
      },
      ...(interval === undefined
        ? {}
        : {
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: interval }),
            notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: interval }),
          }),
    },
    retry: { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
  });
  const base = { owner, repo };

  return typedErrors({
    async listIssues() {
      const raw = (await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...base,
        state: 'all',
        per_page: 100,
      })) as RawIssue[];
      return raw.filter((i) => !i.pull_request).map(toIssue);
    },
    async listRecentIssues() {
      const { data } = await octokit.rest.issues.listForRepo({
        ...base,
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: 50,
      });
      return (data as RawIssue[]).filter((i) => !i.pull_request).map(toIssue);
    },
    async createIssue(fields) {
      const { data } = await octokit.rest.issues.create({ ...base, ...fields, request: { retries: 0 } });
      return toIssue(data as RawIssue);
    },
    async updateIssue(number, fields: IssueFields) {
      const { stateReason, ...rest } = fields;
      const { data } = await octokit.rest.issues.update({
        ...base,
        issue_number: number,
        ...rest,
        ...(stateReason ? { state_reason: stateReason } : {}),
      });
      return toIssue(data as RawIssue);
    },
    async listComments(number): Promise<GitHubComment[]> {
      const raw = await octokit.paginate(octokit.rest.issues.listComments, {
        ...base,
        issue_number: number,
        per_page: 100,
      });
      return raw.map((c) => ({
        id: c.id,
        body: c.body ?? '',
        author: c.user?.login ?? '',
        createdAt: c.created_at,
        updatedAt: c.updated_at,
        url: c.html_url,
        reactions: rollup(c.reactions),
      }));
    },
    async createComment(number, body) {
      // A retried comment would be said twice; the caller looks for it before posting again.
      await octokit.rest.issues.createComment({ ...base, issue_number: number, body, request: { retries: 0 } });
    },
    async updateComment(id, body) {
      await octokit.rest.issues.updateComment({ ...base, comment_id: id, body });
    },
    async deleteComment(id) {
      await octokit.rest.issues.deleteComment({ ...base, comment_id: id });
    },
    async findOpenPullRequestByHeadSha(sha) {
      for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, {
        ...base,
        state: 'open',
        per_page: 100,
      })) {
        const found = page.data.find((p) => p.head.sha === sha);
        if (found) return toPull(found);
      }
      return undefined;
    },
    async branchHead(branch) {
      try {
        const { data } = await octokit.rest.git.getRef({ ...base, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (isGitHubError(toGitHubError(error, 'branchHead'), 'not-found')) return undefined;
        throw error;
      }
    },
    async setBranch(branch, sha) {
      try {
        await octokit.rest.git.createRef({ ...base, ref: `refs/heads/${branch}`, sha });
      } catch (error) {
        // GitHub answers 422 when the branch exists: move it instead.
        if (!isGitHubError(toGitHubError(error, 'setBranch'), 'validation')) throw error;
        await octokit.rest.git.updateRef({ ...base, ref: `heads/${branch}`, sha, force: true });
      }
    },
    async readFile(path, ref): Promise<FileAtRef | undefined> {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...base, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
        return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
      } catch (error) {
        if (isGitHubError(toGitHubError(error, 'readFile'), 'not-found')) return undefined;
        throw error;
      }
    },
    async writeFile(path, branch, text, sha, message) {
      await octokit.rest.repos.createOrUpdateFileContents({
        ...base,
        path,
        branch,
        sha,
        message,
        content: Buffer.from(text, 'utf8').toString('base64'),
      });
    },
    async listPullRequests(head, state): Promise<PullRequest[]> {
      const raw = await octokit.paginate(octokit.rest.pulls.list, {
        ...base,
        head: `${owner}:${head}`,
        state,
        sort: 'created',
        direction: 'desc',
        per_page: 100,
      });
      return raw.map(toPull);
    },
    async createPullRequest(fields) {
      const { data } = await octokit.rest.pulls.create({ ...base, ...fields, request: { retries: 0 } });
      return toPull(data);
    },
    async updatePullRequest(number, fields) {
      await octokit.rest.pulls.update({ ...base, pull_number: number, ...fields });
    },
    async getIssue(number) {
      try {
        const { data } = await octokit.rest.issues.get({ ...base, issue_number: number });
        return toIssue(data as RawIssue);
      } catch (error) {
        if (isGitHubError(toGitHubError(error, 'getIssue'), 'not-found')) return undefined;
        throw error;
      }
    },
    async getDefaultBranch() {
      const { data } = await octokit.rest.repos.get(base);
      return data.default_branch;
    },
    async listOpenPullRequests(): Promise<PullRequest[]> {
      const raw = await octokit.paginate(octokit.rest.pulls.list, {
        ...base,
        state: 'open',
        sort: 'created',
        direction: 'desc',
        per_page: 100,
      });
      return raw.map(toPull);
    },
    async listCommentReactions(commentId): Promise<Reaction[]> {
      const raw = await octokit.paginate(octokit.rest.reactions.listForIssueComment, {
        ...base,
        comment_id: commentId,
        per_page: 100,
      });
      return raw.map((r) => ({ user: r.user?.login ?? '', content: r.content, createdAt: r.created_at }));
    },
    async listFileCommits(path, ref, limit = 100): Promise<FileCommit[]> {
      const out: FileCommit[] = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.repos.listCommits, {
        ...base,
        sha: ref,
        path,
        per_page: Math.min(limit, 100),
      })) {
        for (const c of page.data)
          out.push({
            sha: c.sha,
            message: c.commit.message,
            date: c.commit.committer?.date ?? c.commit.author?.date ?? '',
          });
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    },
    async createFile(path, branch, text, message) {
      // No sha: GitHub refuses (422) when the file exists, so an existing file is never overwritten.
      await octokit.rest.repos.createOrUpdateFileContents({
        ...base,
        path,
        branch,
        message,
        content: Buffer.from(text, 'utf8').toString('base64'),
      });
    },
  });
}

/** The port with every method's failure turned into a GitHubError named after the method. */
function typedErrors(port: GitHubPort): GitHubPort {
  const typed: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(port) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    typed[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        throw toGitHubError(error, name);
      }
    };
  }
  return typed as unknown as GitHubPort;
}
