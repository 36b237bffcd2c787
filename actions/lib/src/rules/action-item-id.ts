import { cellAt } from '../model/action-items.ts';
import { actionItemLabel, eachActionItem, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';
import { EXAMPLE_INCIDENT, EXAMPLE_ACTION_ITEMS } from './examples.ts';

export const actionItemId: Rule = {
  id: 'action-item-id',
  description: 'Every action item has a stable ID (AI-1, AI-2 ...) unique within its postmortem.',
  defaultLevel: 'error',
  docs: `Tracking issues find their action item by incident id and item ID, so an ID must never change or be
reused within the postmortem. Add new items with the next number; do not renumber when deleting.

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | open   |
| AI-1 | Retry the token refresh once | @alice | 2026-11-16 | P1       | open   |
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | open   |
| AI-2 | Alert on login error rate    | @alice | 2026-11-16 | P1       | open   |
\`\`\``,
  check(context) {
    const seen = new Map<string, Map<string, number>>();
    eachActionItem(context, 'id', (incident, item) => {
      if (!/^AI-\d{1,5}$/.test(item.id)) {
        context.report({
          file: incident.file,
          at: cellAt(item, 'id'),
          message: item.id
            ? `${incidentName(incident)}: "${item.id}" is not an action item ID.`
            : `${actionItemLabel(incident, item)} has no ID.`,
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
