// The report action: builds the reliability report for the last complete period, writes it to
// the job summary, and creates or updates that period's issue. Nothing else lives here.
import { writeFileSync } from 'node:fs';
import * as core from '@actions/core';
import {
  actionInput,
  actionNow,
  actionPort,
  buildCatalog,
  buildReport,
  DEFAULT_IDENTITY,
  failAction,
  formatOpenMetrics,
  isReadFailure,
  JOB_SUMMARY_LIMIT,
  loadRepository,
  measureSlos,
  publishReport,
  recordsRoot,
  reportTree,
  reportWindows,
  runContext,
  toGitHubMarkdown,
  workspacePath,
  type Measurement,
} from '../../lib/src/index.ts';

const PERIODS = ['week', 'month', 'quarter'] as const;

export async function run(): Promise<void> {
  try {
    const repo = loadRepository(recordsRoot(), { lean: true });
    const period = (core.getInput('period') || repo.config.reports?.period || 'week') as (typeof PERIODS)[number];
    if (!PERIODS.includes(period)) throw new Error(`The period input "${period}" is not one of ${PERIODS.join(', ')}.`);
    const now = actionNow();
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
    const { repository, serverUrl, sha } = runContext();
    const linkBase = `${serverUrl}/${repository}/blob/${sha ?? 'HEAD'}/`;
    const tree = reportTree(report, { linkBase });
    await core.summary.addRaw(toGitHubMarkdown(tree, { serverUrl, limit: JOB_SUMMARY_LIMIT })).write();
    const metricsPath = core.getInput('openmetrics-path');
    if (metricsPath) writeFileSync(workspacePath(metricsPath), formatOpenMetrics(report));
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
    const published = await publishReport(actionPort(token), {
      period: report.window.label,
      title: `Reliability report ${report.window.label}`,
      report: tree,
      serverUrl,
      identity: actionInput('identity', DEFAULT_IDENTITY),
    });
    core.setOutput('issue-number', String(published.issue.number));
    core.setOutput('issue-url', published.issue.url);
    core.info(`Report for ${report.window.label}: issue #${published.issue.number} ${published.action}.`);
  } catch (error) {
    failAction(error);
  }
}
