// Writes docs/rules.md from the rule sources (each rule's <id>.ts and <id>.md), without a build:
// vitest's own module loader (the one the tests run with) imports the TypeScript directly. `npm run docs`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = await createVitest('test', { root, watch: false });
try {
  const { renderRulesMarkdown, RULES } = await vitest.import(path.join(root, 'actions/lib/src/index.ts'));
  const { readRuleDocs } = await vitest.import(path.join(root, 'actions/lib/src/rules/docs-source.ts'));
  writeFileSync(path.join(root, 'docs/rules.md'), renderRulesMarkdown(RULES, readRuleDocs));
} finally {
  await vitest.close();
}
