// Bundles every entry point (the CLI and each action) into a committed dist/ with ncc.
// CI runs this and fails when the committed bundles differ from a fresh build.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLicenses } from './licenses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
// Each entry is actions/<name>/src/index.ts, bundled into actions/<name>/dist; the CLI's bundle is executable.
const ENTRIES = ['cli', 'follow-ups', 'report', 'validate', 'comment', 'declare', 'live'].map((name) => ({
  src: `actions/${name}/src/index.ts`,
  out: `actions/${name}/dist`,
  executable: name === 'cli',
}));

// The schema validators are generated code that the bundles include.
execFileSync(process.execPath, [path.join(root, 'scripts', 'compile-schemas.mjs')], { cwd: root, stdio: 'inherit' });

// Each entry is built into a scratch folder beside its dist/ and swapped in only when complete, so a
// build that is stopped half way leaves the committed bundles as they were. Entries are independent:
// they are built side by side, as many at a time as there are cores.
async function build(entry) {
  const out = path.join(root, entry.out);
  const scratch = `${out}.building-${process.pid}`;
  const stats = path.join(tmpdir(), `firebreak-build-${process.pid}-${path.basename(path.dirname(out))}.json`);
  rmSync(scratch, { recursive: true, force: true });
  // --transpile-only: ncc would otherwise type-check the whole program again for every entry (two
  // thirds of a build); `npm run typecheck` checks it once, and CI runs both.
  const args = [
    ncc,
    'build',
    path.join(root, entry.src),
    '-o',
    scratch,
    '--quiet',
    '--no-source-map-register',
    '--stats-out',
    stats,
    '--transpile-only',
  ];
  const code = await new Promise((resolve) =>
    spawn(process.execPath, args, { cwd: root, stdio: 'inherit' }).on('close', resolve),
  );
  const bundle = path.join(scratch, 'index.js');
  if (code !== 0 || !existsSync(bundle)) {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(stats, { force: true });
    throw new Error(`ncc failed for ${entry.src} (exit ${code}); ${entry.out} is unchanged.`);
  }
  // The third-party licenses of every chunk (ncc's --license keeps only the last chunk's).
  writeFileSync(
    path.join(scratch, 'licenses.txt'),
    renderLicenses(stats, path.join(root, 'node_modules', '@vercel', 'ncc')),
  );
  rmSync(stats, { force: true });
  if (entry.executable) {
    const text = readFileSync(bundle, 'utf8');
    if (!text.startsWith('#!')) writeFileSync(bundle, `#!/usr/bin/env node\n${text}`, { mode: 0o755 });
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(scratch, out);
}

const queue = [...ENTRIES];
const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  for (let entry = queue.shift(); entry; entry = queue.shift()) await build(entry);
});
await Promise.all(workers);
