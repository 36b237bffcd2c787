// One review comment per pull request: found again by its marker among the automation's own
// comments (every page), updated in place, never posted twice. When a crash or a race left more
// than one, the oldest is kept and the others (only ever the bot's own) are deleted.
import type { GitHubPort } from '../github/port.ts';
import { findOwnMarked } from '../markdown-out/index.ts';
import { REVIEW_MARKER_KIND } from './comment.ts';

export type UpsertResult = 'created' | 'updated' | 'unchanged';

export async function upsertReviewComment(
  port: GitHubPort,
  pullRequest: number,
  body: string,
  identity: string,
): Promise<{ action: UpsertResult; deleted: number }> {
  const comments = await port.listComments(pullRequest);
  // Comment ids grow with time: the lowest is the oldest.
  const mine = findOwnMarked(comments, REVIEW_MARKER_KIND, identity, { atStart: true })
    .map((f) => f.item)
    .sort((a, b) => a.id - b.id);
  const [kept, ...extra] = mine;
  for (const duplicate of extra) await port.deleteComment(duplicate.id);
  if (!kept) {
    await port.createComment(pullRequest, body);
    return { action: 'created', deleted: extra.length };
  }
  if (kept.body === body) return { action: 'unchanged', deleted: extra.length };
  await port.updateComment(kept.id, body);
  return { action: 'updated', deleted: extra.length };
}
