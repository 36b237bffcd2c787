import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/index.ts';
import { renderIssueForm } from '../src/init/index.ts';
import { tempDir } from '../testing/temp.ts';
import { fixtureRepo, lineOf, replace, summary, validate, type Change } from './repo.ts';

const INC1 = 'incidents/2026/2026-10-01-api-outage.md';
const INC2 = 'incidents/2026/2026-10-20-slow-search.md';
const POLICIES = 'policies/policies.yaml';
const SLO = 'slos/api-availability.yaml';
const RUNBOOK = 'runbooks/api-restart.md';

function problems(changes: Record<string, Change>): { root: string; diagnostics: Diagnostic[] } {
  const root = fixtureRepo(changes);
  const diagnostics = validate(root);
  return { root, diagnostics };
}

/** Asserts that exactly the expected diagnostics are reported, each at the line holding its needle. */
function expectOnly(
  root: string,
  diagnostics: Diagnostic[],
  expected: [rule: string, file: string, needle: string | number][],
): void {
  const wanted = expected.map(
    ([rule, file, needle]) => `${rule} ${file}:${typeof needle === 'number' ? needle : lineOf(root, file, needle)}`,
  );
  expect(summary(diagnostics).sort()).toEqual(wanted.sort());
}

describe('the base fixture', () => {
  it('is valid: no diagnostics at all', () => {
    expect(validate(fixtureRepo())).toEqual([]);
  });
});

describe('file-readable', () => {
  it('reports invalid UTF-8 with the line of the bad byte and still checks other files', () => {
    const good = Buffer.from('---\nid: INC-2026-003\ntitle: caf');
    const bad = Buffer.concat([good, Buffer.from([0xe9]), Buffer.from('\n---\n')]);
    const { root, diagnostics } = problems({
      'incidents/2026/2026-10-25-latin1.md': bad,
      [INC2]: replace('commander: "@carol"', 'commander: "@nobody"'),
    });
    expectOnly(root, diagnostics, [
      ['file-readable', 'incidents/2026/2026-10-25-latin1.md', 3],
      ['references', INC2, 'commander:'],
    ]);
    expect(diagnostics.find((d) => d.rule === 'file-readable')!.message).toMatch(
      /not valid UTF-8: byte 0xe9 at line 3, column 11/,
    );
  });

  it('refuses files over the size limit', () => {
    const { diagnostics } = problems({
      'incidents/2026/2026-10-26-huge.md': `---\nid: INC-2026-009\n---\n${'x'.repeat(1024 * 1024)}`,
    });
    expect(summary(diagnostics)).toEqual(['file-readable incidents/2026/2026-10-26-huge.md:1']);
    expect(diagnostics[0]!.message).toMatch(/over the 1\.0 MiB limit/);
  });

  it('does not follow symbolic links, even to files inside the repository', () => {
    const root = fixtureRepo();
    symlinkSync(path.join(root, INC1), path.join(root, 'incidents/2026/2026-10-02-link.md'));
    symlinkSync('/etc', path.join(root, 'incidents/escape'));
    const diagnostics = validate(root);
    expect(summary(diagnostics)).toEqual([
      'file-readable incidents/2026/2026-10-02-link.md:1',
      'file-readable incidents/escape:1',
    ]);
  });
});

describe('yaml-syntax', () => {
  it('refuses duplicate keys at the second key', () => {
    const { root, diagnostics } = problems({ [INC1]: replace('severity: SEV1\n', 'severity: SEV1\nseverity: SEV3\n') });
    expectOnly(root, diagnostics, [['yaml-syntax', INC1, 'severity: SEV3']]);
    expect(diagnostics[0]!.message).toContain('the key "severity" appears twice');
  });

  it('never evaluates JavaScript front matter', () => {
    const marker = '__firebreak_evaluated__';
    const { diagnostics } = problems({
      'incidents/2026/2026-10-27-js.md': `---js\n{ id: (globalThis.${marker} = 'INC-2026-010') }\n---\n`,
    });
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['yaml-syntax incidents/2026/2026-10-27-js.md:1']);
    expect(diagnostics[0]!.message).toMatch(/only YAML front matter is read/);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
    ].join('\n');
    const { diagnostics } = problems({ 'policies/bomb.yaml': `${bomb}\n` });
    expect(summary(diagnostics)).toEqual(['yaml-syntax policies/bomb.yaml:1']);
    expect(diagnostics[0]!.message).toMatch(/aliases beyond the limit/);
  });

  it('refuses nesting deeper than the limit before parsing', () => {
    const { diagnostics } = problems({
      'policies/deep.yaml': `x: ${'['.repeat(100_000)}\n`,
      'policies/deep-block.yaml': Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
    });
    expect(summary(diagnostics)).toEqual([
      'yaml-syntax policies/deep-block.yaml:65',
      'yaml-syntax policies/deep.yaml:1',
    ]);
  });

  it('refuses custom tags', () => {
    const { root, diagnostics } = problems({
      [INC1]: replace(
        'impact: All API calls failed for 40 minutes.',
        'impact: !!js/function "function () { return 1 }"',
      ),
    });
    expectOnly(root, diagnostics, [['yaml-syntax', INC1, 'impact:']]);
  });

  it('refuses a second document in front matter', () => {
    const { root, diagnostics } = problems({
      [INC2]: replace('related: [INC-2026-001]\n', 'related: [INC-2026-001]\n...\nextra: 1\n'),
    });
    expectOnly(root, diagnostics, [['yaml-syntax', INC2, 'extra: 1']]);
  });

  it('reports front matter that is opened but never closed', () => {
    const { diagnostics } = problems({ 'incidents/2026/2026-10-28-open.md': '---\nid: INC-2026-011\ntitle: x\n' });
    expect(summary(diagnostics)).toEqual(['yaml-syntax incidents/2026/2026-10-28-open.md:1']);
  });
});

describe('schema', () => {
  it('keeps ids as written and says how to quote a value YAML read as a number', () => {
    const { root, diagnostics } = problems({ [INC2]: replace('id: INC-2026-002', 'id: 0042') });
    expectOnly(root, diagnostics, [['schema', INC2, 'id: 0042']]);
    expect(diagnostics[0]!.message).toContain('YAML reads `0042` as the number 42');
    expect(diagnostics[0]!.hint).toBe('Quote it so it stays exactly as written: id: "0042"');
  });

  it('suggests the closest allowed value and field name', () => {
    const { root, diagnostics } = problems({
      [INC2]: (t) => replace('status: monitoring', 'status: monitorin')(replace('severity: SEV3', 'severty: SEV3')(t)),
    });
    expectOnly(root, diagnostics, [
      ['schema', INC2, 'severty:'],
      ['schema', INC2, 'status: monitorin'],
      ['schema', INC2, 'id: INC-2026-002'],
    ]);
    const hints = diagnostics.map((d) => d.hint);
    expect(hints).toContain('Did you mean "severity"?');
    expect(hints).toContain('Did you mean "monitoring"?');
  });

  it('points inside YAML records at the offending value', () => {
    const { root, diagnostics } = problems({ [POLICIES]: replace('timeToAction: 4h', 'timeToAction: four hours') });
    expectOnly(root, diagnostics, [['schema', POLICIES, 'timeToAction: four hours']]);
    expect(diagnostics[0]!.column).toBe(lineColumn(root, POLICIES, 'four hours'));
  });

  it('reports an unknown kind and an apiVersion Firebreak does not read', () => {
    const { root, diagnostics } = problems({
      'policies/extra.yaml':
        'apiVersion: firebreak/v1\nkind: Teem\nmetadata: { name: x }\nspec: {}\n---\napiVersion: openslo/v2alpha\nkind: SLO\nmetadata: { name: y }\nspec: {}\n',
    });
    expectOnly(root, diagnostics, [
      ['schema', 'policies/extra.yaml', 'kind: Teem'],
      ['schema', 'policies/extra.yaml', 'apiVersion: openslo/v2alpha'],
    ]);
  });

  it('reports a Markdown record without front matter', () => {
    const { diagnostics } = problems({ 'incidents/2026/2026-10-29-notes.md': '# Notes\n' });
    expect(summary(diagnostics)).toEqual(['schema incidents/2026/2026-10-29-notes.md:1']);
  });
});

describe('bidi-controls', () => {
  it('reports a line full of controls once, and the next line holding one too', () => {
    const file = 'runbooks/flood.md';
    const { diagnostics } = problems({ [file]: `${'\u202E'.repeat(300_000)}\nplain\nx\u2066y\n` });
    expect(diagnostics.filter((d) => d.rule === 'bidi-controls').map((d) => [d.line, d.column])).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });

  it('reports each line holding a bidirectional-text control, in front matter, policies and the body, at its column', () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        replace(
          'impact: All API calls failed for 40 minutes.',
          'impact: All API calls \u2067failed\u2069 for 40 minutes.',
        )(replace('A configuration change removed', 'A configuration \u202Echange removed')(t)),
      [POLICIES]: replace('  name: platform\n', '  name: platform\n# owned by \u202Dops\n'),
    });
    expectOnly(root, diagnostics, [
      ['bidi-controls', INC1, 'impact: All API calls'],
      ['bidi-controls', INC1, 'A configuration'],
      ['bidi-controls', POLICIES, '# owned by'],
    ]);
    expect(diagnostics.find((d) => d.file === INC1)!.column).toBe(lineColumn(root, INC1, '\u2067failed'));
    expect(diagnostics.find((d) => d.file === POLICIES)!.message).toContain('U+202D (LEFT-TO-RIGHT OVERRIDE)');
  });
});

describe('yaml-syntax: records that cannot be data', () => {
  it('refuses an alias inside the value it names, and a YAML file with no record in it', () => {
    const { root, diagnostics } = problems({
      [INC2]: replace('related: [INC-2026-001]', 'related: [INC-2026-001]\nx-loop: &a [*a]'),
      'policies/empty.yaml': '# to do\n',
    });
    expectOnly(root, diagnostics, [
      ['yaml-syntax', INC2, 'x-loop'],
      ['yaml-syntax', 'policies/empty.yaml', 1],
    ]);
  });
});

function lineColumn(root: string, file: string, needle: string): number {
  const text = readFileSync(path.join(root, file), 'utf8').split('\n')[lineOf(root, file, needle) - 1]!;
  return text.indexOf(needle) + 1;
}

describe('unique-ids', () => {
  it('reports a reused incident id and a policy defined twice', () => {
    const { root, diagnostics } = problems({
      [INC2]: replace('id: INC-2026-002', 'id: INC-2026-001'),
      'policies/zz-more.yaml':
        'apiVersion: firebreak/v1\nkind: Team\nmetadata:\n  name: platform\nspec:\n  members:\n    - handle: "@dora"\n',
    });
    expectOnly(root, diagnostics, [
      ['unique-ids', INC2, 'id: INC-2026-001'],
      ['unique-ids', 'policies/zz-more.yaml', 'name: platform'],
    ]);
  });
});

describe('unique-ids for runbooks', () => {
  it('reports a second runbook with the same id', () => {
    const { root, diagnostics } = problems({
      'runbooks/api-restart-copy.md': (() => readFileSync(path.join(fixtureRepo(), RUNBOOK), 'utf8'))(),
    });
    expectOnly(root, diagnostics, [
      ['unique-ids', 'runbooks/api-restart.md', 'id: api-restart'],
      ['file-naming', 'runbooks/api-restart-copy.md', 'id: api-restart'],
    ]);
  });
});

describe('file-naming', () => {
  it('reports an incident filed under another date', () => {
    const { root, diagnostics } = problems({
      [INC2]: replace('started: 2026-10-20T08:00:00+02:00', 'started: 2026-10-19T08:00:00+02:00'),
    });
    expectOnly(root, diagnostics, [['file-naming', INC2, 'started:']]);
    expect(diagnostics[0]!.hint).toContain('incidents/2026/2026-10-19-slow-search.md');
  });

  it('reports a runbook whose file name is not its id', () => {
    const { root, diagnostics } = problems({
      [RUNBOOK]: replace('id: api-restart', 'id: api-restarts'),
      [POLICIES]: replace('runbooks: [api-restart]', 'runbooks: [api-restarts]'),
      [INC1]: replace('runbooks: [api-restart]', 'runbooks: [api-restarts]'),
    });
    expectOnly(root, diagnostics, [['file-naming', RUNBOOK, 'id: api-restarts']]);
  });
});

describe('timestamp-required and timestamp-order', () => {
  it('reports a resolved incident without mitigated', () => {
    const { root, diagnostics } = problems({ [INC1]: replace('mitigated: 2026-10-01T10:40:00+02:00\n', '') });
    expectOnly(root, diagnostics, [['timestamp-required', INC1, 'status: resolved']]);
  });

  it('reports a resolved timestamp on an incident still monitoring', () => {
    const { root, diagnostics } = problems({
      [INC2]: replace(
        'mitigated: 2026-10-20T09:10:00+02:00\n',
        'mitigated: 2026-10-20T09:10:00+02:00\nresolved: 2026-10-20T10:00:00+02:00\n',
      ),
    });
    expectOnly(root, diagnostics, [['timestamp-required', INC2, 'resolved:']]);
  });

  it('reports a timestamp before the one it follows, across offsets', () => {
    const { root, diagnostics } = problems({
      [INC1]: replace('detected: 2026-10-01T10:04:00+02:00', 'detected: 2026-10-01T07:30:00Z'),
    });
    expectOnly(root, diagnostics, [
      ['timestamp-order', INC1, 'detected:'],
      ['timestamp-offset', INC1, 'detected:'],
    ]);
    expect(diagnostics.find((d) => d.rule === 'timestamp-order')!.message).toContain('30m before "started"');
  });
});

describe('references', () => {
  it('reports unknown services, people, SLOs, runbooks, factors and related incidents with suggestions', () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        [
          'services: [api]|services: [apii]',
          'commander: "@alice"|commander: "@alicia"',
          'slo: api-availability|slo: api-avail',
          'contributing_factors: [config-change]|contributing_factors: [config-changes]',
          'runbooks: [api-restart]|runbooks: [api-reboot]',
        ].reduce((text, pair) => {
          const [from, to] = pair.split('|') as [string, string];
          return replace(from, to)(text);
        }, t),
      [INC2]: replace('related: [INC-2026-001]', 'related: [INC-2026-101]'),
    });
    expectOnly(root, diagnostics, [
      ['references', INC1, 'services:'],
      ['references', INC1, 'commander:'],
      ['references', INC1, 'slo: api-avail'],
      ['references', INC1, 'contributing_factors:'],
      ['references', INC1, 'runbooks:'],
      ['references', INC2, 'related:'],
    ]);
    expect(diagnostics.find((d) => d.message.includes('"apii"'))!.hint).toMatch(/^Did you mean "api"\?/);
    expect(diagnostics.find((d) => d.message.includes('"@alicia"'))!.hint).toMatch(/^Did you mean "@alice"\?/);
  });

  it('reports policy references that do not resolve', () => {
    const { root, diagnostics } = problems({
      [POLICIES]: replace('escalationPolicy: platform-primary', 'escalationPolicy: platform-secondary'),
    });
    expectOnly(root, diagnostics, [['references', POLICIES, 'escalationPolicy:']]);
  });
});

describe('team-lead-member', () => {
  it("reports a Team lead who is not one of the team's members", () => {
    const { root, diagnostics } = problems({ [POLICIES]: replace('lead: "@carol"', 'lead: "@bob"') });
    expectOnly(root, diagnostics, [['team-lead-member', POLICIES, 'lead: "@bob"']]);
  });
});

describe('unique-priorities', () => {
  it('reports a priority the FollowUpPolicy defines twice', () => {
    const { root, diagnostics } = problems({ [POLICIES]: replace('    - id: P2\n', '    - id: P1\n') });
    // The item of priority P2 now names a priority that is not defined.
    expectOnly(root, diagnostics, [
      ['unique-priorities', POLICIES, lineOf(fixtureRepo(), POLICIES, '    - id: P1')],
      ['action-item-priority', INC1, '| AI-2 |'],
    ]);
  });
});

describe('roles-required', () => {
  it('reports a SEV1 without a communications lead', () => {
    const { root, diagnostics } = problems({ [INC1]: replace('roles:\n  communications: "@bob"\n', '') });
    expectOnly(root, diagnostics, [['roles-required', INC1, 'severity: SEV1']]);
  });
});

describe('postmortem-sections', () => {
  it('reports a missing required section and an empty one, only once the postmortem is in review', () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        replace(
          '## Timeline',
          '## Chronology',
        )(
          replace(
            "A configuration change removed the database password from the API's environment.",
            '<!-- What happened, in two sentences. -->',
          )(t),
        ),
    });
    expectOnly(root, diagnostics, [
      ['postmortem-sections', INC1, 'postmortem: published'],
      ['postmortem-sections', INC1, '## Summary'],
    ]);
    const draft = fixtureRepo({
      [INC1]: (t) => replace('postmortem: published', 'postmortem: draft')(replace('## Timeline', '## Chronology')(t)),
    });
    expect(summary(validate(draft)).filter((d) => d.startsWith('postmortem-sections'))).toEqual([]);
  });
});

describe('action items', () => {
  it('requires an Action Items section for a SEV1 in review', () => {
    const { root, diagnostics } = problems({ [INC1]: (t) => t.slice(0, t.indexOf('## Action Items')) });
    expectOnly(root, diagnostics, [
      ['action-items-required', INC1, 'postmortem: published'],
      ['postmortem-sections', INC1, 'postmortem: published'],
    ]);
  });

  it('reports a table without an Owner column once, not once per row', () => {
    const { root, diagnostics } = problems({ [INC1]: (t) => t.replace('| Owner     ', '| Who       ') });
    expectOnly(root, diagnostics, [['action-item-table', INC1, '| ID   | Action']]);
  });

  it('reports bad and duplicate IDs, unknown owners, priorities and statuses at their cells', () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        replace(
          '| AI-2 | Alert on config load failures         | @platform | 2026-10-30 | P2       | open   |       |',
          '| AI-1 | Alert on config load failures         | @alicee   | 2026-10-30 | P7       | finished |     |\n| 3    | Page on 5xx                           | @bob, @alice | 2026-10-20 | P1    | open   |       |',
        )(t),
    });
    expectOnly(root, diagnostics, [
      ['action-item-id', INC1, '@alicee'],
      ['action-item-owner', INC1, '@alicee'],
      ['action-item-priority', INC1, '@alicee'],
      ['action-item-status', INC1, '@alicee'],
      ['action-item-id', INC1, 'Page on 5xx'],
      ['action-item-owner', INC1, 'Page on 5xx'],
    ]);
    const byRule = (rule: string) => diagnostics.filter((d) => d.rule === rule);
    expect(byRule('action-item-owner')[0]!.hint).toMatch(/^Did you mean @alice\?/);
    expect(byRule('action-item-status')[0]!.hint).toContain('open, in-progress, blocked, done, wont-do');
    expect(byRule('action-item-priority')[0]!.hint).toBe('Use one of P1, P2 (did you mean P1?).');
    expect(byRule('action-item-owner')[0]!.column).toBe(lineColumn(root, INC1, '@alicee'));
  });

  it('turns a relative due date into the absolute date to write', () => {
    const { root, diagnostics } = problems({ [INC1]: replace('| 2026-10-30 |', '| 2 weeks    |') });
    expectOnly(root, diagnostics, [['action-item-due', INC1, '2 weeks']]);
    expect(diagnostics[0]!.message).toContain('the due date "2 weeks" is not an absolute date');
    expect(diagnostics[0]!.hint).toBe(
      'Write 2026-10-15 (2 weeks after 2026-10-01, the day the incident was resolved).',
    );
  });

  it('reports milestones, impossible dates, dates before the incident and beyond the priority limit', () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        replace(
          '| AI-2 | Alert on config load failures         | @platform | 2026-10-30 | P2       | open   |       |',
          [
            '| AI-2 | a | @platform | next release | P2 | open | |',
            '| AI-3 | b | @platform | 2026-02-30 | P2 | open | |',
            '| AI-4 | c | @platform | 2026-09-30 | P2 | open | |',
            '| AI-5 | d | @platform | 2026-11-05 | P1 | open | |',
            '| AI-6 | e | @platform | 2027-05-05 | P1 | done | |',
          ].join('\n'),
        )(t),
    });
    expectOnly(root, diagnostics, [
      ['action-item-due', INC1, 'next release'],
      ['action-item-due', INC1, '2026-02-30'],
      ['action-item-due', INC1, '2026-09-30'],
      ['action-item-due', INC1, '2026-11-05'],
    ]);
    expect(diagnostics.find((d) => d.message.includes('2026-11-05'))!.message).toContain('latest 2026-10-31');
  });
});

describe('postmortem-deadline', () => {
  it('warns when a required postmortem is still a draft past its deadline', () => {
    const { root, diagnostics } = problems({ [INC1]: replace('postmortem: published', 'postmortem: in-review') });
    expectOnly(root, diagnostics, [['postmortem-deadline', INC1, 'postmortem: in-review']]);
    expect(diagnostics[0]!.severity).toBe('warning');
  });
});

describe('blameless-language', () => {
  it('points at the phrase, skips code, and suggests a reframing', () => {
    const { root, diagnostics } = problems({
      [INC1]: replace(
        'The configuration schema did not mark the password as required.',
        'Human error: the deployer should have checked.\n\n```\nhuman error in code is fine\n```\n\nRun `grep "human error"` to see.',
      ),
    });
    expectOnly(root, diagnostics, [
      ['blameless-language', INC1, 'Human error: the deployer'],
      ['blameless-language', INC1, 'Human error: the deployer'],
    ]);
    expect(diagnostics.map((d) => d.column)).toEqual([1, 27]);
    expect(diagnostics[1]!.hint).toBe('Say what the system did not provide.');
  });
});

describe('public-text', () => {
  const PUBLIC =
    'contributing_factors: [config-change]\npublic:\n  title: API errors\n  summary: "@bob restarted the api on db1.prod.internal (10.0.3.4), see #inc-api."\n  updates:\n    - at: 2026-10-01T10:20:00+02:00\n      message: We are looking into it.\n    - at: 2026-10-01T10:45:00+02:00\n      message: Human error renewing a certificate.\n  postmortem: true\n';

  it('reports handles, internal names, hosts, addresses, channels and blame in what goes to the status page, at the field', () => {
    const { root, diagnostics } = problems({ [INC1]: replace('contributing_factors: [config-change]\n', PUBLIC) });
    const found = diagnostics.filter((d) => d.rule === 'public-text');
    expect(found.map((d) => d.message.replace(/^Incident INC-2026-001: /, '')).sort()).toEqual(
      [
        'public.summary is published on the status page and contains the handle "@bob".',
        'public.summary is published on the status page and contains the internal host "db1.prod.internal".',
        'public.summary is published on the status page and contains the private address "10.0.3.4".',
        'public.summary is published on the status page and contains the chat channel "#inc-api".',
        'public.summary is published on the status page and contains the internal name "api" (a service, SLO or runbook; give a service a publicName to use that instead).',
        'public.updates.1.message is published on the status page and contains "Human error", which assigns blame.',
      ].sort(),
    );
    expect(found.map((d) => d.line)).toEqual([
      ...Array(5).fill(lineOf(root, INC1, '  summary:')),
      lineOf(root, INC1, 'Human error renewing'),
    ]);
    expect(found[0]!.hint).toMatch(/^Write for customers/);
  });

  it("checks the published postmortem sections line by line, and allows a service's public name", () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        replace(
          'contributing_factors: [config-change]\n',
          'contributing_factors: [config-change]\npublic:\n  title: API errors\n  summary: The API was unavailable.\n  postmortem: true\n',
        )(t).replace("from the API's environment.", "from the API's environment; @carol noticed."),
      [POLICIES]: replace('  name: api\nspec:\n', '  name: api\nspec:\n  publicName: API\n'),
    });
    expectOnly(root, diagnostics, [['public-text', INC1, '@carol noticed']]);
    expect(diagnostics[0]!.column).toBe(lineOfColumn(root, INC1, '@carol'));
  });
});

function lineOfColumn(root: string, file: string, needle: string): number {
  const line = readFileSync(path.join(root, file), 'utf8')
    .split(/\r?\n/)
    .find((l) => l.includes(needle))!;
  return line.indexOf(needle) + 1;
}

describe('runbook-review', () => {
  it('warns when a runbook is past its review interval', () => {
    const { root, diagnostics } = problems({
      [RUNBOOK]: replace('last_reviewed: 2026-10-01', 'last_reviewed: 2026-01-10'),
    });
    expectOnly(root, diagnostics, [['runbook-review', RUNBOOK, 'last_reviewed:']]);
    expect(diagnostics[0]!.message).toContain('due for review on 2026-04-10');
  });
});

describe('slo-valid', () => {
  it('reports a target that leaves no budget and an unknown indicator', () => {
    const { root, diagnostics } = problems({
      [SLO]: (t) =>
        replace('target: 0.999', 'target: 0')(replace('indicatorRef: api-success', 'indicatorRef: api-sucess')(t)),
    });
    expectOnly(root, diagnostics, [
      ['slo-valid', SLO, 'target: 0'],
      ['slo-valid', SLO, 'indicatorRef: api-sucess'],
      // And, as long as it is invalid, the SLO has no alerts.
      ['slo-rules', SLO, 'name: api-availability'],
    ]);
  });

  it('leaves a percentage target to the schema, which says what range it expects', () => {
    const { root, diagnostics } = problems({ [SLO]: replace('target: 0.999', 'target: 99.9') });
    expectOnly(root, diagnostics, [['schema', SLO, 'target: 99.9']]);
  });
});

describe('slo-rules', () => {
  it('warns about an SLO that cannot become Prometheus rules, unless it opts out', () => {
    const datadog = problems({ [SLO]: (t) => t.replaceAll('type: Prometheus', 'type: Datadog') });
    expectOnly(datadog.root, datadog.diagnostics, [['slo-rules', SLO, 'name: api-availability']]);
    expect(datadog.diagnostics[0]!.message).toBe(
      'SLO api-availability gets no Prometheus rules, so no alerts: its good metric reads from Datadog, not Prometheus.',
    );
    expect(datadog.diagnostics[0]!.hint).toContain('firebreak.dev/rules: "off"');
    const optedOut = problems({
      [SLO]: (t) =>
        t
          .replaceAll('type: Prometheus', 'type: Datadog')
          .replace(
            '  name: api-availability\n',
            '  name: api-availability\n  annotations:\n    firebreak.dev/rules: "off"\n',
          ),
    });
    expect(optedOut.diagnostics).toEqual([]);
  });
});

describe('rule levels from the Config kind', () => {
  it('turns a rule off, raises another to error, and reports unknown rule ids', () => {
    const root = fixtureRepo({
      [POLICIES]: replace(
        '  name: firebreak\nspec:\n',
        '  name: firebreak\nspec:\n  rules:\n    runbook-review: "off"\n    postmortem-deadline: error\n    no-such-rule: warning\n',
      ),
      [RUNBOOK]: replace('last_reviewed: 2026-10-01', 'last_reviewed: 2026-01-10'),
      [INC1]: replace('postmortem: published', 'postmortem: in-review'),
    });
    const diagnostics = validate(root);
    expect(diagnostics.map((d) => `${d.rule} ${d.severity} ${d.file}:${d.line}`).sort()).toEqual([
      `config-rules error ${POLICIES}:${lineOf(root, POLICIES, 'no-such-rule')}`,
      `postmortem-deadline error ${INC1}:${lineOf(root, INC1, 'postmortem: in-review')}`,
    ]);
  });

  it('reports unknown rule ids with config-rules, whose level can be set like any rule', () => {
    const root = fixtureRepo({
      [POLICIES]: replace(
        '  name: firebreak\nspec:\n',
        '  name: firebreak\nspec:\n  rules:\n    config-rules: warning\n    no-such-rule: warning\n',
      ),
    });
    expect(validate(root).map((d) => `${d.rule} ${d.severity} ${d.file}:${d.line}`)).toEqual([
      `config-rules warning ${POLICIES}:${lineOf(root, POLICIES, 'no-such-rule')}`,
    ]);
  });
});

describe('references in escalation conditions', () => {
  it('checks the services and severities an EscalationPolicy matches on', () => {
    const { root, diagnostics } = problems({
      [POLICIES]: replace(
        '  automatic:\n    - when:\n        severities: [SEV1]',
        '  functional:\n    - when:\n        services: [serach]\n        severities: [SEV2]\n      targets:\n        - team: search\n  automatic:\n    - when:\n        severities: [SEV1]',
      ),
    });
    expectOnly(root, diagnostics, [
      ['references', POLICIES, 'services: [serach]'],
      ['references', POLICIES, 'severities: [SEV2]'],
    ]);
    expect(diagnostics[0]!.hint).toMatch(/^Did you mean "search"\?/);
  });
});

describe('a front matter that fails its schema', () => {
  it('still has its action items and language checked, and each bad value reported once', () => {
    const { root, diagnostics } = problems({
      [INC1]: (t) =>
        replace(
          'acknowledged: 2026-10-01T10:09:00+02:00',
          'acknowledged: 2026-10-01 10:09',
        )(
          replace(
            '| 2026-10-30 |',
            '| 2 weeks    |',
          )(replace('The configuration schema did not mark', 'Human error: the configuration schema did not mark')(t)),
        ),
    });
    expectOnly(root, diagnostics, [
      ['schema', INC1, 'acknowledged:'],
      ['action-item-due', INC1, '2 weeks'],
      ['blameless-language', INC1, 'Human error'],
    ]);
  });
});

describe('required-records', () => {
  it('reports each record an empty repository needs, with the file to create', () => {
    const root = fixtureRepo({}, tempDir('empty'));
    const diagnostics = validate(root);
    expect(summary(diagnostics).sort()).toEqual(
      ['policies/config.yaml', 'policies/postmortems.yaml', 'policies/severities.yaml', 'policies/teams.yaml'].map(
        (f) => `required-records ${f}:1`,
      ),
    );
    expect(diagnostics.every((d) => d.severity === 'error' && d.hint!.startsWith(`Create ${d.file} with a `))).toBe(
      true,
    );
  });

  it('reports a deleted PostmortemPolicy, which otherwise lets a SEV1 without action items pass', () => {
    const { root, diagnostics } = problems({
      [POLICIES]: (text) =>
        text.replace(/---\napiVersion: firebreak\/v1\nkind: PostmortemPolicy\n[\s\S]*?(?=---\n|$)/, ''),
    });
    expectOnly(root, diagnostics, [['required-records', 'policies/postmortems.yaml', 1]]);
    expect(diagnostics[0]!.message).toContain('no PostmortemPolicy record');
  });
});

describe('timestamp-offset', () => {
  it('warns about an offset the Config time zone does not have then, with both readings as the fix', () => {
    // Europe/Paris is at +02:00 on 2026-10-01: "+01:00" is a winter offset, "Z" a UTC time among local ones.
    const { root, diagnostics } = problems({
      [INC1]: (text) =>
        text
          .replace('acknowledged: 2026-10-01T10:09:00+02:00', 'acknowledged: 2026-10-01T09:09:00+01:00')
          .replace('mitigated: 2026-10-01T10:40:00+02:00', 'mitigated: 2026-10-01T08:40:00Z'),
    });
    expectOnly(root, diagnostics, [
      ['timestamp-offset', INC1, 'acknowledged:'],
      ['timestamp-offset', INC1, 'mitigated:'],
    ]);
    const [acknowledged, mitigated] = diagnostics;
    expect(acknowledged!.severity).toBe('warning');
    expect(acknowledged!.message).toBe(
      'Incident INC-2026-001: "acknowledged" (2026-10-01T09:09:00+01:00) is written with the offset +01:00, but Europe/Paris is at +02:00 then.',
    );
    expect(acknowledged!.hint).toBe(
      'If 09:09:00 is the time in Europe/Paris, write 2026-10-01T09:09:00+02:00; if the instant is right, write it as 2026-10-01T10:09:00+02:00.',
    );
    expect(mitigated!.hint).toBe(
      'If 08:40:00 is the time in Europe/Paris, write 2026-10-01T08:40:00+02:00; if the instant is right, write it as 2026-10-01T10:40:00+02:00.',
    );
  });
});

describe('issue-form-drift', () => {
  const FORM = '.github/ISSUE_TEMPLATE/declare-incident.yml';
  const form = (levels: string[], timezone: string) =>
    renderIssueForm({ levels: levels.map((id) => ({ id })), timezone });

  it('accepts the form generated from the policies, and reports severities and a time zone that drifted from them', () => {
    expect(validate(fixtureRepo({ [FORM]: form(['SEV1', 'SEV3'], 'Europe/Paris') }))).toEqual([]);
    const { root, diagnostics } = problems({ [FORM]: form(['SEV0', 'SEV1', 'SEV2'], 'Europe/Berlin') });
    expectOnly(root, diagnostics, [
      ['issue-form-drift', FORM, '- SEV0'],
      ['issue-form-drift', FORM, 'Europe/Berlin'],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'The incident form: the form offers the severities SEV0, SEV1, SEV2, but the Severities policy has SEV1, SEV3: SEV0, SEV2 would be refused when declaring.',
    );
    expect(diagnostics[0]!.hint).toBe(
      'Make the options SEV1, SEV3, in that order (the severity description lists them too).',
    );
    expect(diagnostics[1]!.hint).toContain("the Config's `timezone`: Europe/Paris");
  });
});

describe('YAML mistakes in plain language', () => {
  const cases: [name: string, file: string, change: Change, needle: string, message: RegExp, hint: string][] = [
    [
      'an unquoted colon',
      INC1,
      replace('title: API returned errors for all customers', 'title: API down: errors for all customers'),
      'title:',
      /the value of "title" contains ": "/,
      'Put the value in quotes: title: "API down: errors for all customers"',
    ],
    [
      'a tab',
      POLICIES,
      replace('  lead: "@alice"', '\tlead: "@alice"'),
      'lead: "@alice"',
      /line \d+ is indented with a tab; YAML allows only spaces/,
      'Replace the tab at the start of line',
    ],
    [
      'an unclosed quote',
      INC1,
      replace('impact: All API calls failed for 40 minutes.', 'impact: "All API calls failed for 40 minutes.'),
      'impact:',
      /the value of "impact" on line \d+ opens a double quote that is never closed/,
      'End the value with ": impact: "All API calls failed for 40 minutes."',
    ],
    [
      'a line indented too far',
      INC1,
      replace('  communications: "@bob"', '  communications: "@bob"\n   scribe: "@carol"'),
      'scribe:',
      /line \d+ is indented by 3 spaces, line \d+ by 2 spaces/,
      'Indent "scribe:" by 2 spaces',
    ],
    [
      'a line not indented enough',
      INC1,
      replace('commander: "@alice"', ' commander: "@alice"'),
      'commander:',
      /line \d+ is indented by 1 space, line \d+ by 0 spaces/,
      'Start "commander:" at the beginning of the line, like line 8',
    ],
    [
      'a # in a value',
      INC1,
      replace('title: API returned errors for all customers', 'title: API errors after deploy #4512'),
      'title:',
      /the value of "title" stops at " #": YAML reads "#4512" as a comment, so title is "API errors after deploy"/,
      'Put the value in quotes: title: "API errors after deploy #4512"',
    ],
    [
      'an unquoted @handle',
      INC1,
      replace('commander: "@alice"', 'commander: @alice'),
      'commander:',
      /the value of "commander" starts with "@"/,
      'Put the value in quotes: commander: "@alice"',
    ],
  ];

  it.each(cases)(
    '%s gives one error that says how to fix it, and nothing else',
    (_name, file, change, needle, message, hint) => {
      const warnings: unknown[] = [];
      const onWarning = (w: unknown) => warnings.push(w);
      process.on('warning', onWarning);
      try {
        const { root, diagnostics } = problems({ [file]: change });
        expectOnly(root, diagnostics, [['yaml-syntax', file, needle]]);
        expect(diagnostics[0]!.message).toMatch(message);
        expect(diagnostics[0]!.hint).toContain(hint);
      } finally {
        process.off('warning', onWarning);
      }
      expect(warnings).toEqual([]);
    },
  );

  it('keeps a Node warning about collection keys from leaking, and reports the key instead', async () => {
    const emitted: string[] = [];
    const original = process.emitWarning;
    process.emitWarning = ((warning: string | Error) =>
      void emitted.push(String(warning))) as typeof process.emitWarning;
    try {
      const { root, diagnostics } = problems({
        [POLICIES]: replace('  lead: "@alice"', '  lead: "@alice"\n  [a, b]: c'),
      });
      expectOnly(root, diagnostics, [['yaml-syntax', POLICIES, '[a, b]: c']]);
      const broken = problems({ [POLICIES]: replace('  lead: "@alice"', '\tlead: "@alice"\n  ? [a, b]\n  : c') });
      expect(summary(broken.diagnostics)).toEqual([
        `yaml-syntax ${POLICIES}:${lineOf(broken.root, POLICIES, 'lead: "@alice"')}`,
      ]);
    } finally {
      process.emitWarning = original;
    }
    expect(emitted).toEqual([]);
  });
});

describe('suggestions', () => {
  it('suggests the full handle for a shortened one', () => {
    const { root, diagnostics } = problems({
      [POLICIES]: replace('    - handle: "@carol"\n', '    - handle: "@carol"\n    - handle: "@dora-explorer"\n'),
      [INC1]: replace('| @platform | 2026-10-30 |', '| @dora     | 2026-10-30 |'),
    });
    expectOnly(root, diagnostics, [['action-item-owner', INC1, '@dora ']]);
    expect(diagnostics[0]!.hint).toBe('Did you mean @dora-explorer? Otherwise add them to a Team in policies/.');
  });
});
