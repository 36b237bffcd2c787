// One handler per REST route the test server implements, keyed `METHOD /path/template` as in
// GitHub's OpenAPI description: each reads the request, runs the model's operations and renders the
// reply. Requests reach them already matched and checked against the description (server.ts).
import { HttpError, type Reply } from './reply.ts';
import {
  normalizePath,
  type CommentRecord,
  type IssueRecord,
  type Model,
  type ReactionContent,
  type RepoState,
} from './model.ts';
import { encodePath, wrapBase64, type Renderer } from './render.ts';

export type Handler = (ctx: HandlerContext) => Reply;

export interface HandlerContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  repo: () => RepoState;
  requestUrl: URL;
}

export interface RateCounter {
  /** Requests counted so far. */
  used(): number;
  /** When the window resets, in epoch seconds. */
  reset: number;
}

export function createRoutes(
  model: Model,
  render: Renderer,
  counter: RateCounter,
  baseUrl: () => string,
): Record<string, Handler> {
  const {
    self,
    stamp,
    resolveCommit,
    commitsTouching,
    moveBranch,
    isAncestor,
    commitFiles,
    pullSides,
    closePullRequest,
    labelByName,
    ensureLabel,
    labelNames,
    addIssue,
    addComment,
    addReaction,
  } = model;
  const {
    repoApi,
    renderUser,
    renderIssue,
    renderComment,
    renderReaction,
    renderCommit,
    renderLabel,
    renderRepo,
    renderRef,
    renderFileSummary,
    renderGitCommit,
    renderPull,
  } = render;

  const findComment = (r: RepoState, raw: string | undefined): CommentRecord => {
    const comment = r.comments.find((c) => c.id === Number(raw));
    if (!comment) throw new HttpError(404, 'Not Found');
    return comment;
  };
  const findPull = (r: RepoState, raw: string | undefined): IssueRecord => {
    const pull = r.issues.find((i) => i.number === Number(raw) && i.pullRequest);
    if (!pull) throw new HttpError(404, 'Not Found');
    return pull;
  };
  const validationFailed = (errors: Record<string, unknown>[], message = 'Validation Failed') =>
    new HttpError(422, message, { errors });
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

  const page = <T>(ctx: HandlerContext, items: T[], render: (item: T) => unknown): Reply => {
    const perPage = Math.min(Math.max(Number(ctx.query.get('per_page') ?? 30) || 30, 1), 100);
    const current = Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (n: number, rel: string) => {
      const u = new URL(ctx.requestUrl.pathname + ctx.requestUrl.search, baseUrl());
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
  return {
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
      const rate = {
        limit: 5000,
        remaining: 5000 - counter.used(),
        reset: counter.reset,
        used: counter.used(),
        resource: 'core',
      };
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
}
