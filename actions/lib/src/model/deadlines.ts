import { parseDuration } from '../time/duration.ts';
import { DAY_MS, parseDate, parseTimestamp, todayIn } from '../time/dates.ts';
import { addLocalDays, startOfLocalDay } from '../time/zoned.ts';
import type { Catalog } from './catalog.ts';
import type { Incident, Runbook } from './types.ts';

export interface PostmortemDeadline {
  resolved: number;
  /** The severity's deadline as written, e.g. "5d". */
  deadline: string;
  /**
   * The last local date (in the Config time zone) on which the postmortem is on time: for a deadline
   * in whole days, the local date of `resolved` plus that many days; for a shorter or uneven one
   * (`12h`, `36h`), the local date of `resolved` + deadline.
   */
  dueDate: string;
  /**
   * The first instant at which an unpublished postmortem is overdue: the start of the local day
   * after `dueDate` for whole-day deadlines, exactly `resolved` + deadline otherwise.
   */
  due: number;
}

/**
 * When a resolved incident's postmortem is due; undefined when its severity requires none or it is
 * not resolved. The one definition that validate (postmortem-deadline), the report and follow-ups
 * share; `timeZone` is the Config time zone (docs/metrics.md, "Postmortems").
 */
export function postmortemDeadline(
  incident: Incident,
  catalog: Catalog,
  timeZone = 'UTC',
): PostmortemDeadline | undefined {
  if (incident.data.status !== 'resolved') return undefined;
  const level = catalog.severities.get(incident.data.severity);
  const deadline = level?.postmortem?.required ? level.postmortem.deadline : undefined;
  const duration = deadline === undefined ? undefined : parseDuration(deadline);
  const resolved = parseTimestamp(incident.data.resolved);
  if (duration === undefined || resolved === undefined) return undefined;
  if (duration % DAY_MS === 0) {
    const dueDate = addLocalDays(todayIn(resolved, timeZone), duration / DAY_MS);
    return { resolved, deadline: deadline!, dueDate, due: startOfLocalDay(addLocalDays(dueDate, 1), timeZone) };
  }
  return { resolved, deadline: deadline!, dueDate: todayIn(resolved + duration, timeZone), due: resolved + duration };
}

/** Whether the postmortem's deadline has passed at `now` (published or not). */
export const deadlinePassed = (deadline: PostmortemDeadline, now: number): boolean => now >= deadline.due;

/** Whether a postmortem published on `published` (YYYY-MM-DD) was on time: on or before the due date. */
export const publishedOnTime = (deadline: PostmortemDeadline, published: string): boolean =>
  published <= deadline.dueDate;

/** Midnight UTC of the day a runbook is due for review (last_reviewed + review_every, in whole days). */
export function runbookReviewDue(runbook: Runbook): number | undefined {
  const reviewed = parseDate(runbook.data.last_reviewed);
  const every = parseDuration(runbook.data.review_every);
  if (reviewed === undefined || every === undefined) return undefined;
  return reviewed + Math.ceil(every / DAY_MS) * DAY_MS;
}
