// Peer of the benchmark: a full CommonMark + GFM parse (unified, remark-parse, remark-gfm) of the
// body of every Markdown record, the front matter split off first. What a remark-based validator
// would pay before checking anything.
//   node scripts/bench/peer-remark.mjs --root DIR
import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { recordFiles, rootFromArgs } from './records.mjs';

const processor = unified().use(remarkParse).use(remarkGfm);
const files = recordFiles(rootFromArgs(), ['incidents', 'runbooks']);
let nodes = 0;
const count = (node) => {
  nodes++;
  for (const child of node.children ?? []) count(child);
};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const body = text.replace(/^---[^\n]*\n[\s\S]*?\n---[ \t]*(?:\n|$)/, '');
  count(processor.parse(body));
}
console.log(`parsed ${files.length} Markdown bodies, ${nodes} nodes`);
