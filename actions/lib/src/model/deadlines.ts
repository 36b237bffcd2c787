import { parseDuration } from '../time/duration.ts';
import { DAY_MS, parseDate, parseTimestamp } from '../time/dates.ts';
import type { Catalog } from './catalog.ts';
import type { Incident, Runbook } from './types.ts';

export interface PostmortemDeadline {
  resolved: number;
  /** The instant the postmortem is due. */
  due: number;
  /** The severity's deadline as written, e.g. "5d". */
  deadline: string;
}

/** When a resolved incident's postmortem is due; undefined when its severity requires none or it is not resolved. */
export function postmortemDeadline(incident: Incident, catalog: Catalog): PostmortemDeadline | undefined {
  if (incident.data.status !== 'resolved') return undefined;
  const level = catalog.severities.get(incident.data.severity);
  const deadline = level?.postmortem?.required ? level.postmortem.deadline : undefined;
  const duration = deadline === undefined ? undefined : parseDuration(deadline);
  const resolved = parseTimestamp(incident.data.resolved);
  if (duration === undefined || resolved === undefined) return undefined;
  return { resolved, due: resolved + duration, deadline: deadline! };
}

/** Midnight UTC of the day a runbook is due for review (last_reviewed + review_every, in whole days). */
export function runbookReviewDue(runbook: Runbook): number | undefined {
  const reviewed = parseDate(runbook.data.last_reviewed);
  const every = parseDuration(runbook.data.review_every);
  if (reviewed === undefined || every === undefined) return undefined;
  return reviewed + Math.ceil(every / DAY_MS) * DAY_MS;
}
