// What the declare action writes on GitHub: the draft pull request and the comments on the issue.
// Everything taken from the form or the records goes through neutralize / safeTitle / safeCell, so
// it pings no one, references and closes no issue, and cannot forge a marker. The only mentions are
// handles the catalog knows, added on purpose; the only reference is the declaring issue's own number.
import { createHash } from 'node:crypto';
import type { Catalog } from '../model/catalog.ts';
import { BODY_LIMIT, mention, neutralize, quietHandle, safeCell, safeTitle, truncate } from '../text/github-safe.ts';
import type { DeclareProblem, Scaffold } from './declare.ts';

export type MarkerKind = 'pull-request' | 'declared' | 'refused' | 'problems';

// JSON inside an HTML comment: "-->" must never appear in it, so "<" and ">" are escaped.
const encode = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

export function marker(kind: MarkerKind, data: Record<string, unknown>): string {
  return `<!-- firebreak:declare:${kind} ${encode(data)} -->`;
}

/** The data of the first `kind` marker in a body, or undefined. */
export function readMarker(body: string, kind: MarkerKind): Record<string, unknown> | undefined {
  const match = new RegExp(`<!-- firebreak:declare:${kind} (\\{[^\\n]*?\\}) -->`).exec(body ?? '');
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[1]!) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A fingerprint of a list of problems, so the same problems are not commented twice. */
export function problemsFingerprint(problems: readonly DeclareProblem[]): string {
  return createHash('sha256').update(JSON.stringify(problems.map((p) => [p.field, p.message, p.hint]))).digest('hex').slice(0, 16);
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const fit = (text: string) => truncate(text, BODY_LIMIT);

export function pullRequestTitle(scaffold: Scaffold): string {
  return safeTitle(`${scaffold.id} (${scaffold.severity}): ${scaffold.title}`);
}

export function commitMessage(scaffold: Scaffold, issue: number): string {
  return `Declare ${scaffold.id} (${scaffold.severity}): ${neutralize(scaffold.title, { singleLine: true })}\n\nDeclared in #${issue} with the incident form.`;
}

function nextSteps(scaffold: Scaffold): string[] {
  return [
    ...(scaffold.rolesToName.length ? [`- [ ] Name the roles ${scaffold.severity} requires besides the commander: ${scaffold.rolesToName.map(code).join(', ')} (under \`roles:\` in the front matter; the commented lines show where).`] : []),
    '- [ ] Check the severity, the services, the commander and the start time.',
    '- [ ] Mark this pull request ready for review and merge it: the incident is then on the default branch, where reports and follow-ups count it.',
    '- As the incident goes on, update `status`, the timestamps (`detected`, `acknowledged`, `mitigated`, `resolved`) and the timeline, here or in later pull requests. The postmortem is written in the same file.',
  ];
}

/** The draft pull request's body: the marker (which also reserves the id), a card of the values, and what to do next. */
export function pullRequestBody(scaffold: Scaffold, issue: { number: number; author: string }, catalog: Catalog): string {
  const level = catalog.severities.get(scaffold.severity);
  return fit(
    [
      marker('pull-request', { issue: issue.number, id: scaffold.id, path: scaffold.path }),
      `Declared in #${issue.number} by ${quietHandle(`@${issue.author}`)}. This draft adds ${code(scaffold.path)}: the incident's record, and the outline of its postmortem.`,
      '',
      '| | |',
      '|---|---|',
      `| Incident | **${scaffold.id}** |`,
      `| Title | ${safeCell(scaffold.title)} |`,
      `| Severity | ${scaffold.severity}${level?.name ? ` (${safeCell(level.name)})` : ''} |`,
      `| Services | ${scaffold.services.map(code).join(', ')} |`,
      `| Commander | ${quietHandle(scaffold.commander)} |`,
      `| Impact started | ${scaffold.started} |`,
      '',
      ...nextSteps(scaffold),
    ].join('\n'),
  );
}

/** The comment on the issue once the pull request is open. */
export function declaredComment(issue: number, pullRequest: { number: number; url: string }, scaffold?: Scaffold): string {
  const lines = [marker('declared', { issue, pr: pullRequest.number })];
  if (!scaffold) {
    lines.push(`This incident is declared: draft pull request ${pullRequest.url}.`);
    return fit(lines.join('\n'));
  }
  const commander = mention(scaffold.commander);
  lines.push(
    `Declared **${scaffold.id}** (${scaffold.severity}): draft pull request ${pullRequest.url} adds ${code(scaffold.path)}.`,
    '',
    `${commander ?? quietHandle(scaffold.commander)} is the incident commander.${scaffold.rolesToName.length ? ` ${scaffold.severity} also needs ${scaffold.rolesToName.map(code).join(' and ')} named in the record.` : ''}`,
    '',
    'Next: check the values in the pull request, name the roles, then mark it ready and merge it so the incident counts in reports. Keep this issue for the conversation; close it when the incident is resolved (merging the pull request does not close it).',
  );
  return fit(lines.join('\n'));
}

/** The comment when the author is not a member of any Team: who may declare, and how to become one. */
export function refusedComment(issue: number, author: string, catalog: Catalog, teamFiles: string[]): string {
  const leads = [...catalog.teams.values()]
    .filter((team) => team.spec.lead)
    .map((team) => `${quietHandle(team.spec.lead!)} (${safeCell(team.metadata.name, 64)})`);
  const files = teamFiles.length ? teamFiles.map(code).join(', ') : '`policies/`';
  return fit(
    [
      marker('refused', { issue }),
      `Nothing was declared: only members of a Team in the records may declare incidents with this form, and ${quietHandle(`@${author}`)} is not one.`,
      '',
      `- **If customers are affected now**, reach the people on call for the service (the escalation policies in \`policies/\` say who) or ask a member of a team to declare the incident.`,
      `- **To be able to declare incidents**, ask your team's lead to add you to the team's \`members\` in ${files}, in a pull request. Once it is merged, open a new issue from the form.`,
      ...(leads.length ? ['', `Team leads: ${leads.slice(0, 30).join(', ')}.`] : []),
    ].join('\n'),
  );
}

/** The comment listing what to fix in the form, and how to try again. */
export function problemsComment(issue: number, problems: readonly DeclareProblem[], runUrl?: string): string {
  const rerun = runUrl ? `[re-run the workflow run](${runUrl})` : 're-run the workflow run that posted this comment';
  return fit(
    [
      marker('problems', { issue, fp: problemsFingerprint(problems) }),
      `Nothing was declared yet: ${problems.length === 1 ? 'one value' : `${problems.length} values`} in the form need${problems.length === 1 ? 's' : ''} fixing. No branch and no pull request were created.`,
      '',
      ...problems.map((p) => `- **${p.label}**: ${neutralize(p.message, { singleLine: true })} ${neutralize(p.hint, { singleLine: true })}`),
      '',
      `To fix it, edit this issue (the title is the incident's title; each field is a \`###\` section of the description), correct the values, then ${rerun} (Re-run jobs). If you cannot re-run workflows, open a new issue from the form with the corrected values and close this one.`,
    ].join('\n'),
  );
}

/** The problem when the issue body cannot be read as the form at all. */
export function unreadableForm(message: string): DeclareProblem {
  return { field: 'form', label: 'Form', message, hint: 'Open the issue from the "Declare an incident" form and fill in its fields.' };
}
