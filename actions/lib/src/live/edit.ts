// Writes the live record into an incident file surgically: the front matter values that change
// are replaced where they are written (or a key line is added), list values (roles, check_ins,
// updates) replace only their own key's block, and Timeline rows are added or removed as whole
// lines. Every other byte (comments, quoting, line endings, the postmortem) stays as it was.
import { isMap, isScalar, parseDocument, stringify, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { normalizeHeading, scanMarkdown } from '../markdown/scan.ts';
import { parseTimestamp } from '../time/dates.ts';
import { zonedTime } from '../time/zoned.ts';
import type { CheckIn, LiveRecord, TimelineRow, UpdateEntry } from './reduce.ts';

export class RecordShapeError extends Error {}

interface FrontMatterBlock {
  /** Offset of the front matter's first character (after the opening line). */
  start: number;
  /** Offset just past its last line (where the closing "---" starts). */
  end: number;
  eol: string;
}

function frontMatterBlock(file: string, text: string): FrontMatterBlock {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*(\r\n|\n)/.exec(text.slice(bom));
  if (!open) throw new RecordShapeError(`${file} has no YAML front matter: it must start with a line of "---".`);
  const start = bom + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  close.lastIndex = 0;
  const rest = text.slice(start);
  const match = close.exec(rest);
  if (!match) throw new RecordShapeError(`${file}: the front matter has no closing "---" line.`);
  return { start, end: start + match.index, eol: open[1]! };
}

const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);
const entries = <T>(v: unknown, read: (o: Record<string, unknown>) => T | undefined): T[] =>
  Array.isArray(v)
    ? v
        .map((x) => (typeof x === 'object' && x !== null ? read(x as Record<string, unknown>) : undefined))
        .filter((x): x is T => x !== undefined)
    : [];

export interface ParsedLiveFile {
  record: LiveRecord;
  /** Comment links on the rows of the Timeline table. */
  rowLinks: string[];
  id?: string;
  services: string[];
}

/** The fields commands change, as the file has them, and the comment links of its Timeline rows. */
export function readLiveFile(file: string, text: string): ParsedLiveFile {
  const block = frontMatterBlock(file, text);
  const doc = parseDocument(text.slice(block.start, block.end), { version: '1.2', schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new RecordShapeError(
      `${file}: the front matter cannot be read (${doc.errors[0]!.message.split('\n')[0]}); fix it by hand first.`,
    );
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const roles: Record<string, string | string[]> = {};
  if (typeof data.roles === 'object' && data.roles !== null && !Array.isArray(data.roles)) {
    for (const [k, v] of Object.entries(data.roles as Record<string, unknown>))
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))
        roles[k] = v as string | string[];
  }
  const record: LiveRecord = {
    severity: asString(data.severity) ?? '',
    status: asString(data.status) ?? 'investigating',
    commander: asString(data.commander) ?? '',
    roles,
    started: asString(data.started),
    detected: asString(data.detected),
    acknowledged: asString(data.acknowledged),
    mitigated: asString(data.mitigated),
    resolved: asString(data.resolved),
    check_ins: entries<CheckIn>(data.check_ins, (o) =>
      asString(o.by) && asString(o.at)
        ? { by: o.by as string, at: o.at as string, ...(asString(o.comment) ? { comment: o.comment as string } : {}) }
        : undefined,
    ),
    updates: entries<UpdateEntry>(data.updates, (o) =>
      asString(o.by) && asString(o.at)
        ? {
            at: o.at as string,
            by: o.by as string,
            ...(o.public === true ? { public: true } : {}),
            ...(asString(o.comment) ? { comment: o.comment as string } : {}),
          }
        : undefined,
    ),
  };
  const table = timelineTable(text.slice(block.end));
  const rowLinks = table ? table.rows.map((r) => linkOf(r.text)).filter((l): l is string => l !== undefined) : [];
  const services = Array.isArray(data.services) ? data.services.filter((x): x is string => typeof x === 'string') : [];
  return { record, rowLinks, id: asString(data.id), services };
}

const LINK = /\((https?:\/\/[^\s)]+#issuecomment-\d+)\)/;
const linkOf = (line: string) => LINK.exec(line)?.[1];

// Order in which keys are added when missing: after the nearest earlier one present.
const KEY_ORDER = [
  'id',
  'title',
  'severity',
  'status',
  'postmortem',
  'postmortem_published',
  'services',
  'commander',
  'roles',
  'started',
  'detected',
  'acknowledged',
  'mitigated',
  'resolved',
  'check_ins',
  'updates',
];

/** The file with `desired` written over `base` (what the file has) and the Timeline rows changed. */
export function writeLiveFile(
  file: string,
  text: string,
  base: LiveRecord,
  desired: LiveRecord,
  rows: TimelineRow[],
  removeRows: string[],
  timeZone: string,
): string {
  const block = frontMatterBlock(file, text);
  const fm = text.slice(block.start, block.end);
  const doc = parseDocument(fm, { version: '1.2', schema: 'core', uniqueKeys: true, keepSourceTokens: false });
  if (!isMap(doc.contents)) throw new RecordShapeError(`${file}: the front matter is not a mapping.`);
  const map = doc.contents as YAMLMap;
  const pairs = map.items as Pair<Scalar, unknown>[];
  const edits: { from: number; to: number; text: string }[] = [];
  const eol = block.eol;
  const pairOf = (key: string) => pairs.find((p) => isScalar(p.key) && p.key.value === key);
  const lineEnd = (offset: number) => {
    const i = fm.indexOf('\n', offset);
    return i < 0 ? fm.length : i + 1;
  };
  const insertAt = (key: string): number => {
    const order = KEY_ORDER.indexOf(key);
    for (let i = order - 1; i >= 0; i--) {
      const p = pairOf(KEY_ORDER[i]!);
      const value = p?.value as { range?: [number, number, number] } | undefined;
      if (p && value?.range) return lineEnd(Math.max(value.range[1] - 1, value.range[0]));
    }
    return fm.length;
  };
  const block_ = (key: string, value: unknown) =>
    stringify(
      { [key]: value },
      { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0, flowCollectionPadding: false },
    )
      .replace(/\n$/, '')
      .replace(/\n/g, eol);

  const setValue = (key: string, value: unknown, collection: boolean) => {
    const pair = pairOf(key);
    const node = pair?.value as { range?: [number, number, number] } | null | undefined;
    if (pair && node?.range && !collection && isScalar(node)) {
      edits.push({ from: node.range[0], to: node.range[1], text: JSON.stringify(value) });
      return;
    }
    if (pair && isScalar(pair.key) && pair.key.range) {
      let to = node?.range ? node.range[1] : pair.key.range[1];
      // A block collection's range takes its last line break: keep it.
      while (to > pair.key.range[0] && (fm[to - 1] === '\n' || fm[to - 1] === '\r')) to--;
      const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;
      // An emptied list goes away with its line, as if it had never been written.
      if (empty) edits.push({ from: pair.key.range[0], to: lineEnd(to), text: '' });
      else edits.push({ from: pair.key.range[0], to, text: block_(key, value) });
      return;
    }
    if (collection && (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0)) return;
    const at = insertAt(key);
    const before = at > 0 && fm[at - 1] !== '\n' ? eol : '';
    edits.push({ from: at, to: at, text: `${before}${block_(key, value)}${eol}` });
  };

  for (const key of ['severity', 'status', 'commander', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const) {
    const value = desired[key];
    if (value !== undefined && value !== base[key]) setValue(key, value, false);
  }
  if (JSON.stringify(desired.roles) !== JSON.stringify(base.roles)) setValue('roles', desired.roles, true);
  if (JSON.stringify(desired.check_ins) !== JSON.stringify(base.check_ins))
    setValue('check_ins', desired.check_ins, true);
  if (JSON.stringify(desired.updates) !== JSON.stringify(base.updates)) setValue('updates', desired.updates, true);

  let newFm = fm;
  // From the end, so offsets stay right; edits at one place go in the order they were made.
  const ordered = edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => b.from - a.from || b.index - a.index);
  for (const edit of ordered) newFm = newFm.slice(0, edit.from) + edit.text + newFm.slice(edit.to);
  const body = editTimeline(text.slice(block.end), rows, removeRows, timeZone, eol);
  return text.slice(0, block.start) + newFm + body;
}

interface TimelineTable {
  /** Offsets (in the text given) of the table's lines. */
  header: { start: number; end: number };
  delimiterEnd: number;
  rows: { start: number; end: number; text: string; ms?: number }[];
  columns: number;
}

/** The first table of the Timeline section of `body` (which starts with the closing "---" line). */
function timelineTable(body: string, timeZone = 'UTC'): TimelineTable | undefined {
  const normalized = body.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
  // Offsets of line starts in the original text.
  const starts = [0];
  for (let i = 0; i < body.length; i++) if (body[i] === '\n') starts.push(i + 1);
  const scan = scanMarkdown(normalized.replace(/ \n/g, '\n'));
  const section = scan.sections.find((s) => normalizeHeading(s.heading.text) === 'timeline');
  const table = section?.tables[0];
  if (!table) return undefined;
  const span = (line: number) => ({ start: starts[line - 1]!, end: starts[line] ?? body.length });
  return {
    header: span(table.line),
    delimiterEnd: span(table.line + 1).end,
    columns: table.header.cells.length,
    rows: table.rows.map((r) => ({
      ...span(r.line),
      text: body.slice(span(r.line).start, span(r.line).end),
      ms: rowMs(r.cells[0]?.text ?? '', timeZone),
    })),
  };
}

function rowMs(cell: string, timeZone: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?\s*(Z|UTC|[+-]\d{2}:?\d{2})?/.exec(
    cell.replace(/\*|`/g, '').trim(),
  );
  if (!m) return undefined;
  if (m[4]) {
    const offset = m[4] === 'UTC' || m[4] === 'Z' ? 'Z' : m[4].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    return parseTimestamp(`${m[1]}T${m[2]}:${m[3] ?? '00'}${offset}`);
  }
  try {
    return zonedTime(m[1]!, m[2]!, timeZone);
  } catch {
    return undefined;
  }
}

/** Text for one table cell of the file: one line, pipes escaped, no HTML comment or raw HTML opened. */
export function cellText(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .trim();
}

function rowLine(row: TimelineRow, columns: number): string {
  const cells = [row.time, `${cellText(row.text)} ([comment](${row.url}))`];
  while (cells.length < columns) cells.push('');
  return `| ${cells.join(' | ')} |`;
}

function editTimeline(body: string, rows: TimelineRow[], removeRows: string[], timeZone: string, eol: string): string {
  if (rows.length === 0 && removeRows.length === 0) return body;
  const table = timelineTable(body, timeZone);
  if (!table) {
    if (rows.length === 0) return body;
    const lines = ['| Time | Event |', '|------|-------|', ...rows.map((r) => rowLine(r, 2))];
    const trailing = body.endsWith('\n') ? '' : eol;
    return `${body}${trailing}${eol}## Timeline${eol}${eol}${lines.join(eol)}${eol}`;
  }
  const remove = new Set(removeRows);
  const kept = table.rows.filter((r) => !remove.has(linkOf(r.text) ?? ''));
  // Each new row goes after the last kept row at or before its time (rows without a readable time are passed over).
  type Line = { text: string; ms?: number; added?: boolean };
  const lines: Line[] = kept.map((r) => ({ text: r.text.endsWith('\n') ? r.text : `${r.text}${eol}`, ms: r.ms }));
  for (const row of rows) {
    let at = lines.length;
    const firstLater = lines.findIndex((l) => l.ms !== undefined && l.ms > row.ms);
    if (firstLater >= 0) at = firstLater;
    lines.splice(at, 0, { text: `${rowLine(row, table.columns)}${eol}`, ms: row.ms, added: true });
  }
  const start = table.delimiterEnd;
  const end = table.rows.length ? table.rows[table.rows.length - 1]!.end : table.delimiterEnd;
  let out = lines.map((l) => l.text).join('');
  // The table ended the file without a final newline: keep it that way.
  if (end === body.length && !body.endsWith('\n') && out.endsWith(eol)) out = out.slice(0, -eol.length);
  const prefix = body.slice(0, start);
  return `${prefix}${prefix.endsWith('\n') || out === '' ? '' : eol}${out}${body.slice(end)}`;
}
