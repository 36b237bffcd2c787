// Charts of the static site: Vega-Lite specifications rendered to SVG at build time by Vega's SVG
// string renderer (no browser, no canvas, no JavaScript in the page, nothing fetched). Each chart is
// a <figure>: the SVG as role="img" named by its own <title> and <desc>, a caption with the title and
// the text description, and the data as a table for those who cannot see the chart.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_BACKGROUND, CHART_TEXT, SERIES_COLOURS } from '../charts/mermaid.ts';
import { table, type Child, type Column } from './html.ts';

/** Plot width and height in px: with axes and a legend below, a chart is about 370 px wide, so it reads at full size on a phone. */
export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 160;

export const COLOURS = SERIES_COLOURS.map((c) => c.hex);

const CONFIG = {
  background: CHART_BACKGROUND,
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: {
    labelColor: CHART_TEXT,
    titleColor: CHART_TEXT,
    domainColor: '#59636e',
    tickColor: '#59636e',
    gridColor: '#d1d9e0',
    labelFontSize: 11,
    titleFontSize: 11,
    labelOverlap: 'greedy',
    labelSeparation: 4,
    labelAngle: 0,
  },
  legend: {
    orient: 'bottom',
    direction: 'horizontal',
    columns: 3,
    labelColor: CHART_TEXT,
    titleColor: CHART_TEXT,
    labelFontSize: 11,
    titleFontSize: 11,
    labelLimit: 140,
    symbolType: 'square',
  },
  range: { category: COLOURS },
  line: { strokeWidth: 2, point: { size: 30, filled: true } },
  mark: { invalid: 'break-paths-show-domains' },
} as const;

export interface ChartSpec {
  /** Unique on its page: the ids of the SVG's title and description derive from it. */
  id: string;
  title: string;
  /** What the chart shows and what to read from it, in a sentence or two. */
  description: string;
  /** A Vega-Lite unit or layer specification without data, size or config: they are added here. */
  spec: Record<string, unknown>;
  values: Record<string, unknown>[];
  /** Plot height in px, when the default is too short (a row per category). */
  height?: number;
  /** The same data as a table. */
  table: { columns: (string | Column)[]; rows: Child[][] };
}

let renders = 0;

interface Renderer {
  vega: typeof import('vega');
  compile: typeof import('vega-lite').compile;
  fromHtml: typeof import('hast-util-from-html').fromHtml;
}

let rendererLoading: Promise<Renderer> | undefined;

/**
 * Vega, Vega-Lite and the HTML parser that reads their SVG, imported on the first chart and kept for
 * the process: they are most of the CLI bundle's weight (about 3 MB) and only charts need them, so
 * every other command starts without reading them. The chunk name makes the bundler put the three in
 * one chunk of their own.
 */
function renderer(): Promise<Renderer> {
  rendererLoading ??= Promise.all([
    import(/* webpackChunkName: "charts" */ 'vega'),
    import(/* webpackChunkName: "charts" */ 'vega-lite'),
    import(/* webpackChunkName: "charts" */ 'hast-util-from-html'),
  ]).then(([vega, vegaLite, html]) => ({ vega, compile: vegaLite.compile, fromHtml: html.fromHtml }));
  return rendererLoading;
}

/** The figure for one chart; an empty-data chart gets a sentence instead of axes over nothing. */
export async function chartFigure(chart: ChartSpec): Promise<Element> {
  const caption = h('figcaption', [h('strong', chart.title), chart.description]);
  if (chart.values.length === 0)
    return h('figure', { id: chart.id }, [caption, h('p', { className: ['muted'] }, 'No data in this period.')]);
  const spec = {
    ...chart.spec,
    width: CHART_WIDTH,
    height: chart.height ?? CHART_HEIGHT,
    data: { values: chart.values },
    config: CONFIG,
  } as unknown as TopLevelSpec;
  const { vega, compile, fromHtml } = await renderer();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  renders++;
  const fragment = fromHtml(svg, { fragment: true });
  const root = fragment.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
  if (!root) throw new Error(`Vega produced no SVG for the chart "${chart.title}".`);
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  // Vega's scenegraph roles are for interactive views; a static picture is one image with a name.
  // Labels Vega hid so that they do not overlap (opacity 0) are dropped: nobody can see them.
  stripAria(root);
  dropHidden(root);
  root.properties = { ...root.properties, role: 'img', ariaLabelledBy: [titleId, descId], className: ['chart'] };
  root.children.unshift(
    h('title', { id: titleId }, chart.title) as ElementContent,
    h('desc', { id: descId }, chart.description) as ElementContent,
  );
  return h('figure', { id: chart.id }, [
    root,
    caption,
    h('details', [h('summary', 'Data'), table(undefined, chart.table.columns, chart.table.rows)]),
  ]);
}

/** How many charts were rendered (for the build's summary). */
export function chartsRendered(): number {
  return renders;
}

function dropHidden(node: Element): void {
  node.children = node.children.filter(
    (c) => !(c.type === 'element' && c.tagName === 'text' && String(c.properties?.opacity) === '0'),
  );
  for (const child of node.children) if (child.type === 'element') dropHidden(child);
}

function stripAria(node: Element): void {
  const props = node.properties ?? {};
  for (const key of Object.keys(props)) if (key === 'role' || key.startsWith('aria')) delete props[key];
  for (const child of node.children) if (child.type === 'element') stripAria(child);
}
