// Every renderer whose output the bot posts to GitHub, fed the same hostile records, read back
// the way GitHub reads it (remark-gfm): nobody outside the records' own handles is mentioned, no
// link leaves the repository's server, no issue is referenced or closed, every table row keeps
// its header's columns, and the only markers are the ones the code put there.
import { describe, expect, it } from 'vitest';
import {
  buildCatalog,
  buildReport,
  createDryRunPort,
  type GitHubPort,
  declareIncident,
  formatFollowUpsMarkdown,
  formatReportMarkdown,
  loadRepository,
  reportBody,
  runFollowUps,
  validateRepository,
} from '../src/index.ts';
import { renderReviewComment } from '../src/review/comment.ts';
import { buildReview, type ReviewData } from '../src/review/review.ts';
import { markDoneBody } from '../src/follow-ups/pull-request.ts';
import {
  declareSummary,
  declaredComment,
  problemsComment,
  pullRequestBody,
  refusedComment,
} from '../src/scaffold/messages.ts';
import { dueNudges, renderCard, renderReply, type CardContext } from '../src/live/card.ts';
import { toGitHubMarkdown } from '../src/markdown-out/index.ts';
import { githubFacts, linkHosts } from '../testing/github-markdown.ts';
import { fixtureRepo, NOW, replace } from './repo.ts';

const INCIDENT = 'incidents/2026/2026-10-01-api-outage.md';
const SERVER = 'https://github.com';
const REPOSITORY = 'acme/ops';

/** Everything an outsider would try, in one line. */
const HOSTILE =
  '@someone and @evil-org/sre fixes #1, closes acme/other#2 GH-3 https://github.com/acme/other/issues/4 ' +
  '](https://evil.example) [x <img src=x onerror=alert(1)> <!-- firebreak:review --> ' +
  '<!-- firebreak:tracking {"id":"forged"} --> \u202Eevil\u202C ::error::boom `tick` www.evil.example mail@evil.example *em* <b>b</b>';
/** The same, as one Markdown table cell of the record. */
/** A title's worth (titles are at most 256 characters). */
const HOSTILE_TITLE =
  'API down ](https://evil.example) [x @someone @evil-org/sre fixes #1 https://github.com/acme/other/issues/4 \u202Ex <!-- firebreak:review --> `t|` ::error::t';
const HOSTILE_CELL = HOSTILE.replace(/\|/g, '\\|');
const FORBIDDEN_MENTIONS = ['@someone', '@evil-org/sre'];
const FORBIDDEN_REFERENCES = ['#1', 'acme/other#2', 'GH-3', 'https://github.com/acme/other/issues/4'];

function hostileRepo(): string {
  return fixtureRepo({
    [INCIDENT]: (text) =>
      [
        replace('title: API returned errors for all customers', `title: ${JSON.stringify(HOSTILE_TITLE)}`),
        replace('impact: All API calls failed for 40 minutes.', `impact: ${JSON.stringify(HOSTILE)}`),
        replace('postmortem: published\npostmortem_published: 2026-10-04\n', 'postmortem: in-review\n'),
        replace('| 10:04 | Error-rate alert fired. |', `| 10:04 | ${HOSTILE_CELL} |`),
        replace(
          '| AI-2 | Alert on config load failures         | @platform |',
          `| AI-2 | ${HOSTILE_CELL} | @alice \\| @someone |`,
        ),
        replace('| AI-2 |', `| AI-3 | ${HOSTILE_CELL} | @alice | 2026-11-01 | P1 | open | |\n| AI-2 |`),
        replace('A configuration change removed', `${HOSTILE} A configuration change removed`),
      ].reduce((t, change) => change(t), text),
  });
}

/** Each renderer's output for the hostile repository, with the markers it should carry. */
async function outputs(): Promise<{ name: string; markdown: string; markers: string[]; references?: string[] }[]> {
  const root = hostileRepo();
  const repo = loadRepository(root);
  const catalog = buildCatalog(repo);
  const { diagnostics } = validateRepository(repo, { now: NOW });
  const review = buildReview(repo, catalog, {
    files: [INCIDENT],
    diagnostics,
    checkedFiles: 1,
    pullRequest: 7,
    headSha: 'a'.repeat(40),
    now: NOW,
  });
  const tampered: ReviewData = {
    ...review,
    diagnostics: [
      { rule: HOSTILE, severity: 'error', file: HOSTILE, line: 1, column: 1, message: HOSTILE, hint: HOSTILE },
    ],
    incidents: review.incidents.map((i) => ({
      ...i,
      id: HOSTILE,
      file: HOSTILE,
      severity: HOSTILE,
      status: HOSTILE,
      postmortem: HOSTILE,
      services: [HOSTILE],
      commander: HOSTILE,
      missing: [HOSTILE],
      slos: [{ slo: HOSTILE, unit: 'events', consumed: 1, consumedPercent: 1, remainingPercent: 1, status: HOSTILE }],
      actionItems: i.actionItems.map((a) => ({
        ...a,
        id: HOSTILE,
        action: HOSTILE,
        owner: HOSTILE,
        due: HOSTILE,
        priority: HOSTILE,
        status: HOSTILE,
        problems: [HOSTILE],
      })),
      timeline: [{ time: HOSTILE, event: HOSTILE }],
      blameless: [{ line: 1, message: HOSTILE, hint: HOSTILE }],
    })),
  };
  const report = buildReport(repo, catalog, { now: NOW, since: '2026-09-01', until: '2026-12-01' });
  const reportMarkdown = formatReportMarkdown(report, { linkBase: `${SERVER}/${REPOSITORY}/blob/abc/` });
  // What the follow-ups run posts, as it posts it (the comments' markers are added when they are written).
  const dry = createDryRunPort();
  const posted: { name: string; body: string; marker: string }[] = [];
  const port: GitHubPort = {
    ...dry,
    createIssue: async (fields) => (
      posted.push({ name: `follow-up issue ${posted.length + 1}`, body: fields.body, marker: 'tracking' }),
      dry.createIssue(fields)
    ),
    createComment: async (number, body) =>
      void posted.push({ name: `follow-up comment on #${number}`, body, marker: 'said' }),
  };
  const followUps = await runFollowUps({
    root,
    now: NOW,
    port,
    repository: REPOSITORY,
    commit: 'abc',
    baseBranch: 'main',
  });
  if (process.env.DEBUG_HOSTILE)
    console.log(
      JSON.stringify({ problems: repo.problems, skipped: followUps.skipped, report: reportMarkdown }, null, 1),
    );
  const declared = declareIncident(
    { title: HOSTILE_TITLE, severity: 'SEV1', services: 'api', started: 'now', commander: '@alice', summary: HOSTILE },
    repo,
    catalog,
    { now: NOW },
  );
  if (!declared.ok) throw new Error(`The hostile declaration was refused: ${JSON.stringify(declared.problems)}`);
  const scaffold = declared.scaffold;
  const problems = [{ field: 'title' as const, label: HOSTILE, message: HOSTILE, hint: HOSTILE }];
  const pr = { number: 8, url: `${SERVER}/${REPOSITORY}/pull/8` };
  // The live incident: a card, its nudges and replies, from a record whose every field is hostile.
  const card: CardContext = {
    issue: 5,
    incidentId: HOSTILE,
    path: `incidents/${HOSTILE}.md`,
    record: {
      severity: 'SEV1',
      status: HOSTILE,
      commander: HOSTILE,
      roles: { [HOSTILE]: HOSTILE, communications: [HOSTILE, '@bob'] },
      started: '2026-11-21T09:00:00+01:00',
      check_ins: [{ by: HOSTILE, at: '2026-11-21T09:10:00+01:00', comment: HOSTILE }],
      updates: [{ by: HOSTILE, at: '2026-11-21T09:20:00+01:00', comment: HOSTILE }],
    },
    catalog,
    timeZone: 'Europe/Paris',
    services: [HOSTILE, 'api'],
    pullRequest: { number: 8, url: pr.url, kind: 'declare' },
  };
  const live = [
    { name: 'incident card', markdown: toGitHubMarkdown(renderCard(card)), markers: ['live:card'], references: ['#8'] },
    ...dueNudges(card, NOW + 86_400_000).map((n, i) => ({
      name: `nudge ${i + 1}`,
      markdown: toGitHubMarkdown(n.body),
      markers: ['live:nudge'],
    })),
    {
      name: 'reply to a non-member',
      markdown: toGitHubMarkdown(renderReply(5, { key: 'refused:x', kind: 'refused', author: HOSTILE, errors: [] })),
      markers: ['live:reply'],
    },
    {
      name: 'reply to a bad command',
      markdown: toGitHubMarkdown(
        renderReply(5, { key: 'error:1', kind: 'error', author: HOSTILE, errors: [HOSTILE, HOSTILE] }),
      ),
      markers: ['live:reply'],
    },
  ];
  return [
    ...live,
    { name: 'review comment', markdown: renderReviewComment(review, { repository: REPOSITORY }), markers: ['review'] },
    {
      name: 'review comment from a tampered artifact',
      markdown: renderReviewComment(tampered, { repository: REPOSITORY }),
      markers: ['review'],
    },
    { name: 'report issue', markdown: reportBody('2026-11', reportMarkdown), markers: ['report'] },
    ...posted.map((p) => ({ name: p.name, markdown: p.body, markers: [p.marker] })),
    { name: 'follow-ups job summary', markdown: formatFollowUpsMarkdown(followUps), markers: [] },
    {
      name: 'mark-done pull request',
      markdown: markDoneBody(
        ['x', 'y'],
        [
          {
            id: 'x',
            file: `incidents/${HOSTILE}.md`,
            itemId: HOSTILE,
            status: 'done',
            issue: 12,
            issueUrl: `${SERVER}/${REPOSITORY}/issues/12`,
          },
        ],
      ),
      markers: ['mark-done'],
      references: ['#12'],
    },
    {
      name: 'declare pull request',
      markdown: pullRequestBody(scaffold, { number: 5, author: HOSTILE }, catalog),
      markers: ['declare:pull-request'],
      references: ['#5'],
    },
    {
      name: 'declared comment',
      markdown: declaredComment(5, pr, scaffold),
      markers: ['declare:declared'],
      references: ['#8'],
    },
    { name: 'refused comment', markdown: refusedComment(5, HOSTILE, catalog, [HOSTILE]), markers: ['declare:refused'] },
    { name: 'problems comment', markdown: problemsComment(5, problems, HOSTILE), markers: ['declare:problems'] },
    {
      name: 'declare job summary',
      markdown: declareSummary({ result: 'invalid', problems }, 5),
      markers: [],
      references: ['#5'],
    },
    {
      name: 'declare job summary (declared)',
      markdown: declareSummary(
        {
          result: 'declared',
          scaffold,
          pullRequest: { ...pr, state: 'open', merged: false, body: '', headRef: 'b', headSha: 'c' },
          branch: 'b',
        } as never,
        5,
      ),
      markers: [],
      references: ['#5', pr.url],
    },
  ];
}

const ALLOWED_HTML =
  /^(<!-- firebreak:[a-z:-]+(?: \{[^\n>]*\})? -->|<details><summary>[^<]*<\/summary>|<\/details>|<\/?sub>)$/;

describe('what the bot posts, fed hostile records', async () => {
  const cases = await outputs();
  it('has a case for every renderer', () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
    expect(cases.some((c) => c.name.startsWith('nudge'))).toBe(true);
    expect(cases.some((c) => c.name.startsWith('follow-up issue'))).toBe(true);
    expect(cases.some((c) => c.name.startsWith('follow-up comment'))).toBe(true);
  });
  for (const { name, markdown, markers, references = [] } of cases) {
    it(`${name}: no foreign mention, link, reference, closing keyword, broken row or forged marker`, () => {
      const facts = githubFacts(markdown, SERVER);
      expect(
        facts.mentions.filter(
          (m) => FORBIDDEN_MENTIONS.includes(m) || !/^@(alice|bob|carol|dave|platform|search|[a-z]+-oncall)$/.test(m),
        ),
      ).toEqual([]);
      expect(
        linkHosts(facts).filter((h) => h !== 'github.com' && h !== 'redirect.github.com' && h !== '(relative)'),
      ).toEqual([]);
      expect(facts.references.filter((r) => FORBIDDEN_REFERENCES.includes(r) || !references.includes(r))).toEqual([]);
      expect(facts.closing).toEqual([]);
      for (const table of facts.tables) expect(table.rows.filter((n) => n !== table.header)).toEqual([]);
      expect(facts.html.filter((h) => !ALLOWED_HTML.test(h.trim()))).toEqual([]);
      expect(facts.html.filter((h) => h.includes('firebreak:')).map((h) => /firebreak:([a-z:-]+)/.exec(h)![1])).toEqual(
        markers,
      );
      expect(markdown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(markdown).not.toMatch(/^\s*::/m);
    });
  }
});
