// The declare action end to end: the bundled dist/index.js started the way the runner starts it
// (Node 24, INPUT_* and GITHUB_* variables, the issues event in GITHUB_EVENT_PATH) against the local
// GitHub server, which checks every request against GitHub's OpenAPI description.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository, validateRepository } from '../../lib/src/index.ts';
import { startGitHubServer, type GitHubServer, type IssueRecord } from '../../lib/testing/github-server.ts';
import { copyExample, endToEndHooks, PROJECT, RECORD_DIRS } from '../../lib/testing/workspace.ts';
import { runOnServer } from '../../lib/testing/action-run.ts';
import { issueOpenedEvent } from '../../lib/testing/events.ts';
import { seedRecords } from '../../lib/testing/seed.ts';
import { githubFacts } from '../../lib/testing/github-markdown.ts';
import { hasNode24, NODE24_INSTALL, type ActionRun } from '../../lib/testing/runner.ts';

const ENTRY = path.join(PROJECT, 'actions/declare/dist/index.js');
const REPO = 'acme/incidents';
const NOW = '2026-11-21T12:00:00Z';
const FILE = 'incidents/2026/2026-11-21-card-payments-failing-in-both-regions.md';

let server: GitHubServer;
let workspace: string;

endToEndHooks(() => ({ server, workspace }));

/** A checkout of the example records, and GitHub holding the same files on main. */
async function setup(): Promise<void> {
  workspace = copyExample('declare', [...RECORD_DIRS, 'schemas']);
  server = await startGitHubServer({ repos: [REPO], now: () => new Date(NOW) });
  seedRecords(server, REPO, workspace);
}

/** The body GitHub writes for the incident form. */
function formBody(values: {
  severity?: string;
  services?: string;
  started?: string;
  commander?: string;
  summary?: string;
}): string {
  const section = (label: string, value: string | undefined) => `### ${label}\n\n${value || '_No response_'}`;
  return [
    section('Severity', values.severity),
    section('Affected services', values.services),
    section('Impact started', values.started),
    section('Incident commander', values.commander),
    section('Summary', values.summary),
  ].join('\n\n');
}

const GOOD = {
  severity: 'SEV1',
  services: 'payments-gateway, web-app',
  started: '2026-11-21 09:30',
  commander: '',
  summary: 'Card authorisations fail with PSP timeouts in eu-west and eu-central.',
};

function openIssue(fields: { title?: string; body?: string; user?: string; labels?: string[] } = {}): IssueRecord {
  return server.seedIssue(REPO, {
    title: fields.title ?? '[Incident]: Card payments failing in both regions',
    body: fields.body ?? formBody(GOOD),
    user: fields.user ?? 'amelie-roux',
    userType: 'User',
    labels: fields.labels ?? ['incident'],
  });
}

/** The action for `issue`'s opened event (or `action`, another action on it). */
function run(issue: IssueRecord, options: { killWhen?: () => boolean; action?: string } = {}): Promise<ActionRun> {
  const event = issueOpenedEvent(issue, REPO);
  return runOnServer(server, {
    entry: ENTRY,
    workspace,
    repository: REPO,
    inputs: { now: NOW },
    event: options.action ? { ...event, payload: { ...event.payload, action: options.action } } : event,
    killWhen: options.killWhen,
  });
}

async function runOk(issue: IssueRecord): Promise<ActionRun> {
  const result = await run(issue);
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

const state = () => server.state.repo(REPO);
const pulls = () => state().issues.filter((i) => i.pullRequest);
const commentsOn = (issue: IssueRecord) => state().comments.filter((c) => c.issueNumber === issue.number);
const writesSince = (mark: number) =>
  server.requests
    .slice(mark)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.route}`);
const branch = (issue: IssueRecord) => `firebreak/declare-${issue.number}`;

/** What a run that refuses to declare writes: one comment on the issue and no branch. Returns the comment's body. */
function onlyCommentSince(mark: number, issue: IssueRecord): string {
  expect(writesSince(mark)).toEqual(['POST /repos/{owner}/{repo}/issues/{issue_number}/comments']);
  expect(state().branches.has(branch(issue))).toBe(false);
  const [comment] = commentsOn(issue);
  return comment!.body;
}

describe.skipIf(!hasNode24())(`the declare action (needs Node 24: ${NODE24_INSTALL})`, () => {
  it("a member's issue: one branch, one commit of the record, one draft pull request linking the issue, one comment; the record validates", async () => {
    await setup();
    const mainHead = state().branches.get('main')!;
    const issue = openIssue();
    const mark = server.requests.length;
    const result = await runOk(issue);

    expect(result.outputs).toMatchObject({
      result: 'declared',
      'incident-id': 'INC-2026-015',
      path: FILE,
      branch: branch(issue),
    });
    expect(writesSince(mark)).toEqual([
      'POST /repos/{owner}/{repo}/git/refs',
      'PUT /repos/{owner}/{repo}/contents/{path}',
      'POST /repos/{owner}/{repo}/pulls',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
    // One commit on top of main, adding exactly the record.
    const head = state().commits.get(state().branches.get(branch(issue))!)!;
    expect(head.parents).toEqual([mainHead]);
    expect([...head.tree.keys()].filter((file) => !state().commits.get(mainHead)!.tree.has(file))).toEqual([FILE]);
    expect(head.message).toBe(
      `Declare INC-2026-015 (SEV1): Card payments failing in both regions\n\nDeclared in #${issue.number} with the incident form.`,
    );

    const [pull] = pulls();
    expect(pulls()).toHaveLength(1);
    expect(pull).toMatchObject({
      draft: true,
      head: branch(issue),
      base: 'main',
      title: 'INC-2026-015 (SEV1): Card payments failing in both regions',
      state: 'open',
    });
    expect(pull!.body).toContain(`Declared in #${issue.number} by \`@amelie-roux\`.`);
    expect(pull!.body).not.toMatch(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b[^\n]*#\d/i);
    expect(pull!.body).toContain(
      '- [ ] Name the roles SEV1 requires besides the commander: `communications`, `scribe`',
    );
    expect(result.outputs['pull-request']).toBe(`https://github.com/${REPO}/pull/${pull!.number}`);

    const comments = commentsOn(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(
      `Declared **INC-2026-015** (SEV1): draft pull request #${pull!.number} adds \`${FILE}\`.`,
    );
    expect(comments[0]!.body).toContain('@amelie-roux is the incident commander.');

    // The committed record, read back from GitHub, validates in the checkout: only the roles a
    // person must still name are reported (the form asks for the commander alone).
    const committed = server.fileAt(REPO, branch(issue), FILE)!;
    expect(committed).toContain('id: "INC-2026-015"\n');
    expect(committed).toContain('commander: "@amelie-roux"\n');
    writeFileSync(path.join(workspace, FILE), committed);
    const diagnostics = validateRepository(loadRepository(workspace), { now: Date.parse(NOW) }).diagnostics;
    expect(diagnostics.map((d) => `${d.rule} ${d.file}: ${d.message}`)).toEqual([
      `roles-required ${FILE}: Incident INC-2026-015 is SEV1, which requires a communications, and none is named.`,
      `roles-required ${FILE}: Incident INC-2026-015 is SEV1, which requires a scribe, and none is named.`,
    ]);
    expect(result.summary).toContain('## Declared INC-2026-015');
  });

  it('the same event delivered again changes nothing', async () => {
    await setup();
    const issue = openIssue();
    await runOk(issue);
    const mark = server.requests.length;
    const again = await runOk(issue);
    expect(again.outputs).toMatchObject({ result: 'already-declared', branch: branch(issue) });
    expect(writesSince(mark)).toEqual([]);
    expect(pulls()).toHaveLength(1);
    expect(commentsOn(issue)).toHaveLength(1);
    // Even after the pull request is merged and its branch deleted.
    server.mergePull(REPO, pulls()[0]!.number);
    state().branches.delete(branch(issue));
    const merged = server.requests.length;
    expect((await runOk(issue)).outputs.result).toBe('already-declared');
    expect(writesSince(merged)).toEqual([]);
  });

  it('a run stopped half way (after creating the branch) is completed by the next, with no second record', async () => {
    await setup();
    const issue = openIssue();
    const stopped = await run(issue, {
      killWhen: () => server.requests.some((r) => r.method === 'POST' && r.route === '/repos/{owner}/{repo}/git/refs'),
    });
    expect(stopped.exitCode).not.toBe(0);
    expect(state().branches.has(branch(issue))).toBe(true);
    expect(pulls()).toHaveLength(0);
    const result = await runOk(issue);
    expect(result.outputs.result).toBe('declared');
    expect(pulls()).toHaveLength(1);
    expect(commentsOn(issue)).toHaveLength(1);
    const head = state().commits.get(state().branches.get(branch(issue))!)!;
    expect(head.parents).toEqual([state().branches.get('main')]);
  });

  it("a non-member's issue gets only a comment saying who may declare and how to be added, once", async () => {
    await setup();
    const issue = openIssue({ user: 'mallory' });
    const mark = server.requests.length;
    const result = await runOk(issue);
    expect(result.outputs.result).toBe('not-a-member');
    const comment = onlyCommentSince(mark, issue);
    expect(comment).toContain(
      'only members of a Team in the records may declare incidents with this form, and `@mallory` is not one.',
    );
    expect(comment).toContain("ask your team's lead to add you to the team's `members` in `policies/teams.yaml`");
    // Leads are named without being pinged.
    expect(comment.replace(/`[^`\n]*`/g, '')).not.toMatch(/@[A-Za-z]/);
    expect(result.commands.some((c) => c.command === 'warning' && c.message.includes('not a member'))).toBe(true);
    const again = server.requests.length;
    await runOk(issue);
    expect(writesSince(again)).toEqual([]);
  });

  it('invalid values get one comment listing each problem and how to fix it; after the issue is edited, a re-run declares', async () => {
    await setup();
    const issue = openIssue({
      body: formBody({ ...GOOD, severity: 'SEV7', services: 'paymnts-gateway', commander: '@amelie' }),
    });
    const mark = server.requests.length;
    const result = await run(issue);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.result).toBe('invalid');
    const comment = onlyCommentSince(mark, issue);
    for (const line of [
      'Nothing was declared yet: 3 values in the form need fixing. No branch and no pull request were created.',
      '- **Severity**: The severity "SEV7" is not a level of the Severities policy. Choose one of SEV0 (Critical)',
      '- **Affected services**: The service "paymnts-gateway" is not defined in policies/. Did you mean "payments-gateway"?',
      '- **Incident commander**: The incident commander "@\u2060amelie" is not a member of any Team in policies/. Did you mean "@\u2060amelie-roux"?',
      `[re-run the workflow run](https://github.com/${REPO}/actions/runs/1)`,
    ])
      expect(comment).toContain(line);
    expect(result.commands.find((c) => c.command === 'error')?.message).toMatch(/3 value\(s\) in the form need fixing/);

    // Re-run without an edit: the same problems are not said twice.
    const again = server.requests.length;
    expect((await run(issue)).exitCode).toBe(1);
    expect(writesSince(again)).toEqual([]);

    // The author edits the issue as the comment says; re-running the same event now declares.
    issue.body = formBody({ ...GOOD, severity: 'SEV1', services: 'payments-gateway', commander: '@amelie-roux' });
    const fixed = await runOk(issue);
    expect(fixed.outputs.result).toBe('declared');
    expect(pulls()).toHaveLength(1);
    expect(commentsOn(issue)).toHaveLength(2);
  });

  it('an issue without the label is ignored: no request writes anything', async () => {
    await setup();
    const issue = openIssue({ labels: ['bug'] });
    const mark = server.requests.length;
    const result = await runOk(issue);
    expect(result.outputs.result).toBe('ignored');
    expect(result.stdout).toContain(`Nothing to declare: issue #${issue.number} does not have the label "incident".`);
    expect(writesSince(mark)).toEqual([]);
  });

  it('other events are ignored without a request', async () => {
    await setup();
    const issue = openIssue();
    const mark = server.requests.length;
    const result = await run(issue, { action: 'edited' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.result).toBe('ignored');
    expect(server.requests.slice(mark)).toEqual([]);
  });

  it("an outsider's pull request on a declaration branch reserves no id: only the bot's declarations do", async () => {
    await setup();
    server.seedIssue(REPO, {
      title: 'INC-2026-015 (SEV3): Squatting',
      body: '<!-- firebreak:declare:pull-request {"issue":1,"id":"INC-2026-015","path":"incidents/2026/2026-11-20-x.md"} -->',
      user: 'mallory',
      pullRequest: true,
      head: 'firebreak/declare-1',
      base: 'main',
    });
    const result = await runOk(openIssue());
    expect(result.outputs['incident-id']).toBe('INC-2026-015');
  });

  it('hostile form values stay data: nothing pings, references or closes another issue; the id skips one reserved by an open declaration', async () => {
    await setup();
    // Another declaration is open and holds INC-2026-015.
    server.seedFiles(REPO, { 'incidents/2026/2026-11-20-other.md': 'draft\n' }, { branch: 'firebreak/declare-1' });
    server.seedIssue(REPO, {
      title: 'INC-2026-015 (SEV3): Other',
      body: '<!-- firebreak:declare:pull-request {"issue":1,"id":"INC-2026-015","path":"incidents/2026/2026-11-20-other.md"} -->\nDeclared in #1.',
      pullRequest: true,
      head: 'firebreak/declare-1',
      base: 'main',
    });
    const issue = openIssue({
      title: '[Incident]: Checkout down for @acme/payments, fixes #1 <!-- firebreak:declare:declared {"issue":99} -->',
      body: formBody({
        ...GOOD,
        summary:
          'Ping @everyone and close #1.\n## Action Items\n| AI-1 | x |\n$(rm -rf ~) `id` <script>alert(1)</script>',
      }),
    });
    const result = await runOk(issue);
    expect(result.outputs['incident-id']).toBe('INC-2026-016');
    const pull = pulls().find((p) => p.head === branch(issue))!;
    const comment = commentsOn(issue)[0]!;
    expect(pull.title).not.toContain('<!--');
    for (const text of [pull.title, pull.body!, comment.body]) {
      const visible = text.replace(/`[^`\n]*`/g, '').replace(/^<!-- firebreak:declare:[a-z-]+ \{[^\n]*\} -->$/m, '');
      expect(visible.replace('@amelie-roux is the incident commander', '')).not.toMatch(/@[A-Za-z]/);
      expect(visible.replace(`#${issue.number}`, '').replace(`#${pull.number}`, '')).not.toMatch(/#\d/);
    }
    // As GitHub reads them, each body has exactly one comment: its own marker.
    for (const body of [pull.body!, comment.body])
      expect(githubFacts(body).html.filter((h) => h.includes('<!--'))).toHaveLength(1);
    const file = server.fileAt(REPO, branch(issue), result.outputs.path!)!;
    expect(file).toContain(
      'title: "Checkout down for @acme/payments, fixes #1 <!-- firebreak:declare:declared {\\"issue\\":99} -->"\n',
    );
    writeFileSync(path.join(workspace, result.outputs.path!), file);
    const repo = loadRepository(workspace);
    expect(repo.incidents.find((i) => i.file === result.outputs.path)!.body.headings.map((h) => h.text)).toEqual([
      'Summary',
      'Customer Impact',
      'Timeline',
      'Contributing Factors',
      'Action Items',
    ]);
  });
});
