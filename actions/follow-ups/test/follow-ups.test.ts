// The follow-ups action end to end: the bundled dist/index.js started the way the runner starts
// it (Node 24, INPUT_* and GITHUB_* variables) against the local GitHub server, which checks every
// request against GitHub's OpenAPI description.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  onIssueCreate,
  startGitHubServer,
  type GitHubServer,
  type IssueRecord,
} from '../../lib/testing/github-server.ts';
import { copyExample, endToEndHooks, PROJECT } from '../../lib/testing/workspace.ts';
import { runOnServer } from '../../lib/testing/action-run.ts';
import { filesUnder as listFiles, seedRecords } from '../../lib/testing/seed.ts';
import { githubFacts } from '../../lib/testing/github-markdown.ts';
import { hasNode24, NODE24_INSTALL, runAction, type ActionRun } from '../../lib/testing/runner.ts';

const ENTRY = path.join(PROJECT, 'actions/follow-ups/dist/index.js');
const REPO = 'acme/incidents';
const NOW = '2026-11-21T12:00:00Z';
const BOT = 'github-actions[bot]';
/** What the example repository tracks on NOW: 12 action items overdue or due soon. */
const EXPECTED = 12;
const OPEN_CELL = /\| (?:open|in-progress|blocked) \|/;

let server: GitHubServer;
let workspace: string;

endToEndHooks(() => ({ server, workspace }));

async function setup(options: { seed?: (server: GitHubServer) => void } = {}): Promise<void> {
  workspace = copyExample('follow-ups');
  server = await startGitHubServer({ repos: [REPO], now: () => new Date(NOW) });
  seedRecords(server, REPO, workspace, ['incidents']);
  options.seed?.(server);
}

const filesUnder = (dir: string) => listFiles(workspace, dir);

const read = (file: string) => readFileSync(path.join(workspace, file), 'utf8');
const write = (file: string, text: string) => writeFileSync(path.join(workspace, file), text);
const fileOf = (incidentId: string) =>
  filesUnder('incidents').find((file) => read(file).includes(`id: ${incidentId}\n`))!;

/** Edits one cell of an action item in the workspace copy, as a person would in git. */
function editItem(incidentId: string, itemId: string, from: RegExp, to: string): void {
  const file = fileOf(incidentId);
  const lines = read(file).split('\n');
  const index = lines.findIndex((line) => new RegExp(`^\\|\\s*${itemId}\\s*\\|`).test(line));
  expect(index, `${itemId} in ${file}`).toBeGreaterThan(0);
  expect(lines[index]).toMatch(from);
  lines[index] = lines[index]!.replace(from, to);
  write(file, lines.join('\n'));
}

function run(
  inputs: Record<string, string> = {},
  options: { killWhen?: () => boolean; writeIntervalMs?: number } = {},
): Promise<ActionRun> {
  return runOnServer(server, {
    entry: ENTRY,
    workspace,
    repository: REPO,
    inputs: { now: NOW, ...inputs },
    env: { FIREBREAK_WRITE_INTERVAL_MS: String(options.writeIntervalMs ?? 0) },
    killWhen: options.killWhen,
  });
}

async function runOk(inputs: Record<string, string> = {}): Promise<ActionRun> {
  const result = await run(inputs);
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

const issues = (): IssueRecord[] => server.state.repo(REPO).issues.filter((i) => !i.pullRequest);
const ours = () => issues().filter((i) => i.user.login === BOT);
const markerId = (issue: IssueRecord) =>
  /^<!-- firebreak:tracking (\{.*\}) -->/.exec(issue.body ?? '')?.[1] &&
  (JSON.parse(/^<!-- firebreak:tracking (\{.*\}) -->/.exec(issue.body!)![1]!) as { id: string }).id;
const byId = (id: string) => ours().filter((i) => markerId(i) === id);
const one = (id: string) => {
  const found = byId(id);
  expect(found, id).toHaveLength(1);
  return found[0]!;
};
const commentsOn = (issue: IssueRecord) =>
  server.state.repo(REPO).comments.filter((c) => c.issueNumber === issue.number);
const writesSince = (mark: number) => server.requests.slice(mark).filter((r) => r.method !== 'GET');
/** Runs again, which must write nothing: the last run left GitHub as the records want it. */
async function rerunWritesNothing(): Promise<ActionRun> {
  const mark = server.requests.length;
  const result = await runOk();
  expect(writesSince(mark)).toEqual([]);
  return result;
}
const closeByPerson = (issue: IssueRecord, reason: 'completed' | 'not_planned' = 'completed') =>
  Object.assign(issue, { state: 'closed', stateReason: reason, closedAt: NOW });

describe.skipIf(!hasNode24())(`the follow-ups action (needs Node 24: ${NODE24_INSTALL})`, () => {
  it('first run on the example repository: prints the plan when dry, then creates one issue per tracked item, labelled, assigned and neutralised', async () => {
    await setup();
    editItem(
      'INC-2026-014',
      'AI-2',
      /Alert when disk usage/,
      'Alert (ping @acme/sre, fixes #1 <!-- firebreak:tracking {"id":"x"} -->) when disk usage',
    );

    const dry = await runOk({ 'dry-run': 'true' });
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const plan = JSON.parse(dry.outputs.plan!) as { kind: string; id: string }[];
    expect(plan.filter((c) => c.kind === 'create')).toHaveLength(EXPECTED);
    expect(dry.stdout).toContain('Would create (INC-2026-009/AI-12): overdue since 2026-11-06');

    const first = await runOk();
    expect(first.outputs.created).toBe(String(EXPECTED));
    expect(ours()).toHaveLength(EXPECTED);
    expect(new Set(ours().map(markerId)).size).toBe(EXPECTED);
    expect(first.summary).toContain('## Follow-ups');

    const overdue = one('INC-2026-009/AI-12');
    expect(overdue.labels).toEqual(expect.arrayContaining(['follow-up', 'overdue', 'severity: SEV0']));
    expect(overdue.labels.some((l) => l.startsWith('priority: '))).toBe(true);
    expect(overdue.labels.some((l) => l.startsWith('service: '))).toBe(true);
    expect(overdue.assignees).toHaveLength(1);
    expect(overdue.body).toContain(
      `https://github.com/${REPO}/blob/0123456789abcdef0123456789abcdef01234567/incidents/`,
    );
    // Long overdue on creation: one escalation comment mentioning the lead, nothing else.
    const escalation = commentsOn(overdue);
    expect(escalation).toHaveLength(1);
    expect(escalation[0]!.body).toMatch(/Escalating to @[a-z-]+ \(lead of team/);

    const dueSoon = one('INC-2026-014/AI-2');
    expect(dueSoon.labels).not.toContain('overdue');
    expect(commentsOn(dueSoon)).toHaveLength(0);
    // Outside code spans (where GitHub never reads a mention), nothing pings and nothing references an issue.
    for (const text of [dueSoon.title, dueSoon.body!.replace(/`[^`\n]*`/g, '')]) {
      expect(text).not.toMatch(/@[A-Za-z]/);
      expect(text).not.toMatch(/#\d/);
    }
    expect(githubFacts(dueSoon.body!).html.filter((h) => h.includes('<!--'))).toHaveLength(1);
    expect(dueSoon.title.length).toBeLessThanOrEqual(256);
  });

  it('a second run with nothing to change makes no write', async () => {
    await setup();
    await runOk();
    const second = await rerunWritesNothing();
    expect(second.outputs.writes).toBe('0');
    expect(second.stdout).toContain('Nothing to change');
  });

  it('an item marked done in git closes its issue as completed, with one comment', async () => {
    await setup();
    await runOk();
    editItem('INC-2026-014', 'AI-2', OPEN_CELL, '| done |');
    const result = await runOk();
    expect(result.outputs.closed).toBe('1');
    const issue = one('INC-2026-014/AI-2');
    expect(issue.state).toBe('closed');
    expect(issue.stateReason).toBe('completed');
    expect(commentsOn(issue).map((c) => c.body)).toEqual([
      expect.stringContaining('AI-2 is marked done in `incidents/'),
    ]);
    await rerunWritesNothing();
  });

  it('issues closed by a person become one pull request marking those items, changing only their Status cells', async () => {
    await setup();
    await runOk();
    const file = fileOf('INC-2026-012');
    const before = server.fileAt(REPO, 'main', file)!;
    closeByPerson(one('INC-2026-012/AI-2'));
    const first = await runOk();
    const pulls = () => server.state.repo(REPO).issues.filter((i) => i.pullRequest);
    expect(pulls()).toHaveLength(1);
    expect(first.outputs['pull-request']).toMatch(/\/pull\/\d+$/);
    const after = server.fileAt(REPO, 'firebreak/mark-follow-ups-done', file)!;
    const changed = after
      .split('\n')
      .map((line, i) => [before.split('\n')[i], line])
      .filter(([a, b]) => a !== b);
    expect(changed).toHaveLength(1);
    expect(changed[0]![0]!.replace(OPEN_CELL, '| done |')).toBe(changed[0]![1]);

    // A second closed issue, in another postmortem, joins the same pull request.
    const other = fileOf('INC-2026-013');
    closeByPerson(one('INC-2026-013/AI-3'), 'not_planned');
    await runOk();
    expect(pulls()).toHaveLength(1);
    expect(server.fileAt(REPO, 'firebreak/mark-follow-ups-done', other)).toMatch(/\|\s*AI-3\s*\|.*\|\s*wont-do\s*\|/);
    expect(pulls()[0]!.body).toContain('AI-3 → `wont-do`');
    expect(server.fileAt(REPO, 'firebreak/mark-follow-ups-done', file)).toBe(after);

    await rerunWritesNothing();
    // Merged, the items are finished in git: nothing more to do, and no new issue for them.
    server.mergePull(REPO, pulls()[0]!.number);
    write(file, server.fileAt(REPO, 'main', file)!);
    write(other, server.fileAt(REPO, 'main', other)!);
    const merged = server.requests.length;
    await runOk();
    expect(writesSince(merged)).toEqual([]);
    expect(byId('INC-2026-012/AI-2')).toHaveLength(1);
  });

  it('a changed owner moves the assignment and keeps what people added; a moved due date updates the issue and drops overdue', async () => {
    await setup();
    await runOk();
    const issue = one('INC-2026-014/AI-1');
    const previous = issue.assignees[0]!;
    issue.labels.push('needs-design');
    issue.assignees.push('someone-else');
    const teams = read('policies/teams.yaml');
    const newOwner = [...teams.matchAll(/handle: "?@([a-z-]+)/g)].map((m) => m[1]!).find((h) => h !== previous)!;
    editItem('INC-2026-014', 'AI-1', new RegExp(`@${previous}`), `@${newOwner}`);
    editItem('INC-2026-010', 'AI-3', /2026-11-20/, '2026-12-15');
    const result = await runOk();
    expect(result.outputs.updated).toBe('2');
    expect(issue.assignees.sort()).toEqual(['someone-else', newOwner].sort());
    expect(issue.labels).toContain('needs-design');
    const moved = one('INC-2026-010/AI-3');
    expect(moved.labels).not.toContain('overdue');
    expect(moved.body).toContain('2026-12-15');
    expect(moved.state).toBe('open');
  });

  it('says each reminder, overdue notice and escalation once, as the days pass', async () => {
    await setup();
    await runOk();
    const item = one('INC-2026-014/AI-1'); // P0, due 2026-11-24, escalated 2 days after
    expect(commentsOn(item)).toHaveLength(0);

    await runOk({ now: '2026-11-25T09:00:00Z' });
    expect(item.labels).toContain('overdue');
    expect(commentsOn(item).map((c) => c.body)).toEqual([
      expect.stringMatching(/^AI-1 is overdue: it was due on 2026-11-24\. @[a-z-]+,/),
    ]);
    let mark = server.requests.length;
    await runOk({ now: '2026-11-25T18:00:00Z' });
    expect(writesSince(mark)).toEqual([]);

    await runOk({ now: '2026-11-26T09:00:00Z' });
    expect(commentsOn(item)).toHaveLength(2);
    expect(commentsOn(item)[1]!.body).toMatch(/overdue for 2 days .* Escalating to @[a-z-]+ \(/);
    mark = server.requests.length;
    await runOk({ now: '2026-11-26T10:00:00Z' });
    expect(writesSince(mark)).toEqual([]);
  });

  it('a run killed after some creates is completed by the next run, with exactly one issue per item', async () => {
    await setup();
    // Writes 100 ms apart: the kill lands well before the twelfth create.
    const killed = await run({}, { killWhen: () => ours().length >= 4, writeIntervalMs: 100 });
    expect(killed.exitCode).not.toBe(0);
    expect(ours().length).toBeGreaterThanOrEqual(4);
    expect(ours().length).toBeLessThan(EXPECTED);
    await runOk();
    expect(ours()).toHaveLength(EXPECTED);
    expect(new Set(ours().map(markerId)).size).toBe(EXPECTED);
  });

  it('a write limit defers the rest to the next run', async () => {
    await setup();
    const limited = await runOk({ 'max-writes': '5' });
    expect(limited.outputs.writes).toBe('5');
    expect(Number(limited.outputs.deferred)).toBeGreaterThan(0);
    expect(limited.stdout).toContain('left for the next run');
    await runOk();
    expect(ours()).toHaveLength(EXPECTED);
  });

  it('two overlapping runs may both create; the next run closes the duplicates and keeps the oldest', async () => {
    await setup();
    await Promise.all([runOk(), runOk()]);
    await runOk();
    const open = ours().filter((i) => i.state === 'open');
    expect(open).toHaveLength(EXPECTED);
    for (const issue of ours().filter((i) => i.state === 'closed')) {
      expect(issue.stateReason).toBe('duplicate');
      const kept = open.find((o) => markerId(o) === markerId(issue))!;
      expect(kept.number).toBeLessThan(issue.number);
      expect(commentsOn(issue).at(-1)!.body).toContain(`Duplicate of #${kept.number}`);
    }
    await rerunWritesNothing();
  });

  it('closes a duplicate made by an earlier run, keeping the oldest, with one comment', async () => {
    await setup();
    await runOk();
    const original = one('INC-2026-012/AI-2');
    const copy = server.seedIssue(REPO, { title: original.title, body: original.body, labels: original.labels });
    await runOk();
    expect(original.state).toBe('open');
    expect(copy).toMatchObject({ state: 'closed', stateReason: 'duplicate' });
    expect(commentsOn(copy).map((c) => c.body)).toEqual([expect.stringContaining(`Duplicate of #${original.number}`)]);
    await rerunWritesNothing();
  });

  it('a 5xx or a dropped connection after GitHub applied the create does not duplicate the issue', async () => {
    await setup();
    server.inject(onIssueCreate({ kind: 'status', status: 502, afterApply: true }));
    server.inject(onIssueCreate({ kind: 'drop', afterApply: true }));
    const result = await runOk();
    expect(server.requests.filter((r) => r.fault)).toHaveLength(2);
    expect(ours()).toHaveLength(EXPECTED);
    expect(new Set(ours().map(markerId)).size).toBe(EXPECTED);
    expect(result.stdout).not.toContain('Failed');
  });

  it('a 5xx before the create is applied is retried after checking the markers', async () => {
    await setup();
    server.inject(onIssueCreate({ kind: 'status', status: 503 }));
    const result = await runOk();
    expect(ours()).toHaveLength(EXPECTED);
    expect(result.stdout).toContain('it does not exist, trying again');
  });

  it('waits out a secondary rate limit and carries on', async () => {
    await setup();
    server.inject(onIssueCreate({ kind: 'secondary-rate-limit', retryAfter: 1 }));
    const result = await runOk();
    expect(server.requests.filter((r) => r.fault === 'secondary-rate-limit')).toHaveLength(1);
    expect(result.stdout).toContain('Secondary rate limit');
    expect(ours()).toHaveLength(EXPECTED);
  });

  it("finds its issue on page 3 among pull requests and other people's issues", async () => {
    await setup();
    await runOk();
    const kept = one('INC-2026-014/AI-1');
    // Start again on a server where that one issue is old and buried under 250 newer items.
    const body = kept.body;
    await server.close();
    server = await startGitHubServer({ repos: [REPO], now: () => new Date(NOW) });
    seedRecords(server, REPO, workspace, ['incidents']);
    const seeded = server.seedIssue(REPO, {
      title: kept.title,
      body,
      labels: kept.labels,
      assignees: kept.assignees,
      createdAt: '2026-11-01T00:00:00Z',
    });
    for (let i = 0; i < 250; i++) {
      server.seedIssue(
        REPO,
        i % 2
          ? { title: `PR ${i}`, user: 'octocat', pullRequest: true, body: body }
          : { title: `Other ${i}`, user: 'octocat' },
      );
    }
    const mark = server.requests.length;
    const result = await runOk();
    expect(
      server.requests.slice(mark).filter((r) => r.method === 'GET' && /\/issues\?/.test(r.path)).length,
    ).toBeGreaterThanOrEqual(3);
    expect(result.outputs.created).toBe(String(EXPECTED - 1));
    expect(byId('INC-2026-014/AI-1').map((i) => i.number)).toEqual([seeded.number]);
  });

  it('leaves alone an issue whose marker was forged by someone else', async () => {
    await setup();
    await runOk();
    const body = one('INC-2026-014/AI-1').body!;
    await server.close();
    server = await startGitHubServer({ repos: [REPO], now: () => new Date(NOW) });
    seedRecords(server, REPO, workspace, ['incidents']);
    const forged = server.seedIssue(REPO, { title: 'Forged', body, user: 'mallory' });
    editItem('INC-2026-014', 'AI-1', OPEN_CELL, '| done |');
    editItem('INC-2026-014', 'AI-2', OPEN_CELL, '| done |');
    const result = await runOk();
    expect(result.stdout).toContain(`#${forged.number} carries a Firebreak marker but was opened by mallory`);
    expect(forged.state).toBe('open');
    expect(forged.body).toBe(body);
    expect(commentsOn(forged)).toHaveLength(0);
    expect(server.requests.some((r) => r.method !== 'GET' && r.path.includes(`/issues/${forged.number}`))).toBe(false);
  });

  it('fails with a clear message when it has no token and is not a dry run', async () => {
    await setup();
    const result = await runAction({
      entry: ENTRY,
      workspace,
      repository: REPO,
      apiUrl: server.url,
      inputs: { now: NOW },
    });
    expect(result.exitCode).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.message).toMatch(/token input is empty/);
  });
});
