// Test helpers: a temporary copy of a fixture repository with changes applied, validated.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRepository, validateRepository, type Diagnostic } from '../src/index.ts';
import { tempDir } from '../testing/temp.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const BASE = path.join(FIXTURES, 'base');
/** The moment the tests treat as now. */
export const NOW = Date.parse('2026-11-21T12:00:00Z');

export type Change = string | Buffer | ((text: string) => string) | null;

/** Copies a fixture repository to a temporary directory and applies changes: new content, an edit, or null to delete. */
export function fixtureRepo(changes: Record<string, Change> = {}, from = BASE): string {
  const dir = tempDir('test');
  cpSync(from, dir, { recursive: true });
  for (const [file, change] of Object.entries(changes)) {
    const target = path.join(dir, file);
    if (change === null) {
      rmSync(target, { force: true });
    } else if (typeof change === 'function') {
      const before = readFileSync(target, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`The change to ${file} changed nothing: the test would not test anything.`);
      writeFileSync(target, after);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, change);
    }
  }
  return dir;
}

/** A change that replaces exactly one occurrence of `from`, failing loudly when the fixture no longer has it. */
export function replace(from: string, to: string): (text: string) => string {
  return (text) => {
    const index = text.indexOf(from);
    if (index < 0 || text.indexOf(from, index + 1) >= 0)
      throw new Error(`Expected exactly one "${from}" in the fixture.`);
    return text.slice(0, index) + to + text.slice(index + from.length);
  };
}

export function validate(root: string, now = NOW): Diagnostic[] {
  return validateRepository(loadRepository(root), { now }).diagnostics;
}

/** The 1-based line of the only line in `file` that contains `needle`. */
export function lineOf(root: string, file: string, needle: string): number {
  const lines = readFileSync(path.join(root, file), 'utf8').split(/\r?\n/);
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (found.length !== 1)
    throw new Error(`Expected exactly one line containing "${needle}" in ${file}, found ${found.length}.`);
  return found[0]!;
}

/** Diagnostics as short strings, easy to compare: "rule file:line message". */
export function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`);
}
