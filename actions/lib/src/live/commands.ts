// Commands written in an incident issue's comments, one per line: "/ack", "/mitigated 10:42",
// "/update --public Payments are back". Parsing only: who may command and what a command does to
// the record are decided in reduce.ts. Lines inside fenced code and quoted lines ("> /ack", a reply
// quoting someone) are never commands.
import { parseTimestamp } from '../time/dates.ts';
import { zonedTimestamp } from '../scaffold/started.ts';
import { localParts, zonedTime } from '../time/zoned.ts';

export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type LiveStatus = (typeof STATUSES)[number];

export type Command =
  | { name: 'ack'; at?: string }
  | { name: 'status'; status: LiveStatus; at?: string }
  | { name: 'mitigated'; at?: string }
  | { name: 'resolved'; at?: string }
  | { name: 'detected'; at?: string }
  | { name: 'severity'; severity: string; reason: string }
  | { name: 'commander'; handle: string }
  | { name: 'role'; role: string; handle: string }
  | { name: 'update'; text: string; public: boolean }
  | { name: 'timeline'; text: string; at?: string };

export type CommandName = Command['name'];

/** One line of a comment that starts with "/": a command, or what is wrong with it. */
export type ParsedLine = { line: number; command: Command } | { line: number; error: string; text: string };

/** The commands, as the replies and docs/live.md list them: the syntax, then what it does. */
export const COMMAND_HELP: readonly (readonly [string, string])[] = [
  ['/ack', 'checks you in; the first check-in sets acknowledged'],
  ['/status investigating|identified|monitoring|resolved', 'sets the status (resolved also sets resolved)'],
  ['/mitigated', 'sets mitigated, and the status monitoring'],
  ['/resolved', 'sets resolved, and the status resolved'],
  ['/detected', 'sets detected'],
  ['/severity SEV1 <reason>', 'changes the severity; the reason goes on the timeline'],
  ['/commander @handle', 'hands command over'],
  ['/role <role> @handle', 'names a role, e.g. communications or scribe'],
  ['/update [--public] <text>', 'a status update; it counts for the cadence'],
  ['/timeline [time] <text>', 'a timeline row'],
];

const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const ROLE = /^[a-z][a-z0-9_-]{0,39}$/;
const MAX_LINES = 200;
const MAX_TEXT = 1000;
const KNOWN = new Set<CommandName>([
  'ack',
  'status',
  'mitigated',
  'resolved',
  'detected',
  'severity',
  'commander',
  'role',
  'update',
  'timeline',
]);

/** The command lines of a comment body, in order; at most 200 are read. */
export function parseComment(body: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  let fence: string | undefined;
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length && out.length < MAX_LINES; i++) {
    const line = lines[i]!;
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const text = line.trim();
    if (!/^\/[A-Za-z]/.test(text)) continue;
    const parsed = parseLine(text);
    out.push(
      'error' in parsed
        ? { line: i + 1, error: parsed.error, text: text.slice(0, 80) }
        : { line: i + 1, command: parsed },
    );
  }
  return out;
}

function parseLine(text: string): Command | { error: string } {
  const match = /^\/([A-Za-z-]+)(?:\s+([\s\S]*))?$/.exec(text);
  const name = (match?.[1] ?? '').toLowerCase() as CommandName;
  const rest = (match?.[2] ?? '').trim();
  if (!KNOWN.has(name)) return { error: `\`/${(match?.[1] ?? '').slice(0, 30)}\` is not a command` };
  const words = rest ? rest.split(/\s+/) : [];
  const timeOnly = (): { at?: string } | { error: string } => {
    if (words.length === 0) return {};
    if (words.length === 1 && isTimeToken(words[0]!)) return { at: words[0]! };
    return {
      error: `\`/${name}\` takes no text, only an optional time such as \`10:42\` or \`2026-11-21T10:42:00+01:00\``,
    };
  };
  switch (name) {
    case 'ack':
    case 'mitigated':
    case 'resolved':
    case 'detected': {
      const t = timeOnly();
      return 'error' in t ? t : { name, ...t };
    }
    case 'status': {
      const status = (words[0] ?? '').toLowerCase() as LiveStatus;
      if (!STATUSES.includes(status)) return { error: `\`/status\` needs one of ${STATUSES.join(', ')}` };
      const rest2 = words.slice(1);
      if (rest2.length > 1 || (rest2.length === 1 && !isTimeToken(rest2[0]!)))
        return { error: '`/status` takes a status and an optional time' };
      return { name, status, ...(rest2[0] ? { at: rest2[0] } : {}) };
    }
    case 'severity': {
      const level = words[0];
      if (!level)
        return { error: '`/severity` needs a level and a reason, e.g. `/severity SEV1 checkout errors above 5%`' };
      const reason = rest.slice(level.length).trim();
      if (!reason) return { error: '`/severity` needs a reason after the level, so the timeline says why' };
      return { name, severity: level, reason: reason.slice(0, MAX_TEXT) };
    }
    case 'commander': {
      if (words.length !== 1 || !HANDLE.test(words[0]!)) return { error: '`/commander` needs one `@handle`' };
      return { name, handle: words[0]! };
    }
    case 'role': {
      if (words.length !== 2 || !ROLE.test(words[0]!.toLowerCase()) || !HANDLE.test(words[1]!))
        return { error: '`/role` needs a role and one `@handle`, e.g. `/role communications @alice`' };
      return { name, role: words[0]!.toLowerCase(), handle: words[1]! };
    }
    case 'update': {
      let publicUpdate = false;
      let body = rest;
      if (/^--public(?:\s|$)/.test(body)) {
        publicUpdate = true;
        body = body.slice('--public'.length).trim();
      }
      if (!body) return { error: '`/update` needs the text of the update' };
      return { name, text: body.slice(0, MAX_TEXT), public: publicUpdate };
    }
    case 'timeline': {
      const first = words[0];
      if (first && isTimeToken(first) && words.length > 1)
        return { name, at: first, text: rest.slice(first.length).trim().slice(0, MAX_TEXT) };
      if (!rest) return { error: '`/timeline` needs the text of the row' };
      return { name, text: rest.slice(0, MAX_TEXT) };
    }
  }
  return { error: 'not a command' };
}

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/;

function isTimeToken(word: string): boolean {
  return CLOCK.test(word) || ISO.test(word);
}

/**
 * The instant a command's time means. `HH:MM` is read in `timeZone` on the day of the comment there;
 * when that is later than the comment, the day before (a "23:50" written at 00:10). An ISO time is
 * taken as written. Without a time, the comment's own time. Undefined when the time is not real or
 * is after the comment (a command cannot report the future).
 */
export function commandTime(at: string | undefined, commentMs: number, timeZone: string): number | undefined {
  if (at === undefined) return commentMs;
  const clock = CLOCK.exec(at);
  if (clock) {
    const p = localParts(commentMs, timeZone);
    const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const time = `${clock[1]!.padStart(2, '0')}:${clock[2]}`;
    let ms = zonedTime(date, time, timeZone);
    if (ms > commentMs + 60_000) ms = zonedTime(previousDay(date), time, timeZone);
    return ms;
  }
  const ms = parseTimestamp(at);
  if (ms === undefined || ms > commentMs + 60_000) return undefined;
  return ms;
}

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** An instant as the record writes it: in the Config's time zone with its offset, to the second. */
export function recordTimestamp(ms: number, timeZone: string): string {
  return zonedTimestamp(ms, timeZone);
}
