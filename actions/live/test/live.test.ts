// The live action end to end: the bundled dist/index.js started the way the runner starts it
// (Node 24, INPUT_* and GITHUB_* variables, the event in GITHUB_EVENT_PATH) against the local
// GitHub server, which checks every request against GitHub's OpenAPI description. The incident is
// declared first (through the library, as the declare action does), then run by comments.
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createOctokitPort, loadRepository, validateRepository } from '../../lib/src/index.ts';
import { startGitHubServer, type CommentRecord, type GitHubServer } from '../../lib/testing/github-server.ts';
import { hasNode24, NODE24_INSTALL, type ActionRun } from '../../lib/testing/runner.ts';
import { declareSeeded, seedDeclarationIssue } from '../../lib/testing/live-incident.ts';
import { runOnServer } from '../../lib/testing/action-run.ts';
import { issueOpenedEvent } from '../../lib/testing/events.ts';
import { seedRecords } from '../../lib/testing/seed.ts';
import { copyExample, endToEndHooks, PROJECT, RECORD_DIRS } from '../../lib/testing/workspace.ts';
import { fixtureRepo } from '../../lib/test/repo.ts';

const ENTRY = path.join(PROJECT, 'actions/live/dist/index.js');
const REPO = 'acme/incidents';
const BOT = 'github-actions[bot]';

let server: GitHubServer;
let workspace: string;
let clock = 0;
endToEndHooks(() => ({ server, workspace }));

const at = (iso: string) => (clock = Date.parse(iso));
const paris = (ms: number) => new Date(ms + 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+01:00');

interface Incident {
  issue: number;
  file: string;
  branch: string;
  pull: number;
}

/** Example records on GitHub and in the checkout; a SEV1 declared from the form at 09:31 Paris time (by the declare action's bundle with `viaAction`). */
async function declare(options: { viaAction?: boolean } = {}): Promise<Incident> {
  at('2026-11-21T08:30:00Z');
  workspace = copyExample('live', [...RECORD_DIRS, 'schemas']);
  server = await startGitHubServer({ repos: [REPO], now: () => new Date(clock) });
  seedRecords(server, REPO, workspace);
  const issue = seedDeclarationIssue(server, REPO, 'Card payments fail in both regions.');
  at('2026-11-21T08:31:00Z');
  if (options.viaAction) {
    const declared = ok(
      await runOnServer(server, {
        entry: path.join(PROJECT, 'actions/declare/dist/index.js'),
        workspace,
        repository: REPO,
        inputs: { now: new Date(clock).toISOString() },
        event: issueOpenedEvent(issue, REPO),
      }),
    );
    expect(declared.outputs.result).toBe('declared');
    server.requests.length = 0;
    return {
      issue: issue.number,
      file: declared.outputs.path!,
      branch: declared.outputs.branch!,
      pull: Number(/\/pull\/(\d+)$/.exec(declared.outputs['pull-request']!)![1]),
    };
  }
  const port = createOctokitPort({ token: 't', repository: REPO, baseUrl: server.url, writeIntervalMs: 0 });
  const outcome = await declareSeeded(port, workspace, issue, clock);
  server.requests.length = 0;
  return { issue: issue.number, file: outcome.scaffold.path, branch: outcome.branch, pull: outcome.pullRequest.number };
}

function say(incident: Incident, user: string, body: string, when: string): CommentRecord {
  at(when);
  return server.seedComment(REPO, incident.issue, { body, user });
}

function commentEvent(incident: Incident, comment?: CommentRecord, action = 'created') {
  return {
    name: 'issue_comment',
    payload: {
      action,
      issue: { number: incident.issue, labels: [{ name: 'incident' }], state: 'open' },
      comment: comment
        ? { id: comment.id, body: comment.body, user: { login: comment.user.login, type: comment.user.type } }
        : { id: 1, body: '', user: { login: 'someone', type: 'User' } },
      repository: { full_name: REPO, default_branch: 'main' },
    },
  };
}

function run(
  incident: Incident | undefined,
  options: { now?: string; comment?: CommentRecord; schedule?: boolean; inputs?: Record<string, string> } = {},
): Promise<ActionRun> {
  const event =
    options.schedule || !incident
      ? {
          name: 'schedule',
          payload: { schedule: '*/10 * * * *', repository: { full_name: REPO, default_branch: 'main' } },
        }
      : commentEvent(incident, options.comment);
  return runOnServer(server, {
    entry: ENTRY,
    workspace,
    repository: REPO,
    inputs: { now: options.now ?? new Date(clock + 30_000).toISOString(), ...options.inputs },
    event,
  });
}

const record = (incident: Incident, branch = incident.branch) => server.fileAt(REPO, branch, incident.file)!;
const front = (text: string) => parseYaml(text.split(/^---$/m)[1]!) as Record<string, unknown>;
const botComments = (incident: Incident) =>
  server.state.repo(REPO).comments.filter((c) => c.issueNumber === incident.issue && c.user.login === BOT);
const markerKeys = (incident: Incident) =>
  botComments(incident)
    .map((c) => /firebreak:(live:[a-z]+)(?: \{[^}]*"key":"([^"]+)")?/.exec(c.body))
    .filter(Boolean)
    .map((m) => `${m![1]}${m![2] ? ` ${m![2]}` : ''}`);
const writes = () => server.requests.filter((r) => r.method !== 'GET');
const commitsOn = (branch: string) => {
  const r = server.state.repo(REPO);
  const out: string[] = [];
  for (let sha = r.branches.get(branch); sha; sha = r.commits.get(sha)?.parents[0])
    out.push(r.commits.get(sha)!.message);
  return out;
};

function ok(result: ActionRun): ActionRun {
  expect(result.stderr).toBe('');
  expect(result.exitCode, result.stdout).toBe(0);
  return result;
}

describe.skipIf(!hasNode24())(`the live action under Node 24 (needs: ${NODE24_INSTALL})`, () => {
  it("runs a SEV1 from declaration to resolution through commands, with the comments' times in the record", async () => {
    const incident = await declare({ viaAction: true });
    const ack = say(incident, 'tnowak', 'Paged, looking.\n/ack', '2026-11-21T08:38:21Z');
    ok(await run(incident, { comment: ack }));
    const roles = say(
      incident,
      'amelie-roux',
      '/ack\n/role communications @ines-garcia\n/role scribe @kofimensah\n/detected 09:34',
      '2026-11-21T08:40:05Z',
    );
    ok(await run(incident, { comment: roles }));
    const update = say(
      incident,
      'ines-garcia',
      '/update --public We are investigating failed card payments.',
      '2026-11-21T08:52:44Z',
    );
    const timeline = say(
      incident,
      'tnowak',
      '/timeline 09:55 Failed over card traffic to PSP-B',
      '2026-11-21T08:57:10Z',
    );
    const pinned = say(
      incident,
      'kofimensah',
      'PSP-A confirms an expired intermediate certificate on their side.',
      '2026-11-21T09:01:00Z',
    );
    server.seedReaction(REPO, pinned.id, { user: 'amelie-roux', content: 'rocket' });
    const mitigated = say(incident, 'tnowak', '/mitigated', '2026-11-21T09:04:59Z');
    ok(await run(incident, { comment: mitigated }));
    const resolved = say(
      incident,
      'amelie-roux',
      '/update --public Payments work again.\n/resolved',
      '2026-11-21T09:48:00Z',
    );
    const last = ok(await run(incident, { comment: resolved }));
    expect(last.outputs).toMatchObject({ result: 'applied', committed: 'true' });

    const text = record(incident);
    const fm = front(text);
    expect(fm).toMatchObject({
      status: 'resolved',
      detected: '2026-11-21T09:34:00+01:00',
      acknowledged: paris(Date.parse(ack.createdAt)),
      mitigated: paris(Date.parse(mitigated.createdAt)),
      resolved: paris(Date.parse(resolved.createdAt)),
      roles: { communications: '@ines-garcia', scribe: '@kofimensah' },
    });
    expect(fm.check_ins).toEqual([
      {
        by: '@tnowak',
        at: '2026-11-21T09:38:21+01:00',
        comment: `https://github.com/${REPO}/issues/${incident.issue}#issuecomment-${ack.id}`,
      },
      {
        by: '@amelie-roux',
        at: '2026-11-21T09:40:05+01:00',
        comment: `https://github.com/${REPO}/issues/${incident.issue}#issuecomment-${roles.id}`,
      },
    ]);
    expect((fm.updates as { at: string }[]).map((u) => u.at)).toEqual([
      '2026-11-21T09:52:44+01:00',
      '2026-11-21T10:48:00+01:00',
    ]);
    expect((fm.updates as { comment: string; public: boolean }[])[0]).toMatchObject({
      public: true,
      comment: expect.stringContaining(`#issuecomment-${update.id}`),
    });
    const rows = text.split('\n').filter((l) => l.startsWith('| 2026-11-21'));
    expect(rows.map((r) => r.split(' | ')[0]!.slice(2))).toEqual(
      [...rows.map((r) => r.split(' | ')[0]!.slice(2))].sort(),
    );
    expect(text).toContain(
      `| 2026-11-21 09:55 +01:00 | Failed over card traffic to PSP-B ([comment](https://github.com/${REPO}/issues/${incident.issue}#issuecomment-${timeline.id})) |`,
    );
    expect(text).toContain(
      '| 2026-11-21 10:01 +01:00 | PSP-A confirms an expired intermediate certificate on their side.',
    );
    // One commit per run that changed something, each naming its comments; the card is one comment.
    const live = commitsOn(incident.branch).filter((m) => m.includes('Firebreak-Live: #'));
    expect(live).toHaveLength(4);
    expect(live[0]).toContain(`#issuecomment-${resolved.id}`);
    expect(markerKeys(incident).filter((k) => k === 'live:card')).toHaveLength(1);
    const card = botComments(incident).find((c) => c.body.includes('live:card'))!.body;
    expect(card).toContain('· SEV1 (Major) · resolved');
    expect(card).toContain('8m (acknowledged 09:38; target 30m from the start: by 10:00, met)');
    // The record validates: every rule passes once the incident is resolved through commands.
    const root = fixtureRepo({ [incident.file]: text }, workspace);
    expect(
      validateRepository(loadRepository(root), { now: clock }).diagnostics.filter(
        (d) => d.file === incident.file && d.severity === 'error',
      ),
    ).toEqual([]);

    // Once the declaration is merged, later commands go to one update pull request.
    server.mergePull(REPO, incident.pull);
    const late = say(incident, 'kofimensah', '/timeline 10:20 Status page incident closed', '2026-11-21T09:55:00Z');
    ok(await run(incident, { comment: late }));
    const again = say(incident, 'kofimensah', '/timeline 10:25 Support told', '2026-11-21T09:56:00Z');
    ok(await run(incident, { comment: again }));
    const pulls = server.state
      .repo(REPO)
      .issues.filter((i) => i.pullRequest && i.head === `firebreak/live-${incident.issue}`);
    expect(pulls).toHaveLength(1);
    expect(record(incident, `firebreak/live-${incident.issue}`)).toMatch(
      /Status page incident closed[\s\S]*Support told/,
    );
  });

  it('converges on redelivered events and two racing runs: one commit, one card, one nudge', async () => {
    const incident = await declare();
    const ack = say(incident, 'tnowak', '/ack 09:45', '2026-11-21T09:05:00Z');
    // 10:05 Paris: time to action (10:00) passed with no check-in when the runs look... but the ack says 09:45.
    const runs = await Promise.all([
      run(incident, { comment: ack }),
      run(incident, { comment: ack }),
      run(incident, { schedule: true }),
    ]);
    runs.forEach(ok);
    ok(await run(incident, { comment: ack }));
    expect(commitsOn(incident.branch).filter((m) => m.includes('Firebreak-Live'))).toHaveLength(1);
    expect(markerKeys(incident)).toEqual(['live:card']);
    // An hour later nobody has posted an update: one nudge, whatever the number of runs.
    at('2026-11-21T09:40:00Z');
    (await Promise.all([run(incident), run(incident, { schedule: true }), run(incident)])).forEach(ok);
    ok(await run(incident, { schedule: true }));
    expect(markerKeys(incident).sort()).toEqual(['live:card', 'live:nudge update:2026-11-21T09:30:00Z']);
    const nudge = botComments(incident).find((c) => c.body.includes('live:nudge'))!.body;
    expect(nudge).toMatch(/^@amelie-roux: an update was due by 10:30/m);
  });

  it('re-applies an edited comment and undoes a deleted one', async () => {
    const incident = await declare();
    const mitigated = say(incident, 'tnowak', '/mitigated 10:10', '2026-11-21T09:12:00Z');
    const update = say(incident, 'tnowak', '/update Rolling back', '2026-11-21T09:13:00Z');
    ok(await run(incident, { comment: update }));
    expect(front(record(incident))).toMatchObject({ mitigated: '2026-11-21T10:10:00+01:00', status: 'monitoring' });
    at('2026-11-21T09:20:00Z');
    server.editComment(REPO, mitigated.id, '/mitigated 10:05');
    server.deleteComment(REPO, update.id);
    ok(await run(incident, { comment: mitigated }));
    const text = record(incident);
    expect(front(text)).toMatchObject({ mitigated: '2026-11-21T10:05:00+01:00' });
    expect(front(text).updates).toBeUndefined();
    expect(text).not.toContain('Rolling back');
    // A person's edit on the branch wins over the commands before it.
    at('2026-11-21T09:30:00Z');
    server.seedFiles(
      REPO,
      {
        [incident.file]: text.replace(
          'mitigated: "2026-11-21T10:05:00+01:00"',
          'mitigated: "2026-11-21T10:02:00+01:00"',
        ),
      },
      { branch: incident.branch, author: 'tnowak', message: 'Mitigated earlier, by the graphs' },
    );
    ok(await run(incident, { comment: mitigated }));
    expect(front(record(incident)).mitigated).toBe('2026-11-21T10:02:00+01:00');
    expect(commitsOn(incident.branch)[0]).toBe('Mitigated earlier, by the graphs');
  });

  it('answers a non-member once and changes nothing; hostile text stays data', async () => {
    const incident = await declare();
    const first = say(incident, 'mallory', '/resolved', '2026-11-21T08:40:00Z');
    ok(await run(incident, { comment: first }));
    const second = say(incident, 'mallory', '/severity SEV4 fine', '2026-11-21T08:41:00Z');
    ok(await run(incident, { comment: second }));
    expect(commitsOn(incident.branch).some((m) => m.includes('Firebreak-Live'))).toBe(false);
    expect(markerKeys(incident).sort()).toEqual(['live:card', 'live:reply refused:mallory']);
    const refusal = botComments(incident).find((c) => c.body.includes('refused:mallory'))!.body;
    expect(refusal).toContain('`@mallory` is not one');

    const hostile = say(
      incident,
      'tnowak',
      [
        '/timeline fixes #1 @acme/everyone <!-- firebreak:live:card {"issue":1} --> | ## x',
        '/update ---\n/bogus $(rm -rf /)',
        '/severity SEV1 `code` </table>',
        '/severity @everyone fixes #2',
      ].join('\n'),
      '2026-11-21T08:45:00Z',
    );
    ok(await run(incident, { comment: hostile }));
    const text = record(incident);
    expect(text).toContain(
      '| fixes #1 @acme/everyone &lt;!-- firebreak:live:card {"issue":1} --&gt; \\| ## x ([comment]',
    );
    expect(front(text).status).toBe('investigating');
    const reply = botComments(incident).find((c) => c.body.includes('"key":"error:'))!.body;
    expect(reply).toContain('/bogus');
    // What the reply echoes from the comment pings nobody and closes nothing.
    expect(reply).toContain('@\u2060everyone');
    expect(reply).not.toMatch(/@everyone/);
    expect(reply).not.toMatch(/(^|[^`\u2060])@acme\/everyone/);
    expect(markerKeys(incident).filter((k) => k === 'live:card')).toHaveLength(1);
  });

  it("applies a 300-comment incident within GitHub's write limits, and a run with nothing new writes nothing", async () => {
    const incident = await declare();
    const people = ['tnowak', 'amelie-roux', 'ines-garcia', 'kofimensah'];
    for (let i = 0; i < 300; i++) {
      const minute = 40 + i / 5;
      const who = people[i % people.length]!;
      const body =
        i % 10 === 0
          ? '/ack'
          : i % 7 === 0
            ? `/update Step ${i}`
            : i % 11 === 0
              ? `/nonsense ${i}`
              : i % 3 === 0
                ? `/timeline Step ${i}`
                : `chatter ${i}`;
      say(incident, who, body, new Date(Date.parse('2026-11-21T08:00:00Z') + minute * 60_000).toISOString());
    }
    const result = ok(await run(incident));
    const made = writes();
    expect(made.length).toBeLessThanOrEqual(80);
    expect(commitsOn(incident.branch).filter((m) => m.includes('Firebreak-Live'))).toHaveLength(1);
    expect(result.stdout).toMatch(/Committed .* from \d+ comment/);
    // A second run (the next event) says what the budget left over, then nothing more is written.
    ok(await run(incident));
    const settled = writes().length;
    ok(await run(incident));
    ok(await run(incident, { schedule: true }));
    expect(writes().length).toBe(settled);
  });

  it('prints in a dry run what it would write, and writes nothing', async () => {
    const incident = await declare();
    const ack = say(incident, 'tnowak', '/ack', '2026-11-21T08:40:00Z');
    const result = ok(await run(incident, { comment: ack, inputs: { 'dry-run': 'true' } }));
    expect(writes()).toEqual([]);
    expect(result.stdout).toContain(`would commit ${incident.file} on ${incident.branch}`);
    expect(result.stdout).toContain(`would comment on #${incident.issue}`);
  });
});
