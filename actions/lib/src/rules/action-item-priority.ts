import { eachActionItem, reportUnlessOneOf } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemPriority: Rule = {
  id: 'action-item-priority',
  description: 'Every action item has a priority defined in the FollowUpPolicy (P0 to P3 by default).',
  defaultLevel: 'error',
  check(context) {
    const priorities = context.catalog.followUp.priorities.map((p) => p.id);
    if (priorities.length === 0) return;
    eachActionItem(context, 'priority', (incident, item) =>
      reportUnlessOneOf(context, incident, item, 'priority', priorities),
    );
  },
};
