// Writes docs/rules.md from the rule sources, without a build: vitest's own module loader (the one
// the tests run with) imports the TypeScript directly. `npm run docs`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = await createVitest('test', { root, watch: false });
try {
  const { renderRulesMarkdown } = await vitest.import(path.join(root, 'actions/lib/src/format/rules-doc.ts'));
  writeFileSync(path.join(root, 'docs/rules.md'), renderRulesMarkdown());
} finally {
  await vitest.close();
}
