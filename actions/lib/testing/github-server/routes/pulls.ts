// Pull requests: same-repository branches only; they are issues too (shared numbers, listed there).
import type { IssueRecord, RepoState } from '../model.ts';
import { findPull, page, validationFailed, type RouteDeps, type Routes } from './common.ts';
import { created } from '../reply.ts';

export function pullRoutes({ model, render, baseUrl }: RouteDeps): Routes {
  const { stamp, pullSides, closePullRequest, addIssue } = model;
  const { repoApi, renderPull } = render;

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
  return {
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
      return page(baseUrl(), ctx, items, (i) => renderPull(r, i, false));
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
      return created(renderPull(r, pull, true), `${repoApi(r)}/pulls/${pull.number}`);
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
}
