// The review comment of a pull request, rendered from review data only (never from files of the
// pull request). Every string from the data is treated as hostile: it enters the tree as text,
// which the serialiser escapes and neutralises; the comment fits GitHub's 65,536 characters.
import {
  code,
  details,
  heading,
  link,
  list,
  marker,
  mermaid,
  paragraph,
  renderMarker,
  root,
  strong,
  table,
  toGitHubMarkdown,
  type Block,
  type Cell,
  type Inline,
} from '../markdown-out/index.ts';
import { formatDuration } from '../time/duration.ts';
import { incidentTimelineChart } from '../charts/mermaid.ts';
import type { ReviewData, ReviewIncident } from './review.ts';

export const REVIEW_MARKER_KIND = 'review';
export const REVIEW_MARKER = renderMarker(REVIEW_MARKER_KIND);

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

const minutes = (m: number | null) => (m === null ? '—' : formatDuration(Math.round(m) * 60_000));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

type LinkTo = (file: string, line: number) => string;

export function renderReviewComment(data: ReviewData, options: CommentOptions): string {
  const server = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  const linkTo: LinkTo = (file, line) =>
    `${server}/${options.repository}/blob/${data.headSha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
  const { errors, warnings, files } = data.summary;
  const sha = code(data.headSha.slice(0, 7));
  const tree = root(
    marker(REVIEW_MARKER_KIND),
    heading(2, 'Firebreak review'),
    errors || warnings
      ? paragraph(
          strong(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}`),
          ` in the records this pull request affects (${files} checked) at `,
          sha,
          '.',
        )
      : paragraph(`No problems in the ${files} records this pull request affects, at `, sha, '.'),
    data.incidents.flatMap((incident) => renderIncident(incident, linkTo)),
    renderDiagnostics(data, linkTo),
    details(
      'Review meeting checklist',
      list(
        CHECKLIST.map((c) => [c]),
        { checked: false },
      ),
    ),
  );
  const cutNote: Inline[] = options.runUrl
    ? ['This review was cut to fit in a comment; the ', link(options.runUrl, 'job summary'), ' has all of it.']
    : ['This review was cut to fit in a comment; the job summary of the validate run has all of it.'];
  return toGitHubMarkdown(tree, { serverUrl: server, limit: options.limit, cutNote });
}

function renderIncident(i: ReviewIncident, linkTo: LinkTo): Block[] {
  const out: Block[] = [heading(3, link(linkTo(i.file, 1), `${i.id}: ${i.title}`))];
  out.push(
    table(
      ['Severity', 'Status', 'Postmortem', 'Services', 'Commander'],
      [[i.severity, i.status, i.postmortem, i.services.join(', '), code(i.commander)]],
    ),
  );
  if (i.impact) out.push(paragraph(strong('Impact:'), ' ', i.impact));
  out.push(
    table(
      ['From started to', 'Took', 'Target'],
      i.durations.map((d) => {
        const verdict =
          d.targetMinutes === null || d.minutes === null
            ? ''
            : d.minutes <= d.targetMinutes
              ? ' ✅'
              : ' ⚠️ over target';
        return [
          MEASURES[d.measure],
          minutes(d.minutes),
          d.targetMinutes === null ? '—' : `${minutes(d.targetMinutes)}${verdict}`,
        ];
      }),
    ),
  );
  if (i.missing.length)
    out.push(
      paragraph(
        `Missing for status ${i.status}: `,
        ...i.missing.flatMap((m, n): Inline[] => (n ? [', ', code(m)] : [code(m)])),
        '.',
      ),
    );
  if (i.slos.length) {
    out.push(
      table(
        ['SLO', 'This incident used', 'Budget left', 'Status'],
        i.slos.map((s) => [
          s.slo,
          `${Math.round(s.consumed).toLocaleString('en-US')} ${s.unit}${s.consumedPercent === null ? '' : ` (${s.consumedPercent.toFixed(1)}% of the budget)`}`,
          s.remainingPercent === null ? 'unknown' : `${s.remainingPercent.toFixed(0)}%`,
          s.status ?? '—',
        ]),
      ),
    );
  }
  if (i.actionItems.length) {
    out.push(
      table(
        ['Item', 'Action', 'Owner', 'Due', 'Priority', 'Status', 'Policy'],
        i.actionItems.map((a): Cell[] => [
          link(linkTo(i.file, a.line), a.id),
          a.action,
          a.owner ? code(a.owner) : '—',
          a.due,
          a.priority,
          a.status,
          a.problems.length ? `⚠️ ${a.problems.join('; ')}` : '✅',
        ]),
      ),
    );
  } else {
    out.push(paragraph('No action items yet.'));
  }
  const chart = incidentTimelineChart(i);
  if (chart) out.push(mermaid(chart.source));
  if (i.timeline.length)
    out.push(
      ...details(
        'Timeline as written',
        table(
          ['Time', 'Event'],
          i.timeline.map((t) => [t.time, t.event]),
        ),
      ),
    );
  if (i.blameless.length) {
    out.push(paragraph(strong('Blameless language')));
    out.push(
      list(
        i.blameless.map((b): Inline[] => [
          link(linkTo(i.file, b.line), `line ${b.line}`),
          `: ${b.message}${b.hint ? ` ${b.hint}` : ''}`,
        ]),
      ),
    );
  }
  return out;
}

function renderDiagnostics(data: ReviewData, linkTo: LinkTo): Block[] {
  if (data.diagnostics.length === 0) return [];
  const out: Block[] = [
    heading(3, 'Problems'),
    table(
      ['', 'Where', 'Problem', 'How to fix'],
      data.diagnostics.map((d): Cell[] => [
        d.severity === 'error' ? '❌' : '⚠️',
        link(linkTo(d.file, d.line), `${d.file}:${d.line}`),
        [`${d.message} `, code(d.rule)],
        d.hint ?? '',
      ]),
    ),
  ];
  const shown = data.diagnostics.length;
  const total = data.summary.errors + data.summary.warnings;
  if (total > shown) out.push(paragraph(`And ${total - shown} more in the job summary of the validate run.`));
  return out;
}
