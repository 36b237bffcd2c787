import { cellAt } from '../model/action-items.ts';
import { closest } from '../text/suggest.ts';
import { actionItemLabel, eachActionItem } from './helpers.ts';
import type { Rule } from './rule.ts';
import { EXAMPLE_INCIDENT, EXAMPLE_ACTION_ITEMS } from './examples.ts';

export const actionItemPriority: Rule = {
  id: 'action-item-priority',
  description: 'Every action item has a priority defined in the FollowUpPolicy (P0 to P3 by default).',
  defaultLevel: 'error',
  docs: `The priority decides the due-date limit, the reminders and the escalation of an item; the
FollowUpPolicy defines the priorities.

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | high     | open   |
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | open   |
\`\`\``,
  check(context) {
    const priorities = context.catalog.followUp.priorities.map((p) => p.id);
    if (priorities.length === 0) return;
    eachActionItem(context, 'priority', (incident, item) => {
      if (priorities.includes(item.priority)) return;
      const guess = closest(item.priority, priorities);
      context.report({
        file: incident.file,
        at: cellAt(item, 'priority'),
        message: item.priority
          ? `${actionItemLabel(incident, item)}: "${item.priority}" is not a priority.`
          : `${actionItemLabel(incident, item)} has no priority.`,
        hint: `Use one of ${priorities.join(', ')}${guess && item.priority ? ` (did you mean ${guess}?)` : ''}.`,
      });
    });
  },
};
