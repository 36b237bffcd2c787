import { findSection, postmortemUnderReview } from '../model/postmortem.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const postmortemSections: Rule = {
  id: 'postmortem-sections',
  description:
    'A postmortem in review or published has the sections its severity requires (PostmortemPolicy), and they are not empty.',
  defaultLevel: 'error',
  docs: `The PostmortemPolicy says which sections each severity requires (for example Summary, Customer
Impact, Timeline, Contributing Factors and Action Items for SEV0 to SEV2). Headings match
whatever their level (\`#\` to \`######\`), case and punctuation, and each section may list
aliases ("Root Cause" for "Contributing Factors").

A section is empty when it holds only whitespace, HTML comments (the template's prompts) or a table
with no rows. Drafts are not checked: the rule applies once \`postmortem\` is \`in-review\` or
\`published\`.

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV3
status: investigating
services: [api]
commander: "@carol"
started: 2026-11-02T09:00:00+01:00
postmortem: in-review
---

## Summary

<!-- What happened, for whom, for how long? -->
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV3
status: investigating
services: [api]
commander: "@carol"
started: 2026-11-02T09:00:00+01:00
postmortem: in-review
---

## Summary

Logins failed for 20 minutes after a deploy changed the session key.
\`\`\``,
  check({ repo, catalog, report }) {
    const sections = catalog.postmortem?.sections ?? [];
    for (const incident of repo.incidents) {
      if (!incident.valid || !postmortemUnderReview(incident)) continue;
      for (const wanted of sections) {
        if (!(wanted.requiredFor ?? []).includes(incident.data.severity)) continue;
        const found = findSection(incident, wanted);
        if (!found) {
          report({
            file: incident.file,
            at:
              incident.body.headings.length === 0
                ? { line: incident.bodyLine, column: 1 }
                : fieldAt(incident, ['postmortem']),
            message: `${incidentName(incident)} (${incident.data.severity}) has no "${wanted.title}" section, which the postmortem policy requires.`,
            hint: `Add a heading "## ${wanted.title}"${wanted.aliases?.length ? ` (or ${wanted.aliases.map((a) => `"${a}"`).join(', ')})` : ''} with its content.`,
          });
        } else if (found.empty) {
          report({
            file: incident.file,
            at: { line: found.heading.line, column: found.heading.column },
            message: `${incidentName(incident)}: the "${found.heading.text}" section is empty.`,
            hint: `Write the ${wanted.title.toLowerCase()} under the heading, or set postmortem: draft until it is written.`,
          });
        }
      }
    }
  },
};
