// Applies a plan through the GitHub port: bounded writes, each comment said once (looked for
// before it is posted), and a failed create re-checked against the markers before it is retried.
import { isGitHubError } from '../github/errors.ts';
import type { GitHubComment, GitHubIssue, GitHubPort, IssueFields } from '../github/port.ts';
import { BudgetExhausted, WriteBudget } from './budget.ts';
import { parseIssueMarker, parseSaidMarker, renderSaidMarker, withIssueMarker } from './marker.ts';
import type { IssueChange, Plan } from './plan.ts';
import { proposeMarkDone, type MarkDoneResult } from './pull-request.ts';

export interface ApplyOptions {
  identity: string;
  /** At most this many writes (creates, comments, updates, pull-request steps) in one run. */
  maxWrites: number;
  /** The branch the mark-done pull request targets. */
  baseBranch: string;
  log?: (line: string) => void;
}

export interface AppliedChange {
  change: IssueChange;
  number: number;
  url?: string;
}

export interface ApplyResult {
  applied: AppliedChange[];
  /** Changes not made because the write budget ran out; the next run makes them. */
  deferred: IssueChange[];
  failed: { change?: IssueChange; message: string }[];
  writes: number;
  markDone?: MarkDoneResult;
}

const CREATE_ATTEMPTS = 3;

export async function applyPlan(port: GitHubPort, plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const budget = new WriteBudget(options.maxWrites);
  const result: ApplyResult = { applied: [], deferred: [], failed: [], writes: 0 };
  const log = options.log ?? (() => {});
  const comments = new Map<number, GitHubComment[]>();

  const sayOnce = async (number: number, id: string, stage: string, body: string) => {
    let existing = comments.get(number);
    if (!existing) comments.set(number, (existing = await port.listComments(number)));
    const said = existing.some(
      (c) => c.author.toLowerCase() === options.identity.toLowerCase() && sameStage(parseSaidMarker(c.body), id, stage),
    );
    if (said) return;
    budget.spend();
    await port.createComment(number, `${body}\n\n${renderSaidMarker(id, stage)}`);
  };

  for (let index = 0; index < plan.changes.length; index++) {
    const change = plan.changes[index]!;
    try {
      let number = change.number;
      let url: string | undefined;
      if (change.kind === 'create') {
        const created = await createOnce(port, change, options.identity, budget, log);
        number = created.number;
        url = created.url;
        comments.set(number, []);
      }
      for (const comment of change.comments) await sayOnce(number!, change.id, comment.stage, comment.body);
      const fields = change.kind === 'create' ? afterCreate(change) : change.fields;
      if (fields) {
        budget.spend();
        url = (await port.updateIssue(number!, fields)).url;
      }
      result.applied.push({ change, number: number!, url });
      log(`${describeChange(change)}: #${number}`);
    } catch (error) {
      if (error instanceof BudgetExhausted) {
        result.deferred.push(...plan.changes.slice(index));
        break;
      }
      result.failed.push({ change, message: `${describeChange(change)} failed: ${messageOf(error)}` });
    }
  }
  if (plan.markDone.length > 0 && result.deferred.length === 0) {
    try {
      result.markDone = await proposeMarkDone(port, plan.markDone, { baseBranch: options.baseBranch, budget });
    } catch (error) {
      if (!(error instanceof BudgetExhausted))
        result.failed.push({ message: `The pull request marking closed items done failed: ${messageOf(error)}` });
    }
  }
  result.writes = budget.used;
  return result;
}

/** After a create, the comments said on creation are recorded in the marker. */
function afterCreate(change: IssueChange): IssueFields | undefined {
  if (change.comments.length === 0) return undefined;
  const state = { ...change.state, said: [...change.state.said, ...change.comments.map((c) => c.stage)] };
  return { body: withIssueMarker(change.fields!.body!, state) };
}

async function createOnce(
  port: GitHubPort,
  change: IssueChange,
  identity: string,
  budget: WriteBudget,
  log: (line: string) => void,
): Promise<GitHubIssue> {
  const fields = change.fields!;
  let assignees = fields.assignees ?? [];
  let lastError: unknown;
  for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
    budget.spend();
    try {
      return await port.createIssue({ title: fields.title!, body: fields.body!, labels: fields.labels, assignees });
    } catch (error) {
      lastError = error;
      if (assignees.length > 0 && isGitHubError(error, 'validation') && error.fields.includes('assignees')) {
        log(
          `${change.id}: GitHub refused to assign ${assignees.join(', ')} (not a collaborator?); creating the issue unassigned.`,
        );
        assignees = [];
        continue;
      }
      if (!isTransient(error)) throw error;
      // The create may have happened even though the answer was lost: look before trying again.
      const found = (await port.listRecentIssues()).find(
        (issue) =>
          issue.author.toLowerCase() === identity.toLowerCase() && parseIssueMarker(issue.body)?.id === change.id,
      );
      if (found) return found;
      log(`${change.id}: creating the issue failed (${messageOf(error)}); it does not exist, trying again.`);
    }
  }
  throw lastError;
}

const sameStage = (said: { id: string; stage: string } | undefined, id: string, stage: string) =>
  said?.id === id && said.stage === stage;

export function describeChange(change: IssueChange): string {
  const verb = {
    create: 'create',
    update: 'update',
    comment: 'comment on',
    close: 'close',
    reopen: 'reopen',
    'close-duplicate': 'close duplicate',
  }[change.kind];
  return `${verb} ${change.number ? `#${change.number} ` : ''}(${change.id})`;
}

/** A failure after which the issue may or may not exist: anything but GitHub refusing the request. */
function isTransient(error: unknown): boolean {
  return !isGitHubError(error) || isGitHubError(error, 'transient', 'rate-limited');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
