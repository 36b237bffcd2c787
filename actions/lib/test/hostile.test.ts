// Hostile and odd inputs: each gives a clear error (or reads the same as the plain file), leaves
// every file byte-for-byte as it was, and does not stop the other files from being checked.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../src/index.ts';
import { blobId, readTextFile } from '../src/load/read-file.ts';
import { snapshotFiles } from '../testing/snapshot.ts';
import { fixtureRepo, lineOf, replace, summary, validate, type Change } from './repo.ts';

const INC1 = 'incidents/2026/2026-10-01-api-outage.md';
const INC2 = 'incidents/2026/2026-10-20-slow-search.md';
// Not a reference: while a policy file cannot be read, references that may be defined there are not reported.
const broken = (text: string) => replace('commander: "@carol"', 'commander: 42')(text);

/** Each regular file's hash and mode. */
function snapshot(root: string): Record<string, string> {
  return snapshotFiles(
    root,
    (file) => createHash('sha256').update(readFileSync(file)).digest('hex') + statSync(file).mode,
  );
}

/** Validates a repository with one hostile file added next to a broken one; the broken one must still be reported. */
function withHostile(file: string, content: Change) {
  const root = fixtureRepo({ [file]: content, [INC2]: broken });
  const before = snapshot(root);
  const started = performance.now();
  const diagnostics = validate(root);
  const elapsed = performance.now() - started;
  expect(snapshot(root)).toEqual(before);
  expect(summary(diagnostics)).toContain(`schema ${INC2}:8`);
  return { diagnostics: diagnostics.filter((d) => d.file === file), elapsed };
}

describe('hostile inputs', () => {
  const cases: [name: string, file: string, content: Change, rule: string, message: RegExp][] = [
    [
      'JavaScript front matter',
      'incidents/2026/2026-11-01-js.md',
      '---javascript\nrequire("child_process").execSync("touch /tmp/firebreak-pwned")\n---\n',
      'yaml-syntax',
      /declares its front matter as "javascript"/,
    ],
    [
      'JSON front matter',
      'incidents/2026/2026-11-01-json.md',
      '---json\n{"id": "INC-2026-050"}\n---\n',
      'yaml-syntax',
      /only YAML front matter is read/,
    ],
    [
      'an alias bomb in a policy',
      'policies/bomb.yaml',
      `a: &a ["x","x","x","x","x","x","x","x"]\n${Array.from(
        { length: 12 },
        (_, i) =>
          `l${i}: &l${i} [${Array(8)
            .fill(i === 0 ? '*a' : `*l${i - 1}`)
            .join(',')}]`,
      ).join('\n')}\n`,
      'yaml-syntax',
      /aliases beyond the limit/,
    ],
    [
      'an alias bomb in front matter',
      'incidents/2026/2026-11-02-bomb.md',
      `---\na: &a ["x","x","x","x","x","x","x","x"]\n${Array.from(
        { length: 12 },
        (_, i) =>
          `l${i}: &l${i} [${Array(8)
            .fill(i === 0 ? '*a' : `*l${i - 1}`)
            .join(',')}]`,
      ).join('\n')}\n---\n`,
      'yaml-syntax',
      /aliases beyond the limit/,
    ],
    ['deep flow nesting', 'slos/deep.yaml', `${'['.repeat(200_000)}\n`, 'yaml-syntax', /nests deeper than 64 levels/],
    [
      'deep block nesting in front matter',
      'incidents/2026/2026-11-03-deep.md',
      `---\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n---\n`,
      'yaml-syntax',
      /nests deeper than 64 levels at line 66/,
    ],
    ['deep compact sequences', 'policies/dashes.yaml', `${'- '.repeat(5000)}x\n`, 'yaml-syntax', /nests deeper/],
    [
      'invalid UTF-8',
      'runbooks/latin1.md',
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]),
      'file-readable',
      /not valid UTF-8: byte 0xff at line 2, column 5/,
    ],
    [
      'an overlong UTF-8 encoding',
      'runbooks/overlong.md',
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc0, 0xaf, 0x0a]),
      'file-readable',
      /not valid UTF-8: byte 0xc0 at line 2, column 1/,
    ],
    [
      'a huge file',
      'slos/huge.yaml',
      `x: "${'a'.repeat(2 * 1024 * 1024)}"\n`,
      'file-readable',
      /2\.0 MiB, over the 1\.0 MiB limit/,
    ],
    [
      'duplicate keys',
      'policies/dupes.yaml',
      'apiVersion: firebreak/v1\nkind: Team\nkind: Service\nmetadata: { name: x }\nspec: {}\n',
      'yaml-syntax',
      /appears twice/,
    ],
    [
      'a custom tag',
      'policies/tagged.yaml',
      'apiVersion: firebreak/v1\nkind: !secret Team\nmetadata: { name: x }\nspec: {}\n',
      'yaml-syntax',
      /tag .* not allowed|custom tags are not allowed/,
    ],
    [
      'a YAML 1.1 binary tag',
      'policies/binary.yaml',
      'apiVersion: firebreak/v1\nkind: Team\nmetadata: { name: x }\nspec: !!binary aGVsbG8=\n',
      'yaml-syntax',
      /custom tags are not allowed|not allowed/,
    ],
  ];

  for (const [name, file, content, rule, message] of cases) {
    it(`refuses ${name} with a clear error and no side effect`, () => {
      const { diagnostics } = withHostile(file, content);
      expect(diagnostics.map((d) => d.rule)).toEqual([rule]);
      expect(diagnostics[0]!.message).toMatch(message);
    });
  }

  it('never runs front-matter code: no file appears', () => {
    withHostile(
      'incidents/2026/2026-11-01-js.md',
      '---js\nrequire("fs").writeFileSync("/tmp/firebreak-pwned-" + process.pid, "x")\n---\n',
    );
    expect(() => statSync(`/tmp/firebreak-pwned-${process.pid}`)).toThrow();
  });

  it('reads a 1 MiB body of hostile Markdown within the per-file budget', () => {
    const bodies = [
      '>'.repeat(1_000_000),
      '*'.repeat(1_000_000),
      '|'.repeat(1_000_000),
      '\n'.repeat(1_000_000),
      '| a |\n|---|\n' + '| x |\n'.repeat(150_000),
    ];
    for (const body of bodies) {
      const { diagnostics, elapsed } = withHostile(
        'incidents/2026/2026-11-05-md.md',
        `---\nid: INC-2026-077\n---\n${body}`.slice(0, 1024 * 1024 - 1),
      );
      expect(diagnostics.every((d) => d.rule === 'schema')).toBe(true);
      // Not a timing assertion: a hostile body that took seconds would show up here as a log line.
      if (elapsed > 2000) console.warn(`hostile Markdown took ${Math.round(elapsed)} ms`);
    }
  });

  it('reads a record only if it is a regular file: a link or a pipe put in its place is refused, and a pipe never blocks', () => {
    const root = fixtureRepo();
    const file = 'incidents/2026/2026-11-06-swapped.md';
    symlinkSync('/etc/passwd', path.join(root, file));
    expect(() => readTextFile(root, file)).toThrow(/is a symbolic link; Firebreak does not follow links/);
    rmSync(path.join(root, file));
    execFileSync('mkfifo', [path.join(root, file)]);
    expect(() => readTextFile(root, file)).toThrow(/is not a regular file/);
    rmSync(path.join(root, file));
    writeFileSync(path.join(root, file), 'é\r\n');
    const read = readTextFile(root, file);
    expect(read).toMatchObject({ path: file, text: 'é\n', bytes: 4 });
    // Its content id is git's blob id of the bytes as written, so the index can vouch for unchanged files.
    expect(blobId(read.raw)).toBe(
      execFileSync('git', ['hash-object', '--no-filters', path.join(root, file)], { encoding: 'utf8' }).trim(),
    );
  });

  it('refuses Config paths that leave the repository and reads nothing there', () => {
    const root = fixtureRepo({
      'policies/policies.yaml': replace(
        '  name: firebreak\nspec:\n',
        '  name: firebreak\nspec:\n  paths:\n    incidents: ../../etc\n',
      ),
    });
    const repo = loadRepository(root);
    expect(repo.paths.incidents).toBe('incidents');
    expect(summary(validate(root))).toEqual([
      `schema policies/policies.yaml:${lineOf(root, 'policies/policies.yaml', 'incidents: ../../etc')}`,
    ]);
  });
});

describe('line endings and byte-order marks', () => {
  it('reports the same problems at the same places for LF, CRLF and BOM + CRLF files', () => {
    const lf = validate(fixtureRepo({ [INC2]: broken, [INC1]: replace('| 2026-10-30 |', '| 2 weeks    |') }));
    const crlf = validate(
      fixtureRepo({
        [INC2]: (t) => broken(t).replace(/\n/g, '\r\n'),
        [INC1]: (t) => replace('| 2026-10-30 |', '| 2 weeks    |')(t).replace(/\n/g, '\r\n'),
      }),
    );
    const bom = validate(
      fixtureRepo({
        [INC2]: (t) => '\uFEFF' + broken(t).replace(/\n/g, '\r\n'),
        [INC1]: (t) => '\uFEFF' + replace('| 2026-10-30 |', '| 2 weeks    |')(t).replace(/\n/g, '\r\n'),
      }),
    );
    expect(lf).toHaveLength(2);
    expect(crlf).toEqual(lf);
    expect(bom).toEqual(lf);
  });

  it('keeps dates, times and ids as the strings they were written as', () => {
    const repo = loadRepository(
      fixtureRepo({
        [INC2]: replace('related: [INC-2026-001]', 'related: [INC-2026-001]\ntags: [12:30, 0012, 2024-01-02, yes, on]'),
      }),
    );
    const incident = repo.incidents.find((i) => i.file === INC2)!;
    expect(incident.data.started).toBe('2026-10-20T08:00:00+02:00');
    expect(incident.data.tags).toEqual(['12:30', 12, '2024-01-02', 'yes', 'on']);
  });
});
