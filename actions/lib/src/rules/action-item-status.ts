import { ACTION_ITEM_STATUSES, cellAt } from '../model/action-items.ts';
import { closest } from '../text/suggest.ts';
import { actionItemLabel, eachActionItem } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemStatus: Rule = {
  id: 'action-item-status',
  description: 'Every action item has a status: open, in-progress, blocked, done or wont-do.',
  defaultLevel: 'error',
  check(context) {
    eachActionItem(context, 'status', (incident, item) => {
      if ((ACTION_ITEM_STATUSES as readonly string[]).includes(item.status)) return;
      const guess = closest(item.status.replace(/\s+/g, '-'), ACTION_ITEM_STATUSES);
      context.report({
        file: incident.file,
        at: cellAt(item, 'status'),
        message: item.status
          ? `${actionItemLabel(incident, item)}: "${item.cells.status?.text}" is not a status.`
          : `${actionItemLabel(incident, item)} has no status.`,
        hint: `Use one of ${ACTION_ITEM_STATUSES.join(', ')}${guess && item.status ? ` (did you mean ${guess}?)` : ''}.`,
      });
    });
  },
};
