// Floor B of the benchmark: list the record files, read every one, split off the front matter of
// Markdown records and parse it (and every YAML file) with the project's own YAML reader, exactly
// as the loader does before any schema or rule runs. run.mjs bundles this file with ncc at start.
//   node <bundle> --root DIR
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readFrontMatter } from '../../actions/lib/src/load/front-matter.ts';
import { parseYaml } from '../../actions/lib/src/load/yaml.ts';

const DIRS: Array<[string, string[]]> = [
  ['incidents', ['.md']],
  ['runbooks', ['.md']],
  ['slos', ['.yaml', '.yml']],
  ['policies', ['.yaml', '.yml']],
];

function recordFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (dir: string, extensions: string[]) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const child = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(child, extensions);
      else if (entry.isFile() && extensions.some((ext) => entry.name.toLowerCase().endsWith(ext)) && !/^readme\.md$/i.test(entry.name)) files.push(child);
    }
  };
  for (const [dir, extensions] of DIRS) visit(path.join(root, dir), extensions);
  return files;
}

const argv = process.argv.slice(2);
const at = argv.indexOf('--root');
const root = path.resolve(at >= 0 ? argv[at + 1]! : (argv[0] ?? '.'));
let documents = 0;
let problems = 0;
const files = recordFiles(root);
for (const file of files) {
  const relative = path.relative(root, file);
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.md')) {
    const read = readFrontMatter(relative, text);
    problems += read.problems.length;
    if (read.result?.frontMatter) documents++;
  } else {
    const parsed = parseYaml(relative, text, { multiDocument: true });
    problems += parsed.problems.length;
    documents += parsed.documents.length;
  }
}
console.log(`parsed ${files.length} files, ${documents} YAML documents, ${problems} problems`);
