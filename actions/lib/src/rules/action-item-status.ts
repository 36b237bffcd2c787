import { ACTION_ITEM_STATUSES, cellAt } from '../model/action-items.ts';
import { closest } from '../text/suggest.ts';
import { actionItemLabel, eachActionItem } from './helpers.ts';
import type { Rule } from './rule.ts';
import { EXAMPLE_INCIDENT, EXAMPLE_ACTION_ITEMS } from './examples.ts';

export const actionItemStatus: Rule = {
  id: 'action-item-status',
  description: 'Every action item has a status: open, in-progress, blocked, done or wont-do.',
  defaultLevel: 'error',
  docs: `The status is what the follow-ups automation reconciles with GitHub issues: \`done\` closes the
tracking issue, the open ones (\`open\`, \`in-progress\`, \`blocked\`) are tracked and escalated,
\`wont-do\` records a decision not to do it.

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | todo   |
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | open   |
\`\`\``,
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
