// Alerting rules for an SLO: the SRE Workbook's multiwindow, multi-burn-rate page and ticket alerts
// by default, or, when the SLO lists OpenSLO alert policies, one alert per policy and its burnrate
// condition. The mapping is documented in docs/prometheus.md.
import type { KindRecord } from '../model/types.ts';
import { PROMQL_OPERATOR, Skip, type Operator } from './sli.ts';
import {
  BURN_WINDOWS,
  burnRateFactor,
  durationWords,
  formatFactor,
  formatNumber,
  openSloSeconds,
  promDuration,
  templateText,
  type BurnWindow,
} from './windows.ts';

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** What the alerts of one SLO objective need to know. */
export interface AlertContext {
  /** Start of every alert name, e.g. PaymentsGatewayAvailability. */
  alertPrefix: string;
  /** `{sloth_id="…", sloth_service="…", sloth_slo="…"}` */
  selector: string;
  /** 1 − objective. */
  budget: number;
  /** The SLO window, in seconds. */
  sloSeconds: number;
  /** "Payments gateway availability (99.9% over 30 days)", for annotations, already safe in a template. */
  title: string;
  /** Labels every alert of the SLO carries besides severity (the SLO's metadata.labels). */
  labels: Record<string, string>;
}

/** An OpenSLO AlertPolicy with its one burnrate condition, resolved. */
export interface ResolvedPolicy {
  name: string;
  displayName?: string;
  description?: string;
  breaching: boolean;
  noData: boolean;
  condition: {
    name: string;
    description?: string;
    severity: string;
    op: Operator;
    threshold: number;
    lookback: number;
    alertAfter: number;
  };
  targets: string[];
}

interface Named {
  metadata?: { name?: string; displayName?: string };
  spec?: Record<string, unknown>;
}
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

function byName(documents: readonly KindRecord[], kind: string): Map<string, KindRecord> {
  const map = new Map<string, KindRecord>();
  for (const d of documents)
    if (d.valid && d.apiVersion === 'openslo/v1' && d.kind === kind && !map.has(d.metadata.name))
      map.set(d.metadata.name, d);
  return map;
}

/** The SLO's alert policies (`spec.alertPolicies`: names, `{ alertPolicyRef }` or inline), resolved against the repository's documents. */
export function resolvePolicies(alertPolicies: unknown, documents: readonly KindRecord[]): ResolvedPolicy[] {
  if (!Array.isArray(alertPolicies)) return [];
  const policies = byName(documents, 'AlertPolicy');
  const conditions = byName(documents, 'AlertCondition');
  return alertPolicies.map((entry): ResolvedPolicy => {
    const ref = typeof entry === 'string' ? entry : field(entry, 'alertPolicyRef');
    const policy: Named | undefined = typeof ref === 'string' ? policies.get(ref) : (entry as Named);
    if (!policy) throw new Skip(`its alert policy "${String(ref)}" names no valid AlertPolicy`);
    const name = policy.metadata?.name ?? '(unnamed)';
    const spec = policy.spec ?? {};
    const conditionEntries = Array.isArray(spec.conditions) ? spec.conditions : [];
    if (conditionEntries.length !== 1)
      throw new Skip(
        `its alert policy "${name}" has ${conditionEntries.length} conditions; OpenSLO v1 allows exactly one`,
      );
    const conditionRef = field(conditionEntries[0], 'conditionRef');
    const condition: Named | undefined =
      typeof conditionRef === 'string' ? conditions.get(conditionRef) : (conditionEntries[0] as Named);
    if (!condition)
      throw new Skip(
        `its alert policy "${name}" refers to AlertCondition "${String(conditionRef)}", which is not a valid AlertCondition`,
      );
    const conditionName = condition.metadata?.name ?? '(unnamed)';
    const burn = field(condition.spec, 'condition') as
      { kind?: string; op?: Operator; threshold?: number; lookbackWindow?: string; alertAfter?: string } | undefined;
    const lookback = openSloSeconds(burn?.lookbackWindow);
    const alertAfter =
      burn?.alertAfter === undefined || /^0[mhdwMQY]?$/.test(String(burn.alertAfter))
        ? 0
        : openSloSeconds(burn.alertAfter);
    if (
      !burn ||
      (burn.kind ?? 'burnrate') !== 'burnrate' ||
      !burn.op ||
      !(burn.op in PROMQL_OPERATOR) ||
      typeof burn.threshold !== 'number' ||
      lookback === undefined ||
      alertAfter === undefined
    ) {
      throw new Skip(
        `its AlertCondition "${conditionName}" is not a burnrate condition with op, threshold and lookbackWindow`,
      );
    }
    const severity = field(condition.spec, 'severity');
    const targets = (Array.isArray(spec.notificationTargets) ? spec.notificationTargets : [])
      .map((t) => field(t, 'targetRef') ?? field(field(t, 'metadata'), 'name'))
      .filter((t): t is string => typeof t === 'string');
    return {
      name,
      displayName: policy.metadata?.displayName,
      description: typeof spec.description === 'string' ? spec.description : undefined,
      breaching: spec.alertWhenBreaching !== false,
      noData: spec.alertWhenNoData === true,
      condition: {
        name: conditionName,
        description:
          typeof field(condition.spec, 'description') === 'string'
            ? (field(condition.spec, 'description') as string)
            : undefined,
        severity: typeof severity === 'string' ? severity : 'page',
        op: burn.op,
        threshold: burn.threshold,
        lookback,
        alertAfter,
      },
      targets,
    };
  });
}

/** `PaymentsGatewayAvailability` from `payments-gateway-availability`; always a valid alert name. */
export function pascalCase(name: string): string {
  const words = name.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[a-zA-Z]/.test(joined) ? joined : `SLO${joined}`;
}

export const errorRatioSeries = (seconds: number, selector: string) =>
  `slo:sli_error:ratio_rate${promDuration(seconds)}${selector}`;

/** `max(<error ratio over w> > (factor * budget)) without (sloth_window)`, as Sloth writes each window of an alert. */
function overBudget(ctx: AlertContext, seconds: number, operator: string, factor: number): string {
  return `max(${errorRatioSeries(seconds, ctx.selector)} ${operator} (${formatNumber(factor)} * ${formatNumber(ctx.budget)})) without (sloth_window)`;
}

const SUMMARY = '{{ $labels.sloth_service }} {{ $labels.sloth_slo }}: the error budget is burning too fast';

/** The default page and ticket alerts: each fires when both windows of one of its pairs burn faster than the pair's factor. */
export function defaultAlerts(ctx: AlertContext): AlertingRule[] {
  return (['page', 'ticket'] as const).map((severity) => {
    const pairs = BURN_WINDOWS.filter((w) => w.severity === severity);
    const expr = pairs
      .map((w) => {
        const factor = burnRateFactor(w.budgetShare, ctx.sloSeconds, w.long);
        return `(\n    ${overBudget(ctx, w.long, '>', factor)}\n    and\n    ${overBudget(ctx, w.short, '>', factor)}\n)`;
      })
      .join('\nor\n');
    // As the SRE Workbook words it: a burn rate of 14.4 spends 2% of the budget in 1 hour.
    const explain = (w: BurnWindow) => {
      const factor = burnRateFactor(w.budgetShare, ctx.sloSeconds, w.long);
      const rate =
        factor === 1
          ? 'faster than the sustainable rate'
          : `more than ${formatFactor(factor)} times the sustainable rate`;
      return `${rate} over both ${promDuration(w.long)} and ${promDuration(w.short)} (${formatNumber(w.budgetShare * 100)}% of the budget in ${durationWords(w.long)})`;
    };
    return {
      alert: `${ctx.alertPrefix}BurnRate${severity === 'page' ? 'Page' : 'Ticket'}`,
      expr,
      labels: sorted({ ...ctx.labels, severity, sloth_severity: severity }),
      annotations: {
        summary: `${SUMMARY} (${severity})`,
        description: `${ctx.title}: the error budget is burning ${pairs.map(explain).join(', or ')}. Error ratio over the long window: {{ $value | humanizePercentage }}.`,
      },
    };
  });
}

/** One alert per alert policy (and a NoData alert when the policy asks for one), in place of the defaults. */
export function policyAlerts(ctx: AlertContext, policies: ResolvedPolicy[]): AlertingRule[] {
  const rules: AlertingRule[] = [];
  for (const policy of policies) {
    const { condition } = policy;
    const name = pascalCase(policy.name);
    const labels = sorted({
      ...ctx.labels,
      severity: templateText(condition.severity),
      sloth_severity: templateText(condition.severity),
      openslo_alert_policy: templateText(policy.name),
      openslo_alert_condition: templateText(condition.name),
    });
    const timing = condition.alertAfter > 0 ? { for: promDuration(condition.alertAfter) } : {};
    const what = `burn rate ${PROMQL_OPERATOR[condition.op]} ${formatFactor(condition.threshold)} over ${promDuration(condition.lookback)}${condition.alertAfter > 0 ? ` for ${promDuration(condition.alertAfter)}` : ''}`;
    const annotations = (summary: string, description: string) =>
      sorted({
        summary,
        description,
        ...(policy.targets.length ? { notification_targets: templateText(policy.targets.join(', ')) } : {}),
      });
    const about = [policy.description, condition.description].filter(Boolean).join(' ');
    if (policy.breaching) {
      rules.push({
        alert: name,
        expr: overBudget(ctx, condition.lookback, PROMQL_OPERATOR[condition.op], condition.threshold),
        ...timing,
        labels,
        annotations: annotations(
          `{{ $labels.sloth_service }} {{ $labels.sloth_slo }}: ${templateText(policy.displayName ?? policy.name)}`,
          `${ctx.title}: ${what} (alert policy ${templateText(policy.name)}, condition ${templateText(condition.name)}).${about ? ` ${templateText(about)}` : ''} Error ratio: {{ $value | humanizePercentage }}.`,
        ),
      });
    }
    if (policy.noData) {
      rules.push({
        alert: `${name}NoData`,
        expr: `absent(${errorRatioSeries(condition.lookback, ctx.selector)})`,
        ...timing,
        labels,
        annotations: annotations(
          '{{ $labels.sloth_service }} {{ $labels.sloth_slo }}: no SLI data',
          `${ctx.title}: no error ratio over ${promDuration(condition.lookback)}, so alert policy ${templateText(policy.name)} cannot tell whether the error budget is burning.`,
        ),
      });
    }
  }
  return rules;
}

/** A copy with keys in alphabetical order, for stable output. */
export function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
