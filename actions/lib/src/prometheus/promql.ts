// Just enough PromQL for the rule generator: a tokenizer that tells vector selectors apart from
// function names, label lists and literals, so that a query over raw counters (OpenSLO
// `counter: true`, e.g. `sum(http_requests_total{code!~"5.."})`) can be turned into the same query
// over their per-second rate in a window (`sum(rate(http_requests_total{code!~"5.."}[5m]))`):
// rate first, then aggregate, as Prometheus requires for counters. It is not a validator: promtool
// checks the rules the generator writes.

export class PromqlError extends Error {}

interface Token {
  type: 'ident' | 'number' | 'string' | 'punct';
  text: string;
  /** Whether whitespace or a comment came before the token in the query. */
  spaced: boolean;
}

const PUNCT = [
  '==',
  '!=',
  '=~',
  '!~',
  '<=',
  '>=',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '<',
  '>',
  '=',
  '@',
  ':',
];
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:[a-zA-Z]+(?:\d+[a-zA-Z]+)*)?)/;
const IDENT = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
/** Keywords followed by a parenthesised list of label names, not an expression. */
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** Words that are operators or literals, never metric names. */
const WORDS = new Set(['and', 'or', 'unless', 'bool', 'atan2', 'offset', 'inf', 'nan']);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let spaced = false;
  let i = 0;
  while (i < query.length) {
    const rest = query.slice(i);
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      spaced = true;
      i += 1;
      continue;
    }
    if (ch === '#') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end;
      spaced = true;
      continue;
    }
    let text: string | undefined;
    let type: Token['type'] = 'punct';
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== ch) j += ch !== '`' && query[j] === '\\' ? 2 : 1;
      if (j >= query.length) throw new PromqlError(`unterminated string starting at character ${i + 1}`);
      text = query.slice(i, j + 1);
      type = 'string';
    } else if (NUMBER.test(rest)) {
      text = NUMBER.exec(rest)![0];
      type = 'number';
    } else if (IDENT.test(rest)) {
      text = IDENT.exec(rest)![0];
      type = 'ident';
    } else {
      text = PUNCT.find((p) => rest.startsWith(p));
      if (!text) throw new PromqlError(`unexpected character ${JSON.stringify(ch)} at character ${i + 1}`);
    }
    tokens.push({ type, text, spaced });
    spaced = false;
    i += text.length;
  }
  return tokens;
}

const CLOSE: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** The index of the bracket that closes the one at `open`. */
function closing(tokens: Token[], open: number): number {
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const { text, type } = tokens[i]!;
    if (type !== 'punct') continue;
    if (CLOSE[text]) stack.push(CLOSE[text]!);
    else if (text === ')' || text === '}' || text === ']') {
      if (stack.pop() !== text) throw new PromqlError(`unbalanced "${text}"`);
      if (stack.length === 0) return i;
    }
  }
  throw new PromqlError(`"${tokens[open]!.text}" is never closed`);
}

function render(tokens: Token[], from = 0, to = tokens.length - 1): string {
  let out = '';
  for (let i = from; i <= to; i++) out += (i > from && tokens[i]!.spaced ? ' ' : '') + tokens[i]!.text;
  return out;
}

interface Selector {
  /** First and last token of the selector itself: metric name and/or {matchers}. */
  start: number;
  end: number;
  /** Last token of its offset and @ modifiers (end when it has none). */
  modifiersEnd: number;
}

/** The vector selectors of a query, and whether it already has a range selector or a subquery. */
function analyse(tokens: Token[]): { selectors: Selector[]; hasRange: boolean; ranges: [number, number][] } {
  const selectors: Selector[] = [];
  /** The `[` and `]` of every range selector (`x[5m]`), not of subqueries. */
  const ranges: [number, number][] = [];
  let hasRange = false;
  const text = (i: number) => tokens[i]?.text;
  // After a selector: `[range]`, then any `offset <duration>` and `@ <time>` modifiers.
  const modifiers = (from: number): number => {
    let i = from;
    for (;;) {
      if (tokens[i + 1]?.type === 'ident' && text(i + 1)?.toLowerCase() === 'offset') {
        i += 2;
        if (text(i) === '-' || text(i) === '+') i += 1;
      } else if (text(i + 1) === '@') {
        i += 2;
        if (text(i) === '-' || text(i) === '+') i += 1;
        if (tokens[i]?.type === 'ident' && text(i + 1) === '(') i = closing(tokens, i + 1);
      } else return i;
    }
  };
  const parens: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.type === 'ident') {
      const word = token.text.toLowerCase();
      const next = text(i + 1);
      if (LABEL_LISTS.has(word)) {
        i = next === '(' ? closing(tokens, i + 1) + 1 : i + 1;
        continue;
      }
      // A function or aggregation (`sum(`, `sum by (le) (`), an operator word or a literal.
      if (
        WORDS.has(word) ||
        next === '(' ||
        ((next === 'by' || next === 'without') && tokens[i + 1]?.type === 'ident')
      ) {
        i += 1;
        continue;
      }
      const end = next === '{' ? closing(tokens, i + 1) : i;
      i = addSelector(i, end);
      continue;
    }
    if (token.text === '{') {
      i = addSelector(i, closing(tokens, i));
      continue;
    }
    if (token.text === '[') {
      hasRange = true;
      i = closing(tokens, i) + 1;
      continue;
    }
    if (token.text === '(') parens.push(i);
    else if (token.text === ')' && parens.pop() === undefined) throw new PromqlError('unbalanced ")"');
    else if (token.text === '}' || token.text === ']') throw new PromqlError(`unbalanced "${token.text}"`);
    i += 1;
  }
  if (parens.length > 0) throw new PromqlError('"(" is never closed');
  return { selectors, hasRange, ranges };

  function addSelector(start: number, end: number): number {
    if (text(end + 1) === '[') {
      hasRange = true;
      const close = closing(tokens, end + 1);
      if (!tokens.slice(end + 2, close).some((t) => t.text === ':')) ranges.push([end + 1, close]);
      return modifiers(close) + 1;
    }
    const modifiersEnd = modifiers(end);
    selectors.push({ start, end, modifiersEnd });
    return modifiersEnd + 1;
  }
}

/** Sloth's window placeholder, `[{{.window}}]`: the generator puts each window's length in its place. */
const WINDOW_TEMPLATE = /\{\{-?\s*\.window\s*-?\}\}/g;
/** What the placeholder becomes while the query is parsed: an identifier, which the tokenizer reads inside brackets. */
const WINDOW_PLACEHOLDER = '__firebreak_window__';

/** A query ready for the generator: normalised, with Sloth's `{{.window}}` placeholders kept as such. */
export interface Query {
  /** The query, normalised, with a placeholder where `{{.window}}` was. */
  text: string;
  /** Whether it had `{{.window}}` placeholders. */
  templated: boolean;
}

/** Parses a query as written in an SLI. Throws PromqlError when it is not one, or uses a template other than `{{.window}}`. */
export function parseQuery(query: string): Query {
  const replaced = query.replace(WINDOW_TEMPLATE, WINDOW_PLACEHOLDER);
  const other = /\{\{[\s\S]*?\}\}/.exec(replaced);
  if (other) throw new PromqlError(`it has the template ${other[0]}; only Sloth's {{.window}} is supported`);
  if (replaced.includes('{{')) throw new PromqlError('it has an unterminated "{{" template');
  return { text: normalizeQuery(replaced), templated: replaced !== query };
}

/** The query with its `{{.window}}` placeholders replaced by a window (`5m`). */
export function atWindow(query: Query, window: string): string {
  return query.templated ? query.text.replaceAll(WINDOW_PLACEHOLDER, window) : query.text;
}

/**
 * The query with every range selector (`x[5m]`, not subqueries) reading `window` instead:
 * `histogram_quantile(0.9, sum by (le) (rate(x[5m])))` over a 1-minute slice reads `[1m]`.
 */
export function withRanges(query: string, window: string): string {
  const tokens = tokenize(query);
  const { ranges } = analyse(tokens);
  const drop = new Set<number>();
  for (const [open, close] of ranges) {
    if (close === open + 1) continue;
    tokens[open + 1] = { type: 'ident', text: window, spaced: false };
    for (let i = open + 2; i < close; i++) drop.add(i);
  }
  return render(tokens.filter((_, i) => !drop.has(i)));
}

/** A query with comments removed and every run of whitespace made one space. Throws PromqlError for unbalanced brackets or quotes. */
export function normalizeQuery(query: string): string {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new PromqlError('the query is empty');
  analyse(tokens);
  return render(tokens);
}

/** Whether the query has range selectors (`x[5m]`), which withRanges can set to a window. */
export function hasRangeSelectors(query: string): boolean {
  return analyse(tokenize(query)).ranges.length > 0;
}

/** Whether the query already reads a range of samples: a range selector (`x[5m]`) or a subquery (`(...)[1h:]`). */
export function hasRange(query: string): boolean {
  return analyse(tokenize(query)).hasRange;
}

/**
 * The query with every vector selector replaced by its per-second rate over `window`:
 * `sum(x_total{a="b"} offset 1h)` becomes `sum(rate(x_total{a="b"}[5m] offset 1h))`. For queries over
 * counters that have no range of their own (check with hasRange first).
 */
export function rateOfCounters(query: string, window: string): string {
  const tokens = tokenize(query);
  const { selectors, hasRange: ranged } = analyse(tokens);
  if (ranged) throw new PromqlError('the query already has a range selector or a subquery');
  if (selectors.length === 0) throw new PromqlError('the query reads no metric');
  let out = '';
  let i = 0;
  for (const s of selectors) {
    if (s.start > i) out += (out && tokens[i]!.spaced ? ' ' : '') + render(tokens, i, s.start - 1);
    const modifiers = s.modifiersEnd > s.end ? ` ${render(tokens, s.end + 1, s.modifiersEnd)}` : '';
    out += `${out && tokens[s.start]!.spaced ? ' ' : ''}rate(${render(tokens, s.start, s.end)}[${window}]${modifiers})`;
    i = s.modifiersEnd + 1;
  }
  if (i < tokens.length) out += (tokens[i]!.spaced ? ' ' : '') + render(tokens, i);
  return out;
}
