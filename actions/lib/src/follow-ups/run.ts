// One follow-ups run: desired state from git, actual state from GitHub, the difference applied.
import { createDryRunPort } from '../github/dry-run.ts';
import { DEFAULT_IDENTITY, type GitHubPort } from '../github/port.ts';
import { isReadFailure, loadRepository } from '../load/repository.ts';
import { buildCatalog } from '../model/catalog.ts';
import { applyPlan, type ApplyResult } from './apply.ts';
import { desiredState, type Skipped } from './desired.ts';
import { planFollowUps, type Plan } from './plan.ts';

export { DEFAULT_IDENTITY } from '../github/port.ts';
export const DEFAULT_MAX_WRITES = 50;

export interface FollowUpsOptions {
  root: string;
  now: number;
  /** Where GitHub is read (and, unless `dryRun`, written). */
  port: GitHubPort;
  /** owner/name */
  repository: string;
  /** The commit postmortems are linked at. */
  commit: string;
  baseBranch: string;
  identity?: string;
  maxWrites?: number;
  serverUrl?: string;
  /** Reads through `port` and writes nothing: the run wraps `port` in the dry-run port itself. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface FollowUpsReport {
  dryRun: boolean;
  plan: Plan;
  result: ApplyResult;
  skipped: Skipped[];
  /** Problems loading the records (the run still goes on with what loaded). */
  loadProblems: number;
}

export async function runFollowUps(options: FollowUpsOptions): Promise<FollowUpsReport> {
  const repo = loadRepository(options.root);
  const catalog = buildCatalog(repo);
  const desired = desiredState(repo, catalog, {
    repository: options.repository,
    serverUrl: options.serverUrl,
    now: options.now,
  });
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const port = options.dryRun ? createDryRunPort(options.port) : options.port;
  const issues = await port.listIssues();
  const plan = planFollowUps(desired, issues, { identity, commit: options.commit });
  const result = await applyPlan(port, plan, {
    identity,
    maxWrites: options.maxWrites ?? DEFAULT_MAX_WRITES,
    baseBranch: options.baseBranch,
    log: options.log,
  });
  return {
    dryRun: options.dryRun ?? false,
    plan,
    result,
    skipped: desired.skipped,
    loadProblems: repo.problems.filter(isReadFailure).length,
  };
}
