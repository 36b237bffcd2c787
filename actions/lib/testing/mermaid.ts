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
}

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
export async function renderMermaid(diagrams: string[]): Promise<MermaidRender[]> {
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
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => {
      // securityLevel strict is GitHub's (and mermaid's default); suppressErrorRendering keeps
      // mermaid from leaving its "Syntax error" SVG in the page when a diagram does not parse.
      (globalThis as unknown as MermaidGlobal).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true });
    });
    const results: MermaidRender[] = [];
    for (const [index, source] of diagrams.entries()) {
      logged = [];
      const outcome = await page.evaluate(async ({ id, text }) => {
        try {
          const { svg } = await (globalThis as unknown as MermaidGlobal).mermaid.render(id, text);
          return { ok: true, svgLength: svg.length, nan: /="[^"]*NaN/.test(svg) };
        } catch (error) {
          const message = error instanceof Error ? error.message : String((error as { str?: unknown })?.str ?? error);
          return { ok: false, error: message || 'mermaid.render failed without a message', nan: false };
        }
      }, { id: `d${index}`, text: source });
      const { nan, ...result } = outcome;
      const warnings = [...logged, ...(nan ? ['the SVG has NaN in it (a value Mermaid could not compute)'] : [])];
      results.push({ index, ...result, ...(warnings.length > 0 ? { warnings } : {}) });
    }
    return results;
  } finally {
    await browser.close();
  }
}
