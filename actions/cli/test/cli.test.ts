import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureRepo, lineOf, replace } from '../../lib/test/repo.ts';
import { startGitHubServer } from '../../lib/testing/github-server.ts';
import { tempDir } from '../../lib/testing/temp.ts';
import { loadRepository, loadRepositoryInParallel, RULES, validateRepository } from '../../lib/src/index.ts';
import { readRuleDocs } from '../../lib/src/rules/docs-source.ts';
import { readInBackground } from '../../lib/src/load/prepare.ts';
import { runCli } from '../src/cli.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = '2026-11-21T12:00:00Z';
const INC1 = 'incidents/2026/2026-10-01-api-outage.md';
const INC2 = 'incidents/2026/2026-10-20-slow-search.md';

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { code, stdout, stderr };
}

const broken = () =>
  fixtureRepo({
    [INC1]: replace('| 2026-10-30 |', '| 2 weeks    |'),
    [INC2]: replace('commander: "@carol"', 'commander: "@karol"'),
  });

describe('firebreak validate', () => {
  it('exits 0 and says so on a valid repository', async () => {
    const { code, stdout, stderr } = await cli(['validate', '--now', NOW], fixtureRepo());
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe('No problems in 5 files.\n');
  });

  it('exits 1 in an empty repository, naming each file to create, instead of "No problems in 0 files"', async () => {
    const { code, stdout } = await cli(
      ['validate'],
      fixtureRepo(
        { 'README.md': 'Incidents of the payments team.\n' },
        path.join(PROJECT, 'actions/lib/test/fixtures/base/runbooks'),
      ),
    );
    expect(code).toBe(1);
    expect(stdout).not.toContain('No problems');
    for (const file of [
      'policies/config.yaml',
      'policies/severities.yaml',
      'policies/teams.yaml',
      'policies/postmortems.yaml',
    ])
      expect(stdout).toContain(`${file}\n`);
  });

  it('exits 1 and prints each problem grouped by file with line, rule and fix', async () => {
    const root = broken();
    const { code, stdout } = await cli(['validate', '--now', NOW], root);
    expect(code).toBe(1);
    const dueLine = lineOf(root, INC1, '2 weeks');
    const commanderLine = lineOf(root, INC2, 'commander:');
    expect(stdout).toContain(`${INC1}\n  ${dueLine}:`);
    expect(stdout).toMatch(
      new RegExp(
        `${INC2}\\n  ${commanderLine}:12 +error +Incident INC-2026-002 refers to the person "@karol", which is not defined\\.  \\[references\\]\\n +fix: Did you mean "@carol"\\?`,
      ),
    );
    expect(stdout.trimEnd().split('\n').pop()).toBe('2 errors and 0 warnings in 2 files (5 files checked).');
  });

  it('prints stable JSON', async () => {
    const root = broken();
    const { code, stdout } = await cli(['validate', '--format', 'json', '--now', NOW], root);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ errors: 2, warnings: 0, filesChecked: 5 });
    expect(Object.keys(json.diagnostics[0]).sort()).toEqual([
      'column',
      'endColumn',
      'endLine',
      'file',
      'hint',
      'line',
      'message',
      'rule',
      'severity',
    ]);
    expect(json.diagnostics.map((d: { rule: string; file: string }) => `${d.rule} ${d.file}`)).toEqual([
      `action-item-due ${INC1}`,
      `references ${INC2}`,
    ]);
  });

  it('prints workflow commands for annotations, escaping what would break them', async () => {
    const renamed = 'incidents/2026/2026-10-20-50%,slow.md';
    const root = fixtureRepo({ [INC2]: null, [renamed]: readFile(fixtureRepo(), INC2) });
    const { code, stdout } = await cli(['validate', '--format', 'github', '--now', NOW], root);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '::warning file=incidents/2026/2026-10-20-50%25%2Cslow.md,line=1,col=1,title=firebreak file-naming::The slug "50%25,slow" in incidents/2026/2026-10-20-50%25,slow.md should be lower case words joined by "-".%0AFix: For example 2026-10-20-50-slow.md\n' +
        'firebreak: 0 error(s), 1 warning(s)\n',
    );
  });

  it('limits the report to the given paths but still resolves references across the repository', async () => {
    const root = broken();
    const { code, stdout } = await cli(['validate', 'incidents/2026/2026-10-20-slow-search.md', '--now', NOW], root);
    expect(code).toBe(1);
    expect(stdout).not.toContain(INC1);
    expect(stdout).toContain('1 error and 0 warnings in 1 file (1 file checked).');
  });

  it('with --changed-since reports changed files and the records that refer to them', async () => {
    const root = fixtureRepo();
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: root,
        stdio: 'pipe',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@example.invalid',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@example.invalid',
        },
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    // Break INC1's due date (committed before, so unchanged) and change the SLO INC1 cites.
    writeFileSync(path.join(root, INC2), replace('commander: "@carol"', 'commander: "@karol"')(readFile(root, INC2)));
    let result = await cli(['validate', '--changed-since', 'HEAD', '--format', 'json', '--now', NOW], root);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual([INC2]);
    result = await cli(['validate', '--changed-since', '--upload-pack=evil', '--now', NOW], root);
    expect(result.code).toBe(2);
    result = await cli(['validate', '--changed-since', 'no-such-ref', '--now', NOW], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/firebreak: git .* failed/);
  });

  it('with --cache, re-checks only what changed and prints the same as without', async () => {
    const root = broken();
    const plain = await cli(['validate', '--now', NOW], root);
    const first = await cli(['validate', '--now', NOW, '--cache', '.cache/validate.json'], root);
    expect(first).toEqual(plain);
    writeFileSync(
      path.join(root, INC2),
      readFileSync(path.join(root, INC2), 'utf8').replace(
        '## Summary',
        '## Summary\n\nThe on-call made a human error.',
      ),
    );
    const second = await cli(['validate', '--now', NOW, '--cache', '.cache/validate.json'], root);
    expect(second).toEqual(await cli(['validate', '--now', NOW], root));
    expect(second.stdout).toContain('blameless-language');
  });

  it('exits 2 on usage errors with a message', async () => {
    const root = fixtureRepo();
    for (const args of [
      ['validate', '--format', 'xml'],
      ['validate', '--bogus'],
      ['validate', '../'],
      ['validate', 'no/such/file.md'],
      ['frobnicate'],
      ['validate', '--now', 'yesterday'],
      ['report', '--since', '2026-13-45'],
    ]) {
      const { code, stderr } = await cli(args, root);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr.length).toBeGreaterThan(10);
    }
  });

  it('has complete help for the program and each subcommand', async () => {
    const root = fixtureRepo();
    const top = await cli(['--help'], root);
    expect(top.code).toBe(0);
    for (const command of ['validate', 'report', 'explain']) expect(top.stdout).toContain(command);
    const validateHelp = await cli(['validate', '--help'], root);
    for (const flag of ['--format', '--changed-since', '--root', '--now', 'text', 'json', 'github', 'Examples'])
      expect(validateHelp.stdout).toContain(flag);
    const reportHelp = await cli(['report', '--help'], root);
    for (const flag of ['--since', '--until', '--format']) expect(reportHelp.stdout).toContain(flag);
  });
});

describe('the example repository', () => {
  it('validates with no errors and no warnings', async () => {
    const { code, stdout } = await cli(['validate', '--now', NOW], PROJECT);
    expect(stdout).toMatch(/^No problems in \d+ files\.\n$/);
    expect(Number(/\d+/.exec(stdout)![0])).toBeGreaterThanOrEqual(30);
    expect(code).toBe(0);
  });
});

describe('firebreak explain', () => {
  it('lists rules and explains one', async () => {
    const root = fixtureRepo();
    const list = await cli(['explain'], root);
    expect(list.stdout).toMatch(/^action-item-due +error +Every action item has an absolute due date/m);
    const one = await cli(['explain', 'blameless-language'], root);
    expect(one.stdout).toContain('blameless-language (default: warning)');
    expect(one.stdout).toContain(readRuleDocs({ id: 'blameless-language' }).trim());
    const next = RULES[RULES.findIndex((r) => r.id === 'blameless-language') + 1]!;
    expect(one.stdout).not.toContain(`## ${next.id}`);
    expect((await cli(['explain', 'nope'], root)).code).toBe(2);
  });
});

describe('firebreak explain in an installation without its docs', () => {
  it('says the installation is incomplete and how to mend it, not that Firebreak has a bug', () => {
    const install = tempDir('install');
    cpSync(path.join(PROJECT, 'actions/cli/dist'), path.join(install, 'actions/cli/dist'), { recursive: true });
    cpSync(path.join(PROJECT, 'package.json'), path.join(install, 'package.json'));
    const run = spawnSync(
      process.execPath,
      [path.join(install, 'actions/cli/dist/index.js'), 'explain', 'bidi-controls'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `firebreak: Cannot read ${path.join(install, 'docs', 'rules.md')} (ENOENT: no such file or directory, open '${path.join(install, 'docs', 'rules.md')}'): this installation is incomplete. Reinstall firebreak.\n`,
    );
  });
});

describe('firebreak report', () => {
  it('prints the Markdown report: headline, durations from started, time to action, postmortems, action items', async () => {
    const { code, stdout } = await cli(
      ['report', '--since', '2026-10-01', '--until', '2026-11-01', '--now', NOW],
      fixtureRepo(),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('# Reliability report: 2026-10-01 to 2026-10-31');
    expect(stdout).toContain('- **2 incidents** (0 before), 1 still open');
    expect(stdout).toContain('| SEV1 | 30m | 1 of 1 | 100% |');
    expect(stdout).toContain('1 required, 1 published (100%); of the 1 due, 1 on time (100%) and 0 overdue');
    expect(stdout).toContain('All durations are measured from `started`');
  });

  it('rounds the numbers of the JSON report once, at the edge: no floating-point noise', async () => {
    const { stdout } = await cli(['report', '--format', 'json', '--now', NOW], PROJECT);
    const numbers = stdout.match(/-?\d+\.\d+(?:e-?\d+)?/g) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.filter((n) => /(0{6,}|9{6,})\d$/.test(n))).toEqual([]);
  });

  it('prints versioned JSON for a period, and OpenMetrics', async () => {
    const { stdout } = await cli(
      ['report', '--format', 'json', '--period', 'month', '--until', '2026-11-01', '--now', NOW],
      fixtureRepo(),
    );
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      version: 1,
      window: { label: '2026-10' },
      previousWindow: { label: '2026-09' },
      incidents: { total: 2 },
    });
    const metrics = await cli(['report', '--format', 'openmetrics', '--now', NOW], fixtureRepo());
    expect(metrics.stdout).toMatch(/^# (TYPE|HELP) firebreak_/);
    expect(metrics.stdout.endsWith('# EOF\n')).toBe(true);
  });

  it('with a Prometheus that is down, says so and still prints the incident-attributed report', async () => {
    const { code, stdout, stderr } = await cli(
      ['report', '--prometheus-url', 'http://127.0.0.1:9', '--prometheus-timeout', '2000', '--now', NOW],
      fixtureRepo(),
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^firebreak: api-availability was not measured: nothing listens at http:\/\/127\.0\.0\.1:9 \(connection refused\); is Prometheus running\?\n$/,
    );
    expect(stdout).toContain('## Error budgets');
    expect(stdout).toContain('### Measured from Prometheus');
    expect(stdout).toContain('- api-availability: not measured, nothing listens at');
  });

  it('refuses contradictory or malformed windows', async () => {
    const both = await cli(['report', '--period', 'week', '--since', '2026-10-01'], fixtureRepo());
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('either --period or --since') });
    const backwards = await cli(['report', '--since', '2026-11-01', '--until', '2026-10-01'], fixtureRepo());
    expect(backwards).toMatchObject({ code: 2, stderr: expect.stringContaining('is not before --until') });
    const period = await cli(['report', '--period', 'year'], fixtureRepo());
    expect(period.code).toBe(2);
  });
});

describe('firebreak rules', () => {
  it('writes the rule files, then checks them: up to date, then stale after a hand edit', async () => {
    const root = fixtureRepo();
    const first = await cli(['rules', '--out', 'prometheus'], root);
    expect(first).toMatchObject({
      code: 0,
      stdout: 'wrote prometheus/api-availability.rules.yaml\n1 rule file(s) in prometheus.\n',
    });
    expect(readFileSync(path.join(root, 'prometheus/api-availability.rules.yaml'), 'utf8')).toMatch(
      /^# Generated by Firebreak/,
    );
    expect(await cli(['rules', '--out', 'prometheus', '--check'], root)).toMatchObject({
      code: 0,
      stdout: 'The rules in prometheus are up to date (1 file(s)).\n',
    });
    writeFileSync(
      path.join(root, 'prometheus/api-availability.rules.yaml'),
      `${readFileSync(path.join(root, 'prometheus/api-availability.rules.yaml'), 'utf8')}# edited\n`,
    );
    const stale = await cli(['rules', '--out', 'prometheus', '--check'], root);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('stale prometheus/api-availability.rules.yaml');
    expect((await cli(['rules', '--out', '../elsewhere'], root)).code).toBe(2);
  });
});

describe('firebreak rules never skips an SLO silently', () => {
  const withSlo = (name: string, edit: (text: string) => string) => ({
    [`slos/${name}.yaml`]: edit(readFileSync(path.join(FIXTURE_SLO), 'utf8'))
      .replaceAll('api-availability', name)
      .replaceAll('api-success', `${name}-sli`),
  });
  const FIXTURE_SLO = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../lib/test/fixtures/base/slos/api-availability.yaml',
  );

  it('fails, in write and check mode, for an SLO that cannot become rules or fails validation, and names the opt-out', async () => {
    const root = fixtureRepo({
      ...withSlo('datadog-slo', (t) => t.replaceAll('type: Prometheus', 'type: Datadog')),
      ...withSlo('over-one', (t) => t.replace('target: 0.999', 'target: 1.5')),
    });
    const write = await cli(['rules', '--out', 'prometheus'], root);
    expect(write.code).toBe(1);
    expect(write.stderr).toContain(
      'firebreak: slos/datadog-slo.yaml: SLO datadog-slo gets no rules: its good metric reads from Datadog, not Prometheus. Fix it, or, if it is measured elsewhere, add the annotation firebreak.dev/rules: "off".\n',
    );
    expect(write.stderr).toContain('SLO over-one gets no rules:');
    expect(write.stdout).toContain('2 SLO(s) could not become rules');
    const check = await cli(['rules', '--out', 'prometheus', '--check'], root);
    expect(check).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('are up to date (1 file(s)). 2 SLO(s) could not become rules'),
    });
  });

  it('keeps the rule file of an SLO that breaks, instead of deleting its alerts', async () => {
    const root = fixtureRepo();
    expect((await cli(['rules', '--out', 'prometheus'], root)).code).toBe(0);
    const file = path.join(root, 'prometheus/api-availability.rules.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(
      path.join(root, 'slos/api-availability.yaml'),
      readFileSync(path.join(root, 'slos/api-availability.yaml'), 'utf8').replace(
        'sum(rate(http_requests_total{job="api"}[1m]))',
        'sum(rate(http_requests_total{job="api"}[1m])',
      ),
    );
    const broken = await cli(['rules', '--out', 'prometheus'], root);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('SLO api-availability gets no rules: its total query is not valid PromQL');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await cli(['rules', '--out', 'prometheus', '--check'], root)).stdout).not.toContain('orphaned');
  });

  it('accepts an SLO that opts out with firebreak.dev/rules: "off", and writes Sloth-style {{.window}} queries', async () => {
    const root = fixtureRepo({
      ...withSlo('datadog-slo', (t) =>
        t
          .replaceAll('type: Prometheus', 'type: Datadog')
          .replace(
            '  name: api-availability\n',
            '  name: api-availability\n  annotations:\n    firebreak.dev/rules: "off"\n',
          ),
      ),
      ...withSlo('sloth-style', (t) => t.replaceAll('[1m]', '[{{.window}}]')),
    });
    const write = await cli(['rules', '--out', 'prometheus'], root);
    expect(write).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(path.join(root, 'prometheus/sloth-style.rules.yaml'), 'utf8')).toContain(
      'sum(rate(http_requests_total{job="api"}[3d]))',
    );
    expect(await cli(['rules', '--out', 'prometheus', '--check'], root)).toMatchObject({ code: 0 });
  });
});

describe('firebreak follow-ups', () => {
  it('prints the plan for the example repository without a token, writing nothing', async () => {
    const { code, stdout, stderr } = await cli(['follow-ups', '--dry-run', '--now', NOW], PROJECT);
    expect(code).toBe(0);
    expect(stderr).toBe('No GITHUB_TOKEN: planning against a repository with no tracking issues yet.\n');
    expect(stdout).toContain('Would create (INC-2026-009/AI-12): overdue since 2026-11-06');
    expect(stdout).toContain('Dry run, nothing written: 12 to create, 0 to update, 4 comments, 0 to close.');
  });

  it('matches the plan printed in the README', async () => {
    const { stdout } = await cli(['follow-ups', '--dry-run', '--now', NOW], PROJECT);
    const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
    const block = /<!-- follow-ups-plan:start -->\n```\n([\s\S]*?)```\n<!-- follow-ups-plan:end -->/.exec(readme)?.[1];
    expect(block, 'README has the follow-ups plan block').toBeDefined();
    expect(block).toBe(stdout);
  });

  it('needs a token and a repository to write', async () => {
    const noToken = await cli(['follow-ups', '--repo', 'acme/ops'], fixtureRepo());
    expect(noToken).toMatchObject({ code: 2, stderr: expect.stringContaining('Set GITHUB_TOKEN') });
    const noRepo = await cli(['follow-ups'], fixtureRepo(), { GITHUB_TOKEN: 't' });
    expect(noRepo).toMatchObject({ code: 2, stderr: expect.stringContaining('--repo owner/name') });
    const badWrites = await cli(['follow-ups', '--repo', 'acme/ops', '--max-writes', 'many'], fixtureRepo(), {
      GITHUB_TOKEN: 't',
    });
    expect(badWrites).toMatchObject({ code: 2, stderr: expect.stringContaining('--max-writes "many"') });
  });

  it('creates the tracking issues through the GitHub API, then has nothing to do', async () => {
    const server = await startGitHubServer({ repos: ['acme/ops'] });
    try {
      const root = fixtureRepo();
      const args = ['follow-ups', '--repo', 'acme/ops', '--api-url', server.url, '--now', NOW];
      const first = await cli(args, root, { GITHUB_TOKEN: 't' });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('Create (INC-2026-001/AI-2): overdue since 2026-10-30');
      expect(server.state.repo('acme/ops').issues.map((i) => i.title)).toEqual([
        '[INC-2026-001] AI-2: Alert on config load failures',
      ]);
      const second = await cli(args, root, { GITHUB_TOKEN: 't' });
      expect(second.stdout).toContain('Nothing to change');
      server.expectNoViolations();
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('the bundled CLI', () => {
  const bundle = path.join(PROJECT, 'actions/cli/dist/index.js');

  it('serves as the record reader thread, and a reader that cannot start leaves every file to the loader', async () => {
    const root = broken();
    const files = [
      'incidents/2026/2026-10-01-api-outage.md',
      INC2,
      'runbooks/api-restart.md',
      'incidents/2026/missing.md',
    ];
    const prepared = await readInBackground(root, files, pathToFileURL(bundle), 2);
    expect([...prepared.keys()].sort()).toEqual(files.slice(0, 3).sort());
    expect(prepared.get(INC2)!.text).toBe(readFile(root, INC2));
    expect(prepared.get(INC2)!.split!.yaml!.documents[0]!.data).toMatchObject({ commander: '@karol' });
    expect((await readInBackground(root, files, pathToFileURL(path.join(root, 'no-such-bundle.js')), 2)).size).toBe(0);
    const alone = validateRepository(loadRepository(root), { now: Date.parse(NOW) });
    const withoutReaders = validateRepository(
      await loadRepositoryInParallel(root, { entry: pathToFileURL(path.join(root, 'no-such-bundle.js')), threads: 3 }),
      { now: Date.parse(NOW) },
    );
    expect(withoutReaders.diagnostics).toEqual(alone.diagnostics);
  });

  it('with worker threads (--jobs), reports exactly what it reports reading alone, problems included', () => {
    const text = readFile(fixtureRepo(), INC1);
    const records: Record<string, string> = {};
    // Enough records that every thread gets some, with one kind of problem or another in many of them.
    for (let i = 0; i < 60; i++) {
      const id = `INC-2025-${100 + (i === 56 ? 49 : i)}`; // two unchanged records share an id
      let body = text.replace(/^id: .*$/m, `id: ${id}`);
      if (i % 7 === 1) body = body.replace('severity: SEV1', 'severity: [SEV1');
      if (i % 7 === 2) body = body.replace('| 2026-10-30 |', '| 2 weeks    |');
      if (i % 7 === 3) body = body.replace(/^---\n/, '---js\n');
      if (i % 7 === 4) body = body.replace('commander: "@alice"', 'commander: "@nobody"').replace(/\n/g, '\r\n');
      if (i % 7 === 5) body = `\ufeff${body}\n## Summary\n\nHuman error.\n`;
      if (i % 7 === 6) body = body.replace(/^---\n[\s\S]*?\n---\n/, '');
      records[`incidents/2025/2025-03-${String((i % 28) + 1).padStart(2, '0')}-record-${i}.md`] = body;
    }
    const root = fixtureRepo(records);
    writeFileSync(
      path.join(root, 'incidents/2025/2025-04-01-not-utf8.md'),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a]),
    );
    const run = (jobs: string, ...more: string[]) =>
      spawnSync(process.execPath, [bundle, 'validate', '--now', NOW, '--format', 'json', '--jobs', jobs, ...more], {
        cwd: root,
        encoding: 'utf8',
      });
    const alone = run('1');
    expect(alone.status).toBe(1);
    const rules = new Set(
      (JSON.parse(alone.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule),
    );
    expect([...rules]).toEqual(
      expect.arrayContaining([
        'yaml-syntax',
        'file-readable',
        'schema',
        'action-item-due',
        'references',
        'blameless-language',
        'unique-ids',
      ]),
    );
    for (const jobs of ['2', '3']) {
      const shared = run(jobs);
      expect({ status: shared.status, stderr: shared.stderr }).toEqual({ status: 1, stderr: '' });
      expect(shared.stdout).toBe(alone.stdout);
    }
    // With --cache, the full first run uses the threads too; the next one reuses what it stored.
    for (const pass of ['full', 'reused']) {
      const cached = run('3', '--cache', path.join(root, '.firebreak-cache', 'validate.json'));
      expect({ pass, status: cached.status, stderr: cached.stderr }).toEqual({ pass, status: 1, stderr: '' });
      expect(cached.stdout).toBe(alone.stdout);
    }
  });

  it('runs as an executable on the example repository with no errors', () => {
    const result = spawnSync(bundle, ['validate'], { cwd: PROJECT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^(No problems in \d+ files\.|0 errors and \d+ warnings? in \d+ files? \(\d+ files checked\)\.)$/m,
    );
    expect(result.status).toBe(0);
  });
});

function readFile(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}
