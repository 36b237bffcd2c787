import { cellAt } from '../model/action-items.ts';
import { actionItemLabel, eachActionItem, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemId: Rule = {
  id: 'action-item-id',
  description: 'Every action item has a stable ID (AI-1, AI-2 ...) unique within its postmortem.',
  defaultLevel: 'error',
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
