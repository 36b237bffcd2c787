// The reliability report for people: headline numbers with trend arrows, budgets, incidents,
// action items, burnout signals, and small Mermaid charts GitHub renders in issues and job
// summaries (xychart-beta with quoted labels; series as long as their axis).
import type { Measure } from '../metrics/facts.ts';
import type { ReliabilityReport } from '../metrics/report.ts';
import type { Stats } from '../metrics/stats.ts';
import { formatDuration } from '../time/duration.ts';

export interface MarkdownOptions {
  /** Prefix for links to record files, e.g. https://github.com/acme/incidents/blob/<sha>/; relative links without it. */
  linkBase?: string;
  /** At most this many rows in long tables (default 20). */
  maxRows?: number;
}

const MEASURE_NAMES: Record<Measure, string> = { detect: 'Time to detect', acknowledge: 'Time to acknowledge', mitigate: 'Time to mitigate', resolve: 'Time to resolve' };

export const DEFINITIONS =
  'All durations are measured from `started` (when customer impact began): time to detect to `detected`, to acknowledge (the time-to-action KPI) to `acknowledged`, to mitigate to `mitigated`, to resolve to `resolved`. Some tools measure acknowledge and resolve from detection instead, so their figures are shorter. An incident belongs to the window in which it started. Medians and p90 interpolate between ranks. Load weighs each incident hour by severity (the least severe level 1, each level above twice the one below; at least 15 minutes per incident). Definitions: docs/metrics.md.';

const minutes = (m: number | null | undefined) => (m === null || m === undefined ? '—' : formatDuration(Math.round(m) * 60_000));
const pct = (value: number | null, digits = 0) => (value === null ? '—' : `${value.toFixed(digits)}%`);
const num = (value: number | null, digits = 0) => (value === null ? '—' : Number(value.toFixed(digits)).toLocaleString('en-US'));
/** ▲ up, ▼ down, → unchanged; whether up is good is left to the reader, except where said. */
const trend = (change: number | null) => (change === null ? '' : change > 0.5 ? ` ▲ ${Math.round(change)}%` : change < -0.5 ? ` ▼ ${Math.round(-change)}%` : ' → 0%');
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/@(?=[A-Za-z0-9])/g, '@\u2060').replace(/#(?=\d)/g, '#\u2060').replace(/</g, '&lt;');
const handle = (h: string) => `\`${h.replace(/`/g, '')}\``;
const label = (text: string) => `"${text.replace(/"/g, "'")}"`;

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export function formatReportMarkdown(report: ReliabilityReport, options: MarkdownOptions = {}): string {
  const max = options.maxRows ?? 20;
  const link = (file: string, text: string) => `[${cell(text)}](${options.linkBase ?? ''}${file.split('/').map(encodeURIComponent).join('/')})`;
  const { incidents, durations } = report;
  const out: string[] = [];
  const previous = report.previousWindow.label;
  out.push(`# Reliability report: ${report.window.label}`, '');
  out.push(`${report.window.startDate} to ${report.window.endDate} (end exclusive), ${report.timeZone}; compared with ${previous}. Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`, '');

  const high = incidents.highSeverity;
  const ackNow = durations.current.acknowledge.median;
  const resolveNow = durations.current.resolve.median;
  const tta = report.timeToAction.reduce((acc, t) => ({ met: acc.met + t.met, measured: acc.measured + t.measured }), { met: 0, measured: 0 });
  const budgetsBad = report.budgets.filter((b) => b.status && b.status.status !== 'healthy');
  out.push(
    `- **${incidents.total} incident${incidents.total === 1 ? '' : 's'}**${trend(incidents.change)} (${incidents.previous} before), ${incidents.open} still open`,
    `- **${high.severities.join('+') || 'Most severe'}: ${high.count}**${trend(high.change)} (${high.previous} before)`,
    `- **Median time to acknowledge ${minutes(ackNow)}**${trend(changeOf(ackNow, durations.previous.acknowledge.median))}; within the severity's target ${tta.measured ? `${tta.met} of ${tta.measured}` : '—'}`,
    `- **Median time to resolve ${minutes(resolveNow)}**${trend(changeOf(resolveNow, durations.previous.resolve.median))}`,
    `- **Postmortems** published on time: ${pct(report.postmortems.onTimeShare)} of ${report.postmortems.required} required`,
    `- **Action items** overdue now: ${report.actionItems.overdue} of ${report.actionItems.open} open; completion ${pct(report.actionItems.completionRate)}`,
    `- **Error budgets** not healthy: ${budgetsBad.length ? budgetsBad.map((b) => `${b.slo} (${b.status!.status})`).join(', ') : 'none'}`,
    '',
  );

  out.push('## Error budgets', '');
  if (report.budgets.length === 0) out.push('No SLOs are defined.', '');
  else {
    out.push(
      ...table(
        ['SLO', 'Window', 'Objective', 'Budget', 'Used', 'Remaining', 'Burn rate (window / 7d / 1d)', 'Runs out', 'Status'],
        report.budgets.map((b) => {
          const recent = (w: string) => b.recentBurnRates.find((r) => r.window === w)?.burnRate ?? null;
          return [
            cell(b.displayName ?? b.slo),
            b.window.label,
            `${Number((b.target * 100).toFixed(3))}%`,
            b.allowed === null ? '—' : `${num(b.allowed)} ${b.unit}`,
            `${num(b.consumed)} ${b.unit}`,
            pct(b.remainingPercent),
            [b.burnRate, recent('7d'), recent('1d')].map((r) => (r === null ? '—' : r.toFixed(2))).join(' / '),
            b.projectedExhaustion ? b.projectedExhaustion.slice(0, 10) : '—',
            b.status ? `**${b.status.status}**` : (b.note ? cell(b.note) : '—'),
          ];
        }),
      ),
      '',
    );
    for (const b of budgetsBad) if (b.status?.means) out.push(`> **${cell(b.slo)} is ${b.status.status}:** ${cell(b.status.means)}`, '');
    const charted = report.budgets.filter((b) => b.burnDown.length >= 2 && b.consumed > 0).slice(0, 4);
    for (const b of charted) {
      out.push(`Error budget remaining, ${cell(b.displayName ?? b.slo)} (%):`, '', '```mermaid', 'xychart-beta', `  title ${label(`${b.slo} budget remaining`)}`, `  x-axis [${b.burnDown.map((p) => label(p.date.slice(5))).join(', ')}]`, `  y-axis ${label('%')} ${Math.min(0, Math.floor(Math.min(...b.burnDown.map((p) => p.remainingPercent))))} --> 100`, `  line [${b.burnDown.map((p) => p.remainingPercent.toFixed(1)).join(', ')}]`, '```', '');
    }
  }

  if (report.measured) {
    const m = report.measured;
    out.push('### Measured from Prometheus', '', 'The budgets above are attributed from the incidents that cite each SLO. These are measured from the SLI itself in Prometheus, over the SLO window ending at the end of this report window.', '');
    if (m.slos.length) {
      out.push(...table(['SLO', 'Window', 'SLI', 'Budget used', 'Remaining', 'Burn rate 1h / 6h / 1d / 3d'], m.slos.map((s) => [cell(s.slo), s.window, s.sli === null ? '—' : `${(s.sli * 100).toFixed(3)}%`, s.budgetConsumed === null ? '—' : pct(s.budgetConsumed * 100), s.budgetRemaining === null ? '—' : pct(s.budgetRemaining * 100), s.burnRates.map((b) => (b.burnRate === null ? '—' : b.burnRate.toFixed(2))).join(' / ')])), '');
    }
    for (const p of m.problems) out.push(`- ${cell(p.slo)}: not measured, ${cell(p.problem)}`);
    if (m.problems.length) out.push('');
  }

  out.push('## Incidents', '');
  if (report.incidentList.length === 0) out.push('No incidents started in this window.', '');
  else {
    out.push(
      ...table(
        ['Incident', 'Severity', 'Services', 'Started', 'Acknowledge', 'Mitigate', 'Resolve', 'Postmortem'],
        report.incidentList.slice(0, max).map((i) => [link(i.file, `${i.id}: ${i.title}`), i.severity, cell(i.services.join(', ')), i.started.slice(0, 16).replace('T', ' '), minutes(i.minutes.acknowledge), minutes(i.minutes.mitigate), i.status === 'resolved' ? minutes(i.minutes.resolve) : `*${i.status}*`, i.postmortem]),
      ),
      '',
    );
    if (report.incidentList.length > max) out.push(`And ${report.incidentList.length - max} more.`, '');
    out.push(...charts(report));
  }

  out.push('## Durations', '');
  out.push(...table(['', 'Count', 'Mean', 'Median', 'p90', 'Median before'], (Object.keys(MEASURE_NAMES) as Measure[]).map((m) => [MEASURE_NAMES[m], ...statCells(durations.current[m]), minutes(durations.previous[m].median)])), '');
  if (durations.bySeverity.length) {
    out.push(...table(['Severity', 'Incidents', 'Median to acknowledge', 'p90 to acknowledge', 'Median to resolve', 'p90 to resolve'], durations.bySeverity.map((g) => [g.key, String(g.incidents), minutes(g.durations.acknowledge.median), minutes(g.durations.acknowledge.p90), minutes(g.durations.resolve.median), minutes(g.durations.resolve.p90)])), '');
  }
  if (durations.byService.length) out.push(...table(['Service', 'Incidents', 'Median to acknowledge', 'Median to resolve'], durations.byService.slice(0, max).map((g) => [cell(g.key), String(g.incidents), minutes(g.durations.acknowledge.median), minutes(g.durations.resolve.median)])), '');

  if (report.timeToAction.length) {
    out.push('## Time to action', '', ...table(['Severity', 'Target', 'Within target', 'Compliance'], report.timeToAction.map((t) => [t.severity, minutes(t.targetMinutes), t.measured ? `${t.met} of ${t.measured}` : '—', pct(t.compliance)])), '');
  }
  const response = (report.response ?? []).filter((r) => r.timeToCheckIn.count || r.timeToFirstUpdate.count);
  if (response.length) {
    out.push('## Response in the incident issue', '', ...table(['Severity', 'Acknowledged by check-in', 'Median to check-in', 'Median to first update', 'Updates within cadence'], response.map((r) => [r.severity, r.acknowledged ? `${r.acknowledgedByCheckIn} of ${r.acknowledged}` : '—', minutes(r.timeToCheckIn.median), minutes(r.timeToFirstUpdate.median), r.updateGaps ? `${r.gapsWithinCadence} of ${r.updateGaps} (${pct(r.cadenceCompliance)})` : '—'])), '');
  }

  const pm = report.postmortems;
  out.push('## Postmortems', '', `${pm.required} required, ${pm.published} published (${pct(pm.publishedShare)}), ${pm.publishedOnTime} on time (${pct(pm.onTimeShare)}); median ${pm.medianDaysToPublish === null ? '—' : `${num(pm.medianDaysToPublish, 1)} days`} from resolved to published.`, '');

  const ai = report.actionItems;
  out.push('## Action items', '', `Of the incidents in this window: ${ai.total} items, ${ai.done} done, ${ai.wontDo} won't do, ${ai.open} open of which ${ai.overdue} overdue; completion ${pct(ai.completionRate)}; median ${ai.medianDaysToClose === null ? '— (add a Done date column to measure it)' : `${num(ai.medianDaysToClose, 1)} days`} to close.`, '');
  if (ai.byTeam.length) out.push(...table(['Team', 'Open', 'Overdue', 'Done', 'Completion'], ai.byTeam.slice(0, max).map((t) => [cell(t.team), String(t.open), String(t.overdue), String(t.done), pct(t.completionRate)])), '');
  if (ai.overdueItems.length) {
    out.push('Overdue:', '', ...table(['Item', 'Action', 'Owner', 'Due', 'Priority'], ai.overdueItems.slice(0, max).map((i) => [link(i.file, `${i.incident} ${i.id}`), cell(i.action), handle(i.owner), i.due, cell(i.priority)])), '');
  }

  if (report.repeats.length) {
    out.push('## Repeat incidents', '', ...table(['Incident', 'Repeats', 'Service', 'Shared factors', 'Days apart'], report.repeats.map((r) => [r.incident, r.repeatOf, cell(r.services.join(', ')), cell(r.factors.join(', ')), num(r.days, 1)])), '');
  }

  out.push('## People and load', '');
  if (report.responders.length === 0) out.push('Nobody responded to an incident in this window.', '');
  else out.push(...table(['Responder', 'Incidents', 'Hours', 'Nights', 'Weekends', 'Load'], report.responders.slice(0, max).map((r) => [handle(r.handle), String(r.incidents), num(r.hours, 1), String(r.nights), String(r.weekends), num(r.load, 1)])), '');
  if (report.onCall.length) out.push('On call:', '', ...table(['Schedule', 'Person', 'Hours on call', 'Shifts', 'Incidents', 'Per shift'], report.onCall.slice(0, max * 2).map((o) => [cell(o.schedule), handle(o.handle), num(o.hours), String(o.shifts), String(o.incidents), o.incidentsPerShift === null ? '—' : o.incidentsPerShift.toFixed(2)])), '');

  out.push('---', '', `<sub>${DEFINITIONS}</sub>`, '');
  return out.join('\n');
}

function statCells(stats: Stats): string[] {
  return [String(stats.count), minutes(stats.mean), minutes(stats.median), minutes(stats.p90)];
}

function changeOf(current: number | null, previous: number | null): number | null {
  return current === null || previous === null || previous === 0 ? null : ((current - previous) / previous) * 100;
}

/** Incidents per week (or month) stacked by severity, and median time to resolve per week. */
function charts(report: ReliabilityReport): string[] {
  const points = report.series.points;
  if (points.length < 2) return [];
  const severities = Object.keys(points[0]!.bySeverity).filter((s) => points.some((p) => p.bySeverity[s]));
  const axis = `  x-axis [${points.map((p) => label(p.label)).join(', ')}]`;
  // xychart-beta draws bars over each other: drawing running totals from the largest down stacks them.
  const stacks = severities.map((_, i) => points.map((p) => severities.slice(i).reduce((sum, s) => sum + (p.bySeverity[s] ?? 0), 0)));
  const top = Math.max(1, ...points.map((p) => Object.values(p.bySeverity).reduce((a, b) => a + b, 0)));
  const out = [
    `Incidents per ${report.series.unit}, stacked by severity (bottom to top: ${[...severities].reverse().join(', ') || 'none'}):`,
    '',
    '```mermaid',
    'xychart-beta',
    `  title ${label(`Incidents per ${report.series.unit}`)}`,
    axis,
    `  y-axis ${label('Incidents')} 0 --> ${top}`,
    ...(stacks.length ? stacks.map((values) => `  bar [${values.join(', ')}]`) : [`  bar [${points.map(() => 0).join(', ')}]`]),
    '```',
    '',
  ];
  const resolve = points.map((p) => (p.medianResolveMinutes === null ? 0 : p.medianResolveMinutes / 60));
  if (resolve.some((v) => v > 0)) {
    out.push(`Median time to resolve per ${report.series.unit}, hours (0 where nothing was resolved):`, '', '```mermaid', 'xychart-beta', `  title ${label('Median time to resolve (h)')}`, axis, `  y-axis ${label('Hours')} 0 --> ${Math.ceil(Math.max(...resolve))}`, `  line [${resolve.map((v) => v.toFixed(1)).join(', ')}]`, '```', '');
  }
  return out;
}
