import { findSection, postmortemUnderReview } from '../model/postmortem.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const postmortemSections: Rule = {
  id: 'postmortem-sections',
  description:
    'A postmortem in review or published has the sections its severity requires (PostmortemPolicy), and they are not empty.',
  defaultLevel: 'error',
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
