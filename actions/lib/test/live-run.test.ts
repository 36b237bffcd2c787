// One live run through the library against the local GitHub server (in process): the card, the
// nudges, the commit on the declaration's branch, and a run with nothing new writing nothing.
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createOctokitPort } from '../src/index.ts';
import { runLive } from '../src/live/run.ts';
import { startGitHubServer, type GitHubServer } from '../testing/github-server.ts';
import { declareSeeded, seedDeclarationIssue } from '../testing/live-incident.ts';
import { seedRecords } from '../testing/seed.ts';
import { copyExample, endToEndHooks, RECORD_DIRS } from '../testing/workspace.ts';

const REPO = 'acme/incidents';
let server: GitHubServer;
let workspace: string;
let clock = Date.parse('2026-11-21T08:30:00Z');
endToEndHooks(() => ({ server, workspace }));

const at = (iso: string) => (clock = Date.parse(iso));
const port = () => createOctokitPort({ token: 't', repository: REPO, baseUrl: server.url, writeIntervalMs: 0 });
const live = (issue: number, now = clock) =>
  runLive({ port: port(), root: workspace, issue, now, repository: REPO, identity: 'github-actions[bot]' });
const writes = () => server.requests.filter((r) => r.method !== 'GET').length;

async function declared(
  options: { earlyAck?: boolean } = {},
): Promise<{ issue: number; file: string; branch: string }> {
  clock = Date.parse('2026-11-21T08:30:00Z');
  workspace = copyExample('live-run', [...RECORD_DIRS, 'schemas']);
  server = await startGitHubServer({ repos: [REPO], now: () => new Date(clock) });
  seedRecords(server, REPO, workspace);
  const issue = seedDeclarationIssue(server, REPO);
  // Checked in while the declaration was still running: older than the record's first commit.
  at('2026-11-21T08:30:30Z');
  if (options.earlyAck) server.seedComment(REPO, issue.number, { body: '/ack', user: 'kofimensah' });
  at('2026-11-21T08:31:00Z');
  const outcome = await declareSeeded(port(), workspace, issue, clock);
  return { issue: issue.number, file: outcome.scaffold.path, branch: outcome.branch };
}

const fm = (text: string) => parseYaml(text.split(/^---$/m)[1]!) as Record<string, unknown>;
const comments = (issue: number) => server.state.repo(REPO).comments.filter((c) => c.issueNumber === issue);

describe('a live run', () => {
  it('commits the commands on the declaration branch, posts the card once, and writes nothing when nothing is new', async () => {
    const { issue, file, branch } = await declared();
    at('2026-11-21T08:40:12Z');
    const ack = server.seedComment(REPO, issue, { body: '/ack', user: 'tnowak' });
    at('2026-11-21T08:41:00Z');
    const first = await live(issue);
    expect(first).toMatchObject({ result: 'applied', committed: true });
    const text = server.fileAt(REPO, branch, file)!;
    expect(fm(text)).toMatchObject({
      acknowledged: '2026-11-21T09:40:12+01:00',
      check_ins: [
        {
          by: '@tnowak',
          at: '2026-11-21T09:40:12+01:00',
          comment: `https://github.com/${REPO}/issues/${issue}#issuecomment-${ack.id}`,
        },
      ],
    });
    const cards = comments(issue).filter((c) => c.body.includes('firebreak:live:card'));
    expect(cards).toHaveLength(1);
    expect(cards[0]!.body).toContain('Still needed for SEV1');
    if (process.env.PEEK) console.log(cards[0]!.body, '\n-----\n', text);

    const before = writes();
    at('2026-11-21T08:42:00Z');
    const again = await live(issue);
    expect(again).toMatchObject({ result: 'applied', committed: false, writes: 0 });
    expect(writes()).toBe(before);
  });

  it('nudges once per threshold, naming only people of the records', async () => {
    const { issue } = await declared();
    // SEV1: time to action 30m from 09:30 Paris; nobody checks in.
    at('2026-11-21T09:05:00Z');
    await live(issue);
    await live(issue);
    const nudges = comments(issue).filter((c) => c.body.includes('firebreak:live:nudge'));
    expect(nudges.map((n) => /"key":"([^"]+)"/.exec(n.body)?.[1])).toEqual(['ack:SEV1']);
    expect(nudges[0]!.body).toMatch(/^@amelie-roux /m);
    // The payments on-call by the rotation that week is named too.
    expect(nudges[0]!.body).toMatch(/@(ines-garcia|kofimensah|tnowak)\b/);
    // The update cadence (1h from the start, 10:30 Paris) then passes.
    at('2026-11-21T09:31:00Z');
    await live(issue);
    await live(issue);
    const keys = comments(issue)
      .filter((c) => c.body.includes('firebreak:live:nudge'))
      .map((n) => /"key":"([^"]+)"/.exec(n.body)?.[1]);
    expect(keys).toEqual(['ack:SEV1', 'update:2026-11-21T09:30:00Z']);
  });

  it('applies a command posted while the declaration was still running', async () => {
    const { issue, file, branch } = await declared({ earlyAck: true });
    at('2026-11-21T08:32:00Z');
    await live(issue);
    expect(fm(server.fileAt(REPO, branch, file)!)).toMatchObject({
      acknowledged: '2026-11-21T09:30:30+01:00',
      check_ins: [{ by: '@kofimensah' }],
    });
  });

  it("dates the card's times that fall on another day than the start", async () => {
    const { issue } = await declared();
    // Started 09:30 Paris on the 21st; the first update comes at 23:45, the next is due the next day.
    at('2026-11-21T22:45:00Z');
    server.seedComment(REPO, issue, { body: '/ack\n/update Still failing over', user: 'tnowak' });
    at('2026-11-21T22:46:00Z');
    await live(issue);
    const card = comments(issue).find((c) => c.body.includes('firebreak:live:card'))!.body;
    expect(card).toContain('last at 23:45; the next is due by 2026-11-22 00:45 (every 1h)');
  });
});
