// The record an incident should have, computed from the whole comment log: a pure function of the
// record as a person last left it (the base), the comments as they are now (edited ones as edited,
// deleted ones gone), their reactions, the policies and the catalog. Run twice on the same input it
// gives the same answer, so late, dropped, redelivered and concurrent runs all end in one state.
//
// A person's own edits win: the base is the file at the last commit a person (not this action) made
// to it, and only commands newer than that commit are applied on top of it. Commands that predate
// it were either already in the file the person edited, or the person chose otherwise.
import type { Catalog } from '../model/catalog.ts';
import { parseTimestamp } from '../time/dates.ts';
import { commandTime, recordTimestamp, type Command, type LiveStatus } from './commands.ts';
import { parseComment } from './commands.ts';

export interface LiveReaction {
  user: string;
  content: string;
  createdAt?: string;
}

export interface LiveComment {
  id: number;
  author: string;
  body: string;
  /** ISO 8601, as GitHub gives it. */
  createdAt: string;
  updatedAt: string;
  url: string;
  reactions?: LiveReaction[];
}

export interface CheckIn {
  by: string;
  at: string;
  comment?: string;
}

export interface UpdateEntry {
  at: string;
  by: string;
  public?: boolean;
  comment?: string;
}

/** The fields of the front matter that commands change. */
export interface LiveRecord {
  severity: string;
  status: string;
  commander: string;
  roles: Record<string, string | string[]>;
  started?: string;
  detected?: string;
  acknowledged?: string;
  mitigated?: string;
  resolved?: string;
  check_ins: CheckIn[];
  updates: UpdateEntry[];
}

export const SCALAR_FIELDS = [
  'severity',
  'status',
  'commander',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

export interface TimelineRow {
  /** Epoch ms, for ordering. */
  ms: number;
  /** The Time cell: "2026-11-21 09:42 +01:00", in the Config's time zone. */
  time: string;
  /** The Event cell's text, before cell escaping; the link to the comment is added by the editor. */
  text: string;
  /** The comment it came from. */
  url: string;
}

/** One change to the record, with why it is made (the plan shows it; the commit message names the comments). */
export interface Change {
  what: string;
  why: string;
  commentId: number;
}

export interface Reply {
  /** Unique per thing said, so it is said once: "error:<comment id>:<fingerprint>" or "refused:<login>". */
  key: string;
  /** The comment answered, when there is one. */
  commentId?: number;
  kind: 'error' | 'refused';
  author: string;
  /** What is wrong, one line each (errors only); untrusted, neutralised when rendered. */
  errors: string[];
}

export interface LiveDesired {
  record: LiveRecord;
  /** Rows to have in the Timeline table besides those of the base (by their comment link). */
  rows: TimelineRow[];
  /** Comment links whose rows must go (their comment was deleted). */
  removeRows: string[];
  changes: Change[];
  replies: Reply[];
  /** Comments whose commands were applied (for the commit message). */
  appliedComments: number[];
}

export interface ReduceInput {
  issue: number;
  /** The front matter of the base (the file at the last commit a person made). */
  base: LiveRecord;
  /** When the base was committed (epoch ms); undefined applies every command. */
  baseTime?: number;
  /** Comment links the base's Timeline rows carry (to drop the rows of deleted comments, and not add a row twice). */
  baseRowLinks: string[];
  comments: LiveComment[];
  catalog: Catalog;
  timeZone: string;
  /** This action's login: its own comments are never read as commands. */
  identity: string;
  /** The reaction that puts a comment on the timeline (GitHub has no 📌: see docs/live.md). */
  pinReaction: string;
  /** Prefix of this issue's comment links, to tell which links in the base point at this issue. */
  commentUrlPrefix: string;
}

const isBot = (login: string, identity: string) =>
  login.toLowerCase() === identity.toLowerCase() || /\[bot\]$/i.test(login);
const person = (catalog: Catalog, login: string) => catalog.people.get(`@${login}`.toLowerCase());

export function reduceLog(input: ReduceInput): LiveDesired {
  const { catalog, timeZone } = input;
  const record: LiveRecord = {
    ...input.base,
    roles: { ...input.base.roles },
    check_ins: [...input.base.check_ins],
    updates: [...input.base.updates],
  };
  const rows: TimelineRow[] = [];
  const changes: Change[] = [];
  const replies: Reply[] = [];
  const applied = new Set<number>();
  const existing = new Set(input.comments.map((c) => c.url));
  const baseLinks = new Set(input.baseRowLinks);
  const removeRows = input.baseRowLinks.filter(
    (link) => link.startsWith(input.commentUrlPrefix) && !existing.has(link),
  );
  // Entries of deleted comments go too.
  record.check_ins = record.check_ins.filter(
    (c) => !c.comment || !c.comment.startsWith(input.commentUrlPrefix) || existing.has(c.comment),
  );
  record.updates = record.updates.filter(
    (u) => !u.comment || !u.comment.startsWith(input.commentUrlPrefix) || existing.has(u.comment),
  );
  const refused = new Set<string>();

  // A member's pin puts a comment without commands (anyone's: a vendor's word counts) on the timeline, at the comment's time.
  const pin = (comment: LiveComment, created: number, fresh: boolean, hasCommands: boolean) => {
    const pins = (comment.reactions ?? []).filter((r) => r.content === input.pinReaction && person(catalog, r.user));
    const freshPin =
      fresh || pins.some((r) => input.baseTime === undefined || (parseTimestamp(r.createdAt) ?? 0) > input.baseTime);
    if (
      !freshPin ||
      hasCommands ||
      pins.length === 0 ||
      (baseLinks.has(comment.url) && !removeRows.includes(comment.url))
    )
      return;
    rows.push({ ms: created, time: rowTime(created, timeZone), text: firstLine(comment.body), url: comment.url });
    applied.add(comment.id);
    changes.push({ what: 'timeline row', why: `pinned by a member (${comment.url})`, commentId: comment.id });
  };
  const comments = [...input.comments].sort((a, b) => cmp(a.createdAt, b.createdAt) || a.id - b.id);
  for (const comment of comments) {
    if (isBot(comment.author, input.identity)) continue;
    const created = parseTimestamp(comment.createdAt);
    if (created === undefined) continue;
    const effective = Math.max(created, parseTimestamp(comment.updatedAt) ?? created);
    const fresh = input.baseTime === undefined || effective > input.baseTime;
    const member = person(catalog, comment.author);
    const lines = parseComment(comment.body);
    // An edited comment is read again: the rows it gave before are replaced by what it says now.
    if (fresh && baseLinks.has(comment.url) && !removeRows.includes(comment.url)) removeRows.push(comment.url);

    if (!member) {
      pin(comment, created, fresh, lines.length > 0);
      if (lines.length > 0 && !refused.has(comment.author.toLowerCase())) {
        refused.add(comment.author.toLowerCase());
        replies.push({
          key: `refused:${comment.author.toLowerCase()}`,
          commentId: comment.id,
          kind: 'refused',
          author: comment.author,
          errors: [],
        });
      }
      continue;
    }

    const errors: string[] = [];
    for (const line of lines) {
      if ('error' in line) {
        errors.push(`line ${line.line}: ${line.error}`);
        continue;
      }
      const ms = commandTime('at' in line.command ? line.command.at : undefined, created, timeZone);
      if (ms === undefined) {
        errors.push(`line ${line.line}: the time is not a real time before the comment`);
        continue;
      }
      const problem = check(line.command, catalog);
      if (problem) {
        errors.push(`line ${line.line}: ${problem}`);
        continue;
      }
      if (!fresh) continue;
      const at = recordTimestamp(ms, timeZone);
      const why = `\`/${line.command.name}\` by @${comment.author} at ${recordTimestamp(created, timeZone)} (${comment.url})`;
      const change = (what: string) => changes.push({ what, why, commentId: comment.id });
      const set = (field: ScalarField, value: string) => {
        if (record[field] === value) return;
        record[field] = value;
        change(`${field}: ${value}`);
      };
      const row = (text: string) => rows.push({ ms, time: rowTime(ms, timeZone), text, url: comment.url });
      applied.add(comment.id);
      const cmd = line.command;
      switch (cmd.name) {
        case 'ack': {
          const handle = member.handle;
          if (!record.acknowledged) set('acknowledged', at);
          const index = record.check_ins.findIndex((c) => c.by.toLowerCase() === handle.toLowerCase());
          const entry = { by: handle, at, comment: comment.url };
          if (index < 0) {
            record.check_ins.push(entry);
            change(`check-in of ${handle}`);
          } else if (record.check_ins[index]!.comment === comment.url && record.check_ins[index]!.at !== at) {
            record.check_ins[index] = entry;
            change(`check-in of ${handle}`);
          }
          row(`${handle} checked in.`);
          break;
        }
        case 'status':
          setStatus(cmd.status, at, set);
          row(`Status: ${cmd.status}.`);
          break;
        case 'mitigated':
          set('mitigated', at);
          if (record.status !== 'resolved') set('status', 'monitoring');
          row('Mitigated.');
          break;
        case 'resolved':
          setStatus('resolved', at, set);
          row('Resolved.');
          break;
        case 'detected':
          set('detected', at);
          row('Detected.');
          break;
        case 'severity': {
          const level = canonicalSeverity(catalog, cmd.severity)!;
          const before = record.severity;
          set('severity', level);
          row(`Severity ${before === level ? 'confirmed as' : `${before} →`} ${level}: ${cmd.reason}`);
          break;
        }
        case 'commander': {
          const handle = catalog.people.get(cmd.handle.toLowerCase())!.handle;
          const before = record.commander;
          set('commander', handle);
          row(
            before && before.toLowerCase() !== handle.toLowerCase()
              ? `Commander hand-off: ${before} → ${handle}.`
              : `Commander: ${handle}.`,
          );
          break;
        }
        case 'role': {
          const handle = catalog.people.get(cmd.handle.toLowerCase())!.handle;
          if (record.roles[cmd.role] !== handle) {
            record.roles[cmd.role] = handle;
            change(`roles.${cmd.role}: ${handle}`);
          }
          row(`Role ${cmd.role}: ${handle}.`);
          break;
        }
        case 'update': {
          const entry: UpdateEntry = {
            at,
            by: member.handle,
            ...(cmd.public ? { public: true } : {}),
            comment: comment.url,
          };
          const index = record.updates.findIndex((u) => u.comment === comment.url);
          if (index < 0) record.updates.push(entry);
          else record.updates[index] = entry;
          if (index < 0 || JSON.stringify(record.updates[index]) !== JSON.stringify(entry))
            change(`${cmd.public ? 'public ' : ''}update`);
          row(`${cmd.public ? 'Public update' : 'Update'}: ${cmd.text}`);
          break;
        }
        case 'timeline':
          row(cmd.text);
          break;
      }
    }
    if (errors.length > 0) {
      replies.push({
        key: `error:${comment.id}:${fingerprint(errors)}`,
        commentId: comment.id,
        kind: 'error',
        author: comment.author,
        errors,
      });
    }
    pin(comment, created, fresh, lines.length > 0);
  }
  // Within one comment, rows keep their order; across comments, time order.
  rows.sort((a, b) => a.ms - b.ms);
  return { record, rows, removeRows, changes, replies, appliedComments: [...applied].sort((a, b) => a - b) };
}

function setStatus(status: LiveStatus, at: string, set: (field: ScalarField, value: string) => void): void {
  set('status', status);
  if (status === 'resolved') set('resolved', at);
}

function check(cmd: Command, catalog: Catalog): string | undefined {
  if (cmd.name === 'severity' && !canonicalSeverity(catalog, cmd.severity))
    return `\`${cmd.severity.slice(0, 20)}\` is not a level of the Severities policy (${[...catalog.severities.keys()].join(', ')})`;
  if ((cmd.name === 'commander' || cmd.name === 'role') && !catalog.people.has(cmd.handle.toLowerCase()))
    return `${cmd.handle} is not a member of any Team in the records`;
  return undefined;
}

function canonicalSeverity(catalog: Catalog, value: string): string | undefined {
  return [...catalog.severities.keys()].find((id) => id.toLowerCase() === value.toLowerCase());
}

/** "2026-11-21 09:42 +01:00", as the scaffold writes the Timeline's first row. */
export function rowTime(ms: number, timeZone: string): string {
  const ts = recordTimestamp(ms, timeZone);
  return `${ts.slice(0, 10)} ${ts.slice(11, 16)} ${ts.slice(19)}`;
}

function firstLine(body: string): string {
  const line =
    body
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('>')) ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function fingerprint(lines: string[]): string {
  let h = 5381;
  for (const ch of lines.join('\n')) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
