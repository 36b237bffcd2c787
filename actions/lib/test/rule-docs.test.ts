// The rules' docs as tests (remark-lint's discipline), and the rules' test coverage, checked
// without running the other tests (so a filtered run, `vitest -t <rule>`, passes).
//
// A rule's docs carry fenced examples whose info string is `<lang> example valid|invalid <file>`:
// each is added to the base fixture as that file and validated; the rule fires on an invalid
// example and not on a valid one.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, type Rule } from '../src/index.ts';
import { fixtureRepo, validate } from './repo.ts';

interface Example {
  kind: 'valid' | 'invalid';
  file: string;
  text: string;
}

const FENCE = /^```\w+ example (valid|invalid) (\S+)\n([\s\S]*?)^```$/gm;

function examplesOf(rule: Rule): Example[] {
  return [...rule.docs.matchAll(FENCE)].map((m) => ({ kind: m[1] as Example['kind'], file: m[2]!, text: m[3]! }));
}

const withExamples = RULES.map((rule) => ({ rule, examples: examplesOf(rule) })).filter((r) => r.examples.length > 0);

describe.each(withExamples.map((r) => [r.rule.id, r] as const))('%s docs examples', (_id, { rule, examples }) => {
  it.each(examples.map((e) => [e.kind, e.file, e] as const))('the %s example (%s)', (kind, file, { text }) => {
    const fired = validate(fixtureRepo({ [file]: text })).filter((d) => d.rule === rule.id);
    if (kind === 'invalid') expect(fired.map((d) => d.file)).toContain(file);
    else expect(fired).toEqual([]);
  });
});

describe('rule coverage', () => {
  const testDir = path.dirname(fileURLToPath(import.meta.url));
  const sources = readdirSync(testDir)
    .filter((name) => name.endsWith('.test.ts') && name !== path.basename(fileURLToPath(import.meta.url)))
    .map((name) => readFileSync(path.join(testDir, name), 'utf8'))
    .join('\n');

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s has a test that makes it fire (an expected diagnostic in a test, or an invalid docs example)',
    (id, rule) => {
      const escaped = id.replace(/[-]/g, '\\-');
      // The forms expectations take in the tests: ['id', file, line] tuples, rule: 'id', and "id file:line" or "id error" summaries.
      const expected = new RegExp(
        `\\[\\s*'${escaped}'\\s*,|rule: '${escaped}'|['\`]${escaped} (?:error|warning|[\\w./-]+:)`,
      );
      const documented = examplesOf(rule).some((e) => e.kind === 'invalid');
      expect(expected.test(sources) || documented, `no test expects ${id} to fire`).toBe(true);
    },
  );
});
