import { ACTION_ITEMS_HEADER, readActionItems } from '../model/action-items.ts';
import { postmortemUnderReview } from '../model/postmortem.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemsRequired: Rule = {
  id: 'action-items-required',
  description:
    'A postmortem in review or published has an Action Items section with a table, and at least one item where the policy requires it.',
  defaultLevel: 'error',
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
          hint: `Add "## Action Items" and a table with the columns ${ACTION_ITEMS_HEADER}`,
        });
      } else if (!table.table) {
        report({
          file: incident.file,
          at: { line: table.headingLine, column: 1 },
          message: `${incidentName(incident)}: the Action Items section has no table.`,
          hint: `Write the items as a table with the columns ${ACTION_ITEMS_HEADER}`,
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
