import { cellAt, OPEN_STATUSES } from '../model/action-items.ts';
import type { Incident } from '../model/types.ts';
import { addDays, localDateOf, parseDate } from '../time/dates.ts';
import { resolveRelativeDate } from '../time/relative-date.ts';
import { actionItemLabel, eachActionItem } from './helpers.ts';
import type { Rule } from './rule.ts';

/** The date an incident's deadlines count from: the local date it was resolved, or started while open. */
function incidentReferenceDate(incident: Incident): string | undefined {
  const stamp = incident.data.resolved ?? incident.data.started;
  return typeof stamp === 'string' ? localDateOf(stamp) : undefined;
}

export const actionItemDue: Rule = {
  id: 'action-item-due',
  description:
    "Every action item has an absolute due date (YYYY-MM-DD), not before the incident, within the follow-up policy's limit for its priority.",
  defaultLevel: 'error',
  check(context) {
    const { catalog } = context;
    eachActionItem(context, 'due', (incident, item) => {
      const at = cellAt(item, 'due');
      const from = incidentReferenceDate(incident);
      if (!item.due) {
        context.report({
          file: incident.file,
          at,
          message: `${actionItemLabel(incident, item)} has no due date.`,
          hint: from
            ? `Write the date you commit to as YYYY-MM-DD, e.g. ${addDays(from, 14)}.`
            : 'Write the date you commit to as YYYY-MM-DD.',
        });
        return;
      }
      if (parseDate(item.due) === undefined) {
        const absolute = from ? resolveRelativeDate(item.due, from) : undefined;
        const looksLikeDate = /^\d{4}-\d{1,2}-\d{1,2}$/.test(item.due);
        context.report({
          file: incident.file,
          at,
          message: looksLikeDate
            ? `${actionItemLabel(incident, item)}: "${item.due}" is not a real date.`
            : `${actionItemLabel(incident, item)}: the due date "${item.due}" is not an absolute date.`,
          hint: absolute
            ? `Write ${absolute} (${item.due} after ${from}, the day the incident was ${incident.data.resolved ? 'resolved' : 'started'}).`
            : looksLikeDate
              ? 'Write it as YYYY-MM-DD with a month and day that exist.'
              : `Write the date you commit to as YYYY-MM-DD${from ? `, e.g. ${addDays(from, 14)}` : ''}; a milestone like "next release" cannot be tracked.`,
        });
        return;
      }
      const started = typeof incident.data.started === 'string' ? localDateOf(incident.data.started) : undefined;
      if (started && item.due < started) {
        context.report({
          file: incident.file,
          at,
          message: `${actionItemLabel(incident, item)} is due ${item.due}, before the incident started (${started}).`,
          hint: 'Check the year and month of the due date.',
        });
        return;
      }
      const priority = catalog.followUp.priorities.find((p) => p.id === item.priority);
      if (!priority?.maxDays || !from || !OPEN_STATUSES.includes(item.status)) return;
      const latest = addDays(from, priority.maxDays);
      if (item.due > latest) {
        context.report({
          file: incident.file,
          at,
          message: `${actionItemLabel(incident, item)} is due ${item.due}, later than ${priority.maxDays} days after the incident allowed for ${priority.id} (latest ${latest}).`,
          hint: `Bring the date forward to ${latest} or earlier, or lower the priority if it really can wait.`,
        });
      }
    });
  },
};
