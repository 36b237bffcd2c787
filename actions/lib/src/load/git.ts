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
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}. Is ${root} a git repository with the ref "${ref}"?`);
    }
  };
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  // Both commands print paths relative to the working directory, which is the repository root we read.
  const diff = git(['diff', '--name-only', '--no-renames', '-z', '--relative', ref, '--']).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return [...new Set([...diff, ...untracked].filter(Boolean))];
}
