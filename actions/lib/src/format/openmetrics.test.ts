import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../load/repository.ts';
import { buildCatalog } from '../model/catalog.ts';
import { buildReport, type ReliabilityReport } from '../metrics/report.ts';
import type { Stats } from '../metrics/stats.ts';
import { escapeLabelValue, formatNumber, formatOpenMetrics } from './openmetrics.ts';
import { PROMTOOL_INSTALL, promtool, promtoolPath } from '../../testing/prometheus.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

// ---------------------------------------------------------------------------------------------
// A strict validator for the subset of OpenMetrics 1.0 text this formatter may produce: gauges
// only, no timestamps, no exemplars. Returns the problems found, one per message.

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const NUMBER = /^(?:[+-]?\d+(?:\.\d*)?(?:e[+-]?\d+)?|[+-]?\d*\.\d+(?:e[+-]?\d+)?|[+-]?inf(?:inity)?|nan)$/i;
/** HELP text that both the OpenMetrics ABNF and the 0.0.4 parser (which knows only \\ and \n in HELP) accept. */
const HELP_TEXT = /^(?:[^\\"\n]|\\[\\n])+$/;

interface ParsedSample {
  name: string;
  labels: [string, string][];
  value: string;
}

function parseSample(line: string): ParsedSample | string {
  const name = METRIC_NAME.exec(line)?.[0];
  if (!name) return 'no metric name';
  let i = name.length;
  const labels: [string, string][] = [];
  if (line[i] === '{') {
    i++;
    if (line[i] === '}') i++;
    else {
      for (;;) {
        const label = LABEL_NAME.exec(line.slice(i))?.[0];
        if (!label) return `bad label name at column ${i + 1}`;
        i += label.length;
        if (line.slice(i, i + 2) !== '="') return `expected =" after label ${label}`;
        i += 2;
        let value = '';
        for (;;) {
          const c = line[i];
          if (c === undefined) return `unterminated value of label ${label}`;
          if (c === '"') break;
          if (c === '\\') {
            const next = line[i + 1];
            if (next === '\\' || next === '"') value += next;
            else if (next === 'n') value += '\n';
            else return `undefined escape \\${next ?? ''} in label ${label}`;
            i += 2;
          } else {
            value += c;
            i++;
          }
        }
        i++;
        labels.push([label, value]);
        if (line[i] === ',') {
          i++;
          continue;
        }
        if (line[i] === '}') {
          i++;
          break;
        }
        return `expected , or } after label ${label}`;
      }
    }
  }
  if (line[i] !== ' ') return 'expected one space before the value';
  const value = line.slice(i + 1);
  if (!NUMBER.test(value))
    return `bad value ${JSON.stringify(value)} (a timestamp or anything else after the number is not allowed)`;
  return { name, labels, value };
}

function validateOpenMetrics(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('# EOF\n')) problems.push('does not end with "# EOF\\n"');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const families = new Map<string, { meta: Set<string>; samples: number; labelSets: Set<string> }>();
  let current: string | undefined;
  lines.forEach((line, index) => {
    const at = `line ${index + 1}: `;
    if (line === '# EOF') {
      if (index !== lines.length - 1) problems.push(`${at}# EOF before the end`);
      return;
    }
    if (line.startsWith('#')) {
      const m = /^# (TYPE|HELP|UNIT) ([^ ]+) (.*)$/.exec(line);
      if (!m) return problems.push(`${at}a # line that is not TYPE, HELP, UNIT or EOF: ${line}`);
      const [, kind, name, rest] = m as unknown as [string, 'TYPE' | 'HELP' | 'UNIT', string, string];
      if (METRIC_NAME.exec(name)?.[0] !== name) problems.push(`${at}bad metric name ${name}`);
      let family = families.get(name);
      if (family && (current !== name || family.samples > 0))
        problems.push(`${at}metadata of ${name} after its samples or after another family`);
      if (!family) {
        family = { meta: new Set(), samples: 0, labelSets: new Set() };
        families.set(name, family);
      }
      current = name;
      if (family.meta.has(kind)) problems.push(`${at}second ${kind} for ${name}`);
      family.meta.add(kind);
      if (kind === 'TYPE' && rest !== 'gauge') problems.push(`${at}type ${rest} (only gauge expected)`);
      if (kind === 'UNIT' && (!/^[a-zA-Z0-9_:]+$/.test(rest) || !name.endsWith(`_${rest}`)))
        problems.push(`${at}unit ${rest} is not the suffix of ${name}`);
      if (kind === 'HELP' && !HELP_TEXT.test(rest)) problems.push(`${at}HELP text empty or badly escaped: ${rest}`);
      return;
    }
    const sample = parseSample(line);
    if (typeof sample === 'string') return problems.push(`${at}${sample}: ${line}`);
    const family = families.get(sample.name);
    if (!family || current !== sample.name)
      return problems.push(`${at}sample of ${sample.name} outside its declared family`);
    if (!family.meta.has('TYPE') || !family.meta.has('HELP'))
      problems.push(`${at}sample of ${sample.name} before its TYPE and HELP`);
    family.samples++;
    const names = sample.labels.map(([n]) => n);
    if (new Set(names).size !== names.length) problems.push(`${at}repeated label name`);
    const key = JSON.stringify([...sample.labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (family.labelSets.has(key)) problems.push(`${at}duplicate label set in ${sample.name}`);
    family.labelSets.add(key);
  });
  for (const [name, family] of families) {
    if (!family.meta.has('TYPE')) problems.push(`${name} has no TYPE`);
    if (!family.meta.has('HELP')) problems.push(`${name} has no HELP`);
  }
  return problems;
}

/** The lines of one family: its metadata and samples. */
function block(text: string, name: string): string {
  return text
    .split('\n')
    .filter((line) =>
      /^# (TYPE|UNIT|HELP) /.test(line)
        ? line.split(' ')[2] === name
        : line.startsWith(`${name}{`) || line.startsWith(`${name} `),
    )
    .join('\n');
}

const familyNames = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('# TYPE '))
    .map((l) => l.split(' ')[2]!);

// ---------------------------------------------------------------------------------------------

const stats = (count: number, mean: number | null, median: number | null, p90: number | null): Stats => ({
  count,
  mean,
  median,
  p90,
});
const none = stats(0, null, null, null);
const WEIRD = 'a"b\\c\nd';

function sampleReport(): ReliabilityReport {
  const counts = { total: 5, open: 2, overdue: 1, done: 2, wontDo: 1, completionRate: 50, medianDaysToClose: 4 };
  return {
    version: 1,
    generatedAt: '2026-11-21T12:00:00.000Z',
    timeZone: 'UTC',
    today: '2026-11-21',
    window: {
      label: '2026-10',
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
      startDate: '2026-10-01',
      endDate: '2026-11-01',
    },
    previousWindow: {
      label: '2026-09',
      start: '2026-09-01T00:00:00.000Z',
      end: '2026-10-01T00:00:00.000Z',
      startDate: '2026-09-01',
      endDate: '2026-10-01',
    },
    incidents: {
      total: 3,
      previous: 1,
      change: 200,
      open: 1,
      bySeverity: [
        { severity: 'SEV1', count: 1, previous: 0, change: null },
        { severity: 'SEV2', count: 2, previous: 0, change: null },
        { severity: 'SEV3', count: 0, previous: 1, change: -100 },
      ],
      highSeverity: { severities: ['SEV0', 'SEV1'], count: 1, previous: 0, change: null },
    },
    durations: {
      current: {
        detect: stats(3, 4, 3, 7.4),
        acknowledge: stats(3, 10, 9, 18.2),
        mitigate: stats(2, 45.5, 45.5, 80.3),
        resolve: stats(1, 120, 120, 120),
      },
      previous: { detect: stats(1, 2, 2, 2), acknowledge: none, mitigate: none, resolve: none },
      bySeverity: [
        {
          key: 'SEV1',
          incidents: 1,
          durations: {
            detect: stats(1, 2, 2, 2),
            acknowledge: stats(1, 5, 5, 5),
            mitigate: stats(1, 30, 30, 30),
            resolve: none,
          },
        },
        {
          key: 'SEV2',
          incidents: 2,
          durations: {
            detect: stats(2, 5, 5, 7.4),
            acknowledge: stats(2, 12.5, 12.5, 18.2),
            mitigate: stats(1, 61, 61, 61),
            resolve: stats(1, 120, 120, 120),
          },
        },
      ],
      byService: [],
      byTeam: [],
    },
    timeToAction: [
      { severity: 'SEV1', targetMinutes: 15, measured: 1, met: 1, compliance: 100 },
      { severity: 'SEV2', targetMinutes: 30, measured: 3, met: 2, compliance: (2 / 3) * 100 },
      { severity: 'SEV3', targetMinutes: 240, measured: 0, met: 0, compliance: null },
    ],
    postmortems: {
      required: 2,
      published: 1,
      due: 2,
      publishedOnTime: 1,
      overdue: 1,
      publishedShare: 50,
      onTimeShare: 50,
      medianDaysToPublish: 3,
      notYetDue: [],
    },
    actionItems: {
      ...counts,
      byOwner: [{ owner: '@ana', ...counts }],
      byTeam: [{ team: 'payments', ...counts }],
      overdueItems: [],
    },
    repeats: [
      { incident: 'INC-3', repeatOf: 'INC-1', services: ['payments-gateway'], factors: ['config-change'], days: 12 },
    ],
    responders: [
      { handle: '@ana', incidents: 2, hours: 3.5, nights: 1, weekends: 0, load: 9 },
      { handle: WEIRD, incidents: 2, hours: 0.75, nights: 0, weekends: 2, load: 1.5 },
    ],
    onCall: [],
    budgets: [
      {
        slo: 'payments-availability',
        displayName: 'Payments availability',
        service: 'payments-gateway',
        method: 'Timeslices',
        target: 0.999,
        window: {
          label: '28d rolling',
          rolling: true,
          start: '2026-10-24T12:00:00.000Z',
          end: '2026-11-21T12:00:00.000Z',
        },
        unit: 'minutes',
        allowed: 40.32,
        consumed: 10.08,
        remainingPercent: 75,
        burnRate: 0.25,
        recentBurnRates: [
          { window: '1d', burnRate: 0 },
          { window: '7d', burnRate: 1 },
        ],
        projectedExhaustion: '2026-12-15T12:00:00.000Z',
        exhaustionPace: '7d',
        status: { status: 'healthy' },
        incidents: ['INC-2'],
        burnDown: [],
      },
      {
        slo: 'email-freshness',
        method: 'Occurrences',
        target: 0.99,
        window: {
          label: '1M calendar',
          rolling: false,
          start: '2026-11-01T00:00:00.000Z',
          end: '2026-12-01T00:00:00.000Z',
        },
        unit: 'events',
        allowed: null,
        consumed: 1200,
        remainingPercent: null,
        burnRate: null,
        recentBurnRates: [
          { window: '1d', burnRate: null },
          { window: '7d', burnRate: null },
        ],
        projectedExhaustion: null,
        exhaustionPace: null,
        status: null,
        incidents: ['INC-1'],
        burnDown: [],
        note: 'add the annotation',
      },
    ],
    series: { unit: 'week', points: [] },
    incidentList: [],
  };
}

describe('formatOpenMetrics', () => {
  const text = formatOpenMetrics(sampleReport());

  it('produces a valid exposition that ends with # EOF', () => {
    expect(validateOpenMetrics(text)).toEqual([]);
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(text.split('\n').filter((l) => l === '# EOF')).toHaveLength(1);
  });

  it('names every family firebreak_ in snake case, declares each once, and gives it TYPE gauge and HELP', () => {
    const names = familyNames(text);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^firebreak_[a-z0-9]+(?:_[a-z0-9]+)*$/);
      expect(text).toContain(`# TYPE ${name} gauge\n`);
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
    expect(names).toEqual(
      expect.arrayContaining([
        'firebreak_report_window_start_seconds',
        'firebreak_report_window_end_seconds',
        'firebreak_incidents',
        'firebreak_incidents_open',
        'firebreak_incident_duration_seconds',
        'firebreak_incident_duration_by_severity_seconds',
        'firebreak_time_to_action_target_seconds',
        'firebreak_time_to_action_compliance_ratio',
        'firebreak_postmortems',
        'firebreak_action_items',
        'firebreak_error_budget_allowed',
        'firebreak_error_budget_consumed',
        'firebreak_error_budget_remaining_ratio',
        'firebreak_error_budget_burn_rate',
        'firebreak_error_budget_exhaustion_timestamp_seconds',
        'firebreak_responder_incidents',
        'firebreak_responder_incident_seconds',
        'firebreak_responder_incidents_outside_business_time',
        'firebreak_responder_load',
        'firebreak_oncall_seconds',
        'firebreak_oncall_incidents_per_shift',
      ]),
    );
  });

  it('gives a UNIT line exactly to names that end in a unit, and none to ratios', () => {
    const units = text
      .split('\n')
      .filter((l) => l.startsWith('# UNIT '))
      .map((l) => l.split(' ').slice(2));
    for (const [name, unit] of units) expect(name).toMatch(new RegExp(`_${unit}$`));
    const withUnit = new Set(units.map(([name]) => name));
    for (const name of familyNames(text)) expect(withUnit.has(name)).toBe(/_seconds$/.test(name));
    expect(text).not.toContain('# UNIT firebreak_time_to_action_compliance_ratio');
  });

  it('renders the report window in epoch seconds with the window label', () => {
    expect(block(text, 'firebreak_report_window_start_seconds')).toBe(
      [
        '# TYPE firebreak_report_window_start_seconds gauge',
        '# UNIT firebreak_report_window_start_seconds seconds',
        '# HELP firebreak_report_window_start_seconds Start of the report window (inclusive), in Unix epoch seconds.',
        'firebreak_report_window_start_seconds{window="2026-10"} 1790812800',
      ].join('\n'),
    );
    expect(block(text, 'firebreak_report_window_end_seconds').split('\n').at(-1)).toBe(
      'firebreak_report_window_end_seconds{window="2026-10"} 1793491200',
    );
  });

  it('renders postmortems, action items and incident counts exactly', () => {
    expect(block(text, 'firebreak_postmortems')).toBe(
      [
        '# TYPE firebreak_postmortems gauge',
        '# HELP firebreak_postmortems Postmortems for incidents in the report window: required, published, due (deadline passed), published on time and overdue (both of those due), not yet due.',
        'firebreak_postmortems{state="required"} 2',
        'firebreak_postmortems{state="published"} 1',
        'firebreak_postmortems{state="due"} 2',
        'firebreak_postmortems{state="on_time"} 1',
        'firebreak_postmortems{state="overdue"} 1',
        'firebreak_postmortems{state="not_yet_due"} 0',
      ].join('\n'),
    );
    expect(block(text, 'firebreak_action_items').split('\n').slice(2)).toEqual([
      'firebreak_action_items{state="open"} 2',
      'firebreak_action_items{state="overdue"} 1',
      'firebreak_action_items{state="done"} 2',
      'firebreak_action_items{state="wont_do"} 1',
    ]);
    expect(block(text, 'firebreak_incidents').split('\n').slice(2)).toEqual([
      'firebreak_incidents{severity="SEV1"} 1',
      'firebreak_incidents{severity="SEV2"} 2',
      'firebreak_incidents{severity="SEV3"} 0',
    ]);
    expect(block(text, 'firebreak_incidents_open').split('\n').at(-1)).toBe('firebreak_incidents_open 1');
  });

  it('renders durations in seconds with measure and stat labels, and per severity in a family of its own', () => {
    const overall = block(text, 'firebreak_incident_duration_seconds').split('\n');
    expect(overall.slice(0, 2)).toEqual([
      '# TYPE firebreak_incident_duration_seconds gauge',
      '# UNIT firebreak_incident_duration_seconds seconds',
    ]);
    // 4, 3 and 7.4 minutes; 7.4 × 60 is 444.00000000000006 in floating point, rounded once here.
    expect(overall.slice(3, 6)).toEqual([
      'firebreak_incident_duration_seconds{measure="detect",stat="mean"} 240',
      'firebreak_incident_duration_seconds{measure="detect",stat="median"} 180',
      'firebreak_incident_duration_seconds{measure="detect",stat="p90"} 444',
    ]);
    expect(overall).toHaveLength(3 + 12);
    const sev1 = block(text, 'firebreak_incident_duration_by_severity_seconds')
      .split('\n')
      .filter((l) => l.includes('severity="SEV1"'));
    // SEV1 has no resolve figures: those three samples are left out.
    expect(sev1).toHaveLength(9);
    expect(sev1.some((l) => l.includes('measure="resolve"'))).toBe(false);
    expect(sev1[3]).toBe(
      'firebreak_incident_duration_by_severity_seconds{severity="SEV1",measure="acknowledge",stat="mean"} 300',
    );
  });

  it('renders time to action targets and compliance as a 0..1 ratio, without a sample where nothing was measured', () => {
    expect(block(text, 'firebreak_time_to_action_target_seconds').split('\n').slice(3)).toEqual([
      'firebreak_time_to_action_target_seconds{severity="SEV1"} 900',
      'firebreak_time_to_action_target_seconds{severity="SEV2"} 1800',
      'firebreak_time_to_action_target_seconds{severity="SEV3"} 14400',
    ]);
    expect(block(text, 'firebreak_time_to_action_compliance_ratio').split('\n').slice(2)).toEqual([
      'firebreak_time_to_action_compliance_ratio{severity="SEV1"} 1',
      'firebreak_time_to_action_compliance_ratio{severity="SEV2"} 0.666666666667',
    ]);
  });

  it('renders error budgets per SLO and leaves out the figures that are null', () => {
    const samples = (name: string) =>
      block(text, name)
        .split('\n')
        .filter((l) => !l.startsWith('#'));
    expect(samples('firebreak_error_budget_allowed')).toEqual([
      'firebreak_error_budget_allowed{slo="payments-availability",unit="seconds"} 2419.2',
    ]);
    expect(samples('firebreak_error_budget_consumed')).toEqual([
      'firebreak_error_budget_consumed{slo="payments-availability",unit="seconds"} 604.8',
      'firebreak_error_budget_consumed{slo="email-freshness",unit="events"} 1200',
    ]);
    expect(samples('firebreak_error_budget_remaining_ratio')).toEqual([
      'firebreak_error_budget_remaining_ratio{slo="payments-availability"} 0.75',
    ]);
    expect(
      block(text, 'firebreak_error_budget_burn_rate')
        .split('\n')
        .filter((l) => !l.startsWith('# HELP')),
    ).toEqual([
      '# TYPE firebreak_error_budget_burn_rate gauge',
      'firebreak_error_budget_burn_rate{slo="payments-availability",window="slo"} 0.25',
      'firebreak_error_budget_burn_rate{slo="payments-availability",window="1d"} 0',
      'firebreak_error_budget_burn_rate{slo="payments-availability",window="7d"} 1',
    ]);
    expect(samples('firebreak_error_budget_exhaustion_timestamp_seconds')).toEqual([
      'firebreak_error_budget_exhaustion_timestamp_seconds{slo="payments-availability"} 1797336000',
    ]);
    expect(text).not.toMatch(/email-freshness.*(null|NaN|undefined)/);
    expect(text).not.toMatch(/ (null|undefined|NaN)$/m);
  });

  it('escapes backslash, double quote and newline in label values', () => {
    expect(escapeLabelValue(WEIRD)).toBe(String.raw`a\"b\\c\nd`);
    expect(text).toContain(String.raw`firebreak_responder_incidents{responder="a\"b\\c\nd"} 2` + '\n');
    expect(block(text, 'firebreak_responder_incidents_outside_business_time').split('\n').slice(2)).toEqual([
      'firebreak_responder_incidents_outside_business_time{responder="@ana",when="night"} 1',
      'firebreak_responder_incidents_outside_business_time{responder="@ana",when="weekend"} 0',
      String.raw`firebreak_responder_incidents_outside_business_time{responder="a\"b\\c\nd",when="night"} 0`,
      String.raw`firebreak_responder_incidents_outside_business_time{responder="a\"b\\c\nd",when="weekend"} 2`,
    ]);
    const parsed = text
      .split('\n')
      .filter((l) => l.startsWith('firebreak_responder_load{'))
      .map((l) => parseSample(l));
    expect(parsed).toContainEqual({ name: 'firebreak_responder_load', labels: [['responder', WEIRD]], value: '1.5' });
  });

  it('keeps a family with no samples as metadata only (on-call without schedules)', () => {
    expect(block(text, 'firebreak_oncall_seconds')).toBe(
      [
        '# TYPE firebreak_oncall_seconds gauge',
        '# UNIT firebreak_oncall_seconds seconds',
        '# HELP firebreak_oncall_seconds Seconds on call in the report window up to now, overrides applied.',
      ].join('\n'),
    );
    expect(block(text, 'firebreak_oncall_incidents_per_shift').split('\n')).toHaveLength(2);
  });

  it('renders on-call figures and skips a null incidents-per-shift', () => {
    const report = sampleReport();
    report.onCall = [
      { schedule: 'payments-primary', handle: '@ana', hours: 168, shifts: 1, incidents: 3, incidentsPerShift: 3 },
      { schedule: 'payments-primary', handle: '@ben', hours: 12.5, shifts: 0, incidents: 0, incidentsPerShift: null },
    ];
    const out = formatOpenMetrics(report);
    expect(validateOpenMetrics(out)).toEqual([]);
    expect(block(out, 'firebreak_oncall_seconds').split('\n').slice(3)).toEqual([
      'firebreak_oncall_seconds{schedule="payments-primary",person="@ana"} 604800',
      'firebreak_oncall_seconds{schedule="payments-primary",person="@ben"} 45000',
    ]);
    expect(block(out, 'firebreak_oncall_incidents_per_shift').split('\n').slice(2)).toEqual([
      'firebreak_oncall_incidents_per_shift{schedule="payments-primary",person="@ana"} 3',
    ]);
  });

  it('keeps the first of two rows with the same label set so the exposition stays valid', () => {
    const report = sampleReport();
    report.responders = [
      ...report.responders,
      { handle: '@ana', incidents: 7, hours: 1, nights: 0, weekends: 0, load: 1 },
    ];
    const out = formatOpenMetrics(report);
    expect(validateOpenMetrics(out)).toEqual([]);
    expect(out).toContain('firebreak_responder_incidents{responder="@ana"} 2\n');
    expect(out).not.toContain('firebreak_responder_incidents{responder="@ana"} 7');
  });

  it('rounds numbers once, to 12 significant digits, and writes non-finite ones in OpenMetrics spelling', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(484.00000000000006)).toBe('484');
    expect(formatNumber(1793491200)).toBe('1793491200');
    expect(formatNumber(1e-7)).toMatch(NUMBER);
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(NaN)]).toEqual(['+Inf', '-Inf', 'NaN']);
  });

  it('has a validator that rejects what it should', () => {
    const ok = '# TYPE firebreak_x gauge\n# HELP firebreak_x X.\nfirebreak_x{a="1"} 1\n# EOF\n';
    expect(validateOpenMetrics(ok)).toEqual([]);
    expect(validateOpenMetrics(ok.replace('# EOF\n', ''))).not.toEqual([]);
    expect(validateOpenMetrics(ok.replace('# HELP firebreak_x X.\n', ''))).toContain('firebreak_x has no HELP');
    expect(validateOpenMetrics(ok.replace('} 1', '} 1 1700000000'))).not.toEqual([]);
    expect(validateOpenMetrics(ok.replace('{a="1"}', '{a="1\\q"}'))).not.toEqual([]);
    expect(validateOpenMetrics(ok.replace('{a="1"}', '{a="1",}'))).not.toEqual([]);
    expect(validateOpenMetrics(ok.replace('{a="1"}', '{a="1",a="2"}'))).not.toEqual([]);
    expect(
      validateOpenMetrics(ok.replace('firebreak_x{a="1"} 1\n', 'firebreak_x{a="1"} 1\nfirebreak_x{a="1"} 2\n')),
    ).toEqual(['line 4: duplicate label set in firebreak_x']);
    expect(validateOpenMetrics(ok.replace('firebreak_x{a="1"} 1\n', 'firebreak_y 1\n'))).not.toEqual([]);
    expect(validateOpenMetrics(ok.replace('# HELP firebreak_x X.', '# HELP firebreak_x say "x"'))).not.toEqual([]);
    expect(
      validateOpenMetrics(
        ok.replace('# TYPE firebreak_x gauge\n', '# TYPE firebreak_x gauge\n# UNIT firebreak_x seconds\n'),
      ),
    ).not.toEqual([]);
    expect(validateOpenMetrics(`${ok.replace('# EOF\n', '')}# TYPE firebreak_x gauge\n# EOF\n`)).not.toEqual([]);
  });
});

describe('formatOpenMetrics on the repository’s example records', () => {
  it('renders a valid exposition of the last complete month', () => {
    const repo = loadRepository(root);
    const catalog = buildCatalog(repo);
    const report = buildReport(repo, catalog, { now: Date.parse('2026-11-21T12:00:00Z'), period: 'month' });
    const text = formatOpenMetrics(report);
    expect(validateOpenMetrics(text)).toEqual([]);
    expect(text).toContain(
      `firebreak_report_window_start_seconds{window="${report.window.label}"} ${Date.parse(report.window.start) / 1000}\n`,
    );
    expect(text).toContain(`firebreak_incidents_open ${report.incidents.open}\n`);
    for (const s of report.incidents.bySeverity)
      expect(text).toContain(`firebreak_incidents{severity="${escapeLabelValue(s.severity)}"} ${s.count}\n`);
    const samples = text.split('\n').filter((l) => l.startsWith('firebreak_error_budget_consumed{'));
    expect(samples).toHaveLength(report.budgets.length);
    expect(text.split('\n').filter((l) => l.startsWith('firebreak_responder_load{'))).toHaveLength(
      report.responders.length,
    );
  });
});

describe.skipIf(!promtoolPath())(
  `the report's OpenMetrics under promtool check metrics (needs promtool: ${PROMTOOL_INSTALL})`,
  () => {
    it('has no findings: base units, no lint problems, for every window of the example repository', async () => {
      const repo = loadRepository(root);
      const catalog = buildCatalog(repo);
      const now = Date.parse('2026-11-21T12:00:00Z');
      for (const options of [
        { period: 'month' as const },
        { period: 'week' as const },
        { since: '2026-08-23', until: '2026-11-22' },
      ]) {
        const result = await promtool(
          ['check', 'metrics'],
          undefined,
          formatOpenMetrics(buildReport(repo, catalog, { now, ...options })),
        );
        expect({ options, code: result.code, findings: result.stdout + result.stderr }).toEqual({
          options,
          code: 0,
          findings: '',
        });
      }
    }, 60_000);
  },
);
