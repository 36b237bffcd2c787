// The static site in Debian's Chromium: every page of the example repository's site loads with no
// console error and no failed request under its own CSP, axe-core finds no violation, nothing
// scrolls sideways at 375 px, every chart has a title and a description, and no two labels of an
// axis or a legend overlap. Screenshots of the main pages go to .ci-artifacts/site/ for CI to keep.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, loadRepository } from '../src/index.ts';
import { collectSite, writeSite } from '../src/site/build.ts';
import { CHROMIUM_INSTALL, chromiumPath } from '../testing/mermaid.ts';
import { checkPages, launch, type PageCheck, screenshots, serveDirectory } from '../testing/site.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ARTIFACTS = path.join(PROJECT, '.ci-artifacts', 'site');
const NOW = Date.parse('2026-11-21T12:00:00Z');
const MAIN_PAGES = [
  'index.html',
  'status/index.html',
  'status/incidents/inc-2026-009.html',
  'teams/payments.html',
  'services/payments-gateway.html',
  'incidents/inc-2026-009.html',
  'incidents/index.html',
];

describe.skipIf(!chromiumPath())(`the static site in Chromium (needs Chromium: ${CHROMIUM_INSTALL})`, () => {
  let dir = '';
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  let checks: PageCheck[] = [];
  let pages: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-site-browser-'));
    const repo = loadRepository(PROJECT, { lean: true });
    await writeSite(
      dir,
      await collectSite(repo, buildCatalog(repo), {
        now: NOW,
        sourceUrl: 'https://github.com/acme/incidents/blob/main/',
      }),
    );
    pages = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    server = await serveDirectory(dir);
    browser = await launch();
    checks = await checkPages(browser, server.url, pages);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('checks every page of the site', () => {
    expect(pages.length).toBeGreaterThan(40);
    expect(checks.map((c) => c.path)).toEqual(pages);
    expect(checks.filter((c) => c.status !== 200).map((c) => c.path)).toEqual([]);
  });

  it('loads every page with no console error and no failed request', () => {
    expect(
      checks
        .filter((c) => c.consoleErrors.length || c.failedRequests.length)
        .map(({ path: p, consoleErrors, failedRequests }) => ({ p, consoleErrors, failedRequests })),
    ).toEqual([]);
  });

  it('has no axe-core violation on any page', () => {
    expect(checks.filter((c) => c.violations.length).map(({ path: p, violations }) => ({ p, violations }))).toEqual([]);
  });

  it('does not scroll sideways at 375 px', () => {
    expect(checks.filter((c) => c.widthAt375 > 375).map((c) => `${c.path}: ${c.widthAt375} px`)).toEqual([]);
  });

  it('gives every chart a title and a text description', () => {
    const charts = checks.flatMap((c) => c.charts.map((chart) => ({ page: c.path, ...chart })));
    expect(charts.length).toBeGreaterThan(30);
    expect(charts.filter((c) => !c.title || c.description.length < 20)).toEqual([]);
  });

  it('keeps the labels of every axis and legend apart', () => {
    expect(checks.flatMap((c) => c.overlaps.map((o) => ({ page: c.path, ...o })))).toEqual([]);
  });

  it('writes screenshots of the main pages, wide and on a phone, where CI keeps them', async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    const written = await screenshots(browser, server.url, MAIN_PAGES, ARTIFACTS);
    expect(written).toHaveLength(MAIN_PAGES.length * 2);
    expect(readdirSync(ARTIFACTS)).toEqual(
      expect.arrayContaining(['index-1280.png', 'index-375.png', 'status-index-375.png']),
    );
  }, 120_000);
});
