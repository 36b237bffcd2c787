// `firebreak follow-ups`: what the follow-ups action does, from a terminal.
import type { Command } from 'commander';
import {
  createDryRunPort,
  createOctokitPort,
  DEFAULT_IDENTITY,
  DEFAULT_MAX_WRITES,
  formatFollowUpsText,
  runFollowUps,
} from '../../../lib/src/index.ts';
import {
  EXIT,
  headCommit,
  nowOption,
  parseNow,
  resolveRoot,
  rootOption,
  UsageError,
  type CommandContext,
} from '../shared.ts';

export function registerFollowUpsCommand(program: Command, { io, setExitCode }: CommandContext): void {
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
        setExitCode(report.result.failed.length > 0 ? EXIT.errors : EXIT.ok);
      },
    );
}
