import matter from 'gray-matter';
import { FileProblem } from './read-file.ts';
import { parseYaml, type YamlDocument } from './yaml.ts';

export interface FrontMatterFile {
  /** The front matter, or undefined when the file has none. */
  frontMatter?: YamlDocument;
  /** The Markdown after the front matter. */
  body: string;
  /** File line number of the body's first line. */
  bodyLine: number;
}

const refuse = (language: string) => () => {
  throw new FileProblem('', `front matter in "${language}" is not read; only YAML front matter is.`);
};

/**
 * Every language gray-matter knows other than YAML throws, so `---js` is never evaluated.
 * The YAML engine only hands the text back: our own parser reads it with positions.
 */
const ENGINES = {
  yaml: { parse: (text: string) => ({ text }) },
  javascript: { parse: refuse('javascript') },
  js: { parse: refuse('js') },
  json: { parse: refuse('json') },
  coffee: { parse: refuse('coffee') },
};

/**
 * Splits a Markdown record into front matter and body. `text` has LF line endings and no BOM.
 * The language after the opening `---` is checked before gray-matter sees the text.
 */
export function readFrontMatter(file: string, text: string): { result?: FrontMatterFile; problems: FileProblem[] } {
  const split = splitFrontMatter(file, text);
  if (!split.result) return { problems: split.problems };
  const { matter, body, bodyLine } = split.result;
  if (matter === undefined) return { result: { body, bodyLine }, problems: [] };
  // The raw block starts with the rest of line 1, so its line N is the file's line N.
  const { documents, problems } = parseYaml(file, matter, FRONT_MATTER_YAML(file));
  return { result: { frontMatter: documents[0], body, bodyLine }, problems };
}

/** How front matter is parsed (restoreYaml needs the same options). */
export const FRONT_MATTER_YAML = (file: string) => ({
  multiDocument: false,
  firstLine: 1,
  what: `the front matter of ${file}`,
});

/** The raw front matter (undefined when the file has none) and the body, before any YAML is parsed. */
export function splitFrontMatter(
  file: string,
  text: string,
): { result?: { matter?: string; body: string; bodyLine: number }; problems: FileProblem[] } {
  if (!/^---[ \t]*(?:yaml|yml)?[ \t]*\n/.test(text) && !/^---[ \t]*$/.test(text)) {
    const language = /^---([^\n-][^\n]*)\n/.exec(text)?.[1]?.trim();
    if (language) {
      return {
        problems: [
          new FileProblem(
            file,
            `${file} declares its front matter as "${language.slice(0, 40)}"; only YAML front matter is read, and nothing in it was run.`,
            'Start the file with a line of exactly "---" and write the front matter in YAML.',
            1,
            4,
          ),
        ],
      };
    }
    return { result: { body: text, bodyLine: 1 }, problems: [] };
  }
  // gray-matter caches results when called without options and shares the cached object: always pass options.
  const options = { engines: ENGINES, language: 'yaml' } as unknown as Parameters<typeof matter>[1];
  const parsed = matter(text, options);
  const consumed = text.length - parsed.content.length;
  const bodyLine = countLines(text, consumed);
  if (!hasClosingDelimiter(text)) {
    return {
      problems: [
        new FileProblem(
          file,
          `${file} opens front matter with "---" on line 1 but never closes it.`,
          'Add a line of exactly "---" after the last front-matter field.',
          1,
          1,
        ),
      ],
    };
  }
  return { result: { matter: parsed.matter ?? '', body: parsed.content, bodyLine }, problems: [] };
}

function hasClosingDelimiter(text: string): boolean {
  return /\n---[ \t]*(?:\n|$)/.test(text.slice(3));
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
