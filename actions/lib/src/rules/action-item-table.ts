import { ACTION_ITEMS_HEADER, readActionItems } from '../model/action-items.ts';
import { incidentName, list, readableIncidents } from './helpers.ts';
import type { Rule } from './rule.ts';
import { EXAMPLE_INCIDENT, EXAMPLE_ACTION_ITEMS } from './examples.ts';

export const actionItemTable: Rule = {
  id: 'action-item-table',
  description: 'The action-items table has the columns ID, Action, Owner, Due, Priority and Status.',
  defaultLevel: 'error',
  docs: `The follow-ups automation and the metrics read the action-items table by its column names. Order is
free and case is ignored; accepted names: ID; Action (Item, Description); Owner (Assignee); Due
(Due date); Priority (Prio); Status (State); Issue (Tracking issue, optional). Extra columns are kept.

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
## Action Items

| ID   | Action                       | Due        | Priority | Status |
|------|------------------------------|------------|----------|--------|
| AI-1 | Retry the token refresh once | 2026-11-16 | P1       | open   |
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | open   |
\`\`\``,
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
