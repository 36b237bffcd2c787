import { cellAt } from '../model/action-items.ts';
import { closest } from '../text/suggest.ts';
import { actionItemLabel, eachActionItem } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemPriority: Rule = {
  id: 'action-item-priority',
  description: 'Every action item has a priority defined in the FollowUpPolicy (P0 to P3 by default).',
  defaultLevel: 'error',
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
