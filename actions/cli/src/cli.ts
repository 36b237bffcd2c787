import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { declareIncident, type DeclareField, type DeclareProblem, type DeclareValues } from '../../lib/src/index.ts';
import { changedFilesSince, GitError } from '../../lib/src/load/git.ts';
import { productInfo } from '../../lib/src/product/package.ts';
import { registerAdoptCommands } from './adopt.ts';
import { PARALLEL_MIN_FILES } from '../../lib/src/load/prepare.ts';
import {
  affectedFiles,
  buildCatalog,
  createDryRunPort,
  createOctokitPort,
  DEFAULT_IDENTITY,
  DEFAULT_MAX_WRITES,
  formatFollowUpsText,
  runFollowUps,
  formatGithub,
  formatJson,
  formatOpenMetrics,
  formatReportMarkdown,
  formatReportJson,
  buildReport,
  reportWindows,
  validateWithCache,
  CacheFileError,
  checkRuleFiles,
  generateRules,
  RULES_ANNOTATION,
  RULE_FILE_SUFFIX,
  RULES_OFF,
  measureSlos,
  writeRuleFiles,
  type Measurement,
  type PrometheusOptions,
  formatText,
  loadRepository,
  loadRepositoryInParallel,
  renderRulesMarkdown,
  RULES,
  validateRepository,
  type Diagnostic,
} from '../../lib/src/index.ts';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Environment for GITHUB_TOKEN and friends (default: none). */
  env?: Record<string, string | undefined>;
  /** Asks a person one question and returns the answer; present only when someone can answer (stdin is a terminal). */
  prompt?(question: string): Promise<string>;
  /** The running bundle: large repositories are read on worker threads started from it (see load/prepare.ts). */
  entry?: URL;
}

/** Exit codes: 0 no errors, 1 errors found, 2 usage or internal failure. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

class UsageError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Runs the `firebreak` command line with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('firebreak')
    .description(
      'Incident management kept in git: validate incidents, postmortems, SLOs, runbooks and policies, and report on them.',
    )
    .version(productInfo().version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found, 2 usage or internal failure.\nDocs: docs/records.md (formats), docs/rules.md (rules), docs/cli.md (this command).',
    );

  const rootOption = () => new Option('-C, --root <dir>', 'repository root (default: the current directory)');
  const nowOption = () =>
    new Option('--now <timestamp>', 'evaluate deadlines and reviews as of this ISO 8601 time instead of the clock');

  program
    .command('validate')
    .description(
      'Check every record against its schema and the rules; print problems with file, line, column and how to fix them.',
    )
    .argument(
      '[paths...]',
      'only report problems in these files or directories (the whole repository is still read, so references resolve)',
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option(
      '--changed-since <ref>',
      'only report problems in files changed since this git ref, and in records that refer to them',
    )
    .option(
      '--cache <file>',
      'keep per-file results here, keyed by content hash, and re-check only what changed (e.g. .firebreak-cache/validate.json)',
    )
    .option(
      '--jobs <n>',
      `threads that read and parse records (default: one per core, up to 4, from ${PARALLEL_MIN_FILES.toLocaleString('en')} records; 1: none)`,
    )
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
Formats:
  text    grouped by file: line:column, level, message, rule id, and a "fix:" line
  json    stable, versioned document (docs/cli.md): { version, summary, diagnostics[] }
  github  workflow commands (::error file=...,line=...::message) that GitHub shows as annotations

Examples:
  firebreak validate
  firebreak validate incidents/2026 --format json
  firebreak validate --changed-since origin/main --format github`,
    )
    .action(
      async (
        paths: string[],
        options: {
          format: 'text' | 'json' | 'github';
          changedSince?: string;
          cache?: string;
          root?: string;
          now?: string;
          jobs?: string;
        },
      ) => {
        const root = resolveRoot(io, options.root);
        const now = parseNow(options.now);
        const threads = parseJobs(options.jobs);
        const cached = options.cache
          ? await validateWithCache(root, {
              now: now ?? Date.now(),
              cacheFile: path.resolve(io.cwd, options.cache),
              cacheLabel: options.cache,
              code: codeVersion(),
              entry: io.entry,
              threads,
            }).catch(usageOnCacheFile)
          : undefined;
        const repo =
          cached?.repo ??
          (io.entry ? await loadRepositoryInParallel(root, { entry: io.entry, threads }) : loadRepository(root));
        const result = cached ?? validateRepository(repo, { now });
        let only: Set<string> | undefined;
        const filters: ((file: string) => boolean)[] = [];
        if (paths.length > 0) {
          const prefixes = paths.map((p) => repoRelative(root, path.resolve(io.cwd, p)));
          filters.push((file) =>
            prefixes.some((prefix) => prefix === '' || file === prefix || file.startsWith(`${prefix}/`)),
          );
        }
        if (options.changedSince !== undefined) {
          only = affectedFiles(repo, changedFilesOrUsage(root, options.changedSince));
          if (only) {
            const set = only;
            filters.push((file) => set.has(file));
          }
        }
        const diagnostics = result.diagnostics.filter((d: Diagnostic) => filters.every((keep) => keep(d.file)));
        const shown = {
          diagnostics,
          errors: diagnostics.filter((d) => d.severity === 'error').length,
          warnings: diagnostics.filter((d) => d.severity === 'warning').length,
        };
        const checked = repo.files.filter((file) => filters.every((keep) => keep(file))).length;
        io.stdout(
          options.format === 'json'
            ? formatJson(shown, checked)
            : options.format === 'github'
              ? formatGithub(shown)
              : formatText(shown, checked),
        );
        exitCode = shown.errors > 0 ? EXIT.errors : EXIT.ok;
      },
    );

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

  program
    .command('site')
    .description(
      'Build the static site for GitHub Pages: a dashboard of twelve months of trends, budgets and follow-up health, a page per team, service and incident, and the public status page with JSON and an Atom feed.',
    )
    .requiredOption('--out <dir>', 'directory to write the site to (created when missing)')
    .option(
      '--base-url <url>',
      "the site's absolute URL, for links in the Atom feed, e.g. https://acme.github.io/incidents/",
    )
    .option(
      '--source-url <url>',
      'prefix of links to the record files, e.g. https://github.com/acme/incidents/blob/main/ (default from $GITHUB_SERVER_URL, $GITHUB_REPOSITORY and $GITHUB_SHA)',
    )
    .option('--title <text>', "the site's title", 'Reliability')
    .option('--status-only', 'only the public status page (when the dashboard must not be published)')
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
Only what an incident's public: field marks public is on the status page; run "firebreak validate"
first: its public-text rule checks that text for internal names and blame. Pages use no
JavaScript and fetch nothing; charts are SVG rendered at build time.

Examples:
  firebreak site --out _site
  firebreak site --out _site --status-only --base-url https://status.example.com/`,
    )
    .action(
      async (options: {
        out: string;
        baseUrl?: string;
        sourceUrl?: string;
        title: string;
        statusOnly?: boolean;
        root?: string;
        now?: string;
      }) => {
        const env = io.env ?? {};
        for (const [name, value] of [
          ['--base-url', options.baseUrl],
          ['--source-url', options.sourceUrl],
        ] as const) {
          if (value !== undefined && !/^https?:\/\/[^\s]+\/$/.test(value))
            throw new UsageError(`${name} "${value}" is not an http(s) URL ending in /.`);
        }
        // Loaded here, not at the top: Vega is most of the CLI's size and only this command needs it.
        const { buildSite, siteWriter } = await import('../../lib/src/site/build.ts');
        const root = resolveRoot(io, options.root);
        const repo = loadRepository(root, { lean: true });
        const catalog = buildCatalog(repo);
        const sourceUrl =
          options.sourceUrl ??
          (env.GITHUB_REPOSITORY && env.GITHUB_SHA
            ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`
            : undefined);
        const writer = siteWriter(path.resolve(io.cwd, options.out));
        const count = await buildSite(
          repo,
          catalog,
          {
            now: parseNow(options.now) ?? Date.now(),
            baseUrl: options.baseUrl,
            sourceUrl,
            statusOnly: options.statusOnly,
            title: options.title,
          },
          writer.write,
        );
        await writer.flush();
        io.stdout(`Wrote ${count} files to ${options.out}.\n`);
      },
    );

  program
    .command('follow-ups')
    .description(
      'Reconcile action items, overdue postmortems and runbook reviews with GitHub tracking issues (what the follow-ups action does).',
    )
    .option('--dry-run', 'print the plan (each create, update, comment and close, and why) and write nothing')
    .option('--repo <owner/name>', 'the GitHub repository (default: $GITHUB_REPOSITORY)')
    .option('--base <branch>', 'branch the mark-done pull request targets', 'main')
    .option('--identity <login>', 'login the token acts as; only its issues are edited', DEFAULT_IDENTITY)
    .option('--max-writes <n>', 'at most this many writes in one run', String(DEFAULT_MAX_WRITES))
    .option('--api-url <url>', 'GitHub API URL (default: $GITHUB_API_URL or https://api.github.com)')
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
The token is read from $GITHUB_TOKEN, never from the command line. With --dry-run and no token, the
plan is made against a repository with no issues yet.

Examples:
  firebreak follow-ups --dry-run
  GITHUB_TOKEN=... firebreak follow-ups --repo acme/incidents --dry-run
  GITHUB_TOKEN=... firebreak follow-ups --repo acme/incidents`,
    )
    .action(
      async (options: {
        dryRun?: boolean;
        repo?: string;
        base: string;
        identity: string;
        maxWrites: string;
        apiUrl?: string;
        root?: string;
        now?: string;
      }) => {
        const env = io.env ?? {};
        const root = resolveRoot(io, options.root);
        const token = env.GITHUB_TOKEN;
        const repository =
          options.repo ?? env.GITHUB_REPOSITORY ?? (options.dryRun && !token ? 'your-org/your-repo' : undefined);
        if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository))
          throw new UsageError(
            repository
              ? `--repo "${repository}" is not owner/name.`
              : 'Give the repository with --repo owner/name (or set GITHUB_REPOSITORY).',
          );
        if (!token && !options.dryRun)
          throw new UsageError(
            'Set GITHUB_TOKEN to a token with issues, contents and pull-requests write access, or use --dry-run.',
          );
        const maxWrites = Number(options.maxWrites);
        if (!Number.isInteger(maxWrites) || maxWrites < 0)
          throw new UsageError(`--max-writes "${options.maxWrites}" is not a whole number of 0 or more.`);
        const real = token
          ? createOctokitPort({
              token,
              repository,
              baseUrl: options.apiUrl ?? env.GITHUB_API_URL,
              log: (line) => io.stderr(`${line}\n`),
            })
          : undefined;
        if (options.dryRun && !real)
          io.stderr('No GITHUB_TOKEN: planning against a repository with no tracking issues yet.\n');
        const report = await runFollowUps({
          root,
          now: parseNow(options.now) ?? Date.now(),
          port: real ?? createDryRunPort(),
          repository,
          commit: headCommit(root),
          baseBranch: options.base,
          identity: options.identity,
          maxWrites,
          dryRun: options.dryRun ?? false,
        });
        io.stdout(formatFollowUpsText(report));
        exitCode = report.result.failed.length > 0 ? EXIT.errors : EXIT.ok;
      },
    );

  program
    .command('new')
    .description(
      'Declare an incident: check the values against the records and write its file, incidents/YYYY/YYYY-MM-DD-<slug>.md, with the postmortem outline its severity requires.',
    )
    .option('--title <text>', 'what customers see, in one line')
    .option('--severity <level>', 'a level of the Severities policy, e.g. SEV1')
    .option('--services <names>', 'the affected services, separated by commas')
    .option(
      '--started <time>',
      'when impact began: YYYY-MM-DD HH:MM in the Config time zone, ISO 8601 with an offset, or "now"',
    )
    .option('--commander <handle>', 'the incident commander, a person of a Team, e.g. @alice')
    .option('--summary <text>', 'what is known so far (starts the Summary section)')
    .option('--dry-run', 'print the path and the file, and write nothing')
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
In a terminal, the values not given as options are asked for. The file is never overwritten: when
it exists, nothing is written. Exit codes: 0 written (or printed), 2 a value is wrong or the file exists.

Examples:
  firebreak new
  firebreak new --title "Card payments failing" --severity SEV1 --services payments-gateway \\
                --started "2026-11-21 09:30" --commander @alice --summary "PSP timeouts in both regions."
  firebreak new --severity SEV3 --started now ... --dry-run`,
    )
    .action(
      async (options: Partial<Record<DeclareField, string>> & { dryRun?: boolean; root?: string; now?: string }) => {
        const root = resolveRoot(io, options.root);
        const now = parseNow(options.now) ?? Date.now();
        const repo = loadRepository(root);
        const catalog = buildCatalog(repo);
        const values: DeclareValues = {
          title: options.title,
          severity: options.severity,
          services: options.services,
          started: options.started,
          commander: options.commander,
          summary: options.summary,
        };
        const questions: Record<DeclareField, string> = {
          title: 'Title (what customers see, in one line): ',
          severity: `Severity (${[...catalog.known.severities].join(', ')}): `,
          services: `Affected services, separated by commas (${[...catalog.known.services].sort().slice(0, 12).join(', ')}${catalog.known.services.size > 12 ? ', ...' : ''}): `,
          started: `Impact started (YYYY-MM-DD HH:MM in ${repo.config.timezone ?? 'UTC'}, or ISO 8601 with an offset) [now]: `,
          commander: 'Incident commander (@handle of a person in a Team): ',
          summary: 'Summary, what is known so far (optional): ',
        };
        const ask = async (field: DeclareField) => {
          try {
            const answer = (await io.prompt!(questions[field])).trim();
            values[field] = field === 'started' && answer === '' ? 'now' : answer;
          } catch (error) {
            if ((error as { name?: string })?.name === 'AbortError')
              throw new UsageError('Cancelled; nothing was written.');
            throw error;
          }
        };
        const fields = Object.keys(questions) as DeclareField[];
        if (io.prompt) {
          for (const field of fields) {
            if (values[field] !== undefined) continue;
            await ask(field);
            // Each answer is checked at once, so a wrong one is asked again before the next question.
            for (let round = 0; round < 3; round++) {
              const checked = declareIncident(values, repo, catalog, { now });
              const wrong = checked.ok ? [] : checked.problems.filter((p) => p.field === field);
              if (wrong.length === 0) break;
              io.stderr(formatDeclareProblems(wrong));
              await ask(field);
            }
          }
        }
        let result = declareIncident(values, repo, catalog, { now });
        // In a terminal, only the values that are wrong are asked again, a few times.
        for (let round = 0; !result.ok && io.prompt && round < 3; round++) {
          io.stderr(formatDeclareProblems(result.problems));
          for (const field of fields) if (result.problems.some((p) => p.field === field)) await ask(field);
          result = declareIncident(values, repo, catalog, { now });
        }
        if (!result.ok) {
          io.stderr(
            `${formatDeclareProblems(result.problems)}Nothing was written.${io.prompt ? '' : ' Give the values with the options above (firebreak new --help).'}\n`,
          );
          exitCode = EXIT.usage;
          return;
        }
        const { scaffold } = result;
        const target = path.join(root, ...scaffold.path.split('/'));
        const refuse = () => {
          io.stderr(
            `firebreak: ${scaffold.path} already exists, and firebreak new never overwrites a file. Nothing was written.\nIf it is this incident, edit that file; otherwise give a title that says what is different.\n`,
          );
          exitCode = EXIT.usage;
        };
        if (existsSync(target)) return refuse();
        if (options.dryRun) {
          io.stdout(`Would create ${scaffold.path} (${scaffold.id}, ${scaffold.severity}):\n\n${scaffold.text}`);
          return;
        }
        mkdirSync(path.dirname(target), { recursive: true });
        try {
          writeFileSync(target, scaffold.text, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') return refuse();
          throw error;
        }
        io.stdout(declaredNextSteps(scaffold));
      },
    );

  program
    .command('rules')
    .description(
      'Write Prometheus recording and multiwindow burn-rate alerting rules (Sloth-compatible names) for every SLO with a Prometheus indicator.',
    )
    .option('--out <dir>', 'directory for <slo>.rules.yaml, relative to the root', 'prometheus')
    .option('--check', 'write nothing; exit 1 when a generated file is missing, stale or orphaned (for CI)')
    .addOption(rootOption())
    .addHelpText(
      'after',
      `
Only files whose first line is "# Generated by Firebreak" are written or removed; hand-written rules
can live in the same directory. SLOs that cannot be expressed in PromQL are listed with the reason.
Docs: docs/prometheus.md.`,
    )
    .action((options: { out: string; check?: boolean; root?: string }) => {
      const root = resolveRoot(io, options.root);
      const repo = loadRepository(root);
      const { files, skipped } = generateRules(buildCatalog(repo), repo.documents);
      for (const s of skipped)
        io.stderr(
          `firebreak: ${s.file}: SLO ${s.slo} gets no rules: ${s.why}. Fix it, or, if it is measured elsewhere, add the annotation ${RULES_ANNOTATION}: "${RULES_OFF}".\n`,
        );
      const dir = path.resolve(root, options.out);
      if (path.relative(root, dir).startsWith('..'))
        throw new UsageError(`--out ${options.out} is outside the repository ${root}.`);
      // The files of SLOs that could not become rules stay as they are: failing loudly beats deleting alerts.
      const keep = skipped.map((s) => `${s.slo}${RULE_FILE_SUFFIX}`);
      const changes = options.check ? checkRuleFiles(dir, files, keep) : writeRuleFiles(dir, files, keep);
      const verb = options.check
        ? { missing: 'missing', stale: 'stale', orphan: 'orphaned' }
        : { missing: 'wrote', stale: 'updated', orphan: 'removed' };
      for (const c of changes) io.stdout(`${verb[c.problem]} ${path.join(options.out, c.file)}\n`);
      const unruled = skipped.length ? ` ${skipped.length} SLO(s) could not become rules (listed above).` : '';
      if (options.check) {
        io.stdout(
          changes.length
            ? `The generated rules are out of date: run "firebreak rules --out ${options.out}" and commit the result.${unruled}\n`
            : `The rules in ${options.out} are up to date (${files.length} file(s)).${unruled}\n`,
        );
      } else {
        io.stdout(
          `${files.length} rule file(s) in ${options.out}${changes.length ? '' : ', all already up to date'}.${unruled}\n`,
        );
      }
      // An SLO without alerts must not pass CI quietly.
      exitCode = (options.check && changes.length) || skipped.length ? EXIT.errors : EXIT.ok;
    });

  program
    .command('explain')
    .description('List the validation rules, or explain one: what it checks, why, and how to fix what it reports.')
    .argument('[rule]', 'a rule id, e.g. action-item-due')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown']).default('text'))
    .action((ruleId: string | undefined, options: { format: 'text' | 'markdown' }) => {
      if (options.format === 'markdown') {
        io.stdout(renderRulesMarkdown());
        return;
      }
      if (!ruleId) {
        const width = Math.max(...RULES.map((r) => r.id.length));
        io.stdout(
          RULES.map((r) => `${r.id.padEnd(width)}  ${r.defaultLevel.padEnd(7)}  ${r.description}`).join('\n') + '\n',
        );
        return;
      }
      const rule = RULES.find((r) => r.id === ruleId);
      if (!rule) throw new UsageError(`There is no rule "${ruleId}". Run "firebreak explain" for the list.`);
      io.stdout(`${rule.id} (default: ${rule.defaultLevel})\n\n${rule.description}\n\n${rule.docs.trim()}\n`);
    });

  registerAdoptCommands(program, { io, usage: (message) => new UsageError(message) });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`firebreak: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `firebreak: internal error: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in Firebreak; please report it.\n`,
    );
    return EXIT.usage;
  }
}

function changedFilesOrUsage(root: string, ref: string): string[] {
  try {
    return changedFilesSince(root, ref);
  } catch (error) {
    if (error instanceof GitError)
      throw new UsageError(error.message.startsWith('"') ? `--changed-since ${error.message}` : error.message);
    throw error;
  }
}

function usageOnCacheFile(error: unknown): never {
  throw error instanceof CacheFileError ? new UsageError(error.message) : error;
}

function parseJobs(jobs: string | undefined): number | undefined {
  if (jobs === undefined) return undefined;
  if (!/^\d{1,3}$/.test(jobs)) throw new UsageError(`--jobs must be a number of threads (1 for none), not "${jobs}".`);
  return Number(jobs);
}

function resolveRoot(io: CliIO, root: string | undefined): string {
  const dir = path.resolve(io.cwd, root ?? '.');
  if (!existsSync(dir)) throw new UsageError(`The repository root ${dir} does not exist.`);
  return realpathSync(dir);
}

function repoRelative(root: string, absolute: string): string {
  if (!existsSync(absolute)) throw new UsageError(`${absolute} does not exist.`);
  const relative = path.relative(root, realpathSync(absolute));
  if (relative.startsWith('..') || path.isAbsolute(relative))
    throw new UsageError(`${absolute} is outside the repository ${root}.`);
  return relative.split(path.sep).join('/');
}

function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--now "${value}" is not an ISO 8601 time such as 2026-11-21T09:00:00Z.`);
  return ms;
}

/** Identifies this build of Firebreak, so a cache never hands results of other code to this one. */
function codeVersion(): string {
  try {
    return createHash('sha1')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex');
  } catch {
    return 'unknown';
  }
}

/** The checked-out commit, for links; "HEAD" outside a git repository. */
function headCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'HEAD';
  }
}

/** The problems of a declaration, for the terminal: field, what is wrong, how to fix it. */
function formatDeclareProblems(problems: readonly DeclareProblem[]): string {
  const lines = [`firebreak: ${problems.length === 1 ? 'one value needs' : `${problems.length} values need`} fixing:`];
  for (const p of problems) lines.push(`  ${p.label}: ${p.message}`, `    fix: ${p.hint}`);
  return `${lines.join('\n')}\n`;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function declaredNextSteps(scaffold: { id: string; path: string; severity: string; rolesToName: string[] }): string {
  const branch = `declare/${scaffold.id.toLowerCase()}`;
  const steps = [
    ...(scaffold.rolesToName.length
      ? [
          `Name the roles ${scaffold.severity} requires besides the commander (${scaffold.rolesToName.join(', ')}) under roles: in the front matter.`,
        ]
      : []),
    `Commit it on a branch and open a pull request:\n       git switch -c ${branch}\n       git add ${shellQuote(scaffold.path)}\n       git commit -m "Declare ${scaffold.id}"\n       git push -u origin ${branch}`,
    `Check it as CI will: firebreak validate ${shellQuote(scaffold.path)}`,
    'As the incident goes on, update status, the timestamps and the timeline; write the postmortem in the same file.',
  ];
  return `Created ${scaffold.path}: ${scaffold.id}, ${scaffold.severity}, investigating.\n\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}\n`;
}

/**
 * Questions and answers on the terminal with node:readline/promises, the questions on stderr so
 * stdout stays the command's output. The interface opens at the first question; Ctrl-C and
 * Ctrl-D cancel (the pending question rejects with an AbortError).
 */
export function createTerminalPrompt(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): { prompt(question: string): Promise<string>; close(): void } {
  let rl: ReturnType<typeof createInterface> | undefined;
  const abort = new AbortController();
  return {
    prompt(question) {
      if (!rl) {
        rl = createInterface({ input, output, terminal: true });
        rl.on('SIGINT', () => abort.abort());
        rl.on('close', () => abort.abort());
      }
      return rl.question(question, { signal: abort.signal });
    },
    close() {
      rl?.close();
    },
  };
}
