import { ACTION_ITEMS_HEADER, readActionItems } from '../model/action-items.ts';
import { incidentName, list, readableIncidents } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemTable: Rule = {
  id: 'action-item-table',
  description: 'The action-items table has the columns ID, Action, Owner, Due, Priority and Status.',
  defaultLevel: 'error',
  check({ repo, report }) {
    for (const incident of readableIncidents(repo)) {
      const table = readActionItems(incident);
      if (!table?.table || table.missingColumns.length === 0) continue;
      report({
        file: incident.file,
        at: { line: table.table.line, column: 1 },
        message: `${incidentName(incident)}: the action-items table has no ${list(table.missingColumns.map((c) => c.charAt(0).toUpperCase() + c.slice(1)))} column.`,
        hint: `Use the columns ${ACTION_ITEMS_HEADER}`,
      });
    }
  },
};
