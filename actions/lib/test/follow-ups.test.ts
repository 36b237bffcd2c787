// Follow-ups through the library's exported functions: the plan for each kind of record and
// state of GitHub, the Status-cell editor, and the text guards for GitHub.
import { describe, expect, it } from 'vitest';
import {
  createDryRunPort,
  formatFollowUpsText,
  neutralize,
  runFollowUps,
  safeTitle,
  setActionItemStatus,
  type FollowUpsReport,
  type GitHubIssue,
  type GitHubPort,
} from '../src/index.ts';
import { fixtureRepo, NOW, replace } from './repo.ts';

const INCIDENT = 'incidents/2026/2026-10-01-api-outage.md';
const UNPUBLISHED = replace('postmortem: published\npostmortem_published: 2026-10-04\n', 'postmortem: in-review\n');

/** A read-only GitHub holding `issues`, seen through the dry-run port. */
function githubWith(issues: GitHubIssue[]): GitHubPort {
  const reader = createDryRunPort();
  return createDryRunPort({ ...reader, listIssues: async () => issues, listRecentIssues: async () => issues });
}

function plan(root: string, issues: GitHubIssue[] = [], now = NOW): Promise<FollowUpsReport> {
  return runFollowUps({
    root,
    now,
    port: githubWith(issues),
    repository: 'acme/ops',
    commit: 'abc',
    baseBranch: 'main',
    dryRun: true,
  });
}

let number = 100;
/** The issues a first run would create, as GitHub would return them. */
async function created(root: string, now = NOW): Promise<GitHubIssue[]> {
  const report = await plan(root, [], now);
  return report.plan.changes
    .filter((c) => c.kind === 'create')
    .map((c) =>
      issue(c.fields!.body!, { title: c.title, labels: c.fields!.labels ?? [], assignees: c.fields!.assignees ?? [] }),
    );
}

function issue(body: string, fields: Partial<GitHubIssue> = {}): GitHubIssue {
  const n = number++;
  return {
    number: n,
    title: 'x',
    body,
    state: 'open',
    stateReason: null,
    labels: [],
    assignees: [],
    author: 'github-actions[bot]',
    createdAt: '2026-11-01T00:00:00Z',
    url: `https://github.com/acme/ops/issues/${n}`,
    ...fields,
  };
}

const marker = (state: Record<string, unknown>) =>
  `<!-- firebreak:tracking ${JSON.stringify({ fp: 'old', said: [], ...state })} -->\nbody`;
const kinds = (report: FollowUpsReport) => report.plan.changes.map((c) => `${c.kind} ${c.id}`);

describe('follow-ups plan', () => {
  it('tracks an overdue action item owned by a team without assigning anyone, and plans nothing more once it exists', async () => {
    const root = fixtureRepo();
    const first = await plan(root);
    expect(kinds(first)).toEqual(['create INC-2026-001/AI-2']);
    const create = first.plan.changes[0]!;
    expect(create.fields!.assignees).toEqual([]);
    expect(create.fields!.labels).toEqual(['follow-up', 'priority: P2', 'severity: SEV1', 'service: api', 'overdue']);
    const again = await plan(root, await created(root));
    expect(again.plan.changes).toEqual([]);
    expect(again.result.writes).toBe(0);
  });

  it('tracks an overdue postmortem, assigned to the commander, and closes it once published', async () => {
    const root = fixtureRepo({ [INCIDENT]: UNPUBLISHED });
    const first = await plan(root);
    const create = first.plan.changes.find((c) => c.id === 'INC-2026-001/postmortem')!;
    expect(create.kind).toBe('create');
    expect(create.fields!.assignees).toEqual(['alice']);
    expect(create.fields!.labels).toEqual(expect.arrayContaining(['postmortem', 'overdue']));
    expect(create.why).toBe('the postmortem was due on 2026-10-06');

    const existing = await created(root);
    const published = await plan(fixtureRepo(), existing);
    const close = published.plan.changes.find((c) => c.id === 'INC-2026-001/postmortem')!;
    expect(close.kind).toBe('close');
    expect(close.fields).toMatchObject({ state: 'closed', stateReason: 'completed' });
  });

  it('leaves a postmortem issue a person closed alone, with a note', async () => {
    const root = fixtureRepo({ [INCIDENT]: UNPUBLISHED });
    const existing = (await created(root)).map((i) =>
      i.body.includes('/postmortem"') ? { ...i, state: 'closed' as const, stateReason: 'completed' } : i,
    );
    const report = await plan(root, existing);
    expect(kinds(report)).toEqual([]);
    expect(report.plan.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/was closed on GitHub while INC-2026-001\/postmortem is still open in git; left closed/),
    ]);
  });

  it('tracks a runbook review per cycle, and closes the old cycle once reviewed', async () => {
    const root = fixtureRepo({
      'runbooks/api-restart.md': replace('last_reviewed: 2026-10-01', 'last_reviewed: 2026-08-01'),
    });
    expect(kinds(await plan(root))).toContain('create runbook/api-restart/2026-10-30');
    const old = issue(marker({ id: 'runbook/api-restart/2026-10-30' }));
    const reviewed = await plan(fixtureRepo(), [old]);
    expect(kinds(reviewed)).toContain('close runbook/api-restart/2026-10-30');
    expect(reviewed.plan.changes.find((c) => c.kind === 'close')!.comments[0]!.body).toContain(
      'reviewed on 2026-10-01; its next review is due on 2026-12-30',
    );
  });

  it('closes as not planned an issue whose item left the table, and leaves alone one whose postmortem cannot be read', async () => {
    const removed = issue(marker({ id: 'INC-2026-001/AI-9' }));
    const report = await plan(fixtureRepo(), [removed]);
    expect(report.plan.changes.find((c) => c.id === 'INC-2026-001/AI-9')).toMatchObject({
      kind: 'close',
      fields: { stateReason: 'not_planned' },
    });

    const broken = fixtureRepo({ [INCIDENT]: replace('severity: SEV1', 'severity: [SEV1') });
    const kept = issue(marker({ id: 'INC-2026-001/AI-2' }));
    const unsure = await plan(broken, [kept]);
    expect(unsure.plan.changes).toEqual([]);
    expect(unsure.plan.notes.map((n) => n.message)).toEqual([
      expect.stringContaining(`#${kept.number} tracks INC-2026-001/AI-2, which git no longer lists`),
    ]);
    expect(formatFollowUpsText(unsure)).toContain('1 problem reading the records');
  });

  it('reopens an issue it closed when the item is open again in git', async () => {
    const root = fixtureRepo();
    const [tracked] = await created(root);
    const closed = {
      ...tracked!,
      state: 'closed' as const,
      stateReason: 'completed',
      body: tracked!.body.replace('} -->', ',"closed":"git"} -->'),
    };
    const report = await plan(root, [closed]);
    expect(report.plan.changes.map((c) => [c.kind, c.fields?.state])).toEqual([['reopen', 'open']]);
  });

  it('respects a person closing an item issue as a duplicate: no new issue, no pull request', async () => {
    const root = fixtureRepo();
    const [tracked] = await created(root);
    const report = await plan(root, [{ ...tracked!, state: 'closed', stateReason: 'duplicate' }]);
    expect(report.plan.changes).toEqual([]);
    expect(report.plan.markDone).toEqual([]);
    expect(report.plan.notes).toHaveLength(1);
  });

  it('reads an issue closed with no reason (closed before GitHub had reasons) as completed', async () => {
    const root = fixtureRepo();
    const [tracked] = await created(root);
    const report = await plan(root, [{ ...tracked!, state: 'closed', stateReason: null }]);
    expect(report.plan.markDone).toMatchObject([
      { id: 'INC-2026-001/AI-2', itemId: 'AI-2', status: 'done', file: INCIDENT },
    ]);
  });

  it('skips items it cannot follow up and says why', async () => {
    const root = fixtureRepo({
      [INCIDENT]: replace('| 2026-10-30 | P2       | open   |', '| next week  | P2       | open   |'),
    });
    const report = await plan(root);
    expect(report.skipped).toEqual([
      { file: INCIDENT, line: 46, id: 'INC-2026-001/AI-2', why: 'the due date "next week" is not a YYYY-MM-DD date' },
    ]);
  });

  it('with track: all, tracks open items long before they are due', async () => {
    const root = fixtureRepo({
      'policies/policies.yaml': replace('track: due-soon', 'track: all'),
      [INCIDENT]: replace('| 2026-10-30 | P2       | open   |', '| 2027-01-10 | P2       | open   |'),
    });
    const report = await plan(root);
    expect(report.plan.changes.map((c) => [c.kind, c.id, c.why])).toEqual([
      ['create', 'INC-2026-001/AI-2', 'the policy tracks every open item'],
    ]);
  });
});

describe('setActionItemStatus', () => {
  const table = [
    '---',
    'id: INC-1',
    '---',
    '',
    '## Action Items',
    '',
    '| ID | Action | Owner | Due | Priority | Status |',
    '|----|--------|-------|-----|----------|--------|',
  ];

  it('changes only the Status cells, keeping CRLF endings, the BOM, padding and escaped pipes', () => {
    const rows = [
      '| AI-1 | Split `a \\| b` |  @alice | 2026-12-01 | P1 |   in-progress   |',
      '| AI-2 | Other | @bob | 2026-12-01 | P1 | open |',
      '',
    ];
    const original = `\uFEFF${[...table, ...rows].join('\r\n')}`;
    const edit = setActionItemStatus('a.md', original, [{ itemId: 'AI-1', status: 'done' }]);
    expect(edit.changed).toEqual(['AI-1']);
    expect(edit.text).toBe(original.replace('   in-progress   |', '   done   |'));
  });

  it('leaves the text untouched and explains when an item is missing, repeated or has an empty status', () => {
    const rows = [
      '| AI-1 | A | @alice | 2026-12-01 | P1 | open |',
      '| AI-1 | B | @alice | 2026-12-01 | P1 | open |',
      '| AI-2 | C | @bob | 2026-12-01 | P1 |  |',
    ];
    const original = [...table, ...rows].join('\n');
    const edit = setActionItemStatus('a.md', original, [
      { itemId: 'AI-1', status: 'done' },
      { itemId: 'AI-2', status: 'done' },
      { itemId: 'AI-3', status: 'wont-do' },
    ]);
    expect(edit.text).toBe(original);
    expect(edit.problems.map((p) => p.message)).toEqual([
      'AI-1 appears 2 times in a.md.',
      'The Status cell of AI-2 in a.md could not be located exactly; change it by hand.',
      'AI-3 is not in the action-items table of a.md.',
    ]);
  });

  it('reports an item already in the wanted state as unchanged', () => {
    const original = [...table, '| AI-1 | A | @alice | 2026-12-01 | P1 | done |'].join('\n');
    expect(setActionItemStatus('a.md', original, [{ itemId: 'AI-1', status: 'done' }])).toMatchObject({
      text: original,
      changed: [],
      unchanged: ['AI-1'],
    });
  });
});

describe('text for GitHub', () => {
  it('neutralises mentions, issue references, closing keywords and HTML comments', () => {
    const text = neutralize('cc @alice and @acme/sre: fixes #12, closes acme/web#3, GH-4 <!-- hidden -->');
    expect(text).not.toMatch(/@[a-z]/);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/GH-\d/);
    expect(text).not.toContain('<!--');
    expect(text.replace(/\u2060/g, '')).toBe(
      'cc @alice and @acme/sre: fixes #12, closes acme/web#3, GH-4 <!-- hidden -->',
    );
    expect(neutralize('mail me at ops@example.com')).toBe('mail me at ops@\u2060example.com');
  });

  it('fits titles in 256 characters on one line, without splitting a surrogate pair', () => {
    const title = safeTitle(`${'x'.repeat(254)}😀 and\nmore`);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title).toBe(`${'x'.repeat(254)}…`);
    expect(safeTitle('a\nb')).toBe('a b');
  });
});
