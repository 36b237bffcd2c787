// The files `firebreak init` writes into a team's repository, besides the workflows
// (workflows.ts) and the issue form (form-template.ts): starter policies with the team's names and
// time zone, editor settings, the markdownlint configuration, package.json, README.
import { renderIssueForm, type FormLevel } from './form-template.ts';
import { dependabotConfig, teamWorkflows, type Release } from './workflows.ts';

export interface TeamAnswers {
  /** The Team's name (lower case, dashes), e.g. payments. */
  team: string;
  /** The team lead's @handle; also its first member. */
  lead: string;
  /** Other members' @handles. */
  members: string[];
  /** IANA time zone of the Config, e.g. Europe/Berlin. */
  timezone: string;
  /** The first Service, owned by the team. */
  service: string;
}

/** The starter severity scale: the time-to-action and expert pull-in targets most SRE teams start from. */
export const STARTER_LEVELS: readonly (FormLevel & {
  roles: string[];
  timeToAction: string;
  smeAfter: string;
  cadence: string;
  deadline?: string;
})[] = [
  {
    id: 'SEV0',
    name: 'Critical',
    description: 'Down, or losing money or data, for most customers.',
    roles: ['commander', 'communications', 'scribe'],
    timeToAction: '5m',
    smeAfter: '1h',
    cadence: '30m',
    deadline: '5d',
  },
  {
    id: 'SEV1',
    name: 'Major',
    description: 'A core feature unavailable or badly degraded for many customers.',
    roles: ['commander', 'communications'],
    timeToAction: '30m',
    smeAfter: '2h',
    cadence: '1h',
    deadline: '5d',
  },
  {
    id: 'SEV2',
    name: 'Significant',
    description: 'Degraded for a subset of customers, with no workaround.',
    roles: ['commander'],
    timeToAction: '2h',
    smeAfter: '4h',
    cadence: '4h',
    deadline: '10d',
  },
  {
    id: 'SEV3',
    name: 'Minor',
    description: 'A non-critical feature slow or broken for some, with a workaround.',
    roles: ['commander'],
    timeToAction: '8h',
    smeAfter: '8h',
    cadence: '1d',
  },
];

const q = (text: string) => JSON.stringify(text);

function policies(a: TeamAnswers): Record<string, string> {
  const levels = STARTER_LEVELS.map(
    (l) => `    - id: ${l.id}
      name: ${l.name}
      description: ${q(l.description!)}
      rolesRequired: [${l.roles.join(', ')}]
      timeToAction: ${l.timeToAction}
      smeAfter: ${l.smeAfter}
      communicationCadence: ${l.cadence}
      postmortem: ${l.deadline ? `{ required: true, deadline: ${l.deadline} }` : '{ required: false }'}`,
  );
  const withPostmortem = STARTER_LEVELS.filter((l) => l.deadline).map((l) => l.id);
  const all = STARTER_LEVELS.map((l) => l.id);
  const members = [a.lead, ...a.members.filter((m) => m.toLowerCase() !== a.lead.toLowerCase())];
  return {
    'policies/config.yaml': `# Repository-wide settings: the time zone reports, deadlines and local times are read in.
apiVersion: firebreak/v1
kind: Config
metadata:
  name: firebreak
spec:
  timezone: ${a.timezone}
  # Per-rule levels (error | warning | off); firebreak explain lists the rules.
  rules: {}
`,
    'policies/severities.yaml': `# The severity scale, most severe first. timeToAction counts from started to acknowledged.
# Change it freely; the incident form (.github/ISSUE_TEMPLATE/) must list the same ids.
apiVersion: firebreak/v1
kind: Severities
metadata:
  name: default
spec:
  levels:
${levels.join('\n')}
`,
    'policies/teams.yaml': `# Teams and their members. A person is known to Firebreak (may command incidents, own action
# items and declare incidents) when their handle is a member of some Team.
apiVersion: firebreak/v1
kind: Team
metadata:
  name: ${a.team}
spec:
  lead: ${q(a.lead)}
  members:
${members.map((m) => `    - handle: ${q(m)}`).join('\n')}
`,
    'policies/services.yaml': `# The services incidents can affect. Add one document per service, separated by ---.
apiVersion: firebreak/v1
kind: Service
metadata:
  name: ${a.service}
spec:
  owner: ${a.team}
  tier: 1
`,
    'policies/postmortems.yaml': `# Which postmortem sections each severity needs, and which severities need action items.
apiVersion: firebreak/v1
kind: PostmortemPolicy
metadata:
  name: default
spec:
  sections:
    - title: Summary
      requiredFor: [${all.join(', ')}]
    - title: Customer Impact
      aliases: [Impact]
      requiredFor: [${withPostmortem.join(', ')}]
    - title: Timeline
      requiredFor: [${all.join(', ')}]
    - title: Contributing Factors
      aliases: [Root Cause]
      requiredFor: [${withPostmortem.join(', ')}]
    - title: What Went Well
    - title: Action Items
      requiredFor: [${withPostmortem.join(', ')}]
    - title: Lessons Learned
      aliases: [Lessons]
  actionItemsRequiredFor: [${withPostmortem.join(', ')}]
`,
    'policies/follow-ups.yaml': `# How long action items may take per priority, and when their issues remind and escalate.
apiVersion: firebreak/v1
kind: FollowUpPolicy
metadata:
  name: default
spec:
  track: due-soon
  trackWithin: 5d
  priorities:
    - id: P0
      description: Prevents a repeat of a SEV0/SEV1.
      maxDays: 14
      remindBefore: 3d
      escalateAfter: 2d
    - id: P1
      description: Shortens detection or mitigation, or removes a contributing factor.
      maxDays: 30
      remindBefore: 5d
      escalateAfter: 3d
    - id: P2
      description: Hardening, tests, dashboards and runbooks.
      maxDays: 60
      remindBefore: 7d
      escalateAfter: 7d
`,
  };
}

/** The markdownlint-cli2 a team's repository runs (`npm run lint:markdown`): the one Firebreak's tests pass with. */
export const MARKDOWNLINT_CLI2_VERSION = '^0.22.1';

/** markdownlint-cli2's configuration under which postmortems and runbooks as Firebreak writes them pass. */
export const MARKDOWNLINT_CONFIG = `// markdownlint-cli2 for incidents and runbooks (npx markdownlint-cli2). Every rule at its default
// except where records differ from prose documents on purpose:
// - MD013 line length: table rows and timeline entries are long by nature.
// - MD060 table column style: nobody realigns a table while an incident is going on.
// - MD025 single H1: a runbook's title is in its front matter and its body may start with an H1.
// - MD031 blank lines around fences: commands inside list steps are written tight.
{
  "config": {
    "default": true,
    "MD013": false,
    "MD060": false,
    "MD025": { "front_matter_title": "" },
    "MD031": { "list_items": false }
  },
  "globs": ["incidents/**/*.md", "runbooks/**/*.md"],
  "ignores": ["node_modules/**"],
  "noProgress": true
}
`;

const SCHEMAS = 'node_modules/firebreak/schemas';

/** The problem matcher's pattern for `firebreak validate --format github` lines (exported for its test). */
export const TASK_PROBLEM_PATTERN =
  '^::(error|warning) file=([^,]+),line=(\\d+),col=(\\d+)(?:,endColumn=\\d+)?,title=firebreak ([a-z-]+)::(.*)$';

/**
 * VS Code settings. yaml.schemas applies a schema to every document of a file (a
 * "# yaml-language-server: $schema=" line reaches only the first one), so each policy in
 * teams.yaml is checked as you type. Front matter is not YAML to the YAML extension: the
 * "firebreak: validate" task puts the CLI's findings, front matter included, in the Problems view.
 */
export function editorSettings(): Record<string, string> {
  const settings = {
    'yaml.schemas': {
      [`${SCHEMAS}/firebreak-v1.schema.json`]: ['policies/**/*.yaml', 'policies/**/*.yml'],
      [`${SCHEMAS}/openslo-v1.schema.json`]: ['slos/**/*.yaml', 'slos/**/*.yml'],
    },
    'yaml.validate': true,
    'yaml.completion': true,
    '[yaml]': { 'editor.insertSpaces': true, 'editor.tabSize': 2, 'editor.detectIndentation': false },
    '[markdown]': { 'editor.insertSpaces': true },
    'markdownlint.configFile': '.markdownlint-cli2.jsonc',
  };
  const tasks = {
    version: '2.0.0',
    tasks: [
      {
        label: 'firebreak: validate',
        detail: 'Every record, front matter included, with the same rules as CI; problems go to the Problems view.',
        type: 'shell',
        command: 'npx --no-install firebreak validate --format github',
        group: { kind: 'test', isDefault: true },
        presentation: { reveal: 'silent', clear: true },
        // One line per problem (the annotations format), so every problem is matched, with its rule as the code.
        problemMatcher: {
          owner: 'firebreak',
          fileLocation: ['relative', '${workspaceFolder}'],
          pattern: { regexp: TASK_PROBLEM_PATTERN, severity: 1, file: 2, line: 3, column: 4, code: 5, message: 6 },
        },
      },
    ],
  };
  const extensions = { recommendations: ['redhat.vscode-yaml', 'DavidAnson.vscode-markdownlint'] };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    '.vscode/settings.json': json(settings),
    '.vscode/tasks.json': json(tasks),
    '.vscode/extensions.json': json(extensions),
  };
}

export interface InitInput {
  answers: TeamAnswers;
  release: Release;
  /** The package.json dependency spec of the CLI; default github:<repository>#v<version>. */
  packageSpec?: string;
  /** The repository's name, for package.json and the README. */
  name: string;
  /**
   * What the repository's own records already say, when it has them (a second run, a template
   * copy): the incident form is generated from these instead of the starter policies.
   */
  existing?: { levels?: readonly FormLevel[]; timezone?: string };
}

export const packageSpecFor = (release: Release) => `github:${release.repository}#v${release.version}`;

/** Every file init writes, by repository-relative path. Same input, same bytes. */
export function initFiles(input: InitInput): Record<string, string> {
  const { answers, release, name } = input;
  const spec = input.packageSpec ?? packageSpecFor(release);
  const pkg = {
    name:
      name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[._-]+/, '') || 'incidents',
    private: true,
    description: `Incidents, postmortems, SLOs, runbooks and on-call policies of ${answers.team}, kept in git with Firebreak.`,
    scripts: {
      validate: 'firebreak validate',
      report: 'firebreak report',
      new: 'firebreak new',
      'lint:markdown': 'markdownlint-cli2',
    },
    devDependencies: { firebreak: spec, 'markdownlint-cli2': MARKDOWNLINT_CLI2_VERSION },
  };
  return {
    ...policies(answers),
    ...teamWorkflows(release),
    '.github/ISSUE_TEMPLATE/declare-incident.yml': renderIssueForm({
      levels: input.existing?.levels?.length ? input.existing.levels : STARTER_LEVELS,
      timezone: input.existing?.timezone ?? answers.timezone,
    }),
    '.github/dependabot.yml': dependabotConfig(release),
    ...editorSettings(),
    '.markdownlint-cli2.jsonc': MARKDOWNLINT_CONFIG,
    '.editorconfig': `root = true\n\n[*]\nend_of_line = lf\ninsert_final_newline = true\ncharset = utf-8\n\n[*.{yaml,yml,md,json,jsonc}]\nindent_style = space\nindent_size = 2\n`,
    '.gitignore': 'node_modules/\n.firebreak-cache/\n',
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'incidents/README.md': `# Incidents\n\nOne file per incident, \`incidents/YYYY/YYYY-MM-DD-<slug>.md\`: declare with the issue form or \`npx firebreak new\`.\n`,
    'runbooks/README.md': `# Runbooks\n\nOne file per runbook, \`runbooks/<id>.md\`, with front matter (id, title, services, owner, last_reviewed, review_every).\n`,
    'slos/README.md': `# SLOs\n\nOpenSLO v1 files (\`apiVersion: openslo/v1\`): SLO, SLI, Service, AlertPolicy ... documents.\n`,
    'README.md': teamReadme(input, spec),
  };
}

function teamReadme({ answers, release, name }: InitInput, spec: string): string {
  return `# ${name}

Incidents, postmortems, SLOs, runbooks and on-call policies of the ${answers.team} team, kept in git
with [Firebreak](https://github.com/${release.repository}) v${release.version}. Times are in ${answers.timezone}.

## Every day

| to | do |
|---|---|
| declare an incident | open an issue with **Declare an incident**, or run \`npx firebreak new\` |
| write the postmortem | edit the incident's file in its pull request; the Validate check and the review comment say what is missing |
| check before pushing | \`npm run validate\` (the same rules as CI) and \`npm run lint:markdown\` |
| see the numbers | \`npx firebreak report\`, and the weekly *Reliability report* issue |

## Where things are

| what | where |
|---|---|
| incidents and postmortems | \`incidents/YYYY/YYYY-MM-DD-<slug>.md\` |
| runbooks | \`runbooks/<id>.md\` |
| SLOs (OpenSLO v1) | \`slos/*.yaml\` |
| severities, teams, services, postmortem and follow-up policies, time zone | \`policies/*.yaml\` |
| the workflows, the incident form, Dependabot | \`.github/\` |
| editor settings (schemas for every YAML document, a validate task) | \`.vscode/\` |

## Keeping Firebreak current

The workflows pin Firebreak's actions by commit SHA and \`package.json\` pins the command
(\`${spec}\`). Dependabot opens one pull request per release that updates both; its
Validate check runs the new release on these records. Without Dependabot, \`npx firebreak upgrade\`
makes the same change. Read the release notes (CHANGELOG.md of Firebreak) before merging a major version.

## Setting up (once)

1. \`npm install\`, then commit \`package-lock.json\`.
2. Push to GitHub; the *Labels* workflow creates the labels the incident form and the follow-ups use.
3. Settings → Actions → General: allow GitHub Actions to create pull requests (declare and follow-ups open them).
`;
}
