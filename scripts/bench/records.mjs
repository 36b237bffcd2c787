// The record files of a Firebreak repository, as the CLI finds them with the default Config:
// incidents/**/*.md, runbooks/**/*.md, slos/**/*.yaml and policies/**/*.yaml (hidden entries and
// README.md left out). Shared by the floor and peer scripts of the benchmark.
import { readdirSync } from 'node:fs';
import path from 'node:path';

const DIRS = [
  ['incidents', ['.md']],
  ['runbooks', ['.md']],
  ['slos', ['.yaml', '.yml']],
  ['policies', ['.yaml', '.yml']],
];

/** Absolute paths of the record files under `root`, sorted per directory. `only` picks directories. */
export function recordFiles(root, only = DIRS.map(([dir]) => dir)) {
  const files = [];
  const visit = (dir, extensions) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const child = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(child, extensions);
      else if (
        entry.isFile() &&
        extensions.some((ext) => entry.name.toLowerCase().endsWith(ext)) &&
        !/^readme\.md$/i.test(entry.name)
      )
        files.push(child);
    }
  };
  for (const [dir, extensions] of DIRS) if (only.includes(dir)) visit(path.join(root, dir), extensions);
  return files;
}

/** The root given as --root DIR (or the first argument), else the current directory. */
export function rootFromArgs(argv = process.argv.slice(2)) {
  const i = argv.indexOf('--root');
  return path.resolve(i >= 0 ? argv[i + 1] : (argv[0] ?? '.'));
}
