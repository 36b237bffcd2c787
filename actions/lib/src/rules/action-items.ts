import {
  OPEN_STATUSES,
  ACTION_ITEM_STATUSES,
  readActionItems,
  type ActionItem,
  type ActionItemField,
  type ActionItemsTable,
} from '../model/action-items.ts';
import { resolveHandle } from '../model/catalog.ts';
import { postmortemUnderReview } from '../model/postmortem.ts';
import type { Incident } from '../model/types.ts';
import { closest } from '../text/suggest.ts';
import { addDays, localDateOf, parseDate } from '../time/dates.ts';
import { resolveRelativeDate } from '../time/relative-date.ts';
import { definitionsUnreadable, fieldAt, incidentName, list, readableIncidents } from './helpers.ts';
import type { Rule, RuleContext } from './rule.ts';
import type { Position } from '../diagnostics.ts';

const COLUMNS = '| ID | Action | Owner | Due | Priority | Status | Issue |';

function cellAt(item: ActionItem, field: ActionItemField): Position {
  const cell = item.cells[field];
  return cell ? { line: cell.line, column: cell.column } : { line: item.line, column: 1 };
}

function label(incident: Incident, item: ActionItem): string {
  return `${incidentName(incident)}, action item ${item.id || `on line ${item.line}`}`;
}

/** Runs `check` on every action item of every table that has the `field` column (action-item-table reports a missing one). */
function eachItem(
  context: RuleContext,
  field: ActionItemField,
  check: (incident: Incident, item: ActionItem, table: ActionItemsTable) => void,
): void {
  for (const incident of readableIncidents(context.repo)) {
    const table = readActionItems(incident);
    if (!table?.table || table.columns[field] === undefined) continue;
    for (const item of table.items) check(incident, item, table);
  }
}

export const actionItemsRequired: Rule = {
  id: 'action-items-required',
  description:
    'A postmortem in review or published has an Action Items section with a table, and at least one item where the policy requires it.',
  defaultLevel: 'error',
  docs: `The action-items table is the forcing function of a postmortem: it is how an incident turns into
improvements. The PostmortemPolicy's \`actionItemsRequiredFor\` lists the severities that must
have at least one item once the postmortem is \`in-review\` or \`published\`.

\`\`\`markdown
## Action Items

${COLUMNS}
|------|--------|-------|-----|----------|--------|-------|
| AI-1 | Alert on p99 latency per region | @alice | 2026-11-17 | P1 | open | |
\`\`\``,
  check({ repo, catalog, report }) {
    const required = catalog.postmortem?.actionItemsRequiredFor ?? [];
    for (const incident of repo.incidents) {
      if (!incident.valid || !postmortemUnderReview(incident) || !required.includes(incident.data.severity)) continue;
      const table = readActionItems(incident);
      if (!table) {
        report({
          file: incident.file,
          at: fieldAt(incident, ['postmortem']),
          message: `${incidentName(incident)} (${incident.data.severity}) has no "Action Items" section; the postmortem policy requires at least one action item.`,
          hint: `Add "## Action Items" and a table with the columns ${COLUMNS}`,
        });
      } else if (!table.table) {
        report({
          file: incident.file,
          at: { line: table.headingLine, column: 1 },
          message: `${incidentName(incident)}: the Action Items section has no table.`,
          hint: `Write the items as a table with the columns ${COLUMNS}`,
        });
      } else if (table.items.length === 0) {
        report({
          file: incident.file,
          at: { line: table.table.line, column: 1 },
          message: `${incidentName(incident)} (${incident.data.severity}) has no action items; the postmortem policy requires at least one.`,
          hint: 'Add a row per improvement: specific, owned, with a due date.',
        });
      }
    }
  },
};

export const actionItemTable: Rule = {
  id: 'action-item-table',
  description: 'The action-items table has the columns ID, Action, Owner, Due, Priority and Status.',
  defaultLevel: 'error',
  docs: `The follow-ups automation and the metrics read the action-items table by its column names. Order is
free and case is ignored; accepted names: ID; Action (Item, Description); Owner (Assignee); Due
(Due date); Priority (Prio); Status (State); Issue (Tracking issue, optional). Extra columns are kept.`,
  check({ repo, report }) {
    for (const incident of readableIncidents(repo)) {
      const table = readActionItems(incident);
      if (!table?.table || table.missingColumns.length === 0) continue;
      report({
        file: incident.file,
        at: { line: table.table.line, column: 1 },
        message: `${incidentName(incident)}: the action-items table has no ${list(table.missingColumns.map((c) => c.charAt(0).toUpperCase() + c.slice(1)))} column.`,
        hint: `Use the columns ${COLUMNS}`,
      });
    }
  },
};

export const actionItemId: Rule = {
  id: 'action-item-id',
  description: 'Every action item has a stable ID (AI-1, AI-2 ...) unique within its postmortem.',
  defaultLevel: 'error',
  docs: `Tracking issues find their action item by incident id and item ID, so an ID must never change or be
reused within the postmortem. Add new items with the next number; do not renumber when deleting.`,
  check(context) {
    const seen = new Map<string, Map<string, number>>();
    eachItem(context, 'id', (incident, item) => {
      if (!/^AI-\d{1,5}$/.test(item.id)) {
        context.report({
          file: incident.file,
          at: cellAt(item, 'id'),
          message: item.id
            ? `${incidentName(incident)}: "${item.id}" is not an action item ID.`
            : `${label(incident, item)} has no ID.`,
          hint: 'Use AI-<number>, e.g. AI-3, the next number not used in this postmortem.',
        });
        return;
      }
      const ids = seen.get(incident.file) ?? new Map<string, number>();
      seen.set(incident.file, ids);
      const first = ids.get(item.id);
      if (first !== undefined)
        context.report({
          file: incident.file,
          at: cellAt(item, 'id'),
          message: `${incidentName(incident)}: action item ID ${item.id} is used twice (first on line ${first}).`,
          hint: 'Give this item the next unused number; never renumber existing items.',
        });
      else ids.set(item.id, item.line);
    });
  },
};

export const actionItemOwner: Rule = {
  id: 'action-item-owner',
  description: 'Every action item has one owner: the @handle of a known person or team.',
  defaultLevel: 'error',
  docs: `An item without an owner is an item nobody does. The owner is one \`@handle\` of a member of a
Team, or \`@<team name>\` (or the team's GitHub slug) for a team.`,
  check(context) {
    const { catalog } = context;
    // Owners may be defined in a policy file that could not be read: not reported until it is fixed.
    const unverifiable = definitionsUnreadable(context.repo, [context.repo.paths.policies]);
    eachItem(context, 'owner', (incident, item) => {
      const at = cellAt(item, 'owner');
      if (!item.owner) {
        context.report({
          file: incident.file,
          at,
          message: `${label(incident, item)} has no owner.`,
          hint: 'Name one person or team, e.g. @alice or @platform.',
        });
        return;
      }
      const handles = item.owner.split(/[\s,;&]+|\band\b/).filter(Boolean);
      if (handles.length > 1) {
        context.report({
          file: incident.file,
          at,
          message: `${label(incident, item)} has several owners (${item.owner}).`,
          hint: 'Name exactly one owner; split the item if two people do different parts.',
        });
        return;
      }
      const owner = item.owner.startsWith('@') ? item.owner : `@${item.owner}`;
      if (resolveHandle(catalog, owner)) {
        if (!item.owner.startsWith('@'))
          context.report({
            file: incident.file,
            at,
            message: `${label(incident, item)}: write the owner as ${owner}.`,
            hint: 'Owners are @handles.',
          });
        return;
      }
      if (unverifiable) return;
      const known = [...catalog.known.people.values(), ...catalog.known.teamHandles.values()];
      const guess = closest(owner, known);
      context.report({
        file: incident.file,
        at,
        message: `${label(incident, item)}: the owner ${item.owner} is not a known person or team.`,
        hint: guess
          ? `Did you mean ${guess}? Otherwise add them to a Team in policies/.`
          : 'Add them to a Team in policies/, or choose an owner from the teams.',
      });
    });
  },
};

/** The date an incident's deadlines count from: the local date it was resolved, or started while open. */
export function incidentReferenceDate(incident: Incident): string | undefined {
  const stamp = incident.data.resolved ?? incident.data.started;
  return typeof stamp === 'string' ? localDateOf(stamp) : undefined;
}

export const actionItemDue: Rule = {
  id: 'action-item-due',
  description:
    "Every action item has an absolute due date (YYYY-MM-DD), not before the incident, within the follow-up policy's limit for its priority.",
  defaultLevel: 'error',
  docs: `"2 weeks" or "next release" cannot be tracked or escalated: write the date you commit to. For a
relative date the message computes the absolute one from the incident (from \`resolved\`, or from
\`started\` while the incident is open).

The due date must not be before the incident started, and at most \`maxDays\` after the incident
(resolved date, or started date while open) for the item's priority in the FollowUpPolicy.
Items that are \`done\` or \`wont-do\` are not held to the limit.

\`\`\`markdown
| AI-2 | Add an index on settings.user_id | @platform | 2 weeks    | P2 | open |   <- error
| AI-2 | Add an index on settings.user_id | @platform | 2026-11-17 | P2 | open |   <- fixed
\`\`\``,
  check(context) {
    const { catalog } = context;
    eachItem(context, 'due', (incident, item) => {
      const at = cellAt(item, 'due');
      const from = incidentReferenceDate(incident);
      if (!item.due) {
        context.report({
          file: incident.file,
          at,
          message: `${label(incident, item)} has no due date.`,
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
            ? `${label(incident, item)}: "${item.due}" is not a real date.`
            : `${label(incident, item)}: the due date "${item.due}" is not an absolute date.`,
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
          message: `${label(incident, item)} is due ${item.due}, before the incident started (${started}).`,
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
          message: `${label(incident, item)} is due ${item.due}, later than ${priority.maxDays} days after the incident allowed for ${priority.id} (latest ${latest}).`,
          hint: `Bring the date forward to ${latest} or earlier, or lower the priority if it really can wait.`,
        });
      }
    });
  },
};

export const actionItemPriority: Rule = {
  id: 'action-item-priority',
  description: 'Every action item has a priority defined in the FollowUpPolicy (P0 to P3 by default).',
  defaultLevel: 'error',
  docs: `The priority decides the due-date limit, the reminders and the escalation of an item; the
FollowUpPolicy defines the priorities.`,
  check(context) {
    const priorities = context.catalog.followUp.priorities.map((p) => p.id);
    if (priorities.length === 0) return;
    eachItem(context, 'priority', (incident, item) => {
      if (priorities.includes(item.priority)) return;
      const guess = closest(item.priority, priorities);
      context.report({
        file: incident.file,
        at: cellAt(item, 'priority'),
        message: item.priority
          ? `${label(incident, item)}: "${item.priority}" is not a priority.`
          : `${label(incident, item)} has no priority.`,
        hint: `Use one of ${priorities.join(', ')}${guess && item.priority ? ` (did you mean ${guess}?)` : ''}.`,
      });
    });
  },
};

export const actionItemStatus: Rule = {
  id: 'action-item-status',
  description: 'Every action item has a status: open, in-progress, blocked, done or wont-do.',
  defaultLevel: 'error',
  docs: `The status is what the follow-ups automation reconciles with GitHub issues: \`done\` closes the
tracking issue, the open ones (\`open\`, \`in-progress\`, \`blocked\`) are tracked and escalated,
\`wont-do\` records a decision not to do it.`,
  check(context) {
    eachItem(context, 'status', (incident, item) => {
      if ((ACTION_ITEM_STATUSES as readonly string[]).includes(item.status)) return;
      const guess = closest(item.status.replace(/\s+/g, '-'), ACTION_ITEM_STATUSES);
      context.report({
        file: incident.file,
        at: cellAt(item, 'status'),
        message: item.status
          ? `${label(incident, item)}: "${item.cells.status?.text}" is not a status.`
          : `${label(incident, item)} has no status.`,
        hint: `Use one of ${ACTION_ITEM_STATUSES.join(', ')}${guess && item.status ? ` (did you mean ${guess}?)` : ''}.`,
      });
    });
  },
};
