/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Checks that Mermaid diagrams (what GitHub renders from ```mermaid blocks in issues, comments and
// job summaries: xychart-beta, pie, gantt...) really parse and render, by rendering them with the
// npm `mermaid` package in headless Chromium (the distro binary, driven by playwright-core). The
// page gets mermaid's own browser bundle from node_modules and has no network: every request the
// page would make is aborted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const CHROMIUM_INSTALL = 'node scripts/install-chromium.mjs';

const require = createRequire(import.meta.url);

/** The Chromium binary: $CHROMIUM_PATH if it exists, else `chromium` or `chromium-browser` on PATH. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    const file = found.status === 0 ? found.stdout.trim() : '';
    if (file) return file;
  }
  return undefined;
}

/**
 * The contents of every ```mermaid (or ~~~mermaid) fenced code block, in order, following
 * CommonMark's fence rules: up to three spaces of indentation (removed from the content as
 * CommonMark does), a closing fence of the same character at least as long as the opening one, and
 * an unclosed fence running to the end of the document. Fences inside other fences are content, not
 * blocks. Fences nested in block quotes or list items are not looked for.
 */
export function extractMermaid(markdown: string): string[] {
  const blocks: string[] = [];
  let open: { fence: string; indent: number; mermaid: boolean; lines: string[] } | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    if (!open) {
      const start = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
      if (!start) continue;
      const [, indent = '', fence = '', info = ''] = start;
      if (fence.startsWith('`') && info.includes('`')) continue; // not a fence: an inline code span
      const language = info.trim().split(/\s+/)[0] ?? '';
      open = { fence, indent: indent.length, mermaid: language.toLowerCase() === 'mermaid', lines: [] };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
    if (close?.[1] && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      if (open.mermaid) blocks.push(open.lines.join('\n'));
      open = undefined;
      continue;
    }
    open.lines.push(line.replace(new RegExp(`^ {0,${open.indent}}`), ''));
  }
  if (open?.mermaid) blocks.push(open.lines.join('\n'));
  return blocks;
}

export interface MermaidRender {
  /** The diagram's position in the array given to renderMermaid. */
  index: number;
  ok: boolean;
  /** Mermaid's error message (e.g. "Parse error on line 3: ...") when ok is false. */
  error?: string;
  /** The length of the SVG markup Mermaid produced when ok is true. */
  svgLength?: number;
  /**
   * Problems Mermaid did not throw for, present only when there are some: errors the page logged
   * while the diagram rendered (e.g. `<rect> attribute height: Expected length, "NaN"` when an
   * xychart series has fewer values than the x-axis has categories) and NaN in an SVG attribute.
   */
  warnings?: string[];
  /** With `inspect`: where each text landed and the colours drawn, as the page laid them out. */
  layout?: MermaidLayout;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MermaidLayout {
  /** The colour behind the plot: the chart's own opaque background, else the page's. */
  background: string;
  /** Every text element with visible characters, named by the classes of its two nearest groups (e.g. "bottom-axis label"). */
  texts: { group: string; text: string; box: Box; colour: string }[];
  /** The colours of the marks in the plot (bar fills, line strokes, gantt task fills), once each. */
  marks: string[];
}

export interface RenderOptions {
  /** The Mermaid theme the page asks for, as GitHub does for its light and dark themes (default `default`). */
  theme?: 'default' | 'dark';
  /** Put each SVG in the page (700 px wide, as GitHub shows it) and report its layout. */
  inspect?: boolean;
}

/** GitHub's page backgrounds in its light and dark themes. */
export const PAGE_BACKGROUND = { default: '#ffffff', dark: '#0d1117' } as const;

/** What the page sees: the global the mermaid browser bundle defines. */
interface MermaidGlobal {
  mermaid: {
    initialize(config: Record<string, unknown>): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}

/**
 * Renders each diagram with mermaid.render in one headless Chromium page and reports, per diagram,
 * whether it rendered (and the SVG's size) or the error Mermaid threw. Throws if Chromium is missing
 * or the browser cannot start; a diagram that does not parse is a result, not an exception.
 */
export async function renderMermaid(diagrams: string[], options: RenderOptions = {}): Promise<MermaidRender[]> {
  const theme = options.theme ?? 'default';
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`Chromium is not installed; run: ${CHROMIUM_INSTALL}`);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext();
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    let logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') logged.push(message.text());
    });
    page.on('pageerror', (error) => logged.push(error.message));
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:${PAGE_BACKGROUND[theme]}"><div id="chart" style="width:700px"></div></body></html>`,
    );
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate((theme) => {
      // securityLevel strict is GitHub's (and mermaid's default); suppressErrorRendering keeps
      // mermaid from leaving its "Syntax error" SVG in the page when a diagram does not parse.
      (globalThis as unknown as MermaidGlobal).mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        suppressErrorRendering: true,
        theme,
      });
    }, theme);
    const results: MermaidRender[] = [];
    for (const [index, source] of diagrams.entries()) {
      logged = [];
      const outcome = await page.evaluate(
        async ({ id, text, inspect, pageBackground }) => {
          try {
            const { svg } = await (globalThis as unknown as MermaidGlobal).mermaid.render(id, text);
            const nan = /="[^"]*NaN/.test(svg);
            if (!inspect) return { ok: true, svgLength: svg.length, nan };
            const holder = document.getElementById('chart')!;
            holder.innerHTML = svg;
            const colour = (value: string) => (value && value !== 'none' ? value : '');
            const back = holder.querySelector('rect.background');
            const backFill = back ? colour(getComputedStyle(back).fill) : '';
            const texts = [...holder.querySelectorAll('text')].flatMap((el) => {
              const text = (el.textContent ?? '').replace(/[\s\u200b]/g, '');
              if (!text) return [];
              const r = el.getBoundingClientRect();
              const parent = el.parentElement;
              const group = [parent?.parentElement?.getAttribute('class'), parent?.getAttribute('class')]
                .filter(Boolean)
                .join(' ');
              return [
                {
                  group,
                  text,
                  box: { x: r.x, y: r.y, width: r.width, height: r.height },
                  colour: getComputedStyle(el).fill,
                },
              ];
            });
            const marks = new Set<string>();
            for (const el of holder.querySelectorAll('g.plot rect, g.plot path, rect.task')) {
              const style = getComputedStyle(el);
              const mark = el.tagName === 'path' ? colour(style.stroke) : colour(style.fill);
              if (mark) marks.add(mark);
            }
            return {
              ok: true,
              svgLength: svg.length,
              nan,
              layout: {
                background: backFill && !backFill.startsWith('rgba') ? backFill : pageBackground,
                texts,
                marks: [...marks],
              },
            };
          } catch (error) {
            const message = error instanceof Error ? error.message : String((error as { str?: unknown })?.str ?? error);
            return { ok: false, error: message || 'mermaid.render failed without a message', nan: false };
          }
        },
        { id: `d${index}`, text: source, inspect: options.inspect === true, pageBackground: PAGE_BACKGROUND[theme] },
      );
      const { nan, ...result } = outcome;
      const warnings = [...logged, ...(nan ? ['the SVG has NaN in it (a value Mermaid could not compute)'] : [])];
      results.push({ index, ...result, ...(warnings.length > 0 ? { warnings } : {}) });
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** Pairs of texts in the same group (e.g. the x-axis labels) whose boxes overlap by more than half a pixel each way. */
export function overlappingTexts(layout: MermaidLayout): [string, string][] {
  const pairs: [string, string][] = [];
  const { texts } = layout;
  for (let a = 0; a < texts.length; a++) {
    for (let b = a + 1; b < texts.length; b++) {
      const p = texts[a]!;
      const q = texts[b]!;
      if (p.group !== q.group) continue;
      const x = Math.min(p.box.x + p.box.width, q.box.x + q.box.width) - Math.max(p.box.x, q.box.x);
      const y = Math.min(p.box.y + p.box.height, q.box.y + q.box.height) - Math.max(p.box.y, q.box.y);
      if (x > 0.5 && y > 0.5) pairs.push([p.text, q.text]);
    }
  }
  return pairs;
}

/** [r, g, b] from `#rrggbb`, `#rgb` or `rgb(r, g, b)`. */
export function parseColour(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(colour.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour: ${colour}`);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (c: string) => {
    const [r, g, bl] = parseColour(c).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
