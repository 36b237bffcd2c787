// `firebreak report`: the reliability report as Markdown, JSON or OpenMetrics.
import { Option, type Command } from 'commander';
import {
  buildCatalog,
  buildReport,
  formatOpenMetrics,
  formatReportJson,
  formatReportMarkdown,
  loadRepository,
  measureSlos,
  reportWindows,
  type Measurement,
  type PrometheusOptions,
} from '../../../lib/src/index.ts';
import { nowOption, parseNow, resolveRoot, rootOption, UsageError, type CommandContext } from '../shared.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerReportCommand(program: Command, { io }: CommandContext): void {
  program
    .command('report')
    .description(
      'Print the reliability report: incidents and durations against the previous period, time-to-action compliance, error budgets, postmortems, action items, repeats and load.',
    )
    .option(
      '--since <date>',
      'first day of the window (YYYY-MM-DD, in the Config timezone); default 90 days before --until',
    )
    .option('--until <date>', 'day after the window (YYYY-MM-DD, exclusive); default tomorrow')
    .option(
      '--prometheus-url <url>',
      'also measure each SLO from this Prometheus (http(s)://host:port); $FIREBREAK_PROMETHEUS_AUTHORIZATION is sent as the Authorization header',
    )
    .option('--prometheus-timeout <ms>', 'give up on a Prometheus query after this long', '10000')
    .option('--prometheus-ca <file>', 'PEM file of the CA that signed the Prometheus certificate')
    .option('--prometheus-insecure', 'do not verify the Prometheus TLS certificate (test servers only)')
    .addOption(
      new Option(
        '--period <period>',
        'the last complete week, month or quarter before --until (or today) instead of --since',
      ).choices(['week', 'month', 'quarter']),
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['markdown', 'json', 'openmetrics'])
        .default('markdown'),
    )
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
Formats:
  markdown     for people (the terminal, issues, job summaries), with Mermaid charts
  json         stable, versioned document (docs/metrics.md)
  openmetrics  for Prometheus / Grafana: the node_exporter textfile collector or a Pushgateway

Examples:
  firebreak report
  firebreak report --period month
  firebreak report --since 2026-01-01 --until 2026-07-01 --format json`,
    )
    .action(
      async (options: {
        since?: string;
        until?: string;
        period?: 'week' | 'month' | 'quarter';
        format: 'markdown' | 'json' | 'openmetrics';
        root?: string;
        now?: string;
        prometheusUrl?: string;
        prometheusTimeout: string;
        prometheusCa?: string;
        prometheusInsecure?: boolean;
      }) => {
        for (const [name, value] of [
          ['--since', options.since],
          ['--until', options.until],
        ] as const) {
          if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
            throw new UsageError(`${name} "${value}" is not a date; write it as YYYY-MM-DD.`);
        }
        if (options.period && options.since)
          throw new UsageError('Give either --period or --since, not both: --period chooses the whole window.');
        if (options.since && options.until && options.since >= options.until)
          throw new UsageError(`--since ${options.since} is not before --until ${options.until}.`);
        const repo = loadRepository(resolveRoot(io, options.root), { lean: true });
        const catalog = buildCatalog(repo);
        const now = parseNow(options.now) ?? Date.now();
        let measured: Measurement[] | undefined;
        if (options.prometheusUrl) {
          const timeoutMs = Number(options.prometheusTimeout);
          if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
            throw new UsageError(
              `--prometheus-timeout "${options.prometheusTimeout}" is not a whole number of milliseconds.`,
            );
          const authorization = io.env?.FIREBREAK_PROMETHEUS_AUTHORIZATION;
          const prometheus: PrometheusOptions = {
            url: options.prometheusUrl,
            timeoutMs,
            caFile: options.prometheusCa,
            insecureSkipVerify: options.prometheusInsecure,
            headers: authorization ? { Authorization: authorization } : undefined,
          };
          const { current } = reportWindows(
            { now, since: options.since, until: options.until, period: options.period },
            repo.config.timezone ?? 'UTC',
          );
          measured = await measureSlos(catalog, repo.documents, prometheus, Math.min(now, current.end));
          for (const m of measured) if (!m.ok) io.stderr(`firebreak: ${m.slo} was not measured: ${m.problem}\n`);
        }
        const report = buildReport(repo, catalog, {
          now,
          since: options.since,
          until: options.until,
          period: options.period,
          measured,
        });
        io.stdout(
          options.format === 'json'
            ? formatReportJson(report)
            : options.format === 'openmetrics'
              ? formatOpenMetrics(report)
              : formatReportMarkdown(report),
        );
      },
    );
}
