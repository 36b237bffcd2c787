import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRulesMarkdown, ruleDocsIn, RULES, type Rule } from '../src/index.ts';
import { readRuleDocs } from '../src/rules/docs-source.ts';
import { SCHEMA_IDS } from '../src/schema/validate.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the rule registry', () => {
  it('has unique, stable-looking ids, one-line descriptions and docs for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(rule.description).not.toContain('\n');
      expect(rule.description.length).toBeLessThan(200);
      expect(readRuleDocs(rule).trim().length).toBeGreaterThan(80);
      expect(['error', 'warning']).toContain(rule.defaultLevel);
    }
  });

  it('matches docs/rules.md (run "npm run docs" after changing a rule)', () => {
    expect(readFileSync(path.join(PROJECT, 'docs/rules.md'), 'utf8')).toBe(renderRulesMarkdown(RULES, readRuleDocs));
  });

  it('lists a section per rule in docs/rules.md that the rule table links to, and reads each back whole', () => {
    const doc = renderRulesMarkdown(RULES, readRuleDocs);
    for (const rule of RULES) {
      expect(doc).toContain(`\n## ${rule.id}\n`);
      expect(doc).toContain(`[\`${rule.id}\`](#${rule.id})`);
      expect(ruleDocsIn(doc, RULES, rule.id)).toBe(readRuleDocs(rule).trim());
    }
    expect(ruleDocsIn(doc, RULES, 'no-such-rule')).toBeUndefined();
  });
});

describe('the rule files', () => {
  const rulesDir = path.join(PROJECT, 'actions/lib/src/rules');
  // Rule plumbing, not rules: the registry, the Rule type, the shared finding helpers, the loader-problem factory, where the docs are.
  const plumbing = ['index.ts', 'rule.ts', 'helpers.ts', 'from-loader.ts', 'docs-source.ts'];
  const isRule = (value: unknown): value is Rule =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Rule).id === 'string' &&
    typeof (value as Rule).check === 'function';
  const rulesIn = async (file: string): Promise<Rule[]> =>
    Object.values((await import(path.join(rulesDir, file))) as Record<string, unknown>).filter(isRule);
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && !plumbing.includes(f));

  it.each(files)('%s holds exactly one rule, whose id is the file name', async (file) => {
    expect((await rulesIn(file)).map((r) => r.id)).toEqual([file.replace(/\.ts$/, '')]);
  });

  it('hold every registered rule and only those; the plumbing holds none', async () => {
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const file of plumbing) expect(await rulesIn(file), file).toEqual([]);
  });

  it('are each documented by the Markdown file of the same name, and every Markdown file documents a rule', () => {
    const docs = readdirSync(rulesDir).filter((f) => f.endsWith('.md'));
    expect(docs.map((f) => f.replace(/\.md$/, '')).sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});

describe('the bundled schemas', () => {
  it('are exactly the files in schemas/', () => {
    const files = readdirSync(path.join(PROJECT, 'schemas')).filter((f) => f.endsWith('.json'));
    expect([...SCHEMA_IDS].sort()).toEqual(files.sort());
  });

  it('are compiled from the current schemas (else "npm run build" regenerates compiled.cjs)', () => {
    const check = spawnSync(process.execPath, [path.join(PROJECT, 'scripts', 'compile-schemas.mjs'), '--check'], {
      cwd: PROJECT,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
