/** Dates and instants as the records write them: strings, parsed only when compared. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an ISO 8601 timestamp with an offset; undefined if it is not one. */
export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TIMESTAMP.exec(text);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Midnight UTC of a YYYY-MM-DD date; undefined if it is not a real calendar date. */
export function parseDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DATE.exec(text);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The calendar date (YYYY-MM-DD) of a timestamp in the offset it was written with. */
export function localDateOf(timestamp: string): string | undefined {
  const m = TIMESTAMP.exec(timestamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The YYYY-MM-DD date `days` after the local date of `timestamp`. */
export function addDays(date: string, days: number): string {
  const start = parseDate(date);
  return start === undefined ? date : formatDate(start + days * DAY_MS);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= days[month - 1]!;
}

/** Today's date (YYYY-MM-DD) at `now` in an IANA time zone; UTC when the zone is absent or unknown. */
export function todayIn(now: number, timeZone?: string): string {
  try {
    return dayFormat(timeZone ?? 'UTC').format(now);
  } catch {
    return formatDate(now);
  }
}

// Creating a DateTimeFormat costs far more than using one; rules ask for "today" once per record.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}
