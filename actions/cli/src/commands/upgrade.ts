// `firebreak upgrade`: move a team's repository to another Firebreak release.
// Thin: it reads options, calls the library (upgrade/, product/) and prints.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { applyUpgrade, pinnedRepository, planUpgrade, productInfo, UpgradeError } from '../../../lib/src/index.ts';
import { UsageError, type CommandContext } from '../shared.ts';
import { release, type ReleaseOptions } from './release.ts';

export function registerUpgradeCommand(program: Command, { io }: CommandContext): void {
  program
    .command('upgrade')
    .description(
      'Move this repository to another Firebreak release: the pinned actions in the workflows and the firebreak dependency in package.json, plus record migrations of a major version.',
    )
    .option('--to <version>', 'the release to move to, e.g. 0.2.0 (default: the newest)')
    .option('--repository <owner/name>', "where Firebreak's actions come from (default: as the workflows pin them)")
    .option('--upstream <git url>', 'where to look up releases (default: https://github.com/<repository>.git)')
    .option('--sha <commit>', "the release's commit, instead of looking it up (with --to)")
    .option('--dry-run', 'print the change and write nothing')
    .option('-C, --root <dir>', 'repository root (default: the current directory)')
    .addHelpText(
      'after',
      `
Only the lines that pin Firebreak change; records are rewritten only by the migration of a major
version, which is listed first. Dependabot makes the same change as a pull request.

Examples:
  firebreak upgrade --dry-run
  firebreak upgrade --to 0.2.0`,
    )
    .action(async (options: ReleaseOptions & { to?: string; dryRun?: boolean; root?: string }) => {
      const root = path.resolve(io.cwd, options.root ?? '.');
      if (!existsSync(root)) throw new UsageError(`The repository root ${root} does not exist.`);
      if (options.to !== undefined && !/^v?\d+\.\d+\.\d+$/.test(options.to))
        throw new UsageError(`--to "${options.to}" is not a version such as 0.2.0.`);
      const repository = options.repository ?? pinnedRepository(root) ?? productInfo().repository;
      const target = release(options, repository, options.to?.replace(/^v/, ''));
      let plan;
      try {
        plan = planUpgrade(root, repository, target);
      } catch (error) {
        if (error instanceof UpgradeError) throw new UsageError(error.message);
        throw error;
      }
      if (plan.changes.length === 0 && plan.migrations.length === 0) {
        io.stdout(`Already on ${repository} v${plan.to}: nothing to change.\n`);
        return;
      }
      const lines = [
        `${options.dryRun ? 'Would upgrade' : 'Upgrading'} ${repository} from ${plan.from ? `v${plan.from}` : 'an unknown version'} to v${plan.to} (${target.sha.slice(0, 12)}).`,
      ];
      for (const m of plan.migrations) lines.push(`  migration to v${m.major}: ${m.description}`);
      for (const c of plan.changes) {
        lines.push(`  ${c.file}`);
        for (const e of c.edits) lines.push(`    ${e.line}: ${e.after}`);
      }
      if (!options.dryRun) {
        applyUpgrade(root, plan);
        lines.push(
          '',
          'Next: npm install (updates package-lock.json), npx firebreak validate, then commit and open a pull request:',
          'its Validate check runs the new release on your records. Read the release notes in CHANGELOG.md first.',
        );
      }
      io.stdout(`${lines.join('\n')}\n`);
    });
}
