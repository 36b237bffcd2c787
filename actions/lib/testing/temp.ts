// Temporary directories for tests, removed when the test file's tests are done.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, `firebreak-<prefix>-…`, removed when the test file's tests are done. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `firebreak-${prefix}-`));
  temporary.push(dir);
  return dir;
}
