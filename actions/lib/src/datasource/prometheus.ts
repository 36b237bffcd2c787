// Measures an SLO from Prometheus: the SLI over the SLO's window and over recent windows, through
// the HTTP API (`/api/v1/query`). Only the queries the SLO's own indicator states are run, in the
// same error-ratio expressions as the generated recording rules; nothing else is sent. Failures become messages, never exceptions the report dies of.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Catalog } from '../model/catalog.ts';
import type { KindRecord } from '../model/types.ts';
import { errorRatio, Skip, type BudgetingMethod, type Objective, type SliSpec } from '../prometheus/sli.ts';
import { openSloSeconds } from '../prometheus/windows.ts';

export interface PrometheusOptions {
  url: string;
  timeoutMs?: number;
  /** Extra request headers, e.g. { Authorization: 'Bearer …' }. */
  headers?: Record<string, string>;
  /** PEM file of the CA that signed the server's certificate. */
  caFile?: string;
  /** Skip TLS verification (self-signed test servers only). */
  insecureSkipVerify?: boolean;
}

/** The windows the SRE Workbook's burn-rate alerts look at. */
export const MEASURED_WINDOWS = ['1h', '6h', '1d', '3d'];

export interface MeasuredSlo {
  slo: string;
  window: string;
  /** Fraction of good events (or good time) over the SLO window; null when there was no traffic. */
  sli: number | null;
  errorRatio: number | null;
  /** Share of the error budget used over the window (1 = all of it). */
  budgetConsumed: number | null;
  budgetRemaining: number | null;
  burnRates: { window: string; burnRate: number | null }[];
}

export type Measurement = { ok: true; slo: MeasuredSlo } | { ok: false; slo: string; problem: string };

interface SloSpec {
  indicator?: { spec?: SliSpec };
  indicatorRef?: string;
  timeWindow?: { duration?: string }[];
  budgetingMethod?: BudgetingMethod;
  objectives?: Objective[];
}

/**
 * The PromQL error ratio of an SLO over `seconds`: the same expression the generated recording
 * rules use (prometheus/sli.ts), so measured figures and alerts agree. Or why there is none.
 */
export function errorRatioQuery(
  slo: KindRecord<SloSpec>,
  catalog: Catalog,
  documents: readonly KindRecord[],
  seconds: number,
): { query: string } | { problem: string } {
  const sli =
    slo.spec.indicator?.spec ??
    (slo.spec.indicatorRef ? (catalog.slis.get(slo.spec.indicatorRef)?.spec as SliSpec | undefined) : undefined);
  const objective = slo.spec.objectives?.[0];
  if (!sli || !objective) return { problem: 'it has no indicator or objective' };
  const dataSources = new Map(
    documents
      .filter((d) => d.valid && d.apiVersion === 'openslo/v1' && d.kind === 'DataSource')
      .map((d) => [d.metadata.name, d] as const),
  );
  try {
    return { query: errorRatio(sli, objective, slo.spec.budgetingMethod ?? 'Occurrences', dataSources).expr(seconds) };
  } catch (error) {
    if (error instanceof Skip) return { problem: error.message };
    throw error;
  }
}

/** Measures every SLO with a Prometheus indicator at `time` (epoch ms); SLOs without one are left out. */
export async function measureSlos(
  catalog: Catalog,
  documents: readonly KindRecord[],
  options: PrometheusOptions,
  time: number,
): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const record of catalog.slos.values()) {
    const slo = record as KindRecord<SloSpec>;
    const window = slo.spec.timeWindow?.[0]?.duration;
    const objective = slo.spec.objectives?.[0];
    const target =
      objective?.target ?? (objective?.targetPercent === undefined ? undefined : objective.targetPercent / 100);
    const seconds = openSloSeconds(window);
    if (seconds === undefined || target === undefined) continue;
    const main = errorRatioQuery(slo, catalog, documents, seconds);
    if ('problem' in main) continue; // not measurable in Prometheus (the rules command says why)
    try {
      const errorRatio = await instant(options, main.query, time);
      const burnRates: MeasuredSlo['burnRates'] = [];
      for (const w of MEASURED_WINDOWS) {
        const q = errorRatioQuery(slo, catalog, documents, openSloSeconds(w)!);
        const ratio = 'query' in q ? await instant(options, q.query, time) : null;
        burnRates.push({ window: w, burnRate: ratio === null ? null : ratio / (1 - target) });
      }
      const consumed = errorRatio === null ? null : errorRatio / (1 - target);
      out.push({
        ok: true,
        slo: {
          slo: slo.metadata.name,
          window: window!,
          sli: errorRatio === null ? null : 1 - errorRatio,
          errorRatio,
          budgetConsumed: consumed,
          budgetRemaining: consumed === null ? null : 1 - consumed,
          burnRates,
        },
      });
    } catch (error) {
      out.push({ ok: false, slo: slo.metadata.name, problem: (error as Error).message });
    }
  }
  return out;
}

/** One instant query; a scalar from a single-series vector, null when the result is empty or not a number. */
async function instant(options: PrometheusOptions, query: string, time: number): Promise<number | null> {
  const url = new URL('api/v1/query', options.url.endsWith('/') ? options.url : `${options.url}/`);
  url.searchParams.set('query', query);
  url.searchParams.set('time', String(time / 1000));
  const body = await get(url, options);
  let parsed: {
    status?: string;
    error?: string;
    data?: { resultType?: string; result?: { value?: [number, string] }[] };
  };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new Error(`${url.origin} did not answer with JSON; is it a Prometheus server?`);
  }
  if (parsed.status !== 'success') throw new Error(`Prometheus refused the query: ${parsed.error ?? 'unknown error'}`);
  const value = parsed.data?.result?.[0]?.value?.[1];
  const number = value === undefined ? NaN : Number(value);
  return Number.isFinite(number) ? number : null;
}

function get(url: URL, options: PrometheusOptions): Promise<string> {
  const timeout = options.timeoutMs ?? 10_000;
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  if (!client)
    return Promise.reject(
      new Error(`${url.protocol} is not http: or https:; give the Prometheus URL as http(s)://host:port`),
    );
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        headers: { Accept: 'application/json', ...options.headers },
        timeout,
        ...(url.protocol === 'https:'
          ? {
              ca: options.caFile ? readFileSync(options.caFile) : undefined,
              rejectUnauthorized: !options.insecureSkipVerify,
            }
          : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > 16 * 1024 * 1024) request.destroy(new Error('the answer was larger than 16 MiB'));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode === 401 || response.statusCode === 403)
            reject(new Error(`${url.origin} answered ${response.statusCode}: check the authorization header`));
          else if ((response.statusCode ?? 500) >= 500)
            reject(new Error(`${url.origin} answered ${response.statusCode}`));
          else resolve(text);
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url.origin} within ${timeout} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'ECONNREFUSED'
            ? `nothing listens at ${url.origin} (connection refused); is Prometheus running?`
            : error.message,
        ),
      ),
    );
  });
}
