/**
 * Local calendar periods in an IANA time zone, for reports that group incidents by day, ISO week,
 * month or quarter as people in that zone see them (e.g. Europe/Paris).
 *
 * Instants are epoch milliseconds; calendar dates are `YYYY-MM-DD` strings (proleptic Gregorian,
 * no time zone); wall-clock times are `HH:MM`. Only `Intl.DateTimeFormat` is used, so the zone
 * rules are the ICU data that ships with Node.
 *
 * Daylight saving: a local day, week, month or quarter starts at the first instant of its first
 * local day and ends (exclusive) at the first instant of the next one, so a day is 23 or 25 hours
 * long when the clocks change and periods always tile time with no gap or overlap. Wall-clock times
 * that do not exist or exist twice resolve like Temporal's "compatible" disambiguation (see
 * {@link zonedTime}).
 */
import { DAY_MS, formatDate, parseDate } from './dates.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const TIME = /^(\d{2}):(\d{2})$/;

/** The wall clock of an instant in a time zone. */
export interface LocalParts {
  year: number;
  /** 1 = January .. 12 = December. */
  month: number;
  /** 1..31. */
  day: number;
  /** 0..23. */
  hour: number;
  /** 0..59. */
  minute: number;
  /** 0 = Monday .. 6 = Sunday (ISO order). */
  weekday: number;
}

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter';

/** One local calendar period: the instants [start, end) and the local dates [startDate, endDate). */
export interface Period {
  unit: PeriodUnit;
  /** Epoch ms of the first instant of `startDate` in the zone. */
  start: number;
  /** Epoch ms of the first instant of `endDate` in the zone: exclusive, and the next period's `start`. */
  end: number;
  /** `2026-11-21` (day), `2026-W47` (ISO week, its ISO week-numbering year), `2026-11` (month), `2026-Q4` (quarter). */
  label: string;
  /** First local date of the period (YYYY-MM-DD); a Monday for weeks, the 1st for months and quarters. */
  startDate: string;
  /** First local date after the period (YYYY-MM-DD): exclusive. */
  endDate: string;
}

// ---------------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter for a zone, created (and so the zone validated by Intl) once per zone name.
 * Throws an Error naming the zone when Intl does not know it.
 */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    // An absent or empty zone would silently mean the host's zone (or throw an unhelpful message).
    if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('empty time zone');
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
  } catch {
    throw new Error(
      `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA time zone name such as Europe/Paris, America/New_York or UTC`,
    );
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock Intl reads for an instant: exact, and slow (a formatToParts call, ~20 µs). */
function readWallClock(ms: number, timeZone: string): WallClock {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) fields[part.type] = part.value;
  return {
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour) % 24, // Defensive: some ICU versions wrote midnight as 24.
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

function readOffset(ms: number, timeZone: string): number {
  const w = readWallClock(ms, timeZone);
  return asUtc(w.year, w.month, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * Per zone, per UTC day (epoch ms / DAY_MS, floored): the zone's offset through that whole day, or
 * null when the offset changes within it. Years of incidents fall on a few thousand days, so this
 * turns tens of thousands of Intl calls (a validate of 10,000 incidents spent a sixth of its time in
 * them) into two per day.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset from UTC at an instant, in ms (+3_600_000 for CET). A day whose first and last
 * second have the same offset has it throughout: zones change offset at most once within two days
 * (the assumption `fromWallClock` makes too), so one change would show at the ends.
 */
function offsetAt(ms: number, timeZone: string): number {
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${ms}`);
  let days = dayOffsets.get(timeZone);
  if (!days) {
    formatterFor(timeZone);
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = readOffset(day * DAY_MS, timeZone);
    offset = first === readOffset((day + 1) * DAY_MS - 1000, timeZone) ? first : null;
    days.set(day, offset);
  }
  return offset ?? readOffset(ms, timeZone);
}

/** The wall clock of an instant in a zone, to the second. */
function wallClock(ms: number, timeZone: string): WallClock {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Epoch ms of a wall clock read as if it were UTC (Date.UTC without its 0..99 → 1900s quirk). */
function asUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

// ---------------------------------------------------------------------------------------------
// Instants and wall clocks

/**
 * The local wall clock (year, month, day, hour, minute, ISO weekday 0 = Monday .. 6 = Sunday) of an
 * instant in an IANA time zone. Seconds are dropped, not rounded.
 *
 * @throws Error if the time zone is unknown; RangeError if `ms` is not a finite number.
 */
export function localParts(ms: number, timeZone: string): LocalParts {
  const w = wallClock(ms, timeZone);
  return {
    year: w.year,
    month: w.month,
    day: w.day,
    hour: w.hour,
    minute: w.minute,
    weekday: isoWeekday(asUtc(w.year, w.month, w.day)),
  };
}

/**
 * The instant (epoch ms) at which clocks in `timeZone` show `time` (HH:MM, 00:00..23:59) on `date`
 * (YYYY-MM-DD).
 *
 * Daylight-saving transitions resolve like Temporal's `disambiguation: 'compatible'`:
 * - a time skipped by a spring-forward gap is moved forward by the gap's length (Europe/Paris on
 *   2026-03-29: 02:30 does not exist and gives 03:30 CEST = 01:30Z);
 * - a time repeated by a fall-back overlap gives the earlier instant (Europe/Paris on 2026-10-25:
 *   02:30 gives 02:30 CEST = 00:30Z, not 02:30 CET = 01:30Z).
 *
 * @throws Error if the time zone is unknown; RangeError if the date or time is malformed.
 */
export function zonedTime(date: string, time: string, timeZone: string): number {
  formatterFor(timeZone);
  const midnight = parseDate(date);
  if (midnight === undefined) throw new RangeError(`Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  const m = TIME.exec(typeof time === 'string' ? time : '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new RangeError(`Not an HH:MM time (00:00..23:59): ${JSON.stringify(time)}`);
  return fromWallClock(midnight + Number(m[1]) * HOUR_MS + Number(m[2]) * MINUTE_MS, timeZone);
}

/**
 * The instant of a wall clock given as "ms as if UTC". Same algorithm as Temporal's
 * GetPossibleEpochNanoseconds: the offsets a day before and a day after bound the candidates (zones
 * change offset at most once within two days), a candidate is kept if it reads back as the wall
 * clock, the earlier one wins, and with none (a gap) the offset before the gap is used.
 */
function fromWallClock(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((ms) => offsetAt(ms, timeZone) === wall - ms);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/**
 * The first instant of a local day: `zonedTime(date, '00:00', timeZone)`. Where midnight is skipped
 * (zones that change clocks at 00:00) this is the instant the day actually starts, after the gap.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  return zonedTime(date, '00:00', timeZone);
}

/** Elapsed hours from instant `a` to instant `b` (negative if `b` is earlier); fractional, not rounded. */
export function hoursBetween(a: number, b: number): number {
  return (b - a) / HOUR_MS;
}

// ---------------------------------------------------------------------------------------------
// Calendar dates (no time zone involved)

function requireDate(date: string): number {
  const ms = parseDate(date);
  if (ms === undefined) throw new RangeError(`Not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  return ms;
}

/** 0 = Monday .. 6 = Sunday for a UTC midnight. */
function isoWeekday(utcMidnight: number): number {
  return (new Date(utcMidnight).getUTCDay() + 6) % 7;
}

/**
 * The calendar date `days` (an integer, may be negative) after `date`. Pure calendar arithmetic:
 * daylight saving plays no part.
 *
 * @throws RangeError if `date` is not a YYYY-MM-DD calendar date or `days` is not an integer.
 */
export function addLocalDays(date: string, days: number): string {
  const ms = requireDate(date);
  if (!Number.isSafeInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return formatDate(ms + days * DAY_MS);
}

/**
 * The ISO 8601 week of a date: weeks start on Monday and week 1 is the week with the year's first
 * Thursday, so `year` is the ISO week-numbering year, which differs from the calendar year near
 * 1 January (2027-01-01 is in 2026-W53; 2025-12-29 is in 2026-W01). Years have 52 or 53 weeks.
 *
 * @throws RangeError if `date` is not a YYYY-MM-DD calendar date.
 */
export function isoWeek(date: string): { year: number; week: number } {
  const ms = requireDate(date);
  const thursday = ms + (3 - isoWeekday(ms)) * DAY_MS; // The week's Thursday decides its year.
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - asUtc(year, 1, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dateOf(year: number, month: number, day: number): string {
  return formatDate(asUtc(year, month, day));
}

/** The first date of the month `months` after the month of `year`-`month`. */
function addMonths(year: number, month: number, months: number): string {
  const index = year * 12 + (month - 1) + months;
  return dateOf(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1, 1);
}

// ---------------------------------------------------------------------------------------------
// Periods

/** The period of `unit` that contains the local calendar date `date`. */
function periodOfDate(date: string, unit: PeriodUnit, timeZone: string): Period {
  const ms = requireDate(date);
  const [year, month] = date.split('-').map(Number) as [number, number];
  let startDate: string;
  let endDate: string;
  let label: string;
  switch (unit) {
    case 'day':
      startDate = date;
      endDate = addLocalDays(date, 1);
      label = date;
      break;
    case 'week': {
      startDate = formatDate(ms - isoWeekday(ms) * DAY_MS);
      endDate = addLocalDays(startDate, 7);
      const week = isoWeek(startDate);
      label = `${pad(week.year, 4)}-W${pad(week.week)}`;
      break;
    }
    case 'month':
      startDate = dateOf(year, month, 1);
      endDate = addMonths(year, month, 1);
      label = startDate.slice(0, 7);
      break;
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      startDate = dateOf(year, quarter * 3 - 2, 1);
      endDate = addMonths(year, quarter * 3 - 2, 3);
      label = `${startDate.slice(0, 4)}-Q${quarter}`;
      break;
    }
    default:
      throw new RangeError(`Unknown period unit ${JSON.stringify(unit as string)}: use day, week, month or quarter`);
  }
  return {
    unit,
    start: startOfLocalDay(startDate, timeZone),
    end: startOfLocalDay(endDate, timeZone),
    label,
    startDate,
    endDate,
  };
}

/**
 * The local day, ISO week (Monday to Monday), calendar month or quarter in `timeZone` that contains
 * the instant `ms`: `start <= ms < end`.
 *
 * @throws Error if the time zone is unknown; RangeError if `ms` is not finite or `unit` is unknown.
 */
export function periodContaining(ms: number, unit: PeriodUnit, timeZone: string): Period {
  const p = localParts(ms, timeZone);
  return periodOfDate(dateOf(p.year, p.month, p.day), unit, timeZone);
}

/**
 * The period of the same unit just before `period` (its `end` is `period.start` when both use the
 * same zone). Calendar based: the month before 2026-03 is 2026-02 (28 days), the quarter before
 * 2026-Q1 is 2025-Q4, the week before 2027-W01 is 2026-W53.
 */
export function previousPeriod(period: Period, timeZone: string): Period {
  return periodOfDate(addLocalDays(period.startDate, -1), period.unit, timeZone);
}

/** The period of the same unit just after `period`: it starts on `period.endDate`. */
export function nextPeriod(period: Period, timeZone: string): Period {
  return periodOfDate(period.endDate, period.unit, timeZone);
}

/**
 * Every period of `unit` in `timeZone` that overlaps the instants [startMs, endMs), in order and
 * contiguous: the first contains `startMs`, the last contains `endMs - 1`. Empty when
 * `endMs <= startMs`. The first and last periods usually extend beyond the range; clip them if the
 * report needs partial periods.
 */
export function periodsBetween(startMs: number, endMs: number, unit: PeriodUnit, timeZone: string): Period[] {
  if (!Number.isFinite(endMs)) throw new RangeError(`Not an instant: ${endMs}`);
  const periods: Period[] = [];
  if (endMs <= startMs) {
    formatterFor(timeZone);
    return periods;
  }
  for (
    let period = periodContaining(startMs, unit, timeZone);
    period.start < endMs;
    period = nextPeriod(period, timeZone)
  )
    periods.push(period);
  return periods;
}
