// Mermaid charts for what GitHub renders (report issue, job summary, review comment): pure functions
// from figures to Mermaid source. They read at a glance in GitHub's light and dark themes:
// - explicit colours through an init directive (theme `base`, an opaque white plot background and
//   near-black text, so a chart looks the same in both themes and every mark contrasts at least 3:1);
// - one series per chart, or a legend where series share one (Mermaid's own, for renderers that know
//   `showLegend`, and a text legend with colour squares beside the chart for those that do not);
// - at most 12 labelled x ticks (the other categories get distinct invisible labels, because a band
//   axis merges equal ones) and whole-number y ticks for counts;
// - missing data drawn as a gap: a bar that is not there, never a value of 0.
// Only `xychart-beta`, `gantt`, quoted labels and init directives are used: GitHub's renderer lags.
import type { ReliabilityReport } from '../metrics/report.ts';
import type { ReviewIncident } from '../review/review.ts';

export interface MermaidChart {
  /** What the chart shows, one line of plain text: its title and, where series share it, the legend. */
  description: string;
  /** Mermaid source, without the fence. */
  source: string;
}

/** GitHub Primer colours (scale 6 and 5), each at least 3:1 against white, and the square emoji of the same hue. */
export const SERIES_COLOURS: readonly { hex: string; name: string; square: string }[] = [
  { hex: '#cf222e', name: 'red', square: '🟥' },
  { hex: '#0969da', name: 'blue', square: '🟦' },
  { hex: '#9a6700', name: 'gold', square: '🟨' },
  { hex: '#8250df', name: 'purple', square: '🟪' },
  { hex: '#1a7f37', name: 'green', square: '🟩' },
  { hex: '#bc4c00', name: 'orange', square: '🟧' },
  { hex: '#57606a', name: 'grey', square: '⬛' },
];
export const CHART_BACKGROUND = '#ffffff';
export const CHART_TEXT = '#1f2328';
/** Labelled ticks on an x-axis, at most. */
export const MAX_X_LABELS = 12;

const ZERO_WIDTH_SPACE = '\u200b';

/** Text from a record made safe inside a quoted Mermaid label: no quotes, brackets, colons, semicolons, `%%` or line breaks. */
export function mermaidText(text: string, max = 60): string {
  return (
    text
      .replace(/[^\p{L}\p{N} .,()/+'_-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, max) || '-'
  );
}
const quoted = (text: string) => `"${mermaidText(text)}"`;

function init(palette: string[], legend: boolean): string {
  const xyChart = {
    backgroundColor: CHART_BACKGROUND,
    titleColor: CHART_TEXT,
    xAxisLabelColor: CHART_TEXT,
    xAxisTitleColor: CHART_TEXT,
    xAxisTickColor: CHART_TEXT,
    xAxisLineColor: CHART_TEXT,
    yAxisLabelColor: CHART_TEXT,
    yAxisTitleColor: CHART_TEXT,
    yAxisTickColor: CHART_TEXT,
    yAxisLineColor: CHART_TEXT,
    legendTextColor: CHART_TEXT,
    dataLabelColor: CHART_TEXT,
    plotColorPalette: palette.join(', '),
  };
  return `%%{init: ${JSON.stringify({ theme: 'base', themeVariables: { background: CHART_BACKGROUND, primaryTextColor: CHART_TEXT, xyChart }, xyChart: { showLegend: legend } })}}%%`;
}

/**
 * The x-axis categories with at most MAX_X_LABELS labels shown, fewer when long labels would not fit: every k-th one from the first, the
 * others a run of zero-width spaces of a different length each (a band axis merges equal labels).
 */
export function xAxisLabels(labels: string[]): string[] {
  // Mermaid's 14 px labels take about 8.5 px a character, and the plot about 500 of a chart's 700 px.
  const longest = Math.max(1, ...labels.map((l) => mermaidText(l).length));
  const fit = Math.max(2, Math.min(MAX_X_LABELS, Math.floor(500 / (longest * 8.5 + 16))));
  if (labels.length <= fit) return labels.map((l) => mermaidText(l));
  const step = Math.ceil(labels.length / fit);
  return labels.map((l, i) => (i % step === 0 ? mermaidText(l) : ZERO_WIDTH_SPACE.repeat(i)));
}

/** The top of a count axis: d3's ticks are whole numbers from a top of 10 up. */
export function countAxisTop(max: number): number {
  return Math.max(10, Math.ceil(max));
}

function xychart(options: {
  title: string;
  labels: string[];
  yTitle: string;
  yMin: number;
  yMax: number;
  series: { kind: 'bar' | 'line'; title: string; values: number[] }[];
  palette: string[];
}): string {
  const legend = options.series.length > 1;
  return [
    init(options.palette, legend),
    'xychart-beta',
    `  title ${quoted(options.title)}`,
    `  x-axis [${xAxisLabels(options.labels)
      .map((l) => `"${l}"`)
      .join(', ')}]`,
    `  y-axis ${quoted(options.yTitle)} ${options.yMin} --> ${options.yMax}`,
    ...options.series.map(
      (s) =>
        `  ${s.kind}${legend ? ` ${quoted(s.title)}` : ''} [${s.values.map((v) => Number(v.toFixed(2))).join(', ')}]`,
    ),
  ].join('\n');
}

/** Incidents per week (or month) stacked by severity, and median time to resolve per week. */
export function incidentCharts(report: ReliabilityReport): MermaidChart[] {
  const points = report.series.points;
  if (points.length < 2) return [];
  const unit = report.series.unit;
  // 2026-W45 as W45: the window above the chart says the year.
  const labels = points.map((p) => p.label.replace(/^\d{4}-(W\d+)$/, '$1'));
  const severities = Object.keys(points[0]!.bySeverity).filter((s) => points.some((p) => p.bySeverity[s]));
  const charts: MermaidChart[] = [];
  const total = (p: (typeof points)[number]) => Object.values(p.bySeverity).reduce((a, b) => a + b, 0);
  const top = countAxisTop(Math.max(0, ...points.map(total)));
  const colours = severities.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!);
  // xychart-beta draws bars over each other: drawing running totals from the largest down stacks
  // them, the most severe level on top.
  const series = severities.length
    ? severities.map((s, i) => ({
        kind: 'bar' as const,
        title: s,
        values: points.map((p) => severities.slice(i).reduce((sum, k) => sum + (p.bySeverity[k] ?? 0), 0)),
      }))
    : [{ kind: 'bar' as const, title: 'Incidents', values: points.map(() => 0) }];
  const legend = severities.length
    ? ` Legend, top to bottom: ${severities.map((s, i) => `${colours[i]!.square} ${s} (${colours[i]!.name})`).join(', ')}.`
    : ' None in this window.';
  charts.push({
    description: `Incidents per ${unit}, stacked by severity.${legend}`,
    source: xychart({
      title: `Incidents per ${unit}`,
      labels,
      yTitle: 'Incidents',
      yMin: 0,
      yMax: top,
      series,
      palette: colours.length ? colours.map((c) => c.hex) : [SERIES_COLOURS[1]!.hex],
    }),
  });
  const resolve = points.map((p) => (p.medianResolveMinutes === null ? null : p.medianResolveMinutes / 60));
  const known = resolve.filter((v): v is number => v !== null);
  if (known.length) {
    const max = Math.max(...known);
    // A bar chart, so that a period with nothing resolved is no bar (a gap) rather than a line down to 0.
    charts.push({
      description: `Median time to resolve per ${unit}, in hours; no bar where nothing was resolved.`,
      source: xychart({
        title: 'Median time to resolve (h)',
        labels,
        yTitle: 'Hours',
        yMin: 0,
        yMax: max <= 0 ? 1 : niceTop(max),
        series: [{ kind: 'bar', title: 'Median time to resolve', values: resolve.map((v) => v ?? 0) }],
        palette: [SERIES_COLOURS[1]!.hex],
      }),
    });
  }
  return charts;
}

/** The error budget remaining over the window, one chart per SLO that used some (at most four). */
export function budgetCharts(report: ReliabilityReport): MermaidChart[] {
  return report.budgets
    .filter((b) => b.burnDown.length >= 2 && b.consumed > 0)
    .slice(0, 4)
    .map((b) => {
      const name = b.displayName ?? b.slo;
      const low = Math.min(...b.burnDown.map((p) => p.remainingPercent));
      return {
        description: `Error budget remaining, ${name}, in percent of the budget, per day.`,
        source: xychart({
          title: `${b.slo} budget remaining`,
          labels: b.burnDown.map((p) => p.date.slice(5)),
          yTitle: '%',
          yMin: Math.min(0, Math.floor(low / 10) * 10),
          yMax: 100,
          series: [{ kind: 'line', title: 'Remaining', values: b.burnDown.map((p) => p.remainingPercent) }],
          palette: [SERIES_COLOURS[0]!.hex],
        }),
      };
    });
}

/** A round axis top at or above the value: 1, 2, 2.5, 5 times a power of ten. */
function niceTop(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

/** The offset a timestamp was written with, in minutes east of UTC (Z is 0); undefined without one. */
export function writtenOffset(timestamp: string): number | undefined {
  const match = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(timestamp.trim());
  if (!match) return undefined;
  if (match[1]!.toUpperCase() === 'Z') return 0;
  return (match[2] === '-' ? -1 : 1) * (Number(match[3]) * 60 + Number(match[4]));
}

const offsetLabel = (minutes: number) =>
  minutes === 0
    ? 'UTC'
    : `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

/**
 * The front-matter timestamps of an incident as a gantt: customer impact as a bar from `started` to
 * `mitigated` (to `resolved` when it was never mitigated), each step as a milestone, all in the
 * offset `started` was written in (the timeline table's), which Mermaid draws as written.
 */
export function incidentTimelineChart(i: Pick<ReviewIncident, 'id' | 'timestamps'>): MermaidChart | undefined {
  const t = i.timestamps;
  const parse = (s?: string) => (s && !Number.isNaN(Date.parse(s)) ? Date.parse(s) : undefined);
  const started = parse(t.started);
  if (started === undefined) return undefined;
  const offset = writtenOffset(t.started!) ?? 0;
  const end = parse(t.mitigated) ?? parse(t.resolved);
  const stamp = (ms: number) => new Date(ms + offset * 60_000).toISOString().slice(0, 16);
  const zone = offsetLabel(offset);
  const lines = [
    'gantt',
    `  title ${mermaidText(i.id)} timeline (${zone})`,
    '  dateFormat YYYY-MM-DDTHH:mm',
    '  axisFormat %H:%M',
    '  section Impact',
  ];
  lines.push(
    end !== undefined && end > started
      ? `  Customer impact :crit, impact, ${stamp(started)}, ${stamp(end)}`
      : `  Started :milestone, started, ${stamp(started)}, 0m`,
  );
  lines.push('  section Response');
  for (const key of ['detected', 'acknowledged', 'mitigated', 'resolved'] as const) {
    const at = parse(t[key]);
    if (at !== undefined && at >= started)
      lines.push(`  ${key[0]!.toUpperCase()}${key.slice(1)} :milestone, ${key}, ${stamp(at)}, 0m`);
  }
  return {
    description: `${i.id}: customer impact from started to ${t.mitigated ? 'mitigated' : 'resolved'}, and each response step, in ${zone}.`,
    source: lines.join('\n'),
  };
}

/** A chart as a fenced Markdown code block (the fence longer than any backtick run in the source). */
export function mermaidFence(chart: MermaidChart): string {
  const longest = Math.max(2, ...[...chart.source.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}mermaid\n${chart.source}\n${fence}`;
}
