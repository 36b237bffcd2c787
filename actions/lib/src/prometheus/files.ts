// Keeping a directory of generated rule files in step with the SLOs: write them (removing files
// this generator wrote for SLOs that no longer exist), or check that they are up to date. Only
// files whose first line carries the generated marker are ever removed or reported as extra, so
// hand-written rules can live in the same directory.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_MARKER, RULE_FILE_SUFFIX, type RuleFile } from './rules.ts';

export interface RuleFileProblem {
  /** File name inside the directory. */
  file: string;
  /** missing: not written yet; stale: differs from what the SLOs give; orphan: generated for an SLO that is gone. */
  problem: 'missing' | 'stale' | 'orphan';
}

function generatedFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(RULE_FILE_SUFFIX))
    .map((entry) => entry.name)
    .filter((name) => readFileSync(path.join(dir, name), 'utf8').startsWith(GENERATED_MARKER))
    .sort();
}

/**
 * How the directory differs from the generated files; empty when it is up to date. `keep` names
 * generated files to leave alone although nothing generates them now: those of SLOs that exist but
 * could not become rules this time (a typo in a query must not delete an SLO's alerts).
 */
export function checkRuleFiles(
  dir: string,
  files: readonly RuleFile[],
  keep: readonly string[] = [],
): RuleFileProblem[] {
  const problems: RuleFileProblem[] = [];
  const wanted = new Set([...files.map((f) => f.name), ...keep]);
  for (const file of files) {
    const target = path.join(dir, file.name);
    if (!existsSync(target)) problems.push({ file: file.name, problem: 'missing' });
    else if (readFileSync(target, 'utf8') !== file.text) problems.push({ file: file.name, problem: 'stale' });
  }
  for (const name of generatedFilesIn(dir)) if (!wanted.has(name)) problems.push({ file: name, problem: 'orphan' });
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Writes the files into `dir` (created if needed) and removes generated files of SLOs that are gone. Returns what changed. */
export function writeRuleFiles(
  dir: string,
  files: readonly RuleFile[],
  keep: readonly string[] = [],
): RuleFileProblem[] {
  const changes = checkRuleFiles(dir, files, keep);
  mkdirSync(dir, { recursive: true });
  for (const change of changes) {
    const target = path.join(dir, change.file);
    if (change.problem === 'orphan') rmSync(target);
    else writeFileSync(target, files.find((f) => f.name === change.file)!.text);
  }
  return changes;
}
