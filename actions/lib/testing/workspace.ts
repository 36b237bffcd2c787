// What every end-to-end action test sets up: a temporary copy of the example repository, and the
// GitHub server checked against GitHub's contract after each test, then closed.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll } from 'vitest';
import { loadContract } from './github-contract.ts';
import type { GitHubServer } from './github-server.ts';
import { tempDir } from './temp.ts';

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RECORD_DIRS = ['incidents', 'policies', 'slos', 'runbooks'];

/** A fresh temporary copy of `dirs` of the example repository (a `tempDir`). */
export function copyExample(prefix: string, dirs = RECORD_DIRS): string {
  const workspace = tempDir(prefix);
  for (const dir of dirs) cpSync(path.join(PROJECT, dir), path.join(workspace, dir), { recursive: true });
  return workspace;
}

/**
 * Loads GitHub's contract once; after each test, fails it if the server saw a request outside the
 * contract, closes the server (closing twice is harmless) and removes the workspace. `current`
 * gives the test file's server and workspace of the moment.
 */
export function endToEndHooks(current: () => { server?: GitHubServer; workspace?: string }): void {
  beforeAll(async () => {
    await loadContract();
  }, 60_000);
  afterEach(async () => {
    const { server, workspace } = current();
    server?.expectNoViolations();
    await server?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });
}
