// Durations and burn-rate windows for the Prometheus rules. OpenSLO durations (`5m`, `28d`, `1M`)
// become seconds; seconds become Prometheus durations the way Prometheus (and so Sloth) prints
// them: weeks and years only when exact, so 28d is `4w` and 30d stays `30d`.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * Seconds per OpenSLO unit. A month counts as 30 days, a quarter as 91 and a year as 365, as in
 * the reliability report's rolling windows: a calendar window is treated by its length.
 */
const OPENSLO_UNIT: Record<string, number> = {
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: 7 * DAY,
  M: 30 * DAY,
  Q: 91 * DAY,
  Y: 365 * DAY,
};

/** Seconds in an OpenSLO duration (`28d`, `1M`); a bare number is minutes (as timeSliceWindow allows). Undefined when it is not one. */
export function openSloSeconds(duration: unknown): number | undefined {
  if (typeof duration === 'number') return Number.isInteger(duration) && duration > 0 ? duration * MINUTE : undefined;
  const match = typeof duration === 'string' ? /^([1-9]\d{0,8})([mhdwMQY])$/.exec(duration) : null;
  return match ? Number(match[1]) * OPENSLO_UNIT[match[2]!]! : undefined;
}

/** A whole number of seconds as Prometheus prints a duration: `5m`, `1h30m`, `4w`, `30d`, `1y`. */
export function promDuration(seconds: number): string {
  let rest = seconds;
  let out = '';
  const units: [string, number, boolean][] = [
    ['y', 365 * DAY, true],
    ['w', 7 * DAY, true],
    ['d', DAY, false],
    ['h', HOUR, false],
    ['m', MINUTE, false],
    ['s', 1, false],
  ];
  for (const [unit, size, exactOnly] of units) {
    if (exactOnly && rest % size !== 0) continue;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out || '0s';
}

/** The SLI windows Sloth records, shortest first: the short and long windows of the default alerts. */
export const SLI_WINDOWS = [5 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, DAY, 3 * DAY];

export type Severity = 'page' | 'ticket';

/** One pair of a multiwindow alert: the burn rate that spends `budgetShare` of the budget in `long`, checked over `long` and `short`. */
export interface BurnWindow {
  severity: Severity;
  long: number;
  short: number;
  budgetShare: number;
}

/** The Google SRE Workbook's multiwindow, multi-burn-rate alerts (chapter 5, table 5-8), as Sloth generates them. */
export const BURN_WINDOWS: BurnWindow[] = [
  { severity: 'page', long: HOUR, short: 5 * MINUTE, budgetShare: 0.02 },
  { severity: 'page', long: 6 * HOUR, short: 30 * MINUTE, budgetShare: 0.05 },
  { severity: 'ticket', long: DAY, short: 2 * HOUR, budgetShare: 0.1 },
  { severity: 'ticket', long: 3 * DAY, short: 6 * HOUR, budgetShare: 0.1 },
];

/**
 * The burn rate at which `budgetShare` of the error budget of an SLO window of `sloSeconds` is spent
 * in `longSeconds`: share × SLO window / long window (14.4 for 2% in 1h of 30d, 13.44 of 28d).
 */
export function burnRateFactor(budgetShare: number, sloSeconds: number, longSeconds: number): number {
  return clean((budgetShare * sloSeconds) / longSeconds);
}

/** A number rounded to 15 significant digits, so 1 − 0.999 is 0.001 and 0.1 × 28 / 3 prints as 0.933333333333333. */
export function clean(value: number): number {
  return Number(value.toPrecision(15));
}

/** A number as PromQL and YAML get it: 15 significant digits at most. */
export function formatNumber(value: number): string {
  return String(clean(value));
}

export const DAY_SECONDS = DAY;

/** A burn-rate factor as the SRE Workbook prints it: at most two decimals (14.4, 13.44, 0.93, 1). */
export function formatFactor(value: number): string {
  return String(Number(value.toFixed(2)));
}

const UNIT_NAMES: [number, string][] = [
  [365 * DAY, 'year'],
  [7 * DAY, 'week'],
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
];

/** Seconds in words, in the largest unit that divides them: `1 hour`, `6 hours`, `3 days`, `4 weeks`. */
export function durationWords(seconds: number): string {
  const [size, unit] = UNIT_NAMES.find(([size]) => seconds % size === 0 && seconds >= size) ?? [1, 'second'];
  const count = seconds / size;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const CALENDAR_UNITS: Record<string, string> = { d: 'day', w: 'week', M: 'month', Q: 'quarter', Y: 'year' };
const ROLLING_UNITS: Record<string, string> = {
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
};

/** An SLO window for people: `30 days`, `4 weeks`, `1 calendar month`, as written in the SLO. */
export function windowWords(duration: unknown, calendar: boolean): string {
  const match = typeof duration === 'string' ? /^([1-9]\d*)([mhdwMQY])$/.exec(duration) : null;
  if (!match) return String(duration);
  const count = Number(match[1]);
  const unit = calendar ? CALENDAR_UNITS[match[2]!] : ROLLING_UNITS[match[2]!];
  if (!unit) return String(duration);
  return `${count} ${calendar ? 'calendar ' : ''}${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Text from an SLO made safe inside a Prometheus alert template (annotations and labels are Go
 * templates): every `{{` becomes an action that prints `{{`, so a displayName such as
 * "Checkout {{beta}}" reads as written instead of breaking the rule file.
 */
export function templateText(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}
