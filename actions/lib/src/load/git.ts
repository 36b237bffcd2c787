import { execFileSync } from 'node:child_process';

export class GitError extends Error {}

/**
 * Files changed since `ref` in the repository at `root`: committed, staged, unstaged and
 * untracked, repository-relative. The ref is passed to git as data, never to a shell.
 */
export function changedFilesSince(root: string, ref: string): string[] {
  if (ref.startsWith('-') || ref.length > 200 || /[\0\s]/.test(ref)) throw new GitError(`"${ref}" is not a git ref.`);
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new GitError(
        `git ${args.join(' ')} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}. Is ${root} a git repository with the ref "${ref}"?`,
      );
    }
  };
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  // Both commands print paths relative to the working directory, which is the repository root we read.
  const diff = git(['diff', '--name-only', '--no-renames', '-z', '--relative', ref, '--']).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return [...new Set([...diff, ...untracked].filter(Boolean))];
}

/**
 * Git's blob id of every regular file under `root` that git tracks and whose working copy matches
 * the index, keyed by path relative to `root`: content ids known without reading the files (the
 * index keeps them; `git diff-files` finds the files that changed since, by their stat data).
 * Undefined when `root` is not in a git working tree or git cannot say.
 */
export function unmodifiedBlobIds(root: string): Map<string, string> | undefined {
  // core.fsmonitor could name a program to run: this only reads.
  const git = (args: string[]) =>
    execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  try {
    // Both print paths relative to the working directory, which is the repository root we read.
    const staged = git(['ls-files', '--stage', '-z']);
    const modified = new Set(git(['diff-files', '--name-only', '--relative', '-z']).split('\0'));
    const ids = new Map<string, string>();
    for (const entry of staged.split('\0')) {
      // "<mode> <blob id> <stage>\t<path>"; stage 0 is a merged entry, mode 100644/100755 a regular file.
      const match = /^100(?:644|755) ([0-9a-f]{40}) 0\t(.+)$/s.exec(entry);
      if (match && !modified.has(match[2]!)) ids.set(match[2]!, match[1]!);
    }
    return ids;
  } catch {
    return undefined;
  }
}
