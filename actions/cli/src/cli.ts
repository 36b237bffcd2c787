// The `firebreak` command line: builds the commander program and registers the commands, one module
// each in commands/; what they share (IO, exit codes, usage errors, --root and --now) is in shared.ts.
import { Command, CommanderError } from 'commander';
import { productInfo } from '../../lib/src/index.ts';
import { registerExplainCommand } from './commands/explain.ts';
import { registerFollowUpsCommand } from './commands/follow-ups.ts';
import { registerInitCommand } from './commands/init.ts';
import { registerNewCommand } from './commands/new.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerRulesCommand } from './commands/rules.ts';
import { registerSiteCommand } from './commands/site.ts';
import { registerUpgradeCommand } from './commands/upgrade.ts';
import { registerValidateCommand } from './commands/validate.ts';
import { EXIT, UsageError, type CliIO, type CommandContext } from './shared.ts';

export { EXIT, type CliIO } from './shared.ts';
export { createTerminalPrompt } from './prompt.ts';

/** The commands in the order `firebreak --help` lists them. */
const COMMANDS: readonly ((program: Command, context: CommandContext) => void)[] = [
  registerValidateCommand,
  registerReportCommand,
  registerSiteCommand,
  registerFollowUpsCommand,
  registerNewCommand,
  registerRulesCommand,
  registerExplainCommand,
  registerInitCommand,
  registerUpgradeCommand,
];

/** Runs the `firebreak` command line with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('firebreak')
    .description(
      'Incident management kept in git: validate incidents, postmortems, SLOs, runbooks and policies, and report on them.',
    )
    .version(productInfo().version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 no errors, 1 errors found, 2 usage or internal failure.\nDocs: docs/records.md (formats), docs/rules.md (rules), docs/cli.md (this command).',
    );
  const context: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  for (const register of COMMANDS) register(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`firebreak: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `firebreak: internal error: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in Firebreak; please report it.\n`,
    );
    return EXIT.usage;
  }
}
