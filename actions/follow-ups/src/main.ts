// The follow-ups action: reads its inputs, runs the library's reconciliation, writes outputs and
// the job summary. Nothing else lives here.
import * as core from '@actions/core';
import {
  actionInput,
  actionNow,
  actionPort,
  createDryRunPort,
  DEFAULT_IDENTITY,
  DEFAULT_MAX_WRITES,
  formatFollowUpsMarkdown,
  defaultBranch,
  failAction,
  formatFollowUpsText,
  recordsRoot,
  runContext,
  runFollowUps,
  wholeNumberInput,
} from '../../lib/src/index.ts';

export async function run(): Promise<void> {
  try {
    const dryRun = core.getBooleanInput('dry-run');
    const token = core.getInput('token');
    const run = runContext();
    const maxWrites = wholeNumberInput('max-writes', DEFAULT_MAX_WRITES);
    const now = actionNow();
    if (!token && !dryRun)
      throw new Error(
        'The token input is empty: give it ${{ github.token }} (the default) or a GitHub App token with issues, contents and pull-requests write permission.',
      );
    const report = await runFollowUps({
      root: recordsRoot(),
      now,
      port: token ? actionPort(token, { writes: true }) : createDryRunPort(),
      repository: run.repository,
      commit: run.sha ?? 'HEAD',
      baseBranch: actionInput('base-branch') || defaultBranch(),
      identity: actionInput('identity', DEFAULT_IDENTITY),
      maxWrites,
      serverUrl: run.serverUrl,
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
    failAction(error);
  }
}
