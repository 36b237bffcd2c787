// The review comment action, for the privileged workflow_run that follows validation. It never
// checks out or runs code from the pull request: it reads the validate run's results artifact as
// untrusted data, checks it, finds the pull request from the run's head commit, and refuses an
// artifact that speaks for another commit or pull request.
import { readFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import {
  actionEvent,
  actionInput,
  actionPort,
  DEFAULT_IDENTITY,
  failAction,
  MAX_ARTIFACT_BYTES,
  readReviewArtifact,
  renderReviewComment,
  runContext,
  upsertReviewComment,
} from '../../lib/src/index.ts';

interface WorkflowRunEvent {
  workflow_run?: { event?: string; head_sha?: string; html_url?: string };
}

export async function run(): Promise<void> {
  try {
    const runInfo = actionEvent<WorkflowRunEvent>().payload.workflow_run;
    if (runInfo?.event !== 'pull_request' || !runInfo.head_sha) {
      core.info('This run did not come from a pull request; there is nothing to comment on.');
      return;
    }
    const results = core.getInput('results', { required: true });
    let size: number;
    try {
      size = statSync(results).size;
    } catch {
      throw new Error(`The results file ${results} is missing: did the validate run upload its artifact?`);
    }
    if (size > MAX_ARTIFACT_BYTES)
      return refuse(`the results file is ${size} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit`);
    const artifact = readReviewArtifact(readFileSync(results));
    if (!artifact.ok) return refuse(artifact.problem);
    const data = artifact.data;
    if (data.headSha !== runInfo.head_sha)
      return refuse(
        `it was made for commit ${data.headSha.slice(0, 7)}, but the run was for ${runInfo.head_sha.slice(0, 7)}`,
      );

    const run = runContext();
    const port = actionPort(core.getInput('token'));
    const pull = await port.findOpenPullRequestByHeadSha(runInfo.head_sha);
    if (!pull) {
      core.info(
        `No open pull request has ${runInfo.head_sha.slice(0, 7)} as its head any more; nothing to comment on.`,
      );
      return;
    }
    if (data.pullRequest !== pull.number)
      return refuse(
        `it names pull request #${data.pullRequest}, but commit ${runInfo.head_sha.slice(0, 7)} is the head of #${pull.number}`,
      );
    const body = renderReviewComment(data, {
      repository: run.repository,
      serverUrl: run.serverUrl,
      runUrl: runInfo.html_url,
    });
    const { action, deleted } = await upsertReviewComment(
      port,
      pull.number,
      body,
      actionInput('identity', DEFAULT_IDENTITY),
    );
    core.setOutput('pull-request', String(pull.number));
    core.setOutput('comment', action);
    core.info(
      `Review comment on #${pull.number}: ${action}.${deleted ? ` Deleted ${deleted} duplicate${deleted === 1 ? '' : 's'} of it.` : ''}`,
    );
  } catch (error) {
    failAction(error);
  }
}

function refuse(why: string): void {
  core.setFailed(`Refused the validate run's results: ${why}. Nothing was posted.`);
}
