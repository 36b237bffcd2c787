// The GitHub port against the local GitHub server: a dry run that writes nothing whatever port it
// is given, and GitHub's failures as typed errors the callers branch on.
import { describe, expect, it } from 'vitest';
import { createOctokitPort, GitHubError, runFollowUps, type GitHubErrorKind, type GitHubPort } from '../src/index.ts';
import { onIssueCreate, startGitHubServer, type FaultRule, type GitHubServer } from '../testing/github-server.ts';
import { endToEndHooks } from '../testing/workspace.ts';
import { fixtureRepo, NOW, replace } from './repo.ts';

const REPO = 'acme/ops';
let server: GitHubServer | undefined;
endToEndHooks(() => ({ server }));

const portOn = (github: GitHubServer, repository = REPO) =>
  createOctokitPort({ token: 't', repository, baseUrl: github.url, writeIntervalMs: 0, rateLimitRetries: 0 });

/** GitHub answers the next issue creation with 422 `message`, its error about `error.field`. */
const refuseIssue = (github: GitHubServer, message: string, error: { field: string; value?: string }) =>
  github.inject(
    onIssueCreate({ kind: 'status', status: 422, message, errors: [{ resource: 'Issue', ...error, code: 'invalid' }] }),
  );

/** runFollowUps against the server as the follow-ups action runs it (commit abc on main), over the fixture records by default. */
const followUpsOn = (github: GitHubServer, options: Partial<Parameters<typeof runFollowUps>[0]> = {}) =>
  runFollowUps({
    root: fixtureRepo(),
    now: NOW,
    port: portOn(github),
    repository: REPO,
    commit: 'abc',
    baseBranch: 'main',
    ...options,
  });

describe('runFollowUps({ dryRun: true })', () => {
  it('writes nothing to GitHub even when given the real port, and still plans every change', async () => {
    server = await startGitHubServer({ repos: [REPO] });
    const report = await followUpsOn(server, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.plan.changes.some((c) => c.kind === 'create')).toBe(true);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(server.state.repo(REPO).issues).toEqual([]);
  });
});

/** What a call threw (or undefined when it did not). */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('GitHub errors typed at the port', () => {
  const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
  const faults: [string, Omit<FaultRule, 'method' | 'route'>, GitHubErrorKind, number | undefined][] = [
    ['404', { kind: 'status', status: 404 }, 'not-found', 404],
    ['410', { kind: 'status', status: 410 }, 'not-found', 410],
    ['422', { kind: 'status', status: 422, message: 'Validation Failed' }, 'validation', 422],
    ['409', { kind: 'status', status: 409 }, 'conflict', 409],
    ['401', { kind: 'status', status: 401 }, 'forbidden', 401],
    ['403', { kind: 'status', status: 403 }, 'forbidden', 403],
    ['a secondary rate limit (403)', { kind: 'secondary-rate-limit', retryAfter: 0 }, 'rate-limited', 403],
    ['a rate limit (429)', { kind: 'secondary-rate-limit', retryAfter: 0, status: 429 }, 'rate-limited', 429],
    ['502', { kind: 'status', status: 502 }, 'transient', 502],
    ['a dropped connection', { kind: 'drop' }, 'transient', undefined],
  ];
  it.each(faults)(
    "%s is a GitHubError of its kind, named after the method, with GitHub's own message",
    async (_name, fault, kind, status) => {
      server = await startGitHubServer({ repos: [REPO] });
      const issue = server.seedIssue(REPO, { title: 'x' });
      server.inject({ ...fault, method: 'POST', route: COMMENTS } as FaultRule);
      const error = await failureOf(portOn(server).createComment(issue.number, 'hello'));
      expect(error).toBeInstanceOf(GitHubError);
      expect(error).toMatchObject({ kind, operation: 'createComment', ...(status ? { status } : {}) });
      if (status === undefined) expect((error as GitHubError).status).toBeUndefined();
      expect(server.state.repo(REPO).comments).toEqual([]);
    },
  );

  it('names the fields a validation failure is about', async () => {
    server = await startGitHubServer({ repos: [REPO] });
    refuseIssue(server, 'Validation Failed', { field: 'assignees', value: 'nobody' });
    const error = await failureOf(portOn(server).createIssue({ title: 'x', body: 'y', assignees: ['nobody'] }));
    expect(error).toMatchObject({ kind: 'validation', status: 422, fields: ['assignees'] });
  });

  it('every method of the real adapter fails with a GitHubError (here: a repository that does not exist), or says "none" where its docs say so', async () => {
    server = await startGitHubServer({ repos: [REPO] });
    const port = portOn(server, 'acme/gone');
    const calls: { [K in keyof GitHubPort]: (p: GitHubPort) => Promise<unknown> } = {
      listIssues: (p) => p.listIssues(),
      listRecentIssues: (p) => p.listRecentIssues(),
      createIssue: (p) => p.createIssue({ title: 'x', body: 'y' }),
      updateIssue: (p) => p.updateIssue(1, { title: 'x' }),
      listComments: (p) => p.listComments(1),
      createComment: (p) => p.createComment(1, 'x'),
      updateComment: (p) => p.updateComment(1, 'x'),
      deleteComment: (p) => p.deleteComment(1),
      findOpenPullRequestByHeadSha: (p) => p.findOpenPullRequestByHeadSha('0'.repeat(40)),
      branchHead: (p) => p.branchHead('main'),
      setBranch: (p) => p.setBranch('b', '0'.repeat(40)),
      readFile: (p) => p.readFile('a.md', 'main'),
      writeFile: (p) => p.writeFile('a.md', 'main', 'x', '0'.repeat(40), 'm'),
      listPullRequests: (p) => p.listPullRequests('b', 'all'),
      createPullRequest: (p) => p.createPullRequest({ head: 'b', base: 'main', title: 'x', body: 'y' }),
      updatePullRequest: (p) => p.updatePullRequest(1, { title: 'x' }),
      getIssue: (p) => p.getIssue(1),
      getDefaultBranch: (p) => p.getDefaultBranch(),
      listOpenPullRequests: (p) => p.listOpenPullRequests(),
      createFile: (p) => p.createFile('a.md', 'main', 'x', 'm'),
      listCommentReactions: (p) => p.listCommentReactions(1),
      listFileCommits: (p) => p.listFileCommits('a.md', 'main'),
    };
    const none = new Set(['branchHead', 'readFile', 'getIssue']);
    for (const [name, call] of Object.entries(calls)) {
      const error = await failureOf(call(port));
      if (none.has(name)) expect(error, name).toBeUndefined();
      else expect(error, name).toMatchObject({ name: 'GitHubError', kind: 'not-found', status: 404, operation: name });
    }
  });
});

describe('callers branch on kinds', () => {
  it('a follow-up issue GitHub refuses to assign is created unassigned', async () => {
    server = await startGitHubServer({ repos: [REPO] });
    refuseIssue(server, 'Validation Failed', { field: 'assignees' });
    const log: string[] = [];
    const root = fixtureRepo({ 'incidents/2026/2026-10-01-api-outage.md': replace('| @platform |', '| @alice    |') });
    const report = await followUpsOn(server, { root, log: (line) => log.push(line) });
    expect(report.result.failed).toEqual([]);
    expect(log.some((line) => line.includes('creating the issue unassigned'))).toBe(true);
    expect(server.state.repo(REPO).issues.map((i) => [i.title, i.assignees])).toEqual([
      ['[INC-2026-001] AI-2: Alert on config load failures', []],
    ]);
  });

  it('a refusal that is not about assignees is not retried unassigned', async () => {
    server = await startGitHubServer({ repos: [REPO] });
    refuseIssue(server, 'Validation Failed: assignees', { field: 'title' });
    const report = await followUpsOn(server);
    expect(report.result.failed.map((f) => f.message)).toEqual([expect.stringMatching(/failed: Validation Failed/)]);
  });
});
