// Incremental validation must give exactly what a full run gives, after any edit: checked by
// editing a copy of the example repository step by step and comparing with a fresh full run.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, mkdtempSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { affectedFiles, loadRepository, validateRepository, validateWithCache } from '../src/index.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = Date.parse('2026-11-21T12:00:00Z');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function example(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-cache-'));
  dirs.push(dir);
  for (const d of ['incidents', 'policies', 'slos', 'runbooks'])
    cpSync(path.join(PROJECT, d), path.join(dir, d), { recursive: true });
  return dir;
}

const INC = 'incidents/2026/2026-11-19-emails-delayed-rabbitmq-disk-alarm.md';
const OTHER = 'incidents/2026/2026-09-08-payments-outage-both-regions.md';

describe('validation with a content-hash cache', () => {
  it('reuses unchanged files and gives the same diagnostics as a full run after every kind of edit', async () => {
    const root = example();
    const cacheFile = path.join(root, '.cache', 'validate.json');
    const run = (now = NOW) => validateWithCache(root, { now, cacheFile, code: 'test' });
    const full = (now = NOW) => validateRepository(loadRepository(root), { now }).diagnostics;
    const edit = (file: string, from: string | RegExp, to: string) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const next = text.replace(from, to);
      expect(next, `${file}: ${String(from)}`).not.toBe(text);
      writeFileSync(path.join(root, file), next);
    };

    const cold = await run();
    expect(cold.cache).toMatchObject({ full: true, reused: 0, reason: 'no usable cache' });
    expect(cold.diagnostics).toEqual(full());

    const steps: [string, () => void, { full: boolean }][] = [
      ['nothing changed', () => {}, { full: false }],
      ['a body line', () => edit(INC, 'About 18,600', 'About 18,650'), { full: false }],
      ['an invalid due date', () => edit(INC, '| 2026-11-24 |', '| 2 weeks    |'), { full: false }],
      [
        'blaming language',
        () => edit(OTHER, '## Summary\n', '## Summary\n\nHuman error by the on-call.\n'),
        { full: false },
      ],
      [
        'a reference to an unknown incident',
        () => edit(INC, 'related: [INC-2026-005, INC-2026-011]', 'related: [INC-2026-005, INC-2026-099]'),
        { full: false },
      ],
      // Other records' hints count the files that could not be read: a full run.
      ['broken YAML', () => edit(OTHER, 'severity: SEV0', 'severity: [SEV0'), { full: true }],
      ['the YAML fixed again', () => edit(OTHER, 'severity: [SEV0', 'severity: SEV0'), { full: true }],
      ['the id line broken', () => edit(OTHER, 'id: INC-2026-009', 'id: [INC-2026-009'), { full: true }],
      ['the id line fixed', () => edit(OTHER, 'id: [INC-2026-009', 'id: INC-2026-009'), { full: true }],
      ['an id changed to a duplicate', () => edit(INC, 'id: INC-2026-014', 'id: INC-2026-009'), { full: true }],
      ['another edit to a file sharing its id', () => edit(INC, 'About 18,650', 'About 18,700'), { full: true }],
      ['the id restored', () => edit(INC, 'id: INC-2026-009', 'id: INC-2026-014'), { full: true }],
      ['a policy', () => edit('policies/teams.yaml', /lead: "@[a-z-]+"/, 'lead: "@nobody"'), { full: true }],
      // Parsed policies come from the cache too, with their syntax and schema problems where they were.
      [
        'a policy with broken YAML and an unknown field',
        () => edit('policies/teams.yaml', 'lead: "@nobody"', 'lead: ["@nobody"\n  leed: x'),
        { full: true },
      ],
      ['nothing changed after it', () => {}, { full: false }],
      [
        'the policy fixed',
        () => edit('policies/teams.yaml', 'lead: ["@nobody"\n  leed: x', 'lead: "@nobody"\n  leed: x'),
        { full: true },
      ],
      ['nothing changed after that', () => {}, { full: false }],
      [
        'the policy restored',
        () => edit('policies/teams.yaml', 'lead: "@nobody"\n  leed: x', 'lead: "@nobody"'),
        { full: true },
      ],
      ['a body line again', () => edit(INC, 'About 18,700', 'About 18,800'), { full: false }],
    ];
    const rulesSeen = new Set<string>();
    for (const [what, change, expected] of steps) {
      change();
      const result = await run();
      expect(result.cache.full, what).toBe(expected.full);
      expect(result.diagnostics, what).toEqual(full());
      for (const d of result.diagnostics) rulesSeen.add(d.rule);
    }
    expect([...rulesSeen]).toEqual(
      expect.arrayContaining(['yaml-syntax', 'schema', 'references', 'blameless-language', 'action-item-due']),
    );
    // Records kept unparsed still say what they refer to: --changed-since sees the same affected files.
    const warm = await run();
    expect(warm.cache.full).toBe(false);
    const RELATED = 'incidents/2026/2026-07-02-invoice-emails-delayed.md'; // INC-2026-014 lists it under related
    for (const changed of [
      [INC],
      [OTHER],
      [RELATED],
      ['slos/notification-email-freshness.yaml'],
      ['runbooks/queue-backlog.md'],
    ]) {
      expect([...(affectedFiles(warm.repo, changed) ?? [])].sort(), changed[0]).toEqual(
        [...(affectedFiles(loadRepository(root), changed) ?? [])].sort(),
      );
    }
    expect(affectedFiles(warm.repo, [RELATED])).toContain(INC);

    // A new day can make a postmortem or a runbook late: the cache does not carry results across days.
    const tomorrow = await run(NOW + 86_400_000);
    expect(tomorrow.cache.full).toBe(true);
    expect(tomorrow.diagnostics).toEqual(full(NOW + 86_400_000));
  });

  it("in a git working tree, reads only the files that differ from git's index, with the results of a full run", async () => {
    const root = example();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: root,
        stdio: 'ignore',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'records');
    const cacheFile = path.join(root, '.firebreak-cache', 'validate.json');
    const run = () => validateWithCache(root, { now: NOW, cacheFile, code: 'test' });
    const full = () => validateRepository(loadRepository(root), { now: NOW }).diagnostics;
    const records = () => loadRepository(root).incidents.length + loadRepository(root).runbooks.length;
    const total = records();

    expect((await run()).cache).toMatchObject({ full: true, unread: 0 });
    expect((await run()).cache).toMatchObject({ full: false, reused: total, unread: total, checked: 0 });

    writeFileSync(
      path.join(root, INC),
      readFileSync(path.join(root, INC), 'utf8').replace('## Summary\n', '## Summary\n\nHuman error by the on-call.\n'),
    );
    const edited = await run();
    expect(edited.cache).toMatchObject({ full: false, reused: total - 1, unread: total - 1, checked: 1 });
    expect(edited.diagnostics).toEqual(full());
    expect(edited.diagnostics.some((d) => d.file === INC && d.rule === 'blameless-language')).toBe(true);

    // Staged, the index holds the new contents: the id the last run stored for them matches it.
    git('add', INC);
    expect((await run()).cache).toMatchObject({ full: false, reused: total, unread: total });

    const added = 'incidents/2026/2026-11-20-untracked.md';
    writeFileSync(
      path.join(root, added),
      readFileSync(path.join(root, OTHER), 'utf8').replace('id: INC-2026-009', 'id: INC-2026-099'),
    );
    const untracked = await run();
    expect(untracked.cache).toMatchObject({ full: true, unread: 0 });
    expect(untracked.diagnostics).toEqual(full());
    expect((await run()).cache).toMatchObject({ full: false, reused: total + 1, unread: total });
  });

  it('ignores a cache from other code or in the wrong shape, and survives an unwritable location', async () => {
    const root = example();
    const cacheFile = path.join(root, 'cache.json');
    await validateWithCache(root, { now: NOW, cacheFile, code: 'a' });
    expect((await validateWithCache(root, { now: NOW, cacheFile, code: 'b' })).cache.full).toBe(true);
    writeFileSync(
      cacheFile,
      JSON.stringify({
        format: 1,
        code: 'b',
        global: 'x',
        entries: { [INC]: { hash: 'h', diagnostics: [{ file: 1 }] } },
      }),
    );
    expect((await validateWithCache(root, { now: NOW, cacheFile, code: 'b' })).cache).toMatchObject({
      full: true,
      reason: 'no usable cache',
    });
    // Something that is not a cache at all is refused and left as it is (a user's file given by mistake).
    writeFileSync(cacheFile, '{ not json');
    await expect(validateWithCache(root, { now: NOW, cacheFile, code: 'b' })).rejects.toThrow(
      /cache\.json exists and is not a Firebreak cache/,
    );
    expect(readFileSync(cacheFile, 'utf8')).toBe('{ not json');
    // An empty file holds nothing to lose: it becomes the cache.
    writeFileSync(cacheFile, '');
    expect((await validateWithCache(root, { now: NOW, cacheFile, code: 'b' })).cache.full).toBe(true);
    expect(readFileSync(cacheFile, 'utf8')).toMatch(/^\{"format":/);
    const result = await validateWithCache(root, {
      now: NOW,
      cacheFile: path.join(root, INC, 'cannot', 'be', 'here.json'),
      code: 'b',
    });
    expect(result.diagnostics).toEqual(validateRepository(loadRepository(root), { now: NOW }).diagnostics);
  });
});
