// The repository, its commits, branch references and file contents: the small git model over REST.
import { created, HttpError } from '../reply.ts';
import { normalizePath, type RepoState } from '../model.ts';
import { encodePath, wrapBase64 } from '../render.ts';
import { page, validationFailed, type RouteDeps, type Routes } from './common.ts';

export function gitRoutes({ model, render, baseUrl }: RouteDeps): Routes {
  const { resolveCommit, commitsTouching, moveBranch, isAncestor, commitFiles } = model;
  const { repoApi, renderCommit, renderRepo, renderRef, renderFileSummary, renderGitCommit } = render;

  return {
    'GET /repos/{owner}/{repo}/commits': (ctx) => {
      const r = ctx.repo();
      const ref = ctx.query.get('sha') || r.defaultBranch;
      const start = resolveCommit(r, ref);
      if (!start) throw new HttpError(404, `No commit found for SHA: ${ref}`);
      const path = ctx.query.get('path');
      return page(baseUrl(), ctx, commitsTouching(r, start.sha, path ? normalizePath(path) : undefined), (c) =>
        renderCommit(r, c),
      );
    },
    'GET /repos/{owner}/{repo}': (ctx) => ({ status: 200, body: renderRepo(ctx.repo(), true) }),

    // Git references: branches only (refs/heads/...); tags and other refs are not modelled.
    'GET /repos/{owner}/{repo}/git/ref/{ref}': (ctx) => {
      const r = ctx.repo();
      const found = branchOfRef(r, ctx.params.ref);
      if (!found) throw new HttpError(404, 'Not Found');
      return { status: 200, body: renderRef(r, found.branch, found.sha) };
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
      return created(renderRef(r, branch, sha), `${repoApi(r)}/git/refs/heads/${encodePath(branch)}`);
    },
    'PATCH /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
      const r = ctx.repo();
      const found = branchOfRef(r, ctx.params.ref);
      if (!found) throw new HttpError(422, 'Reference does not exist');
      const { branch, sha: current } = found;
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
  };
}

/** The branch a `{ref}` parameter names (`heads/<branch>`) and its commit; undefined for any other ref or a missing branch. */
function branchOfRef(r: RepoState, ref = ''): { branch: string; sha: string } | undefined {
  if (!ref.startsWith('heads/')) return undefined;
  const branch = ref.slice('heads/'.length);
  const sha = r.branches.get(branch);
  return sha === undefined ? undefined : { branch, sha };
}
