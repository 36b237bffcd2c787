import { cellAt } from '../model/action-items.ts';
import { resolveHandle } from '../model/catalog.ts';
import { closest } from '../text/suggest.ts';
import { actionItemLabel, definitionsUnreadable, eachActionItem } from './helpers.ts';
import type { Rule } from './rule.ts';

export const actionItemOwner: Rule = {
  id: 'action-item-owner',
  description: 'Every action item has one owner: the @handle of a known person or team.',
  defaultLevel: 'error',
  check(context) {
    const { catalog } = context;
    // Owners may be defined in a policy file that could not be read: not reported until it is fixed.
    const unverifiable = definitionsUnreadable(context.repo, [context.repo.paths.policies]);
    eachActionItem(context, 'owner', (incident, item) => {
      const at = cellAt(item, 'owner');
      if (!item.owner) {
        context.report({
          file: incident.file,
          at,
          message: `${actionItemLabel(incident, item)} has no owner.`,
          hint: 'Name one person or team, e.g. @alice or @platform.',
        });
        return;
      }
      const handles = item.owner.split(/[\s,;&]+|\band\b/).filter(Boolean);
      if (handles.length > 1) {
        context.report({
          file: incident.file,
          at,
          message: `${actionItemLabel(incident, item)} has several owners (${item.owner}).`,
          hint: 'Name exactly one owner; split the item if two people do different parts.',
        });
        return;
      }
      const owner = item.owner.startsWith('@') ? item.owner : `@${item.owner}`;
      if (resolveHandle(catalog, owner)) {
        if (!item.owner.startsWith('@'))
          context.report({
            file: incident.file,
            at,
            message: `${actionItemLabel(incident, item)}: write the owner as ${owner}.`,
            hint: 'Owners are @handles.',
          });
        return;
      }
      if (unverifiable) return;
      const known = [...catalog.known.people.values(), ...catalog.known.teamHandles.values()];
      const guess = closest(owner, known);
      context.report({
        file: incident.file,
        at,
        message: `${actionItemLabel(incident, item)}: the owner ${item.owner} is not a known person or team.`,
        hint: guess
          ? `Did you mean ${guess}? Otherwise add them to a Team in policies/.`
          : 'Add them to a Team in policies/, or choose an owner from the teams.',
      });
    });
  },
};
