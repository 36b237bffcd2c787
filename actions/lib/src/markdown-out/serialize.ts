// Everything Firebreak posts to GitHub is an mdast tree serialised here, by remark's own
// serialiser with GFM (so table cells, code spans in tables, link text and emphasis are escaped
// by GFM's rules). Before serialising, every node that did not come from the bot is made safe:
// text is neutralised, links and images that leave the repository's server are dropped to their
// text, raw HTML becomes text, and the body is cut to GitHub's limit at a block boundary.
import type { Link, Nodes, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { emphasis, isTrusted, paragraph, type Inline } from './build.ts';
import {
  BODY_LIMIT,
  ISSUE_PATH,
  URL_IN_TEXT,
  neutralizeControls,
  neutralizeMentions,
  neutralizeReferences,
} from './neutralize.ts';

export interface GitHubMarkdownOptions {
  /** The repository's server, e.g. https://github.com or a GitHub Enterprise Server; links elsewhere are dropped. */
  serverUrl?: string;
  /** At most this many characters (default GitHub's 65,536 per body). */
  limit?: number;
  /** Said at the end when the body had to be cut. */
  cutNote?: string | Inline[];
}

export const DEFAULT_SERVER = 'https://github.com';
// GitHub's own redirector: a link through it reaches the issue without creating a backlink there.
const REDIRECT_ORIGIN = 'https://redirect.github.com';

const SERIALISE: Options = {
  bullet: '-',
  rule: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  listItemIndent: 'one',
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
};

export function toGitHubMarkdown(tree: Root, options: GitHubMarkdownOptions = {}): string {
  const server = origin(options.serverUrl ?? DEFAULT_SERVER) ?? DEFAULT_SERVER;
  const safe: Root = { type: 'root', children: safeNodes(tree.children, { server, inLink: false }) as RootContent[] };
  const limit = options.limit ?? BODY_LIMIT;
  const whole = serialise(safe);
  if (whole.length <= limit) return whole;
  const cutNote = options.cutNote ?? 'This was cut to fit in GitHub’s limit.';
  const note = paragraph(emphasis(...(typeof cutNote === 'string' ? [cutNote] : cutNote)));
  return cut(safe, limit, safeNodes([note], { server, inLink: false }) as RootContent[]);
}

const serialise = (tree: Root) => toMarkdown(tree, SERIALISE);

interface Context {
  server: string;
  inLink: boolean;
}

function origin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** A link may go to the repository's server (or GitHub's redirector for it) or be relative to the page. */
function allowedUrl(url: string, ctx: Context): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    const to = origin(url);
    return to === ctx.server || (ctx.server === DEFAULT_SERVER && to === REDIRECT_ORIGIN);
  }
  return !/[\p{Cc}\s]/u.test(url);
}

function safeNodes(nodes: readonly Nodes[], ctx: Context): Nodes[] {
  return nodes.flatMap((node) => safeNode(node, ctx));
}

function safeNode(node: Nodes, ctx: Context): Nodes[] {
  if (isTrusted(node)) return [node];
  switch (node.type) {
    case 'text':
      return safeText(node.value, ctx);
    case 'inlineCode':
      return [{ ...node, value: neutralizeControls(node.value).replace(/[\r\n\t]+/g, ' ') }];
    case 'code':
      return [{ ...node, value: neutralizeControls(node.value) }];
    case 'html':
      return safeText(node.value, ctx);
    case 'link':
      if (!allowedUrl(node.url, ctx) || ctx.inLink) return safeNodes(node.children, ctx);
      return [
        { ...node, title: null, children: safeNodes(node.children, { ...ctx, inLink: true }) as PhrasingContent[] },
      ];
    case 'image':
      return allowedUrl(node.url, ctx) && !ctx.inLink
        ? [{ ...node, title: null, alt: neutralizeReferences(node.alt ?? '') }]
        : safeText(node.alt ?? '', ctx);
    case 'definition':
    case 'footnoteDefinition':
      return [];
    case 'linkReference':
    case 'imageReference':
    case 'footnoteReference':
      return 'children' in node ? safeNodes(node.children, ctx) : [];
    default:
      return 'children' in node ? [{ ...node, children: safeNodes(node.children as Nodes[], ctx) } as Nodes] : [node];
  }
}

/**
 * Text, with the URLs on the repository's server made into links: issue and pull-request URLs
 * through GitHub's redirector, so they create no backlink (on another server, left as text).
 * Other URLs stay text, and the neutraliser stops GitHub from linking them.
 */
function safeText(value: string, ctx: Context): Nodes[] {
  // Inside a link nothing is linked again, so URLs in its text stay readable.
  if (ctx.inLink) return [{ type: 'text', value: neutralizeMentions(value) }];
  const out: Nodes[] = [];
  let last = 0;
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const url = match[0];
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.origin !== ctx.server) continue;
    const issue = ISSUE_PATH.exec(parsed.pathname);
    let node: Nodes;
    if (!issue) node = trustedLink(parsed.href, url);
    else if (ctx.server === DEFAULT_SERVER)
      node = trustedLink(
        `${REDIRECT_ORIGIN}/${issue[1]}/${issue[2]}/${issue[3]}/${issue[4]}`,
        `${issue[1]}/${issue[2]}#${issue[4]}`,
      );
    else continue;
    if (match.index > last) out.push(plain(value.slice(last, match.index)));
    out.push(node);
    last = match.index + url.length;
  }
  if (last < value.length) out.push(plain(value.slice(last)));
  return out;
}

const trustedLink = (url: string, label: string): Link =>
  ({ type: 'link', url, title: null, children: [plain(label)], data: { firebreakTrusted: true } }) as Link;
const plain = (value: string): Text => ({ type: 'text', value: neutralizeReferences(value) });

/** The longest prefix of the blocks (a long table or list kept in part) that fits with the note. */
function cut(tree: Root, limit: number, note: RootContent[]): string {
  const render = (children: RootContent[]) => serialise({ type: 'root', children: [...children, ...note] });
  const blocks = tree.children;
  const fits = (n: number) => render(blocks.slice(0, n)).length <= limit;
  const kept = largest(blocks.length, fits);
  const next = blocks[kept];
  let body = render(blocks.slice(0, kept));
  if (next && (next.type === 'table' || next.type === 'list')) {
    const partial = (n: number) => ({ ...next, children: next.children.slice(0, n) }) as RootContent;
    const min = next.type === 'table' ? 2 : 1;
    const rows = largest(
      next.children.length,
      (n) => n >= min && render([...blocks.slice(0, kept), partial(n)]).length <= limit,
    );
    if (rows >= min) body = render([...blocks.slice(0, kept), partial(rows)]);
  }
  if (body.length > limit) body = `${body.slice(0, limit - 1)}…`;
  return body;
}

/** The largest n in [0, max] for which fits(n) holds, given that it holds for a prefix of the range. */
function largest(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
