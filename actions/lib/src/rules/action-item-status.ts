import { ACTION_ITEM_STATUSES } from '../model/action-items.ts';
import { eachActionItem, reportUnlessOneOf } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemStatus: Rule = {
  id: 'action-item-status',
  description: 'Every action item has a status: open, in-progress, blocked, done or wont-do.',
  defaultLevel: 'error',
  check(context) {
    eachActionItem(context, 'status', (incident, item) =>
      reportUnlessOneOf(context, incident, item, 'status', ACTION_ITEM_STATUSES, (status) =>
        status.replace(/\s+/g, '-'),
      ),
    );
  },
};
