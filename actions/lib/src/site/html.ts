// Pages of the static site as hast trees, serialised by hast-util-to-html: every text from a record
// is a text node, escaped by the serialiser, never markup. The Content-Security-Policy allows no
// script and no request beyond the site's own files, so nothing a record holds can execute or
// fetch.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';

export type Child = ElementContent | string | number | null | undefined | false | Child[];

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'";

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --link: #0550ae; --bg: #ffffff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--link); }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { border-bottom: 1px solid var(--line); }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 12px 0; }
header nav a[aria-current] { font-weight: 700; text-decoration: none; color: var(--fg); }
h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05rem; }
p, li, dd { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: var(--soft); }
.cards strong { display: block; font-size: 1.4rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 400px), 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; min-width: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; }
figcaption strong { display: block; font-size: 1rem; }
.table { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin-top: 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dt { font-weight: 600; }
dd { margin: 0; }
.status { border-radius: 6px; padding: 12px 16px; font-weight: 600; border: 1px solid var(--line); }
.status.ok { background: #dafbe1; }
.status.down { background: #ffebe9; }
ol.updates { list-style: none; padding: 0; }
ol.updates li { border-left: 3px solid var(--line); padding: 0 0 8px 12px; }
footer { border-top: 1px solid var(--line); margin-top: 3rem; padding-top: 8px; padding-bottom: 24px; font-size: 0.85rem; color: var(--muted); }
`;

export interface NavItem {
  href: string;
  label: string;
}

export interface PageOptions {
  title: string;
  /** Relative path from this page to the site root: '' or '../' ... */
  root: string;
  nav: NavItem[];
  /** The nav entry (its href from the root) this page belongs to. */
  current?: string;
  main: Child[];
  footer?: Child[];
  /** Extra <link> elements in <head> (feeds). */
  links?: Element[];
}

const TITLE_SLOT = 'firebreak-slot-title-7f3a';
const MAIN_SLOT = 'firebreak-slot-main-7f3a';
const shells = new Map<string, [string, string, string]>();

/**
 * One page as HTML. The page around the title and the main content (head, styles, navigation,
 * footer) is the same for every page at one depth, so it is serialised once and kept; the title and
 * the main content are serialised for each page, by the same serialiser, so they are escaped alike.
 */
export function page(options: PageOptions): string {
  const key = JSON.stringify([options.root, options.current, options.nav, options.footer ?? [], options.links ?? []]);
  let shell = shells.get(key);
  if (!shell) {
    const html = toHtml(tree({ ...options, title: TITLE_SLOT, main: [MAIN_SLOT] }));
    const [before, rest] = html.split(TITLE_SLOT) as [string, string];
    const [middle, after] = rest.split(MAIN_SLOT) as [string, string];
    shell = [before, middle, after];
    if (shells.size > 100) shells.clear();
    shells.set(key, shell);
  }
  return (
    shell[0] +
    toHtml({ type: 'text', value: options.title }) +
    shell[1] +
    toHtml({ type: 'root', children: flat(options.main) }) +
    shell[2]
  );
}

function tree(options: PageOptions): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: CSP }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'referrer', content: 'no-referrer' }),
          h('title', options.title),
          ...(options.links ?? []),
          h('style', CSS),
        ]),
        h('body', [
          h(
            'header',
            h(
              'nav',
              { ariaLabel: 'Site' },
              h(
                'ul',
                options.nav.map((n) =>
                  h(
                    'li',
                    h(
                      'a',
                      { href: options.root + n.href, ariaCurrent: n.href === options.current ? 'page' : undefined },
                      n.label,
                    ),
                  ),
                ),
              ),
            ),
          ),
          h('main', { id: 'main' }, flat(options.main)),
          h('footer', flat(options.footer ?? [])),
        ]),
      ]),
    ],
  };
}

export function flat(children: Child[]): ElementContent[] {
  const out: ElementContent[] = [];
  const visit = (c: Child) => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach(visit);
    else if (typeof c === 'string' || typeof c === 'number') out.push({ type: 'text', value: String(c) });
    else out.push(c);
  };
  children.forEach(visit);
  return out;
}

/**
 * A hast element made directly, for the pages made tens of thousands of times (hastscript's `h`
 * parses every property name; these use hast's own names: className as a list, href ...). Children
 * are hast nodes or text, which the serialiser escapes like any other.
 */
export function el(tagName: string, properties: Element['properties'] | null, children: Child[] = []): Element {
  return { type: 'element', tagName, properties: properties ?? {}, children: flat(children) };
}

export interface Column {
  label: string;
  numeric?: boolean;
}

/** Columns of numbers (aligned right), by their labels. */
export function numeric(...labels: string[]): Column[] {
  return labels.map((label) => ({ label, numeric: true }));
}

/** A table in a wrapper that scrolls sideways on its own, so the page never does. */
export function table(caption: string | undefined, columns: (string | Column)[], rows: Child[][]): Element {
  const cols = columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  const num = { className: ['num'] };
  return el('div', { className: ['table'] }, [
    el('table', null, [
      caption ? el('caption', { className: ['muted'] }, [caption]) : null,
      el('thead', null, [
        el(
          'tr',
          null,
          cols.map((c) => el('th', c.numeric ? { scope: 'col', className: ['num'] } : { scope: 'col' }, [c.label])),
        ),
      ]),
      el(
        'tbody',
        null,
        rows.map((r) =>
          el(
            'tr',
            null,
            r.map((cell, i) => el('td', cols[i]?.numeric ? num : null, [cell])),
          ),
        ),
      ),
    ]),
  ]);
}

export function cards(items: [label: string, value: string, note?: string][]): Element {
  return h(
    'ul',
    { className: ['cards'] },
    items.map(([label, value, note]) =>
      h('li', [h('strong', value), label, note ? h('div', { className: ['muted'] }, note) : null]),
    ),
  );
}

export function definitions(items: [string, Child][]): Element {
  return el(
    'dl',
    null,
    items.flatMap(([term, value]) => [el('dt', null, [term]), el('dd', null, [value])]),
  );
}

/** A file name for a record id: lower case letters, digits and '-', never empty, never a path. */
export function slug(id: string): string {
  return (
    id
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'record'
  );
}
