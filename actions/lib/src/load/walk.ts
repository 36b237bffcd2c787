import { readdirSync } from 'node:fs';
import path from 'node:path';
import { FileProblem, resolveInside, toPosix } from './read-file.ts';

/**
 * Lists record files under a repository directory, sorted, without following links.
 * Hidden entries and README files are not records. Links are reported, never followed.
 */
export function listRecordFiles(
  root: string,
  dir: string,
  extensions: readonly string[],
): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  let start: string;
  try {
    start = resolveInside(root, dir);
  } catch (error) {
    return { files, problems: [error as FileProblem] };
  }
  // `relativeDir` is `absolute` relative to the root, with forward slashes, built as we descend.
  const visit = (absolute: string, relativeDir: string) => {
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
        return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        problems.push(
          new FileProblem(
            relative,
            `${relative} is a symbolic link; Firebreak does not follow links, so it was not read.`,
            'Replace the link with the file or directory itself.',
          ),
        );
      } else if (entry.isDirectory()) {
        visit(path.join(absolute, entry.name), relative);
      } else if (
        entry.isFile() &&
        extensions.some((ext) => entry.name.toLowerCase().endsWith(ext)) &&
        !/^readme\.md$/i.test(entry.name)
      ) {
        files.push(relative);
      }
    }
  };
  visit(start, toPosix(path.relative(root, start)));
  return { files, problems };
}
