// The report action: builds the reliability report for the last complete period, writes it to
// the job summary, and creates or updates that period's issue. Nothing else lives here.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { measureSlos, type Measurement } from '../../lib/src/datasource/prometheus.ts';
import {
  reportWindows,
  buildCatalog,
  buildReport,
  createOctokitPort,
  DEFAULT_IDENTITY,
  formatOpenMetrics,
  isReadFailure,
  JOB_SUMMARY_LIMIT,
  loadRepository,
  publishReport,
  reportTree,
  toGitHubMarkdown,
} from '../../lib/src/index.ts';

const PERIODS = ['week', 'month', 'quarter'] as const;

export async function run(): Promise<void> {
  try {
    const env = process.env;
    const root = path.resolve(env.GITHUB_WORKSPACE ?? '.', core.getInput('root') || '.');
    const repo = loadRepository(root, { lean: true });
    const period = (core.getInput('period') || repo.config.reports?.period || 'week') as (typeof PERIODS)[number];
    if (!PERIODS.includes(period)) throw new Error(`The period input "${period}" is not one of ${PERIODS.join(', ')}.`);
    const now = core.getInput('now') ? Date.parse(core.getInput('now')) : Date.now();
    if (Number.isNaN(now)) throw new Error(`The now input "${core.getInput('now')}" is not an ISO 8601 time.`);
    const catalog = buildCatalog(repo);
    let measured: Measurement[] | undefined;
    const prometheusUrl = core.getInput('prometheus-url');
    if (prometheusUrl) {
      const authorization = core.getInput('prometheus-authorization');
      if (authorization) core.setSecret(authorization);
      const { current } = reportWindows({ now, period }, repo.config.timezone ?? 'UTC');
      measured = await measureSlos(
        catalog,
        repo.documents,
        {
          url: prometheusUrl,
          timeoutMs: Number(core.getInput('prometheus-timeout') || 10_000),
          headers: authorization ? { Authorization: authorization } : undefined,
        },
        Math.min(now, current.end),
      );
      for (const m of measured) if (!m.ok) core.warning(`${m.slo} was not measured from Prometheus: ${m.problem}`);
    }
    const report = buildReport(repo, catalog, { now, period, measured });
    const repository = env.GITHUB_REPOSITORY ?? '';
    const linkBase = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repository}/blob/${env.GITHUB_SHA ?? 'HEAD'}/`;
    const serverUrl = env.GITHUB_SERVER_URL;
    const tree = reportTree(report, { linkBase });
    await core.summary.addRaw(toGitHubMarkdown(tree, { serverUrl, limit: JOB_SUMMARY_LIMIT })).write();
    const metricsPath = core.getInput('openmetrics-path');
    if (metricsPath) writeFileSync(path.resolve(env.GITHUB_WORKSPACE ?? '.', metricsPath), formatOpenMetrics(report));
    core.setOutput('period', report.window.label);
    const readFailures = repo.problems.filter(isReadFailure).length;
    if (readFailures)
      core.warning(
        `${readFailures} problem(s) reading the records; the report leaves those records out. Run "firebreak validate".`,
      );
    if (!core.getBooleanInput('publish')) {
      core.info(
        `Report for ${report.window.label} written to the job summary; publish is off, so no issue was touched.`,
      );
      return;
    }
    const token = core.getInput('token');
    if (!token)
      throw new Error(
        'The token input is empty: give it ${{ github.token }} (the default) or a token with issues write permission, or set publish: false.',
      );
    const port = createOctokitPort({ token, repository, baseUrl: env.GITHUB_API_URL, log: core.info });
    const published = await publishReport(port, {
      period: report.window.label,
      title: `Reliability report ${report.window.label}`,
      report: tree,
      serverUrl,
      identity: core.getInput('identity') || DEFAULT_IDENTITY,
    });
    core.setOutput('issue-number', String(published.issue.number));
    core.setOutput('issue-url', published.issue.url);
    core.info(`Report for ${report.window.label}: issue #${published.issue.number} ${published.action}.`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
