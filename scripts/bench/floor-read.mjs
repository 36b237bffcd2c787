// Floor A of the benchmark: list the record files and read every one (fs.readFileSync), nothing else.
//   node scripts/bench/floor-read.mjs --root DIR
import { readFileSync } from 'node:fs';
import { recordFiles, rootFromArgs } from './records.mjs';

const files = recordFiles(rootFromArgs());
let bytes = 0;
for (const file of files) bytes += readFileSync(file, 'utf8').length;
console.log(`read ${files.length} files, ${bytes} characters`);
