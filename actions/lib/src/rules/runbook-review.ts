import { runbookReviewDue } from '../model/deadlines.ts';
import { formatDuration } from '../time/duration.ts';
import { formatDate, parseDate, DAY_MS } from '../time/dates.ts';
import { fieldAt } from './helpers.ts';
import type { Rule } from './rule.ts';

export const runbookReview: Rule = {
  id: 'runbook-review',
  description:
    'Runbooks are reviewed within their review interval (last_reviewed + review_every), and last_reviewed is not in the future.',
  defaultLevel: 'warning',
  docs: `A runbook nobody has read in a year is a trap at 3 a.m. Each runbook says when it was last reviewed
and how often it must be; once the interval has passed it is reported until someone reviews it and
updates \`last_reviewed\`.

\`\`\`yaml
last_reviewed: 2026-09-14
review_every: 90d      # due again on 2026-12-13
\`\`\`

On 2026-11-21:

Invalid:

\`\`\`markdown example invalid runbooks/login-rollback.md
---
id: login-rollback
title: Roll back the login service
services: [api]
owner: "@platform"
last_reviewed: 2026-05-04
review_every: 90d
---

# Roll back the login service

1. Redeploy the previous release.
\`\`\`

Valid:

\`\`\`markdown example valid runbooks/login-rollback.md
---
id: login-rollback
title: Roll back the login service
services: [api]
owner: "@platform"
last_reviewed: 2026-10-01
review_every: 90d
---

# Roll back the login service

1. Redeploy the previous release.
\`\`\``,
  check({ repo, now, report }) {
    const today = formatDate(now);
    for (const runbook of repo.runbooks) {
      if (!runbook.valid) continue;
      const reviewed = parseDate(runbook.data.last_reviewed);
      const due = runbookReviewDue(runbook);
      if (reviewed === undefined || due === undefined) continue;
      if (reviewed > now) {
        report({
          file: runbook.file,
          at: fieldAt(runbook, ['last_reviewed']),
          message: `Runbook ${runbook.data.id} was last reviewed on ${runbook.data.last_reviewed}, which is after today (${today}).`,
          hint: 'Use the date the review happened.',
        });
        continue;
      }
      if (now >= due + DAY_MS) {
        report({
          file: runbook.file,
          at: fieldAt(runbook, ['last_reviewed']),
          message: `Runbook ${runbook.data.id} was due for review on ${formatDate(due)} (last reviewed ${runbook.data.last_reviewed}, every ${runbook.data.review_every}); that is ${formatDuration(now - due)} ago.`,
          hint: `Walk through it, fix what changed, and set last_reviewed: ${today}.`,
        });
      }
    }
  },
};
