// The benchmark for the live action: the time from the event to the commit of the record, for one
// command and for a 300-comment incident, the action started as the runner starts it (bundled,
// Node 24) against the local GitHub server (test infrastructure, checked against GitHub's OpenAPI
// description). Run it under Node 24, which runs TypeScript:
//
//   .cache/node24/bin/node --experimental-transform-types scripts/bench/live.ts [--runs 5] [--out scripts/bench/results/live.json]
//
// Needs the bundle: npm run build. Each figure is the median of --runs runs; each run declares a fresh
// incident, posts the comments, then starts the action for an issue_comment event and stops the
// clock when the commit lands on the declaration branch (polled every 2 ms). The whole log is read
// at every run, so the 300-comment figure is what every later event costs on a busy incident.
import { writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createOctokitPort } from '../../actions/lib/src/github/octokit.ts';
import { startGitHubServer, type GitHubServer } from '../../actions/lib/testing/github-server.ts';
import { declareSeeded, seedDeclarationIssue } from '../../actions/lib/testing/live-incident.ts';
import { seedRecords } from '../../actions/lib/testing/seed.ts';
import { runAction } from '../../actions/lib/testing/runner.ts';
import { copyExample, PROJECT, RECORD_DIRS } from '../../actions/lib/testing/workspace.ts';

const REPO = 'acme/incidents';
const ENTRY = path.join(PROJECT, 'actions/live/dist/index.js');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const RUNS = Number(option('runs', '5'));
const OUT = option('out', '');

async function once(comments: number): Promise<{ toCommit: number; toExit: number; writes: number }> {
  let clock = Date.parse('2026-11-21T08:30:00Z');
  const workspace = copyExample('bench-live', [...RECORD_DIRS, 'schemas']);
  const server: GitHubServer = await startGitHubServer({ repos: [REPO], now: () => new Date(clock) });
  try {
    seedRecords(server, REPO, workspace);
    const issue = seedDeclarationIssue(server, REPO);
    clock += 60_000;
    const port = createOctokitPort({ token: 't', repository: REPO, baseUrl: server.url, writeIntervalMs: 0 });
    const declared = await declareSeeded(port, workspace, issue, clock);
    const people = ['tnowak', 'amelie-roux', 'ines-garcia', 'kofimensah'];
    let last = 0;
    for (let i = 0; i < comments; i++) {
      clock += 10_000;
      const text =
        comments === 1
          ? '/ack'
          : i % 10 === 0
            ? '/ack'
            : i % 7 === 0
              ? `/update Step ${i}`
              : i % 3 === 0
                ? `/timeline Step ${i}`
                : `chatter ${i}`;
      last = server.seedComment(REPO, issue.number, { body: text, user: people[i % people.length]! }).id;
    }
    const head = server.state.repo(REPO).branches.get(declared.branch);
    const before = server.requests.length;
    let committedAt: number | undefined;
    const start = performance.now();
    const result = await runAction({
      entry: ENTRY,
      workspace,
      repository: REPO,
      apiUrl: server.url,
      token: 'bench',
      inputs: { now: new Date(clock + 30_000).toISOString() },
      event: {
        name: 'issue_comment',
        payload: {
          action: 'created',
          issue: { number: issue.number, labels: [{ name: 'incident' }] },
          comment: { id: last, user: { login: 'tnowak', type: 'User' } },
          repository: { full_name: REPO, default_branch: 'main' },
        },
      },
      env: { FIREBREAK_WRITE_INTERVAL_MS: '0' },
      killWhen: () => {
        if (committedAt === undefined && server.state.repo(REPO).branches.get(declared.branch) !== head)
          committedAt = performance.now();
        return false;
      },
    });
    const end = performance.now();
    if (result.exitCode !== 0 || committedAt === undefined)
      throw new Error(`the action did not commit (exit ${result.exitCode}): ${result.stdout}${result.stderr}`);
    server.expectNoViolations();
    return {
      toCommit: committedAt - start,
      toExit: end - start,
      writes: server.requests.slice(before).filter((r) => r.method !== 'GET').length,
    };
  } finally {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

const figures: Record<string, { toCommitMs: number; toExitMs: number; writes: number; runs: number[] }> = {};
for (const [label, comments] of [
  ['one command', 1],
  ['300-comment log', 300],
] as const) {
  const runs: { toCommit: number; toExit: number; writes: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(comments));
  figures[label] = {
    toCommitMs: Math.round(median(runs.map((r) => r.toCommit))),
    toExitMs: Math.round(median(runs.map((r) => r.toExit))),
    writes: Math.max(...runs.map((r) => r.writes)),
    runs: runs.map((r) => Math.round(r.toCommit)),
  };
}

const lines = [
  '| log | event to commit (median) | event to exit (median) | writes | runs (ms to commit) |',
  '|---|---|---|---|---|',
  ...Object.entries(figures).map(
    ([label, f]) => `| ${label} | ${f.toCommitMs} ms | ${f.toExitMs} ms | ${f.writes} | ${f.runs.join(', ')} |`,
  ),
];
console.log(lines.join('\n'));
console.log(`\n${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${RUNS} runs each.`);
if (OUT)
  writeFileSync(
    OUT,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, runs: RUNS, figures }, null, 2)}\n`,
  );
