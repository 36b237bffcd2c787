// Declaring an incident from an issue opened with the form: the author must be a member of a
// Team; then one branch, one commit of the new record, one draft pull request and one comment.
// The branch name comes from the issue number, so the same event delivered twice (or a re-run)
// finds its own earlier work instead of declaring a second incident; a run that stopped half way
// is completed by the next one. Form values are data: they go into the file through the YAML
// writer and into GitHub through the neutralising helpers, never into a shell.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isReadFailure, loadRepository } from '../load/repository.ts';
import { buildCatalog, type Catalog } from '../model/catalog.ts';
import { DEFAULT_IDENTITY, type GitHubComment, type GitHubPort } from '../github/port.ts';
import { isOwn } from '../markdown-out/index.ts';
import { declareIncident, type DeclareProblem, type Scaffold } from './declare.ts';
import { valuesFromIssue } from './fields.ts';
import { IssueFormError } from './issue-form.ts';
import {
  commitMessage,
  declaredComment,
  problemsComment,
  problemsFingerprint,
  pullRequestBody,
  pullRequestTitle,
  readMarker,
  refusedComment,
  unreadableForm,
  type DeclareOutcome,
  type MarkerKind,
} from './messages.ts';

export const DECLARE_BRANCH_PREFIX = 'firebreak/declare-';
export const DEFAULT_DECLARE_LABEL = 'incident';

export interface IssueSnapshot {
  number: number;
  title: string;
  body: string;
  /** Login of whoever opened it. */
  author: string;
  labels: string[];
  state?: 'open' | 'closed';
}

export interface DeclareFromIssueOptions {
  port: GitHubPort;
  /** The checked-out repository holding the records. */
  root: string;
  /** The issue as the event saw it; its current state is read from GitHub (edits since count). */
  issue: IssueSnapshot;
  /** Only issues with this label are declared (the form sets it). */
  label?: string;
  now: number;
  /** The default branch, when the event says; else asked of GitHub. */
  defaultBranch?: string;
  /** Link to this workflow run, for "re-run" in the problems comment. */
  runUrl?: string;
  /** The bot's login: only its own comments count as already said (default github-actions[bot]). */
  identity?: string;
  log?: (line: string) => void;
}

export type { DeclareOutcome } from './messages.ts';

export function declareBranch(issue: number): string {
  return `${DECLARE_BRANCH_PREFIX}${issue}`;
}

/** Whether the bot already wrote a comment of this kind (and, for problems, about these very problems). */
function alreadySaid(
  comments: GitHubComment[],
  identity: string,
  kind: MarkerKind,
  issue: number,
  fp?: string,
): boolean {
  return comments.some((c) => {
    const data = isOwn(c.author, identity) ? readMarker(c.body, kind) : undefined;
    return data !== undefined && data.issue === issue && (fp === undefined || data.fp === fp);
  });
}

async function commentOnce(
  port: GitHubPort,
  identity: string,
  issue: number,
  kind: MarkerKind,
  body: string,
  fp?: string,
): Promise<boolean> {
  if (alreadySaid(await port.listComments(issue), identity, kind, issue, fp)) return false;
  await port.createComment(issue, body);
  return true;
}

/**
 * Ids that open declaration pull requests hold but the default branch does not have yet. Only the
 * bot's own: anyone may open a pull request from a branch named firebreak/declare-*, a fork's
 * included, and its marker must not make the next declaration skip an id.
 */
async function reservedIds(port: GitHubPort, identity: string): Promise<string[]> {
  return (await port.listOpenPullRequests())
    .filter((pr) => isOwn(pr.author, identity) && pr.headRef.startsWith(DECLARE_BRANCH_PREFIX))
    .map((pr) => readMarker(pr.body, 'pull-request')?.id)
    .filter((id): id is string => typeof id === 'string');
}

function teamFiles(catalog: Catalog): string[] {
  return [...new Set([...catalog.teams.values()].map((team) => team.file))].sort();
}

export async function declareFromIssue(options: DeclareFromIssueOptions): Promise<DeclareOutcome> {
  const { port, now } = options;
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const log = options.log ?? (() => {});
  const label = (options.label ?? DEFAULT_DECLARE_LABEL).trim().toLowerCase();
  const number = options.issue.number;
  // The issue as it is now: a re-run after the author corrected the form reads the corrected values.
  const current = (await port.getIssue(number)) ?? options.issue;
  const issue: IssueSnapshot = {
    number,
    title: current.title,
    body: current.body ?? '',
    author: current.author || options.issue.author,
    labels: current.labels,
    state: current.state,
  };
  if (!issue.labels.some((l) => l.trim().toLowerCase() === label))
    return { result: 'ignored', why: `issue #${number} does not have the label "${label}"` };
  if (issue.state === 'closed') return { result: 'ignored', why: `issue #${number} is closed` };

  const repo = loadRepository(options.root);
  const catalog = buildCatalog(repo);
  const readFailures = repo.problems.filter(isReadFailure).length;
  if (readFailures > 0)
    log(`${readFailures} problem(s) reading the records; run "firebreak validate". Declaring with what could be read.`);

  if (!issue.author || !catalog.people.has(`@${issue.author}`.toLowerCase())) {
    log(`@${issue.author} is not a member of any Team in the records: not declaring.`);
    const commented = await commentOnce(
      port,
      identity,
      number,
      'refused',
      refusedComment(number, issue.author, catalog, teamFiles(catalog)),
    );
    return { result: 'not-a-member', commented };
  }

  const branch = declareBranch(number);
  const existing = await port.listPullRequests(branch, 'all');
  if (existing.length > 0) {
    const pullRequest = existing[0]!;
    log(`Issue #${number} is already declared: pull request #${pullRequest.number} from ${branch}.`);
    // Only a run that stopped between opening the pull request and commenting finds no comment.
    const commented = await commentOnce(port, identity, number, 'declared', declaredComment(number, pullRequest));
    return { result: 'already-declared', pullRequest, branch, commented };
  }

  let problems: DeclareProblem[];
  let scaffold: Scaffold | undefined;
  try {
    const values = valuesFromIssue(issue.title, issue.body);
    const result = declareIncident(values, repo, catalog, {
      now,
      reservedIds: await reservedIds(port, identity),
      defaultCommander: `@${issue.author}`,
      pathTaken: (file) => existsSync(path.join(options.root, file)),
    });
    problems = result.ok ? [] : result.problems;
    scaffold = result.ok ? result.scaffold : undefined;
  } catch (error) {
    if (!(error instanceof IssueFormError)) throw error;
    problems = [unreadableForm(error.message)];
  }
  if (!scaffold) {
    log(`The form of issue #${number} has ${problems.length} problem(s): not declaring.`);
    const commented = await commentOnce(
      port,
      identity,
      number,
      'problems',
      problemsComment(number, problems, options.runUrl),
      problemsFingerprint(problems),
    );
    return { result: 'invalid', problems, commented };
  }

  const defaultBranch = options.defaultBranch || (await port.getDefaultBranch());
  let resumed = false;
  if ((await port.branchHead(branch)) === undefined) {
    const head = await port.branchHead(defaultBranch);
    if (head === undefined) throw new Error(`The default branch ${defaultBranch} does not exist.`);
    await port.setBranch(branch, head);
    log(`Created ${branch} from ${defaultBranch} (${head.slice(0, 7)}).`);
  } else {
    resumed = true;
    log(`${branch} exists without a pull request: completing the declaration an earlier run started.`);
  }
  const committed = await port.readFile(scaffold.path, branch);
  if (committed) {
    // An earlier run committed the record; keep it (and its id), never overwrite.
    const id = /^id:\s*"?(INC-\d{4}-\d{1,6})"?\s*$/m.exec(committed.text)?.[1];
    if (id) scaffold = { ...scaffold, id };
  } else {
    await port.createFile(scaffold.path, branch, scaffold.text, commitMessage(scaffold, number));
    log(`Committed ${scaffold.path} (${scaffold.id}) on ${branch}.`);
  }
  const pullRequest = await port.createPullRequest({
    head: branch,
    base: defaultBranch,
    title: pullRequestTitle(scaffold),
    body: pullRequestBody(scaffold, issue, catalog),
    draft: true,
  });
  log(`Opened draft pull request #${pullRequest.number}: ${pullRequest.url}`);
  await commentOnce(port, identity, number, 'declared', declaredComment(number, pullRequest, scaffold));
  return { result: 'declared', scaffold, branch, pullRequest, resumed };
}
