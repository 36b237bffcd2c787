// Where each rule's docs are written: `<id>.md` beside its source. Read at development time only
// (`npm run docs`, the tests); a release reads the generated docs/rules.md it ships, so this module
// is not part of the library's index and never bundled.
import { readFileSync } from 'node:fs';
import type { Rule } from './rule.ts';

export function readRuleDocs(rule: Pick<Rule, 'id'>): string {
  return readFileSync(new URL(`./${rule.id}.md`, import.meta.url), 'utf8');
}
