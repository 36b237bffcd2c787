// The review comment of a pull request, rendered from review data only (never from files of the
// pull request). Every string from the data is treated as hostile: neutralised, escaped for tables,
// and bounded; the comment fits GitHub's 65,536 characters.
import { BODY_LIMIT, neutralize } from '../text/github-safe.ts';
import { formatDuration } from '../time/duration.ts';
import { incidentTimelineChart, mermaidFence } from '../charts/mermaid.ts';
import type { ReviewData, ReviewIncident } from './review.ts';

export const REVIEW_MARKER = '<!-- firebreak:review -->';

export interface CommentOptions {
  /** owner/name */
  repository: string;
  serverUrl?: string;
  /** Where the whole report is, when the comment must be cut (the workflow run). */
  runUrl?: string;
  /** Cut the text at this many characters (default GitHub's comment limit; job summaries take 1 MiB). */
  limit?: number;
}

const MEASURES = { detect: 'Detect', acknowledge: 'Acknowledge', mitigate: 'Mitigate', resolve: 'Resolve' } as const;
const CHECKLIST = [
  'Read the summary and customer impact aloud: does everyone agree on what happened to customers?',
  'Walk the timeline: where did detection, escalation or mitigation lose time?',
  'Discuss the contributing factors: systems and conditions, not people.',
  'Challenge each action item: specific, owned by one person or team, testable, with a realistic due date.',
  'Name what went well, so it is kept.',
  'Agree on the status: in-review until these are done, then published.',
];

const safe = (text: string) => neutralize(text, { singleLine: true });
const cell = (text: string) => safe(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/</g, '&lt;');
const code = (text: string) => `\`${text.replace(/[`\r\n]/g, '')}\``;
const minutes = (m: number | null) => (m === null ? '—' : formatDuration(Math.round(m) * 60_000));

export function renderReviewComment(data: ReviewData, options: CommentOptions): string {
  const server = options.serverUrl ?? 'https://github.com';
  const link = (file: string, line: number) => `${server}/${options.repository}/blob/${data.headSha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
  const head: string[] = [REVIEW_MARKER, '## Firebreak review', ''];
  const { errors, warnings, files } = data.summary;
  head.push(errors || warnings ? `**${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}** in the records this pull request affects (${files} checked) at ${code(data.headSha.slice(0, 7))}.` : `No problems in the ${files} records this pull request affects, at ${code(data.headSha.slice(0, 7))}.`, '');
  const sections = data.incidents.map((incident) => renderIncident(incident, link));
  const problems = renderDiagnostics(data, link);
  const tail = ['', '<details><summary>Review meeting checklist</summary>', '', ...CHECKLIST.map((c) => `- [ ] ${c}`), '', '</details>', ''];
  const parts = [...head, ...sections.flat(), ...problems, ...tail];
  let body = parts.join('\n');
  const limit = options.limit ?? BODY_LIMIT;
  if (body.length > limit) {
    const note = `\n\n*This review was cut to fit in a comment${options.runUrl ? `; the [job summary](${options.runUrl}) has all of it` : '; the job summary of the validate run has all of it'}.*\n`;
    body = body.slice(0, limit - note.length) + note;
  }
  return body;
}

function renderIncident(i: ReviewIncident, link: (file: string, line: number) => string): string[] {
  const out: string[] = [];
  out.push(`### [${cell(i.id)}: ${cell(i.title)}](${link(i.file, 1)})`, '');
  out.push('| Severity | Status | Postmortem | Services | Commander |', '|---|---|---|---|---|', `| ${cell(i.severity)} | ${cell(i.status)} | ${cell(i.postmortem)} | ${cell(i.services.join(', '))} | ${code(i.commander)} |`, '');
  if (i.impact) out.push(`**Impact:** ${cell(i.impact)}`, '');
  out.push('| From started to | Took | Target |', '|---|---|---|');
  for (const d of i.durations) {
    const verdict = d.targetMinutes === null || d.minutes === null ? '' : d.minutes <= d.targetMinutes ? ' ✅' : ' ⚠️ over target';
    out.push(`| ${MEASURES[d.measure]} | ${minutes(d.minutes)} | ${d.targetMinutes === null ? '—' : `${minutes(d.targetMinutes)}${verdict}`} |`);
  }
  out.push('');
  if (i.missing.length) out.push(`Missing for status ${cell(i.status)}: ${i.missing.map(code).join(', ')}.`, '');
  if (i.slos.length) {
    out.push('| SLO | This incident used | Budget left | Status |', '|---|---|---|---|');
    for (const s of i.slos) out.push(`| ${cell(s.slo)} | ${Math.round(s.consumed).toLocaleString('en-US')} ${s.unit}${s.consumedPercent === null ? '' : ` (${s.consumedPercent.toFixed(1)}% of the budget)`} | ${s.remainingPercent === null ? 'unknown' : `${s.remainingPercent.toFixed(0)}%`} | ${s.status === null ? '—' : cell(s.status)} |`);
    out.push('');
  }
  if (i.actionItems.length) {
    out.push('| Item | Action | Owner | Due | Priority | Status | Policy |', '|---|---|---|---|---|---|---|');
    for (const a of i.actionItems) out.push(`| [${cell(a.id)}](${link(i.file, a.line)}) | ${cell(a.action)} | ${a.owner ? code(a.owner) : '—'} | ${cell(a.due)} | ${cell(a.priority)} | ${cell(a.status)} | ${a.problems.length ? `⚠️ ${a.problems.map(cell).join('; ')}` : '✅'} |`);
    out.push('');
  } else {
    out.push('No action items yet.', '');
  }
  const chart = incidentTimelineChart(i);
  if (chart) out.push(mermaidFence(chart), '');
  if (i.timeline.length) {
    out.push('<details><summary>Timeline as written</summary>', '', '| Time | Event |', '|---|---|', ...i.timeline.map((t) => `| ${cell(t.time)} | ${cell(t.event)} |`), '', '</details>', '');
  }
  if (i.blameless.length) {
    out.push('**Blameless language**', '');
    for (const b of i.blameless) out.push(`- [line ${b.line}](${link(i.file, b.line)}): ${cell(b.message)}${b.hint ? ` ${cell(b.hint)}` : ''}`);
    out.push('');
  }
  return out;
}

function renderDiagnostics(data: ReviewData, link: (file: string, line: number) => string): string[] {
  if (data.diagnostics.length === 0) return [];
  const out = ['### Problems', '', '| | Where | Problem | How to fix |', '|---|---|---|---|'];
  for (const d of data.diagnostics) out.push(`| ${d.severity === 'error' ? '❌' : '⚠️'} | [${cell(d.file)}:${d.line}](${link(d.file, d.line)}) | ${cell(d.message)} ${code(d.rule)} | ${d.hint ? cell(d.hint) : ''} |`);
  const shown = data.diagnostics.length;
  const total = data.summary.errors + data.summary.warnings;
  if (total > shown) out.push('', `And ${total - shown} more in the job summary of the validate run.`);
  out.push('');
  return out;
}
