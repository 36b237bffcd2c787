import type { Repository } from '../load/repository.ts';
import { OPEN_STATUSES, readActionItems } from '../model/action-items.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Incident } from '../model/types.ts';
import { parseTimestamp, todayIn, DAY_MS } from '../time/dates.ts';
import { formatDuration, parseDuration } from '../time/duration.ts';

export interface SeveritySummary {
  severity: string;
  incidents: number;
  /** Median minutes from started to acknowledged, over incidents that have both. */
  medianMinutesToAcknowledge: number | null;
  /** Median minutes from started to resolved, over resolved incidents. */
  medianMinutesToResolve: number | null;
  /** The severity's time-to-action target in minutes, when the policy sets one. */
  timeToActionTargetMinutes: number | null;
  /** Incidents acknowledged within the target, out of those with both timestamps. */
  timeToActionMet: number;
  timeToActionMeasured: number;
}

export interface ReliabilitySummary {
  since: string | null;
  until: string | null;
  today: string;
  incidents: number;
  open: number;
  bySeverity: SeveritySummary[];
  postmortems: { required: number; published: number; publishedOnTime: number };
  actionItems: { total: number; open: number; overdue: number; done: number; wontDo: number };
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const minutesBetween = (incident: Incident, from: 'started', to: 'acknowledged' | 'resolved'): number | undefined => {
  const a = parseTimestamp(incident.data[from]);
  const b = parseTimestamp(incident.data[to]);
  return a === undefined || b === undefined ? undefined : (b - a) / 60_000;
};

/**
 * The reliability summary printed after validation: incidents by severity with median durations
 * measured from `started`, time-to-action compliance, postmortems and action items.
 * `since` / `until` (YYYY-MM-DD, until exclusive) select incidents by the day they started (UTC instant).
 */
export function summarize(repo: Repository, catalog: Catalog, options: { now: number; since?: string; until?: string }): ReliabilitySummary {
  const from = options.since ? Date.parse(`${options.since}T00:00:00Z`) : -Infinity;
  const to = options.until ? Date.parse(`${options.until}T00:00:00Z`) : Infinity;
  const incidents = repo.incidents.filter((i) => {
    const started = i.valid ? parseTimestamp(i.data.started) : undefined;
    return started !== undefined && started >= from && started < to;
  });
  const today = todayIn(options.now, repo.config.timezone);
  const severities = [...catalog.severityOrder, ...new Set(incidents.map((i) => i.data.severity).filter((s) => !catalog.severities.has(s)))];
  const bySeverity = severities.map((severity) => {
    const group = incidents.filter((i) => i.data.severity === severity);
    const acknowledge = group.map((i) => minutesBetween(i, 'started', 'acknowledged')).filter((m): m is number => m !== undefined);
    const resolve = group.map((i) => minutesBetween(i, 'started', 'resolved')).filter((m): m is number => m !== undefined);
    const targetMs = parseDuration(catalog.severities.get(severity)?.timeToAction ?? '');
    const target = targetMs === undefined ? null : targetMs / 60_000;
    return {
      severity,
      incidents: group.length,
      medianMinutesToAcknowledge: median(acknowledge),
      medianMinutesToResolve: median(resolve),
      timeToActionTargetMinutes: target,
      timeToActionMet: target === null ? 0 : acknowledge.filter((m) => m <= target).length,
      timeToActionMeasured: target === null ? 0 : acknowledge.length,
    };
  });
  const postmortems = { required: 0, published: 0, publishedOnTime: 0 };
  const actionItems = { total: 0, open: 0, overdue: 0, done: 0, wontDo: 0 };
  for (const incident of incidents) {
    const level = catalog.severities.get(incident.data.severity);
    if (level?.postmortem?.required && incident.data.status === 'resolved') {
      postmortems.required++;
      if (incident.data.postmortem === 'published') {
        postmortems.published++;
        const resolved = parseTimestamp(incident.data.resolved);
        const deadline = parseDuration(level.postmortem.deadline ?? '');
        const published = incident.data.postmortem_published ? Date.parse(`${incident.data.postmortem_published}T00:00:00Z`) : undefined;
        // A postmortem published on the deadline's calendar day counts as on time.
        if (resolved !== undefined && deadline !== undefined && published !== undefined && published < resolved + deadline + DAY_MS) postmortems.publishedOnTime++;
      }
    }
    for (const item of readActionItems(incident)?.items ?? []) {
      actionItems.total++;
      if (item.status === 'done') actionItems.done++;
      else if (item.status === 'wont-do') actionItems.wontDo++;
      else if (OPEN_STATUSES.includes(item.status)) {
        actionItems.open++;
        if (/^\d{4}-\d{2}-\d{2}$/.test(item.due) && item.due < today) actionItems.overdue++;
      }
    }
  }
  return {
    since: options.since ?? null,
    until: options.until ?? null,
    today,
    incidents: incidents.length,
    open: incidents.filter((i) => i.data.status !== 'resolved').length,
    bySeverity,
    postmortems,
    actionItems,
  };
}

const minutes = (m: number | null) => (m === null ? '—' : formatDuration(m * 60_000));
const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

export function formatSummaryText(summary: ReliabilitySummary): string {
  const period = summary.since || summary.until ? ` (${summary.since ?? 'beginning'} to ${summary.until ?? summary.today})` : '';
  const rows = summary.bySeverity.filter((s) => s.incidents > 0 || s.timeToActionTargetMinutes !== null);
  const table = [
    ['Severity', 'Incidents', 'Median to acknowledge', 'Target', 'Within target', 'Median to resolve'],
    ...rows.map((s) => [s.severity, String(s.incidents), minutes(s.medianMinutesToAcknowledge), minutes(s.timeToActionTargetMinutes), s.timeToActionMeasured ? `${s.timeToActionMet}/${s.timeToActionMeasured}` : '—', minutes(s.medianMinutesToResolve)]),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const render = (r: string[]) => '  ' + r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const a = summary.actionItems;
  const p = summary.postmortems;
  return [
    `Reliability summary${period}, as of ${summary.today}`,
    '',
    `  ${summary.incidents} incidents, ${summary.open} not yet resolved.`,
    '',
    render(table[0]!),
    ...table.slice(1).map(render),
    '',
    `  Postmortems: ${p.published} of ${p.required} required published (${percent(p.published, p.required)}), ${p.publishedOnTime} on time (${percent(p.publishedOnTime, p.required)}).`,
    `  Action items: ${a.total} in all; ${a.done} done, ${a.wontDo} won't do, ${a.open} open of which ${a.overdue} overdue. Completion ${percent(a.done, a.total - a.wontDo)}.`,
    '',
    '  Durations are measured from "started" (when impact began), not from detection.',
    '',
  ].join('\n');
}
