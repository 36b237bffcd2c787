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

export function page(options: PageOptions): string {
  const tree: Root = {
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
          h('header', h('nav', { ariaLabel: 'Site' }, h('ul', options.nav.map((n) => h('li', h('a', { href: options.root + n.href, ariaCurrent: n.href === options.current ? 'page' : undefined }, n.label)))))),
          h('main', { id: 'main' }, flat(options.main)),
          h('footer', flat(options.footer ?? [])),
        ]),
      ]),
    ],
  };
  return toHtml(tree);
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

export interface Column {
  label: string;
  numeric?: boolean;
}

/** A table in a wrapper that scrolls sideways on its own, so the page never does. */
export function table(caption: string | undefined, columns: (string | Column)[], rows: Child[][]): Element {
  const cols = columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  return h('div', { className: ['table'] }, [
    h('table', [
      caption ? h('caption', { className: ['muted'] }, caption) : null,
      h('thead', h('tr', cols.map((c) => h('th', { scope: 'col', className: c.numeric ? ['num'] : undefined }, c.label)))),
      h('tbody', rows.map((r) => h('tr', r.map((cell, i) => h('td', { className: cols[i]?.numeric ? ['num'] : undefined }, flat([cell])))))),
    ]),
  ]);
}

export function cards(items: [label: string, value: string, note?: string][]): Element {
  return h('ul', { className: ['cards'] }, items.map(([label, value, note]) => h('li', [h('strong', value), label, note ? h('div', { className: ['muted'] }, note) : null])));
}

export function definitions(items: [string, Child][]): Element {
  return h('dl', items.flatMap(([term, value]) => [h('dt', term), h('dd', flat([value]))]));
}

/** A file name for a record id: lower case letters, digits and '-', never empty, never a path. */
export function slug(id: string): string {
  return id.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'record';
}
