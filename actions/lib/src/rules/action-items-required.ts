import { ACTION_ITEMS_HEADER, readActionItems } from '../model/action-items.ts';
import { postmortemUnderReview } from '../model/postmortem.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';
import { EXAMPLE_ACTION_ITEMS } from './examples.ts';

export const actionItemsRequired: Rule = {
  id: 'action-items-required',
  description:
    'A postmortem in review or published has an Action Items section with a table, and at least one item where the policy requires it.',
  defaultLevel: 'error',
  docs: `The action-items table is the forcing function of a postmortem: it is how an incident turns into
improvements. The PostmortemPolicy's \`actionItemsRequiredFor\` lists the severities that must
have at least one item once the postmortem is \`in-review\` or \`published\`.

\`\`\`markdown
## Action Items

${ACTION_ITEMS_HEADER}
|------|--------|-------|-----|----------|--------|-------|
| AI-1 | Alert on p99 latency per region | @alice | 2026-11-17 | P1 | open | |
\`\`\`

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV1
status: investigating
services: [api]
commander: "@alice"
started: 2026-11-02T09:00:00+01:00
postmortem: in-review
roles:
  communications: "@bob"
---

## Summary

Logins failed for 20 minutes after a deploy.
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV1
status: investigating
services: [api]
commander: "@alice"
started: 2026-11-02T09:00:00+01:00
postmortem: in-review
roles:
  communications: "@bob"
---

## Summary

Logins failed for 20 minutes after a deploy.

${EXAMPLE_ACTION_ITEMS}| AI-1 | Retry the token refresh once | @carol | 2026-11-16 | P1       | open   |
\`\`\``,
  check({ repo, catalog, report }) {
    const required = catalog.postmortem?.actionItemsRequiredFor ?? [];
    for (const incident of repo.incidents) {
      if (!incident.valid || !postmortemUnderReview(incident) || !required.includes(incident.data.severity)) continue;
      const table = readActionItems(incident);
      if (!table) {
        report({
          file: incident.file,
          at: fieldAt(incident, ['postmortem']),
          message: `${incidentName(incident)} (${incident.data.severity}) has no "Action Items" section; the postmortem policy requires at least one action item.`,
          hint: `Add "## Action Items" and a table with the columns ${ACTION_ITEMS_HEADER}`,
        });
      } else if (!table.table) {
        report({
          file: incident.file,
          at: { line: table.headingLine, column: 1 },
          message: `${incidentName(incident)}: the Action Items section has no table.`,
          hint: `Write the items as a table with the columns ${ACTION_ITEMS_HEADER}`,
        });
      } else if (table.items.length === 0) {
        report({
          file: incident.file,
          at: { line: table.table.line, column: 1 },
          message: `${incidentName(incident)} (${incident.data.severity}) has no action items; the postmortem policy requires at least one.`,
          hint: 'Add a row per improvement: specific, owned, with a due date.',
        });
      }
    }
  },
};
