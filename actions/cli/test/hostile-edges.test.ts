// Hostile and careless inputs at the command line: each is refused or reported with a clear
// message, and nothing the user wrote is lost or rewritten.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRepo, lineOf, replace } from '../../lib/test/repo.ts';
import { runCli } from '../src/cli.ts';

const NOW = '2026-11-21T12:00:00Z';
const INC1 = 'incidents/2026/2026-10-01-api-outage.md';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

describe('self-referencing YAML aliases', () => {
  const cases: [where: string, file: string, change: (root: string) => void, needle: string][] = [
    [
      'an extension field of front matter',
      INC1,
      (root) => edit(root, INC1, 'impact: ', 'x-loop: &a [*a]\nimpact: '),
      'x-loop: &a [*a]',
    ],
    [
      'a nested map of front matter',
      INC1,
      (root) => edit(root, INC1, 'impact: ', 'x-deep: &b { inner: { again: *b } }\nimpact: '),
      'x-deep: &b',
    ],
    [
      'a policy document',
      'policies/loop.yaml',
      (root) =>
        writeFileSync(
          path.join(root, 'policies/loop.yaml'),
          'apiVersion: firebreak/v1\nkind: Team\nmetadata: { name: loop }\nspec: &s\n  members: [*s]\n',
        ),
      'members: [*s]',
    ],
  ];
  for (const [where, file, change, needle] of cases) {
    it(`in ${where}: refused at load time with the line and a fix, and the report still runs`, async () => {
      const root = fixtureRepo();
      change(root);
      const validated = await cli(['validate', '--now', NOW, '--format', 'json'], root);
      expect(validated.code).toBe(1);
      const diagnostics = (
        JSON.parse(validated.stdout) as {
          diagnostics: { rule: string; file: string; line: number; message: string; hint: string | null }[];
        }
      ).diagnostics.filter((d) => d.file === file);
      expect(diagnostics).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: lineOf(root, file, needle) })]);
      expect(diagnostics[0]!.message).toMatch(/refers to itself/);
      expect(diagnostics[0]!.hint).toMatch(/Write the value out/);
      const report = await cli(['report', '--now', NOW], root);
      expect(report.stderr).not.toMatch(/Maximum call stack/);
      expect(report.code).toBe(0);
    });
  }
});

function edit(root: string, file: string, from: string, to: string): void {
  const full = path.join(root, file);
  writeFileSync(full, replace(from, to)(readFileSync(full, 'utf8')));
}

describe('--cache', () => {
  it('refuses a path that holds something other than a Firebreak cache, and leaves it untouched', async () => {
    const root = fixtureRepo();
    const before = readFileSync(path.join(root, INC1));
    const run = await cli(['validate', '--now', NOW, '--cache', INC1], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${INC1} exists and is not a Firebreak cache`);
    expect(readFileSync(path.join(root, INC1))).toEqual(before);
  });

  it('writes and reuses a cache at a new path', async () => {
    const root = fixtureRepo();
    const first = await cli(['validate', '--now', NOW, '--cache', '.firebreak-cache/mine.json'], root);
    const second = await cli(['validate', '--now', NOW, '--cache', '.firebreak-cache/mine.json'], root);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
  });
});

describe('the text format', () => {
  it('shows control characters in file names escaped, so no line can start a workflow command', async () => {
    const root = fixtureRepo();
    const name = 'runbooks/x\n::error::pwned.md';
    writeFileSync(path.join(root, name), '---\nid: [\n---\n');
    const run = await cli(['validate', '--now', NOW], root);
    expect(run.stdout).not.toMatch(/^::/m);
    expect(run.stdout).toContain('runbooks/x\\n::error::pwned.md');
  });
});

describe('files that say nothing', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['comment-only', '# nothing here yet\n\n# still nothing\n'],
    ['separator-only', '---\n'],
  ] as const) {
    it(`reports an ${name} YAML record file`, async () => {
      const root = fixtureRepo();
      writeFileSync(path.join(root, 'policies/new.yaml'), text);
      const run = await cli(['validate', '--now', NOW, '--format', 'json'], root);
      const found = (
        JSON.parse(run.stdout) as { diagnostics: { rule: string; file: string; message: string }[] }
      ).diagnostics.filter((d) => d.file === 'policies/new.yaml');
      expect(found).toEqual([expect.objectContaining({ rule: 'yaml-syntax' })]);
      expect(found[0]!.message).toMatch(/holds no record/);
      expect(run.code).toBe(1);
    });
  }
});

describe('bidirectional-text controls', () => {
  it('are reported where they hide in a title, a handle and a cell', async () => {
    const root = fixtureRepo({
      [INC1]: (t) =>
        [
          replace(
            'title: API returned errors for all customers',
            'title: "API returned errors \u202Efor all customers"',
          ),
          replace('  communications: "@bob"', '  communications: "@bob\u2066"'),
          replace('| Mark the password required in schema  |', '| Mark the password \u202Brequired in schema |'),
        ].reduce((text, change) => change(text), t),
    });
    const run = await cli(['validate', '--now', NOW, '--format', 'json'], root);
    const found = (
      JSON.parse(run.stdout) as { diagnostics: { rule: string; line: number; message: string }[] }
    ).diagnostics.filter((d) => d.rule === 'bidi-controls');
    expect(found.map((d) => d.line)).toEqual([
      lineOf(root, INC1, 'title:'),
      lineOf(root, INC1, 'communications:'),
      lineOf(root, INC1, '| AI-1 |'),
    ]);
    expect(found[0]!.message).toContain('U+202E');
  });
});
