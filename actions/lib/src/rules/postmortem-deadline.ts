import { deadlinePassed, postmortemDeadline as deadlineOf } from '../model/deadlines.ts';
import { formatDuration } from '../time/duration.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const postmortemDeadline: Rule = {
  id: 'postmortem-deadline',
  description: "A resolved incident's required postmortem is published within the severity's deadline.",
  defaultLevel: 'warning',
  docs: `Learning fades fast: the Severities policy sets, per level, whether a postmortem is required and
its deadline counted from \`resolved\` (for example 5 days for SEV0 and SEV1). A deadline in whole
days ends with the last of those calendar days in the Config time zone (resolved on Monday evening
with 5d: due by the end of Saturday); a shorter one (\`12h\`) ends at that exact instant. Past
the deadline a postmortem that is still \`draft\` or \`in-review\` is reported every run until it
is published. The report and follow-ups use the same definition (docs/metrics.md).

It is a warning by default so that a late postmortem never blocks unrelated pull requests; set it
to \`error\` in the Config kind to make it block.

SEV1 postmortems are due 5 days after \`resolved\`; on 2026-11-21:

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV1
status: resolved
services: [api]
commander: "@alice"
started: 2026-11-02T09:00:00+01:00
detected: 2026-11-02T09:05:00+01:00
acknowledged: 2026-11-02T09:12:00+01:00
mitigated: 2026-11-02T09:20:00+01:00
resolved: 2026-11-02T10:00:00+01:00
postmortem: draft
roles:
  communications: "@bob"
---
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV1
status: resolved
services: [api]
commander: "@alice"
started: 2026-11-02T09:00:00+01:00
detected: 2026-11-02T09:05:00+01:00
acknowledged: 2026-11-02T09:12:00+01:00
mitigated: 2026-11-02T09:20:00+01:00
resolved: 2026-11-02T10:00:00+01:00
postmortem: published
postmortem_published: 2026-11-06
roles:
  communications: "@bob"
---
\`\`\``,
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
