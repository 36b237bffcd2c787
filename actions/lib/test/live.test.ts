// Live incident commands through the library: parsing comment lines, the record computed from the
// whole comment log (a pure function), and the surgical write into the incident file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, declareIncident, loadRepository, validateRepository, type Catalog } from '../src/index.ts';
import { fixtureRepo } from './repo.ts';
import { copyExample } from '../testing/workspace.ts';
import { commandTime, parseComment } from '../src/live/commands.ts';
import { readLiveFile, writeLiveFile } from '../src/live/edit.ts';
import { reduceLog, type LiveComment, type ReduceInput } from '../src/live/reduce.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ZONE = 'Europe/Paris';
const ISSUE_URL = 'https://github.com/acme/incidents/issues/7';
let catalog: Catalog;
let scaffold: string;

beforeAll(() => {
  const repo = loadRepository(PROJECT);
  catalog = buildCatalog(repo);
  const result = declareIncident(
    {
      title: 'Card payments failing',
      severity: 'SEV1',
      services: 'payments-gateway',
      started: '2026-11-21 09:30',
      commander: '@amelie-roux',
      summary: '',
    },
    repo,
    catalog,
    { now: Date.parse('2026-11-21T12:00:00Z') },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  scaffold = result.scaffold.text;
});

let nextId = 100;
function comment(author: string, body: string, createdAt: string, extra: Partial<LiveComment> = {}): LiveComment {
  const id = nextId++;
  return { id, author, body, createdAt, updatedAt: createdAt, url: `${ISSUE_URL}#issuecomment-${id}`, ...extra };
}

function reduce(text: string, comments: LiveComment[], extra: Partial<ReduceInput> = {}) {
  const parsed = readLiveFile('incidents/x.md', text);
  const desired = reduceLog({
    issue: 7,
    base: parsed.record,
    baseRowLinks: parsed.rowLinks,
    comments,
    catalog,
    timeZone: ZONE,
    identity: 'github-actions[bot]',
    pinReaction: 'rocket',
    commentUrlPrefix: `${ISSUE_URL}#issuecomment-`,
    ...extra,
  });
  const out = writeLiveFile(
    'incidents/x.md',
    text,
    parsed.record,
    desired.record,
    desired.rows,
    desired.removeRows,
    ZONE,
  );
  return { desired, out };
}

const frontMatter = (text: string) => parseYaml(text.split(/^---$/m)[1]!) as Record<string, unknown>;

describe('parsing commands', () => {
  it('reads one command per line, ignores code and quotes, and says what is wrong', () => {
    const lines = parseComment(
      'Checking in.\n/ack\n> /resolved\n```\n/mitigated\n```\n/update --public Payments recovering\n/severity SEV9\n/frobnicate',
    );
    expect(lines.map((l) => ('command' in l ? l.command.name : `error: ${l.error}`))).toEqual([
      'ack',
      'update',
      expect.stringMatching(/^error: `\/severity` needs a reason/),
      expect.stringMatching(/^error: `\/frobnicate` is not a command/),
    ]);
  });

  it('reads HH:MM in the time zone, on the comment day, or the day before when later than the comment', () => {
    const at = Date.parse('2026-11-21T08:50:00Z'); // 09:50 in Paris
    expect(new Date(commandTime('09:42', at, ZONE)!).toISOString()).toBe('2026-11-21T08:42:00.000Z');
    expect(new Date(commandTime('23:50', at, ZONE)!).toISOString()).toBe('2026-11-20T22:50:00.000Z');
    expect(commandTime('2026-11-21T11:00:00+01:00', at, ZONE)).toBeUndefined();
    expect(new Date(commandTime(undefined, at, ZONE)!).toISOString()).toBe('2026-11-21T08:50:00.000Z');
  });
});

describe('the record from the comment log', () => {
  it("sets timestamps to the comments' times, keeps check-ins and updates, and writes timeline rows linking to the comments", () => {
    const ack = comment('tnowak', '/ack', '2026-11-21T08:41:07Z');
    const ack2 = comment('amelie-roux', 'on it\n/ack', '2026-11-21T08:43:00Z');
    const role = comment(
      'amelie-roux',
      '/role communications @ines-garcia\n/role scribe @kofimensah',
      '2026-11-21T08:44:00Z',
    );
    const update = comment(
      'ines-garcia',
      '/update --public We are investigating failed card payments | <b>hi</b>',
      '2026-11-21T08:50:00Z',
    );
    const mitigated = comment('tnowak', '/mitigated 10:15', '2026-11-21T09:20:00Z');
    const resolved = comment('tnowak', '/resolved', '2026-11-21T10:02:30Z');
    const detected = comment('tnowak', '/detected 09:35', '2026-11-21T08:42:00Z');
    const { desired, out } = reduce(scaffold, [resolved, ack, ack2, role, update, mitigated, detected]);
    const fm = frontMatter(out);
    expect(fm).toMatchObject({
      detected: '2026-11-21T09:35:00+01:00',
      acknowledged: '2026-11-21T09:41:07+01:00',
      mitigated: '2026-11-21T10:15:00+01:00',
      resolved: '2026-11-21T11:02:30+01:00',
      status: 'resolved',
      roles: { communications: '@ines-garcia', scribe: '@kofimensah' },
    });
    expect(fm.check_ins).toEqual([
      { by: '@tnowak', at: '2026-11-21T09:41:07+01:00', comment: ack.url },
      { by: '@amelie-roux', at: '2026-11-21T09:43:00+01:00', comment: ack2.url },
    ]);
    expect(fm.updates).toEqual([
      { at: '2026-11-21T09:50:00+01:00', by: '@ines-garcia', public: true, comment: update.url },
    ]);
    expect(out).toContain(
      `| 2026-11-21 09:50 +01:00 | Public update: We are investigating failed card payments \\| &lt;b&gt;hi&lt;/b&gt; ([comment](${update.url})) |`,
    );
    expect(out).toContain(`| 2026-11-21 10:15 +01:00 | Mitigated. ([comment](${mitigated.url})) |`);
    expect(desired.replies).toEqual([]);
    expect(desired.changes.every((c) => c.why.includes('#issuecomment-'))).toBe(true);
    // Byte for byte elsewhere: the postmortem after the Timeline is untouched, and so is the start.
    expect(out.slice(out.indexOf('## Action Items'))).toBe(scaffold.slice(scaffold.indexOf('## Action Items')));
    expect(out.startsWith(scaffold.slice(0, scaffold.indexOf('severity:')))).toBe(true);
    // The record the commands wrote passes every rule (the roles were named by /role).
    const root = fixtureRepo(
      { 'incidents/2026/2026-11-21-card-payments-failing.md': out },
      copyExample('live', ['incidents', 'policies', 'slos', 'runbooks', 'schemas']),
    );
    const diagnostics = validateRepository(loadRepository(root), {
      now: Date.parse('2026-11-21T12:00:00Z'),
    }).diagnostics;
    expect(diagnostics.filter((d) => d.file.includes('2026-11-21-card')).map((d) => `${d.rule}: ${d.message}`)).toEqual(
      [],
    );
  });

  it('is the same whatever the order of delivery, and a second pass changes nothing', () => {
    const log = [
      comment('tnowak', '/ack', '2026-11-21T08:41:00Z'),
      comment('tnowak', '/timeline 09:35 Alert fired', '2026-11-21T08:45:00Z'),
      comment('tnowak', '/status identified', '2026-11-21T08:46:00Z'),
    ];
    const a = reduce(scaffold, log).out;
    const b = reduce(scaffold, [...log].reverse()).out;
    expect(b).toBe(a);
    // The timeline row goes at its own time: after the start, before the check-in.
    expect(a.indexOf('Alert fired')).toBeLessThan(a.indexOf('checked in'));
  });

  it('replies once to a non-member and once per faulty comment, and applies nothing of theirs', () => {
    const { desired, out } = reduce(scaffold, [
      comment('mallory', '/resolved', '2026-11-21T08:41:00Z'),
      comment('mallory', '/resolved', '2026-11-21T08:42:00Z'),
      comment('tnowak', '/severity SEV7 bad\n/commander @nobody-here', '2026-11-21T08:43:00Z'),
    ]);
    expect(out).toBe(scaffold);
    expect(desired.replies.map((r) => r.kind)).toEqual(['refused', 'error']);
    expect(desired.replies[1]!.errors.join('\n')).toMatch(/SEV7.*not a level[\s\S]*@nobody-here is not a member/);
  });

  it("lets a person's edit win over commands that predate it, and re-applies what comes after", () => {
    const first = reduce(scaffold, [comment('tnowak', '/mitigated', '2026-11-21T09:00:00Z')]).out;
    const edited = first.replace(
      'mitigated: "2026-11-21T10:00:00+01:00"',
      'mitigated: "2026-11-21T09:55:00+01:00" # from the graphs',
    );
    expect(edited).not.toBe(first);
    const log = [
      comment('tnowak', '/mitigated', '2026-11-21T09:00:00Z'),
      comment('tnowak', '/resolved', '2026-11-21T10:00:00Z'),
    ];
    const { out } = reduce(edited, log, { baseTime: Date.parse('2026-11-21T09:30:00Z') });
    expect(out).toContain('mitigated: "2026-11-21T09:55:00+01:00" # from the graphs');
    expect(frontMatter(out).resolved).toBe('2026-11-21T11:00:00+01:00');
  });

  it("undoes a deleted comment's rows and entries, and re-reads an edited comment", () => {
    const update = comment('tnowak', '/update first text', '2026-11-21T09:00:00Z');
    const first = reduce(scaffold, [update]).out;
    // The person committed that (the base now has the row); the comment is then deleted.
    const gone = reduce(first, [], { baseTime: Date.parse('2026-11-21T09:01:00Z') }).out;
    expect(gone).toBe(scaffold);
    const changed = reduce(first, [{ ...update, body: '/update second text', updatedAt: '2026-11-21T09:05:00Z' }], {
      baseTime: Date.parse('2026-11-21T09:01:00Z'),
    }).out;
    expect(changed).toContain('Update: second text');
    expect(changed).not.toContain('first text');
  });

  it('puts a comment a member pins on the timeline, whoever wrote it, and ignores pins of others', () => {
    const pinned = comment(
      'kofimensah',
      'PSP-A confirms a certificate problem on their side.\nMore later.',
      '2026-11-21T09:10:00Z',
      { reactions: [{ user: 'tnowak', content: 'rocket' }] },
    );
    const other = comment('kofimensah', 'Not this one.', '2026-11-21T09:11:00Z', {
      reactions: [{ user: 'mallory', content: 'rocket' }],
    });
    const vendor = comment('psp-a-support', 'Our intermediate certificate expired at 09:20.', '2026-11-21T09:12:00Z', {
      reactions: [{ user: 'amelie-roux', content: 'rocket' }],
    });
    const { out, desired } = reduce(scaffold, [pinned, other, vendor]);
    expect(out).toContain(
      `| 2026-11-21 10:10 +01:00 | PSP-A confirms a certificate problem on their side. ([comment](${pinned.url})) |`,
    );
    expect(out).not.toContain('Not this one');
    // Anyone's comment may be pinned by a member; it is not a command, so nobody is refused.
    expect(out).toContain(
      `| 2026-11-21 10:12 +01:00 | Our intermediate certificate expired at 09:20. ([comment](${vendor.url})) |`,
    );
    expect(desired.replies).toEqual([]);
  });

  it('keeps CRLF line endings and a BOM, and every byte it has no reason to change', () => {
    const crlf = `\uFEFF${scaffold.replace(/\n/g, '\r\n')}`;
    const { out } = reduce(crlf, [
      comment('tnowak', '/ack', '2026-11-21T08:41:00Z'),
      comment('tnowak', '/role scribe @kofimensah', '2026-11-21T08:42:00Z'),
    ]);
    expect(out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(out).toContain('| 2026-11-21 09:41 +01:00 | @tnowak checked in. ([comment](');
    const lf = reduce(scaffold, [
      comment('tnowak', '/ack', '2026-11-21T08:41:00Z'),
      comment('tnowak', '/role scribe @kofimensah', '2026-11-21T08:42:00Z'),
    ]).out;
    expect(
      out
        .slice(1)
        .replace(/\r\n/g, '\n')
        .replace(/issuecomment-\d+/g, 'c'),
    ).toBe(lf.replace(/issuecomment-\d+/g, 'c'));
  });

  it('bounds what one comment can do: 200 command lines, 1,000 characters of text each', () => {
    const flood = comment(
      'tnowak',
      Array.from({ length: 5000 }, (_, i) => `/timeline ${'x'.repeat(i === 0 ? 60_000 : 3)}`).join('\n'),
      '2026-11-21T08:41:00Z',
    );
    const { desired } = reduce(scaffold, [flood]);
    expect(desired.rows).toHaveLength(200);
    expect(Math.max(...desired.rows.map((r) => r.text.length))).toBe(1000);
  });
});
