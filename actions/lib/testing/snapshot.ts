// What a directory holds, for tests that check a command left files byte for byte as they were.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every regular file under `root` (symbolic links are neither followed nor listed), by its path
 * relative to `root` with `/` separators, with what `read` says of it (given its full path).
 */
export function snapshotFiles(root: string, read: (file: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out[path.relative(root, full).split(path.sep).join('/')] = read(full);
    }
  };
  walk(root);
  return out;
}
