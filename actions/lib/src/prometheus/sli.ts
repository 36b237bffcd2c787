// The error ratio of an OpenSLO indicator over a window, as a PromQL expression: the value of
// Sloth's `slo:sli_error:ratio_rate<window>` recording rules. How each kind of indicator and
// budgeting method becomes PromQL is explained in docs/prometheus.md.
import type { KindRecord } from '../model/types.ts';
import {
  atWindow,
  hasRange,
  hasRangeSelectors,
  parseQuery,
  PromqlError,
  rateOfCounters,
  withRanges,
  type Query,
} from './promql.ts';
import { formatNumber, openSloSeconds, promDuration } from './windows.ts';

export interface MetricSource {
  metricSourceRef?: string;
  type?: string;
  spec?: Record<string, unknown>;
}
export interface Metric {
  metricSource?: MetricSource;
}
export interface RatioMetric {
  counter?: boolean;
  good?: Metric;
  bad?: Metric;
  total?: Metric;
  raw?: Metric;
  rawType?: 'success' | 'failure';
}
export interface SliSpec {
  description?: string;
  thresholdMetric?: Metric;
  ratioMetric?: RatioMetric;
}
export type Operator = 'lt' | 'lte' | 'gt' | 'gte';
export interface Objective {
  displayName?: string;
  op?: Operator;
  value?: number;
  target?: number;
  targetPercent?: number;
  timeSliceTarget?: number;
  timeSliceWindow?: string | number;
  indicator?: unknown;
  indicatorRef?: string;
}
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

/** Why an SLO gets no rules; thrown inside the generator and reported in `skipped`. */
export class Skip extends Error {}

export const PROMQL_OPERATOR: Record<Operator, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };
const NEGATED: Record<Operator, string> = { lt: '>=', lte: '>', gt: '<=', gte: '<' };

/** The PromQL query of one metric of an indicator, checked to read from Prometheus. */
function prometheusQuery(
  metric: Metric | undefined,
  role: string,
  dataSources: ReadonlyMap<string, KindRecord>,
): Query {
  const source = metric?.metricSource;
  if (!source) throw new Skip(`its ${role} metric has no metricSource`);
  const ref = source.metricSourceRef;
  const referenced = ref === undefined ? undefined : dataSources.get(ref);
  if (ref !== undefined && !referenced && source.type === undefined)
    throw new Skip(`its ${role} metric's metricSourceRef "${ref}" names no valid DataSource`);
  const type = source.type ?? (referenced?.spec as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string' || type.toLowerCase() !== 'prometheus')
    throw new Skip(
      `its ${role} metric reads from ${typeof type === 'string' ? type : 'an unknown data source'}, not Prometheus`,
    );
  const query = source.spec?.query;
  if (typeof query !== 'string' || query.trim() === '') throw new Skip(`its ${role} metric has no spec.query`);
  try {
    return parseQuery(query);
  } catch (error) {
    if (error instanceof PromqlError) throw new Skip(`its ${role} query is not valid PromQL: ${error.message}`);
    throw error;
  }
}

const indent = (text: string, by = 2) => text.replace(/^/gm, ' '.repeat(by));
const DEFAULT_SAMPLE_RANGE = 5 * 60;

/**
 * `events / total` over a window, where an absent `events` series counts as zero events (a total
 * outage has no success series at all; a clean service often has no 5xx series) and an absent or
 * zero total gives no value (no traffic: neither good nor bad).
 */
const ratio = (events: string, total: string) =>
  `(\n  (\n${indent(events, 4)}\n  )\n  or\n  0 * (\n${indent(total, 4)}\n  )\n)\n/\n((\n${indent(total)}\n) > 0)`;

/** The record names of the series the windows of a sliced or sampled SLI are averaged from. */
export const sliceRecord = (seconds: number) => `slo:sli_error:ratio_slice${promDuration(seconds)}`;
export const SAMPLE_RECORD = 'slo:sli_error:ratio_sample';

export interface ErrorRatio {
  /** The error ratio over the last `seconds` as one self-contained PromQL query (for measuring once); equal to what the rules record. */
  expr(seconds: number): string;
  /**
   * The series the windows are averaged from, when there is one: each slice's error (0 or 1 for
   * Timeslices, the slice's error ratio for RatioTimeslices), or each evaluation's for a threshold
   * or raw SLI budgeted by Occurrences. `interval` is the slice length, which its rule group is
   * evaluated at.
   */
  base?: { record: string; expr: string; interval?: number };
  /** The error ratio over `seconds` as the recording rules compute it; `selector` picks the SLO's base series. */
  window(seconds: number, selector: string): string;
  /** One line for people: how the ratio is computed. */
  explanation: string;
}

/**
 * How to compute the error ratio of `sli` judged by `objective` with `method`, or a Skip saying why
 * it cannot be done in PromQL.
 */
export function errorRatio(
  sli: SliSpec,
  objective: Objective,
  method: BudgetingMethod,
  dataSources: ReadonlyMap<string, KindRecord>,
): ErrorRatio {
  let slice: number | undefined;
  if (method !== 'Occurrences') {
    slice = openSloSeconds(objective.timeSliceWindow);
    if (slice === undefined) throw new Skip(`${method} needs the objective's timeSliceWindow`);
  }
  const sliceTarget = objective.timeSliceTarget;
  if (method === 'Timeslices' && !(typeof sliceTarget === 'number' && sliceTarget > 0 && sliceTarget <= 1))
    throw new Skip("Timeslices needs the objective's timeSliceTarget, above 0 and at most 1");
  /** A query read over `seconds`: its {{.window}} placeholders, or else its range selectors, read that window. */
  // Whether a query's own range selectors were set to the window (said in the file header).
  let rewritten = false;
  const over = (query: Query, seconds: number) => {
    if (query.templated) return atWindow(query, promDuration(seconds));
    if (!hasRangeSelectors(query.text)) return undefined;
    rewritten = true;
    return withRanges(query.text, promDuration(seconds));
  };

  // Per evaluation (threshold and raw SLIs): the good share of one data point, 0 to 1, absent when
  // the query has no value or NaN (no traffic). Per window (ratio SLIs): the good and error shares.
  let point: { good: string; error: string } | undefined;
  let shares: { good: (s: number) => string; error: (s: number) => string } | undefined;
  let what: string;

  if (sli.thresholdMetric) {
    const query = prometheusQuery(sli.thresholdMetric, 'threshold', dataSources);
    const { op, value } = objective;
    if (!op || !(op in PROMQL_OPERATOR) || typeof value !== 'number')
      throw new Skip('its threshold SLI needs op and value in the objective');
    // A slice reads exactly the slice; an Occurrences sample reads the query as written ({{.window}} as 5m).
    const text =
      slice !== undefined ? (over(query, slice) ?? query.text) : atWindow(query, promDuration(DEFAULT_SAMPLE_RANGE));
    const valid = `(\n${indent(text)}\n) >= -Inf`;
    point = {
      good: `(${valid}) ${PROMQL_OPERATOR[op]} bool ${formatNumber(value)}`,
      error: `(${valid}) ${NEGATED[op]} bool ${formatNumber(value)}`,
    };
    what = `the threshold query is ${PROMQL_OPERATOR[op]} ${formatNumber(value)}`;
  } else if (sli.ratioMetric) {
    const metric = sli.ratioMetric;
    if (metric.raw) {
      const query = prometheusQuery(metric.raw, 'raw', dataSources);
      if (metric.rawType !== 'success' && metric.rawType !== 'failure')
        throw new Skip('its raw ratio needs rawType success or failure');
      const text =
        slice !== undefined ? (over(query, slice) ?? query.text) : atWindow(query, promDuration(DEFAULT_SAMPLE_RANGE));
      const valid = `(\n${indent(text)}\n) >= -Inf`;
      point =
        metric.rawType === 'success' ? { good: valid, error: `1 - ${valid}` } : { good: `1 - ${valid}`, error: valid };
      what = `the raw ${metric.rawType} ratio`;
    } else {
      const role = metric.good ? 'good' : 'bad';
      if (!metric.total || (!metric.good && !metric.bad)) throw new Skip('its ratio SLI needs total and good or bad');
      const numerator = prometheusQuery(metric.good ?? metric.bad, role, dataSources);
      const total = prometheusQuery(metric.total, 'total', dataSources);
      if (
        metric.counter === true &&
        !numerator.templated &&
        !total.templated &&
        hasRange(numerator.text) !== hasRange(total.text)
      ) {
        throw new Skip(
          `counter: true, but only its ${hasRange(numerator.text) ? role : 'total'} query applies a range (rate() or a subquery): write both over raw counters, or both as rates`,
        );
      }
      // Events over a window: {{.window}} or the query's own ranges set to the window; raw counters
      // rated over it; anything else summed over it at the evaluation interval.
      const events = (query: Query, s: number) =>
        over(query, s) ??
        (metric.counter === true && !hasRange(query.text)
          ? rateOfCounters(query.text, promDuration(s))
          : `sum_over_time((${query.text})[${promDuration(s)}:])`);
      const share = (s: number) => ratio(events(numerator, s), events(total, s));
      const complement = (s: number) => `1 - (\n${indent(share(s))}\n)`;
      shares = role === 'good' ? { good: share, error: complement } : { good: complement, error: share };
      what = role === 'good' ? 'good / total' : '1 − bad / total';
    }
  } else {
    throw new Skip('its SLI has neither thresholdMetric nor ratioMetric');
  }

  const average = (record: string, range: number) => (s: number, selector: string) =>
    `avg_over_time(${record}${selector}[${promDuration(Math.max(s, range))}])`;
  if (slice === undefined) {
    if (shares) {
      shares.error(300); // Builds one window once, to learn whether the queries' ranges are rewritten.
      return {
        expr: shares.error,
        window: shares.error,
        explanation: `${what === 'good / total' ? '1 − good / total' : 'bad / total'} over the window${rewritten ? " (the queries' range selectors read the window)" : ''}, an absent good or bad series counting as none`,
      };
    }
    const sample = point!.error;
    return {
      expr: (s) => `avg_over_time((\n${indent(sample)}\n)[${promDuration(s)}:])`,
      base: { record: SAMPLE_RECORD, expr: sample },
      window: average(SAMPLE_RECORD, 0),
      explanation: sli.thresholdMetric
        ? `the share of rule evaluations at which the threshold query is ${NEGATED[objective.op!]} ${formatNumber(objective.value!)} (no value or NaN: not counted)`
        : `the average of ${what === 'the raw success ratio' ? '1 − the raw success ratio' : what} over the rule evaluations`,
    };
  }
  // One slice: its good share (of the slice's events for a ratio SLI; the data point at the slice's
  // end, over exactly the slice, otherwise), then its error: bad or not (Timeslices), or 1 − share.
  const good = shares ? shares.good(slice) : point!.good;
  const ranges = rewritten ? `; the queries' range selectors read the ${promDuration(slice)} slice` : '';
  const sliceError =
    method === 'Timeslices'
      ? `(\n${indent(good)}\n) < bool ${formatNumber(sliceTarget!)}`
      : shares
        ? shares.error(slice)
        : point!.error;
  const record = sliceRecord(slice);
  const length = promDuration(slice);
  return {
    expr: (s) => `avg_over_time((\n${indent(sliceError)}\n)[${promDuration(Math.max(s, slice))}:${length}])`,
    base: { record, expr: sliceError, interval: slice },
    window: average(record, slice),
    explanation:
      method === 'Timeslices'
        ? `the share of bad ${length} slices: a slice is bad when ${
            sli.thresholdMetric
              ? `the threshold query over the slice is ${NEGATED[objective.op!]} ${formatNumber(objective.value!)}`
              : `${what === 'the raw failure ratio' ? '1 − the raw failure ratio' : what} over the slice is below ${formatNumber(sliceTarget!)}`
          }${ranges}`
        : `1 − the average over ${length} slices of ${sli.thresholdMetric ? `whether ${what}` : what}${ranges}`,
  };
}
