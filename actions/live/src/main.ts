// The live action: reads the event (an issue comment, or the scheduled backstop) and the inputs,
// runs the library's live run for each incident concerned, and writes outputs and the job summary.
// Comment text never reaches a shell: the library reads comments through the API, as data.
import * as core from '@actions/core';
import {
  actionEvent,
  actionInput,
  actionNow,
  actionPort,
  createDryRunPort,
  DEFAULT_DECLARE_LABEL,
  DEFAULT_LIVE_MAX_WRITES,
  DEFAULT_PIN_REACTION,
  failAction,
  loadLiveContext,
  openIncidentIssues,
  recordsRoot,
  runContext,
  runLive,
  wholeNumberInput,
  type LiveOutcome,
} from '../../lib/src/index.ts';

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

interface Event {
  issue?: { number?: number; pull_request?: unknown };
  repository?: { default_branch?: string };
}

export async function run(): Promise<void> {
  try {
    const { name, payload: event } = actionEvent<Event>();
    const token = core.getInput('token');
    if (!token)
      throw new Error(
        'The token input is empty: give it ${{ github.token }} (the default) or a token with contents, pull-requests and issues write permission.',
      );
    const now = actionNow();
    const pin = actionInput('pin-reaction', DEFAULT_PIN_REACTION);
    if (!REACTIONS.includes(pin))
      throw new Error(`The pin-reaction input "${pin}" is not a GitHub reaction; use one of ${REACTIONS.join(', ')}.`);
    const maxWrites = wholeNumberInput('max-writes', DEFAULT_LIVE_MAX_WRITES, 'is not a whole number');
    const run = runContext();
    const label = actionInput('label', DEFAULT_DECLARE_LABEL);
    const real = actionPort(token, { writes: true });
    const dryRun = core.getInput('dry-run') === 'true';
    const dry = dryRun ? createDryRunPort(real) : undefined;
    const port = dry ?? real;

    let issues: number[];
    if (name === 'issue_comment' || name === 'issues') {
      if (typeof event.issue?.number !== 'number' || event.issue.pull_request) {
        core.info('Nothing to do: the event is not about an issue.');
        core.setOutput('result', 'ignored');
        return;
      }
      issues = [event.issue.number];
    } else {
      // The schedule (or a run by hand): every open incident issue, for the clocks and what was missed.
      issues = await openIncidentIssues(port, label);
      core.info(`${issues.length} open incident issue(s): ${issues.map((n) => `#${n}`).join(', ') || 'none'}.`);
    }
    const root = recordsRoot();
    const context = loadLiveContext(root);
    const lines: string[] = [];
    let last: LiveOutcome | undefined;
    let writes = 0;
    let committed = false;
    for (const issue of issues) {
      const outcome = await runLive({
        port,
        root,
        context,
        issue,
        now,
        repository: run.repository,
        serverUrl: run.serverUrl,
        identity: actionInput('identity', 'github-actions[bot]'),
        label,
        pinReaction: pin,
        maxWrites,
        defaultBranch: event.repository?.default_branch,
        log: core.info,
      });
      last = outcome;
      if (outcome.result === 'ignored') {
        core.info(`#${issue}: nothing to do (${outcome.why}).`);
        lines.push(`- #${issue}: nothing to do (${outcome.why}).`);
        continue;
      }
      writes += outcome.writes;
      committed ||= outcome.committed;
      lines.push(
        `- #${issue} (${outcome.plan.incidentId}): ${outcome.committed ? `committed ${outcome.plan.commit?.changes.length ?? 0} change(s) on \`${outcome.branch}\`` : 'record unchanged'}; ${outcome.writes} write(s)${outcome.deferred ? `, ${outcome.deferred} left for the next run` : ''}.`,
      );
    }
    if (dry) {
      core.info(`Dry run: ${dry.writes.length} write(s) would be made:`);
      for (const write of dry.writes) core.info(`  would ${write}`);
      lines.push('', `Dry run: nothing was written; ${dry.writes.length} write(s) would be made.`);
    }
    core.setOutput('result', last?.result ?? 'ignored');
    core.setOutput('committed', String(committed));
    core.setOutput('writes', String(writes));
    await core.summary.addRaw(`## Live incidents\n\n${lines.join('\n') || 'No open incident issue.'}\n`).write();
  } catch (error) {
    failAction(error);
  }
}
