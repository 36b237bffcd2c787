/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Checks pages of the static site in headless Chromium (the distro binary, driven by playwright-core,
// launched as testing/mermaid.ts does): each page is served from 127.0.0.1 by a small static
// server, as GitHub Pages serves it, with its Content-Security-Policy in force. Per page it reports
// console errors, failed requests, axe-core's violations, the page's width at 375 px, the name and
// description of every chart and the tick labels that overlap.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_INSTALL, chromiumPath, type MermaidLayout, overlappingTexts } from './mermaid.ts';

const require = createRequire(import.meta.url);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.atom': 'application/atom+xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface PageCheck {
  path: string;
  status: number;
  consoleErrors: string[];
  failedRequests: string[];
  /** axe-core violations: rule id, and the selectors of the nodes. */
  violations: { id: string; impact: string | null; nodes: string[] }[];
  /** document.documentElement.scrollWidth with a 375 px wide viewport. */
  widthAt375: number;
  charts: { id: string; title: string; description: string }[];
  /** Pairs of tick or legend labels of one axis or legend that overlap, per chart. */
  overlaps: { chart: string; labels: [string, string] }[];
}

/** Serves `dir` on 127.0.0.1 (a free port): files only, no listing, nothing outside `dir`. */
export async function serveDirectory(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const root = path.resolve(dir);
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`Chromium is not installed; run: ${CHROMIUM_INSTALL}`);
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** Opens each page (paths relative to `base`) and checks it; requests to anything but `base` are aborted and count as failed. */
export async function checkPages(browser: Browser, base: string, paths: string[]): Promise<PageCheck[]> {
  const axe = require.resolve('axe-core/axe.min.js');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
  const page = await context.newPage();
  let consoleErrors: string[] = [];
  let failedRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failedRequests.push(`${r.url()} ${r.status()}`);
  });
  const results: PageCheck[] = [];
  for (const file of paths) {
    consoleErrors = [];
    failedRequests = [];
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(base + file, { waitUntil: 'load' });
    // The page's own CSP forbids scripts; axe is evaluated through the DevTools protocol, as a test tool, not by the page.
    await page.evaluate(await import('node:fs').then((fs) => fs.readFileSync(axe, 'utf8')));
    const violations = await page.evaluate(async () => {
      const result = await (
        globalThis as unknown as {
          axe: {
            run: (
              context: Document,
              options: object,
            ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('figure svg')].map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        const text = (id: string | undefined) => (id ? (document.getElementById(id)?.textContent ?? '').trim() : '');
        return {
          id: svg.closest('figure')?.id ?? '',
          role: svg.getAttribute('role'),
          title: text(ids[0]),
          description: text(ids[1]),
        };
      }),
    );
    const layouts = await chartLabels(page);
    await page.setViewportSize({ width: 375, height: 800 });
    const widthAt375 = await page.evaluate(() => document.documentElement.scrollWidth);
    results.push({
      path: file,
      status: response?.status() ?? 0,
      consoleErrors,
      failedRequests,
      violations,
      widthAt375,
      charts: charts.map((c) => ({
        id: c.id,
        title: c.role === 'img' ? c.title : '',
        description: c.role === 'img' ? c.description : '',
      })),
      overlaps: layouts.flatMap(({ chart, layout }) => overlappingTexts(layout).map((labels) => ({ chart, labels }))),
    });
  }
  await context.close();
  return results;
}

/** The axis and legend labels of every chart on the page, grouped by the axis or legend they belong to. */
async function chartLabels(page: Page): Promise<{ chart: string; layout: MermaidLayout }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure svg')].map((svg, index) => {
      const texts = [...svg.querySelectorAll('g.role-axis-label text, g.role-legend-label text')].flatMap((el) => {
        const text = (el.textContent ?? '').trim();
        if (!text || getComputedStyle(el).opacity === '0') return [];
        const r = el.getBoundingClientRect();
        // Vega draws each axis and legend as its own group; labels of one may not overlap each other.
        const owner = el.closest('g.role-axis, g.role-legend');
        const group = owner
          ? `${owner.getAttribute('class')} ${[...svg.querySelectorAll('g.role-axis, g.role-legend')].indexOf(owner)}`
          : 'other';
        return [
          { group, text, box: { x: r.x, y: r.y, width: r.width, height: r.height }, colour: getComputedStyle(el).fill },
        ];
      });
      return { chart: svg.closest('figure')?.id ?? String(index), layout: { background: '#ffffff', texts, marks: [] } };
    }),
  );
}

/** Full-page screenshots of `paths` at 1280 and 375 px into `dir` (created), named after the page. */
export async function screenshots(browser: Browser, base: string, paths: string[], dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    const page = await context.newPage();
    for (const file of paths) {
      await page.goto(base + file, { waitUntil: 'load' });
      const name = path.join(dir, `${file.replace(/\.html$/, '').replace(/[^a-z0-9]+/gi, '-')}-${width}.png`);
      await page.screenshot({ path: name, fullPage: true });
      written.push(name);
    }
    await context.close();
  }
  return written;
}
