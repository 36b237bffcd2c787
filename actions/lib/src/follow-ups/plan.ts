// The difference between what git wants (desired.ts) and what GitHub has: a list of changes, each
// with its reason. Pure: nothing here talks to GitHub.
import { createHash } from 'node:crypto';
import type { GitHubIssue, IssueFields } from '../github/port.ts';
import { BODY_LIMIT, truncate } from '../markdown-out/index.ts';
import { isManagedLabel, type DesiredState, type Stage, type Tracked } from './desired.ts';
import { parseIssueMarker, withIssueMarker, type TrackingState } from './marker.ts';

export interface PlannedComment {
  /** Said once: the apply step looks for this stage among the issue's comments before posting. */
  stage: string;
  body: string;
}

export type ChangeKind = 'create' | 'update' | 'comment' | 'close' | 'reopen' | 'close-duplicate';

export interface IssueChange {
  kind: ChangeKind;
  id: string;
  /** The issue changed; absent for a create. */
  number?: number;
  title: string;
  /** Comments posted first (after creating, for a create). */
  comments: PlannedComment[];
  /** Fields written last; for a create, the whole issue. */
  fields?: IssueFields;
  /** The tracking state the issue carries after the change. */
  state: TrackingState;
  why: string;
}

export interface MarkDone {
  id: string;
  file: string;
  itemId: string;
  status: 'done' | 'wont-do';
  issue: number;
  issueUrl: string;
}

export interface Note {
  id: string;
  number?: number;
  message: string;
}

export interface Plan {
  changes: IssueChange[];
  /** Action items whose tracking issue a person closed: one pull request marks them in git. */
  markDone: MarkDone[];
  /** Things seen and deliberately left alone. */
  notes: Note[];
}

export interface PlanOptions {
  /** Login whose issues Firebreak owns; issues by anyone else are never touched. */
  identity: string;
  commit: string;
}

const COMMIT_PLACEHOLDER = '0000000000000000000000000000000000000000';

/** What Firebreak last wrote, as a short hash: an unchanged fingerprint means no update, whatever people did to the issue. */
export function fingerprint(tracked: Tracked): string {
  const content = JSON.stringify([
    tracked.title,
    tracked.body(COMMIT_PLACEHOLDER),
    [...tracked.labels].sort(),
    tracked.assignee ?? '',
  ]);
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

interface Ours {
  issue: GitHubIssue;
  state: TrackingState;
}

export function planFollowUps(desired: DesiredState, issues: GitHubIssue[], options: PlanOptions): Plan {
  const identity = options.identity.toLowerCase();
  const byId = new Map<string, Ours[]>();
  const notes: Note[] = [];
  for (const issue of issues) {
    const state = parseIssueMarker(issue.body);
    if (!state) continue;
    if (issue.author.toLowerCase() !== identity) {
      notes.push({
        id: state.id,
        number: issue.number,
        message: `#${issue.number} carries a Firebreak marker but was opened by ${issue.author}, not ${options.identity}; left alone.`,
      });
      continue;
    }
    byId.set(
      state.id,
      [...(byId.get(state.id) ?? []), { issue, state }].sort((a, b) => a.issue.number - b.issue.number),
    );
  }

  const changes: IssueChange[] = [];
  const markDone: MarkDone[] = [];
  const seen = new Set<string>();
  for (const tracked of desired.tracked) {
    seen.add(tracked.id);
    const ours = byId.get(tracked.id) ?? [];
    const primary = pickPrimary(ours);
    changes.push(...closeDuplicates(ours, primary));
    planTracked(tracked, primary, options, changes, markDone, notes);
  }
  for (const [id, ours] of byId) {
    if (seen.has(id)) continue;
    const primary = pickPrimary(ours);
    changes.push(...closeDuplicates(ours, primary));
    if (primary?.issue.state !== 'open') continue;
    const close = desired.orphan(id);
    if (!close) {
      notes.push({
        id,
        number: primary.issue.number,
        message: `#${primary.issue.number} tracks ${id}, which git no longer lists as open or finished (the record may be unreadable); left open.`,
      });
      continue;
    }
    changes.push(closeChange(primary, close, `${id}: ${close.comment}`));
  }
  const order: Record<ChangeKind, number> = {
    'close-duplicate': 0,
    close: 1,
    create: 2,
    reopen: 3,
    update: 4,
    comment: 5,
  };
  changes.sort((a, b) => order[a.kind] - order[b.kind]);
  return { changes, markDone, notes };
}

/** The issue that stands for a record: the oldest open one, else the newest closed one that Firebreak did not close as a duplicate. */
function pickPrimary(ours: Ours[]): Ours | undefined {
  return (
    ours.find((o) => o.issue.state === 'open') ??
    [...ours].reverse().find((o) => !(o.issue.stateReason === 'duplicate' && o.state.closed === 'git'))
  );
}

function closeDuplicates(ours: Ours[], primary: Ours | undefined): IssueChange[] {
  if (!primary) return [];
  return ours
    .filter((o) => o !== primary && o.issue.state === 'open')
    .map((o) => ({
      kind: 'close-duplicate' as const,
      id: o.state.id,
      number: o.issue.number,
      title: o.issue.title,
      comments: [
        {
          stage: `duplicate-of:${primary.issue.number}`,
          body: `Duplicate of #${primary.issue.number}, which tracks the same record (${o.state.id}); closing this one.`,
        },
      ],
      fields: {
        state: 'closed',
        stateReason: 'duplicate',
        body: withIssueMarker(o.issue.body, { ...o.state, closed: 'git' }),
      },
      state: { ...o.state, closed: 'git' },
      why: `another open issue, #${primary.issue.number}, tracks ${o.state.id} and is older`,
    }));
}

function closeChange(
  primary: Ours,
  close: { reason: 'completed' | 'not_planned'; comment: string },
  why: string,
): IssueChange {
  const state: TrackingState = { ...primary.state, closed: 'git' };
  return {
    kind: 'close',
    id: primary.state.id,
    number: primary.issue.number,
    title: primary.issue.title,
    comments: [{ stage: 'close', body: close.comment }],
    fields: { state: 'closed', stateReason: close.reason, body: withIssueMarker(primary.issue.body, state) },
    state,
    why,
  };
}

function planTracked(
  tracked: Tracked,
  primary: Ours | undefined,
  options: PlanOptions,
  changes: IssueChange[],
  markDone: MarkDone[],
  notes: Note[],
): void {
  const fp = fingerprint(tracked);
  if (tracked.desire === 'finished') {
    if (primary?.issue.state === 'open' && tracked.finish)
      changes.push(closeChange(primary, tracked.finish, tracked.why));
    return;
  }
  if (!primary) {
    if (tracked.desire !== 'track') return;
    const said = tracked.stages.filter((s) => !s.sayOnCreate).map((s) => s.key);
    const state: TrackingState = { id: tracked.id, fp, assignee: tracked.assignee, said };
    changes.push({
      kind: 'create',
      id: tracked.id,
      title: tracked.title,
      comments: tracked.stages.filter((s) => s.sayOnCreate).map(toComment),
      fields: {
        title: tracked.title,
        body: issueBody(tracked, state, options.commit),
        labels: tracked.labels,
        assignees: tracked.assignee ? [tracked.assignee] : [],
      },
      state,
      why: tracked.why,
    });
    return;
  }
  const { issue, state: old } = primary;
  if (issue.state === 'closed' && old.closed !== 'git') {
    // A person closed it while git still says open. Issues closed before GitHub had reasons have none: completed.
    const reason = issue.stateReason ?? 'completed';
    if (tracked.item && (reason === 'completed' || reason === 'not_planned')) {
      markDone.push({
        id: tracked.id,
        file: tracked.file,
        itemId: tracked.item.itemId,
        status: reason === 'completed' ? 'done' : 'wont-do',
        issue: issue.number,
        issueUrl: issue.url,
      });
    } else {
      notes.push({
        id: tracked.id,
        number: issue.number,
        message: `#${issue.number} was closed on GitHub while ${tracked.id} is still open in git; left closed.`,
      });
    }
    return;
  }
  const pending = tracked.stages.filter((s) => !old.said.includes(s.key));
  const reopen = issue.state === 'closed';
  const fields: IssueFields = {};
  const state: TrackingState = {
    id: tracked.id,
    fp,
    assignee: tracked.assignee,
    said: [...old.said, ...pending.map((s) => s.key)],
  };
  const reasons: string[] = [];
  if (old.fp !== fp) {
    fields.title = tracked.title;
    fields.body = issueBody(tracked, state, options.commit);
    fields.labels = mergeLabels(issue.labels, tracked.labels);
    if ((old.assignee ?? '') !== (tracked.assignee ?? '')) {
      const kept = issue.assignees.filter(
        (a) => a.toLowerCase() !== old.assignee?.toLowerCase() && a.toLowerCase() !== tracked.assignee?.toLowerCase(),
      );
      fields.assignees = [...kept, ...(tracked.assignee ? [tracked.assignee] : [])];
      reasons.push(
        `owner changed${old.assignee ? ` from ${old.assignee}` : ''}${tracked.assignee ? ` to ${tracked.assignee}` : ''}`,
      );
    }
    reasons.push('the record changed');
  } else if (pending.length > 0 || reopen) {
    fields.body = withIssueMarker(issue.body, state);
  }
  if (reopen) {
    fields.state = 'open';
    reasons.unshift(`${tracked.id} is open again in git`);
  }
  if (pending.length) reasons.push(pending.map((s) => s.key.split(':')[0]).join(', '));
  if (!fields.body && !fields.state) return;
  changes.push({
    kind: reopen ? 'reopen' : old.fp !== fp ? 'update' : 'comment',
    id: tracked.id,
    number: issue.number,
    title: tracked.title,
    comments: pending.map(toComment),
    fields,
    state,
    why: `${tracked.why}; ${reasons.join('; ')}`,
  });
}

const toComment = (stage: Stage): PlannedComment => ({ stage: stage.key, body: stage.comment });

function issueBody(tracked: Tracked, state: TrackingState, commit: string): string {
  return truncate(withIssueMarker(tracked.body(commit), state), BODY_LIMIT);
}

/** People's own labels stay; Firebreak's labels become the desired ones. */
export function mergeLabels(actual: string[], desired: string[]): string[] {
  return [...actual.filter((l) => !isManagedLabel(l) && !desired.includes(l)), ...desired];
}
