// The reliability report for people: headline numbers with trend arrows, budgets, incidents,
// action items, burnout signals, and small Mermaid charts GitHub renders in issues and job
// summaries (xychart-beta with quoted labels; series as long as their axis).
import type { Measure } from '../metrics/facts.ts';
import type { ReliabilityReport } from '../metrics/report.ts';
import type { Stats } from '../metrics/stats.ts';
import type { Root } from 'mdast';
import {
  blockquote,
  emphasis,
  heading,
  link,
  list,
  mermaid,
  paragraph,
  quiet,
  root,
  rule,
  smallPrint,
  strong,
  table,
  toGitHubMarkdown,
  type Block,
  type Cell,
} from '../markdown-out/index.ts';
import { formatDuration } from '../time/duration.ts';
import { todayIn } from '../time/dates.ts';
import { budgetCharts, incidentCharts } from '../charts/mermaid.ts';

export interface MarkdownOptions {
  /** Prefix for links to record files, e.g. https://github.com/acme/incidents/blob/<sha>/; relative links without it. */
  linkBase?: string;
  /** At most this many rows in long tables (default 20). */
  maxRows?: number;
}

const MEASURE_NAMES: Record<Measure, string> = {
  detect: 'Time to detect',
  acknowledge: 'Time to acknowledge',
  mitigate: 'Time to mitigate',
  resolve: 'Time to resolve',
};

export const DEFINITIONS =
  'All durations are measured from `started` (when customer impact began): time to detect to `detected`, to acknowledge (the time-to-action KPI) to `acknowledged`, to mitigate to `mitigated`, to resolve to `resolved`. Some tools measure acknowledge and resolve from detection instead, so their figures are shorter. An incident belongs to the window in which it started. Medians and p90 interpolate between ranks. Load weighs each incident hour by severity (the least severe level 1, each level above twice the one below; at least 15 minutes per incident). Definitions: docs/metrics.md.';

const minutes = (m: number | null | undefined) =>
  m === null || m === undefined ? '—' : formatDuration(Math.round(m) * 60_000);
const pct = (value: number | null, digits = 0) => (value === null ? '—' : `${value.toFixed(digits)}%`);
const num = (value: number | null, digits = 0) =>
  value === null ? '—' : Number(value.toFixed(digits)).toLocaleString('en-US');
/** ▲ up, ▼ down, → unchanged; whether up is good is left to the reader, except where said. */
const trend = (change: number | null) =>
  change === null
    ? ''
    : change > 0.5
      ? ` ▲ ${Math.round(change)}%`
      : change < -0.5
        ? ` ▼ ${Math.round(-change)}%`
        : ' → 0%';

/** The report as Markdown (CLI, job summary): cut only past `limit` characters (default none). */
export function formatReportMarkdown(
  report: ReliabilityReport,
  options: MarkdownOptions & { limit?: number; serverUrl?: string } = {},
): string {
  return toGitHubMarkdown(reportTree(report, options), {
    serverUrl: options.serverUrl,
    limit: options.limit ?? Number.POSITIVE_INFINITY,
  });
}

/** The report as an mdast tree: every text from the records enters as text, escaped and neutralised when serialised. */
export function reportTree(report: ReliabilityReport, options: MarkdownOptions = {}): Root {
  const max = options.maxRows ?? 20;
  const fileLink = (file: string, text: string) =>
    link(`${options.linkBase ?? ''}${file.split('/').map(encodeURIComponent).join('/')}`, text);
  const { incidents, durations } = report;
  const out: Block[] = [];
  const previous = report.previousWindow.label;
  out.push(heading(1, `Reliability report: ${report.window.label}`));
  out.push(
    paragraph(
      `${report.window.startDate} to ${report.window.endDate} (end exclusive), ${report.timeZone}; compared with ${previous}. Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    ),
  );

  const high = incidents.highSeverity;
  const ackNow = durations.current.acknowledge.median;
  const resolveNow = durations.current.resolve.median;
  const tta = report.timeToAction.reduce((acc, t) => ({ met: acc.met + t.met, measured: acc.measured + t.measured }), {
    met: 0,
    measured: 0,
  });
  const budgetsBad = report.budgets.filter((b) => b.status && b.status.status !== 'healthy');
  out.push(
    list([
      [
        strong(`${incidents.total} incident${incidents.total === 1 ? '' : 's'}`),
        `${trend(incidents.change)} (${incidents.previous} before), ${incidents.open} still open`,
      ],
      [
        strong(`${high.severities.join('+') || 'Most severe'}: ${high.count}`),
        `${trend(high.change)} (${high.previous} before)`,
      ],
      [
        strong(`Median time to acknowledge ${minutes(ackNow)}`),
        `${trend(changeOf(ackNow, durations.previous.acknowledge.median))}; within the severity's target ${tta.measured ? `${tta.met} of ${tta.measured}` : '—'}`,
      ],
      [
        strong(`Median time to resolve ${minutes(resolveNow)}`),
        trend(changeOf(resolveNow, durations.previous.resolve.median)),
      ],
      [
        strong('Postmortems'),
        ` published on time: ${pct(report.postmortems.onTimeShare)} of ${report.postmortems.due} due${report.postmortems.notYetDue.length ? `; ${report.postmortems.notYetDue.length} not yet due` : ''}`,
      ],
      [
        strong('Action items'),
        ` overdue now: ${report.actionItems.overdue} of ${report.actionItems.open} open; completion ${pct(report.actionItems.completionRate)}`,
      ],
      [
        strong('Error budgets'),
        ` not healthy: ${budgetsBad.length ? budgetsBad.map((b) => `${b.slo} (${b.status!.status})`).join(', ') : 'none'}`,
      ],
    ]),
  );

  out.push(heading(2, 'Error budgets'));
  if (report.budgets.length === 0) out.push(paragraph('No SLOs are defined.'));
  else {
    out.push(
      table(
        [
          'SLO',
          'Window',
          'Objective',
          'Budget',
          'Used',
          'Remaining',
          'Burn rate (window / 7d / 1d)',
          'Runs out',
          'Status',
        ],
        report.budgets.map((b): Cell[] => {
          const recent = (w: string) => b.recentBurnRates.find((r) => r.window === w)?.burnRate ?? null;
          return [
            b.displayName ?? b.slo,
            b.window.label,
            `${Number((b.target * 100).toFixed(3))}%`,
            b.allowed === null ? '—' : `${num(b.allowed, 1)} ${b.unit}`,
            `${num(b.consumed, 1)} ${b.unit}`,
            pct(b.remainingPercent),
            [b.burnRate, recent('7d'), recent('1d')].map((r) => (r === null ? '—' : r.toFixed(2))).join(' / '),
            b.projectedExhaustion
              ? `${todayIn(Date.parse(b.projectedExhaustion), report.timeZone)} (${b.exhaustionPace === 'window' ? 'pace so far' : `${b.exhaustionPace} pace`})`
              : b.allowed !== null && b.consumed < b.allowed
                ? 'not at this pace'
                : '—',
            b.status ? strong(b.status.status) : (b.note ?? '—'),
          ];
        }),
      ),
    );
    for (const b of budgetsBad)
      if (b.status?.means)
        out.push(blockquote(paragraph(strong(`${b.slo} is ${b.status.status}:`), ' ', b.status.means)));
    for (const chart of budgetCharts(report)) out.push(paragraph(chart.description), mermaid(chart.source));
  }

  if (report.measured) {
    const m = report.measured;
    out.push(
      heading(3, 'Measured from Prometheus'),
      paragraph(
        'The budgets above are attributed from the incidents that cite each SLO. These are measured from the SLI itself in Prometheus, over the SLO window ending at the end of this report window.',
      ),
    );
    if (m.slos.length) {
      out.push(
        table(
          ['SLO', 'Window', 'SLI', 'Budget used', 'Remaining', 'Burn rate 1h / 6h / 1d / 3d'],
          m.slos.map((s) => [
            s.slo,
            s.window,
            s.sli === null ? '—' : `${(s.sli * 100).toFixed(3)}%`,
            s.budgetConsumed === null ? '—' : pct(s.budgetConsumed * 100),
            s.budgetRemaining === null ? '—' : pct(s.budgetRemaining * 100),
            s.burnRates.map((b) => (b.burnRate === null ? '—' : b.burnRate.toFixed(2))).join(' / '),
          ]),
        ),
      );
    }
    if (m.problems.length) out.push(list(m.problems.map((p) => [`${p.slo}: not measured, ${p.problem}`])));
  }

  out.push(heading(2, 'Incidents'));
  if (report.incidentList.length === 0) out.push(paragraph('No incidents started in this window.'));
  else {
    out.push(
      table(
        ['Incident', 'Severity', 'Services', 'Started', 'Acknowledge', 'Mitigate', 'Resolve', 'Postmortem'],
        report.incidentList
          .slice(0, max)
          .map((i): Cell[] => [
            fileLink(i.file, `${i.id}: ${i.title}`),
            i.severity,
            i.services.join(', '),
            i.started.slice(0, 16).replace('T', ' '),
            minutes(i.minutes.acknowledge),
            minutes(i.minutes.mitigate),
            i.status === 'resolved' ? minutes(i.minutes.resolve) : emphasis(i.status),
            i.postmortem,
          ]),
      ),
    );
    if (report.incidentList.length > max) out.push(paragraph(`And ${report.incidentList.length - max} more.`));
    for (const chart of incidentCharts(report)) out.push(paragraph(chart.description), mermaid(chart.source));
  }

  out.push(heading(2, 'Durations'));
  out.push(
    table(
      ['', 'Count', 'Mean', 'Median', 'p90', 'Median before'],
      (Object.keys(MEASURE_NAMES) as Measure[]).map((m) => [
        MEASURE_NAMES[m],
        ...statCells(durations.current[m]),
        minutes(durations.previous[m].median),
      ]),
    ),
  );
  if (durations.bySeverity.length) {
    out.push(
      table(
        ['Severity', 'Incidents', 'Median to acknowledge', 'p90 to acknowledge', 'Median to resolve', 'p90 to resolve'],
        durations.bySeverity.map((g) => [
          g.key,
          String(g.incidents),
          minutes(g.durations.acknowledge.median),
          minutes(g.durations.acknowledge.p90),
          minutes(g.durations.resolve.median),
          minutes(g.durations.resolve.p90),
        ]),
      ),
    );
  }
  if (durations.byService.length)
    out.push(
      table(
        ['Service', 'Incidents', 'Median to acknowledge', 'Median to resolve'],
        durations.byService
          .slice(0, max)
          .map((g) => [
            g.key,
            String(g.incidents),
            minutes(g.durations.acknowledge.median),
            minutes(g.durations.resolve.median),
          ]),
      ),
    );

  if (report.timeToAction.length) {
    out.push(
      heading(2, 'Time to action'),
      table(
        ['Severity', 'Target', 'Within target', 'Compliance'],
        report.timeToAction.map((t) => [
          t.severity,
          minutes(t.targetMinutes),
          t.measured ? `${t.met} of ${t.measured}` : '—',
          pct(t.compliance),
        ]),
      ),
    );
  }
  const response = (report.response ?? []).filter((r) => r.timeToCheckIn.count || r.timeToFirstUpdate.count);
  if (response.length) {
    out.push(
      heading(2, 'Response in the incident issue'),
      table(
        [
          'Severity',
          'Acknowledged by check-in',
          'Median to check-in',
          'Median to first update',
          'Updates within cadence',
        ],
        response.map((r) => [
          r.severity,
          r.acknowledged ? `${r.acknowledgedByCheckIn} of ${r.acknowledged}` : '—',
          minutes(r.timeToCheckIn.median),
          minutes(r.timeToFirstUpdate.median),
          r.updateGaps ? `${r.gapsWithinCadence} of ${r.updateGaps} (${pct(r.cadenceCompliance)})` : '—',
        ]),
      ),
    );
  }

  const pm = report.postmortems;
  out.push(
    heading(2, 'Postmortems'),
    paragraph(
      `${pm.required} required, ${pm.published} published (${pct(pm.publishedShare)}); of the ${pm.due} due, ${pm.publishedOnTime} on time (${pct(pm.onTimeShare)}) and ${pm.overdue} overdue${pm.notYetDue.length ? `; not yet due: ${pm.notYetDue.map((n) => `${n.incident} (by ${n.dueDate}, ${n.postmortem})`).join(', ')}` : ''}; median ${pm.medianDaysToPublish === null ? '—' : `${num(pm.medianDaysToPublish, 1)} days`} from resolved to published.`,
    ),
  );

  const ai = report.actionItems;
  out.push(
    heading(2, 'Action items'),
    paragraph(
      `Of the incidents in this window: ${ai.total} items, ${ai.done} done, ${ai.wontDo} won't do, ${ai.open} open of which ${ai.overdue} overdue; completion ${pct(ai.completionRate)}; median ${ai.medianDaysToClose === null ? '— (add a Done date column to measure it)' : `${num(ai.medianDaysToClose, 1)} days`} to close.`,
    ),
  );
  if (ai.byTeam.length)
    out.push(
      table(
        ['Team', 'Open', 'Overdue', 'Done', 'Completion'],
        ai.byTeam
          .slice(0, max)
          .map((t) => [t.team, String(t.open), String(t.overdue), String(t.done), pct(t.completionRate)]),
      ),
    );
  if (ai.overdueItems.length) {
    out.push(
      paragraph('Overdue:'),
      table(
        ['Item', 'Action', 'Owner', 'Due', 'Priority'],
        ai.overdueItems
          .slice(0, max)
          .map((i): Cell[] => [fileLink(i.file, `${i.incident} ${i.id}`), i.action, quiet(i.owner), i.due, i.priority]),
      ),
    );
  }

  if (report.repeats.length) {
    out.push(
      heading(2, 'Repeat incidents'),
      table(
        ['Incident', 'Repeats', 'Service', 'Shared factors', 'Days apart'],
        report.repeats.map((r) => [
          r.incident,
          r.repeatOf,
          r.services.join(', '),
          r.factors.join(', '),
          num(r.days, 1),
        ]),
      ),
    );
  }

  out.push(heading(2, 'People and load'));
  if (report.responders.length === 0) out.push(paragraph('Nobody responded to an incident in this window.'));
  else
    out.push(
      table(
        ['Responder', 'Incidents', 'Hours', 'Nights', 'Weekends', 'Load'],
        report.responders
          .slice(0, max)
          .map((r): Cell[] => [
            quiet(r.handle),
            String(r.incidents),
            num(r.hours, 1),
            String(r.nights),
            String(r.weekends),
            num(r.load, 1),
          ]),
      ),
    );
  if (report.onCall.length)
    out.push(
      paragraph('On call:'),
      table(
        ['Schedule', 'Person', 'Hours on call', 'Shifts', 'Incidents', 'Per shift'],
        report.onCall
          .slice(0, max * 2)
          .map((o): Cell[] => [
            o.schedule,
            quiet(o.handle),
            num(o.hours),
            String(o.shifts),
            String(o.incidents),
            o.incidentsPerShift === null ? '—' : o.incidentsPerShift.toFixed(2),
          ]),
      ),
    );

  out.push(rule(), smallPrint(DEFINITIONS));
  return root(out);
}

function statCells(stats: Stats): string[] {
  return [String(stats.count), minutes(stats.mean), minutes(stats.median), minutes(stats.p90)];
}

function changeOf(current: number | null, previous: number | null): number | null {
  return current === null || previous === null || previous === 0 ? null : ((current - previous) / previous) * 100;
}
