// Builders for the mdast trees Firebreak posts to GitHub. Strings given to them are untrusted
// text: the serialiser escapes them by GFM's rules and neutralises them. Only what these
// builders mark as the bot's own (a deliberate mention, the bot's own reference, a marker, the
// few HTML tags below) passes through as it is.
import type {
  BlockContent,
  Code,
  Heading,
  Html,
  InlineCode,
  Link,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';
import { renderMarker } from './marker.ts';
import { mentionable } from './neutralize.ts';

/** A string is untrusted text; anything else is a node built here. */
export type Inline = PhrasingContent | string;
export type Block = RootContent;

/** Marks a node as the bot's own words: the serialiser leaves it as it is. */
const TRUSTED = { firebreakTrusted: true } as const;

export function isTrusted(node: { data?: unknown }): boolean {
  return (node.data as { firebreakTrusted?: boolean } | undefined)?.firebreakTrusted === true;
}

const inline = (children: Inline[]): PhrasingContent[] => children.map((c) => (typeof c === 'string' ? text(c) : c));

export const root = (...children: (Block | Block[] | undefined | false)[]): Root => ({
  type: 'root',
  children: children.flat().filter((c): c is Block => Boolean(c)),
});
export const text = (value: string): Text => ({ type: 'text', value });
export const code = (value: string): InlineCode => ({ type: 'inlineCode', value });
export const strong = (...children: Inline[]): PhrasingContent => ({ type: 'strong', children: inline(children) });
export const emphasis = (...children: Inline[]): PhrasingContent => ({ type: 'emphasis', children: inline(children) });
export const link = (url: string, ...children: Inline[]): Link => ({ type: 'link', url, children: inline(children) });
export const paragraph = (...children: Inline[]): Paragraph => ({ type: 'paragraph', children: inline(children) });
export const heading = (depth: 1 | 2 | 3 | 4 | 5 | 6, ...children: Inline[]): Heading => ({
  type: 'heading',
  depth,
  children: inline(children),
});
export const rule = (): Block => ({ type: 'thematicBreak' });
export const blockquote = (...children: BlockContent[]): Block => ({ type: 'blockquote', children });

/** Text the bot writes itself, e.g. an issue reference "#12" it means to make. */
export const own = (value: string): Text => ({ type: 'text', value, data: TRUSTED }) as Text;

/** A mention that notifies: only for a handle with the shape of a user or org/team (the caller took it from the catalog); otherwise it is shown quietly. */
export function mention(handle: string): PhrasingContent {
  const valid = mentionable(handle);
  return valid ? own(valid) : code(handle);
}

/** A handle shown without notifying anyone. */
export const quiet = (handle: string): PhrasingContent => code(handle);

/** Joins inline pieces with a separator, e.g. a list of handles. */
export function joined(items: Inline[], separator = ', '): PhrasingContent[] {
  return items.flatMap((item, i) => (i === 0 ? inline([item]) : [text(separator), ...inline([item])]));
}

/** A list; each item is inline content (one paragraph) or blocks. `checked` makes a task list. */
export function list(
  items: (Inline[] | BlockContent[])[],
  options: { ordered?: boolean; checked?: boolean } = {},
): List {
  return {
    type: 'list',
    ordered: options.ordered ?? false,
    spread: false,
    children: items.map((item): ListItem => {
      const blocks =
        item.length && typeof item[0] !== 'string' && isBlock(item[0]!)
          ? (item as BlockContent[])
          : [paragraph(...(item as Inline[]))];
      return { type: 'listItem', spread: false, checked: options.checked ?? null, children: blocks };
    }),
  };
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'list', 'table', 'code', 'blockquote', 'thematicBreak']);
const isBlock = (node: Inline | BlockContent) => typeof node !== 'string' && BLOCK_TYPES.has(node.type);

export type Align = 'left' | 'right' | 'center' | null;
/** A table cell: one piece, or several in a row. */
export type Cell = Inline | Inline[];

/** A GFM table: the header row, then the rows, each with exactly the header's columns. */
export function table(header: Cell[], rows: Cell[][], align: Align[] = []): Table {
  const row = (cells: Cell[]): TableRow => ({
    type: 'tableRow',
    children: header.map((_, i): TableCell => {
      const value = cells[i];
      return { type: 'tableCell', children: value === undefined ? [] : inline(Array.isArray(value) ? value : [value]) };
    }),
  });
  return { type: 'table', align: header.map((_, i) => align[i] ?? null), children: [row(header), ...rows.map(row)] };
}

/** A fenced code block, e.g. a Mermaid chart built by the bot. */
export const codeBlock = (value: string, lang?: string): Code => ({ type: 'code', lang: lang ?? null, value });
export const mermaid = (source: string): Code => codeBlock(source, 'mermaid');

/** The bot's hidden marker, an HTML comment GitHub does not show. */
export const marker = (kind: string, data?: Record<string, unknown>): Html =>
  ({ type: 'html', value: renderMarker(kind, data), data: TRUSTED }) as Html;

const tag = (value: string): Html => ({ type: 'html', value, data: TRUSTED }) as Html;

/** A collapsed section: `<details><summary>summary</summary>` blocks `</details>`. */
export function details(summary: string, ...blocks: Block[]): Block[] {
  return [tag(`<details><summary>${escapeHtml(summary)}</summary>`), ...blocks, tag('</details>')];
}

/** Small print: `<sub>text</sub>` as a paragraph. */
export function smallPrint(value: string): Block {
  return tag(`<sub>${escapeHtml(value)}</sub>`);
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/#/g, '&#35;');
}
