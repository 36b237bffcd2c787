// `firebreak explain`: the rules, one or all.
import { Option, type Command } from 'commander';
import { renderRulesMarkdown, RULES } from '../../../lib/src/index.ts';
import { UsageError, type CommandContext } from '../shared.ts';

export function registerExplainCommand(program: Command, { io }: CommandContext): void {
  program
    .command('explain')
    .description('List the validation rules, or explain one: what it checks, why, and how to fix what it reports.')
    .argument('[rule]', 'a rule id, e.g. action-item-due')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown']).default('text'))
    .action((ruleId: string | undefined, options: { format: 'text' | 'markdown' }) => {
      if (options.format === 'markdown') {
        io.stdout(renderRulesMarkdown());
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
      io.stdout(`${rule.id} (default: ${rule.defaultLevel})\n\n${rule.description}\n\n${rule.docs.trim()}\n`);
    });
}
