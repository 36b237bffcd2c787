// What one run should change, computed without touching GitHub: the record's new text (from the
// base and the comment log), the card, the nudges and the replies, each with why. A run applies it
// (run.ts); a dry run prints it.
import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import type { GitHubComment } from '../github/port.ts';
import { findOwnMarked, toGitHubMarkdown } from '../markdown-out/index.ts';
import type { Catalog } from '../model/catalog.ts';
import {
  CARD_MARKER,
  dueNudges,
  NUDGE_MARKER,
  renderCard,
  renderReply,
  REPLY_MARKER,
  type CardContext,
} from './card.ts';
import { readLiveFile, writeLiveFile } from './edit.ts';
import { reduceLog, type Change, type LiveComment } from './reduce.ts';

export const LIVE_TRAILER = 'Firebreak-Live';

export interface LivePlanInput {
  issue: { number: number; state: 'open' | 'closed'; url: string };
  path: string;
  /** The file at the base commit (the last one a person made), and when that was committed. */
  baseText: string;
  baseTime?: number;
  /** The file as the branch has it now. */
  currentText: string;
  /** Every comment of the issue (people's and the bot's), with reactions read for the pinned ones. */
  comments: LiveComment[];
  catalog: Catalog;
  timeZone: string;
  identity: string;
  pinReaction: string;
  now: number;
  serverUrl: string;
  pullRequest?: CardContext['pullRequest'];
}

export interface PlannedComment {
  key: string;
  body: string;
  why: string;
}

export interface LivePlan {
  incidentId: string;
  /** The record's new text, when it differs from the branch's. */
  commit?: { text: string; message: string; changes: Change[]; fingerprint: string };
  /** The card: created when missing, updated when its text differs. */
  card?: { id?: number; body: string; why: string };
  comments: PlannedComment[];
  /** The bot's own comments that say the same thing twice (a race): all but the first go. */
  duplicates: number[];
  /** Commands applied (comment ids), for the log. */
  applied: number[];
}

const asGitHub = (c: LiveComment): GitHubComment => ({ id: c.id, body: c.body, author: c.author });

export function planLive(input: LivePlanInput): LivePlan {
  const { issue, catalog, timeZone } = input;
  const base = readLiveFile(input.path, input.baseText);
  const current = readLiveFile(input.path, input.currentText);
  const desired = reduceLog({
    issue: issue.number,
    base: base.record,
    baseTime: input.baseTime,
    baseRowLinks: base.rowLinks,
    comments: input.comments,
    catalog,
    timeZone,
    identity: input.identity,
    pinReaction: input.pinReaction,
    commentUrlPrefix: `${issue.url}#issuecomment-`,
  });
  const text = writeLiveFile(
    input.path,
    input.baseText,
    base.record,
    desired.record,
    desired.rows,
    desired.removeRows,
    timeZone,
  );
  const incidentId = current.id ?? base.id ?? input.path;
  const plan: LivePlan = { incidentId, comments: [], duplicates: [], applied: desired.appliedComments };
  if (text !== input.currentText) {
    plan.commit = {
      text,
      message: commitMessage(incidentId, issue, desired.changes),
      changes: desired.changes,
      fingerprint: fingerprint(text),
    };
  }

  const own = input.comments.filter((c) => c.author.toLowerCase() === input.identity.toLowerCase()).map(asGitHub);
  const render = (tree: Root) => toGitHubMarkdown(tree, { serverUrl: input.serverUrl });
  const ctx: CardContext = {
    issue: issue.number,
    incidentId,
    path: input.path,
    record: desired.record,
    catalog,
    timeZone,
    services: current.services,
    pullRequest: input.pullRequest,
  };

  const cards = findOwnMarked(own, CARD_MARKER, input.identity).filter((c) => c.data.issue === issue.number);
  const cardBody = render(renderCard(ctx));
  const card = cards[0]?.item;
  plan.duplicates.push(...cards.slice(1).map((c) => c.item.id));
  if (!card) plan.card = { body: cardBody, why: 'the issue has no incident card yet' };
  else if (card.body !== cardBody) plan.card = { id: card.id, body: cardBody, why: 'the record changed' };

  const said = new Map<string, number[]>();
  for (const kind of [NUDGE_MARKER, REPLY_MARKER]) {
    for (const { item, data } of findOwnMarked(own, kind, input.identity)) {
      if (data.issue !== issue.number || typeof data.key !== 'string') continue;
      const ids = said.get(`${kind} ${data.key}`) ?? [];
      ids.push(item.id);
      said.set(`${kind} ${data.key}`, ids);
    }
  }
  for (const ids of said.values()) plan.duplicates.push(...ids.sort((a, b) => a - b).slice(1));
  if (issue.state === 'open') {
    for (const nudge of dueNudges(ctx, input.now)) {
      if (!said.has(`${NUDGE_MARKER} ${nudge.key}`))
        plan.comments.push({ key: `${NUDGE_MARKER} ${nudge.key}`, body: render(nudge.body), why: nudge.why });
    }
  }
  for (const reply of desired.replies) {
    if (!said.has(`${REPLY_MARKER} ${reply.key}`))
      plan.comments.push({
        key: `${REPLY_MARKER} ${reply.key}`,
        body: render(renderReply(issue.number, reply)),
        why:
          reply.kind === 'refused'
            ? `@${reply.author} is not a member of a Team`
            : `comment ${reply.commentId} has lines that are not commands`,
      });
  }
  return plan;
}

export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function commitMessage(incidentId: string, issue: { number: number; url: string }, changes: Change[]): string {
  const whats = [...new Set(changes.map((c) => c.what.split(':')[0]!))];
  const subject = `${incidentId}: ${whats.length ? whats.slice(0, 6).join(', ') : 'timeline'}${whats.length > 6 ? ` and ${whats.length - 6} more` : ''} from the incident issue`;
  const ids = [...new Set(changes.map((c) => c.commentId))];
  const links = ids.slice(0, 50).map((id) => `- ${issue.url}#issuecomment-${id}`);
  return [
    subject.slice(0, 120),
    '',
    `Applied from the comments of #${issue.number}${ids.length ? ':' : ' (rows and entries of deleted comments removed).'}`,
    ...links,
    ...(ids.length > 50 ? [`- and ${ids.length - 50} more`] : []),
    '',
    `${LIVE_TRAILER}: #${issue.number}`,
  ].join('\n');
}
