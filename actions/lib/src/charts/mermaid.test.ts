import { describe, expect, it } from 'vitest';
import type { ReliabilityReport } from '../metrics/report.ts';
import {
  countAxisTop,
  incidentCharts,
  incidentTimelineChart,
  mermaidFence,
  mermaidText,
  writtenOffset,
  xAxisLabels,
} from './mermaid.ts';

function series(
  points: { label: string; bySeverity: Record<string, number>; medianResolveMinutes: number | null }[],
): ReliabilityReport {
  return { series: { unit: 'week', points: points.map((p) => ({ ...p, start: '' })) } } as unknown as ReliabilityReport;
}

describe('x-axis labels', () => {
  it('keeps up to 12 short labels, and thins longer axes to every k-th label with distinct invisible ones between', () => {
    expect(xAxisLabels(['W1', 'W2'])).toEqual(['W1', 'W2']);
    const days = Array.from({ length: 30 }, (_, i) => `11-${String(i + 1).padStart(2, '0')}`);
    const labels = xAxisLabels(days);
    expect(labels).toHaveLength(30);
    expect(new Set(labels).size).toBe(30);
    const shown = labels.filter((l) => l.replace(/\u200b/g, ''));
    expect(shown.length).toBeLessThanOrEqual(12);
    expect(shown[0]).toBe('11-01');
  });

  it('shows fewer labels when they are long', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    expect(xAxisLabels(months).filter((l) => l.replace(/\u200b/g, '')).length).toBe(6);
  });
});

describe('incident charts', () => {
  const report = series([
    { label: '2026-W44', bySeverity: { SEV1: 1, SEV2: 0, SEV3: 2 }, medianResolveMinutes: 90 },
    { label: '2026-W45', bySeverity: { SEV1: 0, SEV2: 0, SEV3: 0 }, medianResolveMinutes: null },
    { label: '2026-W46', bySeverity: { SEV1: 0, SEV2: 0, SEV3: 1 }, medianResolveMinutes: 30 },
  ]);
  const [stacked, resolve] = incidentCharts(report);

  it('stack the severities that occur, most severe on top, with a legend in the chart and beside it', () => {
    expect(stacked!.source).toContain('  bar "SEV1" [3, 0, 1]');
    expect(stacked!.source).toContain('  bar "SEV3" [2, 0, 1]');
    expect(stacked!.source).not.toContain('SEV2');
    expect(stacked!.source).toContain('"showLegend":true');
    expect(stacked!.source).toContain('x-axis ["W44", "W45", "W46"]');
    expect(stacked!.description).toBe(
      'Incidents per week, stacked by severity. Legend, top to bottom: 🟥 SEV1 (red), 🟦 SEV3 (blue).',
    );
  });

  it('count on an axis with whole-number ticks', () => {
    expect(stacked!.source).toContain('y-axis "Incidents" 0 --> 10');
    expect(countAxisTop(3)).toBe(10);
    expect(countAxisTop(14.2)).toBe(15);
  });

  it('draw a week without a resolved incident as a gap (no bar), not as a line down to 0', () => {
    expect(resolve!.source).toMatch(/\n {2}bar \[1\.5, 0, 0\.5\]$/);
    expect(resolve!.source).not.toContain('line');
    expect(resolve!.description).toContain('no bar where nothing was resolved');
  });

  it('set every colour explicitly, the same whatever the theme', () => {
    expect(stacked!.source.split('\n')[0]).toMatch(
      /^%%\{init: \{"theme":"base","themeVariables":\{.*"plotColorPalette":"#cf222e, #0969da"/,
    );
  });
});

describe('the incident timeline', () => {
  const chart = incidentTimelineChart({
    id: 'INC-1',
    timestamps: {
      started: '2026-09-08T14:02:00+02:00',
      detected: '2026-09-08T14:06:00+02:00',
      mitigated: '2026-09-08T15:10:00+02:00',
      resolved: '2026-09-08T12:30:00Z',
    },
  })!;

  it('runs the customer impact bar from started to mitigated, in the offset the incident was written in', () => {
    expect(chart.source).toContain('  title INC-1 timeline (UTC+02:00)');
    expect(chart.source).toContain('  Customer impact :crit, impact, 2026-09-08T14:02, 2026-09-08T15:10');
    expect(chart.source).toContain('  Resolved :milestone, resolved, 2026-09-08T14:30, 0m');
    expect(chart.description).toBe(
      'INC-1: customer impact from started to mitigated, and each response step, in UTC+02:00.',
    );
  });

  it('falls back to resolved without mitigated, and to a milestone without either', () => {
    expect(
      incidentTimelineChart({
        id: 'X',
        timestamps: { started: '2026-01-01T10:00:00-05:30', resolved: '2026-01-01T11:00:00-05:30' },
      })!.source,
    ).toContain('Customer impact :crit, impact, 2026-01-01T10:00, 2026-01-01T11:00');
    expect(incidentTimelineChart({ id: 'X', timestamps: { started: '2026-01-01T10:00:00Z' } })!.source).toContain(
      'Started :milestone, started, 2026-01-01T10:00, 0m',
    );
    expect(incidentTimelineChart({ id: 'X', timestamps: {} })).toBeUndefined();
  });

  it('reads the written offset', () => {
    expect([
      writtenOffset('2026-01-01T10:00:00Z'),
      writtenOffset('2026-01-01T10:00:00-05:30'),
      writtenOffset('2026-01-01T10:00:00+0100'),
      writtenOffset('2026-01-01'),
    ]).toEqual([0, -330, 60, undefined]);
  });
});

describe('text from records inside Mermaid', () => {
  it('loses what could end a label or start a directive', () => {
    expect(mermaidText('a "b" %%{init}%% ;: [x]\nnext')).toBe('a b init x next');
    expect(mermaidText('')).toBe('-');
  });

  it('is fenced with a fence longer than any backtick run', () => {
    expect(mermaidFence({ description: '', source: 'pie\n  "a`b" : 1' })).toBe('```mermaid\npie\n  "a`b" : 1\n```');
    expect(mermaidFence({ description: '', source: 'x ```` y' })).toBe('`````mermaid\nx ```` y\n`````');
  });
});
