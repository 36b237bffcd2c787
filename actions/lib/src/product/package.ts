// What this copy of Firebreak is: its version and where it was released from, read from the
// package.json it ships with, so a release's CLI names its own version without a rebuild.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProductInfo {
  /** The package's directory: the release's files (schemas/, docs/) are under it. */
  root: string;
  version: string;
  /** The GitHub repository releases come from, as owner/name. */
  repository: string;
}

/** The GitHub owner/name in a package.json `repository` field ("github:o/n", "o/n" or a github.com URL). */
export function githubRepository(field: unknown): string | undefined {
  const url =
    typeof field === 'string'
      ? field
      : typeof field === 'object' && field !== null
        ? (field as { url?: unknown }).url
        : undefined;
  if (typeof url !== 'string') return undefined;
  const match =
    /^(?:github:)?([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(url) ??
    /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return match?.[1];
}

/**
 * Finds the firebreak package.json above `from` (the running module: src/ in development, the
 * bundle's dist/ in a release). Throws when there is none, which only a broken install causes.
 */
export function productInfo(from: string | URL = import.meta.url): ProductInfo {
  let dir = path.dirname(typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; repository?: unknown };
      if (pkg.name === 'firebreak' && typeof pkg.version === 'string') {
        return {
          root: dir,
          version: pkg.version,
          repository: githubRepository(pkg.repository) ?? 'firebreak-dev/firebreak',
        };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`No firebreak package.json above ${from}: the installation is incomplete; reinstall firebreak.`);
    dir = parent;
  }
}
