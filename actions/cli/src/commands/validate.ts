// `firebreak validate`: check the records and print their problems as text, JSON or workflow commands.
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  affectedFiles,
  CacheFileError,
  changedFilesSince,
  formatGithub,
  formatJson,
  formatText,
  GitError,
  loadRepository,
  loadRepositoryInParallel,
  PARALLEL_MIN_FILES,
  validateRepository,
  validateWithCache,
  type Diagnostic,
} from '../../../lib/src/index.ts';
import {
  codeVersion,
  EXIT,
  nowOption,
  parseJobs,
  parseNow,
  repoRelative,
  resolveRoot,
  rootOption,
  UsageError,
  type CommandContext,
} from '../shared.ts';

export function registerValidateCommand(program: Command, { io, setExitCode }: CommandContext): void {
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
        setExitCode(shown.errors > 0 ? EXIT.errors : EXIT.ok);
      },
    );
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
