// Error budgets per SLO from the incidents that cite it. Timeslices budgets count bad minutes;
// Occurrences budgets count bad events against the window's expected total events, which the SLO
// states in an annotation (records alone cannot know a service's traffic).
import type { Catalog } from '../model/catalog.ts';
import type { ErrorBudgetStatus, KindRecord } from '../model/types.ts';
import { DAY_MS } from '../time/dates.ts';
import { periodContaining, type PeriodUnit } from '../time/zoned.ts';
import type { IncidentFacts } from './facts.ts';

export const EXPECTED_EVENTS_ANNOTATION = 'firebreak.dev/expected-events-per-day';
/** Recent windows whose burn rate is reported, as in multi-window burn-rate alerting. */
export const RECENT_WINDOWS = [
  { label: '1d', ms: DAY_MS },
  { label: '7d', ms: 7 * DAY_MS },
];

export interface BudgetStatus {
  status: string;
  means?: string;
}

export interface ErrorBudget {
  slo: string;
  displayName?: string;
  service?: string;
  method: 'Timeslices' | 'Occurrences' | 'RatioTimeslices';
  /** Objective, as a fraction (0.995). */
  target: number;
  window: { label: string; rolling: boolean; start: number; end: number };
  /** What the budget counts: minutes (Timeslices) or events (Occurrences). */
  unit: 'minutes' | 'events';
  /** Allowed bad minutes or events in the window; null when unknown (Occurrences without expected events). */
  allowed: number | null;
  consumed: number;
  /** Percent of the budget left (negative when overspent); null when unknown. */
  remainingPercent: number | null;
  /** Budget consumed relative to a pace that would use exactly all of it by the window's end. */
  burnRate: number | null;
  recentBurnRates: { window: string; burnRate: number | null }[];
  /**
   * When the budget runs out if it keeps burning at the pace of `exhaustionPace`; null when it does
   * not ("not at this pace"), when it is already spent, or when the budget is unknown. Rolling
   * windows take the pace of the recent window (1d or 7d) that burns faster, and let the bad
   * minutes or events older than the window drop out as time passes; calendar windows take the pace
   * since the window began and stop at its end.
   */
  projectedExhaustion: number | null;
  /** The window whose pace the projection uses: '1d', '7d', or 'window' (since the calendar window began); null without a projection. */
  exhaustionPace: string | null;
  status: BudgetStatus | null;
  incidents: string[];
  /** Remaining budget in percent at the end of each day (or each few days) of the window so far, for the burn-down chart. */
  burnDown: { at: number; remainingPercent: number }[];
  /** Why a figure is missing, for people. */
  note?: string;
}

interface SloSpec {
  service?: string;
  budgetingMethod?: string;
  timeWindow?: { duration?: string; isRolling?: boolean; calendar?: { startTime?: string; timeZone?: string } }[];
  objectives?: { target?: number; targetPercent?: number }[];
}

const MAX_BURN_DOWN_POINTS = 31;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
const CALENDAR: Record<string, PeriodUnit> = { d: 'day', w: 'week', M: 'month', Q: 'quarter' };

export function errorBudgets(
  catalog: Catalog,
  facts: IncidentFacts[],
  asOf: number,
  defaultTimeZone = 'UTC',
): ErrorBudget[] {
  const budgets: ErrorBudget[] = [];
  for (const slo of catalog.slos.values()) {
    const budget = errorBudget(slo as KindRecord<SloSpec>, catalog, facts, asOf, defaultTimeZone);
    if (budget) budgets.push(budget);
  }
  return budgets;
}

function errorBudget(
  slo: KindRecord<SloSpec>,
  catalog: Catalog,
  facts: IncidentFacts[],
  asOf: number,
  defaultTimeZone: string,
): ErrorBudget | undefined {
  const spec = slo.spec;
  const objective = spec.objectives?.[0];
  const target =
    objective?.target ?? (objective?.targetPercent === undefined ? undefined : objective.targetPercent / 100);
  const windowSpec = spec.timeWindow?.[0];
  const match = /^(\d+)([mhdwMQY])$/.exec(windowSpec?.duration ?? '');
  if (target === undefined || !(target > 0 && target < 1) || !windowSpec || !match) return undefined;
  const count = Number(match[1]);
  const unit = match[2]!;
  let start: number;
  let end: number;
  const rolling = windowSpec.isRolling !== false && !windowSpec.calendar;
  if (rolling) {
    const length =
      unit in UNIT_MS
        ? count * UNIT_MS[unit]!
        : unit === 'M'
          ? count * 30 * DAY_MS
          : unit === 'Q'
            ? count * 91 * DAY_MS
            : count * 365 * DAY_MS;
    end = asOf;
    start = asOf - length;
  } else {
    // Calendar windows: the calendar period containing asOf, in the SLO's time zone (multi-unit
    // calendar windows such as 2w are evaluated as their current single period; the note says so).
    const zone = windowSpec.calendar?.timeZone ?? defaultTimeZone;
    const period =
      unit === 'Y'
        ? yearContaining(asOf, zone)
        : CALENDAR[unit]
          ? periodContaining(asOf, CALENDAR[unit]!, zone)
          : undefined;
    if (!period) return undefined;
    start = period.start;
    end = period.end;
  }
  const method =
    spec.budgetingMethod === 'Occurrences'
      ? 'Occurrences'
      : spec.budgetingMethod === 'RatioTimeslices'
        ? 'RatioTimeslices'
        : 'Timeslices';
  const citing = facts
    .filter((f) => f.started >= start && f.started < Math.min(end, asOf + 1))
    .flatMap((f) =>
      (f.incident.data.slos ?? []).filter((s) => s.slo === slo.metadata.name).map((impact) => ({ fact: f, impact })),
    );
  const windowMs = end - start;
  let allowed: number | null;
  let note: string | undefined;
  const badOf = (impact: { bad_minutes?: number; bad_events?: number }) =>
    method === 'Occurrences' ? (impact.bad_events ?? 0) : (impact.bad_minutes ?? 0);
  if (method === 'Occurrences') {
    const perDay = Number(slo.metadata.annotations?.[EXPECTED_EVENTS_ANNOTATION]);
    allowed = Number.isFinite(perDay) && perDay > 0 ? clean((1 - target) * perDay * (windowMs / DAY_MS)) : null;
    if (allowed === null)
      note = `add the annotation ${EXPECTED_EVENTS_ANNOTATION} (events per day) to the SLO to size its budget`;
  } else {
    allowed = clean((1 - target) * (windowMs / 60_000));
  }
  const consumed = citing.reduce((sum, c) => sum + badOf(c.impact), 0);
  if (count > 1 && !rolling)
    note = `a ${windowSpec.duration} calendar window is evaluated as its current ${CALENDAR[unit] ?? 'year'}`;
  const elapsed = Math.min(Math.max(asOf - start, 1), windowMs);
  const remainingPercent = allowed === null || allowed === 0 ? null : ((allowed - consumed) / allowed) * 100;
  const burnRate = allowed === null || allowed === 0 ? null : consumed / allowed / (rolling ? 1 : elapsed / windowMs);
  const recentBurnRates = RECENT_WINDOWS.map((w) => {
    if (allowed === null || allowed === 0) return { window: w.label, burnRate: null };
    const recent = citing
      .filter((c) => c.fact.started >= asOf - w.ms && c.fact.started <= asOf)
      .reduce((sum, c) => sum + badOf(c.impact), 0);
    return { window: w.label, burnRate: recent / (allowed * (w.ms / windowMs)) };
  });
  let projectedExhaustion: number | null = null;
  let exhaustionPace: string | null = null;
  if (allowed !== null && allowed > 0 && consumed < allowed) {
    if (rolling) {
      // The faster of the recent windows, in units per millisecond.
      const recent = RECENT_WINDOWS.map((w) => ({
        label: w.label,
        pace:
          citing
            .filter((c) => c.fact.started > asOf - w.ms && c.fact.started <= asOf)
            .reduce((sum, c) => sum + badOf(c.impact), 0) / w.ms,
      }));
      const fastest = recent.reduce((a, b) => (b.pace > a.pace ? b : a));
      if (fastest.pace > 0) {
        const at = rollingExhaustion(
          citing.map((c) => ({ at: c.fact.started, bad: badOf(c.impact) })),
          allowed,
          fastest.pace,
          asOf,
          windowMs,
        );
        if (at !== null) {
          projectedExhaustion = at;
          exhaustionPace = fastest.label;
        }
      }
    } else if (consumed > 0) {
      const at = asOf + (allowed - consumed) / (consumed / elapsed);
      if (at < end) {
        projectedExhaustion = at;
        exhaustionPace = 'window';
      }
    }
  }
  const burnDown: { at: number; remainingPercent: number }[] = [];
  if (allowed) {
    const until = Math.min(asOf, end);
    const step = Math.max(1, Math.ceil((until - start) / DAY_MS / MAX_BURN_DOWN_POINTS)) * DAY_MS;
    for (let at = Math.min(start + step, until); ; at = Math.min(at + step, until)) {
      const used = citing.filter((c) => c.fact.started < at).reduce((sum, c) => sum + badOf(c.impact), 0);
      burnDown.push({ at, remainingPercent: ((allowed - used) / allowed) * 100 });
      if (at >= until) break;
    }
  }
  return {
    slo: slo.metadata.name,
    displayName: slo.metadata.displayName,
    service: spec.service,
    method,
    target,
    window: { label: `${windowSpec.duration} ${rolling ? 'rolling' : 'calendar'}`, rolling, start, end },
    unit: method === 'Occurrences' ? 'events' : 'minutes',
    allowed,
    consumed,
    remainingPercent,
    burnRate,
    recentBurnRates,
    projectedExhaustion,
    exhaustionPace,
    status: remainingPercent === null ? null : budgetStatus(catalog.errorBudget?.statuses ?? [], remainingPercent),
    incidents: [...new Set(citing.map((c) => c.fact.id))],
    burnDown,
    ...(note ? { note } : {}),
  };
}

/**
 * When a rolling window's budget runs out if `pace` (units per ms) goes on from `asOf`: what is
 * consumed at t is the new burn since asOf plus what was cited inside (t − window, asOf]. Null when
 * that never reaches `allowed` (after one window length only the new burn is left in it).
 */
export function rollingExhaustion(
  cited: { at: number; bad: number }[],
  allowed: number,
  pace: number,
  asOf: number,
  windowMs: number,
): number | null {
  const inside = cited.filter((c) => c.at > asOf - windowMs && c.at <= asOf).sort((a, b) => a.at - b.at);
  let old = inside.reduce((sum, c) => sum + c.bad, 0);
  let from = asOf;
  // Segments between the moments old impacts leave the window; within one, consumption grows at `pace`.
  for (const c of [...inside, { at: asOf, bad: 0 }]) {
    const until = c.at + windowMs;
    const at = asOf + (allowed - old) / pace;
    if (at >= from && at < until) return at;
    from = until;
    old -= c.bad;
  }
  return null;
}

/** 1 − 0.995 is 0.0050000000000000044 in floating point: budgets are rounded to a millionth so 216 minutes read as 216. */
const clean = (value: number) => Math.round(value * 1e6) / 1e6;

/** The first status whose threshold the remaining percentage is below, checked from the lowest threshold; else the one without a threshold. */
export function budgetStatus(statuses: ErrorBudgetStatus[], remainingPercent: number): BudgetStatus {
  const thresholds = statuses
    .filter((s) => s.remainingBelow !== undefined)
    .sort((a, b) => a.remainingBelow! - b.remainingBelow!);
  const hit = thresholds.find(
    (s) => remainingPercent < s.remainingBelow! || (s.remainingBelow === 0 && remainingPercent <= 0),
  );
  const chosen = hit ?? statuses.find((s) => s.remainingBelow === undefined);
  if (chosen) return { status: chosen.status, means: chosen.means };
  return { status: remainingPercent <= 0 ? 'exhausted' : remainingPercent < 25 ? 'at-risk' : 'healthy' };
}

function yearContaining(ms: number, timeZone: string): { start: number; end: number } {
  const first = periodContaining(ms, 'month', timeZone);
  const year = first.startDate.slice(0, 4);
  const start = periodContaining(Date.parse(`${year}-01-15T12:00:00Z`), 'month', timeZone).start;
  const end = periodContaining(Date.parse(`${Number(year) + 1}-01-15T12:00:00Z`), 'month', timeZone).start;
  return { start, end };
}
