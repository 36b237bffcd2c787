// `firebreak init`: make a team's repository, or convert a copy of the template.
// Thin: it reads options and answers, calls the library (init/, product/) and prints.
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  applyInit,
  buildCatalog,
  loadRepository,
  planInit,
  productInfo,
  type InitInput,
  type TeamAnswers,
} from '../../../lib/src/index.ts';
import { UsageError, type CommandContext } from '../shared.ts';
import { release, type ReleaseOptions } from './release.ts';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** The severity levels and time zone the records in `dir` already define, for the incident form. */
function existingPolicies(dir: string): InitInput['existing'] {
  if (!existsSync(dir)) return undefined;
  const repo = loadRepository(dir);
  const catalog = buildCatalog(repo);
  const levels = [...catalog.severities.values()].map((l) => ({ id: l.id, name: l.name, description: l.description }));
  return { levels, timezone: repo.config.timezone };
}

export function registerInitCommand(program: Command, { io }: CommandContext): void {
  program
    .command('init')
    .description(
      "Make a team's repository, or convert a copy of the template: starter policies, workflows pinned to this release, the incident form, editor and markdownlint settings, Dependabot, a README. Writes only missing files.",
    )
    .argument('[dir]', 'the repository directory (created if missing)', '.')
    .option('--team <name>', 'the Team name, lower case with dashes, e.g. payments')
    .option('--lead <handle>', "the team lead's GitHub @handle")
    .option('--members <handles>', 'other members, @handles separated by commas')
    .option('--timezone <zone>', 'the IANA time zone reports and local times use, e.g. Europe/Berlin')
    .option('--service <name>', 'the first service incidents can affect, e.g. checkout')
    .option('--repository <owner/name>', "where Firebreak's actions come from (default: this release's repository)")
    .option(
      '--upstream <git url>',
      "where to look up the release's commit (default: https://github.com/<repository>.git)",
    )
    .option('--sha <commit>', "the release's commit, instead of looking it up")
    .option('--package <spec>', 'the firebreak dependency in package.json (default: github:<repository>#v<version>)')
    .option('--dry-run', 'list what would be written, and write nothing')
    .addHelpText(
      'after',
      `
In a terminal, the values not given as options are asked for; elsewhere --lead is required and the
rest have defaults (team: the directory's name, time zone: this machine's, service: web-app).
Existing files are kept as they are, except workflows that run ./actions/<name> (a copy of the
template), which are converted to the pinned release. Running it twice changes nothing.

Examples:
  npx github:OWNER/firebreak#v0.1.0 init incidents --team payments --lead @alice --timezone Europe/Berlin
  firebreak init --dry-run`,
    )
    .action(
      async (
        dir: string,
        options: Partial<Record<'team' | 'lead' | 'members' | 'timezone' | 'service', string>> &
          ReleaseOptions & { package?: string; dryRun?: boolean },
      ) => {
        const target = path.resolve(io.cwd, dir);
        const product = productInfo();
        const repository = options.repository ?? product.repository;
        if (!REPOSITORY.test(repository)) throw new UsageError(`--repository "${repository}" is not owner/name.`);
        const base =
          path
            .basename(target)
            .toLowerCase()
            .replace(/[^a-z0-9-]+/g, '-')
            .replace(/^-+|-+$/g, '') || 'team';
        const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
        const questions = {
          team: [`Team name (lower case, dashes) [${base}]: `, base],
          lead: ['Team lead (@handle): ', undefined],
          members: ['Other members (@handles, separated by commas; optional): ', ''],
          timezone: [`Time zone (IANA, e.g. Europe/Berlin) [${machineZone}]: `, machineZone],
          service: ['First service incidents can affect [web-app]: ', 'web-app'],
        } as const;
        const values: Record<keyof typeof questions, string | undefined> = {
          team: options.team,
          lead: options.lead,
          members: options.members,
          timezone: options.timezone,
          service: options.service,
        };
        for (const key of Object.keys(questions) as (keyof typeof questions)[]) {
          if (values[key] !== undefined) continue;
          const [question, fallback] = questions[key];
          const answer = io.prompt ? (await io.prompt(question)).trim() : '';
          values[key] = answer || fallback;
        }
        const problems: string[] = [];
        if (!values.lead) problems.push("--lead: give the team lead's @handle, e.g. --lead @alice");
        else if (!HANDLE.test(values.lead))
          problems.push(`--lead "${values.lead}" is not a GitHub @handle such as @alice.`);
        const members = (values.members ?? '')
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean);
        for (const m of members)
          if (!HANDLE.test(m)) problems.push(`--members: "${m}" is not a GitHub @handle such as @bob.`);
        if (!NAME.test(values.team!))
          problems.push(`--team "${values.team}": use lower case letters, digits and dashes, e.g. payments.`);
        if (!NAME.test(values.service!))
          problems.push(`--service "${values.service}": use lower case letters, digits and dashes, e.g. checkout.`);
        if (!validTimeZone(values.timezone!))
          problems.push(`--timezone "${values.timezone}" is not an IANA time zone such as Europe/Berlin or UTC.`);
        if (problems.length) throw new UsageError(`${problems.join('\n  ')}\nNothing was written.`);
        const answers: TeamAnswers = {
          team: values.team!,
          lead: values.lead!,
          members,
          timezone: values.timezone!,
          service: values.service!,
        };
        const pinned = release(options, repository, product.version);
        const input: InitInput = {
          answers,
          release: { repository, ...pinned },
          packageSpec: options.package,
          name: path.basename(target),
          existing: existingPolicies(target),
        };
        if (options.dryRun) {
          const plan = planInit(target, input);
          io.stdout(
            plan
              .map(
                (s) =>
                  `${s.outcome === 'created' ? 'would create ' : s.outcome === 'converted' ? 'would convert' : 'would keep   '} ${s.path}`,
              )
              .join('\n') + '\n',
          );
          return;
        }
        mkdirSync(target, { recursive: true });
        const result = applyInit(realpathSync(target), input);
        const created = result.files.filter((f) => f.outcome === 'created');
        const converted = result.files.filter((f) => f.outcome === 'converted');
        for (const f of [...created, ...converted])
          io.stdout(`${f.outcome === 'created' ? 'created  ' : 'converted'} ${f.path}\n`);
        const kept = result.files.length - created.length - converted.length;
        if (created.length + converted.length === 0) {
          io.stdout(`Nothing to do: all ${kept} files exist already (Firebreak v${pinned.version}).\n`);
          return;
        }
        const rel = path.relative(io.cwd, target) || '.';
        io.stdout(`
${created.length} created, ${converted.length} converted, ${kept} kept as they were. Actions pinned to ${repository} v${pinned.version} (${pinned.sha.slice(0, 12)}).
`);
        if (kept > 0) {
          io.stdout(
            `\nNext: npx firebreak validate, then commit what was ${converted.length ? 'created and converted' : 'created'}.\n`,
          );
          return;
        }
        io.stdout(`
Next steps:
  1. ${rel === '.' ? '' : `cd ${rel} && `}npm install   (then commit package-lock.json)
  2. npx firebreak validate   (it should print "No problems")
  3. git init, commit, and push to GitHub; the Labels workflow creates the labels on that push.
  4. Settings → Actions → General: allow GitHub Actions to create pull requests.
Read docs/adopting.md of Firebreak for the rest.
`);
      },
    );
}
