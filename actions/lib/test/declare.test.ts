// Declaring an incident through the library: reading the issue form, checking each value against
// the records, numbering, the scaffold for each severity, and the new file validating in a copy of
// the example repository.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCatalog,
  createDryRunPort,
  declareFromIssue,
  declareIncident,
  FORM_FIELDS,
  loadRepository,
  nextIncidentId,
  parseIssueForm,
  validateRepository,
  valuesFromIssue,
  type DeclareProblem,
  type DeclareValues,
  type GitHubPort,
  type Scaffold,
} from '../src/index.ts';
import { scanMarkdown } from '../src/markdown/scan.ts';
import { fixtureRepo, replace } from './repo.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** 13:00 in Paris on a Saturday. */
const NOW = Date.parse('2026-11-21T12:00:00Z');
let EXAMPLE: string;

beforeAll(() => {
  // The example records of the project (what a team starts from), with the schemas for the editor hint.
  EXAMPLE = mkdtempSync(path.join(os.tmpdir(), 'firebreak-example-'));
  for (const dir of ['incidents', 'policies', 'slos', 'runbooks', 'schemas'])
    cpSync(path.join(PROJECT, dir), path.join(EXAMPLE, dir), { recursive: true });
});
afterAll(() => rmSync(EXAMPLE, { recursive: true, force: true }));

const GOOD: DeclareValues = {
  title: 'Card payments failing in both regions',
  severity: 'SEV1',
  services: 'payments-gateway, web-app',
  started: '2026-11-21 09:30',
  commander: '@amelie-roux',
  summary: 'Card authorisations fail with PSP timeouts in eu-west and eu-central.',
};

function declare(
  values: DeclareValues,
  root = EXAMPLE,
  options: { now?: number; reservedIds?: string[]; defaultCommander?: string } = {},
) {
  const repo = loadRepository(root);
  return declareIncident(values, repo, buildCatalog(repo), {
    now: options.now ?? NOW,
    reservedIds: options.reservedIds,
    defaultCommander: options.defaultCommander,
  });
}

function ok(values: DeclareValues, root = EXAMPLE): Scaffold {
  const result = declare(values, root);
  if (!result.ok) throw new Error(`Expected a scaffold, got: ${result.problems.map((p) => p.message).join(' / ')}`);
  return result.scaffold;
}

function problems(values: DeclareValues, options: { now?: number; defaultCommander?: string } = {}): DeclareProblem[] {
  const result = declare(values, EXAMPLE, options);
  if (result.ok) throw new Error(`Expected problems, got ${result.scaffold.path}`);
  return result.problems;
}

const frontMatter = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;
const body = (text: string) => text.slice(text.indexOf('\n---\n') + 5);
const scanMarkdownHeadings = (markdown: string) => scanMarkdown(markdown).headings.map((h) => h.text);

/** The body GitHub writes for an issue opened with the form. */
function formBody(values: Partial<Record<string, string>>): string {
  return FORM_FIELDS.filter((f) => f.field !== 'title')
    .map((f) => `### ${f.label}\n\n${values[f.field] ?? '_No response_'}`)
    .join('\n\n');
}

describe('parseIssueForm', () => {
  it('reads each "### label" section; "_No response_" is an empty value', () => {
    const text =
      '### Severity\n\nSEV1\n\n### Affected services\n\npayments-gateway\nweb-app\n\n### Incident commander\n\n_No response_\n';
    expect(parseIssueForm(text)).toEqual({
      Severity: 'SEV1',
      'Affected services': 'payments-gateway\nweb-app',
      'Incident commander': '',
    });
  });

  it('reads CRLF bodies, ignores a byte-order mark and text before the first section', () => {
    expect(
      parseIssueForm('\uFEFFintro\r\n### Severity\r\n\r\nSEV2\r\n### Summary\r\n\r\nline 1\r\nline 2\r\n'),
    ).toEqual({ Severity: 'SEV2', Summary: 'line 1\nline 2' });
    expect(parseIssueForm('')).toEqual({});
    expect(parseIssueForm('no sections at all')).toEqual({});
  });

  it('keeps "### " lines typed inside a value: in fenced code, and, given the labels, any heading that is not one', () => {
    const text = '### Summary\n\n```\n### Severity\nSEV0\n```\n### Not a field\nmore\n### Severity\n\nSEV3';
    expect(parseIssueForm(text, { labels: ['Summary', 'Severity'] })).toEqual({
      Summary: '```\n### Severity\nSEV0\n```\n### Not a field\nmore',
      Severity: 'SEV3',
    });
    // Without the labels, every heading outside code starts a section.
    expect(Object.keys(parseIssueForm(text))).toEqual(['Summary', 'Not a field', 'Severity']);
  });

  it('refuses hostile bodies: a field twice, more than 50 sections, more than 64 KiB', () => {
    expect(() => parseIssueForm('### Severity\n\nSEV3\n\n### severity\n\nSEV0')).toThrow(
      /section "### severity" twice/,
    );
    expect(() => parseIssueForm(Array.from({ length: 51 }, (_, i) => `### f${i}\n\nx`).join('\n'))).toThrow(
      /more than 50/,
    );
    expect(() => parseIssueForm(`### Summary\n\n${'é'.repeat(33_000)}`)).toThrow(
      /65 KiB; an incident form is read only up to 64 KiB/,
    );
    expect(Object.keys(parseIssueForm(Array.from({ length: 50 }, (_, i) => `### f${i}\n\nx`).join('\n')))).toHaveLength(
      50,
    );
  });

  it('treats labels as plain keys: "__proto__" pollutes nothing, NUL bytes are dropped', () => {
    const fields = parseIssueForm('### __proto__\n\n{"polluted": true}\n### constructor\n\nx\u0000y');
    expect(Object.keys(fields)).toEqual(['__proto__', 'constructor']);
    expect(fields.constructor).toBe('xy');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps the form to the declare values, the title from the issue title without the form prefix', () => {
    const values = valuesFromIssue(
      '[Incident]: Checkout down',
      formBody({ severity: 'SEV1', services: 'web-app', started: '2026-11-21 09:30', summary: 'It broke.' }),
    );
    expect(values).toEqual({
      title: 'Checkout down',
      severity: 'SEV1',
      services: 'web-app',
      started: '2026-11-21 09:30',
      commander: '',
      summary: 'It broke.',
    });
    expect(valuesFromIssue('Plain title', '').title).toBe('Plain title');
  });

  it('the issue form template uses exactly these labels, and offers exactly the severities of the policy', () => {
    const template = parseYaml(
      readFileSync(path.join(PROJECT, '.github/ISSUE_TEMPLATE/declare-incident.yml'), 'utf8'),
    ) as {
      labels: string[];
      body: { type: string; id?: string; attributes: { label?: string; options?: string[] } }[];
    };
    expect(template.labels).toEqual(['incident']);
    const labels = template.body.filter((b) => b.type !== 'markdown').map((b) => b.attributes.label);
    expect(labels).toEqual(FORM_FIELDS.filter((f) => f.field !== 'title').map((f) => f.label));
    const severities = template.body.find((b) => b.id === 'severity')!.attributes.options!;
    expect(severities).toEqual([...buildCatalog(loadRepository(EXAMPLE)).severities.keys()]);
  });
});

describe('declareIncident: each value is checked, and each problem says which field, what is wrong and how to fix it', () => {
  it('title: empty, on several lines, too long', () => {
    expect(problems({ ...GOOD, title: '  ' })).toEqual([
      {
        field: 'title',
        label: 'Title',
        message: 'The title is empty.',
        hint: expect.stringContaining('what customers see'),
      },
    ]);
    expect(problems({ ...GOOD, title: 'one\nstatus: resolved' })[0]).toMatchObject({
      field: 'title',
      message: 'The title is on several lines.',
    });
    expect(problems({ ...GOOD, title: 'x'.repeat(300) })[0]).toMatchObject({
      field: 'title',
      message: 'The title is 300 characters long.',
    });
  });

  it('severity: must be a level of the Severities policy, with a suggestion', () => {
    expect(problems({ ...GOOD, severity: 'SEV7' })).toEqual([
      {
        field: 'severity',
        label: 'Severity',
        message: 'The severity "SEV7" is not a level of the Severities policy.',
        hint: expect.stringMatching(
          /^Choose one of SEV0 \(Critical\), SEV1 \(Major\), SEV2 \(Significant\), SEV3 \(Minor\), SEV4 \(Low\)\.$/,
        ),
      },
    ]);
    expect(problems({ ...GOOD, severity: 'SEVV2' })[0]!.hint).toMatch(/^Did you mean "SEV2"\?/);
    // No guess where every level is as close ("SEV7"); a misspelt level name is a clear one.
    expect(problems({ ...GOOD, severity: 'SEV7' })[0]!.hint).toMatch(/^Choose one of/);
    expect(problems({ ...GOOD, severity: 'Crtical' })[0]!.hint).toMatch(/^Did you mean "SEV0"\?/);
    expect(problems({ ...GOOD, severity: '' })[0]!.message).toBe('The severity is empty.');
    // Case and a dropdown's description are forgiven.
    expect(ok({ ...GOOD, severity: 'sev2' }).severity).toBe('SEV2');
    expect(ok({ ...GOOD, severity: 'SEV3 - Minor' }).severity).toBe('SEV3');
    expect(ok({ ...GOOD, severity: 'sev 4' }).severity).toBe('SEV4');
    expect(ok({ ...GOOD, severity: 'major' }).severity).toBe('SEV1');
  });

  it('services: each must be a Service, with a suggestion; commas, lines and list markers separate them', () => {
    const found = problems({ ...GOOD, services: 'paymnts-gateway, web-app, teleporter' });
    expect(found.map((p) => [p.field, p.message])).toEqual([
      ['services', 'The service "paymnts-gateway" is not defined in policies/.'],
      ['services', 'The service "teleporter" is not defined in policies/.'],
    ]);
    expect(found[0]!.hint).toMatch(/^Did you mean "payments-gateway"\? Known services: auth-service, invoicing-api/);
    expect(found[1]!.hint).toMatch(/^Known services: /);
    expect(problems({ ...GOOD, services: ' , ' })[0]!.message).toBe('No affected service is given.');
    expect(ok({ ...GOOD, services: '- payments-gateway\n- `Web-App`\n- payments-gateway' }).services).toEqual([
      'payments-gateway',
      'web-app',
    ]);
  });

  it('started: must parse, be a real moment, and not be in the future', () => {
    expect(problems({ ...GOOD, started: 'this morning' })[0]).toMatchObject({
      field: 'started',
      message: 'The start time "this morning" is not a date and time Firebreak can read.',
      hint: expect.stringContaining('2026-11-21 09:30 (in Europe/Paris)'),
    });
    expect(problems({ ...GOOD, started: '2026-02-30 09:00' })[0]!.message).toBe(
      'The start time "2026-02-30 09:00" is not a real date and time.',
    );
    expect(problems({ ...GOOD, started: '2026-11-21T25:00:00+01:00' })[0]!.message).toMatch(
      /is not a real date and time/,
    );
    expect(problems({ ...GOOD, started: '' })[0]!.message).toBe('The start time is empty.');
    // 13:00 in Paris now: 13:10 is ahead; within five minutes is clock skew, not the future.
    expect(problems({ ...GOOD, started: '2026-11-21 13:10' })[0]).toMatchObject({
      field: 'started',
      message: 'The start time 2026-11-21T13:10:00+01:00 is in the future.',
    });
    expect(ok({ ...GOOD, started: '2026-11-21 13:04' }).started).toBe('2026-11-21T13:04:00+01:00');
  });

  it('started: an offset is kept as written, a local time is read in the Config time zone, "now" is now', () => {
    expect(ok({ ...GOOD, started: '2026-11-20T23:30:00-05:00' })).toMatchObject({
      started: '2026-11-20T23:30:00-05:00',
      path: 'incidents/2026/2026-11-20-card-payments-failing-in-both-regions.md',
    });
    expect(ok({ ...GOOD, started: '2026-11-21 08:15Z' }).started).toBe('2026-11-21T08:15:00Z');
    expect(ok({ ...GOOD, started: '2026-07-14 09:30' }).started).toBe('2026-07-14T09:30:00+02:00');
    expect(ok({ ...GOOD, started: 'now' }).started).toBe('2026-11-21T13:00:00+01:00');
    // 02:30 does not exist in Paris on 2026-03-29: the clocks went from 02:00 to 03:00.
    expect(ok({ ...GOOD, started: '2026-03-29 02:30' }).started).toBe('2026-03-29T03:30:00+02:00');
  });

  it('commander: a known person, with a suggestion; not a team; the person declaring when left empty', () => {
    expect(problems({ ...GOOD, commander: '@amelie' })).toEqual([
      {
        field: 'commander',
        label: 'Incident commander',
        message: 'The incident commander "@amelie" is not a member of any Team in policies/.',
        hint: expect.stringMatching(/^Did you mean "@amelie-roux"\?/),
      },
    ]);
    expect(problems({ ...GOOD, commander: '@payments' })[0]!.message).toBe(
      'The incident commander "@payments" is a team; the commander is one person.',
    );
    expect(problems({ ...GOOD, commander: 'not a handle!' })[0]!.message).toBe(
      'The incident commander "not a handle!" is not a GitHub handle.',
    );
    expect(problems({ ...GOOD, commander: '' })[0]!.message).toBe('The incident commander is empty.');
    expect(ok({ ...GOOD, commander: 'AMELIE-ROUX' }).commander).toBe('@amelie-roux');
    const result = declare({ ...GOOD, commander: '' }, EXAMPLE, { defaultCommander: '@jweber' });
    expect(result.ok && result.scaffold.commander).toBe('@jweber');
  });

  it('summary: optional, but bounded', () => {
    expect(ok({ ...GOOD, summary: '' }).summary).toBe('');
    expect(problems({ ...GOOD, summary: 'x'.repeat(10_001) })[0]).toMatchObject({
      field: 'summary',
      message: 'The summary is 10001 characters long.',
    });
  });

  it('reports every problem at once', () => {
    const found = problems({
      title: '',
      severity: 'SEV9',
      services: 'nope',
      started: 'soon',
      commander: '@nobody',
      summary: '',
    });
    expect(found.map((p) => p.field)).toEqual(['title', 'severity', 'services', 'started', 'commander']);
    for (const p of found) {
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.hint.length).toBeGreaterThan(10);
    }
  });
});

describe('incident ids', () => {
  it('are one past the highest number of the year, three digits at least', () => {
    expect(nextIncidentId(2026, ['INC-2026-001', 'INC-2026-014', 'INC-2025-120', 'INC-2027-003'])).toBe('INC-2026-015');
    expect(nextIncidentId('2027', ['INC-2026-014'])).toBe('INC-2027-001');
    expect(nextIncidentId(2026, ['INC-2026-999'])).toBe('INC-2026-1000');
    expect(nextIncidentId(2026, ['INC-2026-0042', 'nonsense', 'INC-2026-'])).toBe('INC-2026-043');
  });

  it('count every incident of the records, including one that fails its schema, and ids reserved by open declarations', () => {
    expect(ok(GOOD).id).toBe('INC-2026-015');
    const broken = fixtureRepo(
      { 'incidents/2026/2026-11-20-broken.md': '---\nid: INC-2026-041\ntitle: Broken\nstatus: on-fire\n---\n' },
      EXAMPLE,
    );
    expect(ok(GOOD, broken).id).toBe('INC-2026-042');
    const reserved = declare(GOOD, EXAMPLE, { reservedIds: ['INC-2026-015', 'INC-2026-016'] });
    expect(reserved.ok && reserved.scaffold.id).toBe('INC-2026-017');
    expect(ok({ ...GOOD, started: '2026-01-01T00:30:00+01:00' }).id).toBe('INC-2026-015');
  });
});

describe('the scaffold', () => {
  it('SEV1: front matter written by the YAML writer, the sections SEV1 requires, prompts, the summary, the first timeline row, an empty action-items table', () => {
    const scaffold = ok(GOOD);
    expect(scaffold.path).toBe('incidents/2026/2026-11-21-card-payments-failing-in-both-regions.md');
    expect(scaffold.text).toBe(`---
# yaml-language-server: $schema=../../schemas/incident.schema.json
id: "INC-2026-015"
title: "Card payments failing in both regions"
severity: "SEV1"
status: "investigating"
postmortem: "draft"
services: ["payments-gateway", "web-app"]
commander: "@amelie-roux"
# SEV1 also requires communications and scribe (Severities policy, rolesRequired). Name them:
# roles:
#   communications: "@handle"
#   scribe: "@handle"
started: "2026-11-21T09:30:00+01:00"
---

## Summary

<!-- What happened, in two or three sentences: what customers saw, why, and how it ended. -->

Card authorisations fail with PSP timeouts in eu-west and eu-central.

## Customer Impact

<!-- Who was affected, how, and for how long, in numbers where possible. -->

## Timeline

<!-- One row per event, in order: detection, escalation, key decisions, mitigation, resolution. -->

| Time | Event |
|------|-------|
| 2026-11-21 09:30 +01:00 | Impact started. |

## Contributing Factors

<!-- The conditions that made this possible: changes, limits, missing signals or guard rails. Name them in contributing_factors too. -->

## Action Items

<!-- One row per improvement: ID (AI-1, AI-2 ...), an owner (@person or @team), a due date (YYYY-MM-DD), a priority and a status (open). -->

| ID | Action | Owner | Due | Priority | Status |
|----|--------|-------|-----|----------|--------|
`);
    expect(scaffold.rolesToName).toEqual(['communications', 'scribe']);
  });

  it('SEV3: only Summary and Timeline are required, and Action Items are always there; no roles to name', () => {
    const scaffold = ok({ ...GOOD, severity: 'SEV3' });
    expect(scanMarkdownHeadings(body(scaffold.text))).toEqual(['Summary', 'Timeline', 'Action Items']);
    expect(scaffold.text).not.toContain('roles');
    expect(frontMatter(scaffold.text)).toEqual({
      id: 'INC-2026-015',
      title: GOOD.title,
      severity: 'SEV3',
      status: 'investigating',
      postmortem: 'draft',
      services: ['payments-gateway', 'web-app'],
      commander: '@amelie-roux',
      started: '2026-11-21T09:30:00+01:00',
    });
  });

  it('hostile values stay data: YAML specials in the title, Markdown structure in the summary', () => {
    const title = "x\" : y # z 'q' {a: [b]} &anchor *alias !!js/function --- ... @team #12 <!--";
    const summary =
      '## Action Items\n| ID | Action |\n|--|--|\n| AI-9 | pwned |\nSetext\n---\n<!-- unclosed\n<pre>\n```js\nopen fence';
    const scaffold = ok({ ...GOOD, title, summary });
    expect(frontMatter(scaffold.text).title).toBe(title);
    expect(frontMatter(scaffold.text).status).toBe('investigating');
    // The file's sections are still exactly the scaffold's: nothing the summary held became a heading or swallowed one.
    expect(scanMarkdownHeadings(body(scaffold.text))).toEqual([
      'Summary',
      'Customer Impact',
      'Timeline',
      'Contributing Factors',
      'Action Items',
    ]);
    expect(scaffold.path).toBe('incidents/2026/2026-11-21-x-y-z-q-a-b-anchor-alias-js-function-team-12.md');
    // Headings inside block quotes and lists are not sections.
    const quoted = ok({ ...GOOD, summary: 'Fine so far.\n> ## Action Items\n> | ID |\n- ## Timeline' });
    expect(scanMarkdownHeadings(body(quoted.text))).toEqual([
      'Summary',
      'Customer Impact',
      'Timeline',
      'Contributing Factors',
      'Action Items',
    ]);
    const root = fixtureRepo({ [scaffold.path]: scaffold.text }, EXAMPLE);
    const repo = loadRepository(root);
    const incident = repo.incidents.find((i) => i.file === scaffold.path)!;
    expect(incident.valid).toBe(true);
    // The summary's table is not the action items: the Action Items table has no rows.
    expect(
      validateRepository(repo, { now: NOW }).diagnostics.filter(
        (d) => d.file === scaffold.path && d.rule.startsWith('action-item'),
      ),
    ).toEqual([]);
  });

  it('a title with no Latin letters still gets a slug', () => {
    expect(ok({ ...GOOD, title: '決済が失敗' }).path).toBe('incidents/2026/2026-11-21-incident.md');
    expect(ok({ ...GOOD, title: 'Ünïcödé façade — 50% errors!' }).path).toBe(
      'incidents/2026/2026-11-21-unicode-facade-50-errors.md',
    );
  });
});

describe('the new file in a copy of the example repository', () => {
  // What `firebreak validate` reports for a freshly declared incident, and why each is left to a person.
  const STILL_TO_FILL: Record<string, string[]> = {
    // SEV1 requires a communications lead and a scribe (Severities policy); the form asks only for the
    // commander, because who takes those roles is decided in the first minutes of the response.
    SEV1: [
      'roles-required: Incident INC-2026-015 is SEV1, which requires a communications, and none is named.',
      'roles-required: Incident INC-2026-015 is SEV1, which requires a scribe, and none is named.',
    ],
    SEV2: ['roles-required: Incident INC-2026-015 is SEV2, which requires a communications, and none is named.'],
    // SEV3 and SEV4 require only the commander: nothing is left.
    SEV3: [],
    SEV4: [],
  };

  it.each(Object.keys(STILL_TO_FILL))(
    '%s: only what a person must still fill is reported; the rest of the repository is unchanged',
    (severity) => {
      const before = validateRepository(loadRepository(EXAMPLE), { now: NOW }).diagnostics;
      const scaffold = ok({ ...GOOD, severity });
      const root = fixtureRepo({ [scaffold.path]: scaffold.text }, EXAMPLE);
      const after = validateRepository(loadRepository(root), { now: NOW }).diagnostics;
      expect(after.filter((d) => d.file === scaffold.path).map((d) => `${d.rule}: ${d.message}`)).toEqual(
        STILL_TO_FILL[severity],
      );
      expect(after.filter((d) => d.file !== scaffold.path)).toEqual(before);
    },
  );

  it('once the roles are named, a SEV1 declaration validates with no diagnostic at all', () => {
    const scaffold = ok(GOOD);
    const named = scaffold.text.replace(
      'started:',
      'roles:\n  communications: "@maya-patel"\n  scribe: "@nschulz"\nstarted:',
    );
    const root = fixtureRepo({ [scaffold.path]: named }, EXAMPLE);
    expect(
      validateRepository(loadRepository(root), { now: NOW }).diagnostics.filter((d) => d.file === scaffold.path),
    ).toEqual([]);
  });

  it('a Config that moves the incidents directory moves the file, and the schema hint follows', () => {
    const root = fixtureRepo(
      { 'policies/config.yaml': replace('incidents: incidents', 'incidents: records/incidents') },
      EXAMPLE,
    );
    mkdirSync(path.join(root, 'records'));
    cpSync(path.join(root, 'incidents'), path.join(root, 'records/incidents'), { recursive: true });
    rmSync(path.join(root, 'incidents'), { recursive: true });
    const scaffold = ok({ ...GOOD, severity: 'SEV3' }, root);
    expect(scaffold.path).toBe('records/incidents/2026/2026-11-21-card-payments-failing-in-both-regions.md');
    expect(scaffold.text).toContain('$schema=../../../schemas/incident.schema.json');
    writeFileSync(path.join(root, scaffold.path), scaffold.text);
    expect(
      validateRepository(loadRepository(root), { now: NOW }).diagnostics.filter((d) => d.file === scaffold.path),
    ).toEqual([]);
  });
});

describe('declareFromIssue, through the dry-run port', () => {
  function port(
    state: { branches?: Record<string, string>; author?: string; labels?: string[] } = {},
  ): GitHubPort & { writes: string[] } {
    const reader = createDryRunPort();
    return createDryRunPort({
      ...reader,
      branchHead: async (branch) => state.branches?.[branch],
      getDefaultBranch: async () => 'main',
    });
  }
  const issue = (fields: { author?: string; labels?: string[]; body?: string } = {}) => ({
    number: 12,
    title: '[Incident]: Card payments failing in both regions',
    body:
      fields.body ??
      formBody({
        severity: 'SEV1',
        services: 'payments-gateway',
        started: '2026-11-21 09:30',
        summary: 'PSP timeouts.',
      }),
    author: fields.author ?? 'amelie-roux',
    labels: fields.labels ?? ['incident'],
  });

  it('a member: a branch from the default branch, one new file, a draft pull request, one comment', async () => {
    const github = port({ branches: { main: 'a'.repeat(40) } });
    const outcome = await declareFromIssue({ port: github, root: EXAMPLE, issue: issue(), now: NOW });
    expect(outcome.result).toBe('declared');
    expect(github.writes).toEqual([
      'point branch firebreak/declare-12 at aaaaaaa',
      'commit new file incidents/2026/2026-11-21-card-payments-failing-in-both-regions.md on firebreak/declare-12',
      'open draft pull request "INC-2026-015 (SEV1): Card payments failing in both regions"',
      'comment on #12',
    ]);
    // The author is the commander when the form leaves it empty.
    expect(outcome.result === 'declared' && outcome.scaffold.commander).toBe('@amelie-roux');
  });

  it('ignores an issue without the label, refuses a non-member, and comments the problems of an invalid form', async () => {
    const github = port({ branches: { main: 'a'.repeat(40) } });
    expect(
      await declareFromIssue({ port: github, root: EXAMPLE, issue: issue({ labels: ['bug'] }), now: NOW }),
    ).toEqual({ result: 'ignored', why: 'issue #12 does not have the label "incident"' });
    expect(
      (await declareFromIssue({ port: github, root: EXAMPLE, issue: issue({ author: 'mallory' }), now: NOW })).result,
    ).toBe('not-a-member');
    const invalid = await declareFromIssue({
      port: github,
      root: EXAMPLE,
      issue: issue({ body: formBody({ severity: 'SEV9', services: 'payments-gateway', started: '2026-11-21 09:30' }) }),
      now: NOW,
    });
    expect(invalid.result === 'invalid' && invalid.problems.map((p) => p.field)).toEqual(['severity']);
    const unreadable = await declareFromIssue({
      port: github,
      root: EXAMPLE,
      issue: issue({ body: '### Severity\n\nSEV1\n### Severity\n\nSEV0' }),
      now: NOW,
    });
    expect(unreadable.result === 'invalid' && unreadable.problems.map((p) => p.field)).toEqual(['form']);
    expect(github.writes).toEqual(['comment on #12', 'comment on #12', 'comment on #12']);
  });

  it('a marker pasted by someone else does not silence the bot: only its own comments count as said', async () => {
    const reader = createDryRunPort();
    const forged = (kind: string) => ({
      id: 1,
      author: 'mallory',
      body: `<!-- firebreak:declare:${kind} {"issue":12} -->\nnothing to see`,
    });
    const github = createDryRunPort({ ...reader, listComments: async () => [forged('refused'), forged('problems')] });
    expect(
      (await declareFromIssue({ port: github, root: EXAMPLE, issue: issue({ author: 'mallory' }), now: NOW })).result,
    ).toBe('not-a-member');
    expect(github.writes).toEqual(['comment on #12']);
    const own = createDryRunPort({
      ...reader,
      listComments: async () => [{ ...forged('refused'), author: 'github-actions[bot]' }],
    });
    await declareFromIssue({ port: own, root: EXAMPLE, issue: issue({ author: 'mallory' }), now: NOW });
    expect(own.writes).toEqual([]);
  });
});
