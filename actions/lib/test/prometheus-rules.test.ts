// Prometheus rules generated from OpenSLO: Sloth's names and labels, burn-rate factors worked out
// by hand for 30- and 28-day windows, every kind of indicator, skipped SLOs, alert policies and
// stable output; then promtool checks every file generated from the example SLOs and runs rule
// unit tests in which the page and ticket alerts fire at their burn rates and not just below.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildCatalog, loadRepository } from '../src/index.ts';
import { checkRuleFiles, writeRuleFiles } from '../src/prometheus/files.ts';
import { rateOfCounters } from '../src/prometheus/promql.ts';
import { generateRules, GENERATED_MARKER, type GeneratedRules } from '../src/prometheus/rules.ts';
import { burnRateFactor, promDuration } from '../src/prometheus/windows.ts';
import { PROMTOOL_INSTALL, promtool, promtoolPath } from '../testing/prometheus.ts';
import { tempDir } from '../testing/temp.ts';
import { fixtureRepo } from './repo.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DAY = 86_400;

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Group {
  name: string;
  rules: Rule[];
}

/** Rules generated from the base fixture with these SLO files added (its own SLO removed). */
function generate(files: Record<string, string>, allowInvalid = false): GeneratedRules {
  const root = fixtureRepo({ 'slos/api-availability.yaml': null, ...files });
  const repo = loadRepository(root);
  const invalid = repo.problems.filter((p) => p.finding.file.startsWith('slos/'));
  if (invalid.length && !allowInvalid)
    throw new Error(`The test SLOs do not load: ${invalid.map((p) => p.finding.message).join('; ')}`);
  return generateRules(buildCatalog(repo), repo.documents);
}

function groupsOf(result: GeneratedRules, slo: string): Group[] {
  const file = result.files.find((f) => f.name === `${slo}.rules.yaml`);
  if (!file) throw new Error(`No rule file for ${slo}; skipped: ${JSON.stringify(result.skipped)}`);
  return (parse(file.text) as { groups: Group[] }).groups;
}
const rules = (groups: Group[]) => groups.flatMap((g) => g.rules);
const rule = (groups: Group[], name: string) => {
  const found = rules(groups).find((r) => r.record === name || r.alert === name);
  if (!found) throw new Error(`No rule ${name}`);
  return found;
};

/** The Sloth labels of the rules generated from checkoutSlo('checkout-availability', …). */
const CHECKOUT_IDS = {
  sloth_id: 'checkout-checkout-availability',
  sloth_service: 'checkout',
  sloth_slo: 'checkout-availability',
};

/** An SLO over counters of checkout requests, bad/total, with the given window and target. */
function checkoutSlo(name: string, window: string, target = 0.999, extra = ''): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  displayName: Checkout availability
  labels:
    team: checkout
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-errors
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: sum(checkout_requests_total{code=~"5.."})
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(checkout_requests_total)
  timeWindow:
    - duration: ${window}
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
${extra}`;
}

/** The burn-rate factor of each alert window, read back from the alert expressions: { page: { '1h': 14.4, '5m': 14.4, ... } }. */
function factors(groups: Group[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of rules(groups).filter((r) => r.alert)) {
    const severity = r.labels!.severity!;
    for (const [, window, factor] of r.expr.matchAll(
      /slo:sli_error:ratio_rate(\w+)\{[^}]*\} > \(([\d.e-]+) \* 0\.001\)/g,
    ))
      (out[severity] ??= {})[window!] = Number(factor);
  }
  return out;
}

describe('Prometheus rules from OpenSLO', () => {
  const thirty = generate({ 'slos/checkout.yaml': checkoutSlo('checkout-availability', '30d') });
  const groups = groupsOf(thirty, 'checkout-availability');
  const selector =
    '{sloth_id="checkout-checkout-availability", sloth_service="checkout", sloth_slo="checkout-availability"}';

  it('names groups, recording rules and labels the way Sloth does', () => {
    expect(groups.map((g) => g.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-checkout-availability',
      'sloth-slo-meta-recordings-checkout-checkout-availability',
      'sloth-slo-alerts-checkout-checkout-availability',
    ]);
    expect(groups[0]!.rules.map((r) => [r.record, r.labels?.sloth_window])).toEqual(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d'].map((w) => [`slo:sli_error:ratio_rate${w}`, w]),
    );
    for (const r of groups[0]!.rules)
      expect(r.labels).toEqual({ ...CHECKOUT_IDS, sloth_window: r.labels!.sloth_window });
    expect(groups[1]!.rules.map((r) => r.record)).toEqual([
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ]);
    expect(rule(groups, 'slo:objective:ratio')).toEqual({
      record: 'slo:objective:ratio',
      expr: 'vector(0.999)',
      labels: CHECKOUT_IDS,
    });
    expect(rule(groups, 'slo:error_budget:ratio').expr).toBe('vector(0.001)');
    expect(rule(groups, 'slo:time_period:days').expr).toBe('vector(30)');
    expect(rule(groups, 'sloth_slo_info').labels).toEqual({
      ...CHECKOUT_IDS,
      sloth_mode: 'firebreak',
      sloth_objective: '99.9',
      sloth_spec: 'openslo/v1',
    });
    expect(rule(groups, 'slo:current_burn_rate:ratio').expr).toBe(
      `slo:sli_error:ratio_rate5m${selector}\n/ on (sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${selector}`,
    );
    expect(rule(groups, 'slo:period_burn_rate:ratio').expr).toContain(
      `slo:sli_error:ratio_rate30d${selector}\n/ on (sloth_id, sloth_slo, sloth_service) group_left`,
    );
    expect(rule(groups, 'slo:period_error_budget_remaining:ratio').expr).toBe(
      `1 - slo:period_burn_rate:ratio${selector}`,
    );
    expect(rule(groups, 'slo:sli_error:ratio_rate30d').expr).toBe(
      `sum_over_time(slo:sli_error:ratio_rate5m${selector}[30d])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m${selector}[30d])`,
    );
  });

  it('turns counter queries into their rate over each window, then divides bad by total, an absent bad series counting as none', () => {
    const bad = 'sum(rate(checkout_requests_total{code=~"5.."}[5m]))';
    const total = 'sum(rate(checkout_requests_total[5m]))';
    expect(rule(groups, 'slo:sli_error:ratio_rate5m').expr).toBe(
      `(\n  (\n    ${bad}\n  )\n  or\n  0 * (\n    ${total}\n  )\n)\n/\n((\n  ${total}\n) > 0)`,
    );
    expect(rule(groups, 'slo:sli_error:ratio_rate3d').expr).toContain('sum(rate(checkout_requests_total[3d]))');
    expect(rateOfCounters('sum by (le) (x_bucket{le="300"} offset 1h) / on() group_left sum(y)', '1h')).toBe(
      'sum by (le) (rate(x_bucket{le="300"}[1h] offset 1h)) / on() group_left sum(rate(y[1h]))',
    );
  });

  it('pages and tickets with the 30-day factors 14.4 and 6, 3 and 1', () => {
    expect(factors(groups)).toEqual({
      page: { '1h': 14.4, '5m': 14.4, '6h': 6, '30m': 6 },
      ticket: { '1d': 3, '2h': 3, '3d': 1, '6h': 1 },
    });
    const page = rule(groups, 'CheckoutAvailabilityBurnRatePage');
    expect(page.expr).toBe(
      `(\n    max(slo:sli_error:ratio_rate1h${selector} > (14.4 * 0.001)) without (sloth_window)\n    and\n    max(slo:sli_error:ratio_rate5m${selector} > (14.4 * 0.001)) without (sloth_window)\n)\nor\n` +
        `(\n    max(slo:sli_error:ratio_rate6h${selector} > (6 * 0.001)) without (sloth_window)\n    and\n    max(slo:sli_error:ratio_rate30m${selector} > (6 * 0.001)) without (sloth_window)\n)`,
    );
    expect(page.labels).toEqual({ severity: 'page', sloth_severity: 'page', team: 'checkout' });
    expect(Object.keys(page.annotations!).sort()).toEqual(['description', 'summary']);
    expect(page.annotations!.description).toContain('Checkout availability (99.9% over 30 days)');
    expect(rule(groups, 'CheckoutAvailabilityBurnRateTicket').labels).toEqual({
      severity: 'ticket',
      sloth_severity: 'ticket',
      team: 'checkout',
    });
  });

  it('computes the factors from a 28-day window: 13.44 and 5.6, 2.8 and 0.9333…, with the period rule named 4w as Prometheus prints 28d', () => {
    const g = groupsOf(
      generate({ 'slos/checkout.yaml': checkoutSlo('checkout-availability', '28d') }),
      'checkout-availability',
    );
    expect(factors(g)).toEqual({
      page: { '1h': 13.44, '5m': 13.44, '6h': 5.6, '30m': 5.6 },
      ticket: { '1d': 2.8, '2h': 2.8, '3d': 0.933333333333333, '6h': 0.933333333333333 },
    });
    expect(rule(g, 'slo:time_period:days').expr).toBe('vector(28)');
    expect(
      rules(g)
        .map((r) => r.record)
        .filter(Boolean),
    ).toContain('slo:sli_error:ratio_rate4w');
    expect(rule(g, 'slo:period_burn_rate:ratio').expr).toContain('slo:sli_error:ratio_rate4w{');
    expect(burnRateFactor(0.1, 28 * DAY, 3 * DAY)).toBe(0.933333333333333);
    expect(burnRateFactor(0.02, 28 * DAY, 3600)).toBe(13.44);
    expect([28, 30, 7, 91, 365].map((d) => promDuration(d * DAY))).toEqual(['4w', '30d', '1w', '13w', '1y']);
  });

  it('describes the alerts as the SRE Workbook does: factors to two decimals, windows in words', () => {
    const g = groupsOf(
      generate({ 'slos/checkout.yaml': checkoutSlo('checkout-availability', '28d') }),
      'checkout-availability',
    );
    expect(rule(g, 'CheckoutAvailabilityBurnRateTicket').annotations!.description).toBe(
      'Checkout availability (99.9% over 28 days): the error budget is burning more than 2.8 times the sustainable rate over both 1d and 2h (10% of the budget in 1 day), or more than 0.93 times the sustainable rate over both 3d and 6h (10% of the budget in 3 days). Error ratio over the long window: {{ $value | humanizePercentage }}.',
    );
    const thirty = groupsOf(
      generate({ 'slos/checkout.yaml': checkoutSlo('checkout-availability', '30d') }),
      'checkout-availability',
    );
    expect(rule(thirty, 'CheckoutAvailabilityBurnRateTicket').annotations!.description).toContain(
      'or faster than the sustainable rate over both 3d and 6h (10% of the budget in 3 days)',
    );
    const calendar = checkoutSlo('checkout-monthly', '1M', 0.99).replace(
      '      isRolling: true',
      '      calendar:\n        startTime: "2026-01-01 00:00:00"\n        timeZone: Europe/Paris',
    );
    const monthly = groupsOf(generate({ 'slos/checkout.yaml': calendar }), 'checkout-monthly');
    expect(rule(monthly, 'CheckoutMonthlyBurnRatePage').annotations!.description).toMatch(
      /^Checkout availability \(99% over 1 calendar month\): the error budget is burning more than 14\.4 times the sustainable rate over both 1h and 5m \(2% of the budget in 1 hour\)/,
    );
  });

  it('treats a calendar month as 30 days', () => {
    const calendar = checkoutSlo('checkout-monthly', '1M').replace(
      '      isRolling: true',
      '      calendar:\n        startTime: "2026-01-01 00:00:00"\n        timeZone: Europe/Paris',
    );
    const result = generate({ 'slos/checkout.yaml': calendar });
    const g = groupsOf(result, 'checkout-monthly');
    expect(rule(g, 'slo:time_period:days').expr).toBe('vector(30)');
    expect(factors(g).page).toEqual({ '1h': 14.4, '5m': 14.4, '6h': 6, '30m': 6 });
    expect(result.files[0]!.text).toContain('# Window: 1M, a calendar window, evaluated as a rolling 30d.');
  });

  it('measures a threshold SLI as the share of samples outside the objective, or of bad time slices', () => {
    const threshold = (method: string, objective: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-latency
spec:
  service: search
  indicator:
    metadata:
      name: search-p99
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: >-
              histogram_quantile(0.99, sum by (le) (rate(search_duration_seconds_bucket[5m])))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: ${method}
  objectives:
    - op: lte
      value: 0.25
      target: 0.99
${objective}`;
    const sel = '{sloth_id="search-search-latency", sloth_service="search", sloth_slo="search-latency"}';
    const query = 'histogram_quantile(0.99, sum by (le) (rate(search_duration_seconds_bucket[5m])))';
    const search = (method: string, objective = '') =>
      groupsOf(generate({ 'slos/search.yaml': threshold(method, objective) }), 'search-latency');
    /** The expression of an error-ratio rule: the 0/1 `record` averaged over `window`. */
    const averaged = (record: string, window: string) => `avg_over_time(${record}${sel}[${window}])`;
    // Occurrences: one 0/1 sample per rule evaluation (NaN, when there are no requests, gives none), averaged over each window.
    const occurrences = search('Occurrences');
    expect(rule(occurrences, 'slo:sli_error:ratio_sample').expr).toBe(`((\n  ${query}\n) >= -Inf) > bool 0.25`);
    expect(rule(occurrences, 'slo:sli_error:ratio_rate1h').expr).toBe(averaged('slo:sli_error:ratio_sample', '1h'));
    expect(rule(occurrences, 'slo:sli_error:ratio_rate4w').expr).toBe(averaged('slo:sli_error:ratio_sample', '4w'));
    // Timeslices: one 0/1 value per slice, from the query over exactly the slice, in a group evaluated once per slice.
    const slices = search('Timeslices', '      timeSliceTarget: 0.9\n      timeSliceWindow: 1m');
    expect(slices[0]).toEqual({
      name: 'sloth-slo-sli-slices-search-search-latency',
      interval: '1m',
      rules: [
        {
          record: 'slo:sli_error:ratio_slice1m',
          expr: `(\n  ((\n    ${query.replace('[5m]', '[1m]')}\n  ) >= -Inf) <= bool 0.25\n) < bool 0.9`,
          labels: { sloth_id: 'search-search-latency', sloth_service: 'search', sloth_slo: 'search-latency' },
        },
      ],
    });
    expect(rule(slices, 'slo:sli_error:ratio_rate1h').expr).toBe(averaged('slo:sli_error:ratio_slice1m', '1h'));
    // A window shorter than the slice still holds one whole slice.
    const tenMinuteSlices = search('Timeslices', '      timeSliceTarget: 0.9\n      timeSliceWindow: 10m');
    expect(rule(tenMinuteSlices, 'slo:sli_error:ratio_rate5m').expr).toBe(
      averaged('slo:sli_error:ratio_slice10m', '10m'),
    );
    const ratioSlices = search('RatioTimeslices', '      timeSliceWindow: 5m');
    expect(rule(ratioSlices, 'slo:sli_error:ratio_slice5m').expr).toBe(`((\n  ${query}\n) >= -Inf) > bool 0.25`);
    expect(rule(ratioSlices, 'slo:sli_error:ratio_rate6h').expr).toBe(averaged('slo:sli_error:ratio_slice5m', '6h'));
  });

  it('reads an SLI referenced by indicatorRef, and sets the ranges of queries that already apply rate() to each window', () => {
    const result = generate({
      'slos/api.yaml': `apiVersion: openslo/v1
kind: SLI
metadata:
  name: api-success
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: prom
        spec:
          query: sum(rate(http_requests_total{job="api", code!~"5.."}[1m]))
    total:
      metricSource:
        metricSourceRef: prom
        spec:
          query: sum(rate(http_requests_total{job="api"}[1m]))
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prom
spec:
  type: Prometheus
  connectionDetails: { url: "http://prometheus:9090" }
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
spec:
  service: api
  indicatorRef: api-success
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 99.5
`,
    });
    expect(result.skipped).toEqual([]);
    const g = groupsOf(result, 'api-availability');
    const good = 'sum(rate(http_requests_total{job="api", code!~"5.."}[1h]))';
    const total = 'sum(rate(http_requests_total{job="api"}[1h]))';
    expect(rule(g, 'slo:sli_error:ratio_rate1h').expr).toBe(
      `1 - (\n  (\n    (\n      ${good}\n    )\n    or\n    0 * (\n      ${total}\n    )\n  )\n  /\n  ((\n    ${total}\n  ) > 0)\n)`,
    );
    expect(rule(g, 'slo:error_budget:ratio').expr).toBe('vector(0.005)');
    expect(rule(g, 'sloth_slo_info').labels!.sloth_objective).toBe('99.5');
  });

  it("accepts Sloth's {{.window}} placeholders: the project's own Sloth-style fixture gets rules, each window read directly", () => {
    const fixture = readFileSync(
      path.join(PROJECT, 'actions/lib/src/schemas/__fixtures__/openslo/valid/sloth-style-api-availability.yaml'),
      'utf8',
    );
    const result = generate({ 'slos/search.yaml': fixture.replace(/^# yaml-language-server.*\n/, '') });
    expect(result.skipped).toEqual([]);
    const g = groupsOf(result, 'search-api-errors');
    expect(rule(g, 'slo:sli_error:ratio_rate1h').expr).toContain(
      'sum(rate(http_request_duration_seconds_count{job="search-api",code=~"(5..|429)"}[1h]))',
    );
    expect(rule(g, 'slo:sli_error:ratio_rate3d').expr).not.toContain('{{');
  });

  it('skips SLOs it cannot express in PromQL, saying why', () => {
    const datadog = checkoutSlo('datadog-slo', '30d').replaceAll('type: Prometheus', 'type: Datadog');
    const short = checkoutSlo('short-slo', '1d');
    const missingRef = checkoutSlo('missing-sli', '30d').replace(
      / {2}indicator:[\s\S]*?(?= {2}timeWindow:)/,
      '  indicatorRef: no-such-sli\n',
    );
    const missingPolicy = checkoutSlo(
      'missing-policy',
      '30d',
      0.999,
      '  alertPolicies:\n    - alertPolicyRef: no-such-policy\n',
    );
    const composite = checkoutSlo('composite-slo', '30d')
      .replace(/ {2}indicator:[\s\S]*?(?= {2}timeWindow:)/, '')
      .replace('    - target: 0.999\n', '    - target: 0.999\n      indicatorRef: no-such-sli\n');
    const noSource = checkoutSlo('no-source', '30d').replace(
      /query: sum\(checkout_requests_total\)/,
      'promql: sum(checkout_requests_total)',
    );
    const badQuery = checkoutSlo('bad-query', '30d').replace(
      'sum(checkout_requests_total)',
      'sum(checkout_requests_total',
    );
    const mixed = checkoutSlo('mixed-counters', '30d').replace(
      'sum(checkout_requests_total)',
      'sum(rate(checkout_requests_total[1m]))',
    );
    const result = generate(
      {
        'slos/a.yaml': datadog,
        'slos/b.yaml': short,
        'slos/c.yaml': missingRef,
        'slos/d.yaml': missingPolicy,
        'slos/e.yaml': composite,
        'slos/f.yaml': noSource,
        'slos/g.yaml': badQuery,
        'slos/h.yaml': mixed,
        'slos/i.yaml': checkoutSlo('over-one', '30d', 1.5),
      },
      true,
    );
    expect(result.files).toEqual([]);
    expect(result.skipped.map(({ slo, why }) => ({ slo, why }))).toEqual([
      { slo: 'bad-query', why: 'its total query is not valid PromQL: "(" is never closed' },
      {
        slo: 'composite-slo',
        why: 'it is a composite SLO (objectives with their own indicators), which has no Prometheus equivalent here',
      },
      { slo: 'datadog-slo', why: 'its bad metric reads from Datadog, not Prometheus' },
      { slo: 'missing-policy', why: 'its alert policy "no-such-policy" names no valid AlertPolicy' },
      { slo: 'missing-sli', why: 'its indicatorRef "no-such-sli" names no valid SLI' },
      {
        slo: 'mixed-counters',
        why: 'counter: true, but only its total query applies a range (rate() or a subquery): write both over raw counters, or both as rates',
      },
      { slo: 'no-source', why: 'its total metric has no spec.query' },
      { slo: 'over-one', why: 'it does not pass the OpenSLO schema: run `firebreak validate` and fix what it reports' },
      { slo: 'short-slo', why: 'its time window 1d is shorter than 3d, the longest window of the burn-rate alerts' },
    ]);
  });

  it("generates the SLO's alert policies instead of the default alerts", () => {
    const g = groupsOf(generateFromProject(), 'payments-gateway-availability');
    const alerts = rules(g).filter((r) => r.alert);
    expect(alerts.map((r) => r.alert)).toEqual(['PaymentsFastBurn', 'PaymentsFastBurnNoData', 'PaymentsSlowBurn']);
    const sel =
      '{sloth_id="payments-gateway-payments-gateway-availability", sloth_service="payments-gateway", sloth_slo="payments-gateway-availability"}';
    expect(alerts[0]).toMatchObject({
      expr: `max(slo:sli_error:ratio_rate1h${sel} >= (14.4 * 0.001)) without (sloth_window)`,
      for: '2m',
      labels: {
        openslo_alert_condition: 'payments-burn-rate-1h',
        openslo_alert_policy: 'payments-fast-burn',
        severity: 'page',
        sloth_severity: 'page',
        team: 'payments',
        tier: '0',
      },
      annotations: { notification_targets: 'payments-oncall-page' },
    });
    expect(alerts[1]).toMatchObject({ expr: `absent(slo:sli_error:ratio_rate1h${sel})`, for: '2m' });
    expect(alerts[2]).toMatchObject({
      expr: `max(slo:sli_error:ratio_rate6h${sel} >= (6 * 0.001)) without (sloth_window)`,
      for: '15m',
      labels: { severity: 'ticket' },
    });

    // Inline policies and conditions; a lookback window that is not one of Sloth's gets its own recording rule.
    const inline = generate({
      'slos/checkout.yaml': checkoutSlo(
        'checkout-availability',
        '30d',
        0.999,
        `  alertPolicies:
    - kind: AlertPolicy
      metadata:
        name: checkout-budget-4h
      spec:
        alertWhenBreaching: true
        conditions:
          - kind: AlertCondition
            metadata:
              name: over-10x-4h
            spec:
              severity: critical
              condition:
                kind: burnrate
                op: gt
                threshold: 10
                lookbackWindow: 4h
        notificationTargets:
          - targetRef: checkout-pager
`,
      ),
    });
    const ig = groupsOf(inline, 'checkout-availability');
    expect(
      rules(ig)
        .filter((r) => r.alert)
        .map((r) => [r.alert, r.expr, r.for, r.labels!.severity]),
    ).toEqual([
      [
        'CheckoutBudget4h',
        `max(slo:sli_error:ratio_rate4h${selector} > (10 * 0.001)) without (sloth_window)`,
        undefined,
        'critical',
      ],
    ]);
    expect(ig[0]!.rules.map((r) => r.labels!.sloth_window)).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '4h',
      '6h',
      '1d',
      '3d',
      '30d',
    ]);
  });

  it('gives the same bytes for the same SLOs, whatever order the documents load in', () => {
    const a = generateFromProject();
    const b = generateFromProject();
    expect(b).toEqual(a);
    const repo = loadRepository(PROJECT);
    const reversed = generateRules(
      buildCatalog({ ...repo, documents: [...repo.documents].reverse() }),
      [...repo.documents].reverse(),
    );
    expect(reversed).toEqual(a);
    for (const file of a.files) {
      expect(file.text.startsWith(`${GENERATED_MARKER} from slos/`)).toBe(true);
      expect(file.text).toContain('`firebreak rules --out <this directory>`');
      // Round trip: the YAML is exactly what the yaml package writes for its own data, with no anchors.
      expect(file.text).not.toMatch(/[&*]a\d/);
      expect(stringify(parse(file.text)).length).toBeGreaterThan(0);
    }
  });

  it('generates a file for every example SLO', () => {
    const result = generateFromProject();
    expect(result.skipped).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual([
      'auth-login-availability.rules.yaml',
      'invoicing-api-availability.rules.yaml',
      'invoicing-api-latency.rules.yaml',
      'notification-email-freshness.rules.yaml',
      'payments-gateway-availability.rules.yaml',
      'settings-api-latency.rules.yaml',
      'web-app-availability.rules.yaml',
    ]);
  });

  it('keeps a directory of rule files current, leaving hand-written files alone', () => {
    const dir = tempDir('prometheus');
    const { files } = generateFromProject();
    writeFileSync(path.join(dir, 'hand-written.rules.yaml'), 'groups: []\n');
    writeFileSync(path.join(dir, 'gone-slo.rules.yaml'), `${GENERATED_MARKER} from slos/gone.yaml\ngroups: []\n`);
    expect(checkRuleFiles(dir, files)).toEqual(
      [
        ...files.map((f) => ({ file: f.name, problem: 'missing' })),
        { file: 'gone-slo.rules.yaml', problem: 'orphan' },
      ].sort((x, y) => (x.file < y.file ? -1 : 1)),
    );
    expect(writeRuleFiles(dir, files)).toHaveLength(files.length + 1);
    expect(checkRuleFiles(dir, files)).toEqual([]);
    expect(readFileSync(path.join(dir, 'hand-written.rules.yaml'), 'utf8')).toBe('groups: []\n');
    writeFileSync(path.join(dir, files[0]!.name), `${files[0]!.text}# edited\n`);
    expect(checkRuleFiles(dir, files)).toEqual([{ file: files[0]!.name, problem: 'stale' }]);
  });
});

function generateFromProject(): GeneratedRules {
  const repo = loadRepository(PROJECT);
  return generateRules(buildCatalog(repo), repo.documents);
}

// promtool unit tests ---------------------------------------------------------------------------

const PER_MINUTE = 100_000;

/** promtool's expanding notation for a counter that starts at 0 and grows by `perMinute` for `minutes`, segment after segment. */
function counter(segments: { minutes: number; perMinute: number }[]): string {
  let value = 0;
  const parts = ['0'];
  for (const { minutes, perMinute } of segments) {
    parts.push(`${value + perMinute}+${perMinute}x${minutes - 1}`);
    value += minutes * perMinute;
  }
  return parts.join(' ');
}

/** Input series in which `segments` give the error ratio of each stretch of minutes. */
function checkoutSeries(segments: { minutes: number; errorRatio: number }[]) {
  const bad = segments.map((s) => ({ minutes: s.minutes, perMinute: Math.round(s.errorRatio * PER_MINUTE) }));
  return [
    { series: 'checkout_requests_total{code="500"}', values: counter(bad) },
    {
      series: 'checkout_requests_total{code="200"}',
      values: counter(bad.map((s) => ({ minutes: s.minutes, perMinute: PER_MINUTE - s.perMinute }))),
    },
  ];
}

/** humanizePercentage, as Prometheus formats it (%.4g). */
function humanizePercentage(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(4))}%`;
}

/** The alert promtool should see firing: the rule's labels plus the SLO's, its annotations with the templates filled in. */
function expectedAlert(alertRule: Rule, ids: Record<string, string>, errorRatio: number) {
  const fill = (text: string) =>
    text
      .replaceAll('{{ $labels.sloth_service }}', ids.sloth_service!)
      .replaceAll('{{ $labels.sloth_slo }}', ids.sloth_slo!)
      .replaceAll(
        '{{ $value | humanizePercentage }}',
        humanizePercentage(Math.round(errorRatio * PER_MINUTE) / PER_MINUTE),
      );
  return {
    exp_labels: { ...alertRule.labels, ...ids },
    exp_annotations: Object.fromEntries(Object.entries(alertRule.annotations!).map(([k, v]) => [k, fill(v)])),
  };
}

/**
 * Runs `promtool test rules` on the generated rule file and a unit-test file, evaluating the rules
 * every `interval`; returns promtool's output when it fails.
 */
async function promtoolTest(
  ruleFile: { name: string; text: string },
  tests: unknown[],
  interval: string,
): Promise<string> {
  const dir = tempDir('prometheus');
  writeFileSync(path.join(dir, ruleFile.name), ruleFile.text);
  // Recording rules first, then the alerts that read them, all at the same evaluation time.
  const groupNames = (parse(ruleFile.text) as { groups: Group[] }).groups.map((g) => g.name);
  const unitTests = { rule_files: [ruleFile.name], evaluation_interval: interval, group_eval_order: groupNames, tests };
  writeFileSync(path.join(dir, 'test.yaml'), stringify(unitTests, { lineWidth: 0 }));
  const result = await promtool(['test', 'rules', 'test.yaml'], dir);
  return result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`;
}

describe.skipIf(!promtoolPath())(`the generated rules under promtool (needs promtool: ${PROMTOOL_INSTALL})`, () => {
  it('pass `promtool check rules` for every example SLO', async () => {
    const dir = tempDir('prometheus');
    const { files } = generateFromProject();
    for (const file of files) writeFileSync(path.join(dir, file.name), file.text);
    for (const file of files) {
      const result = await promtool(['check', 'rules', file.name], dir);
      expect({ file: file.name, code: result.code, output: result.stdout + result.stderr }).toMatchObject({
        file: file.name,
        code: 0,
        output: expect.stringContaining('SUCCESS'),
      });
    }
  }, 60_000);

  it('keeps a displayName or label with {{ as text: the file passes promtool check rules and the alert reads as written', async () => {
    const text = checkoutSlo('checkout-availability', '30d')
      .replace('displayName: Checkout availability', 'displayName: "Checkout {{ $labels.x }} {{beta}}"')
      .replace('team: checkout', 'team: "{{ .Labels }}"');
    const result = generate({ 'slos/checkout.yaml': text });
    const dir = tempDir('prometheus');
    writeFileSync(path.join(dir, result.files[0]!.name), result.files[0]!.text);
    const checked = await promtool(['check', 'rules', result.files[0]!.name], dir);
    expect({ code: checked.code, output: checked.stdout + checked.stderr }).toMatchObject({ code: 0 });
    const g = groupsOf(result, 'checkout-availability');
    const page = rule(g, 'CheckoutAvailabilityBurnRatePage');
    const errorRatio = 0.05;
    const expected = expectedAlert(page, CHECKOUT_IDS, errorRatio);
    // What the alert says once Prometheus has expanded the templates: the displayName as written.
    expected.exp_labels = { ...expected.exp_labels, team: '{{ .Labels }}' };
    expected.exp_annotations.description = expected.exp_annotations.description!.replaceAll('{{ "{{" }}', '{{');
    expect(expected.exp_annotations.description).toContain('Checkout {{ $labels.x }} {{beta}} (99.9% over 30 days)');
    const test = {
      name: 'burn at 50x',
      interval: '1m',
      input_series: checkoutSeries([{ minutes: 120, errorRatio }]),
      alert_rule_test: [{ eval_time: '2h', alertname: page.alert, exp_alerts: [expected] }],
    };
    expect(await promtoolTest(result.files[0]!, [test], '1m')).toBe('');
  }, 60_000);

  // The factors worked out by hand: budget share × SLO window / long window.
  const HAND_FACTORS: Record<string, [page1h: number, page6h: number, ticket1d: number, ticket3d: number]> = {
    '30d': [14.4, 6, 3, 1],
    '28d': [13.44, 5.6, 2.8, 2.8 / 3],
  };
  for (const [window, [page1h, page6h, ticket1d, ticket3d]] of Object.entries(HAND_FACTORS)) {
    it(`page and ticket fire at their burn rates and not just below, for a ${window} SLO`, async () => {
      const result = generate({ 'slos/checkout.yaml': checkoutSlo('checkout-availability', window) });
      const g = groupsOf(result, 'checkout-availability');
      const page = rule(g, 'CheckoutAvailabilityBurnRatePage');
      const ticket = rule(g, 'CheckoutAvailabilityBurnRateTicket');
      const budget = 0.001;
      const above = (factor: number) => factor * budget * 1.02;
      const below = (factor: number) => factor * budget * 0.98;
      // Sanity: whole events per minute keep the ratios on the right side of each threshold.
      for (const factor of [page1h, page6h, ticket1d, ticket3d]) {
        expect(Math.round(above(factor) * PER_MINUTE) / PER_MINUTE).toBeGreaterThan(factor * budget);
        expect(Math.round(below(factor) * PER_MINUTE) / PER_MINUTE).toBeLessThan(factor * budget);
      }
      const test = (
        name: string,
        segments: { minutes: number; errorRatio: number }[],
        evalTime: string,
        checks: { rule: Rule; errorRatio?: number }[],
      ) => ({
        name,
        interval: '1m',
        input_series: checkoutSeries(segments),
        alert_rule_test: checks.map((c) => ({
          eval_time: evalTime,
          alertname: c.rule.alert,
          exp_alerts: c.errorRatio === undefined ? [] : [expectedAlert(c.rule, CHECKOUT_IDS, c.errorRatio)],
        })),
      });
      /** `quiet` minutes without errors, then `minutes` at `errorRatio`. */
      const quietThen = (quiet: number, minutes: number, errorRatio: number) => [
        { minutes: quiet, errorRatio: 0 },
        { minutes, errorRatio },
      ];
      const tests = [
        // Page, 1h and 5m windows: five clean hours keep the 6h window below its own factor.
        test(`page: ${page1h}x over 1h, just above`, quietThen(300, 60, above(page1h)), '6h', [
          { rule: page, errorRatio: above(page1h) },
        ]),
        test(`page: ${page1h}x over 1h, just below`, quietThen(300, 60, below(page1h)), '6h', [{ rule: page }]),
        // Page, 6h and 30m windows: below the 1h factor, so only the 6h pair can fire (and its value is the 6h ratio).
        test(`page: ${page6h}x over 6h, just above`, [{ minutes: 360, errorRatio: above(page6h) }], '6h', [
          { rule: page, errorRatio: above(page6h) },
        ]),
        test(`page: ${page6h}x over 6h, just below`, [{ minutes: 360, errorRatio: below(page6h) }], '6h', [
          { rule: page },
        ]),
        // Ticket, 1d and 2h windows: two clean days keep the 3d window below its factor when just below.
        test(`ticket: ${ticket1d}x over 1d, just above`, quietThen(2880, 1440, above(ticket1d)), '3d', [
          { rule: ticket, errorRatio: above(ticket1d) },
          { rule: page },
        ]),
        test(`ticket: ${ticket1d}x over 1d, just below`, quietThen(2880, 1440, below(ticket1d)), '3d', [
          { rule: ticket },
          { rule: page },
        ]),
        // Ticket, 3d and 6h windows.
        test(`ticket: ${ticket3d}x over 3d, just above`, [{ minutes: 4320, errorRatio: above(ticket3d) }], '3d', [
          { rule: ticket, errorRatio: above(ticket3d) },
          { rule: page },
        ]),
        test(`ticket: ${ticket3d}x over 3d, just below`, [{ minutes: 4320, errorRatio: below(ticket3d) }], '3d', [
          { rule: ticket },
          { rule: page },
        ]),
        // The Workbook's firing times: just above a factor, an alert fires when its long window is
        // full of the burn, and not 15 minutes (or, for the 3-day window, 6 hours) earlier.
        test(`page: ${page1h}x over 1h, not yet after 45m`, quietThen(300, 60, above(page1h)), '5h45m', [
          { rule: page },
        ]),
        test(`page: ${page6h}x over 6h, not yet after 5h`, quietThen(360, 360, above(page6h)), '11h', [{ rule: page }]),
        test(`ticket: ${ticket1d}x over 1d, not yet after 21h`, quietThen(2880, 1440, above(ticket1d)), '69h', [
          { rule: ticket },
        ]),
        test(`ticket: ${ticket3d}x over 3d, not yet after 66h`, quietThen(4320, 4320, above(ticket3d)), '138h', [
          { rule: ticket },
        ]),
      ];
      // Without `for`, an alert at an evaluation time depends only on the input series, not on
      // earlier evaluations: a 15-minute interval gives the same answers as 1m, four times faster.
      expect(await promtoolTest(result.files[0]!, tests, '15m')).toBe('');
    }, 180_000);
  }

  it("fires the example payments SLO's alert policy after its alertAfter, and not below its threshold", async () => {
    const file = generateFromProject().files.find((f) => f.name === 'payments-gateway-availability.rules.yaml')!;
    const g = (parse(file.text) as { groups: Group[] }).groups;
    const fast = rule(g, 'PaymentsFastBurn');
    const noData = rule(g, 'PaymentsFastBurnNoData');
    const ids = {
      sloth_id: 'payments-gateway-payments-gateway-availability',
      sloth_service: 'payments-gateway',
      sloth_slo: 'payments-gateway-availability',
    };
    const series = (errorRatio: number) => {
      const bad = Math.round(errorRatio * PER_MINUTE);
      return [
        {
          series: 'payments_attempts_total{service="payments-gateway", result="error"}',
          values: counter([{ minutes: 120, perMinute: bad }]),
        },
        {
          series: 'payments_attempts_total{service="payments-gateway", result="approved"}',
          values: counter([{ minutes: 120, perMinute: PER_MINUTE - bad }]),
        },
      ];
    };
    const tests = [
      {
        name: 'burn 14.7 for an hour pages once alertAfter (2m) has passed',
        interval: '1m',
        input_series: series(0.0147),
        alert_rule_test: [
          { eval_time: '1m', alertname: 'PaymentsFastBurn', exp_alerts: [] },
          { eval_time: '1h', alertname: 'PaymentsFastBurn', exp_alerts: [expectedAlert(fast, ids, 0.0147)] },
          { eval_time: '1h', alertname: 'PaymentsFastBurnNoData', exp_alerts: [] },
        ],
      },
      {
        name: 'burn 14.1 does not page',
        interval: '1m',
        input_series: series(0.0141),
        alert_rule_test: [{ eval_time: '1h', alertname: 'PaymentsFastBurn', exp_alerts: [] }],
      },
      {
        name: 'no data: the NoData alert fires',
        interval: '1m',
        input_series: [{ series: 'unrelated_metric', values: '0+1x120' }],
        alert_rule_test: [
          {
            eval_time: '1h',
            alertname: 'PaymentsFastBurnNoData',
            exp_alerts: [
              {
                exp_labels: { ...noData.labels, ...ids },
                exp_annotations: Object.fromEntries(
                  Object.entries(noData.annotations!).map(([k, v]) => [
                    k,
                    v
                      .replaceAll('{{ $labels.sloth_service }}', ids.sloth_service)
                      .replaceAll('{{ $labels.sloth_slo }}', ids.sloth_slo),
                  ]),
                ),
              },
            ],
          },
        ],
      },
    ];
    expect(await promtoolTest(file, tests, '1m')).toBe('');
  }, 60_000);
});
