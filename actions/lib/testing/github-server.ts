// A local GitHub REST server for tests: in-memory issues (pull requests included, flagged),
// comments and labels; every request and every JSON response checked against GitHub's OpenAPI
// description (see github-contract.ts); fault injection for 5xx, secondary rate limits and dropped
// connections. Listens on 127.0.0.1, port 0; test infrastructure, imported only by tests.
import { randomUUID } from 'node:crypto';
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
}

export interface RepoState {
  owner: string;
  name: string;
  id: number;
  issues: IssueRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
}

export interface GitHubState {
  repos: Map<string, RepoState>;
  /** The repository `owner/name`, created empty if it does not exist yet. */
  repo(fullName: string): RepoState;
  /** Issue by number, or undefined. */
  issue(fullName: string, number: number): IssueRecord | undefined;
}

// ---------- faults, logs, violations ----------

export type Fault =
  | { kind: 'status'; status: number; afterApply?: boolean; message?: string }
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
  createdAt?: string;
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
  const stamp = (): string => now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  let nextId = 1000;
  const users = new Map<string, UserRecord>();
  const userFor = (name: string, type?: UserRecord['type']): UserRecord => {
    let user = users.get(name);
    if (!user) {
      user = { login: name, id: name === 'github-actions[bot]' ? 41898282 : nextId++, type: type ?? (name.endsWith('[bot]') ? 'Bot' : 'User') };
      users.set(name, user);
    }
    return user;
  };
  const self = userFor(login);

  const repos = new Map<string, RepoState>();
  const state: GitHubState = {
    repos,
    repo(fullName) {
      const key = fullName.toLowerCase();
      let repo = repos.get(key);
      if (!repo) {
        const [owner = '', name = ''] = fullName.split('/');
        repo = { owner, name, id: nextId++, issues: [], comments: [], labels: [] };
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
            draft: false,
            pull_request: {
              url: `${repoApi(r)}/pulls/${i.number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: null,
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
    performed_via_github_app: null,
  });

  const labelByName = (r: RepoState, name: string) => r.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  const ensureLabel = (r: RepoState, name: string, color = 'ededed', description: string | null = null): LabelRecord => {
    const existing = labelByName(r, name);
    if (existing) return existing;
    const label: LabelRecord = { id: nextId++, name, color, description, default: false };
    r.labels.push(label);
    return label;
  };
  const labelNames = (r: RepoState, value: unknown): string[] =>
    Array.isArray(value)
      ? value.map((v) => ensureLabel(r, typeof v === 'object' && v ? String((v as { name?: unknown }).name) : String(v)).name)
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
    const comment: CommentRecord = { id: nextId++, issueNumber: issue.number, body, user, createdAt: stamp(), updatedAt: stamp() };
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
    'GET /user': () => ({ status: 200, body: { ...renderUser(self), name: null, company: null, blog: '', location: null, email: null, hireable: null, bio: null, twitter_username: null, public_repos: 0, public_gists: 0, followers: 0, following: 0, created_at: '2018-06-01T00:00:00Z', updated_at: '2018-06-01T00:00:00Z' } }),
    'GET /rate_limit': () => {
      const rate = { limit: 5000, remaining: 5000 - rateUsed, reset: rateReset, used: rateUsed, resource: 'core' };
      return { status: 200, body: { resources: { core: rate, search: { ...rate, limit: 30, remaining: 30, used: 0, resource: 'search' } }, rate } };
    },
    'GET /repos/{owner}/{repo}/issues': (ctx) => {
      const r = ctx.repo();
      const wanted = ctx.query.get('state') ?? 'open';
      const labels = (ctx.query.get('labels') ?? '').split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
      const creator = ctx.query.get('creator')?.toLowerCase();
      const sort = ctx.query.get('sort') ?? 'created';
      const asc = ctx.query.get('direction') === 'asc';
      const key = (i: IssueRecord) => (sort === 'comments' ? String(i.comments).padStart(10, '0') : sort === 'updated' ? i.updatedAt : i.createdAt);
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
        assignees: Array.isArray(b.assignees) ? (b.assignees as string[]) : typeof b.assignee === 'string' ? [b.assignee] : [],
      });
      return { status: 201, body: renderIssue(r, issue), headers: { location: `${repoApi(r)}/issues/${issue.number}` } };
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
        issue.stateReason = b.state === 'closed' ? ((b.state_reason as IssueRecord['stateReason']) ?? 'completed') : 'reopened';
      } else if (b.state_reason !== undefined && issue.state === 'closed') {
        issue.stateReason = b.state_reason as IssueRecord['stateReason'];
      }
      issue.updatedAt = stamp();
      return { status: 200, body: renderIssue(r, issue) };
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      return page(ctx, r.comments.filter((c) => c.issueNumber === issue.number), (c) => renderComment(r, c));
    },
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      const comment = addComment(r, issue, String(ctx.body.body), self);
      return { status: 201, body: renderComment(r, comment), headers: { location: `${repoApi(r)}/issues/comments/${comment.id}` } };
    },
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      const comment = r.comments.find((c) => c.id === Number(ctx.params.comment_id));
      if (!comment) throw new HttpError(404, 'Not Found');
      comment.body = String(ctx.body.body);
      comment.updatedAt = stamp();
      return { status: 200, body: renderComment(r, comment) };
    },
    'GET /repos/{owner}/{repo}/labels': (ctx) => {
      const r = ctx.repo();
      return page(ctx, r.labels, (l) => renderLabel(r, l));
    },
    'POST /repos/{owner}/{repo}/labels': (ctx) => {
      const r = ctx.repo();
      const name = String(ctx.body.name);
      if (labelByName(r, name)) {
        throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
      }
      const color = typeof ctx.body.color === 'string' ? ctx.body.color.replace(/^#/, '') : 'ededed';
      const description = typeof ctx.body.description === 'string' ? ctx.body.description : null;
      return { status: 201, body: renderLabel(r, ensureLabel(r, name, color, description)) };
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
    if (options.tokens && !options.tokens.includes(token)) return send({ status: 401, body: errorBody(401, 'Bad credentials') });

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
      return send({ status: 422, body: errorBody(422, `Invalid request.\n\n${problems.map((p) => p.message).join('\n')}`) });
    }

    const handler = handlers[`${method} ${operation.route}`];
    if (!handler) {
      violate('route', `${method} ${operation.route} (${operation.operationId}) is real but not implemented by the test server`);
      return send({ status: 404, body: errorBody(404, 'Not Found') });
    }

    const fault = takeFault(method, operation.route);
    if (fault) log.fault = fault.kind;
    const faultReply = (f: Fault): Reply | undefined => {
      if (f.kind === 'status') return { status: f.status, body: { message: f.message ?? (f.status >= 500 ? 'Server Error' : 'Error') } };
      if (f.kind === 'secondary-rate-limit') {
        const status = f.status ?? 403;
        return {
          status,
          headers: { 'retry-after': String(f.retryAfter ?? 60), 'x-ratelimit-remaining': String(Math.max(5000 - rateUsed, 0)) },
          body: errorBody(status, `${SECONDARY_RATE_LIMIT_MESSAGE} ${randomUUID().toUpperCase()}.`, {
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
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
      violations.push({ method: req.method ?? '?', path: req.url ?? '?', where: 'response', message: `test server crashed: ${String(error)}` });
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
    seedLabel(repo, label) {
      const r = state.repo(repo);
      return ensureLabel(r, label.name, label.color ?? 'ededed', label.description ?? null);
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
