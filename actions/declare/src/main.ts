// The declare action: reads the issues event and the inputs, runs the library's declaration, and
// writes outputs and the job summary. Nothing else lives here; form values never reach a shell.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import {
  createOctokitPort,
  declareFromIssue,
  declareSummary,
  DEFAULT_DECLARE_LABEL,
  type DeclareOutcome,
  type IssueSnapshot,
} from '../../lib/src/index.ts';

interface IssuesEvent {
  action?: string;
  issue?: {
    number?: number;
    title?: string;
    body?: string | null;
    user?: { login?: string } | null;
    labels?: (string | { name?: string })[];
    state?: string;
    pull_request?: unknown;
  };
  repository?: { default_branch?: string };
}

export async function run(): Promise<void> {
  try {
    const env = process.env;
    const event = readEvent(env.GITHUB_EVENT_PATH);
    const issue = event.issue;
    if (
      env.GITHUB_EVENT_NAME !== 'issues' ||
      event.action !== 'opened' ||
      !issue ||
      typeof issue.number !== 'number' ||
      issue.pull_request
    ) {
      core.info(
        `Nothing to declare: this action handles the "issues" event with action "opened" (got "${env.GITHUB_EVENT_NAME}"${event.action ? ` / "${event.action}"` : ''}).`,
      );
      core.setOutput('result', 'ignored');
      return;
    }
    const token = core.getInput('token');
    if (!token)
      throw new Error(
        'The token input is empty: give it ${{ github.token }} (the default) or a token with contents, pull-requests and issues write permission.',
      );
    const now = core.getInput('now') ? Date.parse(core.getInput('now')) : Date.now();
    if (Number.isNaN(now)) throw new Error(`The now input "${core.getInput('now')}" is not an ISO 8601 time.`);
    const repository = env.GITHUB_REPOSITORY ?? '';
    const interval = env.FIREBREAK_WRITE_INTERVAL_MS ? Number(env.FIREBREAK_WRITE_INTERVAL_MS) : undefined;
    const snapshot: IssueSnapshot = {
      number: issue.number,
      title: issue.title ?? '',
      body: issue.body ?? '',
      author: issue.user?.login ?? '',
      labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      state: issue.state === 'closed' ? 'closed' : 'open',
    };
    const outcome = await declareFromIssue({
      port: createOctokitPort({
        token,
        repository,
        baseUrl: env.GITHUB_API_URL,
        writeIntervalMs: interval,
        log: core.info,
      }),
      root: path.resolve(env.GITHUB_WORKSPACE ?? '.', core.getInput('root') || '.'),
      issue: snapshot,
      label: core.getInput('label') || DEFAULT_DECLARE_LABEL,
      now,
      defaultBranch: event.repository?.default_branch,
      identity: core.getInput('identity') || undefined,
      runUrl: env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
      log: core.info,
    });
    report(outcome, issue.number);
    await core.summary.addRaw(declareSummary(outcome, issue.number, { serverUrl: env.GITHUB_SERVER_URL })).write();
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

function readEvent(file: string | undefined): IssuesEvent {
  if (!file) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as IssuesEvent) : {};
  } catch {
    return {};
  }
}

function report(outcome: DeclareOutcome, issue: number): void {
  core.setOutput('result', outcome.result);
  switch (outcome.result) {
    case 'declared':
      core.setOutput('incident-id', outcome.scaffold.id);
      core.setOutput('path', outcome.scaffold.path);
      core.setOutput('branch', outcome.branch);
      core.setOutput('pull-request', outcome.pullRequest.url);
      core.info(`Declared ${outcome.scaffold.id} from issue #${issue}: ${outcome.pullRequest.url}`);
      break;
    case 'already-declared':
      core.setOutput('branch', outcome.branch);
      core.setOutput('pull-request', outcome.pullRequest.url);
      core.info(`Issue #${issue} is already declared (${outcome.pullRequest.url}); nothing to do.`);
      break;
    case 'not-a-member':
      core.warning(
        `Issue #${issue} was not declared: its author is not a member of any Team in the records. ${outcome.commented ? 'The issue has a comment saying who may declare.' : 'The issue already says so.'}`,
      );
      break;
    case 'invalid':
      core.setFailed(
        `Issue #${issue} was not declared: ${outcome.problems.length} value(s) in the form need fixing (listed on the issue${outcome.commented ? '' : ', already'}). Edit the issue, then re-run this job.`,
      );
      break;
    case 'ignored':
      core.info(`Nothing to declare: ${outcome.why}.`);
      break;
  }
}
