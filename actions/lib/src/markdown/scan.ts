/**
 * A linear-time line scanner for postmortem bodies.
 *
 * It finds what the rules need from a Markdown body (top-level headings, the sections they
 * open, top-level GFM tables, and the lines of prose outside code and HTML comments) without
 * building a syntax tree. unified + remark-gfm costs about 100 times more on real postmortems,
 * and hostile Markdown (deep `>` nesting, long `*` runs) can make it slow or overflow its stack.
 *
 * Block structure follows CommonMark 0.31 with the algorithm of commonmark.js (match the open
 * containers, try block starts, then lazy continuation or text), plus what remark-gfm reads:
 * GFM tables and footnote definitions as micromark parses them, including a few of micromark's
 * own choices (marked "micromark" below). Inline syntax is not parsed, apart from finding HTML
 * comments and the code spans that hide them. The tests check the result against remark-gfm on
 * the fixtures and on random documents.
 *
 * Cost: every line is read a small, fixed number of times (matching containers consumes the
 * characters it reads; a paragraph's lines are read once more when it closes; a table header
 * once more when the delimiter row below it is checked). No regular expression with nested
 * quantifiers touches user text. Two bounds keep hostile input linear:
 * - at most MAX_CONTAINER_DEPTH nested block quotes, list items and footnote definitions
 *   (deeper markers are read as text), since a blank line is checked against every open list
 *   item;
 * - at most MAX_TABLE_CELLS table body cells per body (GFM pads every row to the header's
 *   width, so a wide header over many short rows would otherwise cost width × rows); rows past
 *   the budget are dropped and the table is marked `truncated`.
 *
 * Deliberate differences from GFM, none of which real postmortems run into:
 * - Only top-level headings and tables are reported. GFM also has them in block quotes, list
 *   items and footnote definitions; those are parsed (so they end and contain what they should)
 *   and count as content of their section, but are not reported.
 * - Link reference definitions are recognised only on one line (`[label]: destination "title"`).
 *   One whose destination or title continues on the next line is read as paragraph text, so
 *   with `===` or `---` under it this scanner sees a setext heading where GFM does not.
 * - Blocks nested deeper than MAX_CONTAINER_DEPTH, and table rows past MAX_TABLE_CELLS (above).
 * - Only LF ends a line (callers normalise CRLF); a CR is an ordinary character.
 * - Columns count UTF-16 code units from 1, a tab as one, as remark's positions do.
 */

export interface Heading {
  level: number;
  /** Inline source text: trailing `#`s removed, trimmed; a setext heading's lines joined with `\n`. */
  text: string;
  line: number;
  /** 1-based column of the first `#`, or of the first character of a setext heading. */
  column: number;
}

export interface TableCell {
  /** Trimmed source text with `\|` unescaped to `|` (other escapes and inline markup kept). */
  text: string;
  line: number;
  /**
   * 1-based column where the text starts; for an empty cell, where the cell starts (its leading
   * pipe, or the row start); for a padded cell, just past the last non-blank character of the row.
   */
  column: number;
}

export interface TableRow {
  line: number;
  /** Exactly as many cells as the header has: missing cells padded with '', extra cells dropped. */
  cells: TableCell[];
}

export interface Table {
  /** The header row's line. */
  line: number;
  header: TableRow;
  rows: TableRow[];
  /** Rows were dropped because the body reached MAX_TABLE_CELLS body cells (never in real postmortems). */
  truncated: boolean;
}

export interface Section {
  heading: Heading;
  /** Last line of the section: before the next heading of the same or a higher level, or the body's last line. */
  endLine: number;
  /** Top-level tables inside the section, including those under its sub-headings. */
  tables: Table[];
  /**
   * Nothing but whitespace, HTML comments, sub-headings, thematic breaks, tables whose body rows
   * have no text, or empty list items, block quotes and code blocks.
   */
  empty: boolean;
}

export interface ProseLine {
  line: number;
  /**
   * The source line (container markers included), with HTML comments replaced by spaces so columns
   * still line up, and trailing whitespace removed. Lines in fenced or indented code, lines that
   * are only comments or only container markers, and blank lines are left out.
   */
  text: string;
}

export interface MarkdownScan {
  headings: Heading[];
  sections: Section[];
  tables: Table[];
  prose: ProseLine[];
}

/** Deepest nesting of block quotes and list items followed; deeper markers are read as text. */
export const MAX_CONTAINER_DEPTH = 32;
/** Table body cells (padding included) kept per Markdown body; later rows are dropped. */
export const MAX_TABLE_CELLS = 200_000;

const C_TAB = 9;
const C_SPACE = 32;
const C_BANG = 33;
const C_DQUOTE = 34;
const C_HASH = 35;
const C_SQUOTE = 39;
const C_RPAREN = 41;
const C_STAR = 42;
const C_PLUS = 43;
const C_DASH = 45;
const C_DOT = 46;
const C_SLASH = 47;
const C_0 = 48;
const C_1 = 49;
const C_9 = 57;
const C_COLON = 58;
const C_LBRACKET = 91;
const C_RBRACKET = 93;
const C_CARET = 94;
const C_LPAREN = 40;
const C_LT = 60;
const C_EQ = 61;
const C_GT = 62;
const C_QUESTION = 63;
const C_BACKSLASH = 92;
const C_UNDERSCORE = 95;
const C_BACKTICK = 96;
const C_PIPE = 124;
const C_TILDE = 126;

// Block kinds. Containers are below PARA, leaves from PARA up.
const DOC = 0;
const QUOTE = 1;
const ITEM = 2;
const FOOTNOTE = 3; // GFM footnote definition `[^label]:`
const PARA = 4;
const FENCE = 5;
const ICODE = 6;
const HTML = 7;
const TABLE = 8;

interface Block {
  kind: number;
  /** A direct child of the document. */
  top: boolean;
  /** A child block was added (an item that began blank and got none ends at the next blank line). */
  hasChild: boolean;
  /** ITEM: columns a continuation line must be indented by (marker offset + padding). */
  itemIndent: number;
  fenceChar: number;
  fenceLength: number;
  fenceOffset: number;
  htmlType: number;
  /**
   * PARA and HTML: where the content starts on each line. A leaf's lines are consecutive, so the
   * first line's index and start are enough to place them all.
   */
  lines: number[];
  firstLine: number;
  firstLineStart: number;
  /** PARA and HTML: end of the last line, and the indentation of its content in columns. */
  lastEnd: number;
  lastIndent: number;
  /** Code blocks: a line with text was seen. */
  hasContent: boolean;
  table: Table | null;
  /** TABLE: from, to, line start and file line of each kept body row (see splitRowsWhenRead). */
  rowSpans: number[] | null;
  /** PARA: leading lines known to be link reference definitions, and whether a line that is not one was seen. */
  definitions: number;
  definitionsEnd: boolean;
}

function newBlock(kind: number, top: boolean): Block {
  return {
    kind,
    top,
    hasChild: false,
    itemIndent: 0,
    fenceChar: 0,
    fenceLength: 0,
    fenceOffset: 0,
    htmlType: 0,
    lines: [],
    firstLine: 0,
    firstLineStart: 0,
    lastEnd: 0,
    lastIndent: 0,
    hasContent: false,
    table: null,
    rowSpans: null,
    definitions: 0,
    definitionsEnd: false,
  };
}

const HTML_RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);
const HTML_BLOCK_NAMES = new Set([
  'address',
  'article',
  'aside',
  'base',
  'basefont',
  'blockquote',
  'body',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'header',
  'hr',
  'html',
  'iframe',
  'legend',
  'li',
  'link',
  'main',
  'menu',
  'menuitem',
  'nav',
  'noframes',
  'ol',
  'optgroup',
  'option',
  'p',
  'param',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
]);
/** End conditions of HTML blocks of types 1 to 5 (no quantifiers). */
const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_END_MARKERS = ['', '', '-->', '?>', '>', ']]>'];

function isSpaceOrTab(c: number): boolean {
  return c === C_SPACE || c === C_TAB;
}

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlphanumeric(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
}

/** A character that may start a block other than a paragraph (commonmark.js's reMaybeSpecial). */
function maybeSpecial(c: number): boolean {
  switch (c) {
    case C_HASH:
    case C_BACKTICK:
    case C_TILDE:
    case C_STAR:
    case C_PLUS:
    case C_UNDERSCORE:
    case C_EQ:
    case C_LT:
    case C_GT:
    case C_LBRACKET:
    case C_DASH:
      return true;
    default:
      return isDigit(c);
  }
}

/** Index of `needle` in s[from, to), or -1; never searches past `to`. */
function indexIn(s: string, needle: string, from: number, to: number): number {
  if (to - from < needle.length) return -1;
  const i = s.slice(from, to).indexOf(needle);
  return i < 0 ? -1 : i + from;
}

/**
 * The offset of the `]` closing a footnote label that starts at `i` (after `[^`), or -1. As
 * micromark: 1 to 999 characters, no whitespace and no unescaped `[`.
 */
function footnoteLabelEnd(s: string, i: number, to: number): number {
  const start = i;
  while (i < to && i - start <= 999) {
    const c = s.charCodeAt(i);
    if (c === C_RBRACKET) return i > start ? i : -1;
    if (c === C_LBRACKET || isSpaceOrTab(c)) return -1;
    if (c === C_BACKSLASH && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      i += d === C_LBRACKET || d === C_BACKSLASH || d === C_RBRACKET ? 2 : 1;
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * Whether `s[from, to)` (from at a non-blank, to trimmed) is a whole link reference definition,
 * `[label]: destination "optional title"`, on this one line. Definitions whose destination or
 * title continue on the next line are not recognised.
 */
function isLinkDefinition(s: string, from: number, to: number): boolean {
  let i = from;
  if (s.charCodeAt(i) !== C_LBRACKET) return false;
  i++;
  let text = false;
  for (;;) {
    if (i >= to || i - from > 1000) return false;
    const c = s.charCodeAt(i);
    if (c === C_BACKSLASH && i + 1 < to) {
      text = true;
      i += 2;
      continue;
    }
    if (c === C_LBRACKET) return false;
    if (c === C_RBRACKET) break;
    if (!isSpaceOrTab(c)) text = true;
    i++;
  }
  if (!text || s.charCodeAt(i + 1) !== C_COLON) return false;
  i += 2;
  while (i < to && isSpaceOrTab(s.charCodeAt(i))) i++;
  if (i >= to) return false;
  // Destination: <...>, or a run without spaces or control characters and with balanced parentheses.
  if (s.charCodeAt(i) === C_LT) {
    i++;
    for (;;) {
      if (i >= to) return false;
      const c = s.charCodeAt(i);
      if (c === C_GT) break;
      if (c === C_LT) return false;
      i += c === C_BACKSLASH ? 2 : 1;
    }
    i++;
  } else {
    let depth = 0;
    for (; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c <= C_SPACE || c === 127) break;
      if (c === C_BACKSLASH) i++;
      else if (c === C_LPAREN) {
        if (++depth > 32) return false;
      } else if (c === C_RPAREN) {
        if (depth === 0) break;
        depth--;
      }
    }
    if (depth !== 0) return false;
  }
  const afterDestination = i;
  while (i < to && isSpaceOrTab(s.charCodeAt(i))) i++;
  if (i >= to) return true;
  if (i === afterDestination) return false;
  // Title: "...", '...' or (...), closed on this line.
  const open = s.charCodeAt(i);
  const close = open === C_LPAREN ? C_RPAREN : open;
  if (open !== C_DQUOTE && open !== C_SQUOTE && open !== C_LPAREN) return false;
  for (i++; ; i++) {
    if (i >= to) return false;
    const c = s.charCodeAt(i);
    if (c === C_BACKSLASH) i++;
    else if (c === close) break;
    else if (open === C_LPAREN && c === C_LPAREN) return false;
  }
  return !hasNonBlank(s, i + 1, to);
}

function hasNonBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== C_SPACE && c !== C_TAB) return true;
  }
  return false;
}

function trimEndIndex(s: string, from: number, to: number): number {
  let e = to;
  while (e > from && isSpaceOrTab(s.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * HTML comments in `s[from, to)`, as [start, end) offset pairs in `s`. Inline (paragraph) mode
 * follows CommonMark: a comment must be closed, backslash escapes and code spans hide `<!--`,
 * and `<!-->` and `<!--->` are comments. In HTML blocks (inline false) an unclosed comment runs
 * to `to`, as it would in a browser. Linear time.
 */
function commentSpans(s: string, from: number, to: number, inline: boolean): number[] {
  const spans: number[] = [];
  const text = from === 0 && to === s.length ? s : s.slice(from, to);
  let pos = text.indexOf('<!--');
  if (pos < 0) return spans;
  const codeSpans = inline && text.indexOf('`') >= 0 ? new BacktickRuns(text) : null;
  if (codeSpans) pos = 0;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (codeSpans && c === C_BACKSLASH) {
      pos += 2;
      continue;
    }
    if (codeSpans && c === C_BACKTICK) {
      pos = codeSpans.skip(pos);
      continue;
    }
    if (c === C_LT && text.startsWith('<!--', pos)) {
      let end: number;
      if (text.startsWith('>', pos + 4)) end = pos + 5;
      else if (text.startsWith('->', pos + 4)) end = pos + 6;
      else {
        const close = text.indexOf('-->', pos + 4);
        if (close < 0) {
          // No comment can close after this point.
          if (!inline) spans.push(from + pos, from + n);
          break;
        }
        end = close + 3;
      }
      spans.push(from + pos, from + end);
      pos = end;
      continue;
    }
    if (codeSpans) {
      pos++;
    } else {
      pos = text.indexOf('<!--', pos + 1);
      if (pos < 0) break;
    }
  }
  return spans;
}

/**
 * `s[from, to)` with the parts inside `spans` (sorted pairs, from index `k` on) replaced by
 * spaces; line feeds are kept so lines and columns stay put.
 */
function blankSpans(s: string, from: number, to: number, spans: number[], k: number): string {
  let out = '';
  let last = from;
  for (; k < spans.length && spans[k]! < to; k += 2) {
    const a = Math.max(spans[k]!, from);
    const b = Math.min(spans[k + 1]!, to);
    if (b <= a) continue;
    const hidden = s.slice(a, b);
    out += s.slice(last, a) + (hidden.indexOf('\n') < 0 ? ' '.repeat(b - a) : hidden.replace(/[^\n]/g, ' '));
    last = b;
  }
  return out + s.slice(last, to);
}

/** `text` with its HTML comments replaced by spaces (see commentSpans). */
export function blankComments(text: string, inline: boolean): string {
  const spans = commentSpans(text, 0, text.length, inline);
  return spans.length === 0 ? text : blankSpans(text, 0, text.length, spans, 0);
}

/** Backtick runs of a text, to find the closer of a code span in amortised constant time. */
class BacktickRuns {
  /** Start offsets of maximal backtick runs, by run length. */
  private readonly byLength = new Map<number, number[]>();
  private readonly cursor = new Map<number, number>();

  constructor(private readonly text: string) {
    const n = text.length;
    let i = text.indexOf('`');
    while (i >= 0 && i < n) {
      let j = i;
      while (j < n && text.charCodeAt(j) === C_BACKTICK) j++;
      const len = j - i;
      let list = this.byLength.get(len);
      if (!list) this.byLength.set(len, (list = []));
      list.push(i);
      i = text.indexOf('`', j);
    }
  }

  /** Offset after the code span opened by the run at `pos`, or after the run when it has no closer. */
  skip(pos: number): number {
    const text = this.text;
    let j = pos;
    while (j < text.length && text.charCodeAt(j) === C_BACKTICK) j++;
    const len = j - pos;
    const list = this.byLength.get(len);
    if (!list) return j;
    let k = this.cursor.get(len) ?? 0;
    while (k < list.length && list[k]! < j) k++;
    this.cursor.set(len, k);
    if (k >= list.length) return j;
    return list[k]! + len;
  }
}

/**
 * Where the cell starting at `i` ends in the row `s[i, to)`: the offset of its closing pipe, or
 * `to`. `\|` and `\\` are read as pairs, left to right, so an escaped pipe stays in the cell.
 */
function cellEnd(s: string, i: number, to: number): number {
  while (i < to) {
    const c = s.charCodeAt(i);
    if (c === C_PIPE) return i;
    if (c === C_BACKSLASH && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d === C_BACKSLASH || d === C_PIPE) {
        i += 2;
        continue;
      }
    }
    i++;
  }
  return to;
}

/** Cells of a table row, for counting: `s[from, to)` with `to` already trimmed of whitespace. */
function countCells(s: string, from: number, to: number): number {
  let i = from;
  if (i < to && s.charCodeAt(i) === C_PIPE) i++;
  if (i >= to) return 0;
  let count = 0;
  for (;;) {
    count++;
    i = cellEnd(s, i, to);
    if (i >= to) return count;
    i++;
    if (i >= to) return count;
  }
}

/**
 * The cells of a table row `s[from, to)` (`to` trimmed), at most `max` of them, padded to `max`.
 * `lineStart` is the offset of column 1; `line` the file line.
 */
function splitRow(s: string, from: number, to: number, lineStart: number, line: number, max: number): TableCell[] {
  const cells: TableCell[] = [];
  let i = from;
  // Where an empty cell is reported: its leading pipe, or the row start (as remark's positions).
  let anchor = from;
  if (i < to && s.charCodeAt(i) === C_PIPE) i++;
  if (i < to) {
    while (cells.length < max) {
      const cellStart = i;
      i = cellEnd(s, i, to);
      let a = cellStart;
      while (a < i && isSpaceOrTab(s.charCodeAt(a))) a++;
      const b = trimEndIndex(s, a, i);
      const raw = s.slice(a, b);
      const text = raw.includes('\\|') ? unescapePipes(raw) : raw;
      cells.push({ text, line, column: (a < b ? a : anchor) - lineStart + 1 });
      if (i >= to) break;
      anchor = i;
      i++;
      if (i >= to) break;
    }
  }
  const endColumn = to - lineStart + 1;
  while (cells.length < max) cells.push({ text: '', line, column: endColumn });
  return cells;
}

/** `\|` to `|`, pairing backslashes left to right as the cell split does (`\\` stays as is). */
function unescapePipes(text: string): string {
  return text.replace(/\\[\\|]/g, (pair) => (pair === '\\|' ? '|' : pair));
}

/**
 * Cells of a GFM delimiter row `s[from, to)` (`to` trimmed), or -1 when it is not one:
 * `|? :?-+:? (| :?-+:?)* |?` with spaces or tabs around the pipes, and at least one `|` or `:`
 * (without one it is a thematic break or setext underline).
 */
function delimiterCells(s: string, from: number, to: number): number {
  let i = from;
  let seen = false;
  let cells = 0;
  if (i < to && s.charCodeAt(i) === C_PIPE) {
    seen = true;
    i++;
  }
  for (;;) {
    while (i < to && isSpaceOrTab(s.charCodeAt(i))) i++;
    if (i >= to) break;
    if (s.charCodeAt(i) === C_COLON) {
      seen = true;
      i++;
    }
    if (i >= to || s.charCodeAt(i) !== C_DASH) return -1;
    while (i < to && s.charCodeAt(i) === C_DASH) i++;
    if (i < to && s.charCodeAt(i) === C_COLON) {
      seen = true;
      i++;
    }
    cells++;
    while (i < to && isSpaceOrTab(s.charCodeAt(i))) i++;
    if (i >= to) break;
    if (s.charCodeAt(i) !== C_PIPE) return -1;
    seen = true;
    i++;
  }
  return seen && cells > 0 ? cells : -1;
}

/** Offset after a complete HTML open or closing tag starting at `<` (s[i]), or -1. */
function completeTagEnd(s: string, i: number, to: number): number {
  let k = i + 1;
  const closing = k < to && s.charCodeAt(k) === C_SLASH;
  if (closing) k++;
  if (k >= to || !isAsciiLetter(s.charCodeAt(k))) return -1;
  while (k < to && (isAsciiAlphanumeric(s.charCodeAt(k)) || s.charCodeAt(k) === C_DASH)) k++;
  if (closing) {
    while (k < to && isSpaceOrTab(s.charCodeAt(k))) k++;
    return k < to && s.charCodeAt(k) === C_GT ? k + 1 : -1;
  }
  for (;;) {
    const before = k;
    while (k < to && isSpaceOrTab(s.charCodeAt(k))) k++;
    if (k >= to) return -1;
    let c = s.charCodeAt(k);
    if (c === C_GT) return k + 1;
    if (c === C_SLASH) return k + 1 < to && s.charCodeAt(k + 1) === C_GT ? k + 2 : -1;
    if (k === before) return -1; // attributes need whitespace before them
    // Attribute name: [A-Za-z_:][A-Za-z0-9_.:-]*
    if (!(isAsciiLetter(c) || c === C_UNDERSCORE || c === C_COLON)) return -1;
    k++;
    while (k < to) {
      c = s.charCodeAt(k);
      if (isAsciiAlphanumeric(c) || c === C_UNDERSCORE || c === C_DOT || c === C_COLON || c === C_DASH) k++;
      else break;
    }
    // Optional value: whitespace? = whitespace? value
    let v = k;
    while (v < to && isSpaceOrTab(s.charCodeAt(v))) v++;
    if (v < to && s.charCodeAt(v) === C_EQ) {
      v++;
      while (v < to && isSpaceOrTab(s.charCodeAt(v))) v++;
      if (v >= to) return -1;
      c = s.charCodeAt(v);
      if (c === C_DQUOTE || c === C_SQUOTE) {
        const close = s.indexOf(c === C_DQUOTE ? '"' : "'", v + 1);
        if (close < 0 || close >= to) return -1;
        k = close + 1;
      } else {
        const start = v;
        while (v < to) {
          c = s.charCodeAt(v);
          if (
            c <= C_SPACE ||
            c === C_DQUOTE ||
            c === C_SQUOTE ||
            c === C_EQ ||
            c === C_LT ||
            c === C_GT ||
            c === C_BACKTICK
          )
            break;
          v++;
        }
        if (v === start) return -1;
        k = v;
      }
    }
  }
}

/** The HTML block type (1 to 7) a line starting with `<` at s[i] opens, or 0. */
function htmlBlockType(s: string, i: number, to: number): number {
  const c1 = i + 1 < to ? s.charCodeAt(i + 1) : -1;
  if (c1 === C_BANG) {
    if (s.startsWith('<!--', i)) return 2;
    if (s.startsWith('<![CDATA[', i)) return 5;
    return i + 2 < to && isAsciiLetter(s.charCodeAt(i + 2)) ? 4 : 0;
  }
  if (c1 === C_QUESTION) return 3;
  let k = i + 1;
  const closing = c1 === C_SLASH;
  if (closing) k++;
  const nameStart = k;
  if (k >= to || !isAsciiLetter(s.charCodeAt(k))) return 0;
  while (k < to && (isAsciiAlphanumeric(s.charCodeAt(k)) || s.charCodeAt(k) === C_DASH)) k++;
  const name = k - nameStart <= 10 ? s.slice(nameStart, k).toLowerCase() : '';
  const after = k < to ? s.charCodeAt(k) : -1;
  const endsName = after === -1 || after === C_GT || isSpaceOrTab(after);
  if (!closing && endsName && HTML_RAW_NAMES.has(name)) return 1;
  if (HTML_BLOCK_NAMES.has(name) && (endsName || (after === C_SLASH && k + 1 < to && s.charCodeAt(k + 1) === C_GT))) {
    return 6;
  }
  const end = completeTagEnd(s, i, to);
  if (end < 0) return 0;
  return hasNonBlank(s, end, to) ? 0 : 7;
}

class Scanner {
  private readonly stack: Block[] = [newBlock(DOC, false)];
  // The current line.
  private lineIndex = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private offset = 0;
  private column = 0;
  private partiallyConsumedTab = false;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private blank = false;
  private indented = false;
  private allClosed = true;
  private lastMatched = 0;
  /** The line was fully used by a block start (heading, thematic break, fence opening). */
  private consumed = false;
  private cellBudget = MAX_TABLE_CELLS;
  /**
   * The previous line was blank. Another blank line then changes nothing (every block still
   * open matched a blank line), which keeps runs of blank lines in deep lists cheap.
   */
  private afterBlank = false;
  /** Where the last failed thematic break scan stopped (see blockStart). */
  private breakFailLine = -1;
  private breakFailChar = 0;
  private breakFailAt = 0;

  readonly headings: Heading[] = [];
  readonly tables: Table[] = [];
  /**
   * Prose lines, three numbers each: file line, then start and end offsets in the source, or
   * -1 and an index into proseTexts when the line's text had comments blanked (a new string).
   */
  readonly prose: number[] = [];
  readonly proseTexts: string[] = [];
  /** File lines holding content that makes a section non-empty, ascending. */
  readonly contentLines: number[] = [];

  constructor(
    private readonly src: string,
    private readonly firstLine: number,
  ) {}

  scan(): number {
    const src = this.src;
    const n = src.length;
    let pos = 0;
    let index = 0;
    while (pos < n) {
      let end = src.indexOf('\n', pos);
      if (end < 0) end = n;
      this.line(index, pos, end);
      index++;
      pos = end + 1;
    }
    while (this.stack.length > 1) this.finalizeTop();
    return index;
  }

  // ---- line positions (commonmark.js) ----

  private findNextNonspace(): void {
    const s = this.src;
    const end = this.lineEnd;
    let i = this.offset;
    let cols = this.column;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c === C_SPACE) {
        i++;
        cols++;
      } else if (c === C_TAB) {
        i++;
        cols += 4 - (cols % 4);
      } else break;
    }
    this.blank = i >= end;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = cols - this.column;
    this.indented = this.indent >= 4;
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  private advanceOffset(count: number, columns: boolean): void {
    const s = this.src;
    while (count > 0 && this.offset < this.lineEnd) {
      if (s.charCodeAt(this.offset) === C_TAB) {
        const charsToTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = charsToTab > count;
          const charsToAdvance = charsToTab > count ? count : charsToTab;
          this.column += charsToAdvance;
          if (!this.partiallyConsumedTab) this.offset++;
          count -= charsToAdvance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += charsToTab;
          this.offset++;
          count--;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset++;
        this.column++;
        count--;
      }
    }
  }

  private charAt(i: number): number {
    return i < this.lineEnd ? this.src.charCodeAt(i) : -1;
  }

  // ---- the block tree ----

  private tip(): Block {
    return this.stack[this.stack.length - 1]!;
  }

  private closeUnmatched(): void {
    if (this.allClosed) return;
    while (this.stack.length - 1 > this.lastMatched) this.finalizeTop();
    this.allClosed = true;
  }

  /** Close leaves at the tip so a new block can be added; true when it will be top-level. */
  private prepareChild(): boolean {
    while (this.tip().kind >= PARA) this.finalizeTop();
    this.tip().hasChild = true;
    return this.stack.length === 1;
  }

  private addChild(kind: number): Block {
    const top = this.prepareChild();
    const b = newBlock(kind, top);
    this.stack.push(b);
    return b;
  }

  private finalizeTop(): void {
    const b = this.stack.pop()!;
    if (b.kind === PARA) this.finishLines(b, true);
    else if (b.kind === HTML) this.finishLines(b, false);
  }

  private containerDepthOk(): boolean {
    return this.stack.length <= MAX_CONTAINER_DEPTH;
  }

  private file(index: number): number {
    return this.firstLine + index;
  }

  private markContent(index: number): void {
    const line = this.file(index);
    const c = this.contentLines;
    if (c.length === 0 || c[c.length - 1]! !== line) c.push(line);
  }

  /** Prose for a single-line construct (heading, table row, thematic break). */
  private proseLine(): void {
    const s = this.src;
    const end = trimEndIndex(s, this.lineStart, this.lineEnd);
    if (indexIn(s, '<!--', this.lineStart, end) >= 0) {
      const text = blankComments(s.slice(this.lineStart, end), true).trimEnd();
      if (text.length > 0) this.addProseText(this.file(this.lineIndex), text);
    } else if (end > this.lineStart) {
      this.prose.push(this.file(this.lineIndex), this.lineStart, end);
    }
  }

  private addProseText(line: number, text: string): void {
    this.prose.push(line, -1, this.proseTexts.length);
    this.proseTexts.push(text);
  }

  /** Close a paragraph or HTML block: prose, and content unless it is only comments. */
  private finishLines(b: Block, inline: boolean): void {
    const s = this.src;
    const lines = b.lines;
    const n = lines.length;
    if (n === 0) return;
    const spans = commentSpans(s, lines[0]!, b.lastEnd, inline);
    let k = 0; // first span that may reach the current line
    const definitions = b.kind === PARA ? this.leadingDefinitions(b) : 0;
    let marked = false;
    let lineStart = b.firstLineStart;
    for (let i = 0; i < n; i++) {
      const content = lines[i]!;
      const lineEnd = i === n - 1 ? b.lastEnd : s.indexOf('\n', content);
      while (k < spans.length && spans[k + 1]! <= content) k += 2;
      let text: string | undefined;
      let end = 0;
      let visible: boolean;
      if (k < spans.length && spans[k]! <= content && spans[k + 1]! >= lineEnd) {
        visible = false; // inside a comment
      } else if (k < spans.length && spans[k]! < lineEnd) {
        const piece = blankSpans(s, content, lineEnd, spans, k);
        visible = hasNonBlank(piece, 0, piece.length);
        text = (s.slice(lineStart, content) + piece).trimEnd();
      } else {
        end = trimEndIndex(s, content, lineEnd);
        visible = end > content && hasNonBlank(s, content, end);
      }
      if (visible) {
        const index = b.firstLine + i;
        if (text === undefined) this.prose.push(this.file(index), lineStart, end);
        else this.addProseText(this.file(index), text);
        if (!marked && i >= definitions) {
          this.markContent(index);
          marked = true;
        }
      }
      lineStart = lineEnd + 1;
    }
  }

  /**
   * How many of the paragraph's first lines are link reference definitions (which render
   * nothing: a paragraph of only definitions is not a heading or table header, nor content).
   * Each line is checked once, however often this is asked.
   */
  private leadingDefinitions(b: Block): number {
    const s = this.src;
    const lines = b.lines;
    const n = lines.length;
    while (!b.definitionsEnd && b.definitions < n) {
      const content = lines[b.definitions]!;
      const end = b.definitions === n - 1 ? b.lastEnd : s.indexOf('\n', content);
      if (isLinkDefinition(s, content, trimEndIndex(s, content, end))) b.definitions++;
      else b.definitionsEnd = true;
    }
    return b.definitions;
  }

  /** Add the rest of the line (from the offset) to a paragraph or HTML block. */
  private addLine(b: Block): void {
    if (b.lines.length === 0) {
      b.firstLine = this.lineIndex;
      b.firstLineStart = this.lineStart;
    }
    b.lines.push(this.offset);
    b.lastEnd = this.lineEnd;
    b.lastIndent = this.indent;
  }

  // ---- one line ----

  private line(index: number, start: number, end: number): void {
    this.lineIndex = index;
    this.lineStart = start;
    this.lineEnd = end;
    this.offset = start;
    this.column = 0;
    this.partiallyConsumedTab = false;
    this.consumed = false;
    const stack = this.stack;
    const rawBlank = !hasNonBlank(this.src, start, end);
    if (rawBlank && this.afterBlank) {
      const tip = this.tip();
      if (tip.kind === HTML) {
        this.offset = end;
        this.indent = 0;
        this.addLine(tip);
      }
      return;
    }
    this.afterBlank = rawBlank;
    const oldTip = stack.length - 1;

    // 1. Which open blocks does the line continue?
    let matched = 0;
    for (let i = 1; i < stack.length; i++) {
      this.findNextNonspace();
      const r = this.continues(stack[i]!);
      if (r === 0) {
        matched = i;
        continue;
      }
      if (r === 2) {
        // A closing fence: the fence is the tip and every container matched.
        this.finalizeTop();
        return;
      }
      break;
    }
    this.allClosed = matched === oldTip;
    this.lastMatched = matched;
    let container = matched;

    // 2. New block starts, unless the line belongs to code or HTML.
    let kind = stack[container]!.kind;
    let matchedLeaf = kind === FENCE || kind === ICODE || kind === HTML;
    while (!matchedLeaf) {
      this.findNextNonspace();
      if (!this.indented && !maybeSpecial(this.charAt(this.nextNonspace))) {
        this.advanceNextNonspace();
        break;
      }
      const r = this.blockStart(stack[container]!);
      if (r === 0) {
        this.advanceNextNonspace();
        break;
      }
      if (this.consumed) return;
      container = stack.length - 1;
      if (r === 2) matchedLeaf = true;
    }

    // 3. What is left is text: lazy continuation, or for the block the line ended in.
    if (!this.allClosed && !this.blank && this.tip().kind === PARA) {
      this.addLine(this.tip());
      return;
    }
    this.closeUnmatched();
    const b = stack[container]!;
    kind = b.kind;
    if (kind === FENCE || kind === ICODE) {
      if (!b.hasContent && hasNonBlank(this.src, this.offset, this.lineEnd)) {
        b.hasContent = true;
        this.markContent(this.lineIndex);
      }
    } else if (kind === HTML) {
      this.addLine(b);
      if (b.htmlType <= 5) {
        const text = this.src.slice(this.offset, this.lineEnd);
        const closed = b.htmlType === 1 ? HTML_RAW_END.test(text) : text.indexOf(HTML_END_MARKERS[b.htmlType]!) >= 0;
        if (closed) this.finalizeTop();
      }
    } else if (kind === PARA) {
      if (!this.startTable(b)) this.addLine(b);
    } else if (kind === TABLE) {
      this.bodyRow(b);
    } else if (!this.blank) {
      const p = this.addChild(PARA);
      this.advanceNextNonspace();
      this.addLine(p);
    }
  }

  /** 0: the line continues the block, 1: it does not, 2: it closes the fence. */
  private continues(b: Block): number {
    switch (b.kind) {
      case QUOTE:
        if (!this.indented && this.charAt(this.nextNonspace) === C_GT) {
          this.advanceNextNonspace();
          this.advanceOffset(1, false);
          if (isSpaceOrTab(this.charAt(this.offset))) this.advanceOffset(1, true);
          return 0;
        }
        return 1;
      case FOOTNOTE:
        if (this.blank) {
          this.advanceNextNonspace();
          return 0;
        }
        if (this.indent >= 4) {
          this.advanceOffset(4, true);
          return 0;
        }
        return 1;
      case ITEM:
        if (this.blank) {
          if (!b.hasChild) return 1;
          this.advanceNextNonspace();
          return 0;
        }
        if (this.indent >= b.itemIndent) {
          this.advanceOffset(b.itemIndent, true);
          return 0;
        }
        return 1;
      case FENCE: {
        if (this.indent <= 3 && this.charAt(this.nextNonspace) === b.fenceChar) {
          let j = this.nextNonspace;
          while (this.charAt(j) === b.fenceChar) j++;
          if (j - this.nextNonspace >= b.fenceLength && !hasNonBlank(this.src, j, this.lineEnd)) return 2;
        }
        let i = b.fenceOffset;
        while (i > 0 && isSpaceOrTab(this.charAt(this.offset))) {
          this.advanceOffset(1, true);
          i--;
        }
        return 0;
      }
      case ICODE:
        if (this.indent >= 4) {
          this.advanceOffset(4, true);
          return 0;
        }
        if (this.blank) {
          this.advanceNextNonspace();
          return 0;
        }
        return 1;
      case HTML:
        return this.blank && (b.htmlType === 6 || b.htmlType === 7) ? 1 : 0;
      default: // PARA, TABLE
        return this.blank ? 1 : 0;
    }
  }

  /**
   * Try the block starts, in commonmark.js's order, with `container` the deepest block the line
   * is in so far. 0: none, 1: a container started, 2: a leaf started (or the line was consumed).
   * Each kind's start is its own method, which answers 0 when the line does not start one.
   */
  private blockStart(container: Block): number {
    if (this.indented) return this.indentedCodeStart();
    const c = this.charAt(this.nextNonspace);
    return (
      this.blockQuoteStart(c) ||
      this.footnoteDefinitionStart(c) ||
      this.atxHeadingStart(c) ||
      this.fencedCodeStart(c) ||
      this.htmlBlockStart(c, container) ||
      this.setextUnderlineStart(c, container) ||
      this.thematicBreakStart(c) ||
      (this.containerDepthOk() && this.listItem(container) ? 1 : 0)
    );
  }

  private blockQuoteStart(c: number): number {
    if (c !== C_GT || !this.containerDepthOk()) return 0;
    this.advanceNextNonspace();
    this.advanceOffset(1, false);
    if (isSpaceOrTab(this.charAt(this.offset))) this.advanceOffset(1, true);
    this.closeUnmatched();
    this.addChild(QUOTE);
    return 1;
  }

  /** GFM footnote definition: `[^label]:`, then whitespace is eaten (no indented code after it). */
  private footnoteDefinitionStart(c: number): number {
    const nn = this.nextNonspace;
    if (c !== C_LBRACKET || this.charAt(nn + 1) !== C_CARET || !this.containerDepthOk()) return 0;
    const j = footnoteLabelEnd(this.src, nn + 2, this.lineEnd);
    if (j <= 0 || this.charAt(j + 1) !== C_COLON) return 0;
    this.advanceNextNonspace();
    this.advanceOffset(j + 2 - nn, false);
    this.findNextNonspace();
    this.advanceNextNonspace();
    this.closeUnmatched();
    this.addChild(FOOTNOTE);
    return 1;
  }

  private atxHeadingStart(c: number): number {
    if (c !== C_HASH) return 0;
    const s = this.src;
    const nn = this.nextNonspace;
    const end = this.lineEnd;
    let j = nn;
    while (j < end && j - nn < 7 && s.charCodeAt(j) === C_HASH) j++;
    const level = j - nn;
    if (level > 6 || (j < end && !isSpaceOrTab(s.charCodeAt(j)))) return 0;
    this.closeUnmatched();
    const top = this.prepareChild();
    let a = j;
    while (a < end && isSpaceOrTab(s.charCodeAt(a))) a++;
    let b = trimEndIndex(s, a, end);
    let k = b;
    while (k > a && s.charCodeAt(k - 1) === C_HASH) k--;
    if (k === a) b = a;
    else if (k < b && isSpaceOrTab(s.charCodeAt(k - 1))) b = trimEndIndex(s, a, k);
    const text = s.slice(a, b);
    if (top) {
      this.headings.push({ level, text, line: this.file(this.lineIndex), column: nn - this.lineStart + 1 });
    } else if (text.length > 0) {
      this.markContent(this.lineIndex);
    }
    this.proseLine();
    this.consumed = true;
    return 2;
  }

  private fencedCodeStart(c: number): number {
    if (c !== C_BACKTICK && c !== C_TILDE) return 0;
    const s = this.src;
    const nn = this.nextNonspace;
    const end = this.lineEnd;
    let j = nn;
    while (j < end && s.charCodeAt(j) === c) j++;
    if (j - nn < 3 || (c === C_BACKTICK && indexIn(s, '`', j, end) >= 0)) return 0;
    this.closeUnmatched();
    const b = this.addChild(FENCE);
    b.fenceChar = c;
    b.fenceLength = j - nn;
    b.fenceOffset = this.indent;
    this.consumed = true;
    return 2;
  }

  private htmlBlockStart(c: number, container: Block): number {
    if (c !== C_LT) return 0;
    const type = htmlBlockType(this.src, this.nextNonspace, this.lineEnd);
    // Type 7 cannot interrupt a paragraph. commonmark.js also refuses it on a lazy paragraph
    // continuation line; micromark (so remark) accepts it there, closing the containers.
    if (type <= 0 || (type === 7 && container.kind === PARA)) return 0;
    if (type === 7 && !this.allClosed && !this.blank && this.tip().kind === PARA) {
      // On a lazy paragraph continuation line, micromark reads a type 7 start (unlike the
      // others, and unlike commonmark.js, which refuses it) inside the paragraph's container,
      // which stays open for this line.
      this.finalizeTop();
      const b = this.addChild(HTML);
      b.htmlType = type;
      this.allClosed = true;
      return 2;
    }
    this.closeUnmatched();
    const b = this.addChild(HTML);
    b.htmlType = type;
    return 2;
  }

  private setextUnderlineStart(c: number, container: Block): number {
    if (container.kind !== PARA || (c !== C_EQ && c !== C_DASH)) return 0;
    const s = this.src;
    const end = this.lineEnd;
    let j = this.nextNonspace;
    while (j < end && s.charCodeAt(j) === c) j++;
    if (hasNonBlank(s, j, end) || this.leadingDefinitions(container) >= container.lines.length) return 0;
    this.closeUnmatched();
    this.setextHeading(container, c === C_EQ ? 1 : 2);
    this.consumed = true;
    return 2;
  }

  /**
   * Thematic break. Nested list markers (`- - - x`) would rescan the line at every level; a
   * failed scan ends at the same character for any later start on the line, so remember it.
   */
  private thematicBreakStart(c: number): number {
    if (c !== C_STAR && c !== C_UNDERSCORE && c !== C_DASH) return 0;
    const s = this.src;
    const nn = this.nextNonspace;
    const end = this.lineEnd;
    if (this.breakFailLine === this.lineIndex && this.breakFailChar === c && nn < this.breakFailAt) return 0;
    let count = 0;
    let j = nn;
    for (; j < end; j++) {
      const d = s.charCodeAt(j);
      if (d === c) count++;
      else if (!isSpaceOrTab(d)) break;
    }
    if (j < end) {
      this.breakFailLine = this.lineIndex;
      this.breakFailChar = c;
      this.breakFailAt = j;
      return 0;
    }
    if (count < 3) return 0;
    this.closeUnmatched();
    this.prepareChild();
    this.proseLine();
    this.consumed = true;
    return 2;
  }

  /** Indented code (cannot interrupt a paragraph, lazy or not). */
  private indentedCodeStart(): number {
    if (this.tip().kind === PARA || this.blank) return 0;
    this.advanceOffset(4, true);
    this.closeUnmatched();
    this.addChild(ICODE);
    return 2;
  }

  private listItem(container: Block): boolean {
    const s = this.src;
    const nn = this.nextNonspace;
    const end = this.lineEnd;
    const c = this.charAt(nn);
    // A list item that would interrupt a paragraph must not be empty and, if ordered, start at
    // 1. micromark applies the same rule after an indented code block whose containers all
    // matched (its flow construct is still open on this line), blank lines in between or not.
    const stack = this.stack;
    const interrupting =
      container.kind === PARA || (this.tip().kind === ICODE && container === stack[stack.length - 2]);
    let j: number;
    if (c === C_STAR || c === C_PLUS || c === C_DASH) {
      j = nn + 1;
    } else if (isDigit(c)) {
      j = nn;
      while (j < end && j - nn < 10 && isDigit(s.charCodeAt(j))) j++;
      if (j - nn > 9) return false;
      const d = this.charAt(j);
      if (d !== C_DOT && d !== C_RPAREN) return false;
      // Only a list starting at 1 (written `1`) may interrupt a paragraph.
      if (interrupting && !(j - nn === 1 && c === C_1)) return false;
      j++;
    } else {
      return false;
    }
    if (j < end && !isSpaceOrTab(s.charCodeAt(j))) return false;
    if (interrupting && !hasNonBlank(s, j, end)) return false;

    const markerOffset = this.indent;
    const markerLength = j - nn;
    this.advanceNextNonspace();
    this.advanceOffset(markerLength, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    do {
      this.advanceOffset(1, true);
    } while (this.column - spacesStartColumn < 5 && isSpaceOrTab(this.charAt(this.offset)));
    const blankItem = this.offset >= end;
    const spacesAfterMarker = this.column - spacesStartColumn;
    let padding: number;
    if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
      padding = markerLength + 1;
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      if (isSpaceOrTab(this.charAt(this.offset))) this.advanceOffset(1, true);
    } else {
      padding = markerLength + spacesAfterMarker;
    }
    this.closeUnmatched();
    const item = this.addChild(ITEM);
    item.itemIndent = markerOffset + padding;
    return true;
  }

  /** The paragraph `para` (the tip) becomes a heading with this underline. */
  private setextHeading(para: Block, level: number): void {
    const s = this.src;
    this.stack.pop();
    const lines = para.lines;
    const parts: string[] = [];
    // Leading link reference definitions are not part of the text; remark still starts the
    // heading's position at the paragraph's first line.
    for (let i = this.leadingDefinitions(para); i < lines.length; i++) {
      const a = lines[i]!;
      const end = i === lines.length - 1 ? para.lastEnd : s.indexOf('\n', a);
      parts.push(s.slice(a, trimEndIndex(s, a, end)));
    }
    if (para.top) {
      this.headings.push({
        level,
        text: parts.join('\n'),
        line: this.file(para.firstLine),
        column: lines[0]! - para.firstLineStart + 1,
      });
    }
    // Prose for the heading's lines as for a paragraph, but a top-level heading is not content.
    const before = this.contentLines.length;
    this.finishLines(para, true);
    if (para.top) this.contentLines.length = before;
    this.proseLine();
  }

  /**
   * GFM table start: the line is a delimiter row with as many cells as the paragraph's last line,
   * which becomes the header row. The delimiter row must not be a lazy line (it is not: the
   * paragraph matched), and a header indented 4+ columns is paragraph text.
   */
  private startTable(para: Block): boolean {
    if (this.indented) return false;
    const s = this.src;
    const lines = para.lines;
    const last = lines.length - 1;
    if (last < 0 || para.lastIndent >= 4) return false;
    const cells = delimiterCells(s, this.nextNonspace, trimEndIndex(s, this.nextNonspace, this.lineEnd));
    if (cells < 0) return false;
    const hStart = lines[last]!;
    const hEnd = trimEndIndex(s, hStart, para.lastEnd);
    if (countCells(s, hStart, hEnd) !== cells) return false;

    const headerIndex = para.firstLine + last;
    const headerLineStart = last === 0 ? para.firstLineStart : s.lastIndexOf('\n', hStart - 1) + 1;
    const headerLineEnd = para.lastEnd;
    const parentTop = para.top;
    this.stack.pop();
    if (last > 0) {
      lines.length = last;
      para.lastEnd = headerLineStart - 1;
      this.finishLines(para, true);
    }
    if (htmlBlockType(s, hStart, hEnd) === 7) {
      // micromark quirk: once the header row has ended the paragraph, its line is read again as
      // the start of a block, where a complete HTML tag (type 7) is allowed and wins.
      const html = newBlock(HTML, parentTop);
      html.htmlType = 7;
      html.lines.push(hStart);
      html.firstLine = headerIndex;
      html.firstLineStart = headerLineStart;
      html.lastEnd = headerLineEnd;
      this.stack.push(html);
      this.addLine(html);
      return true;
    }
    const table = newBlock(TABLE, parentTop);
    this.stack.push(table);
    const headerLine = this.file(headerIndex);
    const headerRow: TableRow = {
      line: headerLine,
      cells: splitRow(s, hStart, hEnd, headerLineStart, headerLine, cells),
    };
    const t: Table = { line: headerLine, header: headerRow, rows: [], truncated: false };
    table.table = t;
    table.rowSpans = [];
    splitRowsWhenRead(t, s, cells, table.rowSpans);
    if (parentTop) this.tables.push(t);
    // Prose for the header row (its line is no longer in the paragraph) and the delimiter row.
    let headerText = s.slice(headerLineStart, hEnd);
    if (indexIn(s, '<!--', hStart, hEnd) >= 0) headerText = blankComments(headerText, true).trimEnd();
    this.addProseText(headerLine, headerText);
    this.proseLine();
    return true;
  }

  private bodyRow(b: Block): void {
    const t = b.table!;
    const s = this.src;
    const from = this.offset;
    const to = trimEndIndex(s, from, this.lineEnd);
    const width = t.header.cells.length;
    if (this.cellBudget >= width) {
      this.cellBudget -= width;
      b.rowSpans!.push(from, to, this.lineStart, this.file(this.lineIndex));
    } else {
      t.truncated = true;
    }
    // Content: a cell with text, comments aside.
    const hasComment = indexIn(s, '<!--', from, to) >= 0;
    const content = hasComment
      ? countNonEmptyCells(blankComments(s.slice(from, to), true), 0, to - from, width) > 0
      : countNonEmptyCells(s, from, to, width) > 0;
    if (content) this.markContent(this.lineIndex);
    this.proseLine();
  }
}

/**
 * Makes `table.rows` split its body rows (`spans`: from, to, line start and file line of each)
 * into cells the first time it is read, and keep them. Most tables in a postmortem, the timeline
 * above all, are never read by a run: splitting them all was a visible share of reading.
 */
function splitRowsWhenRead(table: Table, s: string, width: number, spans: number[]): void {
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    configurable: true,
    get(): TableRow[] {
      const rows: TableRow[] = [];
      for (let k = 0; k < spans.length; k += 4)
        rows.push({
          line: spans[k + 3]!,
          cells: splitRow(s, spans[k]!, spans[k + 1]!, spans[k + 2]!, spans[k + 3]!, width),
        });
      Object.defineProperty(table, 'rows', { value: rows, enumerable: true, writable: true, configurable: true });
      return rows;
    },
  });
}

/** Cells with text among the first `max` cells of a row (no allocation per cell). */
function countNonEmptyCells(row: string, from: number, end: number, max: number): number {
  const to = trimEndIndex(row, from, end);
  let i = from;
  if (i < to && row.charCodeAt(i) === C_PIPE) i++;
  let seen = 0;
  let nonEmpty = 0;
  while (i < to && seen < max) {
    const end = cellEnd(row, i, to);
    seen++;
    if (hasNonBlank(row, i, end)) nonEmpty++;
    i = end + 1;
  }
  return nonEmpty;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Scan a postmortem body. `body` has LF line endings; `firstLine` is the file line of its first
 * line (default 1), and every line in the result is a file line.
 */
export function scanMarkdown(body: string, firstLine = 1): MarkdownScan {
  const scanner = new Scanner(body, firstLine);
  const lineCount = scanner.scan();
  const lastLine = firstLine + lineCount - 1;
  const { headings, tables, contentLines } = scanner;

  // Blocks close in document order, so these are sorted; make sure anyway (cheap when sorted).
  if (!isSortedBy(contentLines, (n) => n)) contentLines.sort((a, b) => a - b);
  const tableLines = tables.map((t) => t.line);

  const sections: Section[] = [];
  const open: Section[] = [];
  for (const heading of headings) {
    while (open.length > 0 && open[open.length - 1]!.heading.level >= heading.level) {
      open.pop()!.endLine = heading.line - 1;
    }
    const section: Section = { heading, endLine: lastLine, tables: [], empty: true };
    sections.push(section);
    open.push(section);
  }
  for (const section of sections) {
    const from = section.heading.line;
    for (let i = lowerBound(tableLines, from + 1); i < tables.length && tableLines[i]! <= section.endLine; i++) {
      section.tables.push(tables[i]!);
    }
    const c = lowerBound(contentLines, from + 1);
    section.empty = !(c < contentLines.length && contentLines[c]! <= section.endLine);
  }
  return withProse({ headings, sections, tables, prose: [] }, body, scanner.prose, scanner.proseTexts);
}

/**
 * Gives the scan a `prose` that builds its lines each time it is read. Only a rule or two read
 * prose, once each; kept as objects, the lines were the bulk of what every loaded record held.
 */
function withProse(scan: MarkdownScan, s: string, spans: number[], texts: string[]): MarkdownScan {
  return Object.defineProperty(scan, 'prose', {
    enumerable: true,
    get(): ProseLine[] {
      const prose: ProseLine[] = [];
      for (let k = 0; k < spans.length; k += 3) {
        const from = spans[k + 1]!;
        prose.push({ line: spans[k]!, text: from < 0 ? texts[spans[k + 2]!]! : s.slice(from, spans[k + 2]!) });
      }
      // Blocks close in document order, so the lines are in order; make sure anyway (cheap when sorted).
      return isSortedBy(prose, (p) => p.line) ? prose : prose.sort((a, b) => a.line - b.line);
    },
  });
}

function isSortedBy<T>(items: T[], key: (item: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (key(items[i - 1]!) > key(items[i]!)) return false;
  return true;
}

/**
 * A heading's text for matching section names: HTML comments dropped, lower case, apostrophes
 * dropped, Markdown markers (`*`, `_`, `` ` ``, `~`, `#`, ...) and all other punctuation or symbols
 * turned into spaces, whitespace collapsed and trimmed. "Action Items:" and "**Action items**"
 * both give "action items".
 */
export function normalizeHeading(text: string): string {
  const withoutComments = blankComments(text, false);
  return withoutComments
    .toLowerCase()
    .replace(/['\u2018\u2019]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}
