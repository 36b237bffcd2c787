// Budgets measured from a real Prometheus (Debian's package) on loopback, loaded with 30 days of
// counters backfilled from OpenMetrics, against figures computed by hand from the same data.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, buildReport, formatReportMarkdown, loadRepository } from '../src/index.ts';
import { measureSlos, type MeasuredSlo } from '../src/datasource/prometheus.ts';
import { PROMTOOL_INSTALL, promtoolPath } from '../testing/prometheus.ts';
import { fixtureRepo } from './repo.ts';

const MINUTE = 60_000;
/** Evaluation time, on a minute boundary; the data ends there. */
const EVAL = Date.parse('2026-11-20T12:00:00Z');
const DAYS = 30;
const START = EVAL - DAYS * 24 * 60 * MINUTE - 60 * MINUTE;

/**
 * 100 requests a minute. Errors: 0.5 a minute, and 5 a minute in the last hour. Hand-computed error
 * ratios: 30d (21,870 / 4,320,000) 0.0050625; 3d 2,430 / 432,000; 1d 990 / 144,000; 6h 450 / 36,000;
 * 1h 300 / 6,000.
 */
function openMetrics(): string {
  const lines = ['# TYPE http_requests counter'];
  for (const code of ['200', '500']) {
    let value = 0;
    for (let t = START; t <= EVAL; t += MINUTE) {
      lines.push(`http_requests_total{code="${code}"} ${value} ${t / 1000}`);
      const lastHour = t >= EVAL - 60 * MINUTE;
      const errors = lastHour ? 5 : 0.5;
      value += code === '500' ? errors : 100 - errors;
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

const SLO = (name: string, window: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: api
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total{code!~"5.."})
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total)
  timeWindow:
    - duration: ${window}
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The fixture records with `slo` (by default api-requests over 30 days) as their only SLO. */
const measuredSlo = (slo = SLO('api-requests', '30d')) =>
  fixtureRepo({ 'slos/api-availability.yaml': null, 'slos/measured.yaml': slo });

/** measureSlos over the records at `root`, against the Prometheus at `url`, at EVAL. */
function measure(root: string, url: string) {
  const repo = loadRepository(root);
  return measureSlos(buildCatalog(repo), repo.documents, { url }, EVAL);
}

const prometheusBinary = () => (promtoolPath() ? path.join(path.dirname(promtoolPath()!), 'prometheus') : undefined);

describe.skipIf(!promtoolPath())(
  `budgets measured from Prometheus (needs Debian's prometheus: ${PROMTOOL_INSTALL})`,
  () => {
    let dir: string;
    let server: ChildProcess | undefined;
    let url: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-prometheus-'));
      writeFileSync(path.join(dir, 'data.om'), openMetrics());
      execFileSync(
        promtoolPath()!,
        ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'data.om'), path.join(dir, 'tsdb')],
        { stdio: 'pipe' },
      );
      writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      server = spawn(
        prometheusBinary()!,
        [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
          '--storage.tsdb.retention.time=10y',
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=error',
        ],
        { stdio: 'ignore' },
      );
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const response = await fetch(`${url}/-/ready`);
          if (response.ok) break;
        } catch {
          // not up yet
        }
        if (Date.now() > deadline) throw new Error('Prometheus did not become ready within 30 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    }, 180_000); // backfilling and starting a real Prometheus: generous, since a loaded CI machine is slow

    afterAll(() => {
      server?.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('measures the SLI, budget and burn rates that the data implies', async () => {
      const measurements = await measure(measuredSlo(), url);
      expect(measurements.map((m) => m.ok)).toEqual([true]);
      const m = (measurements[0] as { slo: MeasuredSlo }).slo;
      // increase() sees 43,199 of the 43,200 minutes (the first sample starts the count), so the figures agree to about 1e-6.
      expect(m.errorRatio).toBeCloseTo(21_870 / 4_320_000, 6);
      expect(m.sli).toBeCloseTo(1 - 21_870 / 4_320_000, 6);
      expect(m.budgetConsumed).toBeCloseTo(0.50625, 3);
      expect(m.budgetRemaining).toBeCloseTo(0.49375, 3);
      const burn = Object.fromEntries(m.burnRates.map((b) => [b.window, b.burnRate]));
      expect(burn['1h']).toBeCloseTo(300 / 6_000 / 0.01, 2);
      expect(burn['6h']).toBeCloseTo(450 / 36_000 / 0.01, 2);
      expect(burn['1d']).toBeCloseTo(990 / 144_000 / 0.01, 2);
      expect(burn['3d']).toBeCloseTo(2_430 / 432_000 / 0.01, 2);
    }, 60_000);

    it('the report shows the measured figures beside the incident-attributed ones, saying which is which', async () => {
      const repo = loadRepository(measuredSlo());
      const catalog = buildCatalog(repo);
      const measured = await measureSlos(catalog, repo.documents, { url }, EVAL);
      const markdown = formatReportMarkdown(buildReport(repo, catalog, { now: EVAL, measured }));
      expect(markdown).toContain('### Measured from Prometheus');
      expect(markdown).toContain('attributed from the incidents');
      expect(markdown).toMatch(
        /\| api-requests \| 30d \| 99\.49[34]% \| 51% \| 49% \| 5\.00 \/ 1\.25 \/ 0\.69 \/ 0\.56 \|/,
      );
    }, 60_000);

    it('a Prometheus that is down or refuses the query gives a clear message', async () => {
      const repo = loadRepository(measuredSlo());
      const catalog = buildCatalog(repo);
      const down = await measureSlos(catalog, repo.documents, { url: `http://127.0.0.1:${await freePort()}` }, EVAL);
      expect(down).toEqual([
        {
          ok: false,
          slo: 'api-requests',
          problem: expect.stringMatching(
            /^nothing listens at http:\/\/127\.0\.0\.1:\d+ \(connection refused\); is Prometheus running\?$/,
          ),
        },
      ]);
      const broken = measuredSlo(
        SLO('api-requests', '30d').replace('sum(http_requests_total)', 'sum(label_replace(http_requests_total, "x"))'),
      );
      const refused = await measure(broken, url);
      expect(refused).toEqual([
        { ok: false, slo: 'api-requests', problem: expect.stringContaining('Prometheus refused the query') },
      ]);
    }, 60_000);
  },
);
