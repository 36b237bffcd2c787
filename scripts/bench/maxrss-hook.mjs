// Fallback peak-memory probe for the benchmark when GNU time is missing: run.mjs starts each Node
// child with NODE_OPTIONS=--import=<this file's URL> and BENCH_MAXRSS_FILE; on exit the child
// appends its own peak resident set size (KiB, process.resourceUsage().maxRSS) to that file.
import { appendFileSync } from 'node:fs';

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      appendFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the measurement is lost; the child's exit is unchanged
    }
  });
}
