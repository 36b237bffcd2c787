// What the generated alerts do, under `promtool test rules`, for every kind of indicator and every
// budgeting method: a total outage (the success series disappears) pages and keeps paging; no
// traffic stays silent; 0.9 times the sustainable burn never fires in three days; a five-minute
// spike at 20 times does not page; the page resolves within its short windows after recovery; the
// page fires at the Workbook's times at 14.4x and 6x; one slow minute is one bad one-minute slice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildCatalog, loadRepository } from '../src/index.ts';
import { generateRules, type GeneratedRules } from '../src/prometheus/rules.ts';
import { PROMTOOL_INSTALL, promtool, promtoolPath } from '../testing/prometheus.ts';
import { fixtureRepo } from './repo.ts';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Requests per minute while there is traffic. */
const RATE = 10_000;

type Kind = 'good-counters' | 'bad-counters' | 'sloth-template' | 'rated' | 'raw' | 'threshold';
type Method = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
const KINDS: Kind[] = ['good-counters', 'bad-counters', 'sloth-template', 'rated', 'raw', 'threshold'];
const METHODS: Method[] = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

const prom = (query: string) =>
  `metricSource:\n              type: Prometheus\n              spec:\n                query: '${query}'`;
const INDICATORS: Record<Kind, string> = {
  'good-counters': `ratioMetric:\n          counter: true\n          good:\n            ${prom('sum(req_total{code!~"5.."})')}\n          total:\n            ${prom('sum(req_total)')}`,
  'bad-counters': `ratioMetric:\n          counter: true\n          bad:\n            ${prom('sum(req_total{code=~"5.."})')}\n          total:\n            ${prom('sum(req_total)')}`,
  'sloth-template': `ratioMetric:\n          counter: true\n          bad:\n            ${prom('sum(rate(req_total{code=~"5.."}[{{.window}}]))')}\n          total:\n            ${prom('sum(rate(req_total[{{.window}}]))')}`,
  rated: `ratioMetric:\n          counter: false\n          good:\n            ${prom('sum(rate(req_total{code!~"5.."}[5m]))')}\n          total:\n            ${prom('sum(rate(req_total[5m]))')}`,
  raw: `ratioMetric:\n          rawType: failure\n          raw:\n            ${prom('sum(rate(req_total{code=~"5.."}[5m])) / sum(rate(req_total[5m]))')}`,
  threshold: `thresholdMetric:\n          ${prom('histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m])))')}`,
};

/** An SLO of 99% over `window` (so 0.9x is 0.9% errors); slices of `slice` that are good at 95%. */
function slo(kind: Kind, method: Method, slice = '5m', window = '30d'): string {
  const objective = [
    '    - target: 0.99',
    ...(kind === 'threshold' ? ['      op: lte', '      value: 0.3'] : []),
    ...(method === 'Occurrences' ? [] : [`      timeSliceWindow: ${slice}`]),
    ...(method === 'Timeslices' ? ['      timeSliceTarget: 0.95'] : []),
  ];
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: shop
spec:
  service: shop
  indicator:
    metadata:
      name: shop-sli
    spec:
        ${INDICATORS[kind]}
  timeWindow:
    - duration: ${window}
      isRolling: true
  budgetingMethod: ${method}
  objectives:
${objective.join('\n')}
`;
}

function generate(text: string): GeneratedRules {
  const root = fixtureRepo({ 'slos/api-availability.yaml': null, 'slos/shop.yaml': text });
  const repo = loadRepository(root);
  const invalid = repo.problems.filter((p) => p.finding.file.startsWith('slos/'));
  if (invalid.length)
    throw new Error(`The test SLO does not load: ${invalid.map((p) => p.finding.message).join('; ')}`);
  return generateRules(buildCatalog(repo), repo.documents);
}

/**
 * A stretch of minutes: the share of requests that fail (slow, for the latency histogram), `none`
 * for no requests at all, or `outage` for every request failing while the success series is gone
 * (a new pod that only ever served errors).
 */
type Stretch = { minutes: number; errors: number | 'none' | 'outage' };

/** promtool's expanding notation for a counter from 0 growing by `perMinute(stretch)` per minute; `_` where the series is absent. */
function counter(stretches: Stretch[], perMinute: (s: Stretch) => number | undefined): string {
  let value = 0;
  const parts = ['0'];
  for (const s of stretches) {
    const step = perMinute(s);
    if (step === undefined) parts.push(`_x${s.minutes}`);
    else {
      parts.push(`${value + step}+${step}x${s.minutes - 1}`);
      value += step * s.minutes;
    }
  }
  return parts.join(' ');
}

const failing = (s: Stretch) => (s.errors === 'none' ? 0 : s.errors === 'outage' ? RATE : Math.round(s.errors * RATE));
function series(stretches: Stretch[]) {
  return [
    {
      series: 'req_total{code="200"}',
      values: counter(stretches, (s) =>
        s.errors === 'outage' ? undefined : s.errors === 'none' ? 0 : RATE - failing(s),
      ),
    },
    { series: 'req_total{code="500"}', values: counter(stretches, failing) },
    // Latency: fast requests under 0.3 s, failing ones take 0.5 s.
    {
      series: 'latency_seconds_bucket{le="0.3"}',
      values: counter(stretches, (s) => (s.errors === 'none' ? 0 : RATE - failing(s))),
    },
    { series: 'latency_seconds_bucket{le="1"}', values: counter(stretches, (s) => (s.errors === 'none' ? 0 : RATE)) },
    {
      series: 'latency_seconds_bucket{le="+Inf"}',
      values: counter(stretches, (s) => (s.errors === 'none' ? 0 : RATE)),
    },
  ];
}

const clean = (minutes: number): Stretch => ({ minutes, errors: 0 });
/** 0.9 times the sustainable rate in every sense at once: one fully failing 5-minute stretch in every 555 minutes (0.9% of requests, of time and of 5-minute slices). */
function slowBurn(minutes: number): Stretch[] {
  const out: Stretch[] = [];
  for (let at = 0; at < minutes; at += 555) out.push(clean(550), { minutes: 5, errors: 1 });
  return out;
}

interface Check {
  at: string;
  page?: boolean;
  ticket?: boolean;
}

async function runScenarios(
  file: { name: string; text: string },
  interval: string,
  scenarios: { name: string; stretches: Stretch[]; checks: Check[] }[],
): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-alerting-'));
  scratch.push(dir);
  writeFileSync(path.join(dir, file.name), file.text);
  const groups = (parse(file.text) as { groups: { name: string; rules: { alert?: string }[] }[] }).groups;
  const alerts = groups.flatMap((g) => g.rules.map((r) => r.alert).filter((a): a is string => a !== undefined));
  const page = alerts.find((a) => a.endsWith('Page'))!;
  const ticket = alerts.find((a) => a.endsWith('Ticket'))!;
  const tests = scenarios.map((s) => ({
    name: s.name,
    interval: '1m',
    input_series: series(s.stretches),
    // Whether each alert fires, from the ALERTS series the rules write (annotations hold $value, which these scenarios do not pin down).
    promql_expr_test: s.checks.flatMap((c) =>
      (['page', 'ticket'] as const)
        .filter((severity) => c[severity] !== undefined)
        .map((severity) => ({
          eval_time: c.at,
          expr: `count(ALERTS{alertname="${severity === 'page' ? page : ticket}", alertstate="firing"}) or vector(0)`,
          exp_samples: [{ labels: '{}', value: c[severity] ? 1 : 0 }],
        })),
    ),
  }));
  writeFileSync(
    path.join(dir, 'test.yaml'),
    stringify(
      { rule_files: [file.name], evaluation_interval: interval, group_eval_order: groups.map((g) => g.name), tests },
      { lineWidth: 0 },
    ),
  );
  const result = await promtool(['test', 'rules', 'test.yaml'], dir);
  return result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`;
}

const minutes = (m: number) => `${m}m`;

describe.skipIf(!promtoolPath())(
  `alerts for every indicator and budgeting method under promtool (needs promtool: ${PROMTOOL_INSTALL})`,
  () => {
    for (const kind of KINDS) {
      for (const method of METHODS) {
        it(`${kind}, ${method}: an outage pages and keeps paging, no traffic is silent, a spike does not page, the page resolves, 0.9x never fires`, async () => {
          const result = generate(slo(kind, method));
          expect(result.skipped).toEqual([]);
          const file = result.files[0]!;
          const sixHours = 360;
          const scenarios = [
            {
              // 6 clean hours, then every request fails and the success series is gone.
              name: 'total outage',
              stretches: [clean(sixHours), { minutes: 420, errors: 'outage' as const }],
              checks: [
                { at: minutes(sixHours - 5), page: false },
                ...[10, 60, 180, 400].map((m) => ({ at: minutes(sixHours + m), page: true })),
              ],
            },
            {
              name: 'no traffic after clean hours, and from the start',
              stretches: [clean(sixHours), { minutes: 240, errors: 'none' as const }],
              checks: [30, 120, 230].map((m) => ({ at: minutes(sixHours + m), page: false, ticket: false })),
            },
            {
              name: 'no traffic at all',
              stretches: [{ minutes: 240, errors: 'none' as const }],
              checks: [
                { at: '30m', page: false, ticket: false },
                { at: '4h', page: false, ticket: false },
              ],
            },
            {
              // 20 times the sustainable error ratio (20% errors) for 5 minutes.
              name: 'five-minute spike at 20x',
              stretches: [clean(sixHours), { minutes: 5, errors: 0.2 }, clean(120)],
              checks: [5, 10, 30, 60].map((m) => ({ at: minutes(sixHours + m), page: false })),
            },
            {
              name: 'recovery after a one-hour outage',
              stretches: [clean(sixHours), { minutes: 60, errors: 'outage' as const }, clean(120)],
              checks: [
                { at: minutes(sixHours + 60), page: true },
                { at: minutes(sixHours + 60 + 35), page: false },
              ],
            },
            {
              name: '0.9 times the sustainable rate for three days',
              stretches: slowBurn(4320),
              checks: [...Array.from({ length: 7 }, (_, i) => minutes((i + 1) * 555 + 5)), '3d'].map((at) => ({
                at,
                page: false,
                ticket: false,
              })),
            },
          ];
          // Where a steady error ratio is the window's error ratio (not for 0/1 slices or threshold
          // samples), the Workbook's page times: just above 14.4x it fires once the hour is full of
          // the burn and not 15 minutes earlier; just above 6x, after 6 hours and not after 5.
          // A window averaged from recorded slices or samples may fire one slice (5m) later: promtool
          // evaluates every group at the same instants, and Prometheus 2 counts both ends of a range,
          // so the hour holds 13 five-minute slices, one of them from before the burn.
          if (method !== 'Timeslices' && kind !== 'threshold') {
            const lag = method === 'RatioTimeslices' || kind === 'raw' ? 5 : 0;
            scenarios.push(
              {
                name: '14.4x for an hour',
                stretches: [clean(sixHours), { minutes: 60 + lag, errors: 0.01 * 14.4 * 1.02 }],
                checks: [
                  { at: minutes(sixHours + 45), page: false },
                  { at: minutes(sixHours + 60 + lag), page: true },
                ],
              },
              {
                name: '6x for six hours',
                stretches: [clean(sixHours), { minutes: 360 + lag, errors: 0.01 * 6 * 1.02 }],
                checks: [
                  { at: minutes(2 * sixHours - 60), page: false },
                  { at: minutes(2 * sixHours + lag), page: true },
                ],
              },
            );
          }
          expect(await runScenarios(file, '5m', scenarios)).toBe('');
        }, 300_000);
      }
    }

    it('counts one slow minute as one bad one-minute slice', async () => {
      for (const kind of ['bad-counters', 'threshold'] as const) {
        const file = generate(slo(kind, 'Timeslices', '1m')).files[0]!;
        const dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-alerting-'));
        scratch.push(dir);
        writeFileSync(path.join(dir, file.name), file.text);
        const groups = (parse(file.text) as { groups: { name: string }[] }).groups;
        const stretches = [clean(90), { minutes: 1, errors: 1 }, clean(90)];
        const selector = '{sloth_id="shop-shop", sloth_service="shop", sloth_slo="shop"}';
        // 61 one-minute slices in the last hour (Prometheus 2 counts both ends of a range), one of them bad.
        const test = {
          interval: '1m',
          input_series: series(stretches),
          promql_expr_test: [
            {
              eval_time: '120m',
              expr: `slo:sli_error:ratio_rate1h${selector} * 61`,
              exp_samples: [
                {
                  labels: `{sloth_id="shop-shop", sloth_service="shop", sloth_slo="shop", sloth_window="1h"}`,
                  value: 1,
                },
              ],
            },
            {
              eval_time: '91m',
              expr: `slo:sli_error:ratio_slice1m${selector}`,
              exp_samples: [{ labels: `slo:sli_error:ratio_slice1m${selector}`, value: 1 }],
            },
            {
              eval_time: '92m',
              expr: `slo:sli_error:ratio_slice1m${selector}`,
              exp_samples: [{ labels: `slo:sli_error:ratio_slice1m${selector}`, value: 0 }],
            },
          ],
        };
        writeFileSync(
          path.join(dir, 'test.yaml'),
          stringify(
            {
              rule_files: [file.name],
              evaluation_interval: '1m',
              group_eval_order: groups.map((g) => g.name),
              tests: [test],
            },
            { lineWidth: 0 },
          ),
        );
        const result = await promtool(['test', 'rules', 'test.yaml'], dir);
        expect({ kind, output: result.code === 0 ? '' : result.stdout + result.stderr }).toEqual({ kind, output: '' });
      }
    }, 120_000);
  },
);
