import { Octokit } from '@octokit/rest';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from './github-contract.ts';
import {
  SECONDARY_RATE_LIMIT_MESSAGE,
  blobSha,
  onIssueCreate,
  startGitHubServer,
  type GitHubServer,
} from './github-server.ts';

const repo = { owner: 'acme', repo: 'ops' };

let server: GitHubServer | undefined;

async function start(): Promise<{ server: GitHubServer; octokit: InstanceType<typeof Octokit> }> {
  server = await startGitHubServer({ repos: ['acme/ops'] });
  return { server, octokit: new Octokit({ auth: 'test-token', baseUrl: server.url }) };
}

/** Octokit's types already reject these requests; the point is that the server does too. */
function untyped(
  octokit: InstanceType<typeof Octokit>,
): (route: string, params: Record<string, unknown>) => Promise<unknown> {
  return octokit.request as unknown as (route: string, params: Record<string, unknown>) => Promise<unknown>;
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

beforeAll(async () => {
  await loadContract(); // the 13 MB description is parsed once per process
}, 60_000);

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('local GitHub REST server', () => {
  it('round-trips issues and comments through Octokit', async () => {
    const { server, octokit } = await start();
    const me = await octokit.rest.users.getAuthenticated();
    expect(me.data.login).toBe('github-actions[bot]');
    expect(me.data.type).toBe('Bot');

    await octokit.rest.issues.createLabel({ ...repo, name: 'incident', color: 'd73a4a' });
    const created = await octokit.rest.issues.create({
      ...repo,
      title: 'Follow-up: rotate keys',
      body: 'from INC-1',
      labels: ['incident'],
      assignees: ['alice'],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      state_reason: null,
      closed_at: null,
      title: 'Follow-up: rotate keys',
    });
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['incident']);
    expect(created.data.assignees?.map((a) => a.login)).toEqual(['alice']);
    expect(created.data.html_url).toBe('https://github.com/acme/ops/issues/1');
    expect(created.data.pull_request).toBeUndefined();

    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'first' });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'edited' });
    const comments = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    expect(comments.data.map((c) => c.body)).toEqual(['edited']);

    const closed = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Renamed',
    });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned', title: 'Renamed', comments: 1 });
    expect(closed.data.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const open = await octokit.rest.issues.listForRepo({ ...repo });
    expect(open.data).toEqual([]);
    const all = await octokit.rest.issues.listForRepo({ ...repo, state: 'all', labels: 'incident' });
    expect(all.data.map((i) => i.number)).toEqual([1]);
    const fetched = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(fetched.data.title).toBe('Renamed');

    const labels = await octokit.rest.issues.listLabelsForRepo({ ...repo });
    expect(labels.data.map((l) => [l.name, l.color])).toEqual([['incident', 'd73a4a']]);
    const rate = await octokit.rest.rateLimit.get();
    expect(rate.data.resources.core.limit).toBe(5000);

    expect(server.state.issue('acme/ops', 1)).toMatchObject({ state: 'closed', title: 'Renamed' });
    expect(server.requests.map((r) => `${r.method} ${r.route} ${r.status}`)).toContain(
      'POST /repos/{owner}/{repo}/issues 201',
    );
    server.expectNoViolations();
  });

  it('pages with Link headers; octokit.paginate finds a marker on page 3 among pull requests', async () => {
    const { server, octokit } = await start();
    for (let n = 1; n <= 25; n++) {
      server.seedIssue('acme/ops', {
        title: n === 3 ? 'MARKER' : `item ${n}`,
        user: n === 3 ? 'someone-else' : undefined,
        pullRequest: n % 2 === 0,
        createdAt: `2025-01-01T00:00:${String(n).padStart(2, '0')}Z`,
      });
    }
    const first = await octokit.rest.issues.listForRepo({ ...repo, per_page: 10 });
    expect(first.data).toHaveLength(10);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    expect(first.data.filter((i) => i.pull_request).length).toBe(5);
    expect(first.data.some((i) => i.title === 'MARKER')).toBe(false);

    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 10 });
    expect(all).toHaveLength(25);
    const marker = all.find((i) => i.title === 'MARKER');
    expect(marker).toMatchObject({ number: 3, user: { login: 'someone-else', type: 'User' } });
    expect(marker?.pull_request).toBeUndefined();
    expect(server.requests.filter((r) => r.route === '/repos/{owner}/{repo}/issues').map((r) => r.path)).toContain(
      '/repos/acme/ops/issues?per_page=10&page=3',
    );

    const byCreator = await octokit.rest.issues.listForRepo({ ...repo, creator: 'someone-else' });
    expect(byCreator.data.map((i) => i.title)).toEqual(['MARKER']);
    server.expectNoViolations();
  });

  it('records a missing required field as a violation and answers 422', async () => {
    const { server, octokit } = await start();
    const error = await untyped(octokit)('POST /repos/{owner}/{repo}/issues', { ...repo, body: 'no title' }).catch(
      (e: unknown) => e,
    );
    expect(status(error)).toBe(422);
    expect(server.violations).toEqual([
      expect.objectContaining({
        method: 'POST',
        where: 'body',
        message: expect.stringContaining("must have required property 'title'"),
      }),
    ]);
    expect(() => server.expectNoViolations()).toThrow(/title/);
    expect(server.state.repo('acme/ops').issues).toHaveLength(0);
  });

  it('records wrong types in path, query and body', async () => {
    const { server, octokit } = await start();
    await untyped(octokit)('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 'abc' }).catch(
      () => undefined,
    );
    await untyped(octokit)('GET /repos/{owner}/{repo}/issues', { ...repo, state: 'opened' }).catch(() => undefined);
    await untyped(octokit)('POST /repos/{owner}/{repo}/labels', { ...repo, name: 'x', color: 7 }).catch(
      () => undefined,
    );
    expect(server.violations.map((v) => v.where)).toEqual(['path', 'query', 'body']);
    expect(server.requests.map((r) => r.status)).toEqual([422, 422, 422]);
  });

  it('answers 404 to an unknown route and records it', async () => {
    const { server, octokit } = await start();
    const error = await octokit.request('GET /repos/{owner}/{repo}/incidents', repo).catch((e: unknown) => e);
    expect(status(error)).toBe(404);
    expect(server.violations).toEqual([expect.objectContaining({ where: 'route', path: '/repos/acme/ops/incidents' })]);
  });

  it('answers 401 without a token', async () => {
    const { server } = await start();
    const res = await fetch(`${server.url}/repos/acme/ops/issues`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Requires authentication' });
  });

  it('injects a 502 after the write was applied', async () => {
    const { server, octokit } = await start();
    server.inject(onIssueCreate({ kind: 'status', status: 502, afterApply: true }));
    const error = await octokit.rest.issues.create({ ...repo, title: 'half-done' }).catch((e: unknown) => e);
    expect(status(error)).toBe(502);
    expect(server.state.repo('acme/ops').issues.map((i) => i.title)).toEqual(['half-done']);
    // The fault is consumed: the retry goes through (and makes a duplicate, as on GitHub).
    await octokit.rest.issues.create({ ...repo, title: 'half-done' });
    expect(server.state.repo('acme/ops').issues).toHaveLength(2);
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([
      [502, 'status'],
      [201, undefined],
    ]);
    server.expectNoViolations();
  });

  it('injects a 503 before the write: nothing is applied', async () => {
    const { server, octokit } = await start();
    server.inject(onIssueCreate({ kind: 'status', status: 503 }));
    await expect(octokit.rest.issues.create({ ...repo, title: 't' })).rejects.toMatchObject({ status: 503 });
    expect(server.state.repo('acme/ops').issues).toHaveLength(0);
  });

  it('injects a secondary rate limit with retry-after', async () => {
    const { server, octokit } = await start();
    server.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      kind: 'secondary-rate-limit',
      retryAfter: 1,
    });
    server.seedIssue('acme/ops', { title: 'x' });
    const error = (await octokit.rest.issues
      .createComment({ ...repo, issue_number: 1, body: 'hi' })
      .catch((e: unknown) => e)) as {
      status: number;
      message: string;
      response: { headers: Record<string, string> };
    };
    expect(error.status).toBe(403);
    expect(error.response.headers['retry-after']).toBe('1');
    expect(error.message).toContain(SECONDARY_RATE_LIMIT_MESSAGE);
    expect(error.message).toMatch(/secondary rate limit/);
    expect(server.state.repo('acme/ops').comments).toHaveLength(0);
  });

  it('drops the connection: the client sees a network error', async () => {
    const { server, octokit } = await start();
    server.inject({ method: 'GET', route: '/repos/{owner}/{repo}/labels', kind: 'drop' });
    const error = (await octokit.rest.issues.listLabelsForRepo(repo).catch((e: unknown) => e)) as Error & {
      status?: number;
    };
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(500); // how @octokit/request reports a failed fetch
    expect(error.message).toMatch(/fetch failed|socket|closed/i);
    expect(server.requests.at(-1)).toMatchObject({ status: 'dropped', fault: 'drop' });
    // The next request is served normally.
    await expect(octokit.rest.issues.listLabelsForRepo(repo)).resolves.toMatchObject({ status: 200 });
  });

  it('branches, file contents and refs: create, update with sha, 409 on a stale sha, read back at a ref', async () => {
    const { server, octokit } = await start();
    const info = await octokit.rest.repos.get(repo);
    expect(info.data).toMatchObject({ default_branch: 'main', full_name: 'acme/ops', owner: { login: 'acme' } });

    const main = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(main.data.object.sha).toMatch(/^[0-9a-f]{40}$/);
    const branch = 'firebreak/inc-1';
    const created = await octokit.rest.git.createRef({
      ...repo,
      ref: `refs/heads/${branch}`,
      sha: main.data.object.sha,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      ref: `refs/heads/${branch}`,
      object: { type: 'commit', sha: main.data.object.sha },
    });
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: main.data.object.sha }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Reference already exists'),
    });
    await expect(octokit.rest.git.getRef({ ...repo, ref: 'heads/nope' })).rejects.toMatchObject({ status: 404 });

    const path = 'incidents/2026/inc-1.md';
    const text = `# INC-1\n\n${'A long line of postmortem text. '.repeat(10)}\nUnicode: é ✓\n`;
    const put = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      branch,
      message: 'Add INC-1',
      content: Buffer.from(text).toString('base64'),
    });
    expect(put.status).toBe(201);
    expect(put.data.content?.sha).toBe(blobSha(text));
    expect(put.data.content?.path).toBe(path);
    expect(put.data.commit.parents?.map((p) => p.sha)).toEqual([main.data.object.sha]);
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'slos/api.yaml',
      branch,
      message: 'Add SLO',
      content: Buffer.from('name: api\n').toString('base64'),
    });

    // Updating needs the current blob sha: missing is 422, stale is 409.
    const update = {
      ...repo,
      path,
      branch,
      message: 'Edit INC-1',
      content: Buffer.from('# INC-1 (edited)\n').toString('base64'),
    };
    await expect(octokit.rest.repos.createOrUpdateFileContents(update)).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({ ...update, sha: blobSha('something else') }),
    ).rejects.toMatchObject({ status: 409 });
    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...update,
      sha: put.data.content?.sha ?? '',
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit.message).toBe('Edit INC-1');
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({ ...update, branch: 'no-such-branch' }),
    ).rejects.toMatchObject({ status: 404 });

    const got = await octokit.rest.repos.getContent({ ...repo, path, ref: branch });
    if (Array.isArray(got.data) || got.data.type !== 'file') throw new Error('expected a file');
    expect(got.data).toMatchObject({ encoding: 'base64', path, name: 'inc-1.md', sha: blobSha('# INC-1 (edited)\n') });
    expect(Buffer.from(got.data.content, 'base64').toString('utf8')).toBe('# INC-1 (edited)\n');
    // The first version, at the commit that added it: long content comes wrapped at 60 characters.
    const first = await octokit.rest.repos.getContent({ ...repo, path, ref: put.data.commit.sha ?? '' });
    if (Array.isArray(first.data) || first.data.type !== 'file') throw new Error('expected a file');
    const lines = first.data.content.split('\n');
    expect(lines.slice(0, -2).every((line) => line.length === 60)).toBe(true);
    expect(lines.at(-1)).toBe('');
    expect(Buffer.from(first.data.content, 'base64').toString('utf8')).toBe(text);
    // Not on main, and no such ref.
    await expect(octokit.rest.repos.getContent({ ...repo, path })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.getContent({ ...repo, path, ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 404,
    });

    expect(server.fileAt('acme/ops', branch, 'slos/api.yaml')).toBe('name: api\n');
    expect(server.fileAt('acme/ops', 'main', path)).toBeUndefined();
    expect(server.requests.find((r) => r.operationId === 'repos/get-content')?.path).toBe(
      '/repos/acme/ops/contents/incidents%2F2026%2Finc-1.md?ref=firebreak%2Finc-1',
    );
    server.expectNoViolations();
  });

  it('moves refs: fast-forward without force, refuses a rewind without force, force-updates', async () => {
    const { server, octokit } = await start();
    const base = server.seedFiles('acme/ops', { 'README.md': 'v1\n' });
    const ahead = server.seedFiles('acme/ops', { 'README.md': 'v2\n' }, { branch: 'feature/x' });
    const ref = 'heads/feature/x';

    await expect(octokit.rest.git.updateRef({ ...repo, ref, sha: base })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Update is not a fast forward'),
    });
    const forced = await octokit.rest.git.updateRef({ ...repo, ref, sha: base, force: true });
    expect(forced.data.object.sha).toBe(base);
    expect(server.fileAt('acme/ops', 'feature/x', 'README.md')).toBe('v1\n');
    const fastForward = await octokit.rest.git.updateRef({ ...repo, ref, sha: ahead });
    expect(fastForward.data.object.sha).toBe(ahead);
    expect((await octokit.rest.git.getRef({ ...repo, ref })).data.object.sha).toBe(ahead);
    await expect(octokit.rest.git.updateRef({ ...repo, ref: 'heads/missing', sha: ahead })).rejects.toMatchObject({
      status: 422,
    });
    server.expectNoViolations();
  });

  it('opens, finds, edits and merges pull requests, which are issues too', async () => {
    const { server, octokit } = await start();
    server.seedIssue('acme/ops', { title: 'an issue first' });
    server.seedFiles('acme/ops', { 'README.md': 'hello\n', 'slos/api.yaml': 'old\n' });
    server.seedFiles('acme/ops', { 'slos/api.yaml': 'new\n' }, { branch: 'firebreak/slo' });
    server.seedFiles('acme/ops', { 'README.md': 'hello again\n' }); // main moves on meanwhile

    const opened = await octokit.rest.pulls.create({
      ...repo,
      title: 'Update SLO',
      head: 'firebreak/slo',
      base: 'main',
      body: 'From firebreak',
    });
    expect(opened.status).toBe(201);
    expect(opened.data).toMatchObject({
      number: 2,
      state: 'open',
      merged: false,
      head: { ref: 'firebreak/slo', label: 'acme:firebreak/slo', repo: { full_name: 'acme/ops' } },
      base: { ref: 'main', sha: server.state.repo('acme/ops').branches.get('main') },
      changed_files: 1, // against the merge base: main's later README change does not count
      commits: 1,
    });

    const found = await octokit.rest.pulls.list({ ...repo, head: 'acme:firebreak/slo' });
    expect(found.data.map((p) => p.number)).toEqual([2]);
    expect((await octokit.rest.pulls.list({ ...repo, head: 'acme:other' })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, base: 'main', state: 'all' })).data).toHaveLength(1);
    const issues = await octokit.rest.issues.listForRepo(repo);
    expect(issues.data.map((i) => [i.number, Boolean(i.pull_request)])).toEqual([
      [2, true],
      [1, false],
    ]);

    await expect(
      octokit.rest.pulls.create({ ...repo, title: 'again', head: 'acme:firebreak/slo', base: 'main' }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('A pull request already exists for acme:firebreak/slo.'),
    });
    await expect(
      octokit.rest.pulls.create({ ...repo, title: 'x', head: 'no-such-branch', base: 'main' }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.pulls.create({ ...repo, title: 'x', head: 'firebreak/slo', base: 'no-such-base' }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(octokit.rest.pulls.get({ ...repo, pull_number: 1 })).rejects.toMatchObject({ status: 404 });

    const edited = await octokit.rest.pulls.update({
      ...repo,
      pull_number: 2,
      title: 'Update the API SLO',
      body: 'edited',
    });
    expect(edited.data).toMatchObject({ title: 'Update the API SLO', body: 'edited' });

    const mergeSha = server.mergePull('acme/ops', 2);
    expect(server.fileAt('acme/ops', 'main', 'slos/api.yaml')).toBe('new\n');
    expect(server.fileAt('acme/ops', 'main', 'README.md')).toBe('hello again\n'); // main's own change survives
    const merged = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(merged.data).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: mergeSha,
      commits: 1,
      changed_files: 1,
    });
    expect(merged.data.merged_at).not.toBeNull();
    expect((await octokit.rest.pulls.list(repo)).data).toEqual([]);
    const asIssue = await octokit.rest.issues.get({ ...repo, issue_number: 2 });
    expect(asIssue.data.pull_request?.merged_at).toBe(merged.data.merged_at);
    await expect(octokit.rest.pulls.update({ ...repo, pull_number: 2, state: 'open' })).rejects.toMatchObject({
      status: 422,
    });

    // Once merged, the same head may be proposed again; closing frees it as well.
    const again = await octokit.rest.pulls.create({ ...repo, title: 'Again', head: 'firebreak/slo', base: 'main' });
    expect(server.closePull('acme/ops', again.data.number)).toMatchObject({ state: 'closed', merged: false });
    const closed = await octokit.rest.pulls.list({ ...repo, state: 'closed', head: 'acme:firebreak/slo' });
    expect(closed.data.map((p) => [p.number, p.merged_at === null])).toEqual([
      [3, true],
      [2, false],
    ]);
    server.expectNoViolations();
  });

  it('routes slashes in path and ref parameters, encoded or literal', async () => {
    const contract = await loadContract();
    const encoded = contract.match('GET', '/repos/acme/ops/contents/incidents%2F2026%2Fa.md');
    const literal = contract.match('GET', '/repos/acme/ops/contents/incidents/2026/a.md');
    for (const found of [encoded, literal]) {
      expect(found?.operation.operationId).toBe('repos/get-content');
      expect(found?.params).toEqual({ owner: 'acme', repo: 'ops', path: 'incidents/2026/a.md' });
    }
    expect(contract.match('GET', '/repos/acme/ops/git/ref/heads/firebreak/x')?.params.ref).toBe('heads/firebreak/x');
    expect(contract.match('PATCH', '/repos/acme/ops/git/refs/heads%2Ffirebreak%2Fx')?.params.ref).toBe(
      'heads/firebreak/x',
    );
    // A literal suffix still wins over a longer parameter; ordinary parameters stay one segment.
    expect(contract.match('GET', '/repos/acme/ops/commits/feature/x/status')?.operation.operationId).toBe(
      'repos/get-combined-status-for-ref',
    );
    expect(contract.match('GET', '/repos/acme/ops/issues/1/extra')).toBeUndefined();

    const { server } = await start();
    server.seedFiles('acme/ops', { 'incidents/2026/a.md': 'A\n' }, { branch: 'firebreak/x' });
    const res = await fetch(`${server.url}/repos/acme/ops/contents/incidents/2026/a.md?ref=firebreak/x`, {
      headers: { authorization: 'token t' },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(((await res.json()) as { content: string }).content, 'base64').toString()).toBe('A\n');
    const ref = await fetch(`${server.url}/repos/acme/ops/git/ref/heads/firebreak/x`, {
      headers: { authorization: 'token t' },
    });
    expect(((await ref.json()) as { ref: string }).ref).toBe('refs/heads/firebreak/x');
    server.expectNoViolations();
  });

  it("comments: reactions with their rollup, a person's edit and deletion, delete through the API", async () => {
    const { server, octokit } = await start();
    const issue = server.seedIssue('acme/ops', { title: 'Incident', user: 'alice' });
    const first = server.seedComment('acme/ops', issue.number, { body: '/ack', user: 'alice' });
    const second = server.seedComment('acme/ops', issue.number, { body: 'PSP confirms', user: 'bob' });
    server.seedReaction('acme/ops', second.id, { user: 'alice', content: 'rocket' });
    server.seedReaction('acme/ops', second.id, { user: 'alice', content: 'rocket' });
    await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: second.id, content: 'eyes' });
    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: issue.number });
    expect(listed.data.map((c) => [c.body, c.reactions?.rocket, c.reactions?.eyes, c.reactions?.total_count])).toEqual([
      ['/ack', 0, 0, 0],
      ['PSP confirms', 1, 1, 2],
    ]);
    const reactions = await octokit.rest.reactions.listForIssueComment({ ...repo, comment_id: second.id });
    expect(reactions.data.map((r) => [r.user?.login, r.content])).toEqual([
      ['alice', 'rocket'],
      ['github-actions[bot]', 'eyes'],
    ]);

    server.editComment('acme/ops', first.id, '/ack 09:40');
    const edited = await octokit.rest.issues.getComment({ ...repo, comment_id: first.id });
    expect(edited.data.body).toBe('/ack 09:40');
    server.deleteComment('acme/ops', first.id);
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: second.id });
    expect((await octokit.rest.issues.listComments({ ...repo, issue_number: issue.number })).data).toEqual([]);
    expect(await octokit.rest.issues.deleteComment({ ...repo, comment_id: second.id }).catch(status)).toBe(404);
    server.expectNoViolations();
  });

  it('lists the commits that changed a file, newest first, passing over merges that took one side', async () => {
    const { server, octokit } = await start();
    server.seedFiles('acme/ops', { 'a.md': 'one', 'b.md': 'x' }, { message: 'first' });
    server.seedFiles('acme/ops', { 'b.md': 'y' }, { message: 'b only' });
    server.seedFiles('acme/ops', { 'a.md': 'two' }, { branch: 'topic', message: 'a on topic', author: 'alice' });
    const pull = await octokit.rest.pulls.create({ ...repo, head: 'topic', base: 'main', title: 'Topic' });
    server.mergePull('acme/ops', pull.data.number);
    const commits = await octokit.rest.repos.listCommits({ ...repo, sha: 'main', path: 'a.md' });
    expect(commits.data.map((c) => c.commit.message)).toEqual(['a on topic', 'first']);
    expect(commits.data[0]!.author?.login).toBe('alice');
    const all = await octokit.rest.repos.listCommits({ ...repo, sha: 'topic' });
    expect(all.data.map((c) => c.commit.message)).toEqual(['a on topic', 'b only', 'first', 'Initial commit']);
    server.expectNoViolations();
  });

  it('checks its own responses against the documented schema', async () => {
    const contract = await loadContract();
    const found = contract.match('GET', '/repos/acme/ops/issues/7');
    expect(found?.operation.operationId).toBe('issues/get');
    expect(found?.params).toEqual({ owner: 'acme', repo: 'ops', issue_number: '7' });
    expect(contract.match('GET', '/repos/acme/ops/issues/comments/9')?.operation.operationId).toBe(
      'issues/get-comment',
    );
    const problems = contract.checkResponse(found!.operation, 200, { number: 'seven', title: 'x' });
    expect(problems.map((p) => p.message).join('\n')).toMatch(/must have required property 'node_id'/);
    expect(problems.every((p) => p.where === 'response')).toBe(true);
  });
});
