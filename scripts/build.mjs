// Bundles every entry point (the CLI and, later, each action) into a committed dist/ with ncc.
// CI runs this and fails when the committed bundles differ from a fresh build.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const ENTRIES = [
  { src: 'actions/cli/src/index.ts', out: 'actions/cli/dist', executable: true },
  { src: 'actions/follow-ups/src/index.ts', out: 'actions/follow-ups/dist' },
  { src: 'actions/report/src/index.ts', out: 'actions/report/dist' },
  { src: 'actions/validate/src/index.ts', out: 'actions/validate/dist' },
  { src: 'actions/comment/src/index.ts', out: 'actions/comment/dist' },
  { src: 'actions/declare/src/index.ts', out: 'actions/declare/dist' },
  { src: 'actions/live/src/index.ts', out: 'actions/live/dist' },
];

// The schema validators are generated code that the bundles include.
execFileSync(process.execPath, [path.join(root, 'scripts', 'compile-schemas.mjs')], { cwd: root, stdio: 'inherit' });

for (const entry of ENTRIES) {
  const out = path.join(root, entry.out);
  rmSync(out, { recursive: true, force: true });
  // --transpile-only: ncc would otherwise type-check the whole program again for every entry (two
  // thirds of a build); `npm run typecheck` checks it once, and CI runs both.
  execFileSync(
    process.execPath,
    [
      ncc,
      'build',
      path.join(root, entry.src),
      '-o',
      out,
      '--quiet',
      '--no-source-map-register',
      '--license',
      'licenses.txt',
      '--transpile-only',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const bundle = path.join(out, 'index.js');
  if (entry.executable) {
    const code = readFileSync(bundle, 'utf8');
    if (!code.startsWith('#!')) writeFileSync(bundle, `#!/usr/bin/env node\n${code}`, { mode: 0o755 });
  }
  if (!existsSync(bundle)) throw new Error(`ncc produced no ${bundle}`);
}
