// `firebreak init`: writes the files of a team's repository that are missing, and converts the
// workflows of a "Use this template" copy (which run ./actions/<name>) to the pinned release.
// Existing files are never changed otherwise, so running it twice changes nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initFiles, type InitInput } from './files.ts';

export type InitOutcome = 'created' | 'converted' | 'kept';

export interface InitResult {
  files: { path: string; outcome: InitOutcome }[];
}

/** A workflow of a template copy: it runs Firebreak's actions or command from the repository itself. */
const LOCAL_ACTION = /^\s*(?:-\s+)?uses:\s*\.\/actions\/[\w-]+\s*$|\bnode actions\/cli\/dist\/index\.js\b/m;

/** What init would do in `dir`, without writing. */
export function planInit(dir: string, input: InitInput): { path: string; outcome: InitOutcome; content: string }[] {
  return Object.entries(initFiles(input)).map(([file, content]) => {
    const target = path.join(dir, ...file.split('/'));
    if (!existsSync(target)) return { path: file, outcome: 'created' as const, content };
    const converts = file.startsWith('.github/workflows/') && LOCAL_ACTION.test(readFileSync(target, 'utf8'));
    return { path: file, outcome: converts ? ('converted' as const) : ('kept' as const), content };
  });
}

/** Writes what planInit plans: new files, and the converted workflows. */
export function applyInit(dir: string, input: InitInput): InitResult {
  const plan = planInit(dir, input);
  for (const step of plan) {
    if (step.outcome === 'kept') continue;
    const target = path.join(dir, ...step.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, step.content, step.outcome === 'created' ? { flag: 'wx' } : {});
  }
  return { files: plan.map(({ path: file, outcome }) => ({ path: file, outcome })) };
}
