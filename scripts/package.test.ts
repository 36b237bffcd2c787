// The package is ready to publish and to depend on: what `npm pack` ships, the command, the Node
// versions it supports, and a changelog entry for the version it says it is.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../actions/cli/src/cli.ts';
import { hasNode24, NODE24, NODE24_INSTALL } from '../actions/lib/testing/runner.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  version: string;
  engines: { node: string };
  bin: Record<string, string>;
  files: string[];
};

describe('package.json', () => {
  it('is publishable: not private, a semantic version, a repository, engines for the current LTS lines', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.repository).toBeDefined();
    // Node 20 is end of life; 22.12 is the first 22 that loads ESM from require without a flag.
    expect(pkg.engines.node).toBe('>=22.12');
  });

  it.skipIf(!hasNode24())(`installs without an engine warning under Node 24 (needs ${NODE24_INSTALL})`, () => {
    // npm itself, run by the Node 24 binary: every dependency's engines must accept the LTS lines we support.
    const npmCli = path.join(
      execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(),
      'npm',
      'bin',
      'npm-cli.js',
    );
    const run = spawnSync(NODE24, [npmCli, 'ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain('EBADENGINE');
  });

  it("ships the bundled command, the schemas, the rules' docs and the changelog, and nothing of the sources or tests", () => {
    const listing = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
    ) as [{ files: { path: string }[] }];
    const files = listing[0].files.map((f) => f.path);
    expect(files).toContain(pkg.bin.firebreak);
    expect(files).toContain('schemas/incident.schema.json');
    expect(files).toContain('CHANGELOG.md');
    expect(files).toContain('docs/rules.md'); // `firebreak explain` reads the rules' docs from it
    expect(files.filter((f) => f.endsWith('.ts') || f.startsWith('incidents/') || f.startsWith('policies/'))).toEqual(
      [],
    );
  });

  it("names the license of every bundled package, in every chunk of the CLI's bundle and in each action's", () => {
    const licenses = (dist: string) => readFileSync(path.join(ROOT, dist, 'licenses.txt'), 'utf8');
    const named = (text: string, name: string) => text.startsWith(`${name}\n`) || text.includes(`\n\n${name}\n`);
    const cli = licenses('actions/cli/dist');
    // commander and yaml are in the main chunk; vega and parse5 in the chunk the first chart loads.
    for (const name of ['commander', 'yaml', 'vega', 'vega-lite', 'parse5', '@vercel/ncc'])
      expect(named(cli, name), name).toBe(true);
    for (const action of ['validate', 'comment', 'declare', 'follow-ups', 'report', 'live']) {
      const text = licenses(`actions/${action}/dist`);
      for (const name of ['@actions/core', '@octokit/core']) expect(named(text, name), `${action}: ${name}`).toBe(true);
      expect(named(text, 'vega'), action).toBe(false);
    }
  });

  it('has a changelog entry for its version, and the command reports that version', async () => {
    expect(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')).toContain(`\n## ${pkg.version}\n`);
    let out = '';
    expect(await runCli(['--version'], { stdout: (t) => (out += t), stderr: () => {}, cwd: ROOT })).toBe(0);
    expect(out.trim()).toBe(pkg.version);
  });
});
