// The reliability report: every figure for one window, compared with the window before it.
// Definitions are in docs/metrics.md; this module only assembles them.
import type { Repository } from '../load/repository.ts';
import type { Catalog } from '../model/catalog.ts';
import { parseDuration } from '../time/duration.ts';
import { todayIn } from '../time/dates.ts';
import {
  addLocalDays,
  periodContaining,
  periodsBetween,
  previousPeriod,
  startOfLocalDay,
  type PeriodUnit,
} from '../time/zoned.ts';
import { errorBudgets, type ErrorBudget } from './budgets.ts';
import { incidentFacts, MEASURES, type IncidentFacts, type Measure } from './facts.ts';
import { onCallLoad, responderLoad, type OnCallLoad, type ResponderLoad } from './people.ts';
import {
  actionItemFigures,
  postmortemFigures,
  repeatIncidents,
  type ActionItemFigures,
  type PostmortemFigures,
  type Repeat,
} from './records.ts';
import { change, statsOf, share, type Stats } from './stats.ts';
import type { MeasuredSlo, Measurement } from '../datasource/prometheus.ts';
import { appendTo } from '../collections.ts';
import { responseFigures, type ResponseFigures } from './live.ts';

export const REPORT_VERSION = 1;
export const DEFAULT_WINDOW_DAYS = 90;
export const DEFAULT_REPEAT_WINDOW = '30d';

export interface ReportOptions {
  now: number;
  /** YYYY-MM-DD, inclusive, local to the Config timezone. */
  since?: string;
  /** YYYY-MM-DD, exclusive. */
  until?: string;
  /** The last complete week, month or quarter (before `until`, or before today). */
  period?: 'week' | 'month' | 'quarter';
  /** SLOs measured from Prometheus (see datasource/prometheus.ts), shown beside the incident-attributed budgets. */
  measured?: Measurement[];
}

export interface ReportWindow {
  label: string;
  start: string;
  end: string;
  /** Local dates, end exclusive. */
  startDate: string;
  endDate: string;
}

export type DurationStats = Record<Measure, Stats>;

export interface GroupFigures {
  key: string;
  incidents: number;
  durations: DurationStats;
}

export interface SeriesPoint {
  label: string;
  start: string;
  bySeverity: Record<string, number>;
  medianResolveMinutes: number | null;
}

export interface IncidentRow {
  id: string;
  title: string;
  severity: string;
  services: string[];
  started: string;
  status: string;
  postmortem: string;
  minutes: Partial<Record<Measure, number>>;
  file: string;
}

export interface ReliabilityReport {
  version: number;
  generatedAt: string;
  timeZone: string;
  today: string;
  window: ReportWindow;
  previousWindow: ReportWindow;
  incidents: {
    total: number;
    previous: number;
    change: number | null;
    open: number;
    bySeverity: { severity: string; count: number; previous: number; change: number | null }[];
    /** The two most severe levels together, e.g. SEV0+SEV1. */
    highSeverity: { severities: string[]; count: number; previous: number; change: number | null };
  };
  durations: {
    current: DurationStats;
    previous: DurationStats;
    bySeverity: GroupFigures[];
    byService: GroupFigures[];
    byTeam: GroupFigures[];
  };
  timeToAction: { severity: string; targetMinutes: number; measured: number; met: number; compliance: number | null }[];
  /** Check-ins, first updates and update cadence per severity, from the incident issues (metrics/live.ts). */
  response?: ResponseFigures[];
  postmortems: PostmortemFigures;
  actionItems: ActionItemFigures;
  repeats: Repeat[];
  responders: ResponderLoad[];
  onCall: OnCallLoad[];
  budgets: (Omit<ErrorBudget, 'window' | 'projectedExhaustion' | 'burnDown'> & {
    window: { label: string; rolling: boolean; start: string; end: string };
    projectedExhaustion: string | null;
    burnDown: { date: string; remainingPercent: number }[];
  })[];
  series: { unit: PeriodUnit; points: SeriesPoint[] };
  incidentList: IncidentRow[];
  /** Present when Prometheus was asked: what it measured, and what it could not. */
  measured?: { slos: MeasuredSlo[]; problems: { slo: string; problem: string }[] };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The window a report covers and the one before it, as instants and local dates. */
export function reportWindows(
  options: ReportOptions,
  timeZone: string,
): { current: { start: number; end: number; label: string }; previous: { start: number; end: number; label: string } } {
  const today = todayIn(options.now, timeZone);
  if (options.period) {
    const anchor = options.until ? startOfLocalDay(options.until, timeZone) - 1 : startOfLocalDay(today, timeZone) - 1;
    const containing = periodContaining(anchor, options.period, timeZone);
    // Without --until the period is the last complete one; with it, the one that ends at or contains it.
    const current = options.until
      ? containing
      : containing.end <= options.now
        ? containing
        : previousPeriod(containing, timeZone);
    const previous = previousPeriod(current, timeZone);
    return {
      current: { start: current.start, end: current.end, label: current.label },
      previous: { start: previous.start, end: previous.end, label: previous.label },
    };
  }
  const endDate = options.until ?? addLocalDays(today, 1);
  const startDate = options.since ?? addLocalDays(endDate, -DEFAULT_WINDOW_DAYS);
  const days = Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000);
  const prevStart = addLocalDays(startDate, -days);
  return {
    current: {
      start: startOfLocalDay(startDate, timeZone),
      end: startOfLocalDay(endDate, timeZone),
      label: `${startDate} to ${addLocalDays(endDate, -1)}`,
    },
    previous: {
      start: startOfLocalDay(prevStart, timeZone),
      end: startOfLocalDay(startDate, timeZone),
      label: `${prevStart} to ${addLocalDays(startDate, -1)}`,
    },
  };
}

function durationStats(facts: IncidentFacts[]): DurationStats {
  return Object.fromEntries(
    MEASURES.map((m) => [m, statsOf(facts.map((f) => f.minutes[m]).filter((v): v is number => v !== undefined))]),
  ) as DurationStats;
}

function groups(facts: IncidentFacts[], keys: (f: IncidentFacts) => string[], order: string[] = []): GroupFigures[] {
  const map = new Map<string, IncidentFacts[]>();
  for (const key of order) map.set(key, []);
  for (const fact of facts) for (const key of keys(fact)) appendTo(map, key, fact);
  return [...map]
    .filter(([, list]) => list.length > 0)
    .map(([key, list]) => ({ key, incidents: list.length, durations: durationStats(list) }));
}

export function buildReport(repo: Repository, catalog: Catalog, options: ReportOptions): ReliabilityReport {
  const timeZone = repo.config.timezone ?? 'UTC';
  const today = todayIn(options.now, timeZone);
  const { current, previous } = reportWindows(options, timeZone);
  const all = incidentFacts(catalog);
  const inside = (w: { start: number; end: number }) => all.filter((f) => f.started >= w.start && f.started < w.end);
  const now = all.filter((f) => f.started >= current.start && f.started < current.end);
  const before = inside(previous);
  const asOf = Math.min(options.now, current.end);

  const severities = [
    ...catalog.severityOrder,
    ...new Set(all.map((f) => f.severity).filter((s) => !catalog.severities.has(s))),
  ];
  const countBy = (list: IncidentFacts[], severity: string) => list.filter((f) => f.severity === severity).length;
  const high = catalog.severityOrder.slice(0, 2);
  const highNow = now.filter((f) => high.includes(f.severity)).length;
  const highBefore = before.filter((f) => high.includes(f.severity)).length;

  const timeToAction = catalog.severityOrder.flatMap((severity) => {
    const target = parseDuration(catalog.severities.get(severity)?.timeToAction ?? '');
    if (target === undefined) return [];
    const measured = now.filter((f) => f.severity === severity && f.minutes.acknowledge !== undefined);
    const met = measured.filter((f) => f.minutes.acknowledge! <= target / 60_000).length;
    return [
      {
        severity,
        targetMinutes: target / 60_000,
        measured: measured.length,
        met,
        compliance: share(met, measured.length),
      },
    ];
  });

  const business = repo.config.businessHours;
  const hours = {
    start: business?.start ?? '09:00',
    end: business?.end ?? '18:00',
    days: business?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri'],
    timeZone,
  };
  const window = { start: current.start, end: current.end };
  const unit: PeriodUnit = current.end - current.start > 120 * 86_400_000 ? 'month' : 'week';
  const points = periodsBetween(current.start, current.end, unit, timeZone).map((p) => {
    const list = all.filter(
      (f) => f.started >= Math.max(p.start, current.start) && f.started < Math.min(p.end, current.end),
    );
    return {
      label: p.label,
      start: iso(p.start),
      bySeverity: Object.fromEntries(severities.map((s) => [s, countBy(list, s)])),
      medianResolveMinutes: statsOf(list.map((f) => f.minutes.resolve).filter((v): v is number => v !== undefined))
        .median,
    };
  });

  const repeatWindow = parseDuration(repo.config.reports?.repeatWindow ?? DEFAULT_REPEAT_WINDOW) ?? 30 * 86_400_000;
  const budgets = errorBudgets(catalog, all, asOf, timeZone).map((b) => ({
    ...b,
    window: { ...b.window, start: iso(b.window.start), end: iso(b.window.end) },
    projectedExhaustion: b.projectedExhaustion === null ? null : iso(b.projectedExhaustion),
    burnDown: b.burnDown.map((p) => ({ date: todayIn(p.at - 1, timeZone), remainingPercent: p.remainingPercent })),
  }));
  const label = (w: { start: number; end: number; label: string }): ReportWindow => ({
    label: w.label,
    start: iso(w.start),
    end: iso(w.end),
    startDate: todayIn(w.start, timeZone),
    endDate: todayIn(w.end, timeZone),
  });

  return {
    version: REPORT_VERSION,
    generatedAt: iso(options.now),
    timeZone,
    today,
    window: label(current),
    previousWindow: label(previous),
    incidents: {
      total: now.length,
      previous: before.length,
      change: change(now.length, before.length),
      open: now.filter((f) => f.open).length,
      bySeverity: severities
        .map((severity) => ({
          severity,
          count: countBy(now, severity),
          previous: countBy(before, severity),
          change: change(countBy(now, severity), countBy(before, severity)),
        }))
        .filter((s) => s.count || s.previous),
      highSeverity: { severities: high, count: highNow, previous: highBefore, change: change(highNow, highBefore) },
    },
    durations: {
      current: durationStats(now),
      previous: durationStats(before),
      bySeverity: groups(now, (f) => [f.severity], severities),
      byService: groups(now, (f) => f.services),
      byTeam: groups(now, (f) => (f.teams.length ? f.teams : ['(no team)'])),
    },
    timeToAction,
    response: responseFigures(catalog, now),
    postmortems: postmortemFigures(catalog, now, options.now, timeZone),
    actionItems: actionItemFigures(catalog, now, today),
    repeats: repeatIncidents(all, window, repeatWindow),
    responders: responderLoad(catalog, all, window, hours, asOf),
    // On-call hours stop at now: the part of the window still to come has not been worked.
    onCall: onCallLoad(catalog, all, { start: window.start, end: Math.max(window.start, asOf) }, timeZone),
    budgets,
    series: { unit, points },
    ...(options.measured
      ? {
          measured: {
            slos: options.measured.flatMap((m) => (m.ok ? [m.slo] : [])),
            problems: options.measured.flatMap((m) => (m.ok ? [] : [{ slo: m.slo, problem: m.problem }])),
          },
        }
      : {}),
    incidentList: now.map((f) => ({
      id: f.id,
      title: f.title,
      severity: f.severity,
      services: f.services,
      started: f.incident.data.started!,
      status: f.incident.data.status,
      postmortem: f.incident.data.postmortem ?? 'draft',
      minutes: f.minutes,
      file: f.incident.file,
    })),
  };
}
