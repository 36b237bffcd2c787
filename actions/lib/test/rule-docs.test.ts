// The rules' docs as tests (remark-lint's discipline), and the rules' test coverage, checked
// without running the other tests (so a filtered run, `vitest -t <rule>`, passes).
//
// A rule's docs (<id>.md beside its source) carry fenced examples whose info string is
// `<lang> example valid|invalid <file> [escaped|alone]`: each is added to the base fixture as that
// file and validated; the rule fires on an invalid example (on that file) and not on a valid one.
// - `escaped`: what cannot be shown is written as an escape: `\u{202E}` a character, `\x{E9}` a raw
//   byte (the way to show invisible characters and bytes that are not UTF-8).
// - `alone`: the file is the repository's only file, not added to the fixture.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, type Rule } from '../src/index.ts';
import { ISSUE_FORM_PATH } from '../src/init/form-template.ts';
import { ACTION_ITEMS_HEADER } from '../src/model/action-items.ts';
import { RULES_ANNOTATION, RULES_OFF } from '../src/prometheus/rules.ts';
import { readRuleDocs } from '../src/rules/docs-source.ts';
import { REQUIRED_KINDS } from '../src/rules/required-records.ts';
import { tempDir } from '../testing/temp.ts';
import { fixtureRepo, validate } from './repo.ts';

interface Example {
  kind: 'valid' | 'invalid';
  file: string;
  form: 'plain' | 'escaped' | 'alone';
  text: string;
}

const FENCE = /^```\w+ example (valid|invalid) (\S+)(?: (escaped|alone))?\n([\s\S]*?)^```$/gm;

function examplesOf(rule: Rule): Example[] {
  return [...readRuleDocs(rule).matchAll(FENCE)].map((m) => ({
    kind: m[1] as Example['kind'],
    file: m[2]!,
    form: (m[3] ?? 'plain') as Example['form'],
    text: m[4]!,
  }));
}

/** The bytes an `escaped` example stands for. */
function unescape(text: string): Buffer {
  const parts = text.split(/(\\[ux]\{[0-9A-Fa-f]+\})/);
  return Buffer.concat(
    parts.map((part) => {
      const escape = /^\\([ux])\{([0-9A-Fa-f]+)\}$/.exec(part);
      if (!escape) return Buffer.from(part, 'utf8');
      const value = parseInt(escape[2]!, 16);
      return escape[1] === 'x' ? Buffer.from([value]) : Buffer.from(String.fromCodePoint(value), 'utf8');
    }),
  );
}

const EMPTY = tempDir('empty');

function repositoryOf({ file, form, text }: Example): string {
  if (form === 'alone') return fixtureRepo({ [file]: text }, EMPTY);
  return fixtureRepo({ [file]: form === 'escaped' ? unescape(text) : text });
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s docs examples', (_id, rule) => {
  const examples = examplesOf(rule);

  it('include an invalid example and a valid one', () => {
    expect(examples.map((e) => e.kind)).toEqual(expect.arrayContaining(['invalid', 'valid']));
  });

  it.each(examples.map((e) => [e.kind, e.file, e] as const))('the %s example (%s)', (kind, file, example) => {
    const fired = validate(repositoryOf(example)).filter((d) => d.rule === rule.id);
    if (kind === 'invalid' && example.form === 'alone') expect(fired).not.toEqual([]);
    else if (kind === 'invalid') expect(fired.map((d) => d.file)).toContain(file);
    else expect(fired).toEqual([]);
  });
});

// Docs are prose, so values the code defines are written out in them: these keep the two the same.
describe('the docs name what the code uses', () => {
  const docsOf = (id: string) => readRuleDocs({ id });
  it('required-records: a table row per required kind, with its purpose and usual file', () => {
    for (const r of REQUIRED_KINDS)
      expect(docsOf('required-records')).toContain(`| \`${r.kind}\` | ${r.why} | \`policies/${r.file}\` |`);
  });
  it('slo-rules: the annotation that turns the rules off', () => {
    expect(docsOf('slo-rules')).toContain(`${RULES_ANNOTATION}: "${RULES_OFF}"`);
  });
  it('issue-form-drift: the form the rule reads', () => {
    expect(docsOf('issue-form-drift')).toContain(`\`${ISSUE_FORM_PATH}\``);
  });
  it('action-items-required: the table head to paste', () => {
    expect(docsOf('action-items-required')).toContain(ACTION_ITEMS_HEADER);
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
