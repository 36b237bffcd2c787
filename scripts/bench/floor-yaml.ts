// Floor B of the benchmark: list the record files, read every one, split off the front matter of
// Markdown records and parse it (and every YAML file) with the project's own YAML reader, exactly
// as the loader does before any schema or rule runs. run.mjs bundles this file with ncc at start.
//   node <bundle> --root DIR
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFrontMatter } from '../../actions/lib/src/load/front-matter.ts';
import { parseYaml } from '../../actions/lib/src/load/yaml.ts';
import { recordFiles, rootFromArgs } from './records.mjs';

const root = rootFromArgs();
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
