// The plumbing every command shares: the IO it is given, exit codes, usage errors, and the parsing of
// the options several commands take (--root, --now, --jobs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';

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

/**
 * A mistake the user can mend (the command line, its values, an incomplete installation): printed as
 * "firebreak: <message>", without a stack, exit code 2.
 */
export class UsageError extends Error {}

/** What each command's register function is given. */
export interface CommandContext {
  io: CliIO;
  /** Sets the code `runCli` returns when the command ends without throwing (default: EXIT.ok). */
  setExitCode(code: number): void;
}

export const rootOption = () => new Option('-C, --root <dir>', 'repository root (default: the current directory)');
export const nowOption = () =>
  new Option('--now <timestamp>', 'evaluate deadlines and reviews as of this ISO 8601 time instead of the clock');

export function resolveRoot(io: CliIO, root: string | undefined): string {
  const dir = path.resolve(io.cwd, root ?? '.');
  if (!existsSync(dir)) throw new UsageError(`The repository root ${dir} does not exist.`);
  return realpathSync(dir);
}

/** `absolute` as a path inside `root` with forward slashes ('' for the root itself). */
export function repoRelative(root: string, absolute: string): string {
  if (!existsSync(absolute)) throw new UsageError(`${absolute} does not exist.`);
  const relative = path.relative(root, realpathSync(absolute));
  if (relative.startsWith('..') || path.isAbsolute(relative))
    throw new UsageError(`${absolute} is outside the repository ${root}.`);
  return relative.split(path.sep).join('/');
}

export function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--now "${value}" is not an ISO 8601 time such as 2026-11-21T09:00:00Z.`);
  return ms;
}

export function parseJobs(jobs: string | undefined): number | undefined {
  if (jobs === undefined) return undefined;
  if (!/^\d{1,3}$/.test(jobs)) throw new UsageError(`--jobs must be a number of threads (1 for none), not "${jobs}".`);
  return Number(jobs);
}

/** Identifies this build of Firebreak, so a cache never hands results of other code to this one. */
export function codeVersion(): string {
  try {
    return createHash('sha1')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex');
  } catch {
    return 'unknown';
  }
}

/** The checked-out commit, for links; "HEAD" outside a git repository. */
export function headCommit(root: string): string {
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
