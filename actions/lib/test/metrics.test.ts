// Every report figure against values worked out by hand from small repositories built here,
// including the edges: open incidents, missing timestamps, incidents across window boundaries,
// daylight-saving changes in Europe/Paris, months of different lengths, and no incidents at all.
import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  buildReport,
  formatReportMarkdown,
  loadRepository,
  validateRepository,
  type ReliabilityReport,
  type ReportOptions,
} from '../src/index.ts';
import { desiredState } from '../src/follow-ups/desired.ts';
import { fixtureRepo, replace, type Change } from './repo.ts';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const BASE_INCIDENTS = {
  'incidents/2026/2026-10-01-api-outage.md': null,
  'incidents/2026/2026-10-20-slow-search.md': null,
};
const SEV2 = replace(
  '    - id: SEV3\n',
  '    - id: SEV2\n      name: Significant\n      timeToAction: 1h\n      postmortem:\n        required: true\n        deadline: 7d\n    - id: SEV3\n',
);

interface IncidentSpec {
  id: string;
  severity?: string;
  status?: string;
  started: string;
  detected?: string;
  acknowledged?: string;
  mitigated?: string;
  resolved?: string;
  services?: string[];
  commander?: string;
  roles?: Record<string, string | string[]>;
  postmortem?: string;
  published?: string;
  factors?: string[];
  slos?: string[];
  items?: string[];
}

function incidentFile(spec: IncidentSpec): [string, string] {
  const lines = [
    '---',
    `id: ${spec.id}`,
    `title: Incident ${spec.id}`,
    `severity: ${spec.severity ?? 'SEV3'}`,
    `status: ${spec.status ?? 'resolved'}`,
    `postmortem: ${spec.postmortem ?? 'draft'}`,
    ...(spec.published ? [`postmortem_published: ${spec.published}`] : []),
    `services: [${(spec.services ?? ['api']).join(', ')}]`,
    `commander: "${spec.commander ?? '@alice'}"`,
    ...(spec.roles ? ['roles:', ...Object.entries(spec.roles).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)] : []),
    `started: ${spec.started}`,
    ...(['detected', 'acknowledged', 'mitigated', 'resolved'] as const)
      .filter((k) => spec[k])
      .map((k) => `${k}: ${spec[k]}`),
    ...(spec.factors ? [`contributing_factors: [${spec.factors.join(', ')}]`] : []),
    ...(spec.slos ? ['slos:', ...spec.slos] : []),
    '---',
    '',
    '## Summary',
    '',
    'Something broke.',
    '',
    ...(spec.items
      ? [
          '## Action Items',
          '',
          '| ID | Action | Owner | Due | Priority | Status | Done |',
          '|---|---|---|---|---|---|---|',
          ...spec.items,
          '',
        ]
      : []),
  ];
  return [`incidents/2026/${spec.started.slice(0, 10)}-${spec.id.toLowerCase()}.md`, lines.join('\n')];
}

function report(
  incidents: IncidentSpec[],
  options: Partial<ReportOptions> = {},
  extra: Record<string, Change> = {},
): ReliabilityReport {
  const root = fixtureRepo({ ...BASE_INCIDENTS, ...Object.fromEntries(incidents.map(incidentFile)), ...extra });
  const repo = loadRepository(root);
  const broken = repo.problems.map((p) => p.finding.message);
  expect(broken).toEqual([]);
  return buildReport(repo, buildCatalog(repo), { now: NOW, ...options });
}

/** An incident started at `start` (Paris time in November: +01:00) with durations in minutes. */
function at(
  id: string,
  start: string,
  minutes: { detect?: number; ack?: number; mitigate?: number; resolve?: number },
  rest: Partial<IncidentSpec> = {},
): IncidentSpec {
  const base = Date.parse(start);
  const stamp = (m?: number) =>
    m === undefined ? undefined : new Date(base + m * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    id,
    started: start,
    detected: stamp(minutes.detect),
    acknowledged: stamp(minutes.ack),
    mitigated: stamp(minutes.mitigate),
    resolved: stamp(minutes.resolve),
    status: minutes.resolve === undefined ? 'monitoring' : 'resolved',
    ...rest,
  };
}

const NOV = { since: '2026-11-01', until: '2026-11-21' };

describe('durations', () => {
  it('count, mean, median and p90 of each measure from started; open incidents and missing timestamps are left out of what they lack', () => {
    const r = report(
      [
        at('INC-2026-001', '2026-11-02T10:00:00+01:00', { detect: 2, ack: 5, mitigate: 20, resolve: 60 }),
        at('INC-2026-002', '2026-11-03T10:00:00+01:00', { detect: 4, ack: 10, mitigate: 40, resolve: 120 }),
        at('INC-2026-003', '2026-11-04T10:00:00+01:00', { ack: 30, mitigate: 90 }), // open, never "detected"
      ],
      NOV,
    );
    expect(r.durations.current.acknowledge).toEqual({ count: 3, mean: 15, median: 10, p90: 26 }); // 10 + 0.8 × (30 − 10)
    expect(r.durations.current.detect).toEqual({ count: 2, mean: 3, median: 3, p90: 3.8 });
    expect(r.durations.current.resolve).toEqual({ count: 2, mean: 90, median: 90, p90: 114 });
    expect(r.incidents).toMatchObject({ total: 3, open: 1 });
    expect(r.incidentList.map((i) => i.minutes.resolve)).toEqual([60, 120, undefined]);
  });

  it('compares with the previous window of the same length ("down 50%")', () => {
    const r = report(
      [
        at('INC-2026-001', '2026-10-14T10:00:00+02:00', { ack: 10, resolve: 100 }, { severity: 'SEV1' }),
        at('INC-2026-002', '2026-10-20T10:00:00+02:00', { ack: 20, resolve: 200 }, { severity: 'SEV1' }),
        at('INC-2026-003', '2026-11-10T10:00:00+01:00', { ack: 30, resolve: 300 }, { severity: 'SEV1' }),
      ],
      { since: '2026-11-01', until: '2026-12-01' },
    );
    expect(r.previousWindow).toMatchObject({ startDate: '2026-10-02', endDate: '2026-11-01' });
    expect(r.incidents).toMatchObject({ total: 1, previous: 2, change: -50 });
    expect(r.incidents.highSeverity).toEqual({ severities: ['SEV1', 'SEV3'], count: 1, previous: 2, change: -50 });
    expect(r.durations.previous.resolve.median).toBe(150);
  });
});

describe('windows', () => {
  it('an incident belongs to the window it started in: 23:30 on the last day is in, 00:10 the next day is out', () => {
    const r = report(
      [
        at('INC-2026-001', '2026-11-20T23:30:00+01:00', { ack: 5, resolve: 60 }),
        at('INC-2026-002', '2026-11-21T00:10:00+01:00', { ack: 5, resolve: 60 }),
      ],
      NOV,
    );
    expect(r.incidentList.map((i) => i.id)).toEqual(['INC-2026-001']);
  });

  it('weeks across the autumn daylight-saving change last 169 hours and start at local midnight', () => {
    const r = report([at('INC-2026-001', '2026-10-25T02:30:00+01:00', { ack: 5, resolve: 30 })], {
      period: 'week',
      until: '2026-10-26',
    });
    expect(r.window).toMatchObject({
      label: '2026-W43',
      start: '2026-10-18T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
    });
    expect(Date.parse(r.window.end) - Date.parse(r.window.start)).toBe(169 * 3_600_000);
    expect(r.previousWindow).toMatchObject({ label: '2026-W42', start: '2026-10-11T22:00:00.000Z' });
    expect(r.incidents.total).toBe(1);
  });

  it('calendar months keep their own lengths: February 2026 against January', () => {
    const r = report(
      [
        at('INC-2026-001', '2026-01-31T12:00:00+01:00', { ack: 5, resolve: 30 }),
        at('INC-2026-002', '2026-02-28T23:59:00+01:00', { ack: 5, resolve: 30 }),
      ],
      { period: 'month', until: '2026-03-01' },
    );
    expect(r.window).toMatchObject({ label: '2026-02', startDate: '2026-02-01', endDate: '2026-03-01' });
    expect(Date.parse(r.window.end) - Date.parse(r.window.start)).toBe(28 * 86_400_000);
    expect(r.previousWindow).toMatchObject({ label: '2026-01', startDate: '2026-01-01', endDate: '2026-02-01' });
    expect(r.incidents).toMatchObject({ total: 1, previous: 1, change: 0 });
  });

  it('without --until, a period is the last complete one', () => {
    const r = report([], { period: 'month' });
    expect(r.window.label).toBe('2026-10');
  });

  it('no incidents: zeros and dashes, no change figure, no chart', () => {
    const r = report([], NOV);
    expect(r.incidents).toMatchObject({ total: 0, previous: 0, change: null, open: 0 });
    expect(r.durations.current.acknowledge).toEqual({ count: 0, mean: null, median: null, p90: null });
    expect(r.postmortems).toMatchObject({ required: 0, publishedShare: null });
    const markdown = formatReportMarkdown(r);
    expect(markdown).toContain('No incidents started in this window.');
    expect(markdown).not.toContain('```mermaid\nxychart-beta\n  title "Incidents');
  });
});

describe('time to action, postmortems, action items, repeats', () => {
  it('time-to-action compliance per severity against the policy target', () => {
    const r = report(
      [
        at('INC-2026-001', '2026-11-02T10:00:00+01:00', { ack: 5, resolve: 60 }, { severity: 'SEV1' }),
        at('INC-2026-002', '2026-11-03T10:00:00+01:00', { ack: 45, resolve: 60 }, { severity: 'SEV1' }),
        at('INC-2026-003', '2026-11-04T10:00:00+01:00', { resolve: 60 }, { severity: 'SEV1' }),
      ],
      NOV,
    );
    expect(r.timeToAction).toEqual([
      { severity: 'SEV1', targetMinutes: 30, measured: 2, met: 1, compliance: 50 },
      { severity: 'SEV3', targetMinutes: 240, measured: 0, met: 0, compliance: null },
    ]);
  });

  it('postmortems: required, published, on time (by the deadline day), median days to publish', () => {
    const sev1 = (id: string, day: string, rest: Partial<IncidentSpec>) =>
      at(id, `2026-11-${day}T10:00:00+01:00`, { ack: 5, resolve: 60 }, { severity: 'SEV1', ...rest });
    const r = report(
      [
        sev1('INC-2026-001', '02', { postmortem: 'published', published: '2026-11-07' }),
        sev1('INC-2026-002', '03', { postmortem: 'published', published: '2026-11-12' }),
        sev1('INC-2026-003', '04', { postmortem: 'in-review' }),
        at('INC-2026-004', '2026-11-05T10:00:00+01:00', { ack: 5, resolve: 60 }),
      ],
      NOV,
    );
    // Deadline 5d: INC-1 resolved 11-02, due 11-07 (on time, 5 days); INC-2 resolved 11-03, published after 9 days.
    expect(r.postmortems).toEqual({
      required: 3,
      published: 2,
      due: 3,
      publishedOnTime: 1,
      overdue: 1,
      publishedShare: (2 / 3) * 100,
      onTimeShare: (1 / 3) * 100,
      medianDaysToPublish: 7,
      notYetDue: [],
    });
  });

  it('action items: open, done, overdue, completion, median days to close (Done column), by owner and team', () => {
    const r = report(
      [
        at(
          'INC-2026-001',
          '2026-11-02T10:00:00+01:00',
          { ack: 5, resolve: 60 },
          {
            items: [
              '| AI-1 | a | @alice | 2026-11-10 | P1 | done | 2026-11-06 |',
              '| AI-2 | b | @alice | 2026-11-15 | P1 | open | |',
              '| AI-3 | c | @carol | 2026-12-15 | P2 | in-progress | |',
              '| AI-4 | d | @platform | 2026-11-30 | P2 | wont-do | |',
              '| AI-5 | e | @carol | 2026-11-20 | P2 | done | 2026-11-12 |',
            ],
          },
        ),
      ],
      NOV,
    );
    const ai = r.actionItems;
    expect(ai).toMatchObject({
      total: 5,
      open: 2,
      overdue: 1,
      done: 2,
      wontDo: 1,
      completionRate: 50,
      medianDaysToClose: 7,
    }); // 4 and 10 days after 11-02
    expect(ai.byOwner.find((o) => o.owner === '@alice')).toMatchObject({ total: 2, open: 1, overdue: 1, done: 1 });
    expect(ai.byTeam.map((t) => [t.team, t.total])).toEqual([
      ['platform', 3],
      ['search', 2],
    ]);
    expect(ai.overdueItems.map((i) => `${i.incident} ${i.id}`)).toEqual(['INC-2026-001 AI-2']);
  });

  it('repeats: same service and a shared contributing factor within 30 days', () => {
    const r = report(
      [
        at('INC-2026-001', '2026-10-10T10:00:00+02:00', { ack: 5, resolve: 60 }, { factors: ['config-change'] }),
        at(
          'INC-2026-002',
          '2026-11-05T10:00:00+01:00',
          { ack: 5, resolve: 60 },
          { factors: ['config-change', 'test-gap'] },
        ),
        at(
          'INC-2026-003',
          '2026-11-06T10:00:00+01:00',
          { ack: 5, resolve: 60 },
          { factors: ['test-gap'], services: ['search'] },
        ),
      ],
      NOV,
    );
    expect(r.repeats.map((x) => [x.incident, x.repeatOf, x.services, x.factors])).toEqual([
      ['INC-2026-002', 'INC-2026-001', ['api'], ['config-change']],
    ]);
  });
});

describe('postmortem deadlines: one definition for validate, the report and follow-ups', () => {
  const SEV1_12H = replace(
    '        deadline: 5d\n',
    '        deadline: 5d\n    - id: SEV2\n      name: Significant\n      timeToAction: 1h\n      postmortem:\n        required: true\n        deadline: 12h\n',
  );
  const sev1 = (id: string, resolved: string, rest: Partial<IncidentSpec> = {}): IncidentSpec => ({
    id,
    severity: 'SEV1',
    started: '2026-11-02T20:00:00Z',
    acknowledged: '2026-11-02T20:05:00Z',
    mitigated: '2026-11-02T21:00:00Z',
    resolved,
    roles: { communications: '@bob' },
    ...rest,
  });

  it('counts calendar days in the Config time zone, whatever offset resolved was written with', () => {
    // The same instant: 00:30 on 3 November in Paris. 5 days: due by the end of 8 November, Paris time.
    const r = report(
      [
        sev1('INC-2026-001', '2026-11-02T23:30:00Z', { postmortem: 'published', published: '2026-11-08' }),
        sev1('INC-2026-002', '2026-11-03T00:30:00+01:00', { postmortem: 'published', published: '2026-11-08' }),
      ],
      NOV,
    );
    expect(r.postmortems).toMatchObject({
      required: 2,
      due: 2,
      publishedOnTime: 2,
      onTimeShare: 100,
      medianDaysToPublish: 5,
    });
  });

  it('keeps a sub-day deadline exact: 12 hours after resolved, not the next day', () => {
    const sev2 = (id: string, published: string) => ({
      ...sev1(id, '2026-11-10T10:00:00+01:00', { postmortem: 'published', published }),
      severity: 'SEV2',
    });
    const r = report([sev2('INC-2026-001', '2026-11-10'), sev2('INC-2026-002', '2026-11-11')], NOV, {
      'policies/policies.yaml': SEV1_12H,
    });
    expect(r.postmortems).toMatchObject({ required: 2, due: 2, publishedOnTime: 1 });
  });

  it('takes the on-time share over postmortems that are due, and lists those not yet due apart', () => {
    // At 2026-11-21 12:00Z: INC-1 was due on 11-07 (published on time); INC-2 resolved on 11-19 is due on 11-24.
    const r = report(
      [
        sev1('INC-2026-001', '2026-11-02T21:00:00Z', { postmortem: 'published', published: '2026-11-06' }),
        sev1('INC-2026-002', '2026-11-19T10:00:00+01:00', {
          started: '2026-11-19T08:00:00+01:00',
          acknowledged: '2026-11-19T08:05:00+01:00',
          mitigated: '2026-11-19T09:00:00+01:00',
        }),
      ],
      NOV,
    );
    expect(r.postmortems).toMatchObject({ required: 2, due: 1, publishedOnTime: 1, overdue: 0, onTimeShare: 100 });
    expect(r.postmortems.notYetDue).toEqual([
      {
        incident: 'INC-2026-002',
        dueDate: '2026-11-24',
        postmortem: 'draft',
        file: 'incidents/2026/2026-11-19-inc-2026-002.md',
      },
    ]);
  });

  it('makes validate and follow-ups agree on the moment a postmortem becomes overdue', () => {
    const root = fixtureRepo({
      ...BASE_INCIDENTS,
      ...Object.fromEntries([incidentFile(sev1('INC-2026-001', '2026-11-02T23:30:00Z', { postmortem: 'in-review' }))]),
    });
    const repo = loadRepository(root);
    const overdue = (now: string) => ({
      validate: validateRepository(repo, { now: Date.parse(now) }).diagnostics.some(
        (d) => d.rule === 'postmortem-deadline',
      ),
      followUps: desiredState(repo, buildCatalog(repo), {
        repository: 'acme/incidents',
        now: Date.parse(now),
      }).tracked.some((t) => t.kind === 'postmortem'),
    });
    // Due by the end of 8 November in Paris, which is 23:00Z.
    expect(overdue('2026-11-08T12:00:00Z')).toEqual({ validate: false, followUps: false });
    expect(overdue('2026-11-08T22:59:00Z')).toEqual({ validate: false, followUps: false });
    expect(overdue('2026-11-08T23:00:00Z')).toEqual({ validate: true, followUps: true });
  });
});

describe('people and load', () => {
  it('a long SEV1 and a SEV2 weigh more than six short SEV3s; nights and weekends are counted apart, in Paris time', () => {
    const r = report(
      [
        at(
          'INC-2026-001',
          '2026-11-02T10:00:00+01:00',
          { ack: 5, resolve: 180 },
          { severity: 'SEV1', commander: '@alice' },
        ),
        at(
          'INC-2026-002',
          '2026-11-03T22:00:00+01:00',
          { ack: 5, resolve: 60 },
          { severity: 'SEV2', commander: '@alice' },
        ), // Tuesday night
        ...[4, 5, 6, 7, 8, 9].map((d) =>
          at(`INC-2026-00${d}`, `2026-11-0${d}T11:00:00+01:00`, { ack: 5, resolve: 30 }, { commander: '@bob' }),
        ), // 7 and 8 are a weekend
      ],
      NOV,
      { 'policies/policies.yaml': SEV2 },
    );
    // Weights: SEV1 4, SEV2 2, SEV3 1. Alice: 4 × 3 h + 2 × 1 h = 14. Bob: 6 × 0.5 h = 3.
    expect(r.responders.map((p) => [p.handle, p.incidents, p.hours, p.nights, p.weekends, p.load])).toEqual([
      ['@alice', 2, 4, 1, 0, 14],
      ['@bob', 6, 3, 0, 2, 3],
    ]);
  });

  it('an incident that started before the window counts its hours inside the window only, and not as an incident', () => {
    const r = report([at('INC-2026-001', '2026-10-31T22:00:00+01:00', { ack: 5, resolve: 240 })], NOV);
    expect(r.responders).toEqual([{ handle: '@alice', incidents: 0, hours: 2, nights: 0, weekends: 0, load: 2 }]);
  });

  it('on-call hours and incidents per shift, with hand-offs at 09:00 Paris time across the change to winter time', () => {
    const r = report([at('INC-2026-001', '2026-10-27T10:00:00+01:00', { ack: 5, resolve: 30 })], {
      since: '2026-10-19',
      until: '2026-11-02',
    });
    // Shifts Monday 09:00: @alice 10-12..10-19 09:00, @bob 10-19..10-26 09:00 (169 h), @alice 10-26..11-02 09:00.
    // Window 10-19 00:00 .. 11-02 00:00 Paris: alice 9 h + 159 h, bob 169 h (the night of 10-25 has 25 hours).
    expect(r.onCall.map((o) => [o.handle, o.hours, o.shifts, o.incidents, o.incidentsPerShift])).toEqual([
      ['@bob', 169, 1, 0, 0],
      ['@alice', 168, 2, 1, 0.5],
    ]);
  });
});

describe('hours stop at now', () => {
  it("a responder's hours run from started to resolved; while not resolved, to mitigated when set (monitoring is not work), else to now", () => {
    const r = report(
      [
        at(
          'INC-2026-001',
          '2026-11-18T10:00:00+01:00',
          { ack: 5, mitigate: 95 },
          { commander: '@alice', status: 'monitoring' },
        ),
        at('INC-2026-002', '2026-11-21T11:00:00+01:00', { ack: 5 }, { commander: '@bob', status: 'investigating' }),
        at(
          'INC-2026-003',
          '2026-11-19T10:00:00+01:00',
          { ack: 5, mitigate: 60, resolve: 120 },
          { commander: '@carol' },
        ),
      ],
      { since: '2026-11-16', until: '2026-11-30' },
    );
    // Now is 2026-11-21 12:00Z = 13:00 in Paris: @bob's incident has run 2 hours.
    expect(Object.fromEntries(r.responders.map((p) => [p.handle, p.hours]))).toEqual({
      '@alice': 95 / 60,
      '@bob': 2,
      '@carol': 2,
    });
  });

  it('on-call hours count the window up to now, not the part still to come', () => {
    const r = report([], { since: '2026-11-16', until: '2026-11-30' });
    // From Monday 16 November 00:00 to Saturday 21 November 13:00 in Paris: 5 days and 13 hours.
    expect(r.onCall.reduce((sum, o) => sum + o.hours, 0)).toBe(5 * 24 + 13);
  });
});

describe('error budgets', () => {
  const timeslices = (target: string, window: string) =>
    `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api-latency\nspec:\n  service: api\n  indicatorRef: api-success\n  timeWindow:\n${window}\n  budgetingMethod: Timeslices\n  objectives:\n    - target: ${target}\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1m\n`;
  const policy =
    'apiVersion: firebreak/v1\nkind: ErrorBudgetPolicy\nmetadata:\n  name: default\nspec:\n  statuses:\n    - status: exhausted\n      remainingBelow: 0\n      means: Freeze.\n    - status: at-risk\n      remainingBelow: 25\n      means: Slow down.\n    - status: healthy\n';
  const cite = (minutes: number) => [`  - slo: api-latency`, `    bad_minutes: ${minutes}`];

  it("99.5% over 30 rolling days allows 216 minutes; 54 used leave 75%, healthy; the last 7 days' pace projects the day it runs out", () => {
    const r = report(
      [at('INC-2026-001', '2026-11-20T10:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(54) })],
      { until: '2026-11-22' },
      {
        'slos/latency.yaml': timeslices('0.995', '    - duration: 30d\n      isRolling: true'),
        'policies/budgets.yaml': policy,
      },
    );
    const budget = r.budgets.find((b) => b.slo === 'api-latency')!;
    expect(budget).toMatchObject({
      method: 'Timeslices',
      unit: 'minutes',
      consumed: 54,
      remainingPercent: 75,
      status: { status: 'healthy' },
      incidents: ['INC-2026-001'],
    });
    expect(budget.allowed).toBeCloseTo(216, 9);
    expect(budget.burnRate).toBeCloseTo(0.25, 9);
    // 54 minutes in the last 7 days (none in the last day): the remaining 162 last 21 days at that pace.
    expect(budget).toMatchObject({
      exhaustionPace: '7d',
      projectedExhaustion: new Date(NOW + 21 * 86_400_000).toISOString(),
    });
    expect(budget.recentBurnRates.find((w) => w.window === '7d')!.burnRate).toBeCloseTo(54 / (216 * (7 / 30)), 9);
  });

  it('a rolling window runs out at the recent pace, with the window named, or "not at this pace"', () => {
    const files = {
      'slos/latency.yaml': timeslices('0.995', '    - duration: 30d\n      isRolling: true'),
      'policies/budgets.yaml': policy,
    };
    // 54 of 216 minutes in the last day: 7.5 times the sustainable rate; the other 162 go in 3 days.
    const fastReport = report(
      [at('INC-2026-001', '2026-11-21T08:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(54) })],
      { until: '2026-11-22' },
      files,
    );
    const fast = fastReport.budgets.find((b) => b.slo === 'api-latency')!;
    expect(fast.recentBurnRates.find((w) => w.window === '1d')!.burnRate).toBeCloseTo(7.5, 9);
    expect(fast).toMatchObject({
      exhaustionPace: '1d',
      projectedExhaustion: new Date(NOW + 3 * 86_400_000).toISOString(),
    });
    // 100 minutes 20 days ago and nothing since: the budget does not run out at this pace.
    const quiet = report(
      [at('INC-2026-001', '2026-11-01T10:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(100) })],
      { until: '2026-11-22' },
      files,
    );
    expect(quiet.budgets.find((b) => b.slo === 'api-latency')).toMatchObject({
      projectedExhaustion: null,
      exhaustionPace: null,
    });
    expect(formatReportMarkdown(quiet)).toMatch(
      /\| api-latency \| 30d rolling \| 99\.5% \| 216 minutes \| 100 minutes \| [^|]+ \| [^|]+ \| not at this pace \|/,
    );
    expect(formatReportMarkdown(fastReport)).toContain(
      ` | ${new Date(NOW + 3 * 86_400_000).toISOString().slice(0, 10)} (1d pace) |`,
    );
    // The date is the Config time zone's: 23:30Z on the 24th is already the 25th in Paris.
    const late = report(
      [at('INC-2026-001', '2026-11-21T08:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(54) })],
      { until: '2026-11-23', now: Date.parse('2026-11-21T23:30:00Z') },
      files,
    );
    expect(formatReportMarkdown(late)).toContain(' | 2026-11-25 (1d pace) |');
  });

  it('a calendar month in Paris: November has 30 days (43.2 minutes at 99.9%); 40 used is at risk, 50 exhausted, with what the policy says', () => {
    const month =
      '    - duration: 1M\n      isRolling: false\n      calendar:\n        startTime: "2026-01-01 00:00:00"\n        timeZone: Europe/Paris';
    const files = { 'slos/latency.yaml': timeslices('0.999', month), 'policies/budgets.yaml': policy };
    const atRisk = report(
      [at('INC-2026-001', '2026-11-10T10:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(40) })],
      NOV,
      files,
    ).budgets.find((b) => b.slo === 'api-latency')!;
    expect(atRisk.window).toMatchObject({ start: '2026-10-31T23:00:00.000Z', end: '2026-11-30T23:00:00.000Z' });
    expect(atRisk.allowed).toBeCloseTo(43.2, 9);
    expect(
      formatReportMarkdown(
        report(
          [at('INC-2026-001', '2026-11-10T10:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(40) })],
          NOV,
          files,
        ),
      ),
    ).toContain('| 43.2 minutes | 40 minutes |');
    expect(atRisk.status).toEqual({ status: 'at-risk', means: 'Slow down.' });
    const exhausted = report(
      [at('INC-2026-001', '2026-11-10T10:00:00+01:00', { ack: 5, resolve: 60 }, { slos: cite(50) })],
      NOV,
      files,
    ).budgets.find((b) => b.slo === 'api-latency')!;
    expect(exhausted.status).toEqual({ status: 'exhausted', means: 'Freeze.' });
    expect(exhausted.projectedExhaustion).toBeNull();
  });

  it('Occurrences budgets count bad events against the expected events of the window, and say what is missing without them', () => {
    const cited = { slos: ['  - slo: api-availability', '    bad_events: 1400', '    total_events: 50000'] };
    const without = report([at('INC-2026-001', '2026-11-10T10:00:00+01:00', { ack: 5, resolve: 60 }, cited)], NOV)
      .budgets[0]!;
    expect(without).toMatchObject({
      slo: 'api-availability',
      method: 'Occurrences',
      allowed: null,
      consumed: 1400,
      remainingPercent: null,
      status: null,
    });
    expect(without.note).toContain('firebreak.dev/expected-events-per-day');
    const annotated = report([at('INC-2026-001', '2026-11-10T10:00:00+01:00', { ack: 5, resolve: 60 }, cited)], NOV, {
      'slos/api-availability.yaml': replace(
        '  name: api-availability\n',
        '  name: api-availability\n  annotations:\n    firebreak.dev/expected-events-per-day: "100000"\n',
      ),
    }).budgets[0]!;
    // 28 days × 100,000 × 0.1% = 2,800 events allowed; 1,400 used.
    expect(annotated.allowed).toBeCloseTo(2800, 6);
    expect(annotated.remainingPercent).toBeCloseTo(50, 9);
  });
});

describe('lean loading', () => {
  it('gives the same report as full records, for every window of the example repository', () => {
    const project = new URL('../../..', import.meta.url).pathname;
    const full = loadRepository(project);
    const lean = loadRepository(project, { lean: true });
    expect(lean.incidents[0]!.body.prose).toEqual([]);
    for (const options of [{}, { period: 'month' as const }, { since: '2026-01-01', until: '2027-01-01' }]) {
      expect(buildReport(lean, buildCatalog(lean), { now: NOW, ...options })).toEqual(
        buildReport(full, buildCatalog(full), { now: NOW, ...options }),
      );
    }
  });
});
