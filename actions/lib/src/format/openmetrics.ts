// The reliability report as OpenMetrics 1.0 text, for Prometheus' node_exporter textfile collector
// or a Pushgateway (both read it with the 0.0.4 text parser, which takes `# UNIT` and `# EOF` as
// comments, so the same bytes serve both).
//
// Design:
// - Every family is a gauge: a report is a snapshot of one window, not a running count, so there
//   are no counters (and no `_total` names). Samples carry no timestamp; the scraper or the
//   Pushgateway stamps them, and the window itself is exported as
//   firebreak_report_window_{start,end}_seconds.
// - Each family is written as `# TYPE`, `# UNIT` (only when the name ends in a unit: _seconds;
//   _ratio is a unitless 0..1 fraction), `# HELP`, then its samples together. Every duration is in
//   the base unit, seconds, as Prometheus' naming rules ask (`promtool check metrics` reports
//   minutes and hours); error budgets of time slices count seconds too (unit="seconds").
// - Numbers are rounded once, here at the edge, to 12 significant digits: the report's minutes
//   times 60 would otherwise print as 2592.0000000000005.
// - A family with no samples (no SLOs, no on-call schedules, ...) keeps its metadata lines and
//   has no samples, which OpenMetrics allows ("a MetricFamily with no Metrics"); the set of
//   families stays the same from one report to the next, and 0.0.4 parsers drop it silently.
// - A null figure (no data, e.g. a p90 over no incidents) has no sample: absence, not NaN or 0.
// - Durations use `measure` and `stat` labels (stat = mean | median | p90), not `quantile`:
//   `quantile` belongs to the summary type, where it means a quantile of recent observations and
//   takes canonical numbers, and a mean is not a quantile. The all-incident figures and the
//   per-severity ones are two families, firebreak_incident_duration_seconds{measure,stat} and
//   firebreak_incident_duration_by_severity_seconds{severity,measure,stat}, so that no family
//   mixes a total with its breakdown (a `severity`-less series next to per-severity ones).
// - Ratios are fractions 0..1 computed from the counts the report's percentages come from
//   (met / measured, (allowed − consumed) / allowed), so no ×100 ÷100 rounding creeps in.
// - Label values are escaped (backslash, double quote, newline). HELP texts are fixed here and
//   contain neither double quotes nor backslashes, which the 0.0.4 parser would reject in HELP.
import { MEASURES } from '../metrics/facts.ts';
import type { ReliabilityReport } from '../metrics/report.ts';

type Labels = readonly (readonly [name: string, value: string])[];

interface Sample {
  labels: Labels;
  value: number | null | undefined;
}

interface Family {
  name: string;
  help: string;
  samples: Sample[];
}

const UNITS = ['seconds'] as const;
const STATS = ['mean', 'median', 'p90'] as const;

/** Label values: backslash, double quote and newline escaped, as the OpenMetrics ABNF requires. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

/** Finite numbers as JavaScript prints them (shortest exact round-trip); the non-finite ones as OpenMetrics spells them. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(Number(n.toPrecision(12)));
}

/** Minutes or hours of the report in seconds; null stays null. */
const fromMinutes = (m: number | null | undefined) => (m === null || m === undefined ? null : m * 60);
const fromHours = (h: number | null | undefined) => (h === null || h === undefined ? null : h * 3600);
/** A budget's bad minutes in seconds (events stay events). */
const budgetAmount = (value: number | null, unit: string) =>
  value === null ? null : unit === 'minutes' ? value * 60 : value;
const budgetUnit = (unit: string) => (unit === 'minutes' ? 'seconds' : unit);

/** One sample per statistic (mean, median, p90) of a figure in minutes, as seconds, labelled `labels` then `stat`. */
const perStat = (labels: Labels, minutes: Partial<Record<(typeof STATS)[number], number | null>>): Sample[] =>
  STATS.map((stat) => ({ labels: [...labels, ['stat', stat]], value: fromMinutes(minutes[stat]) }));

/** Samples that share `labels` and differ in one more label, `name`: one per [label value, sample value]. */
const split = (labels: Labels, name: string, values: [string, number | null | undefined][]): Sample[] =>
  values.map(([label, value]) => ({ labels: [...labels, [name, label]], value }));

const seconds = (iso: string | null | undefined): number | null => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms / 1000;
};

function renderFamily(family: Family): string[] {
  const unit = UNITS.find((u) => family.name.endsWith(`_${u}`));
  const lines = [`# TYPE ${family.name} gauge`];
  if (unit) lines.push(`# UNIT ${family.name} ${unit}`);
  lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
  const seen = new Set<string>();
  for (const sample of family.samples) {
    if (sample.value === null || sample.value === undefined) continue;
    const labels = sample.labels.length
      ? `{${sample.labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`
      : '';
    // The report's sources key every row uniquely; should two rows still collide, the first wins
    // so the exposition stays valid.
    if (seen.has(labels)) continue;
    seen.add(labels);
    lines.push(`${family.name}${labels} ${formatNumber(sample.value)}`);
  }
  return lines;
}

export function formatOpenMetrics(report: ReliabilityReport): string {
  const families: Family[] = [];
  const add = (name: string, help: string, samples: Sample[]) => families.push({ name, help, samples });
  const windowLabel: Labels = [['window', report.window.label]];

  add('firebreak_report_generated_timestamp_seconds', 'When the report was generated, in Unix epoch seconds.', [
    { labels: [], value: seconds(report.generatedAt) },
  ]);
  add('firebreak_report_window_start_seconds', 'Start of the report window (inclusive), in Unix epoch seconds.', [
    { labels: windowLabel, value: seconds(report.window.start) },
  ]);
  add('firebreak_report_window_end_seconds', 'End of the report window (exclusive), in Unix epoch seconds.', [
    { labels: windowLabel, value: seconds(report.window.end) },
  ]);

  add(
    'firebreak_incidents',
    'Incidents started in the report window, by severity.',
    report.incidents.bySeverity.map((s) => ({ labels: [['severity', s.severity]], value: s.count })),
  );
  add('firebreak_incidents_open', 'Incidents started in the report window that are not resolved.', [
    { labels: [], value: report.incidents.open },
  ]);
  add(
    'firebreak_repeat_incidents',
    'Incidents in the report window that repeat an earlier one (shared service and contributing factor).',
    [{ labels: [], value: report.repeats.length }],
  );

  add(
    'firebreak_incident_duration_seconds',
    'Seconds from started to detected, acknowledged, mitigated and resolved, over incidents in the report window (mean, median, 90th percentile).',
    MEASURES.flatMap((measure) => perStat([['measure', measure]], report.durations.current[measure])),
  );
  add(
    'firebreak_incident_duration_by_severity_seconds',
    'Seconds from started to detected, acknowledged, mitigated and resolved, over incidents in the report window, by severity.',
    report.durations.bySeverity.flatMap((group) =>
      MEASURES.flatMap((measure) =>
        perStat(
          [
            ['severity', group.key],
            ['measure', measure],
          ],
          group.durations[measure],
        ),
      ),
    ),
  );

  add(
    'firebreak_time_to_action_target_seconds',
    'Time-to-action target per severity: seconds from started to acknowledged.',
    report.timeToAction.map((t) => ({ labels: [['severity', t.severity]], value: fromMinutes(t.targetMinutes) })),
  );
  add(
    'firebreak_time_to_action_compliance_ratio',
    'Share (0 to 1) of acknowledged incidents in the report window that met the time-to-action target, by severity.',
    report.timeToAction.map((t) => ({
      labels: [['severity', t.severity]],
      value: t.compliance === null || t.measured === 0 ? null : t.met / t.measured,
    })),
  );
  add(
    'firebreak_time_to_action_incidents',
    'Incidents in the report window with an acknowledged time (measured) and those within the target (met, a subset), by severity.',
    report.timeToAction.flatMap((t) =>
      split([['severity', t.severity]], 'state', [
        ['measured', t.measured],
        ['met', t.met],
      ]),
    ),
  );

  // Response in the incident issue (metrics/live.ts): from the records' check_ins and updates.
  const response = report.response ?? [];
  add(
    'firebreak_acknowledged_by_check_in_ratio',
    'Share (0 to 1) of acknowledged incidents in the report window whose acknowledged time is the first check-in in the incident issue, by severity.',
    response.map((r) => ({
      labels: [['severity', r.severity]],
      value: r.acknowledged ? r.acknowledgedByCheckIn / r.acknowledged : null,
    })),
  );
  add(
    'firebreak_time_to_check_in_seconds',
    'Seconds from started to the first check-in in the incident issue, over incidents in the report window, by severity (mean, median, 90th percentile).',
    response.flatMap((r) => perStat([['severity', r.severity]], r.timeToCheckIn)),
  );
  add(
    'firebreak_time_to_first_update_seconds',
    'Seconds from started to the first status update in the incident issue, over incidents in the report window, by severity (mean, median, 90th percentile).',
    response.flatMap((r) => perStat([['severity', r.severity]], r.timeToFirstUpdate)),
  );
  add(
    'firebreak_update_cadence_compliance_ratio',
    'Share (0 to 1) of the gaps between status updates (from started, to resolved) at most the communication cadence, over incidents with an update, by severity.',
    response.map((r) => ({
      labels: [['severity', r.severity]],
      value: r.updateGaps ? r.gapsWithinCadence / r.updateGaps : null,
    })),
  );

  const pm = report.postmortems;
  add(
    'firebreak_postmortems',
    'Postmortems for incidents in the report window: required, published, due (deadline passed), published on time and overdue (both of those due), not yet due.',
    split([], 'state', [
      ['required', pm.required],
      ['published', pm.published],
      ['due', pm.due],
      ['on_time', pm.publishedOnTime],
      ['overdue', pm.overdue],
      ['not_yet_due', pm.notYetDue.length],
    ]),
  );
  const ai = report.actionItems;
  add(
    'firebreak_action_items',
    'Action items of incidents in the report window by state; overdue is the part of open past its due date.',
    split([], 'state', [
      ['open', ai.open],
      ['overdue', ai.overdue],
      ['done', ai.done],
      ['wont_do', ai.wontDo],
    ]),
  );

  const budgets = report.budgets;
  add(
    'firebreak_error_budget_target_ratio',
    'SLO objective as a fraction (0.995 for 99.5%).',
    budgets.map((b) => ({ labels: [['slo', b.slo]], value: b.target })),
  );
  add(
    'firebreak_error_budget_allowed',
    'Bad seconds (time slices) or events the SLO window allows (unit label); absent when the expected events are unknown.',
    budgets.map((b) => ({
      labels: [
        ['slo', b.slo],
        ['unit', budgetUnit(b.unit)],
      ],
      value: budgetAmount(b.allowed, b.unit),
    })),
  );
  add(
    'firebreak_error_budget_consumed',
    'Bad seconds (time slices) or events (unit label) that incidents citing the SLO used in its window.',
    budgets.map((b) => ({
      labels: [
        ['slo', b.slo],
        ['unit', budgetUnit(b.unit)],
      ],
      value: budgetAmount(b.consumed, b.unit),
    })),
  );
  add(
    'firebreak_error_budget_remaining_ratio',
    'Fraction of the error budget left, negative when overspent.',
    budgets.map((b) => ({
      labels: [['slo', b.slo]],
      value: b.remainingPercent === null || !b.allowed ? null : (b.allowed - b.consumed) / b.allowed,
    })),
  );
  add(
    'firebreak_error_budget_burn_rate',
    'Error budget burn rate: 1 uses exactly the whole budget by the end of the window; window is slo for the SLO window, else a recent window such as 1d or 7d.',
    budgets.flatMap((b) =>
      split([['slo', b.slo]], 'window', [
        ['slo', b.burnRate],
        ...b.recentBurnRates.map((r): [string, number | null] => [r.window, r.burnRate]),
      ]),
    ),
  );
  add(
    'firebreak_error_budget_exhaustion_timestamp_seconds',
    'When the error budget runs out at the recent pace (1d or 7d, the faster; for calendar windows the pace since the window began), in Unix epoch seconds; absent when it does not at that pace.',
    budgets.map((b) => ({ labels: [['slo', b.slo]], value: seconds(b.projectedExhaustion) })),
  );

  const responders = report.responders;
  add(
    'firebreak_responder_incidents',
    'Incidents started in the report window that the person responded to (commander or a role).',
    responders.map((r) => ({ labels: [['responder', r.handle]], value: r.incidents })),
  );
  add(
    'firebreak_responder_incident_seconds',
    'Seconds of incidents the person responded to inside the report window and before now: started to resolved; while not resolved, to mitigated when set, else to now.',
    responders.map((r) => ({ labels: [['responder', r.handle]], value: fromHours(r.hours) })),
  );
  add(
    'firebreak_responder_incidents_outside_business_time',
    'Incidents of the person that started outside business hours: on a working day (night) or on a non-working day (weekend).',
    responders.flatMap((r) =>
      split([['responder', r.handle]], 'when', [
        ['night', r.nights],
        ['weekend', r.weekends],
      ]),
    ),
  );
  add(
    'firebreak_responder_load',
    'Responder load: sum of severity weight times incident hours, at least 0.25 h per incident.',
    responders.map((r) => ({ labels: [['responder', r.handle]], value: r.load })),
  );

  const onCall = report.onCall;
  const who = (o: (typeof onCall)[number]): Labels => [
    ['schedule', o.schedule],
    ['person', o.handle],
  ];
  add(
    'firebreak_oncall_seconds',
    'Seconds on call in the report window up to now, overrides applied.',
    onCall.map((o) => ({ labels: who(o), value: fromHours(o.hours) })),
  );
  add(
    'firebreak_oncall_shifts',
    'Rotation shifts overlapping the report window, before overrides.',
    onCall.map((o) => ({ labels: who(o), value: o.shifts })),
  );
  add(
    'firebreak_oncall_incidents',
    'Incidents of the schedule team that started while the person was on call.',
    onCall.map((o) => ({ labels: who(o), value: o.incidents })),
  );
  add(
    'firebreak_oncall_incidents_per_shift',
    'Incidents while on call per rotation shift.',
    onCall.map((o) => ({ labels: who(o), value: o.incidentsPerShift })),
  );

  return [...families.flatMap(renderFamily), '# EOF'].join('\n') + '\n';
}
