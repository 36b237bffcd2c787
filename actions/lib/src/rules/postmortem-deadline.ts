import { deadlinePassed, postmortemDeadline as deadlineOf } from '../model/deadlines.ts';
import { formatDuration } from '../time/duration.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const postmortemDeadline: Rule = {
  id: 'postmortem-deadline',
  description: "A resolved incident's required postmortem is published within the severity's deadline.",
  defaultLevel: 'warning',
  check({ repo, catalog, now, report }) {
    for (const incident of repo.incidents) {
      if (!incident.valid || incident.data.postmortem === 'published') continue;
      const deadline = deadlineOf(incident, catalog, repo.config.timezone);
      if (!deadline || !deadlinePassed(deadline, now)) continue;
      const { resolved } = deadline;
      report({
        file: incident.file,
        at: fieldAt(incident, ['postmortem']),
        message: `${incidentName(incident)} (${incident.data.severity}) was resolved ${formatDuration(now - resolved)} ago; its postmortem was due within ${deadline.deadline} (by ${deadline.dueDate}) and is still ${incident.data.postmortem ?? 'draft'}.`,
        hint: 'Finish the review and set postmortem: published with postmortem_published: <date>.',
      });
    }
  },
};
