import { beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  CHROMIUM_INSTALL,
  contrastRatio,
  extractMermaid,
  type MermaidRender,
  overlappingTexts,
  renderMermaid,
} from './mermaid.ts';

const XYCHART = `xychart-beta
    title "Incidents per month: SEV1 & SEV2"
    x-axis "Month" ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025"]
    y-axis "Incidents" 0 --> 12
    bar [3, 7, 2, 9]
    line [3, 7, 2, 9]`;

const PIE = `pie showData
    title "Incidents by severity"
    "SEV1" : 2
    "SEV2" : 5
    "SEV3 (minor)" : 11`;

const GANTT = `gantt
    title Checkout outage, 2025-03-14
    dateFormat YYYY-MM-DD HH:mm
    axisFormat %H:%M
    section Detection
    Alert fired          :milestone, m1, 2025-03-14 09:02, 0m
    Acknowledged         :a1, 2025-03-14 09:02, 6m
    section Mitigation
    Rolled back deploy   :crit, a2, after a1, 25m
    Monitoring           :a3, after a2, 30m`;

const BROKEN = `xychart-beta
    title "Unclosed
    x-axis [a, b
    bar [1, 2]`;

const SHORT_SERIES = `xychart-beta
    x-axis ["a", "b", "c"]
    bar [1, 2]`;

const UNKNOWN = `not-a-diagram
    a --> b`;

// One browser for all of them (starting Chromium is most of the time), in an order that puts the
// failures between diagrams that must still render.
const DIAGRAMS = [XYCHART, PIE, BROKEN, GANTT, SHORT_SERIES, UNKNOWN];

describe.skipIf(!chromiumPath())(`Mermaid rendering in headless Chromium (needs Chromium: ${CHROMIUM_INSTALL})`, () => {
  let results: MermaidRender[] = [];
  beforeAll(async () => {
    results = await renderMermaid(DIAGRAMS);
  }, 30_000);

  it('reports every diagram, in order', () => {
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('renders a GitHub-style xychart-beta with quoted labels, a bar and a line series', () => {
    expect(results[0]).toEqual({ index: 0, ok: true, svgLength: expect.any(Number) });
    expect(results[0]?.svgLength).toBeGreaterThan(0);
  });

  it('renders a pie chart and a gantt chart', () => {
    expect(results[1]).toEqual({ index: 1, ok: true, svgLength: expect.any(Number) });
    expect(results[3]).toEqual({ index: 3, ok: true, svgLength: expect.any(Number) });
    expect(results[1]?.svgLength).toBeGreaterThan(0);
    expect(results[3]?.svgLength).toBeGreaterThan(0);
  });

  it("reports a diagram with a syntax error with Mermaid's message", () => {
    expect(results[2]).toEqual({ index: 2, ok: false, error: expect.stringMatching(/^Parse error on line \d+:/) });
  });

  it('warns about an xychart series shorter than its x-axis, which Mermaid renders without complaint', () => {
    expect(results[4]?.ok).toBe(true);
    expect(results[4]?.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/NaN/)]));
  });

  it('reports an unknown diagram type', () => {
    expect(results[5]).toEqual({ index: 5, ok: false, error: expect.stringMatching(/No diagram type detected/) });
  });
});

const CROWDED = `xychart-beta
    x-axis [${Array.from({ length: 30 }, (_, i) => `"2026-11-${String(i + 1).padStart(2, '0')}"`).join(', ')}]
    y-axis "Incidents" 0 --> 3
    bar [${Array.from({ length: 30 }, () => 1).join(', ')}]`;

describe.skipIf(!chromiumPath())(`Mermaid layout in headless Chromium (needs Chromium: ${CHROMIUM_INSTALL})`, () => {
  it("finds overlapping tick labels, fractional count ticks and the theme's colours", async () => {
    const [crowded] = await renderMermaid([CROWDED], { theme: 'dark', inspect: true });
    const layout = crowded!.layout!;
    expect(overlappingTexts(layout).length).toBeGreaterThan(10);
    expect(layout.texts.filter((t) => t.group === 'left-axis label').map((t) => t.text)).toContain('0.2');
    expect(layout.background).toMatch(/^rgb\(/);
    expect(layout.marks.length).toBe(1);
  }, 30_000);
});

describe('contrastRatio and overlappingTexts', () => {
  it('compute WCAG contrast from hex or rgb()', () => {
    expect(contrastRatio('#000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgb(255, 255, 255)', '#fff')).toBe(1);
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });

  it('pair texts of one group whose boxes overlap, not texts of different groups', () => {
    const box = (x: number) => ({ x, y: 0, width: 20, height: 10 });
    const layout = {
      background: '#fff',
      marks: [],
      texts: [
        { group: 'a', text: '1', box: box(0), colour: '#000' },
        { group: 'a', text: '2', box: box(15), colour: '#000' },
        { group: 'a', text: '3', box: box(40), colour: '#000' },
        { group: 'b', text: '4', box: box(0), colour: '#000' },
      ],
    };
    expect(overlappingTexts(layout)).toEqual([['1', '2']]);
  });
});

describe('extractMermaid', () => {
  it('finds every mermaid block and ignores other fences', () => {
    const markdown = [
      '# Report',
      '',
      '```mermaid',
      'pie',
      '    "a" : 1',
      '```',
      '',
      '```yaml',
      'mermaid: no',
      '```',
      '',
      '````markdown',
      '```mermaid',
      'pie "inside another fence"',
      '```',
      '````',
      '',
      '  ~~~ Mermaid title="indented, tildes"',
      '  gantt',
      '    title T',
      '  ~~~',
      '',
      'Inline ```mermaid``` is not a fence.',
    ].join('\r\n');
    expect(extractMermaid(markdown)).toEqual(['pie\n    "a" : 1', 'gantt\n  title T']);
  });

  it('keeps an unclosed mermaid block to the end of the document, and finds none in plain text', () => {
    expect(extractMermaid('text\n```mermaid\npie\n  "a" : 1\n')).toEqual(['pie\n  "a" : 1\n']);
    expect(extractMermaid('no diagrams here')).toEqual([]);
  });
});
