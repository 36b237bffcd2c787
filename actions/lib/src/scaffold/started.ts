// When impact started, as a person writes it while declaring: an ISO 8601 time with its offset,
// a local "YYYY-MM-DD HH:MM" read in the repository's time zone, or "now". The record keeps it as
// an ISO 8601 timestamp with seconds and an offset, the way the incident schema wants it.
import { parseTimestamp } from '../time/dates.ts';
import { localParts, zonedTime } from '../time/zoned.ts';

export type StartedResult = { ok: true; timestamp: string; ms: number } | { ok: false; message: string; hint: string };

const ISO = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(?::(\d{2}))?(?:\.\d{1,9})?[ ]?(Z|z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** "+01:00" for 60 minutes east of UTC. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant `ms` as clocks in `timeZone` show it, with the zone's offset then: 2026-11-21T09:30:00+01:00. */
export function zonedTimestamp(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const seconds = new Date(ms).getUTCSeconds();
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, seconds);
  const offset = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(seconds)}${formatOffset(offset)}`;
}

/**
 * Reads a start time. `timeZone` is the Config's (UTC when it has none); `now` is used for "now".
 * The offset written stays as written, since the file is named for the date in that offset.
 */
export function parseStarted(text: string, timeZone: string, now: number): StartedResult {
  const value = text.trim();
  const example = `2026-11-21 09:30 (in ${timeZone}), 2026-11-21T09:30:00+01:00, or now`;
  if (value === '')
    return {
      ok: false,
      message: 'The start time is empty.',
      hint: `Give the moment customer impact began, e.g. ${example}.`,
    };
  if (value.length > 40)
    return { ok: false, message: 'The start time is not a date and time.', hint: `Write it as ${example}.` };
  if (value.toLowerCase() === 'now') {
    const minute = Math.floor(now / 60_000) * 60_000;
    try {
      return { ok: true, timestamp: zonedTimestamp(minute, timeZone), ms: minute };
    } catch (error) {
      return badZone(timeZone, error);
    }
  }
  const iso = ISO.exec(value);
  if (iso) {
    const offset = iso[4]!.toUpperCase() === 'Z' ? 'Z' : iso[4]!.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const timestamp = `${iso[1]}T${iso[2]}:${iso[3] ?? '00'}${offset}`;
    const ms = parseTimestamp(timestamp);
    if (ms !== undefined && /^(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.test(offset)) return { ok: true, timestamp, ms };
    return {
      ok: false,
      message: `The start time "${value}" is not a real date and time.`,
      hint: `Check the day, the hour and the offset; e.g. ${example}.`,
    };
  }
  const local = LOCAL.exec(value);
  if (local) {
    let ms: number;
    try {
      ms = zonedTime(local[1]!, local[2]!, timeZone);
    } catch (error) {
      if (error instanceof RangeError)
        return {
          ok: false,
          message: `The start time "${value}" is not a real date and time.`,
          hint: `Check the day and the hour; e.g. ${example}.`,
        };
      return badZone(timeZone, error);
    }
    return { ok: true, timestamp: zonedTimestamp(ms, timeZone), ms };
  }
  return {
    ok: false,
    message: `The start time "${value}" is not a date and time Firebreak can read.`,
    hint: `Write it as ${example}.`,
  };
}

function badZone(timeZone: string, error: unknown): StartedResult {
  return {
    ok: false,
    message: `The start time cannot be read in the time zone "${timeZone}" of the Config policy: ${(error as Error)?.message ?? String(error)}`,
    hint: 'Fix spec.timezone in the Config policy, or give the time with its offset, e.g. 2026-11-21T09:30:00+01:00.',
  };
}
