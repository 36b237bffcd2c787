// What GitHub should show, computed from git alone: one tracked record per action item that is
// (or was) worth an issue, per overdue postmortem, and per runbook due for review.
import type { Repository } from '../load/repository.ts';
import { OPEN_STATUSES, readActionItems, type ActionItem } from '../model/action-items.ts';
import { resolveHandle, type Catalog } from '../model/catalog.ts';
import { deadlinePassed, postmortemDeadline, runbookReviewDue } from '../model/deadlines.ts';
import type { Incident, Runbook } from '../model/types.ts';
import type { Root } from 'mdast';
import {
  BODY_LIMIT,
  code,
  joined,
  link,
  mention,
  mentionable,
  paragraph,
  quiet,
  root,
  safeTitle,
  strong,
  table,
  toGitHubMarkdown,
  type Inline,
} from '../markdown-out/index.ts';
import { DAY_MS, formatDate, parseDate, todayIn } from '../time/dates.ts';
import { parseDuration } from '../time/duration.ts';

export type TrackedKind = 'action-item' | 'postmortem' | 'runbook';

/**
 * track: an open issue must exist. keep: open in git but not yet worth an issue; an existing issue
 * stays open and current, none is created. finished: done in git; an open issue is closed.
 */
export type Desire = 'track' | 'keep' | 'finished';

export interface Stage {
  /** Unique per tracked record and due date, e.g. "overdue:2026-11-20". */
  key: string;
  comment: string;
  /** Stages reached before the issue exists are said by the new issue itself, except those that must reach someone else. */
  sayOnCreate: boolean;
}

export interface Tracked {
  id: string;
  kind: TrackedKind;
  desire: Desire;
  title: string;
  /** The body below the marker; the postmortem is linked at `commit`. */
  body(commit: string): string;
  labels: string[];
  /** GitHub login to assign (without "@"), when the owner is a person. */
  assignee?: string;
  stages: Stage[];
  /** Why it is tracked (or finished), for the plan. */
  why: string;
  finish?: { reason: 'completed' | 'not_planned'; comment: string };
  file: string;
  line: number;
  /** For action items: what closing the issue by hand marks in git. */
  item?: { incident: string; itemId: string };
}

export interface Skipped {
  file: string;
  line: number;
  id: string;
  why: string;
}

export interface DesiredState {
  tracked: Tracked[];
  skipped: Skipped[];
  /** How to close an open tracking issue whose id nothing desires any more; undefined leaves it alone. */
  orphan(id: string): { reason: 'completed' | 'not_planned'; comment: string } | undefined;
}

export interface DesiredOptions {
  /** owner/name, for links. */
  repository: string;
  serverUrl?: string;
  now: number;
}

export const MANAGED_LABELS = ['follow-up', 'postmortem', 'runbook-review', 'overdue'];
export const MANAGED_LABEL_PREFIXES = ['priority: ', 'severity: ', 'service: '];
const LABEL_LIMIT = 50;
const MAX_SERVICE_LABELS = 3;
const DEFAULT_TRACK_WITHIN = '5d';
/** Room left in a body for the tracking marker and the stages it records. */
const MARKER_ROOM = 4096;
const say = (ctx: Context, ...content: Inline[]) => ctx.markdown(root(paragraph(...content)));

export const isManagedLabel = (label: string) =>
  MANAGED_LABELS.includes(label) || MANAGED_LABEL_PREFIXES.some((p) => label.startsWith(p));
const label = (prefix: string, value: string) => `${prefix}${value}`.slice(0, LABEL_LIMIT);
const days = (duration: string | undefined) => {
  const ms = duration === undefined ? undefined : parseDuration(duration);
  return ms === undefined ? undefined : Math.ceil(ms / DAY_MS);
};
const daysBetween = (from: string, to: string) => Math.round((parseDate(to)! - parseDate(from)!) / DAY_MS);

export function desiredState(repo: Repository, catalog: Catalog, options: DesiredOptions): DesiredState {
  const today = todayIn(options.now, repo.config.timezone);
  const link = (commit: string, file: string, line: number) =>
    `${options.serverUrl ?? 'https://github.com'}/${options.repository}/blob/${commit}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
  const tracked: Tracked[] = [];
  const skipped: Skipped[] = [];
  const markdown = (tree: Root) =>
    toGitHubMarkdown(tree, { serverUrl: options.serverUrl, limit: BODY_LIMIT - MARKER_ROOM });
  const ctx = { repo, catalog, today, now: options.now, link, markdown, tracked, skipped };
  for (const incident of catalog.incidents.values()) {
    actionItems(ctx, incident);
    postmortem(ctx, incident);
  }
  for (const runbook of catalog.runbooks.values()) runbookReview(ctx, runbook);
  return { tracked, skipped, orphan: (id) => orphan(ctx, id) };
}

interface Context {
  repo: Repository;
  catalog: Catalog;
  today: string;
  now: number;
  link(commit: string, file: string, line: number): string;
  /** Serialises what the bot says, leaving room for its marker. */
  markdown(tree: Root): string;
  tracked: Tracked[];
  skipped: Skipped[];
}

function commonLabels(incident: Incident): string[] {
  return [
    label('severity: ', incident.data.severity),
    ...incident.data.services.slice(0, MAX_SERVICE_LABELS).map((s) => label('service: ', s)),
  ];
}

/** Why an action item is (or is not yet) tracked, in the order the reasons are checked. */
function actionItemWhy(facts: {
  item: ActionItem;
  finished: boolean;
  overdue: boolean;
  dueIn: number;
  trackWithin: number;
  remindBefore: string | undefined;
  trackAll: boolean;
}): string {
  const { item } = facts;
  if (facts.finished) return `${item.id} is ${item.status} in git`;
  if (facts.overdue) return `overdue since ${item.due}`;
  if (facts.dueIn <= facts.trackWithin) return `due ${item.due}, within ${facts.trackWithin} days`;
  if (facts.remindBefore !== undefined) return `due ${item.due}; its reminder (${facts.remindBefore} before) is due`;
  if (facts.trackAll) return 'the policy tracks every open item';
  return `due ${item.due}, not yet tracked`;
}

function personLogin(catalog: Catalog, handle: string): string | undefined {
  return resolveHandle(catalog, handle) === 'person' && mentionable(handle)
    ? handle.trim().replace(/^@/, '')
    : undefined;
}

function actionItems(ctx: Context, incident: Incident): void {
  const table = readActionItems(incident);
  if (!table) return;
  const { catalog, today } = ctx;
  const seen = new Map<string, number>();
  for (const item of table.items) seen.set(item.id, (seen.get(item.id) ?? 0) + 1);
  const trackWithin = days(catalog.followUp.trackWithin ?? DEFAULT_TRACK_WITHIN) ?? 5;
  for (const item of table.items) {
    const id = `${incident.data.id}/${item.id}`;
    const skip = (why: string) => ctx.skipped.push({ file: incident.file, line: item.line, id, why });
    if (!/^[A-Za-z][A-Za-z0-9._-]{0,40}$/.test(item.id)) {
      skip('the item has no usable ID');
      continue;
    }
    if (seen.get(item.id)! > 1) {
      skip(`${item.id} appears more than once in the table`);
      continue;
    }
    const finished = item.status === 'done' || item.status === 'wont-do';
    if (!finished && !OPEN_STATUSES.includes(item.status)) {
      skip(`"${item.status}" is not a status`);
      continue;
    }
    if (!finished && parseDate(item.due) === undefined) {
      skip(`the due date "${item.due}" is not a YYYY-MM-DD date`);
      continue;
    }
    const priority = catalog.followUp.priorities.find((p) => p.id === item.priority);
    const overdue = !finished && item.due < today;
    const remindDays = days(priority?.remindBefore);
    const escalateDays = days(priority?.escalateAfter);
    const stages = finished ? [] : itemStages(ctx, incident, item, remindDays, escalateDays);
    const dueIn = finished ? 0 : daysBetween(today, item.due);
    const remindReached = remindDays !== undefined && dueIn <= remindDays;
    const track = catalog.followUp.track === 'all' || overdue || dueIn <= trackWithin || remindReached;
    const assignee = personLogin(catalog, item.owner);
    const labels = [
      'follow-up',
      ...(priority ? [label('priority: ', priority.id)] : []),
      ...commonLabels(incident),
      ...(overdue ? ['overdue'] : []),
    ];
    ctx.tracked.push({
      id,
      kind: 'action-item',
      desire: finished ? 'finished' : track ? 'track' : 'keep',
      title: safeTitle(`[${incident.data.id}] ${item.id}: ${item.action || 'action item'}`),
      body: (commit) => actionItemBody(ctx, incident, item, priority?.description, commit),
      labels,
      assignee,
      stages,
      why: actionItemWhy({
        item,
        finished,
        overdue,
        dueIn,
        trackWithin,
        remindBefore: remindReached ? priority!.remindBefore : undefined,
        trackAll: catalog.followUp.track === 'all',
      }),
      finish: finished
        ? item.status === 'done'
          ? {
              reason: 'completed',
              comment: say(ctx, `${item.id} is marked done in `, code(incident.file), '; closing.'),
            }
          : {
              reason: 'not_planned',
              comment: say(ctx, `${item.id} is marked won't do in `, code(incident.file), '; closing as not planned.'),
            }
        : undefined,
      file: incident.file,
      line: item.line,
      item: { incident: incident.data.id, itemId: item.id },
    });
  }
}

function itemStages(
  ctx: Context,
  incident: Incident,
  item: ActionItem,
  remindDays?: number,
  escalateDays?: number,
): Stage[] {
  const { today, catalog } = ctx;
  const stages: Stage[] = [];
  const dueIn = daysBetween(today, item.due);
  const owner = mentionable(item.owner) && resolveHandle(catalog, item.owner) ? item.owner.trim() : undefined;
  const where: Inline[] = [
    'Set its Status to ',
    code('done'),
    ' in ',
    code(incident.file),
    ', or move its due date there if the plan changed.',
  ];
  if (remindDays !== undefined && dueIn >= 0 && dueIn <= remindDays) {
    stages.push({
      key: `remind:${item.due}`,
      sayOnCreate: false,
      comment: say(
        ctx,
        'Reminder',
        ...(owner ? [' for ', mention(owner)] : []),
        `: ${item.id} is due ${dueIn === 0 ? 'today' : `on ${item.due} (in ${dueIn} day${dueIn === 1 ? '' : 's'})`}. `,
        ...where,
      ),
    });
  }
  if (dueIn < 0) {
    stages.push({
      key: `overdue:${item.due}`,
      sayOnCreate: false,
      comment: say(
        ctx,
        `${item.id} is overdue: it was due on ${item.due}. `,
        ...(owner ? [mention(owner), ', '] : []),
        ...where,
      ),
    });
    const late = -dueIn;
    if (escalateDays !== undefined && late >= escalateDays) {
      const target = escalationTarget(catalog, incident, item.owner);
      const escalation: Inline[] = target.handles.length
        ? ['Escalating to ', ...joined(target.handles.map(mention)), ` (${target.why}). `]
        : [`Nobody to escalate to: ${target.why}. `];
      stages.push({
        key: `escalate:${item.due}`,
        sayOnCreate: true,
        comment: say(
          ctx,
          `${item.id} has been overdue for ${late} day${late === 1 ? '' : 's'} (due ${item.due}). `,
          ...escalation,
          ...where,
        ),
      });
    }
  }
  return stages;
}

/** Who hears about an item long overdue: the owner's team lead, else the first level of the service's escalation policy. */
export function escalationTarget(
  catalog: Catalog,
  incident: Incident,
  owner: string,
): { handles: string[]; why: string } {
  const key = owner.trim().toLowerCase();
  const teamOf = [...catalog.teams.values()].filter(
    (team) => `@${team.metadata.name}`.toLowerCase() === key || team.spec.github?.toLowerCase() === key,
  );
  const teams = teamOf.length
    ? teamOf
    : (catalog.people.get(key)?.teams ?? []).map((name) => catalog.teams.get(name)!).filter(Boolean);
  for (const team of teams) {
    const lead = team.spec.lead;
    if (lead && lead.toLowerCase() !== key && mentionable(lead))
      return { handles: [lead], why: `lead of team ${team.metadata.name}` };
  }
  for (const service of incident.data.services) {
    const policyName = catalog.services.get(service)?.spec.escalationPolicy;
    const policy = policyName ? catalog.escalationPolicies.get(policyName) : undefined;
    const handles = new Set<string>();
    for (const target of policy?.spec.levels[0]?.targets ?? []) {
      if (target.person && mentionable(target.person) && target.person.toLowerCase() !== key)
        handles.add(target.person);
      const team = target.team ? catalog.teams.get(target.team) : undefined;
      if (team?.spec.lead && mentionable(team.spec.lead) && team.spec.lead.toLowerCase() !== key)
        handles.add(team.spec.lead);
    }
    if (handles.size)
      return { handles: [...handles], why: `first level of escalation policy ${policyName} for ${service}` };
  }
  return {
    handles: [],
    why: 'the owner has no team lead and the services have no escalation policy with a person to reach',
  };
}

function actionItemBody(
  ctx: Context,
  incident: Incident,
  item: ActionItem,
  priorityText: string | undefined,
  commit: string,
): string {
  const postmortem = ctx.link(commit, incident.file, item.line);
  return ctx.markdown(
    root(
      paragraph(
        'Action item ',
        strong(item.id),
        ` from the postmortem of ${incident.data.id}: `,
        link(postmortem, `${incident.file}, line ${item.line}`),
        '.',
      ),
      table(
        ['', ''],
        [
          ['Action', item.action || '(no description)'],
          ['Owner', quiet(item.owner || '(none)')],
          ['Due', item.due],
          ['Priority', priorityText ? `${item.priority}: ${priorityText}` : item.priority || '(none)'],
          [
            'Incident',
            `${incident.data.id}: ${incident.data.title} (${incident.data.severity}, ${incident.data.services.join(', ')})`,
          ],
        ],
      ),
      paragraph(
        "The action-items table in git is the source of truth; this issue follows it. When the work is done, set the item's Status to ",
        code('done'),
        ' in the postmortem and this issue closes itself. Closing this issue by hand opens a pull request that marks the item done.',
      ),
    ),
  );
}

function postmortem(ctx: Context, incident: Incident): void {
  const deadline = postmortemDeadline(incident, ctx.catalog, ctx.repo.config.timezone);
  if (!deadline) return;
  const id = `${incident.data.id}/postmortem`;
  const published = incident.data.postmortem === 'published';
  const dueDate = deadline.dueDate;
  if (!published && !deadlinePassed(deadline, ctx.now)) return;
  const commander = personLogin(ctx.catalog, incident.data.commander);
  ctx.tracked.push({
    id,
    kind: 'postmortem',
    desire: published ? 'finished' : 'track',
    title: safeTitle(`[${incident.data.id}] Postmortem overdue: ${incident.data.title}`),
    body: (commit) =>
      ctx.markdown(
        root(
          paragraph(
            `The postmortem of ${incident.data.id} (${incident.data.severity}) was due on ${dueDate}, ${deadline.deadline} after the incident was resolved, and is still ${incident.data.postmortem ?? 'draft'}: `,
            link(ctx.link(commit, incident.file, 1), incident.file),
            '.',
          ),
          paragraph(
            'Commander: ',
            quiet(incident.data.commander),
            '. Finish the review and set ',
            code('postmortem: published'),
            ' in the front matter; this issue then closes itself.',
          ),
        ),
      ),
    labels: ['postmortem', ...commonLabels(incident), 'overdue'],
    assignee: commander,
    stages: [],
    why: published ? 'the postmortem is published' : `the postmortem was due on ${dueDate}`,
    finish: published
      ? { reason: 'completed', comment: say(ctx, `The postmortem of ${incident.data.id} is published; closing.`) }
      : undefined,
    file: incident.file,
    line: 1,
  });
}

function runbookReview(ctx: Context, runbook: Runbook): void {
  const dueMs = runbookReviewDue(runbook);
  if (dueMs === undefined) return;
  const due = formatDate(dueMs);
  const within = days(ctx.catalog.followUp.trackWithin ?? DEFAULT_TRACK_WITHIN) ?? 5;
  if (daysBetween(ctx.today, due) > within) return;
  const owner = personLogin(ctx.catalog, runbook.data.owner);
  const overdue = due < ctx.today;
  ctx.tracked.push({
    id: `runbook/${runbook.data.id}/${due}`,
    kind: 'runbook',
    desire: 'track',
    title: safeTitle(`Runbook review due ${due}: ${runbook.data.title}`),
    body: (commit) =>
      ctx.markdown(
        root(
          paragraph(
            `The runbook ${runbook.data.id} (`,
            link(ctx.link(commit, runbook.file, 1), runbook.file),
            `) was last reviewed on ${runbook.data.last_reviewed} and is reviewed every ${runbook.data.review_every}, so it is due on ${due}.`,
          ),
          paragraph(
            'Owner: ',
            quiet(runbook.data.owner),
            '. Walk through it, fix what changed, and set ',
            code('last_reviewed'),
            ' to the day of the review; this issue then closes itself.',
          ),
        ),
      ),
    labels: [
      'runbook-review',
      ...(runbook.data.services ?? []).slice(0, MAX_SERVICE_LABELS).map((s) => label('service: ', s)),
      ...(overdue ? ['overdue'] : []),
    ],
    assignee: owner,
    stages: [],
    why: overdue ? `review overdue since ${due}` : `review due on ${due}`,
    file: runbook.file,
    line: 1,
  });
}

/** Closes issues of records that say they are finished in a way that leaves no tracked entry; anything uncertain is left alone. */
function orphan(ctx: Context, id: string): { reason: 'completed' | 'not_planned'; comment: string } | undefined {
  const runbookId = /^runbook\/(.+)\/(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (runbookId) {
    const runbook = ctx.catalog.runbooks.get(runbookId[1]!);
    if (!runbook) return undefined;
    const due = runbookReviewDue(runbook);
    if (due === undefined || formatDate(due) === runbookId[2]) return undefined;
    return {
      reason: 'completed',
      comment: say(
        ctx,
        `The runbook was reviewed on ${runbook.data.last_reviewed}; its next review is due on ${formatDate(due)}. Closing.`,
      ),
    };
  }
  const slash = id.indexOf('/');
  const incident = slash > 0 ? ctx.catalog.incidents.get(id.slice(0, slash)) : undefined;
  if (!incident) return undefined;
  const rest = id.slice(slash + 1);
  if (rest === 'postmortem')
    return { reason: 'completed', comment: say(ctx, 'The postmortem is no longer overdue. Closing.') };
  const table = readActionItems(incident);
  if (!table?.table || table.missingColumns.length > 0 || table.items.some((item) => item.id === rest))
    return undefined;
  return {
    reason: 'not_planned',
    comment: say(ctx, `${rest} is no longer in the action items of ${incident.file}. Closing as not planned.`),
  };
}
