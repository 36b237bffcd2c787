import type { KindRecord } from '../model/types.ts';
import { docAt, recordName } from './helpers.ts';
import type { Rule } from './rule.ts';

interface Objective {
  target?: number;
  targetPercent?: number;
  timeSliceTarget?: number;
  timeSliceWindow?: string | number;
  indicatorRef?: string;
}
interface SloSpec {
  indicatorRef?: string;
  indicator?: unknown;
  budgetingMethod?: string;
  timeWindow?: unknown[];
  objectives?: Objective[];
}

/** OpenSLO durations: a number and a unit (s, m, h, d, w, M, Q, Y). */
const OPENSLO_DURATION = /^[1-9]\d{0,5}(?:s|m|h|d|w|M|Q|Y)$/;

export const sloValid: Rule = {
  id: 'slo-valid',
  description:
    'OpenSLO SLOs make sense: targets strictly between 0 and 1 (or 0 and 100 %), one time window, Timeslices settings present, indicator references resolve.',
  defaultLevel: 'error',
  check({ repo, catalog, report }) {
    for (const record of repo.documents) {
      if (!record.valid || record.apiVersion !== 'openslo/v1' || record.kind !== 'SLO') continue;
      const slo = record as KindRecord<SloSpec>;
      const spec = slo.spec;
      const name = recordName(record);
      const windows = spec.timeWindow ?? [];
      if (windows.length !== 1) {
        report({
          file: record.file,
          at: docAt(record, ['spec', 'timeWindow']),
          message: `${name} has ${windows.length} time windows; exactly one is needed to compute its error budget.`,
          hint: 'Keep one, e.g. timeWindow: [{ duration: 28d, isRolling: true }].',
        });
      } else {
        const duration = (windows[0] as { duration?: unknown }).duration;
        if (typeof duration === 'string' && !OPENSLO_DURATION.test(duration)) {
          report({
            file: record.file,
            at: docAt(record, ['spec', 'timeWindow', 0, 'duration']),
            message: `${name}: the time window "${duration}" is not a duration Firebreak can compute with.`,
            hint: 'Use a number and one unit: 28d, 30d, 4w, 1M, 1Q.',
          });
        }
      }
      const hasIndicator = spec.indicator !== undefined || spec.indicatorRef !== undefined;
      if (spec.indicatorRef !== undefined && !catalog.known.slis.has(spec.indicatorRef)) {
        report({
          file: record.file,
          at: docAt(record, ['spec', 'indicatorRef']),
          message: `${name} refers to the SLI "${spec.indicatorRef}", which is not defined.`,
          hint: 'Define an openslo/v1 SLI with that metadata.name, or write the indicator inline.',
        });
      }
      (spec.objectives ?? []).forEach((objective, i) => {
        const at = (field: string) => docAt(record, ['spec', 'objectives', i, field]);
        if (objective.target !== undefined && !(objective.target > 0 && objective.target < 1)) {
          report({
            file: record.file,
            at: at('target'),
            message: `${name}: objective ${i + 1} has target ${objective.target}; it must be above 0 and below 1.`,
            hint:
              objective.target >= 1 && objective.target < 100
                ? `For ${objective.target}% write target: ${Number((objective.target / 100).toPrecision(12))} (or targetPercent: ${objective.target}).`
                : 'A target of 1 leaves no error budget; 0.999 allows 43 minutes in 30 days.',
          });
        }
        if (objective.targetPercent !== undefined && !(objective.targetPercent > 0 && objective.targetPercent < 100)) {
          report({
            file: record.file,
            at: at('targetPercent'),
            message: `${name}: objective ${i + 1} has targetPercent ${objective.targetPercent}; it must be above 0 and below 100.`,
          });
        }
        if (objective.target === undefined && objective.targetPercent === undefined) {
          report({
            file: record.file,
            at: docAt(record, ['spec', 'objectives', i]),
            message: `${name}: objective ${i + 1} has neither target nor targetPercent.`,
            hint: 'Add target: 0.999 (or targetPercent: 99.9).',
          });
        }
        if (spec.budgetingMethod === 'Timeslices' || spec.budgetingMethod === 'RatioTimeslices') {
          if (objective.timeSliceWindow === undefined)
            report({
              file: record.file,
              at: docAt(record, ['spec', 'objectives', i]),
              message: `${name} budgets by ${spec.budgetingMethod} but objective ${i + 1} has no timeSliceWindow.`,
              hint: 'Add timeSliceWindow: 1m (how long one slice is).',
            });
          if (
            spec.budgetingMethod === 'Timeslices' &&
            !(
              typeof objective.timeSliceTarget === 'number' &&
              objective.timeSliceTarget > 0 &&
              objective.timeSliceTarget <= 1
            )
          ) {
            report({
              file: record.file,
              at:
                objective.timeSliceTarget === undefined
                  ? docAt(record, ['spec', 'objectives', i])
                  : at('timeSliceTarget'),
              message: `${name}: objective ${i + 1} needs a timeSliceTarget above 0 and at most 1 (the share of good events that makes a slice good).`,
              hint: 'Add timeSliceTarget: 0.95, for example.',
            });
          }
        }
        if (objective.indicatorRef !== undefined && !catalog.known.slis.has(objective.indicatorRef)) {
          report({
            file: record.file,
            at: at('indicatorRef'),
            message: `${name}: objective ${i + 1} refers to the SLI "${objective.indicatorRef}", which is not defined.`,
          });
        }
      });
      if (!hasIndicator && !(spec.objectives ?? []).some((o) => o.indicatorRef !== undefined)) {
        report({
          file: record.file,
          at: docAt(record, ['spec']),
          message: `${name} has no indicator.`,
          hint: 'Add spec.indicator (inline SLI) or spec.indicatorRef (the name of an SLI).',
        });
      }
    }
  },
};
