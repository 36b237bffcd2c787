// One live run for one incident issue: read the issue, its comments (with the pinning reactions),
// the declaration, the record's history on its branch; plan; apply within a write budget. Every
// write is looked for before it is made, so a redelivered event or a second run finds it done; a
// commit is made against the file's current blob, so of two racing runs the second is refused and
// reads again. A run with nothing new writes nothing.
import { BudgetExhausted, WriteBudget } from '../follow-ups/budget.ts';
import { isGitHubError } from '../github/errors.ts';
import type { FileAtRef, GitHubPort, PullRequest } from '../github/port.ts';
import { loadRepository } from '../load/repository.ts';
import { readMarker } from '../markdown-out/index.ts';
import { buildCatalog, type Catalog } from '../model/catalog.ts';
import { DECLARE_BRANCH_PREFIX, DEFAULT_DECLARE_LABEL, declareBranch } from '../scaffold/from-issue.ts';
import { readMarker as readDeclareMarker } from '../scaffold/messages.ts';
import { parseTimestamp } from '../time/dates.ts';
import { LIVE_TRAILER, planLive, type LivePlan } from './plan.ts';
import type { LiveComment } from './reduce.ts';

export const LIVE_BRANCH_PREFIX = 'firebreak/live-';
export const DEFAULT_PIN_REACTION = 'rocket';
export const DEFAULT_LIVE_MAX_WRITES = 30;
const UPDATE_PR_MARKER = 'live:update';
const ATTEMPTS = 3;

export interface LiveOptions {
  port: GitHubPort;
  /** The checked-out default branch: policies and teams are read from it. */
  root: string;
  issue: number;
  now: number;
  /** owner/name */
  repository: string;
  serverUrl?: string;
  identity: string;
  label?: string;
  pinReaction?: string;
  maxWrites?: number;
  defaultBranch?: string;
  log?: (line: string) => void;
}

export type LiveOutcome =
  | { result: 'ignored'; why: string }
  | {
      result: 'applied';
      plan: LivePlan;
      writes: number;
      deferred: number;
      branch: string;
      pullRequest?: PullRequest;
      committed: boolean;
    };

export const liveBranch = (issue: number) => `${LIVE_BRANCH_PREFIX}${issue}`;

class Conflict extends Error {}

/** The records a run reads (teams, policies, the time zone): loaded once for every incident of a scheduled run. */
export interface LiveContext {
  catalog: Catalog;
  timeZone: string;
}

export function loadLiveContext(root: string): LiveContext {
  const repo = loadRepository(root);
  return { catalog: buildCatalog(repo), timeZone: repo.config.timezone ?? 'UTC' };
}

export async function runLive(options: LiveOptions & { context?: LiveContext }): Promise<LiveOutcome> {
  const { catalog, timeZone } = options.context ?? loadLiveContext(options.root);
  const budget = new WriteBudget(options.maxWrites ?? DEFAULT_LIVE_MAX_WRITES);
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(options, catalog, timeZone, budget);
    } catch (error) {
      // Another run committed the record first: read everything again and compute anew.
      if (!(error instanceof Conflict) || attempt >= ATTEMPTS)
        throw error instanceof Conflict
          ? new Error(`The record changed under this run ${ATTEMPTS} times; the next run will apply the commands.`)
          : error;
      options.log?.('The record changed on its branch while this run worked (another run?); reading it again.');
    }
  }
}

async function runOnce(
  options: LiveOptions,
  catalog: Catalog,
  timeZone: string,
  budget: WriteBudget,
): Promise<LiveOutcome> {
  const { port } = options;
  const log = options.log ?? (() => {});
  const label = (options.label ?? DEFAULT_DECLARE_LABEL).toLowerCase();
  const issue = await port.getIssue(options.issue);
  if (!issue) return { result: 'ignored', why: `issue #${options.issue} does not exist` };
  if (!issue.labels.some((l) => l.toLowerCase() === label))
    return { result: 'ignored', why: `issue #${issue.number} does not have the label "${label}"` };
  const declared = (await port.listPullRequests(declareBranch(issue.number), 'all'))[0];
  const marker = declared ? readDeclareMarker(declared.body, 'pull-request') : undefined;
  const path = typeof marker?.path === 'string' ? marker.path : undefined;
  if (!declared || !path)
    return {
      result: 'ignored',
      why: `issue #${issue.number} has no declaration pull request (${DECLARE_BRANCH_PREFIX}${issue.number}) naming its record`,
    };

  // Where the record changes: the declaration's branch while its pull request is open, else one update pull request.
  const defaultBranch = options.defaultBranch || (await port.getDefaultBranch());
  const update = declared.state === 'open' ? undefined : await updateTarget(port, issue.number);
  const branch = declared.state === 'open' ? declared.headRef : liveBranch(issue.number);
  const readRef = declared.state === 'open' ? declared.headRef : update?.open ? branch : defaultBranch;
  const current = await port.readFile(path, readRef);
  if (!current) return { result: 'ignored', why: `${path} is not on ${readRef}` };
  const { baseText, baseTime } = await findBase(port, path, readRef, current, issue.number);

  const comments = await readComments(port, issue.number, issue.url, options.pinReaction ?? DEFAULT_PIN_REACTION);
  const pullRequest =
    declared.state === 'open'
      ? { number: declared.number, url: declared.url, kind: 'declare' as const }
      : update?.open
        ? { number: update.open.number, url: update.open.url, kind: 'update' as const }
        : undefined;
  // The plan from what the issue's comments say: run once, and again after writing to find duplicates.
  const planFrom = (said: Parameters<typeof planLive>[0]['comments']) =>
    planLive({
      issue: { number: issue.number, state: issue.state, url: issue.url },
      path,
      baseText,
      baseTime,
      currentText: current.text,
      comments: said,
      catalog,
      timeZone,
      identity: options.identity,
      pinReaction: options.pinReaction ?? DEFAULT_PIN_REACTION,
      now: options.now,
      serverUrl: options.serverUrl ?? 'https://github.com',
      pullRequest,
    });
  const plan = planFrom(comments);

  let committed = false;
  let opened: PullRequest | undefined = update?.open;
  let deferred = 0;
  try {
    if (plan.commit) {
      const declined = update && !update.open && update.declined.includes(plan.commit.fingerprint);
      if (declined) {
        log(`The update pull request with these very changes was closed without merging: not proposing them again.`);
      } else {
        if (update && !update.open) {
          const head = await port.branchHead(defaultBranch);
          if (!head) throw new Error(`The default branch ${defaultBranch} does not exist.`);
          budget.spend();
          await port.setBranch(branch, head);
        }
        budget.spend();
        try {
          await port.writeFile(path, branch, plan.commit.text, current.sha, plan.commit.message);
        } catch (error) {
          if (isGitHubError(error, 'conflict', 'validation')) throw new Conflict();
          throw error;
        }
        committed = true;
        log(
          `Committed ${path} on ${branch}: ${plan.commit.changes.length} change(s) from ${plan.applied.length} comment(s).`,
        );
        for (const change of plan.commit.changes.slice(0, 50)) log(`  ${change.what} (${change.why})`);
        if (update && !update.open) {
          budget.spend();
          opened = await port.createPullRequest({
            head: branch,
            base: defaultBranch,
            title: `${plan.incidentId}: changes from the incident issue #${issue.number}`.slice(0, 256),
            body: updateBody(issue.number, path, plan.commit.fingerprint),
          });
          log(`Opened update pull request #${opened.number}: ${opened.url}`);
        } else if (update?.open && update.open.body !== updateBody(issue.number, path, plan.commit.fingerprint)) {
          budget.spend();
          await port.updatePullRequest(update.open.number, {
            body: updateBody(issue.number, path, plan.commit.fingerprint),
          });
        }
      }
    }
    if (plan.card) {
      budget.spend();
      if (plan.card.id) await port.updateComment(plan.card.id, plan.card.body);
      else await port.createComment(issue.number, plan.card.body);
      log(`${plan.card.id ? 'Updated' : 'Posted'} the incident card (${plan.card.why}).`);
    }
    for (const [index, comment] of plan.comments.entries()) {
      if (budget.left <= 0) {
        deferred = plan.comments.length - index;
        break;
      }
      budget.spend();
      await port.createComment(issue.number, comment.body);
      log(`Commented: ${comment.key} (${comment.why}).`);
    }
    for (const id of plan.duplicates) {
      budget.spend();
      await deleteOnce(port, id);
      log(`Deleted comment ${id}: another run said the same.`);
    }
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    deferred++;
  }
  if (deferred)
    log(`${deferred} comment(s) left for the next run: this run's write budget (${budget.max}) is used up.`);
  // Two runs racing may both have commented: what was posted twice goes (the oldest stays).
  if (plan.comments.length > 0 || (plan.card !== undefined && plan.card.id === undefined)) {
    const again = planFrom(await readComments(port, issue.number, issue.url, undefined));
    for (const id of again.duplicates) {
      if (budget.left <= 0) break;
      budget.spend();
      await deleteOnce(port, id);
      log(`Deleted comment ${id}: another run said the same.`);
    }
  }
  return {
    result: 'applied',
    plan,
    writes: budget.used,
    deferred,
    branch,
    pullRequest: opened ?? (declared.state === 'open' ? declared : undefined),
    committed,
  };
}

/** Deletes a comment another racing run may have deleted first. */
async function deleteOnce(port: GitHubPort, id: number): Promise<void> {
  try {
    await port.deleteComment(id);
  } catch (error) {
    if (!isGitHubError(error, 'not-found')) throw error;
  }
}

/** The open update pull request, and the fingerprints of those closed without merging. */
async function updateTarget(port: GitHubPort, issue: number): Promise<{ open?: PullRequest; declined: string[] }> {
  const pulls = await port.listPullRequests(liveBranch(issue), 'all');
  return {
    open: pulls.find((p) => p.state === 'open'),
    declined: pulls
      .filter((p) => p.state === 'closed' && !p.merged)
      .map((p) => readMarker(p.body, UPDATE_PR_MARKER)?.fp)
      .filter((fp): fp is string => typeof fp === 'string'),
  };
}

function updateBody(issue: number, path: string, fp: string): string {
  return [
    `<!-- firebreak:${UPDATE_PR_MARKER} ${JSON.stringify({ issue, fp })} -->`,
    `Changes to \`${path}\` from the commands in #${issue}, made after its declaration was merged. Each commit names the comments it applied.`,
    '',
    'Edit the record here like any other text: your edits win over the commands that came before them. Merge it to count the changes in reports; if you close it, these very changes are not proposed again.',
  ].join('\n');
}

/**
 * The base: the file at the last commit that changed it and was not made by this action. When that
 * is the declaration's own commit, every command applies: a comment posted while the declaration
 * was running is older than its commit, yet the file it made knows nothing of it.
 */
async function findBase(
  port: GitHubPort,
  path: string,
  ref: string,
  current: FileAtRef,
  issue: number,
): Promise<{ baseText: string; baseTime?: number }> {
  const commits = await port.listFileCommits(path, ref, 100);
  const trailer = new RegExp(`^${LIVE_TRAILER}:`, 'm');
  const base = commits.find((c) => !trailer.test(c.message));
  if (!base) return { baseText: current.text, baseTime: undefined };
  const file = base.sha === commits[0]?.sha ? current : await port.readFile(path, base.sha);
  const declaration = base.message.split('\n').includes(`Declared in #${issue} with the incident form.`);
  return {
    baseText: file?.text ?? current.text,
    baseTime: declaration ? undefined : (parseTimestamp(base.date) ?? Date.parse(base.date)),
  };
}

async function readComments(
  port: GitHubPort,
  issue: number,
  issueUrl: string,
  pinReaction: string | undefined,
): Promise<LiveComment[]> {
  const raw = await port.listComments(issue);
  const out: LiveComment[] = [];
  for (const c of raw) {
    const reactions =
      pinReaction && (c.reactions?.[pinReaction] ?? 0) > 0 ? await port.listCommentReactions(c.id) : undefined;
    out.push({
      id: c.id,
      author: c.author,
      body: c.body,
      createdAt: c.createdAt ?? '',
      updatedAt: c.updatedAt ?? c.createdAt ?? '',
      url: c.url ?? `${issueUrl}#issuecomment-${c.id}`,
      reactions,
    });
  }
  return out;
}

/** Open issues with the label, for the scheduled backstop. */
export async function openIncidentIssues(port: GitHubPort, label = DEFAULT_DECLARE_LABEL): Promise<number[]> {
  const issues = await port.listIssues();
  return issues
    .filter((i) => i.state === 'open' && i.labels.some((l) => l.toLowerCase() === label.toLowerCase()))
    .map((i) => i.number)
    .sort((a, b) => a - b);
}
