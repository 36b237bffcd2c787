// The report action end to end: the bundled dist/index.js started the way the runner starts it
// (Node 24, INPUT_* and GITHUB_* variables) against the local GitHub server, which checks every
// request against GitHub's OpenAPI description.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../../lib/testing/github-server.ts';
import { copyExample, endToEndHooks, PROJECT } from '../../lib/testing/workspace.ts';
import { hasNode24, NODE24_INSTALL, runAction, type ActionRun } from '../../lib/testing/runner.ts';

const ENTRY = path.join(PROJECT, 'actions/report/dist/index.js');
const REPO = 'acme/incidents';
const MONDAY = '2026-11-23T06:23:00Z';

let server: GitHubServer;
let workspace: string;

endToEndHooks(() => ({ server, workspace }));

async function setup(): Promise<void> {
  workspace = copyExample('report');
  server = await startGitHubServer({ repos: [REPO] });
}

/** The report action as its Monday schedule starts it, with these inputs. */
const start = (inputs: Record<string, string>): Promise<ActionRun> =>
  runAction({
    entry: ENTRY,
    workspace,
    repository: REPO,
    apiUrl: server.url,
    token: 'test-token',
    inputs,
    event: { name: 'schedule', payload: { schedule: '23 6 * * 1' } },
  });

/** Runs the report action, which must succeed. */
async function run(inputs: Record<string, string>): Promise<ActionRun> {
  const result = await start(inputs);
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

const issues = () => server.state.repo(REPO).issues;
const writes = (from: number) => server.requests.slice(from).filter((r) => r.method !== 'GET');

describe.skipIf(!hasNode24())(`the report action (needs Node 24: ${NODE24_INSTALL})`, () => {
  it('twice in one period creates the period issue once, then updates it; an unchanged rerun writes nothing', async () => {
    await setup();
    const first = await run({ now: MONDAY });
    expect(first.outputs.period).toBe('2026-W47');
    expect(issues()).toHaveLength(1);
    const issue = issues()[0]!;
    expect(issue.title).toBe('Reliability report 2026-W47');
    expect(issue.labels).toEqual(['reliability-report']);
    expect(issue.body).toMatch(
      /^<!-- firebreak:report \{"period":"2026-W47"\} -->\n\n# Reliability report: 2026-W47\n/,
    );
    expect(issue.body).toContain(
      `](https://github.com/${REPO}/blob/0123456789abcdef0123456789abcdef01234567/incidents/2026/`,
    );
    expect(first.outputs['issue-number']).toBe(String(issue.number));
    expect(first.summary).toContain('# Reliability report: 2026-W47');
    expect(first.summary).toContain('```mermaid');

    const before = issue.body;
    const mark = server.requests.length;
    await run({ now: '2026-11-24T06:23:00Z' });
    expect(issues()).toHaveLength(1);
    expect(writes(mark).map((r) => `${r.method} ${r.route}`)).toEqual([
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
    ]);
    expect(issue.body).not.toBe(before);

    const again = server.requests.length;
    await run({ now: '2026-11-24T06:23:00Z' });
    expect(writes(again)).toEqual([]);

    // The next week gets its own issue.
    await run({ now: '2026-11-30T06:23:00Z' });
    expect(issues().map((i) => i.title)).toEqual(['Reliability report 2026-W47', 'Reliability report 2026-W48']);
  });

  it("another account's issue with the same marker is not the period issue", async () => {
    await setup();
    const forged = server.seedIssue(REPO, {
      title: 'Reliability report 2026-W47',
      body: '<!-- firebreak:report {"period":"2026-W47"} -->\nmine',
      user: 'mallory',
    });
    await run({ now: MONDAY });
    expect(forged.body).toBe('<!-- firebreak:report {"period":"2026-W47"} -->\nmine');
    expect(issues()).toHaveLength(2);
  });

  it('with publish off, writes the job summary and OpenMetrics file and touches no issue', async () => {
    await setup();
    const result = await run({ now: MONDAY, publish: 'false', period: 'month', 'openmetrics-path': 'metrics.prom' });
    expect(result.outputs.period).toBe('2026-10');
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(existsSync(path.join(workspace, 'metrics.prom'))).toBe(true);
    expect(readFileSync(path.join(workspace, 'metrics.prom'), 'utf8').endsWith('# EOF\n')).toBe(true);
  });

  it('fails with a clear message on an unknown period', async () => {
    await setup();
    const result = await start({ period: 'fortnight' });
    expect(result.exitCode).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.message).toMatch(
      /period input "fortnight" is not one of week, month, quarter/,
    );
  });
});
