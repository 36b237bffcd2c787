// Burnout signals: per responder, how many incidents, how many hours, how many off hours, and a
// severity-and-duration-weighted load; per on-call participant, hours on call and incidents per shift.
import type { Catalog } from '../model/catalog.ts';
import type { OnCallScheduleSpec } from '../model/types.ts';
import { parseTimestamp } from '../time/dates.ts';
import { parseDuration } from '../time/duration.ts';
import { addLocalDays, localParts, zonedTime } from '../time/zoned.ts';
import type { IncidentFacts } from './facts.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Short incidents still cost a context switch: each counts at least this many hours of load. */
export const MIN_LOAD_HOURS = 0.25;

export interface Window {
  start: number;
  end: number;
}

export interface BusinessHours {
  start: string;
  end: string;
  days: string[];
  timeZone: string;
}

export type OffHours = 'business' | 'night' | 'weekend';

/** Whether an instant falls in business hours, on a working day outside them (night), or on a non-working day (weekend). */
export function offHours(ms: number, hours: BusinessHours): OffHours {
  const local = localParts(ms, hours.timeZone);
  if (!hours.days.includes(WEEKDAYS[local.weekday]!)) return 'weekend';
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return time >= hours.start && time < hours.end ? 'business' : 'night';
}

/** Weight of a severity in the load: the least severe level weighs 1, each more severe level twice the next. */
export function severityWeight(catalog: Catalog, severity: string): number {
  const index = catalog.severityOrder.indexOf(severity);
  return index < 0 ? 1 : 2 ** (catalog.severityOrder.length - 1 - index);
}

export interface ResponderLoad {
  handle: string;
  incidents: number;
  /** Incident hours inside the window and before now: started to resolved; while not resolved, to mitigated when set (monitoring is not active work), else to now. */
  hours: number;
  nights: number;
  weekends: number;
  /** Σ severity weight × hours (at least 0.25 h for an incident that started in the window). */
  load: number;
}

export function responderLoad(
  catalog: Catalog,
  facts: IncidentFacts[],
  window: Window,
  hours: BusinessHours,
  now: number,
): ResponderLoad[] {
  const byHandle = new Map<string, ResponderLoad>();
  for (const fact of facts) {
    const startedInside = fact.started >= window.start && fact.started < window.end;
    const spent =
      Math.max(Math.min(activeUntil(fact, now), window.end, now) - Math.max(fact.started, window.start), 0) / 3_600_000;
    if (!startedInside && spent === 0) continue;
    const when = offHours(fact.started, hours);
    for (const handle of fact.responders) {
      const key = handle.toLowerCase();
      const load = byHandle.get(key) ?? { handle, incidents: 0, hours: 0, nights: 0, weekends: 0, load: 0 };
      if (startedInside) {
        load.incidents++;
        if (when === 'night') load.nights++;
        if (when === 'weekend') load.weekends++;
      }
      load.hours += spent;
      load.load += severityWeight(catalog, fact.severity) * (startedInside ? Math.max(spent, MIN_LOAD_HOURS) : spent);
      byHandle.set(key, load);
    }
  }
  return [...byHandle.values()].sort((a, b) => b.load - a.load || a.handle.localeCompare(b.handle));
}

/** When responders stopped working an incident: resolved; while it is not resolved, mitigated when set, else now. */
export function activeUntil(fact: IncidentFacts, now: number): number {
  if (fact.ended !== undefined) return fact.ended;
  if (fact.minutes.mitigate !== undefined) return fact.started + fact.minutes.mitigate * 60_000;
  return now;
}

export interface OnCallLoad {
  schedule: string;
  handle: string;
  hours: number;
  shifts: number;
  incidents: number;
  incidentsPerShift: number | null;
}

interface Interval {
  start: number;
  end: number;
  person: string;
}

/** Shifts of a rotation overlapping the window, with overrides applied; hand-offs keep their local wall-clock time across daylight-saving changes when the length is whole days. */
export function onCallIntervals(
  spec: OnCallScheduleSpec,
  window: Window,
  defaultTimeZone: string,
): { shifts: Interval[]; intervals: Interval[] } {
  const rotation = spec.rotation;
  const first = parseTimestamp(rotation?.start);
  const length = parseDuration(rotation?.length ?? '');
  const people = rotation?.participants ?? [];
  if (first === undefined || !length || people.length === 0) return { shifts: [], intervals: [] };
  const zone = spec.timezone ?? defaultTimeZone;
  const wholeDays = length % 86_400_000 === 0 ? length / 86_400_000 : undefined;
  const local = localParts(first, zone);
  const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  const startOf = (k: number) =>
    wholeDays ? zonedTime(addLocalDays(date, k * wholeDays), time, zone) : first + k * length;
  const shifts: Interval[] = [];
  let k = Math.max(Math.floor((window.start - first) / length) - 1, 0);
  for (; startOf(k) < window.end; k++) {
    const start = startOf(k);
    const end = startOf(k + 1);
    if (end > window.start) shifts.push({ start, end, person: people[k % people.length]! });
    if (shifts.length > 10_000) break;
  }
  const overrides = (spec.overrides ?? [])
    .map((o) => ({ start: parseTimestamp(o.start)!, end: parseTimestamp(o.end)!, person: o.person }))
    .filter((o) => o.start !== undefined && o.end !== undefined && o.end > o.start);
  const intervals: Interval[] = [];
  for (const shift of shifts) {
    let pieces: Interval[] = [shift];
    for (const o of overrides) pieces = pieces.flatMap((p) => subtract(p, o));
    intervals.push(...pieces);
  }
  intervals.push(...overrides);
  return {
    shifts,
    intervals: intervals
      .map((i) => ({ ...i, start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) }))
      .filter((i) => i.end > i.start),
  };
}

function subtract(piece: Interval, cut: { start: number; end: number }): Interval[] {
  if (cut.end <= piece.start || cut.start >= piece.end) return [piece];
  const out: Interval[] = [];
  if (cut.start > piece.start) out.push({ ...piece, end: cut.start });
  if (cut.end < piece.end) out.push({ ...piece, start: cut.end });
  return out;
}

export function onCallLoad(
  catalog: Catalog,
  facts: IncidentFacts[],
  window: Window,
  defaultTimeZone: string,
): OnCallLoad[] {
  const out: OnCallLoad[] = [];
  for (const [name, schedule] of catalog.schedules) {
    const { shifts, intervals } = onCallIntervals(schedule.spec, window, defaultTimeZone);
    const team = schedule.spec.team;
    const relevant = facts.filter((f) => !team || f.teams.includes(team));
    const people = new Map<string, OnCallLoad>();
    const entry = (handle: string) => {
      const key = handle.toLowerCase();
      const found = people.get(key) ?? {
        schedule: name,
        handle,
        hours: 0,
        shifts: 0,
        incidents: 0,
        incidentsPerShift: null,
      };
      people.set(key, found);
      return found;
    };
    for (const shift of shifts) entry(shift.person).shifts++;
    for (const interval of intervals) {
      const person = entry(interval.person);
      person.hours += (interval.end - interval.start) / 3_600_000;
      person.incidents += relevant.filter((f) => f.started >= interval.start && f.started < interval.end).length;
    }
    for (const person of people.values()) {
      person.incidentsPerShift = person.shifts ? person.incidents / person.shifts : null;
      out.push(person);
    }
  }
  return out.sort(
    (a, b) => a.schedule.localeCompare(b.schedule) || b.hours - a.hours || a.handle.localeCompare(b.handle),
  );
}
