// The follow-ups action: reads its inputs, runs the library's reconciliation, writes outputs and
// the job summary. Nothing else lives here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import {
  createDryRunPort,
  createOctokitPort,
  DEFAULT_IDENTITY,
  DEFAULT_MAX_WRITES,
  formatFollowUpsMarkdown,
  formatFollowUpsText,
  runFollowUps,
} from '../../lib/src/index.ts';

export async function run(): Promise<void> {
  try {
    const env = process.env;
    const dryRun = core.getBooleanInput('dry-run');
    const token = core.getInput('token');
    const repository = env.GITHUB_REPOSITORY ?? '';
    const maxWrites = positiveInteger('max-writes', core.getInput('max-writes') || String(DEFAULT_MAX_WRITES));
    const now = core.getInput('now') ? Date.parse(core.getInput('now')) : Date.now();
    if (Number.isNaN(now)) throw new Error(`The now input "${core.getInput('now')}" is not an ISO 8601 time.`);
    if (!token && !dryRun)
      throw new Error(
        'The token input is empty: give it ${{ github.token }} (the default) or a GitHub App token with issues, contents and pull-requests write permission.',
      );
    const interval = env.FIREBREAK_WRITE_INTERVAL_MS ? Number(env.FIREBREAK_WRITE_INTERVAL_MS) : undefined;
    const real = token
      ? createOctokitPort({ token, repository, baseUrl: env.GITHUB_API_URL, writeIntervalMs: interval, log: core.info })
      : undefined;
    const report = await runFollowUps({
      root: path.resolve(env.GITHUB_WORKSPACE ?? '.', core.getInput('root') || '.'),
      now,
      port: real ?? createDryRunPort(),
      repository,
      commit: env.GITHUB_SHA ?? 'HEAD',
      baseBranch: core.getInput('base-branch') || defaultBranch(env),
      identity: core.getInput('identity') || DEFAULT_IDENTITY,
      maxWrites,
      serverUrl: env.GITHUB_SERVER_URL,
      dryRun,
      log: core.info,
    });
    core.info(formatFollowUpsText(report));
    const count = (...kinds: string[]) =>
      String(report.result.applied.filter((a) => kinds.includes(a.change.kind)).length);
    core.setOutput('created', dryRun ? '0' : count('create'));
    core.setOutput('updated', dryRun ? '0' : count('update', 'reopen', 'comment'));
    core.setOutput('closed', dryRun ? '0' : count('close', 'close-duplicate'));
    core.setOutput('writes', dryRun ? '0' : String(report.result.writes));
    core.setOutput('deferred', String(report.result.deferred.length));
    core.setOutput('pull-request', dryRun ? '' : (report.result.markDone?.url ?? ''));
    core.setOutput(
      'plan',
      JSON.stringify(
        report.plan.changes.map((c) => ({
          kind: c.kind,
          id: c.id,
          number: c.number ?? null,
          why: c.why,
          comments: c.comments.map((m) => m.stage),
        })),
      ),
    );
    await core.summary.addRaw(formatFollowUpsMarkdown(report)).write();
    if (report.result.failed.length > 0)
      core.setFailed(
        `${report.result.failed.length} follow-up change(s) failed; the next run retries them. First: ${report.result.failed[0]!.message}`,
      );
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`The ${name} input "${text}" is not a whole number of 0 or more.`);
  return value;
}

/** The branch the mark-done pull request targets: the repository's default branch from the event, else the branch the workflow ran on. */
function defaultBranch(env: NodeJS.ProcessEnv): string {
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      repository?: { default_branch?: string };
    };
    if (event.repository?.default_branch) return event.repository.default_branch;
  } catch {
    // no event file: fall through
  }
  return env.GITHUB_REF_NAME || env.GITHUB_REF?.replace(/^refs\/heads\//, '') || 'main';
}
