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
