// The error ratio of an OpenSLO indicator over a window, as a PromQL expression: the value of
// Sloth's `slo:sli_error:ratio_rate<window>` recording rules. How each kind of indicator and
// budgeting method becomes PromQL is explained in docs/prometheus.md.
import type { KindRecord } from '../model/types.ts';
import { hasRange, normalizeQuery, PromqlError, rateOfCounters } from './promql.ts';
import { formatNumber, openSloSeconds, promDuration } from './windows.ts';

export interface MetricSource { metricSourceRef?: string; type?: string; spec?: Record<string, unknown> }
export interface Metric { metricSource?: MetricSource }
export interface RatioMetric { counter?: boolean; good?: Metric; bad?: Metric; total?: Metric; raw?: Metric; rawType?: 'success' | 'failure' }
export interface SliSpec { description?: string; thresholdMetric?: Metric; ratioMetric?: RatioMetric }
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
function prometheusQuery(metric: Metric | undefined, role: string, dataSources: ReadonlyMap<string, KindRecord>): string {
  const source = metric?.metricSource;
  if (!source) throw new Skip(`its ${role} metric has no metricSource`);
  const ref = source.metricSourceRef;
  const referenced = ref === undefined ? undefined : dataSources.get(ref);
  if (ref !== undefined && !referenced && source.type === undefined) throw new Skip(`its ${role} metric's metricSourceRef "${ref}" names no valid DataSource`);
  const type = source.type ?? (referenced?.spec as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'string' || type.toLowerCase() !== 'prometheus') throw new Skip(`its ${role} metric reads from ${typeof type === 'string' ? type : 'an unknown data source'}, not Prometheus`);
  const query = source.spec?.query;
  if (typeof query !== 'string' || query.trim() === '') throw new Skip(`its ${role} metric has no spec.query`);
  try {
    return normalizeQuery(query);
  } catch (error) {
    if (error instanceof PromqlError) throw new Skip(`its ${role} query is not valid PromQL: ${error.message}`);
    throw error;
  }
}

const indent = (text: string, by = 2) => text.replace(/^/gm, ' '.repeat(by));
/** `(first)\n/\n((second) > 0)`: a ratio with no value (rather than NaN) when the denominator is 0. */
const ratio = (numerator: string, denominator: string) => `(${numerator})\n/\n((${denominator}) > 0)`;

export interface ErrorRatio {
  /** The error ratio over the last `seconds`, as PromQL. */
  expr(seconds: number): string;
  /** One line for people: how the ratio is computed. */
  explanation: string;
}

/**
 * How to compute the error ratio of `sli` judged by `objective` with `method`, or a Skip saying why
 * it cannot be done in PromQL.
 */
export function errorRatio(sli: SliSpec, objective: Objective, method: BudgetingMethod, dataSources: ReadonlyMap<string, KindRecord>): ErrorRatio {
  let sliceWindow: number | undefined;
  if (method !== 'Occurrences') {
    sliceWindow = openSloSeconds(objective.timeSliceWindow);
    if (sliceWindow === undefined) throw new Skip(`${method} needs the objective's timeSliceWindow`);
  }
  // What share of a slice of `seconds` was good, and the Occurrences error ratio over a window.
  let goodShare: (seconds: number) => string;
  let occurrences: (seconds: number) => string;
  // For people: what goodShare measures, and what the Occurrences error ratio is.
  let goodText: string;
  let errorText: string;

  if (sli.thresholdMetric) {
    const query = prometheusQuery(sli.thresholdMetric, 'threshold', dataSources);
    const { op, value } = objective;
    if (!op || !(op in PROMQL_OPERATOR) || typeof value !== 'number') throw new Skip('its threshold SLI needs op and value in the objective');
    const compare = (operator: string, s: number) => `avg_over_time((\n${indent(query)}\n  ${operator} bool ${formatNumber(value)}\n)[${promDuration(s)}:])`;
    goodShare = (s) => compare(PROMQL_OPERATOR[op], s);
    occurrences = (s) => compare(NEGATED[op], s);
    goodText = `the share of the threshold query's samples ${PROMQL_OPERATOR[op]} ${formatNumber(value)}`;
    errorText = `the share of the threshold query's samples (one per evaluation interval) that are ${NEGATED[op]} ${formatNumber(value)}`;
  } else if (sli.ratioMetric) {
    const metric = sli.ratioMetric;
    if (metric.raw) {
      const query = prometheusQuery(metric.raw, 'raw', dataSources);
      if (metric.rawType !== 'success' && metric.rawType !== 'failure') throw new Skip('its raw ratio needs rawType success or failure');
      const average = (s: number) => `avg_over_time((\n${indent(query)}\n)[${promDuration(s)}:])`;
      goodShare = metric.rawType === 'success' ? average : (s) => `1 - ${average(s)}`;
      occurrences = metric.rawType === 'failure' ? average : (s) => `1 - ${average(s)}`;
      goodText = metric.rawType === 'success' ? 'the average of the raw success ratio' : '1 − the average of the raw failure ratio';
      errorText = metric.rawType === 'failure' ? 'the average of the raw failure ratio' : '1 − the average of the raw success ratio';
    } else {
      const role = metric.good ? 'good' : 'bad';
      if (!metric.total || (!metric.good && !metric.bad)) throw new Skip('its ratio SLI needs total and good or bad');
      const numerator = prometheusQuery(metric.good ?? metric.bad, role, dataSources);
      const total = prometheusQuery(metric.total, 'total', dataSources);
      // Raw counters get rate() over the window; anything else (gauges, or queries that already
      // apply rate() over a range of their own) is summed over the window at the evaluation interval.
      if (metric.counter === true && hasRange(numerator) !== hasRange(total)) {
        throw new Skip(`counter: true, but only its ${hasRange(numerator) ? role : 'total'} query applies a range (rate() or a subquery): write both over raw counters, or both as rates`);
      }
      const counters = metric.counter === true && !hasRange(numerator);
      const events = (query: string, s: number) => (counters ? rateOfCounters(query, promDuration(s)) : `sum_over_time((${query})[${promDuration(s)}:])`);
      const share = (s: number) => ratio(events(numerator, s), events(total, s));
      const complement = (s: number) => `1 - (\n${indent(share(s))}\n)`;
      goodShare = role === 'good' ? share : complement;
      occurrences = role === 'bad' ? share : complement;
      const how = counters ? 'the rate() of the counters over the window' : 'the queries summed over the window at the evaluation interval';
      goodText = `${role === 'good' ? 'good / total' : '1 − bad / total'} (${how})`;
      errorText = `${role === 'bad' ? 'bad / total' : '1 − good / total'}, from ${how}`;
    }
  } else {
    throw new Skip('its SLI has neither thresholdMetric nor ratioMetric');
  }

  if (method === 'Occurrences') return { expr: occurrences, explanation: errorText };
  const slice = sliceWindow!;
  const slices = (s: number, inner: string) => `(\n${indent(inner)}\n)[${promDuration(Math.max(s, slice))}:${promDuration(slice)}]`;
  if (method === 'Timeslices') {
    const target = objective.timeSliceTarget;
    if (typeof target !== 'number') throw new Skip('Timeslices needs the objective\'s timeSliceTarget');
    return {
      expr: (s) => `avg_over_time(${slices(s, `(\n${indent(goodShare(slice))}\n) < bool ${formatNumber(target)}`)})`,
      explanation: `the share of bad ${promDuration(slice)} slices: slices where ${goodText} is below ${formatNumber(target)}`,
    };
  }
  return {
    expr: (s) => `1 - avg_over_time(${slices(s, goodShare(slice))})`,
    explanation: `1 − the average over ${promDuration(slice)} slices of ${goodText}`,
  };
}
