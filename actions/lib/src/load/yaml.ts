import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { Position } from '../diagnostics.ts';
import { isBoundedTree, LIMITS } from './limits.ts';
import { FileProblem, fromPlainProblem, toPlainProblem, type PlainProblem } from './read-file.ts';
import { commentsInValues, explainYamlError } from './yaml-mistakes.ts';

export type PathSegment = string | number;

/** One parsed YAML document, as plain data, with a way back to where each value was written. */
export interface YamlDocument {
  data: unknown;
  /** 0-based position of the document in its file. */
  index: number;
  /**
   * True when the document has syntax problems (reported separately): its data is the parser's
   * best effort, good only for telling which record it is, never for checking its content.
   */
  broken: boolean;
  /** Where the value at `path` (or the key, with `key: true`) was written. Falls back to the nearest parent that exists. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): Position;
  /** The value at `path` as written in the file (for messages such as "written as 0042"). */
  sourceText(path: readonly PathSegment[]): string | undefined;
}

/** What parseYaml found in a file, as plain data (for caches); restoreYaml makes it parseYaml's result again. */
export interface ParsedYaml {
  documents: { data: unknown; index: number; broken: boolean }[];
  problems: PlainProblem[];
}

export function toParsedYaml(result: { documents: YamlDocument[]; problems: FileProblem[] }): ParsedYaml {
  return {
    documents: result.documents.map(({ data, index, broken }) => ({ data, index, broken })),
    problems: result.problems.map(toPlainProblem),
  };
}

/** parseYaml's result for `text` from what it found before (same text, same options), without parsing again. */
export function restoreYaml(
  file: string,
  text: string,
  parsed: ParsedYaml,
  options: { multiDocument: boolean; firstLine?: number },
): { documents: YamlDocument[]; problems: FileProblem[] } {
  const firstLine = options.firstLine ?? 1;
  return {
    documents: parsed.documents.map((d) =>
      makeDocument(d.data, d.index, d.broken, reopener(text, firstLine, options.multiDocument, d.index)),
    ),
    problems: parsed.problems.map((p) => fromPlainProblem(file, p)),
  };
}

const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: true,
  prettyErrors: true,
  strict: true,
  merge: false,
  keepSourceTokens: false,
  // The parser's warnings ("Keys with collection values will be stringified") would go to stderr
  // through process.emitWarning; its findings are reported as problems instead.
  logLevel: 'error',
} as const;

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Parses YAML the strict way: 1.2 core schema (dates and times stay strings), duplicate keys,
 * custom tags and excessive aliases refused, depth bounded before the parser sees the text.
 * `firstLine` is the file line of the text's first line (front matter starts inside a file).
 * Documents with problems are left out and their problems returned; the others still load.
 */
export function parseYaml(
  file: string,
  text: string,
  options: { multiDocument: boolean; firstLine?: number; what?: string },
): { documents: YamlDocument[]; problems: FileProblem[] } {
  const firstLine = options.firstLine ?? 1;
  const what = options.what ?? file;
  const depthProblem = checkDepth(text);
  if (depthProblem) {
    const line = depthProblem.line + firstLine - 1;
    return {
      documents: [],
      problems: [
        new FileProblem(
          file,
          `${what} nests deeper than ${LIMITS.maxYamlDepth} levels at line ${line}; it was not parsed.`,
          'Flatten the structure; real records need a handful of levels.',
          line,
          1,
        ),
      ],
    };
  }
  const lineCounter = new LineCounter();
  const parsed = parseAll(text, lineCounter, options.multiDocument);
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  const problems: FileProblem[] = [];
  if (!options.multiDocument && parsed.length > 1) {
    const start = at(parsed[1]!.range[0]);
    problems.push(
      new FileProblem(
        file,
        `${what} holds ${parsed.length} YAML documents where one is expected.`,
        'Remove the extra "---" or "..." separator, or move the second document to its own file.',
        start.line,
        start.column,
      ),
    );
    return { documents: [], problems };
  }
  if (parsed.length > LIMITS.maxDocumentsPerFile) {
    problems.push(
      new FileProblem(
        file,
        `${what} holds ${parsed.length} YAML documents, over the limit of ${LIMITS.maxDocumentsPerFile}.`,
        'Split it into several files.',
      ),
    );
    return { documents: [], problems };
  }
  const documents: YamlDocument[] = [];
  parsed.forEach((doc, index) => {
    const docProblems = documentProblems(file, what, doc, at, text, firstLine);
    if (docProblems.length > 0) {
      problems.push(...docProblems);
      const salvaged = salvage(doc);
      if (salvaged !== undefined)
        documents.push(makeDocument(salvaged, index, true, reopener(text, firstLine, options.multiDocument, index)));
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch (error) {
      const start = at(doc.range[0]);
      const aliases = /alias/i.test(String(error));
      problems.push(
        new FileProblem(
          file,
          aliases
            ? `${what} expands YAML aliases beyond the limit (${LIMITS.maxAliasCount}); it was not loaded.`
            : `${what} could not be read as data: ${(error as Error).message}`,
          aliases ? 'Write the values out instead of repeating aliases (*name).' : undefined,
          start.line,
          start.column,
        ),
      );
      return;
    }
    if (data === null || data === undefined) return; // an empty document, e.g. a trailing '---'
    documents.push(makeDocument(data, index, false, reopener(text, firstLine, options.multiDocument, index)));
  });
  return { documents, problems };
}

/** The best-effort data of a document with syntax problems, or undefined if even that fails. */
function salvage(doc: Document.Parsed): unknown {
  try {
    const data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    return typeof data === 'object' && data !== null && isBoundedTree(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function parseAll(text: string, lineCounter: LineCounter, multi: boolean): Document.Parsed[] {
  if (!multi) {
    // parseDocument reports a second document as an error; parseAllDocuments lets us say it plainly.
    const all = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
    if (Array.isArray(all)) return all;
    return [parseDocument(text, { ...PARSE_OPTIONS, lineCounter })];
  }
  const all = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  return Array.isArray(all) ? all : [];
}

function documentProblems(
  file: string,
  what: string,
  doc: Document.Parsed,
  at: (offset: number) => Position,
  text: string,
  firstLine: number,
): FileProblem[] {
  const problems: FileProblem[] = [];
  // After the first syntax error the parser's view of the rest is a guess: one mistake, one error
  // (duplicate keys are each a mistake of their own).
  const errors = doc.errors.filter((error, i) => i === 0 || error.code === 'DUPLICATE_KEY');
  for (const error of errors) {
    const key =
      error.code === 'DUPLICATE_KEY'
        ? /^[^:\n]{1,80}/.exec(text.slice(error.pos[0], error.pos[0] + 80))?.[0].trim()
        : undefined;
    const plain =
      key === undefined ? explainYamlError(error.code, error.message, error.pos[0], text, firstLine) : undefined;
    const start = at(plain?.offset ?? error.pos[0]);
    problems.push(
      new FileProblem(
        file,
        `${what}: ${plain?.message ?? describeYamlError(error.code, error.message, key)}`,
        plain ? plain.hint : yamlHint(error.code),
        start.line,
        start.column,
      ),
    );
  }
  for (const warning of doc.warnings) {
    const start = at(warning.pos[0]);
    problems.push(
      new FileProblem(
        file,
        `${what}: ${describeYamlError(warning.code, warning.message)}`,
        yamlHint(warning.code),
        start.line,
        start.column,
      ),
    );
  }
  if (problems.length > 0) return problems;
  visit(doc, (_key, node, path) => {
    if (isNode(node) && node.tag && !CORE_TAGS.has(node.tag)) {
      const start = at(node.range?.[0] ?? 0);
      problems.push(
        new FileProblem(
          file,
          `${what}: the tag "${node.tag}" is not allowed; Firebreak reads plain YAML only.`,
          'Remove the tag and write the value as a plain string, number, list or map.',
          start.line,
          start.column,
        ),
      );
    }
    // An alias inside the value its anchor names makes the data contain itself: refused here, so
    // nothing downstream ever walks a cycle.
    if (isAlias(node) && path.includes(node.resolve(doc) as Node)) {
      const start = at(node.range?.[0] ?? 0);
      problems.push(
        new FileProblem(
          file,
          `${what}: the alias *${node.source} refers to itself: it sits inside the value anchored as &${node.source}, so the data would contain itself.`,
          `Write the value out instead of *${node.source}, or point the alias at a value that does not contain it.`,
          start.line,
          start.column,
        ),
      );
    }
  });
  if (problems.length > 0) return problems;
  // Valid YAML that does not say what was meant ("title: Fix #123 now"), once the rest is sound.
  for (const found of commentsInValues(doc, text)) {
    const start = at(found.offset);
    problems.push(new FileProblem(file, `${what}: ${found.message}`, found.hint, start.line, start.column));
  }
  return problems;
}

function firstLineOf(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function describeYamlError(code: string, message: string, key?: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `the key ${key ? `"${key}" ` : ''}appears twice in the same map; YAML would silently keep only one of the values.`;
    case 'TAG_RESOLVE_FAILED':
      return `${firstLineOf(message)}; custom tags are not allowed.`;
    default:
      return firstLineOf(message);
  }
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Keep one of the two entries.';
    case 'TAG_RESOLVE_FAILED':
      return 'Remove the tag and write a plain value.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'Check the indentation and quoting on this line and the one before; values containing ": " or starting with "@", "*", "&" or "`" need quotes.';
    default:
      return undefined;
  }
}

interface Reopened {
  doc: Document.Parsed;
  at: (offset: number) => Position;
}

/**
 * Positions are needed only for findings, which few documents have, and a YAML node tree costs
 * several times its text in memory. So the tree is dropped after reading and built again, once,
 * from the same text the first time a position is asked for.
 */
function reopener(text: string, firstLine: number, multi: boolean, index: number): () => Reopened {
  let reopened: Reopened | undefined;
  return () => {
    if (!reopened) {
      const lineCounter = new LineCounter();
      const doc = parseAll(text, lineCounter, multi)[index]!;
      reopened = {
        doc,
        at: (offset) => {
          const { line, col } = lineCounter.linePos(offset);
          return { line: line + firstLine - 1, column: col };
        },
      };
    }
    return reopened;
  };
}

function makeDocument(data: unknown, index: number, broken: boolean, reopen: () => Reopened): YamlDocument {
  const span = (node: Node | null | undefined): Position | undefined => {
    if (!node?.range) return undefined;
    const { at } = reopen();
    const start = at(node.range[0]);
    const end = at(node.range[1]);
    return { ...start, endLine: end.line, endColumn: end.column };
  };
  const find = (path: readonly PathSegment[], key: boolean): { node: Node | null; keyNode: Node | null } => {
    const { doc } = reopen();
    let node: unknown = doc.contents;
    let keyNode: Node | null = null;
    let lastGood: Node | null = isNode(doc.contents) ? doc.contents : null;
    for (const segment of path) {
      while (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return { node: lastGood, keyNode: null };
        keyNode = isNode(pair.key) ? pair.key : null;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        keyNode = null;
        node = node.items[segment];
      } else {
        return { node: lastGood, keyNode: null };
      }
      if (isNode(node)) lastGood = node;
      else return { node: key && keyNode ? keyNode : lastGood, keyNode };
    }
    return { node: isNode(node) ? node : lastGood, keyNode };
  };
  return {
    data,
    index,
    broken,
    locate(path, options) {
      const { node, keyNode } = find(path, options?.key ?? false);
      const { doc, at } = reopen();
      return span(options?.key && keyNode ? keyNode : node) ?? at(doc.range[0]);
    },
    sourceText(path) {
      const { node } = find(path, false);
      if (!isScalar(node) || !node.srcToken || !('source' in node.srcToken)) {
        return isScalar(node) ? String(node.source ?? node.value) : undefined;
      }
      return String(node.srcToken.source);
    },
  };
}

/**
 * A cheap look at nesting before the parser runs: block indentation levels, compact
 * sequences ("- - -") and flow brackets. Quoted text is skipped so brackets in strings do not count.
 */
function checkDepth(text: string): { line: number } | undefined {
  const max = LIMITS.maxYamlDepth;
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // start of a line
    let indent = 0;
    while (i < n && text.charCodeAt(i) === 32) {
      indent++;
      i++;
    }
    if (flow === 0 && i < n && text[i] !== '\n' && text[i] !== '#') {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (i + 1 < n && (text[i] === '-' || text[i] === '?') && text[i + 1] === ' ') {
        dashes++;
        i += 2;
        while (i < n && text.charCodeAt(i) === 32) i++;
      }
      if (indents.length + dashes > max) return { line };
    }
    let quote = '';
    while (i < n && text[i] !== '\n') {
      const c = text[i]!;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '#' && (i === 0 || text[i - 1] === ' ')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      } else if (c === '[' || c === '{') {
        if (++flow + indents.length > max) return { line };
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
      i++;
    }
    i++;
    line++;
  }
  return undefined;
}
