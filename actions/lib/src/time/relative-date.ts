import { addDays, formatDate, parseDate, DAY_MS } from './dates.ts';

const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const UNIT_DAYS: Record<string, number> = {
  day: 1,
  days: 1,
  d: 1,
  week: 7,
  weeks: 7,
  w: 7,
  wk: 7,
  wks: 7,
  sprint: 14,
  sprints: 14,
};

/**
 * Reads a due date someone wrote relative to the incident ("2 weeks", "in 3 days", "next month",
 * "end of quarter") and returns the absolute date it stands for, counted from `from` (YYYY-MM-DD).
 * Undefined when the text names no computable date ("next release", "TBD").
 */
export function resolveRelativeDate(text: string, from: string): string | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:in|within|\+)\s*/, '');
  if (t.length > 40) return undefined;
  const amount = /^(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?([a-z]+)$/.exec(t);
  if (amount) {
    const n = /^\d/.test(amount[1]!) ? Number(amount[1]) : NUMBERS[amount[1]!]!;
    const unit = amount[2]!;
    if (UNIT_DAYS[unit]) return addDays(from, n * UNIT_DAYS[unit]);
    if (/^(?:months?|mo|mos)$/.test(unit)) return addMonths(from, n);
    return undefined;
  }
  switch (t) {
    case 'tomorrow':
      return addDays(from, 1);
    case 'next week':
      return addDays(from, 7);
    case 'next sprint':
      return addDays(from, 14);
    case 'next month':
      return addMonths(from, 1);
    case 'end of week':
    case 'eow':
      return endOfWeek(from);
    case 'end of month':
    case 'eom':
      return endOfMonth(from);
    case 'end of quarter':
    case 'eoq':
    case 'next quarter':
      return endOfQuarter(from);
    default:
      return undefined;
  }
}

function addMonths(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return formatDate(target.getTime());
}

function endOfMonth(from: string): string {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return formatDate(Date.UTC(y, m, 0));
}

function endOfQuarter(from: string): string {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return formatDate(Date.UTC(y, Math.ceil(m / 3) * 3, 0));
}

function endOfWeek(from: string): string {
  const start = parseDate(from)!;
  const weekday = new Date(start).getUTCDay(); // 0 Sunday
  const toFriday = (5 - weekday + 7) % 7;
  return formatDate(start + toFriday * DAY_MS);
}
