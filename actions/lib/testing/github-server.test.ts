import { Octokit } from '@octokit/rest';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from './github-contract.ts';
import { SECONDARY_RATE_LIMIT_MESSAGE, startGitHubServer, type GitHubServer } from './github-server.ts';

const repo = { owner: 'acme', repo: 'ops' };

let server: GitHubServer | undefined;

async function start(): Promise<{ server: GitHubServer; octokit: InstanceType<typeof Octokit> }> {
  server = await startGitHubServer({ repos: ['acme/ops'] });
  return { server, octokit: new Octokit({ auth: 'test-token', baseUrl: server.url }) };
}

/** Octokit's types already reject these requests; the point is that the server does too. */
function untyped(octokit: InstanceType<typeof Octokit>): (route: string, params: Record<string, unknown>) => Promise<unknown> {
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
    const created = await octokit.rest.issues.create({ ...repo, title: 'Follow-up: rotate keys', body: 'from INC-1', labels: ['incident'], assignees: ['alice'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ number: 1, state: 'open', state_reason: null, closed_at: null, title: 'Follow-up: rotate keys' });
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['incident']);
    expect(created.data.assignees?.map((a) => a.login)).toEqual(['alice']);
    expect(created.data.html_url).toBe('https://github.com/acme/ops/issues/1');
    expect(created.data.pull_request).toBeUndefined();

    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'first' });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: comment.data.id, body: 'edited' });
    const comments = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    expect(comments.data.map((c) => c.body)).toEqual(['edited']);

    const closed = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'closed', state_reason: 'not_planned', title: 'Renamed' });
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
    expect(server.requests.map((r) => `${r.method} ${r.route} ${r.status}`)).toContain('POST /repos/{owner}/{repo}/issues 201');
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
    const error = await untyped(octokit)('POST /repos/{owner}/{repo}/issues', { ...repo, body: 'no title' }).catch((e: unknown) => e);
    expect(status(error)).toBe(422);
    expect(server.violations).toEqual([
      expect.objectContaining({ method: 'POST', where: 'body', message: expect.stringContaining("must have required property 'title'") }),
    ]);
    expect(() => server.expectNoViolations()).toThrow(/title/);
    expect(server.state.repo('acme/ops').issues).toHaveLength(0);
  });

  it('records wrong types in path, query and body', async () => {
    const { server, octokit } = await start();
    await untyped(octokit)('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: 'abc' }).catch(() => undefined);
    await untyped(octokit)('GET /repos/{owner}/{repo}/issues', { ...repo, state: 'opened' }).catch(() => undefined);
    await untyped(octokit)('POST /repos/{owner}/{repo}/labels', { ...repo, name: 'x', color: 7 }).catch(() => undefined);
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
    server.inject({ method: 'POST', route: '/repos/{owner}/{repo}/issues', kind: 'status', status: 502, afterApply: true });
    const error = await octokit.rest.issues.create({ ...repo, title: 'half-done' }).catch((e: unknown) => e);
    expect(status(error)).toBe(502);
    expect(server.state.repo('acme/ops').issues.map((i) => i.title)).toEqual(['half-done']);
    // The fault is consumed: the retry goes through (and makes a duplicate, as on GitHub).
    await octokit.rest.issues.create({ ...repo, title: 'half-done' });
    expect(server.state.repo('acme/ops').issues).toHaveLength(2);
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([[502, 'status'], [201, undefined]]);
    server.expectNoViolations();
  });

  it('injects a 503 before the write: nothing is applied', async () => {
    const { server, octokit } = await start();
    server.inject({ method: 'POST', route: '/repos/{owner}/{repo}/issues', kind: 'status', status: 503 });
    await expect(octokit.rest.issues.create({ ...repo, title: 't' })).rejects.toMatchObject({ status: 503 });
    expect(server.state.repo('acme/ops').issues).toHaveLength(0);
  });

  it('injects a secondary rate limit with retry-after', async () => {
    const { server, octokit } = await start();
    server.inject({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', kind: 'secondary-rate-limit', retryAfter: 1 });
    server.seedIssue('acme/ops', { title: 'x' });
    const error = (await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'hi' }).catch((e: unknown) => e)) as {
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
    const error = (await octokit.rest.issues.listLabelsForRepo(repo).catch((e: unknown) => e)) as Error & { status?: number };
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(500); // how @octokit/request reports a failed fetch
    expect(error.message).toMatch(/fetch failed|socket|closed/i);
    expect(server.requests.at(-1)).toMatchObject({ status: 'dropped', fault: 'drop' });
    // The next request is served normally.
    await expect(octokit.rest.issues.listLabelsForRepo(repo)).resolves.toMatchObject({ status: 200 });
  });

  it('checks its own responses against the documented schema', async () => {
    const contract = await loadContract();
    const found = contract.match('GET', '/repos/acme/ops/issues/7');
    expect(found?.operation.operationId).toBe('issues/get');
    expect(found?.params).toEqual({ owner: 'acme', repo: 'ops', issue_number: '7' });
    expect(contract.match('GET', '/repos/acme/ops/issues/comments/9')?.operation.operationId).toBe('issues/get-comment');
    const problems = contract.checkResponse(found!.operation, 200, { number: 'seven', title: 'x' });
    expect(problems.map((p) => p.message).join('\n')).toMatch(/must have required property 'node_id'/);
    expect(problems.every((p) => p.where === 'response')).toBe(true);
  });
});
