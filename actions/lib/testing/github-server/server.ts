// The test GitHub server's HTTP side: listens on 127.0.0.1 (port 0), matches every request against
// GitHub's OpenAPI description (github-contract.ts) and checks it, authenticates, takes injected faults,
// runs the route and checks the JSON it answers; it logs every request and records every contract
// violation. The state lives in model.ts, the routes in routes.ts, the JSON shapes in render.ts.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadContract, type Operation } from '../github-contract.ts';
import { appliesBeforeFault, createFaults, faultReply, type Fault, type FaultRule } from './faults.ts';
import {
  createModel,
  normalizePath,
  noreplyEmail,
  type CommentRecord,
  type GitHubState,
  type IssueRecord,
  type LabelRecord,
  type ReactionContent,
  type ReactionRecord,
  type SeedFilesOptions,
  type SeedIssue,
} from './model.ts';
import { createRenderer } from './render.ts';
import { errorBody, HttpError, type Reply } from './reply.ts';
import { createRoutes } from './routes.ts';

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

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const contract = await loadContract();
  const model = createModel({ login: options.login, now: options.now });
  // The seeding and inspection methods below act on the model directly, as a person on GitHub would.
  const { state, self, stamp, userFor, addIssue, addComment, addReaction, ensureLabel } = model;
  const { moveBranch, commitFiles, resolveCommit, mergePullRequest, closePullRequest } = model;
  for (const name of options.repos ?? []) state.repo(name);

  let base = '';
  const requests: RequestLogEntry[] = [];
  const violations: Violation[] = [];
  const faults = createFaults();
  let rateUsed = 0;
  const rateReset = Math.floor(Date.now() / 1000) + 3600;
  const baseUrl = () => base;
  const handlers = createRoutes(
    model,
    createRenderer(model, baseUrl),
    { used: () => rateUsed, reset: rateReset },
    baseUrl,
  );

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

    const fault = faults.take(method, operation.route);
    if (fault) log.fault = fault.kind;
    const applies = !fault || appliesBeforeFault(fault);
    if (fault && !applies) {
      if (fault.kind === 'drop') return drop();
      return send(faultReply(fault, rateUsed)!);
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
          const r = repoKey ? model.repos.get(repoKey.toLowerCase()) : undefined;
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
      return send(faultReply(fault, rateUsed)!);
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
      faults.inject(rule);
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
      const r = model.repos.get(repo.toLowerCase());
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

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
