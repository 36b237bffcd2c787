// The pull-request experience end to end: the bundled validate and comment actions started as the
// runner starts them (Node 24, pull_request and workflow_run event payloads) in a real git
// checkout, against the local GitHub server that checks every request against GitHub's OpenAPI
// description.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReviewArtifact } from '../../lib/src/review/artifact.ts';
import type { ReviewData } from '../../lib/src/review/review.ts';
import { startGitHubServer, type GitHubServer } from '../../lib/testing/github-server.ts';
import { copyExample, endToEndHooks, PROJECT } from '../../lib/testing/workspace.ts';
import { githubFacts } from '../../lib/testing/github-markdown.ts';
import { hasNode24, NODE24_INSTALL, runAction, type ActionRun } from '../../lib/testing/runner.ts';

const VALIDATE = path.join(PROJECT, 'actions/validate/dist/index.js');
const COMMENT = path.join(PROJECT, 'actions/comment/dist/index.js');
const REPO = 'acme/incidents';
const NOW = '2026-11-21T12:00:00Z';
const INCIDENT = 'incidents/2026/2026-11-19-emails-delayed-rabbitmq-disk-alarm.md';

let workspace: string;
let server: GitHubServer | undefined;

endToEndHooks(() => ({ server, workspace }));

const git = (...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd: workspace, encoding: 'utf8' },
  ).trim();

/** A checkout of the example records with one commit; returns its sha. */
function checkout(): string {
  workspace = copyExample('pr');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  return git('rev-parse', 'HEAD');
}

/** A GitHub server holding main (a README). */
async function startGitHub(): Promise<GitHubServer> {
  const github = await startGitHubServer({ repos: [REPO] });
  github.seedFiles(REPO, { 'README.md': 'records' });
  return github;
}

/** Opens a pull request from `branch` to main (by `user`, else the server's default author); returns its number. */
function openPullRequest(title: string, branch: string, user?: string): number {
  return server!.seedIssue(REPO, { title, pullRequest: true, head: branch, base: 'main', ...(user ? { user } : {}) })
    .number;
}

/** The validate action's review artifact for pull request `pr` at `head`: one file checked, no problems. */
function review(pr: number, head: string): ReviewData {
  return {
    version: 1,
    pullRequest: pr,
    headSha: head,
    summary: { files: 1, errors: 0, warnings: 0 },
    diagnostics: [],
    incidents: [],
  };
}

function edit(file: string, from: string, to: string): number {
  const text = readFileSync(path.join(workspace, file), 'utf8');
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(path.join(workspace, file), text.replace(from, to));
  return text.slice(0, text.indexOf(from)).split('\n').length;
}

function commit(message: string): string {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

function validate(base: string, head: string, number = 7): Promise<ActionRun> {
  return runAction({
    entry: VALIDATE,
    workspace,
    repository: REPO,
    inputs: { now: NOW },
    env: { GITHUB_SHA: head },
    event: {
      name: 'pull_request',
      payload: { number, pull_request: { number, base: { sha: base }, head: { sha: head } } },
    },
  });
}

function comment(results: string, headSha: string, options: { token?: string } = {}): Promise<ActionRun> {
  return runAction({
    entry: COMMENT,
    workspace,
    repository: REPO,
    apiUrl: server!.url,
    token: options.token ?? 'test-token',
    inputs: { results },
    event: {
      name: 'workflow_run',
      payload: {
        workflow_run: {
          id: 99,
          event: 'pull_request',
          head_sha: headSha,
          html_url: `https://github.com/${REPO}/actions/runs/99`,
        },
      },
    },
  });
}

describe.skipIf(!hasNode24())(`the pull-request actions (needs Node 24: ${NODE24_INSTALL})`, () => {
  it('validate annotates the exact lines of an invalid postmortem, only in what the pull request affects, and fails the check', async () => {
    const base = checkout();
    const dueLine = edit(INCIDENT, '| 2026-11-24 |', '| 2 weeks    |');
    const ownerLine = edit(INCIDENT, 'commander: "@claire-dubois"', 'commander: "@claire-duboi"');
    const head = commit('postmortem draft');
    const run = await validate(base, head);
    expect(run.exitCode).toBe(1);
    const errors = run.commands.filter((c) => c.command === 'error' && c.properties.file);
    expect(errors.map((c) => [c.properties.file, Number(c.properties.line)])).toEqual(
      expect.arrayContaining([
        [INCIDENT, dueLine],
        [INCIDENT, ownerLine],
      ]),
    );
    expect(
      new Set(
        run.commands
          .filter((c) => (c.command === 'error' || c.command === 'warning') && c.properties.file)
          .map((c) => c.properties.file),
      ),
    ).toEqual(new Set([INCIDENT]));
    // The one annotation without a file is the failed check's own summary line.
    expect(run.commands.filter((c) => !c.properties.file).map((c) => c.message)).toEqual([
      expect.stringMatching(/^\d+ error\(s\) and \d+ warning\(s\) in \d+ record file\(s\) this change affects/),
    ]);
    expect(Number(run.outputs.errors)).toBe(errors.length);
    expect(run.summary).toContain('## Firebreak review');
    const artifact = readReviewArtifact(readFileSync(run.outputs['results-path']!));
    expect(artifact.ok).toBe(true);
    const data = (artifact as { data: ReviewData }).data;
    expect(data).toMatchObject({ pullRequest: 7, headSha: head, summary: { errors: errors.length } });
    expect(data.incidents.map((i) => i.id)).toEqual(['INC-2026-014']);
    expect(data.incidents[0]!.actionItems.find((a) => a.due === '2 weeks')!.problems).toEqual([
      expect.stringContaining('"2 weeks" is not an absolute date'),
    ]);
  });

  it('validate passes a valid change and reports its incident', async () => {
    const base = checkout();
    edit(INCIDENT, 'tags: [email, queue, rabbitmq, disk]', 'tags: [email, queue, rabbitmq, disk, dead-letter]');
    const run = await validate(base, commit('tag it'));
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.errors).toBe('0');
  });

  it('one comment after three pushes: created, then updated in place, never duplicated', async () => {
    const base = checkout();
    server = await startGitHub();
    const heads: string[] = [];
    let pr = 0;
    for (let push = 1; push <= 3; push++) {
      if (push === 1) edit(INCIDENT, 'tags: [email, queue, rabbitmq, disk]', 'tags: [push-1]');
      else edit(INCIDENT, `tags: [push-${push - 1}]`, `tags: [push-${push}]`);
      const head = commit(`push ${push}`);
      const sha = server.seedFiles(REPO, { [`push-${push}.txt`]: String(push) }, { branch: 'postmortem-014' });
      if (!pr) pr = openPullRequest('Postmortem INC-2026-014', 'postmortem-014', 'maya');
      // The validate run saw the local commit; the server's head is what GitHub would report for it.
      const run = await validate(base, head, pr);
      const data = JSON.parse(readFileSync(run.outputs['results-path']!, 'utf8')) as ReviewData;
      writeFileSync(run.outputs['results-path']!, JSON.stringify({ ...data, headSha: sha }));
      const posted = await comment(run.outputs['results-path']!, sha);
      expect(posted.exitCode, posted.stdout).toBe(0);
      expect(posted.outputs.comment).toBe(push === 1 ? 'created' : 'updated');
      heads.push(sha);
    }
    const comments = server.state.repo(REPO).comments.filter((c) => c.issueNumber === pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`\`${heads[2]!.slice(0, 7)}\``);
    expect(comments[0]!.body).toContain('### [INC-2026-014: Invoice and reminder emails delayed by up to 95 minutes]');
    expect(comments[0]!.body).toContain('```mermaid\ngantt');
    expect(comments[0]!.body).toContain('Review meeting checklist');
  });

  it("converges duplicate review comments to the oldest, deleting only the bot's own", async () => {
    checkout();
    server = await startGitHub();
    const head = server.seedFiles(REPO, { 'a.txt': 'a' }, { branch: 'change' });
    const pr = openPullRequest('A change', 'change', 'maya');
    const oldest = server.seedComment(REPO, pr, {
      body: '<!-- firebreak:review -->\nfirst',
      user: 'github-actions[bot]',
    });
    const pasted = server.seedComment(REPO, pr, {
      body: '<!-- firebreak:review -->\npasted by a person',
      user: 'mallory',
    });
    server.seedComment(REPO, pr, {
      body: '<!-- firebreak:review -->\nsecond, from a crashed run',
      user: 'github-actions[bot]',
    });
    const data = review(pr, head);
    const file = path.join(workspace, 'review.json');
    writeFileSync(file, JSON.stringify(data));
    const run = await comment(file, head);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.comment).toBe('updated');
    const left = server.state.repo(REPO).comments.filter((c) => c.issueNumber === pr);
    expect(left.map((c) => c.id)).toEqual([oldest.id, pasted.id]);
    expect(left[0]!.body).toContain('No problems in the 1 records');
    expect(left[1]!.body).toBe('<!-- firebreak:review -->\npasted by a person');
    const again = await comment(file, head);
    expect(again.outputs.comment).toBe('unchanged');
  });

  it('refuses an oversized artifact, one naming another pull request, and one that breaks the format, posting nothing', async () => {
    checkout();
    server = await startGitHub();
    const mine = server.seedFiles(REPO, { 'a.txt': 'a' }, { branch: 'fork-branch' });
    const prMine = openPullRequest('From a fork', 'fork-branch', 'mallory');
    server.seedFiles(REPO, { 'b.txt': 'b' }, { branch: 'other' });
    const prOther = openPullRequest('Someone else', 'other', 'maya');
    const valid = review(prMine, mine);
    const file = path.join(workspace, 'review.json');
    const attempt = async (content: string) => {
      writeFileSync(file, content);
      const mark = server!.requests.length;
      const run = await comment(file, mine);
      expect(server!.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
      return run;
    };

    const oversized = await attempt(JSON.stringify({ ...valid, padding: 'x'.repeat(1_100_000) }));
    expect(oversized.exitCode).toBe(1);
    expect(oversized.commands.find((c) => c.command === 'error')!.message).toMatch(
      /Refused the validate run's results: the results file is \d+ bytes, over the 1048576-byte limit/,
    );

    const other = await attempt(JSON.stringify({ ...valid, pullRequest: prOther }));
    expect(other.exitCode).toBe(1);
    expect(other.commands.find((c) => c.command === 'error')!.message).toContain(
      `it names pull request #${prOther}, but commit ${mine.slice(0, 7)} is the head of #${prMine}`,
    );

    const extra = await attempt(JSON.stringify({ ...valid, incidents: [{ id: 'x' }] }));
    expect(extra.exitCode).toBe(1);
    expect(extra.commands.find((c) => c.command === 'error')!.message).toContain('does not match the review format');

    const wrongCommit = await attempt(JSON.stringify({ ...valid, headSha: 'f'.repeat(40) }));
    expect(wrongCommit.commands.find((c) => c.command === 'error')!.message).toContain(
      'it was made for commit fffffff',
    );
    expect(server.state.repo(REPO).comments).toHaveLength(0);
  });

  it('echoes hostile text from the artifact without pinging anyone or closing anything', async () => {
    checkout();
    server = await startGitHub();
    const head = server.seedFiles(REPO, { 'a.txt': 'a' }, { branch: 'feature' });
    const pr = openPullRequest('PR', 'feature');
    const hostile = '@everyone @acme/sre fixes #1 <!-- firebreak:review --> `code` | pipe';
    const data: ReviewData = {
      ...review(pr, head),
      summary: { files: 1, errors: 1, warnings: 0 },
      diagnostics: [
        {
          rule: 'schema',
          severity: 'error',
          file: 'incidents/x.md',
          line: 3,
          column: 1,
          message: hostile,
          hint: hostile,
        },
      ],
      incidents: [],
    };
    const file = path.join(workspace, 'review.json');
    writeFileSync(file, JSON.stringify(data));
    const run = await comment(file, head);
    expect(run.exitCode, run.stdout).toBe(0);
    const body = server.state.repo(REPO).comments[0]!.body.replace(/`[^`\n]*`/g, '');
    expect(body).not.toMatch(/@[A-Za-z]/);
    expect(body).not.toMatch(/#\d/);
    expect(githubFacts(server.state.repo(REPO).comments[0]!.body).html.filter((h) => h.includes('<!--'))).toEqual([
      '<!-- firebreak:review -->',
    ]);
  });
});
