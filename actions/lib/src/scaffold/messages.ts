// What the declare action writes on GitHub: the draft pull request and the comments on the issue.
// Everything is built as an mdast tree, and everything taken from the form or the records enters it
// as text, which the serialiser escapes and neutralises, so it pings no one, references and closes
// no issue, links nowhere else and cannot forge a marker. The only mentions are
// handles the catalog knows, added on purpose; the only reference is the declaring issue's own number.
import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import type { PullRequest } from '../github/port.ts';
import type { Catalog } from '../model/catalog.ts';
import {
  code,
  heading,
  joined,
  link,
  list,
  marker as markerNode,
  mention,
  neutralize,
  own,
  paragraph,
  quiet,
  readMarker as readCodecMarker,
  renderMarker,
  root,
  safeTitle,
  strong,
  table,
  toGitHubMarkdown,
  type Block,
  type Inline,
} from '../markdown-out/index.ts';
import type { DeclareProblem, Scaffold } from './declare.ts';

/** What declaring from an issue came to (declareFromIssue's answer, summarised by declareSummary). */
export type DeclareOutcome =
  | { result: 'ignored'; why: string }
  | { result: 'not-a-member'; commented: boolean }
  | { result: 'invalid'; problems: DeclareProblem[]; commented: boolean }
  | { result: 'already-declared'; pullRequest: PullRequest; branch: string; commented: boolean }
  | { result: 'declared'; scaffold: Scaffold; branch: string; pullRequest: PullRequest; resumed: boolean };

export type MarkerKind = 'pull-request' | 'declared' | 'refused' | 'problems';

const kindOf = (kind: MarkerKind) => `declare:${kind}`;

export function marker(kind: MarkerKind, data: Record<string, unknown>): string {
  return renderMarker(kindOf(kind), data);
}

/** The data of the first `kind` marker in a body, or undefined. */
export function readMarker(body: string, kind: MarkerKind): Record<string, unknown> | undefined {
  return readCodecMarker(body, kindOf(kind));
}

const post = (tree: Root) => toGitHubMarkdown(tree);

/** A fingerprint of a list of problems, so the same problems are not commented twice. */
export function problemsFingerprint(problems: readonly DeclareProblem[]): string {
  return createHash('sha256')
    .update(JSON.stringify(problems.map((p) => [p.field, p.message, p.hint])))
    .digest('hex')
    .slice(0, 16);
}

export function pullRequestTitle(scaffold: Scaffold): string {
  return safeTitle(`${scaffold.id} (${scaffold.severity}): ${scaffold.title}`);
}

export function commitMessage(scaffold: Scaffold, issue: number): string {
  return `Declare ${scaffold.id} (${scaffold.severity}): ${neutralize(scaffold.title, { singleLine: true })}\n\nDeclared in #${issue} with the incident form.`;
}

function nextSteps(scaffold: Scaffold): Block[] {
  const roles: Inline[][] = scaffold.rolesToName.length
    ? [
        [
          `Name the roles ${scaffold.severity} requires besides the commander: `,
          ...joined(scaffold.rolesToName.map(code)),
          ' (under ',
          code('roles:'),
          ' in the front matter; the commented lines show where).',
        ],
      ]
    : [];
  return [
    list(
      [
        ...roles,
        ['Check the severity, the services, the commander and the start time.'],
        [
          'Mark this pull request ready for review and merge it: the incident is then on the default branch, where reports and follow-ups count it.',
        ],
      ],
      { checked: false },
    ),
    paragraph(
      'As the incident goes on, update ',
      code('status'),
      ', the timestamps (',
      ...joined(['detected', 'acknowledged', 'mitigated', 'resolved'].map(code)),
      ') and the timeline, here or in later pull requests. The postmortem is written in the same file.',
    ),
  ];
}

/** The draft pull request's body: the marker (which also reserves the id), a card of the values, and what to do next. */
export function pullRequestBody(
  scaffold: Scaffold,
  issue: { number: number; author: string },
  catalog: Catalog,
): string {
  const level = catalog.severities.get(scaffold.severity);
  return post(
    root(
      markerNode(kindOf('pull-request'), { issue: issue.number, id: scaffold.id, path: scaffold.path }),
      paragraph(
        'Declared in ',
        own(`#${issue.number}`),
        ' by ',
        quiet(`@${issue.author}`),
        '. This draft adds ',
        code(scaffold.path),
        ": the incident's record, and the outline of its postmortem.",
      ),
      table(
        ['', ''],
        [
          ['Incident', strong(scaffold.id)],
          ['Title', scaffold.title],
          ['Severity', `${scaffold.severity}${level?.name ? ` (${level.name})` : ''}`],
          ['Services', joined(scaffold.services.map(code))],
          ['Commander', quiet(scaffold.commander)],
          ['Impact started', scaffold.started],
        ],
      ),
      nextSteps(scaffold),
    ),
  );
}

/** The comment on the issue once the pull request is open. */
export function declaredComment(
  issue: number,
  pullRequest: { number: number; url: string },
  scaffold?: Scaffold,
): string {
  // The bot's own reference to its pull request: GitHub links the two.
  const pr = own(`#${pullRequest.number}`);
  const tag = markerNode(kindOf('declared'), { issue, pr: pullRequest.number });
  if (!scaffold) return post(root(tag, paragraph('This incident is declared: draft pull request ', pr, '.')));
  return post(
    root(
      tag,
      paragraph(
        'Declared ',
        strong(scaffold.id),
        ` (${scaffold.severity}): draft pull request `,
        pr,
        ' adds ',
        code(scaffold.path),
        '.',
      ),
      paragraph(
        mention(scaffold.commander),
        ' is the incident commander.',
        ...(scaffold.rolesToName.length
          ? [
              ` ${scaffold.severity} also needs `,
              ...joined(scaffold.rolesToName.map(code), ' and '),
              ' named in the record.',
            ]
          : []),
      ),
      paragraph(
        'Next: check the values in the pull request, name the roles, then mark it ready and merge it so the incident counts in reports. Keep this issue for the conversation; close it when the incident is resolved (merging the pull request does not close it).',
      ),
    ),
  );
}

/** The comment when the author is not a member of any Team: who may declare, and how to become one. */
export function refusedComment(issue: number, author: string, catalog: Catalog, teamFiles: string[]): string {
  const leads = [...catalog.teams.values()]
    .filter((team) => team.spec.lead)
    .slice(0, 30)
    .map((team): Inline[] => [quiet(team.spec.lead!), ` (${team.metadata.name.slice(0, 64)})`]);
  const files: Inline[] = teamFiles.length ? joined(teamFiles.map(code)) : [code('policies/')];
  return post(
    root(
      markerNode(kindOf('refused'), { issue }),
      paragraph(
        'Nothing was declared: only members of a Team in the records may declare incidents with this form, and ',
        quiet(`@${author}`),
        ' is not one.',
      ),
      list([
        [
          strong('If customers are affected now'),
          ', reach the people on call for the service (the escalation policies in ',
          code('policies/'),
          ' say who) or ask a member of a team to declare the incident.',
        ],
        [
          strong('To be able to declare incidents'),
          ", ask your team's lead to add you to the team's ",
          code('members'),
          ' in ',
          ...files,
          ', in a pull request. Once it is merged, open a new issue from the form.',
        ],
      ]),
      leads.length ? paragraph('Team leads: ', ...leads.flatMap((l, i) => (i ? [', ', ...l] : l)), '.') : undefined,
    ),
  );
}

/** The comment listing what to fix in the form, and how to try again. */
export function problemsComment(issue: number, problems: readonly DeclareProblem[], runUrl?: string): string {
  const rerun: Inline[] = runUrl
    ? [link(runUrl, 're-run the workflow run')]
    : ['re-run the workflow run that posted this comment'];
  return post(
    root(
      markerNode(kindOf('problems'), { issue, fp: problemsFingerprint(problems) }),
      paragraph(
        `Nothing was declared yet: ${problems.length === 1 ? 'one value' : `${problems.length} values`} in the form need${problems.length === 1 ? 's' : ''} fixing. No branch and no pull request were created.`,
      ),
      list(problems.map((p): Inline[] => [strong(p.label), `: ${p.message} ${p.hint}`])),
      paragraph(
        "To fix it, edit this issue (the title is the incident's title; each field is a ",
        code('###'),
        ' section of the description), correct the values, then ',
        ...rerun,
        ' (Re-run jobs). If you cannot re-run workflows, open a new issue from the form with the corrected values and close this one.',
      ),
    ),
  );
}

/** The problem when the issue body cannot be read as the form at all. */
export function unreadableForm(message: string): DeclareProblem {
  return {
    field: 'form',
    label: 'Form',
    message,
    hint: 'Open the issue from the "Declare an incident" form and fill in its fields.',
  };
}

/** The declare action's job summary. */
export function declareSummary(outcome: DeclareOutcome, issue: number, options: { serverUrl?: string } = {}): string {
  const ref = own(`#${issue}`);
  const blocks: Block[] = (() => {
    switch (outcome.result) {
      case 'declared':
        return [
          heading(2, `Declared ${outcome.scaffold.id}`),
          paragraph(
            'Issue ',
            ref,
            ': draft pull request ',
            link(outcome.pullRequest.url, outcome.pullRequest.url),
            ' adds ',
            code(outcome.scaffold.path),
            ` (${outcome.scaffold.severity}, ${outcome.scaffold.title}).`,
          ),
        ];
      case 'already-declared':
        return [
          heading(2, 'Already declared'),
          paragraph(
            'Issue ',
            ref,
            ' was declared before: ',
            link(outcome.pullRequest.url, outcome.pullRequest.url),
            '. Nothing was changed.',
          ),
        ];
      case 'not-a-member':
        return [
          heading(2, 'Not declared'),
          paragraph('The author of issue ', ref, ' is not a member of any Team in the records.'),
        ];
      case 'invalid':
        return [
          heading(2, 'Not declared'),
          paragraph('The form of issue ', ref, ' has problems:'),
          list(outcome.problems.map((p): Inline[] => [strong(p.label), `: ${p.message} ${p.hint}`])),
        ];
      case 'ignored':
        return [heading(2, 'Nothing to declare'), paragraph(`${outcome.why}.`)];
    }
  })();
  return toGitHubMarkdown(root(blocks), { serverUrl: options.serverUrl });
}
