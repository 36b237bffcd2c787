// `firebreak explain`: the rules, one or all. The docs come from docs/rules.md, which a release ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { productInfo, ruleDocsIn, RULES } from '../../../lib/src/index.ts';
import { UsageError, type CommandContext } from '../shared.ts';

export function registerExplainCommand(program: Command, { io }: CommandContext): void {
  program
    .command('explain')
    .description('List the validation rules, or explain one: what it checks, why, and how to fix what it reports.')
    .argument('[rule]', 'a rule id, e.g. action-item-due')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown']).default('text'))
    .action((ruleId: string | undefined, options: { format: 'text' | 'markdown' }) => {
      if (options.format === 'markdown') {
        io.stdout(readRulesMarkdown());
        return;
      }
      if (!ruleId) {
        const width = Math.max(...RULES.map((r) => r.id.length));
        io.stdout(
          RULES.map((r) => `${r.id.padEnd(width)}  ${r.defaultLevel.padEnd(7)}  ${r.description}`).join('\n') + '\n',
        );
        return;
      }
      const rule = RULES.find((r) => r.id === ruleId);
      if (!rule) throw new UsageError(`There is no rule "${ruleId}". Run "firebreak explain" for the list.`);
      const docs = ruleDocsIn(readRulesMarkdown(), RULES, rule.id);
      if (docs === undefined)
        throw new UsageError(
          `The rules' docs of this installation (docs/rules.md) have no section for ${rule.id}: they belong to another version of firebreak. Reinstall firebreak.`,
        );
      io.stdout(`${rule.id} (default: ${rule.defaultLevel})\n\n${rule.description}\n\n${docs}\n`);
    });
}

function readRulesMarkdown(): string {
  const file = path.join(productInfo().root, 'docs', 'rules.md');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const why = (error as Error).message;
    throw new UsageError(`Cannot read ${file} (${why}): this installation is incomplete. Reinstall firebreak.`, {
      cause: error,
    });
  }
}
