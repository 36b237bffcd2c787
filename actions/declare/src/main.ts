// The declare action: reads the issues event and the inputs, runs the library's declaration, and
// writes outputs and the job summary. Nothing else lives here; form values never reach a shell.
import * as core from '@actions/core';
import {
  actionEvent,
  actionInput,
  actionNow,
  actionPort,
  declareFromIssue,
  declareSummary,
  DEFAULT_DECLARE_LABEL,
  failAction,
  recordsRoot,
  runContext,
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
    const { name, payload: event } = actionEvent<IssuesEvent>();
    const issue = event.issue;
    if (
      name !== 'issues' ||
      event.action !== 'opened' ||
      !issue ||
      typeof issue.number !== 'number' ||
      issue.pull_request
    ) {
      core.info(
        `Nothing to declare: this action handles the "issues" event with action "opened" (got "${name}"${event.action ? ` / "${event.action}"` : ''}).`,
      );
      core.setOutput('result', 'ignored');
      return;
    }
    const token = core.getInput('token');
    if (!token)
      throw new Error(
        'The token input is empty: give it ${{ github.token }} (the default) or a token with contents, pull-requests and issues write permission.',
      );
    const now = actionNow();
    const run = runContext();
    const snapshot: IssueSnapshot = {
      number: issue.number,
      title: issue.title ?? '',
      body: issue.body ?? '',
      author: issue.user?.login ?? '',
      labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      state: issue.state === 'closed' ? 'closed' : 'open',
    };
    const outcome = await declareFromIssue({
      port: actionPort(token, { writes: true }),
      root: recordsRoot(),
      issue: snapshot,
      label: actionInput('label', DEFAULT_DECLARE_LABEL),
      now,
      defaultBranch: event.repository?.default_branch,
      identity: core.getInput('identity') || undefined,
      runUrl: run.runUrl,
      log: core.info,
    });
    report(outcome, issue.number);
    await core.summary.addRaw(declareSummary(outcome, issue.number, { serverUrl: run.serverUrl })).write();
  } catch (error) {
    failAction(error);
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
