// The plumbing every action shares, in one place: its inputs (through @actions/core), the event
// payload, repository and run context (through @actions/github's `context`, which reads the runner's
// GITHUB_* variables and the event file), `now`, the workspace, the GitHub port and the failure.
// Each action's main.ts keeps only what is its own: which inputs, what to run, what to output.
// The project's package.json declares its modules free of side effects, so ncc (webpack) leaves this
// module, and @actions/core and @actions/github with it, out of the CLI's bundle, which uses none of it.
// @actions/github has no lighter import path than its index; the bundles share its Octokit with
// @octokit/rest (same versions), and it adds about 46 KB (its own @actions/http-client 3) to each.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { createOctokitPort } from '../github/octokit.ts';
import type { GitHubPort } from '../github/port.ts';

/** An input by its action.yml name, or `fallback` when it is empty. */
export function actionInput(name: string, fallback = ''): string {
  return core.getInput(name) || fallback;
}

/** The `now` input (an ISO 8601 time, for tests and replays), else the clock. */
export function actionNow(): number {
  const text = core.getInput('now');
  if (!text) return Date.now();
  const now = Date.parse(text);
  if (Number.isNaN(now)) throw new Error(`The now input "${text}" is not an ISO 8601 time.`);
  return now;
}

/** A whole number of 0 or more from an input, or `fallback` when the input is empty. */
export function wholeNumberInput(
  name: string,
  fallback: number,
  message = 'is not a whole number of 0 or more',
): number {
  const text = core.getInput(name);
  const value = Number(text || fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`The ${name} input "${text}" ${message}.`);
  return value;
}

/** A path in the checked-out workspace (GITHUB_WORKSPACE, else the working directory). */
export function workspacePath(file = '.'): string {
  return path.resolve(process.env.GITHUB_WORKSPACE ?? '.', file);
}

/** The records' root: the `root` input, relative to the workspace. */
export function recordsRoot(): string {
  return workspacePath(core.getInput('root') || '.');
}

/** The event that started the run: its name and its payload (empty when there is no event file). */
export function actionEvent<Payload extends object>(): { name: string; payload: Partial<Payload> } {
  const payload: unknown = context.payload;
  return {
    name: context.eventName ?? '',
    payload: (typeof payload === 'object' && payload !== null ? payload : {}) as Partial<Payload>,
  };
}

export interface RunContext {
  /** owner/name, empty outside a runner. */
  repository: string;
  serverUrl: string;
  apiUrl: string;
  /** The commit the workflow ran on, when the runner says. */
  sha: string | undefined;
  /** The branch or tag the workflow ran on (refs/heads/ removed), when the runner says. */
  refName: string | undefined;
  /** This run's page, when the runner gives its id. */
  runUrl: string | undefined;
}

/** The repository and the run, as the runner describes them. */
export function runContext(): RunContext {
  const repository = process.env.GITHUB_REPOSITORY ?? '';
  return {
    repository,
    serverUrl: context.serverUrl,
    apiUrl: context.apiUrl,
    sha: context.sha || undefined,
    refName: process.env.GITHUB_REF_NAME || context.ref?.replace(/^refs\/heads\//, '') || undefined,
    runUrl: Number.isNaN(context.runId)
      ? undefined
      : `${context.serverUrl}/${repository}/actions/runs/${context.runId}`,
  };
}

/** The repository's default branch from the event, else the branch the workflow ran on, else main. */
export function defaultBranch(): string {
  const payload = actionEvent<{ repository: { default_branch?: string } }>().payload;
  return payload.repository?.default_branch || runContext().refName || 'main';
}

/**
 * The GitHub port for this run's repository, with the token given. `writes` spaces its writes by
 * FIREBREAK_WRITE_INTERVAL_MS when set (the tests' fake server needs no pause).
 */
export function actionPort(token: string, options: { writes?: boolean } = {}): GitHubPort {
  const interval = process.env.FIREBREAK_WRITE_INTERVAL_MS;
  const run = runContext();
  return createOctokitPort({
    token,
    repository: run.repository,
    baseUrl: run.apiUrl,
    writeIntervalMs: options.writes && interval ? Number(interval) : undefined,
    log: core.info,
  });
}

/** The hash of the running bundle: what a cache made by other code must not match. */
export function bundleVersion(moduleUrl: string | URL): string {
  return createHash('sha1')
    .update(readFileSync(fileURLToPath(moduleUrl)))
    .digest('hex');
}

/** Fails the step with the error's message (the action's last resort). */
export function failAction(error: unknown): void {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
