// Reads Markdown the way GitHub would, with remark-gfm's parser, and lists what would matter
// there: mentions and issue references outside code, link targets, closing keywords, raw HTML,
// and each table's shape. Tests assert on these facts, not on the text.
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface GitHubFacts {
  /** "@user" or "@org/team" that GitHub would notify. */
  mentions: string[];
  /** "#1", "GH-1", "owner/repo#1", and links to issues or pull requests on the server (each makes a backlink). */
  references: string[];
  /** Every link target, autolinks included. */
  links: string[];
  /** Text that would close an issue when merged ("fixes #1"). */
  closing: string[];
  /** Raw HTML, markers included. */
  html: string[];
  /** Each table: its header's cell count and every body row's. */
  tables: { header: number; rows: number[] }[];
}

const MENTION = /(?<![A-Za-z0-9`_.\-/])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?)/g;
const REFERENCE = /(?<![A-Za-z0-9_&])(?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#\d+|\bGH-\d+/gi;
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b\s*:?\s+(?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#\d+/gi;

export function parseGitHubMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

export function githubFacts(markdown: string, serverUrl = 'https://github.com'): GitHubFacts {
  const facts: GitHubFacts = { mentions: [], references: [], links: [], closing: [], html: [], tables: [] };
  const server = new URL(serverUrl).host;
  const issueUrl = new RegExp(`^https?://${server.replace(/\./g, '\\.')}/[^/]+/[^/]+/(?:issues|pull|discussions)/\\d+`);
  const visit = (node: Nodes, inLink: boolean) => {
    if (node.type === 'text') {
      // GitHub reads text nodes, including the text of links, for mentions; references are not made inside links.
      for (const m of node.value.matchAll(MENTION)) facts.mentions.push(`@${m[1]}`);
      if (!inLink) for (const m of node.value.matchAll(REFERENCE)) facts.references.push(m[0]);
      if (!inLink) for (const m of node.value.matchAll(CLOSING)) facts.closing.push(m[0]);
      return;
    }
    if (node.type === 'html') facts.html.push(node.value);
    if (node.type === 'link') {
      facts.links.push(node.url);
      if (issueUrl.test(node.url)) facts.references.push(node.url);
    }
    if (node.type === 'image') facts.links.push(node.url);
    if (node.type === 'table')
      facts.tables.push({
        header: node.children[0]?.children.length ?? 0,
        rows: node.children.slice(1).map((r) => r.children.length),
      });
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, inLink || node.type === 'link');
  };
  visit(parseGitHubMarkdown(markdown), false);
  return facts;
}

/** The hosts links point at. */
export function linkHosts(facts: GitHubFacts): string[] {
  return [
    ...new Set(
      facts.links.map((url) => {
        try {
          return new URL(url).host;
        } catch {
          return '(relative)';
        }
      }),
    ),
  ];
}
