// What every route module shares: the handler's shape, the dependencies it is built from, paging
// and the lookups that answer 404 or 422 as GitHub does.
import { HttpError, type Reply } from '../reply.ts';
import type { CommentRecord, IssueRecord, Model, RepoState } from '../model.ts';
import type { Renderer } from '../render.ts';

export type Handler = (ctx: HandlerContext) => Reply;
export type Routes = Record<string, Handler>;

export interface HandlerContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  repo: () => RepoState;
  requestUrl: URL;
}

/** What a group of routes is built from; `baseUrl` is the server's own address, known once it listens. */
export interface RouteDeps {
  model: Model;
  render: Renderer;
  baseUrl: () => string;
}

/** One page of `items` as GitHub pages lists (`per_page`, `page`, a `link` header with its relations). */
export function page<T>(base: string, ctx: HandlerContext, items: T[], render: (item: T) => unknown): Reply {
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
}

export function findIssue(r: RepoState, raw: string | undefined): IssueRecord {
  const issue = r.issues.find((i) => i.number === Number(raw));
  if (!issue) throw new HttpError(404, 'Not Found');
  return issue;
}

export function findComment(r: RepoState, raw: string | undefined): CommentRecord {
  const comment = r.comments.find((c) => c.id === Number(raw));
  if (!comment) throw new HttpError(404, 'Not Found');
  return comment;
}

export function findPull(r: RepoState, raw: string | undefined): IssueRecord {
  const pull = r.issues.find((i) => i.number === Number(raw) && i.pullRequest);
  if (!pull) throw new HttpError(404, 'Not Found');
  return pull;
}

export function validationFailed(errors: Record<string, unknown>[], message = 'Validation Failed'): HttpError {
  return new HttpError(422, message, { errors });
}
