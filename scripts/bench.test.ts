// The benchmark's own checks: the corpus generator is deterministic and makes records that the
// bundled CLI validates without errors, and run.mjs produces every figure on a tiny corpus.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'scripts', 'bench', 'corpus.mjs');
const RUN = path.join(ROOT, 'scripts', 'bench', 'run.mjs');
const CLI = path.join(ROOT, 'actions', 'cli', 'dist', 'index.js');
const NOW = '2026-11-21T12:00:00Z';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'firebreak-bench-test-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function generate(out: string, seed = 1, incidents = 30): void {
  execFileSync(process.execPath, [CORPUS, '--incidents', String(incidents), '--seed', String(seed), '--out', out], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

/** Every file under dir, relative, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  return new Map(files.map((f) => [f, readFileSync(path.join(dir, f))]));
}

describe('benchmark corpus', () => {
  const first = path.join(tmp, 'a');
  const second = path.join(tmp, 'b');
  const other = path.join(tmp, 'c');

  it('is deterministic: the same seed gives identical bytes, another seed other incidents', () => {
    generate(first);
    generate(second);
    generate(other, 2);
    const a = snapshot(first);
    const b = snapshot(second);
    const incidents = [...a.keys()].filter((f) => f.startsWith('incidents/'));
    expect(incidents).toHaveLength(30);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file)!), file).toBe(true);
    expect([...snapshot(other).keys()].filter((f) => f.startsWith('incidents/'))).not.toEqual(incidents);
    for (const file of incidents) {
      expect(file).toMatch(/^incidents\/\d{4}\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
      expect(a.get(file)!.length).toBeGreaterThanOrEqual(4096);
      expect(a.get(file)!.length).toBeLessThanOrEqual(8192);
    }
  });

  it('validates with no errors through the bundled CLI', () => {
    const run = spawnSync(process.execPath, [CLI, 'validate', '--root', first, '--now', NOW, '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const report = JSON.parse(run.stdout) as {
      summary: { errors: number; filesChecked: number };
      diagnostics: { severity: string; rule: string; message: string }[];
    };
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.filesChecked).toBeGreaterThan(30);
    expect(run.status).toBe(0);
  });
});

describe('benchmark runner', () => {
  it('measures every figure on 30 incidents and writes them as JSON', { timeout: 240_000 }, () => {
    const out = path.join(tmp, 'result.json');
    const run = spawnSync(process.execPath, [RUN, '--sizes', '30', '--runs', '1', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.environment).toMatchObject({
      node: process.version,
      cores: expect.any(Number),
      cpu: expect.any(String),
    });
    expect(result.sizes).toHaveLength(1);
    expect(result.sizes[0].incidents).toBe(30);
    const figures = [
      'floorRead',
      'floorYaml',
      'validateCold',
      'validateColdOneThread',
      'validateWarm',
      'report',
      'site',
      'markdownlint',
      'remark',
    ];
    expect(Object.keys(result.sizes[0].figures)).toEqual(figures);
    for (const name of figures) {
      const figure = result.sizes[0].figures[name];
      expect(figure.runsMs, name).toHaveLength(1);
      expect(figure.medianMs, name).toBeGreaterThan(0);
      expect(figure.peakMB, name).toBeGreaterThan(0);
    }
    for (const name of ['nodeBare', 'actionStart']) expect(result.startup[name].medianMs, name).toBeGreaterThan(0);
    expect(result.targets.map((t: { id: string }) => t.id)).toEqual([
      'validate-cold-vs-floor-b',
      'validate-cold-vs-markdownlint',
      'validate-warm-vs-floor-a',
      'site-vs-report',
      'site-page-size',
      'report-memory-50k',
      'action-start',
    ]);
    expect(result.sizes[0].site).toMatchObject({
      pages: expect.any(Number),
      largestPage: expect.any(String),
      largestPageBytes: expect.any(Number),
    });
    expect(run.stdout).toContain('| firebreak site |');
    expect(run.stdout).toContain('| firebreak validate (cold) |');
  });
});
