// The YAML mistakes people make by hand, told in plain language with the line to write instead.
// The yaml package's own messages ("Nested mappings are not allowed in compact mappings") name
// the grammar, not the mistake; this module looks at the text around the error to say which
// mistake it is. Used by load/yaml.ts for every syntax error, so front matter and policy files
// read the same.
import { isCollection, isScalar, visit, type Document } from 'yaml';

export interface Explained {
  message: string;
  hint?: string;
  /** Where the mistake is, when that is not where the parser noticed it (an unclosed quote). */
  offset?: number;
}

interface Line {
  number: number;
  start: number;
  text: string;
}

function lineAt(text: string, offset: number, firstLine = 1): Line {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', start);
  const before = text.slice(0, start);
  let number = firstLine;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) number++;
  return { number, start, text: text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '') };
}

function previousContentLine(text: string, line: Line, firstLine: number): Line | undefined {
  let start = line.start;
  while (start > 0) {
    const prev = lineAt(text, start - 1, firstLine);
    if (prev.text.trim() !== '' && !prev.text.trim().startsWith('#')) return prev;
    start = prev.start;
  }
  return undefined;
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;
const KEY_VALUE = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):[ \t]+(.+?)\s*$/;
const quoteValue = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;

/** A plain-language message and fix for one yaml-package error, or undefined to keep the parser's words. */
/** `firstLine` is the file line of the text's first line (front matter starts inside a file). */
export function explainYamlError(
  code: string,
  message: string,
  offset: number,
  text: string,
  firstLine = 1,
): Explained | undefined {
  const line = lineAt(text, offset, firstLine);
  switch (code) {
    case 'TAB_AS_INDENT': {
      return {
        message: `line ${line.number} is indented with a tab; YAML allows only spaces for indentation.`,
        hint: `Replace the tab at the start of line ${line.number} with spaces (two per level, like the lines around it), and set your editor to insert spaces in YAML.`,
      };
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const kv = KEY_VALUE.exec(line.text);
      if (kv && /:\s/.test(`${kv[3]} `) && !/^["'[{|>]/.test(kv[3]!)) {
        const [, lead, key, value] = kv;
        return {
          message: `the value of "${key!.trim()}" contains ": ", which YAML reads as the start of another key.`,
          hint: `Put the value in quotes: ${lead!.trim() ? lead : ''}${key}: ${quoteValue(value!)}`.replace(/^\s+/, ''),
        };
      }
      // A key followed by a line indented deeper than it: YAML reads that line as part of the value.
      const next = lineAt(text, line.start + line.text.length + 1, firstLine);
      if (kv && next.number > line.number && indentOf(next.text) > indentOf(line.text)) {
        const key = /^\s*([^:]+):/.exec(next.text)?.[1]?.trim();
        return {
          message: `line ${next.number} is indented more than "${kv[2]!.trim()}" on line ${line.number}, so YAML reads it as part of that value.`,
          hint: `Indent ${key ? `"${key}:"` : `line ${next.number}`} by ${spaces(indentOf(line.text))}, like "${kv[2]!.trim()}:", or move "${kv[3]}" to its own line if it was meant to hold a map.`,
          offset: next.start,
        };
      }
      return undefined;
    }
    case 'BAD_INDENT': {
      const prev = previousContentLine(text, line, firstLine);
      const key = /^\s*(?:-\s+)?([^:\s]+)\s*:/.exec(line.text)?.[1];
      if (!prev) return undefined;
      return {
        message: `line ${line.number} is indented by ${spaces(indentOf(line.text))}, line ${prev.number} by ${spaces(indentOf(prev.text))}: the entries of one map start in the same column.`,
        hint:
          indentOf(prev.text) === 0
            ? `Start ${key ? `"${key}:"` : `line ${line.number}`} at the beginning of the line, like line ${prev.number}.`
            : `Indent ${key ? `"${key}:"` : `line ${line.number}`} by ${spaces(indentOf(prev.text))} to keep it in the same map, or by fewer to close that map; use spaces only.`,
      };
    }
    case 'MISSING_CHAR':
      return explainUnclosedQuote(message, text, firstLine);
    case 'BAD_SCALAR_START': {
      const kv = KEY_VALUE.exec(line.text);
      const first = kv?.[3]?.[0];
      if (!kv || !first) return undefined;
      return {
        message: `the value of "${kv[2]!.trim()}" starts with "${first}", which YAML reserves; it must be quoted.`,
        hint: `Put the value in quotes: ${kv[2]!.trim()}: ${quoteValue(kv[3]!)}`,
      };
    }
    default:
      return undefined;
  }
}

/**
 * An unclosed quote: the parser notices it where the text ends, but the mistake is where the quote
 * opened. Finds the first line whose quotes do not pair up.
 */
export function explainUnclosedQuote(message: string, text: string, firstLine = 1): Explained | undefined {
  const quote = /Missing closing (["'])/.exec(message)?.[1];
  if (!quote) return undefined;
  let start = 0;
  let number = firstLine;
  for (const raw of text.split('\n')) {
    const kv = KEY_VALUE.exec(raw);
    const value = kv?.[3];
    if (kv && value?.startsWith(quote) && !closes(value, quote)) {
      return {
        message: `the value of "${kv[2]!.trim()}" on line ${number} opens a ${quote === '"' ? 'double' : 'single'} quote that is never closed, so YAML reads the rest of the file into it.`,
        hint: `End the value with ${quote}: ${kv[2]!.trim()}: ${value}${quote}`,
        offset: start + raw.indexOf(value),
      };
    }
    start += raw.length + 1;
    number++;
  }
  return undefined;
}

function closes(value: string, quote: string): boolean {
  // In double quotes a backslash escapes; in single quotes '' is a quote.
  let i = 1;
  while (i < value.length) {
    const c = value[i]!;
    if (quote === '"' && c === '\\') i += 2;
    else if (c === quote && quote === "'" && value[i + 1] === "'") i += 2;
    else if (c === quote) return true;
    else i++;
  }
  return false;
}

/**
 * Valid YAML that does not say what was meant. A key that is a list or a map (`[a, b]: x`) has no
 * place in a record. And "title: Fix #123 now" is valid YAML whose value is "Fix": the rest is a comment. A comment that
 * starts without a space right after a value on the same line is almost always such a value, so it
 * is reported with the line to write. Returns the offset of each "#" and its explanation.
 */
export function commentsInValues(doc: Document.Parsed, text: string): (Explained & { offset: number })[] {
  const found: (Explained & { offset: number })[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (isCollection(pair.key)) {
        found.push({
          offset: pair.key.range?.[0] ?? 0,
          message: 'a key is a list or a map; keys are plain text.',
          hint: 'Write the key as text ("name:"), or, if this line belongs to a value, quote that value.',
        });
        return;
      }
      const value = pair.value;
      if (!isScalar(value) || value.type !== 'PLAIN' || !value.comment || !value.range || !isScalar(pair.key)) return;
      const after = text.slice(value.range[1], value.range[2]);
      const hash = after.indexOf('#');
      if (hash < 0 || after.slice(0, hash).includes('\n') || /^[\s#]/.test(after.slice(hash + 1))) return;
      const key = String(pair.key.value);
      const eol = text.indexOf('\n', value.range[0]);
      const full = text
        .slice(value.range[0], eol < 0 ? undefined : eol)
        .replace(/\r$/, '')
        .trimEnd();
      found.push({
        offset: value.range[1] + hash,
        message: `the value of "${key}" stops at " #": YAML reads "${after.slice(hash).trim()}" as a comment, so ${key} is "${String(value.value)}".`,
        hint: `Put the value in quotes: ${key}: ${quoteValue(full)}`,
      });
    },
  });
  return found;
}
