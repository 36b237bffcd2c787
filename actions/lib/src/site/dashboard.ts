// The figures of the dashboard: the reliability report over the last twelve months (by month), and
// per month what the report gives only for a whole window (durations as median and p90,
// time-to-action compliance, contributing factors). Every figure comes from metrics/: this module
// only groups incidents by month and by team or service.
import type { Repository } from '../load/repository.ts';
import type { Catalog } from '../model/catalog.ts';
import { incidentFacts, type IncidentFacts } from '../metrics/facts.ts';
import { buildReport, type ReliabilityReport } from '../metrics/report.ts';
import { statsOf, share, type Stats } from '../metrics/stats.ts';
import { todayIn } from '../time/dates.ts';
import { parseDuration } from '../time/duration.ts';
import { addLocalDays, periodContaining, periodsBetween, type Period } from '../time/zoned.ts';

export const TREND_MONTHS = 12;

export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  /** The month's first local date. */
  start: string;
  incidents: number;
  bySeverity: Record<string, number>;
  acknowledge: Stats;
  resolve: Stats;
  /** Acknowledged within the severity's time-to-action target, of those measured; null when none was measured. */
  timeToAction: { met: number; measured: number; compliance: number | null };
  factors: Record<string, number>;
}

export interface Dashboard {
  report: ReliabilityReport;
  facts: IncidentFacts[];
  months: MonthFigures[];
  severities: string[];
}

/** The last TREND_MONTHS local calendar months, the current one included. */
export function trendWindow(now: number, timeZone: string): { since: string; until: string; months: Period[] } {
  const current = periodContaining(now, 'month', timeZone);
  let first = current;
  for (let i = 1; i < TREND_MONTHS; i++) first = periodContaining(first.start - 1, 'month', timeZone);
  const months = periodsBetween(first.start, current.end, 'month', timeZone);
  return { since: first.startDate, until: current.endDate, months };
}

export function monthFigures(
  catalog: Catalog,
  facts: IncidentFacts[],
  months: Period[],
  severities: string[],
): MonthFigures[] {
  const targets = new Map(
    catalog.severityOrder.map((s) => [s, parseDuration(catalog.severities.get(s)?.timeToAction ?? '')]),
  );
  let i = 0;
  return months.map((m) => {
    while (i < facts.length && facts[i]!.started < m.start) i++;
    const list: IncidentFacts[] = [];
    for (let j = i; j < facts.length && facts[j]!.started < m.end; j++) list.push(facts[j]!);
    const bySeverity = Object.fromEntries(severities.map((s) => [s, 0]));
    const factors: Record<string, number> = {};
    let met = 0;
    let measured = 0;
    for (const f of list) {
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      for (const factor of f.incident.data.contributing_factors ?? []) factors[factor] = (factors[factor] ?? 0) + 1;
      const target = targets.get(f.severity);
      if (target !== undefined && f.minutes.acknowledge !== undefined) {
        measured++;
        if (f.minutes.acknowledge <= target / 60_000) met++;
      }
    }
    const values = (key: 'acknowledge' | 'resolve') =>
      list.map((f) => f.minutes[key]).filter((v): v is number => v !== undefined);
    return {
      month: m.label,
      start: m.startDate,
      incidents: list.length,
      bySeverity,
      acknowledge: statsOf(values('acknowledge')),
      resolve: statsOf(values('resolve')),
      timeToAction: { met, measured, compliance: share(met, measured) },
      factors,
    };
  });
}

export function buildDashboard(repo: Repository, catalog: Catalog, now: number): Dashboard {
  const timeZone = repo.config.timezone ?? 'UTC';
  const window = trendWindow(now, timeZone);
  const report = buildReport(repo, catalog, { now, since: window.since, until: window.until });
  const facts = incidentFacts(catalog);
  const severities = [
    ...catalog.severityOrder,
    ...new Set(facts.map((f) => f.severity).filter((s) => !catalog.severities.has(s))),
  ];
  return { report, facts, months: monthFigures(catalog, facts, window.months, severities), severities };
}

/** The local date `days` before today, for "recent" lists. */
export function daysAgo(now: number, timeZone: string, days: number): string {
  return addLocalDays(todayIn(now, timeZone), -days);
}
