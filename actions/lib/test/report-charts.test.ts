// The Mermaid charts of the report and the review comment, rendered as GitHub renders them: every
// block, for the example repository over several windows and for an empty one, goes through mermaid
// in headless Chromium in the light and the dark theme, and must parse, draw without NaN, keep its
// tick labels apart, contrast with what is behind it, and count in whole numbers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCatalog,
  buildReport,
  formatReportMarkdown,
  loadRepository,
  validateRepository,
  type ReportOptions,
} from '../src/index.ts';
import { renderReviewComment } from '../src/review/comment.ts';
import { buildReview } from '../src/review/review.ts';
import {
  CHROMIUM_INSTALL,
  chromiumPath,
  contrastRatio,
  extractMermaid,
  type MermaidRender,
  overlappingTexts,
  PAGE_BACKGROUND,
  renderMermaid,
} from '../testing/mermaid.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = Date.parse('2026-11-21T12:00:00Z');

function markdown(options: Partial<ReportOptions>): string {
  const repo = loadRepository(PROJECT);
  return formatReportMarkdown(buildReport(repo, buildCatalog(repo), { now: NOW, ...options }));
}

function reviewMarkdown(): string {
  const repo = loadRepository(PROJECT);
  const files = [
    'incidents/2026/2026-11-19-emails-delayed-rabbitmq-disk-alarm.md',
    'incidents/2026/2026-09-08-payments-outage-both-regions.md',
  ];
  const { diagnostics } = validateRepository(repo, { now: NOW });
  return renderReviewComment(
    buildReview(repo, buildCatalog(repo), {
      files,
      diagnostics,
      checkedFiles: 2,
      pullRequest: 1,
      headSha: 'a'.repeat(40),
      now: NOW,
    }),
    { repository: 'acme/incidents' },
  );
}

describe.skipIf(!chromiumPath())(
  `the report's and the review's Mermaid charts (needs Chromium: ${CHROMIUM_INSTALL})`,
  () => {
    let diagrams: string[] = [];
    const rendered: Record<'default' | 'dark', MermaidRender[]> = { default: [], dark: [] };
    beforeAll(async () => {
      // The default window (13 weeks), a quarter, a week, a month of daily burn-down, a year by month, an empty window, and the review.
      const reports = [
        markdown({}),
        markdown({ period: 'quarter' }),
        markdown({ period: 'week' }),
        markdown({ period: 'month', until: '2026-10-01' }),
        markdown({ since: '2026-01-01', until: '2027-01-01' }),
        markdown({ since: '2020-01-01', until: '2020-02-01' }),
        reviewMarkdown(),
      ];
      diagrams = reports.flatMap(extractMermaid);
      rendered.default = await renderMermaid(diagrams, { theme: 'default', inspect: true });
      rendered.dark = await renderMermaid(diagrams, { theme: 'dark', inspect: true });
    }, 120_000);

    it('render in Chromium in both themes, without errors or NaN', () => {
      expect(diagrams.length).toBeGreaterThanOrEqual(8);
      for (const results of Object.values(rendered)) {
        const failures = results
          .filter((r) => !r.ok || r.warnings?.length)
          .map((r) => ({ diagram: diagrams[r.index], error: r.error, warnings: r.warnings }));
        expect(failures).toEqual([]);
      }
    });

    it('label at most 12 x ticks, none overlapping another label', () => {
      for (const results of Object.values(rendered)) {
        for (const r of results) {
          expect({ diagram: diagrams[r.index], overlaps: overlappingTexts(r.layout!) }).toEqual({
            diagram: diagrams[r.index],
            overlaps: [],
          });
          expect(r.layout!.texts.filter((t) => t.group === 'bottom-axis label').length).toBeLessThanOrEqual(12);
        }
      }
    });

    it('draw the same colours in both themes, text at least 4.5:1 and bars and lines at least 3:1 against the background', () => {
      const xycharts = diagrams.flatMap((d, i) => (d.includes('xychart-beta') ? [i] : []));
      expect(xycharts.length).toBeGreaterThanOrEqual(6);
      for (const index of xycharts) {
        const [light, dark] = [rendered.default[index]!.layout!, rendered.dark[index]!.layout!];
        expect(dark).toEqual(light);
        expect(light.marks.length).toBeGreaterThan(0);
        for (const t of light.texts)
          expect({ text: t.text, ratio: contrastRatio(t.colour, light.background) >= 4.5 }).toEqual({
            text: t.text,
            ratio: true,
          });
        for (const m of light.marks)
          expect({ mark: m, ratio: contrastRatio(m, light.background) >= 3 }).toEqual({ mark: m, ratio: true });
      }
    });

    it("leave the gantt to the renderer's theme, whose axis and title text contrast with the page in either", () => {
      const gantts = diagrams.flatMap((d, i) => (d.startsWith('gantt') ? [i] : []));
      expect(gantts.length).toBeGreaterThanOrEqual(2);
      for (const theme of ['default', 'dark'] as const) {
        for (const index of gantts) {
          const layout = rendered[theme][index]!.layout!;
          // The tick labels and the title are drawn on the page; task labels sit on their bars.
          const outside = layout.texts.filter((t) => t.group === 'grid tick' || t.text.includes('timeline'));
          expect(outside.length).toBeGreaterThan(0);
          for (const t of outside)
            expect({ theme, text: t.text, ratio: contrastRatio(t.colour, PAGE_BACKGROUND[theme]) >= 4.5 }).toEqual({
              theme,
              text: t.text,
              ratio: true,
            });
        }
      }
    });

    it('count incidents in whole numbers', () => {
      const counts = diagrams.flatMap((d, i) => (d.includes('"Incidents"') ? [i] : []));
      expect(counts.length).toBeGreaterThanOrEqual(4);
      for (const index of counts) {
        const ticks = rendered.default[index]!.layout!.texts.filter((t) => t.group === 'left-axis label').map(
          (t) => t.text,
        );
        expect(ticks.length).toBeGreaterThan(1);
        expect(ticks.filter((t) => !/^\d+$/.test(t))).toEqual([]);
      }
    });
  },
);
