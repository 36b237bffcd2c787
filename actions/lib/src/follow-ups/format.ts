// The follow-ups plan and result for people: plain text for the terminal and the log, Markdown
// for the job summary.
import {
  heading,
  JOB_SUMMARY_LIMIT,
  link,
  list,
  own,
  paragraph,
  root,
  strong,
  table,
  toGitHubMarkdown,
  type Cell,
  type Inline,
} from '../markdown-out/index.ts';
import { describeChange } from './apply.ts';
import type { FollowUpsReport } from './run.ts';

export function formatFollowUpsText(report: FollowUpsReport): string {
  const { plan, result } = report;
  const lines: string[] = [];
  const would = report.dryRun ? 'Would ' : '';
  const cap = (s: string) => (report.dryRun ? s : s[0]!.toUpperCase() + s.slice(1));
  if (plan.changes.length === 0 && plan.markDone.length === 0)
    lines.push('Nothing to change: GitHub already matches the records.');
  for (const change of plan.changes) {
    lines.push(`${would}${cap(describeChange(change))}: ${change.why}`);
    lines.push(`    ${change.title}`);
    for (const comment of change.comments)
      lines.push(
        `    ${report.dryRun ? 'would comment' : 'comment'} (${comment.stage.split(':')[0]}): ${firstLine(comment.body)}`,
      );
  }
  if (plan.markDone.length) {
    lines.push(
      `${would}${cap('open or update one pull request')} marking ${plan.markDone.length} item${plan.markDone.length === 1 ? '' : 's'} closed on GitHub:`,
    );
    for (const item of plan.markDone)
      lines.push(`    ${item.file}: ${item.itemId} -> ${item.status} (#${item.issue} was closed)`);
  }
  for (const note of plan.notes) lines.push(`Note: ${note.message}`);
  for (const skip of report.skipped)
    lines.push(`Skipped ${skip.id} (${skip.file}:${skip.line}): ${skip.why}; run "firebreak validate".`);
  if (report.loadProblems)
    lines.push(
      `${report.loadProblems} problem${report.loadProblems === 1 ? '' : 's'} reading the records: items in files that cannot be read are not followed up and their issues are left as they are. Run "firebreak validate".`,
    );
  lines.push('');
  lines.push(summaryLine(report));
  for (const failure of result.failed) lines.push(`Failed: ${failure.message}`);
  if (result.deferred.length)
    lines.push(
      `${result.deferred.length} change${result.deferred.length === 1 ? '' : 's'} left for the next run: the limit of writes per run was reached.`,
    );
  const pr = result.markDone;
  if (pr?.url && !report.dryRun) lines.push(`Pull request: ${pr.url}${pr.created ? ' (opened)' : ''}`);
  for (const problem of pr?.problems ?? []) lines.push(`Pull request: ${problem}`);
  if (pr?.declined.length)
    lines.push(`Not proposed again (a person closed the pull request that marked them): ${pr.declined.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: FollowUpsReport): string {
  const count = (kind: string) => report.plan.changes.filter((c) => c.kind === kind).length;
  const comments = report.plan.changes.reduce((n, c) => n + c.comments.length, 0);
  const parts = [
    `${count('create')} to create`,
    `${count('update') + count('reopen') + count('comment')} to update`,
    `${comments} comment${comments === 1 ? '' : 's'}`,
    `${count('close') + count('close-duplicate')} to close`,
  ];
  return `${report.dryRun ? 'Dry run, nothing written' : `${report.result.writes} write${report.result.writes === 1 ? '' : 's'}`}: ${parts.join(', ')}.`;
}

const firstLine = (text: string) => {
  const line = text.split('\n')[0]!;
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
};

export function formatFollowUpsMarkdown(report: FollowUpsReport, options: { serverUrl?: string } = {}): string {
  const { plan } = report;
  const rows = plan.changes.map((c): Cell[] => [c.kind, c.number ? own(`#${c.number}`) : 'new', c.id, c.why]);
  const markDoneUrl = report.result.markDone?.url;
  return toGitHubMarkdown(
    root(
      heading(2, `Follow-ups${report.dryRun ? ' (dry run)' : ''}`),
      paragraph(summaryLine(report)),
      rows.length
        ? table(['change', 'issue', 'record', 'why'], rows)
        : paragraph('GitHub already matches the records.'),
      plan.markDone.length
        ? paragraph(
            `Pull request marking ${plan.markDone.length} item(s) finished: `,
            markDoneUrl ? link(markDoneUrl, markDoneUrl) : '(planned)',
          )
        : undefined,
      plan.notes.length || report.result.failed.length
        ? list([
            ...plan.notes.map((n) => [n.message]),
            ...report.result.failed.map((f): Inline[] => [strong('Failed:'), ` ${f.message}`]),
          ])
        : undefined,
    ),
    { serverUrl: options.serverUrl, limit: JOB_SUMMARY_LIMIT },
  );
}
