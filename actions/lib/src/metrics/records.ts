// Postmortem, action-item and repeat-incident figures.
import { OPEN_STATUSES, readActionItems, type ActionItemSummary } from '../model/action-items.ts';
import type { Catalog } from '../model/catalog.ts';
import { deadlinePassed, postmortemDeadline, publishedOnTime as publishedOnTime_ } from '../model/deadlines.ts';
import { DAY_MS, localDateOf, parseDate, todayIn } from '../time/dates.ts';
import type { IncidentFacts } from './facts.ts';
import { median, share } from './stats.ts';
import { appendTo } from '../collections.ts';

export interface PostmortemFigures {
  /** Resolved incidents whose severity requires a postmortem. */
  required: number;
  published: number;
  /** Required postmortems whose deadline has passed at the report's now, published or not: the whole of the on-time share. */
  due: number;
  /** Of those due, published on or before their due date. */
  publishedOnTime: number;
  /** Of those due, not published: overdue now. */
  overdue: number;
  publishedShare: number | null;
  /** publishedOnTime / due, in percent; null when none is due yet. */
  onTimeShare: number | null;
  /** Median days from the resolved date to postmortem_published (both local dates in the Config time zone), over published ones. */
  medianDaysToPublish: number | null;
  /** Required postmortems whose deadline has not passed yet, listed apart from the share. */
  notYetDue: { incident: string; dueDate: string; postmortem: string; file: string }[];
}

/** Postmortem figures at `now`, with due dates in `timeZone` (the Config time zone): the definitions of model/deadlines.ts. */
export function postmortemFigures(
  catalog: Catalog,
  facts: IncidentFacts[],
  now: number,
  timeZone = 'UTC',
): PostmortemFigures {
  let required = 0;
  let published = 0;
  let due = 0;
  let publishedOnTime = 0;
  let overdue = 0;
  const days: number[] = [];
  const notYetDue: PostmortemFigures['notYetDue'] = [];
  for (const fact of facts) {
    const deadline = postmortemDeadline(fact.incident, catalog, timeZone);
    if (!deadline) continue;
    required++;
    const on = fact.incident.data.postmortem === 'published' ? fact.incident.data.postmortem_published : undefined;
    const isPublished = fact.incident.data.postmortem === 'published';
    if (isPublished) published++;
    if (on !== undefined && parseDate(on) !== undefined)
      days.push((parseDate(on)! - parseDate(todayIn(deadline.resolved, timeZone))!) / DAY_MS);
    if (!deadlinePassed(deadline, now)) {
      notYetDue.push({
        incident: fact.id,
        dueDate: deadline.dueDate,
        postmortem: fact.incident.data.postmortem ?? 'draft',
        file: fact.incident.file,
      });
      continue;
    }
    due++;
    if (!isPublished) overdue++;
    else if (on !== undefined && publishedOnTime_(deadline, on)) publishedOnTime++;
  }
  return {
    required,
    published,
    due,
    publishedOnTime,
    overdue,
    publishedShare: share(published, required),
    onTimeShare: share(publishedOnTime, due),
    medianDaysToPublish: median(days),
    notYetDue,
  };
}

export interface ActionItemRow extends ActionItemSummary {
  incident: string;
  file: string;
}

export interface ActionItemCounts {
  total: number;
  open: number;
  overdue: number;
  done: number;
  wontDo: number;
  /** done / (total − won't do), in percent. */
  completionRate: number | null;
  /** Median days from the incident's resolved date (its start date while open) to the Done column's date. */
  medianDaysToClose: number | null;
}

export interface ActionItemFigures extends ActionItemCounts {
  byOwner: ({ owner: string } & ActionItemCounts)[];
  byTeam: ({ team: string } & ActionItemCounts)[];
  /** Open items past their due date, most overdue first. */
  overdueItems: ActionItemRow[];
}

export function actionItemFigures(catalog: Catalog, facts: IncidentFacts[], today: string): ActionItemFigures {
  const all: { row: ActionItemRow; closeDays?: number; teams: string[] }[] = [];
  for (const fact of facts) {
    const from = localDateOf(fact.incident.data.resolved ?? '') ?? localDateOf(fact.incident.data.started ?? '');
    for (const item of readActionItems(fact.incident)?.items ?? []) {
      const done = parseDate(item.done);
      const closeDays =
        item.status === 'done' && done !== undefined && from ? (done - parseDate(from)!) / DAY_MS : undefined;
      const key = item.owner.trim().toLowerCase();
      const teams =
        catalog.people.get(key)?.teams ??
        [...catalog.teams.values()]
          .filter((t) => `@${t.metadata.name}`.toLowerCase() === key || t.spec.github?.toLowerCase() === key)
          .map((t) => t.metadata.name);
      all.push({
        row: {
          incident: fact.id,
          file: fact.incident.file,
          line: item.line,
          id: item.id,
          action: item.action,
          owner: item.owner,
          due: item.due,
          priority: item.priority,
          status: item.status,
        },
        closeDays,
        teams,
      });
    }
  }
  const counts = (items: typeof all): ActionItemCounts => {
    const c = { total: items.length, open: 0, overdue: 0, done: 0, wontDo: 0 };
    for (const { row } of items) {
      if (row.status === 'done') c.done++;
      else if (row.status === 'wont-do') c.wontDo++;
      else if (OPEN_STATUSES.includes(row.status)) {
        c.open++;
        if (parseDate(row.due) !== undefined && row.due < today) c.overdue++;
      }
    }
    return {
      ...c,
      completionRate: share(c.done, c.total - c.wontDo),
      medianDaysToClose: median(items.map((i) => i.closeDays).filter((d): d is number => d !== undefined)),
    };
  };
  const group = <K extends string>(keys: (i: (typeof all)[number]) => string[], name: K) => {
    const map = new Map<string, typeof all>();
    for (const item of all) for (const key of keys(item)) appendTo(map, key, item);
    return [...map]
      .map(([key, items]) => ({ [name]: key, ...counts(items) }) as { [P in K]: string } & ActionItemCounts)
      .sort((a, b) => b.open - a.open || b.total - a.total);
  };
  const overdueItems = all
    .map((i) => i.row)
    .filter((r) => OPEN_STATUSES.includes(r.status) && parseDate(r.due) !== undefined && r.due < today)
    .sort((a, b) => a.due.localeCompare(b.due));
  return {
    ...counts(all),
    byOwner: group((i) => [i.row.owner || '(none)'], 'owner'),
    byTeam: group((i) => (i.teams.length ? i.teams : ['(no team)']), 'team'),
    overdueItems,
  };
}

export interface Repeat {
  incident: string;
  repeatOf: string;
  services: string[];
  factors: string[];
  days: number;
}

/** Incidents started in the window that repeat an earlier one: a shared service and a shared contributing factor within `windowMs`. */
export function repeatIncidents(
  all: IncidentFacts[],
  window: { start: number; end: number },
  windowMs: number,
): Repeat[] {
  const repeats: Repeat[] = [];
  const sorted = [...all].sort((a, b) => a.started - b.started);
  for (let i = 0; i < sorted.length; i++) {
    const later = sorted[i]!;
    if (later.started < window.start || later.started >= window.end) continue;
    const factors = new Set(later.incident.data.contributing_factors ?? []);
    // Newest earlier incident first: the closest repeat is the one people recognise.
    for (let j = i - 1; j >= 0 && later.started - sorted[j]!.started <= windowMs; j--) {
      const earlier = sorted[j]!;
      const services = later.services.filter((s) => earlier.services.includes(s));
      const shared = (earlier.incident.data.contributing_factors ?? []).filter((f) => factors.has(f));
      if (services.length && shared.length) {
        repeats.push({
          incident: later.id,
          repeatOf: earlier.id,
          services,
          factors: shared,
          days: (later.started - earlier.started) / DAY_MS,
        });
        break;
      }
    }
  }
  return repeats;
}
