// `firebreak new`: declare an incident, asking in a terminal for the values not given.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  buildCatalog,
  declareIncident,
  loadRepository,
  type DeclareField,
  type DeclareProblem,
  type DeclareValues,
} from '../../../lib/src/index.ts';
import { EXIT, nowOption, parseNow, resolveRoot, rootOption, UsageError, type CommandContext } from '../shared.ts';

export function registerNewCommand(program: Command, { io, setExitCode }: CommandContext): void {
  program
    .command('new')
    .description(
      'Declare an incident: check the values against the records and write its file, incidents/YYYY/YYYY-MM-DD-<slug>.md, with the postmortem outline its severity requires.',
    )
    .option('--title <text>', 'what customers see, in one line')
    .option('--severity <level>', 'a level of the Severities policy, e.g. SEV1')
    .option('--services <names>', 'the affected services, separated by commas')
    .option(
      '--started <time>',
      'when impact began: YYYY-MM-DD HH:MM in the Config time zone, ISO 8601 with an offset, or "now"',
    )
    .option('--commander <handle>', 'the incident commander, a person of a Team, e.g. @alice')
    .option('--summary <text>', 'what is known so far (starts the Summary section)')
    .option('--dry-run', 'print the path and the file, and write nothing')
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
In a terminal, the values not given as options are asked for. The file is never overwritten: when
it exists, nothing is written. Exit codes: 0 written (or printed), 2 a value is wrong or the file exists.

Examples:
  firebreak new
  firebreak new --title "Card payments failing" --severity SEV1 --services payments-gateway \\
                --started "2026-11-21 09:30" --commander @alice --summary "PSP timeouts in both regions."
  firebreak new --severity SEV3 --started now ... --dry-run`,
    )
    .action(
      async (options: Partial<Record<DeclareField, string>> & { dryRun?: boolean; root?: string; now?: string }) => {
        const root = resolveRoot(io, options.root);
        const now = parseNow(options.now) ?? Date.now();
        const repo = loadRepository(root);
        const catalog = buildCatalog(repo);
        const values: DeclareValues = {
          title: options.title,
          severity: options.severity,
          services: options.services,
          started: options.started,
          commander: options.commander,
          summary: options.summary,
        };
        const questions: Record<DeclareField, string> = {
          title: 'Title (what customers see, in one line): ',
          severity: `Severity (${[...catalog.known.severities].join(', ')}): `,
          services: `Affected services, separated by commas (${[...catalog.known.services].sort().slice(0, 12).join(', ')}${catalog.known.services.size > 12 ? ', ...' : ''}): `,
          started: `Impact started (YYYY-MM-DD HH:MM in ${repo.config.timezone ?? 'UTC'}, or ISO 8601 with an offset) [now]: `,
          commander: 'Incident commander (@handle of a person in a Team): ',
          summary: 'Summary, what is known so far (optional): ',
        };
        const ask = async (field: DeclareField) => {
          try {
            const answer = (await io.prompt!(questions[field])).trim();
            values[field] = field === 'started' && answer === '' ? 'now' : answer;
          } catch (error) {
            if ((error as { name?: string })?.name === 'AbortError')
              throw new UsageError('Cancelled; nothing was written.');
            throw error;
          }
        };
        const fields = Object.keys(questions) as DeclareField[];
        if (io.prompt) {
          for (const field of fields) {
            if (values[field] !== undefined) continue;
            await ask(field);
            // Each answer is checked at once, so a wrong one is asked again before the next question.
            for (let round = 0; round < 3; round++) {
              const checked = declareIncident(values, repo, catalog, { now });
              const wrong = checked.ok ? [] : checked.problems.filter((p) => p.field === field);
              if (wrong.length === 0) break;
              io.stderr(formatDeclareProblems(wrong));
              await ask(field);
            }
          }
        }
        let result = declareIncident(values, repo, catalog, { now });
        // In a terminal, only the values that are wrong are asked again, a few times.
        for (let round = 0; !result.ok && io.prompt && round < 3; round++) {
          io.stderr(formatDeclareProblems(result.problems));
          for (const field of fields) if (result.problems.some((p) => p.field === field)) await ask(field);
          result = declareIncident(values, repo, catalog, { now });
        }
        if (!result.ok) {
          io.stderr(
            `${formatDeclareProblems(result.problems)}Nothing was written.${io.prompt ? '' : ' Give the values with the options above (firebreak new --help).'}\n`,
          );
          setExitCode(EXIT.usage);
          return;
        }
        const { scaffold } = result;
        const target = path.join(root, ...scaffold.path.split('/'));
        const refuse = () => {
          io.stderr(
            `firebreak: ${scaffold.path} already exists, and firebreak new never overwrites a file. Nothing was written.\nIf it is this incident, edit that file; otherwise give a title that says what is different.\n`,
          );
          setExitCode(EXIT.usage);
        };
        if (existsSync(target)) return refuse();
        if (options.dryRun) {
          io.stdout(`Would create ${scaffold.path} (${scaffold.id}, ${scaffold.severity}):\n\n${scaffold.text}`);
          return;
        }
        mkdirSync(path.dirname(target), { recursive: true });
        try {
          writeFileSync(target, scaffold.text, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') return refuse();
          throw error;
        }
        io.stdout(declaredNextSteps(scaffold));
      },
    );
}

/** The problems of a declaration, for the terminal: field, what is wrong, how to fix it. */
function formatDeclareProblems(problems: readonly DeclareProblem[]): string {
  const lines = [`firebreak: ${problems.length === 1 ? 'one value needs' : `${problems.length} values need`} fixing:`];
  for (const p of problems) lines.push(`  ${p.label}: ${p.message}`, `    fix: ${p.hint}`);
  return `${lines.join('\n')}\n`;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function declaredNextSteps(scaffold: { id: string; path: string; severity: string; rolesToName: string[] }): string {
  const branch = `declare/${scaffold.id.toLowerCase()}`;
  const steps = [
    ...(scaffold.rolesToName.length
      ? [
          `Name the roles ${scaffold.severity} requires besides the commander (${scaffold.rolesToName.join(', ')}) under roles: in the front matter.`,
        ]
      : []),
    `Commit it on a branch and open a pull request:\n       git switch -c ${branch}\n       git add ${shellQuote(scaffold.path)}\n       git commit -m "Declare ${scaffold.id}"\n       git push -u origin ${branch}`,
    `Check it as CI will: firebreak validate ${shellQuote(scaffold.path)}`,
    'As the incident goes on, update status, the timestamps and the timeline; write the postmortem in the same file.',
  ];
  return `Created ${scaffold.path}: ${scaffold.id}, ${scaffold.severity}, investigating.\n\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}\n`;
}
