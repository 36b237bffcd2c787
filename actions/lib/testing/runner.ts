// Starts a bundled action the way GitHub's runner does: `node24 dist/index.js` with INPUT_* and
// GITHUB_* variables, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files; then
// reads back what the action wrote and the workflow commands it printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const NODE24 = path.join(PROJECT, '.cache', 'node24', 'bin', 'node');
export const NODE24_INSTALL = 'node scripts/install-node24.mjs';

export function hasNode24(): boolean {
  return existsSync(NODE24);
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface RunActionOptions {
  /** The bundled entry point, e.g. actions/follow-ups/dist/index.js. */
  entry: string;
  /** Action inputs by their action.yml names. */
  inputs?: Record<string, string>;
  /** The event that triggered the workflow, written to GITHUB_EVENT_PATH. */
  event?: { name: string; payload: unknown };
  /** The checked-out repository (GITHUB_WORKSPACE and the working directory). */
  workspace: string;
  repository?: string;
  apiUrl?: string;
  token?: string;
  /** Extra environment variables (they win over the defaults). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Polled every few milliseconds while the action runs; when it returns true the process is killed (SIGKILL), as a runner crash would. */
  killWhen?: () => boolean;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
}

/** Runs the action to completion under Node 24 in a clean environment, like a runner step. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  if (!hasNode24()) throw new Error(`Node 24 is not installed for the tests; run: ${NODE24_INSTALL}`);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'firebreak-runner-'));
  try {
    const files = {
      event: path.join(temp, 'event.json'),
      output: path.join(temp, 'output'),
      summary: path.join(temp, 'step_summary'),
      env: path.join(temp, 'env'),
      path: path.join(temp, 'path'),
      state: path.join(temp, 'state'),
    };
    writeFileSync(files.event, JSON.stringify(options.event?.payload ?? {}));
    for (const file of [files.output, files.summary, files.env, files.path, files.state]) writeFileSync(file, '');
    const repository = options.repository ?? 'acme/incidents';
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_EVENT_NAME: options.event?.name ?? 'workflow_dispatch',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: repository.split('/')[0]!,
      GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_ACTOR: 'github-actions[bot]',
      GITHUB_WORKFLOW: 'test',
      GITHUB_JOB: 'test',
      GITHUB_ACTION: 'firebreak',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      GITHUB_STATE: files.state,
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: temp,
      ...Object.fromEntries(
        Object.entries({ ...actionDefaults(options.entry, options.token), ...options.inputs }).map(([name, value]) => [
          `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
          value,
        ]),
      ),
      ...options.env,
    };
    const { exitCode, stdout, stderr } = await spawnNode(
      options.entry,
      env,
      options.workspace,
      options.timeoutMs ?? 60_000,
      options.killWhen,
    );
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      commands: parseWorkflowCommands(stdout),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * The runner sets every input that has a default in action.yml (next to dist/); `${{ github.token }}`
 * becomes the job's token, which is absent when `token` is not given.
 */
function actionDefaults(entry: string, token: string | undefined): Record<string, string> {
  const file = path.join(path.dirname(entry), '..', 'action.yml');
  if (!existsSync(file)) return token ? { token } : {};
  const action = parseYaml(readFileSync(file, 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const value = input?.default;
    if (value === undefined || value === null) continue;
    const text = String(value);
    if (/^\$\{\{\s*github\.token\s*\}\}$/.test(text)) defaults[name] = token ?? '';
    else if (!text.includes('${{')) defaults[name] = text;
  }
  return defaults;
}

function spawnNode(
  entry: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
  killWhen?: () => boolean,
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const poll = killWhen ? setInterval(() => killWhen() && child.kill('SIGKILL'), 2) : undefined;
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** Reads GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: no closing delimiter ${delimiter} for ${name}`);
      outputs[name!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line.trim()) {
      throw new Error(`GITHUB_OUTPUT: cannot read the line ${JSON.stringify(line)}`);
    }
  }
  return outputs;
}

const unescapeData = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string) =>
  text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** Workflow commands (`::error file=a,line=1::message`) as the runner reads them from stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: match[1]!, properties, message: unescapeData(match[3]!) });
  }
  return commands;
}
