// The Mermaid charts of the report render: every block, for the example repository over several
// windows and for an empty one, goes through mermaid in headless Chromium and must parse and draw
// without NaN.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildReport, formatReportMarkdown, loadRepository, type ReportOptions } from '../src/index.ts';
import { CHROMIUM_INSTALL, chromiumPath, extractMermaid, renderMermaid } from '../testing/mermaid.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = Date.parse('2026-11-21T12:00:00Z');

function markdown(options: Partial<ReportOptions>): string {
  const repo = loadRepository(PROJECT);
  return formatReportMarkdown(buildReport(repo, buildCatalog(repo), { now: NOW, ...options }));
}

describe.skipIf(!chromiumPath())(`the report's Mermaid charts (needs Chromium: ${CHROMIUM_INSTALL})`, () => {
  it('render in Chromium for the default window, a quarter, a week, a year and an empty window', async () => {
    const reports = [markdown({}), markdown({ period: 'quarter' }), markdown({ period: 'week' }), markdown({ since: '2026-01-01', until: '2027-01-01' }), markdown({ since: '2020-01-01', until: '2020-02-01' })];
    const diagrams = reports.flatMap(extractMermaid);
    expect(diagrams.length).toBeGreaterThanOrEqual(6);
    const results = await renderMermaid(diagrams);
    const failures = results.filter((r) => !r.ok || r.warnings?.length).map((r) => ({ diagram: diagrams[r.index], error: r.error, warnings: r.warnings }));
    expect(failures).toEqual([]);
  }, 60_000);
});
