// One review comment per pull request: found again by its marker among the automation's own
// comments (every page), updated in place, never posted twice.
import type { GitHubPort } from '../github/port.ts';
import { REVIEW_MARKER } from './comment.ts';

export async function upsertReviewComment(port: GitHubPort, pullRequest: number, body: string, identity: string): Promise<'created' | 'updated' | 'unchanged'> {
  const comments = await port.listComments(pullRequest);
  const mine = comments.find((c) => c.author.toLowerCase() === identity.toLowerCase() && c.body.startsWith(REVIEW_MARKER));
  if (!mine) {
    await port.createComment(pullRequest, body);
    return 'created';
  }
  if (mine.body === body) return 'unchanged';
  await port.updateComment(mine.id, body);
  return 'updated';
}
