// One GitHub issue per report period, found again by a hidden marker (never by its title) among
// the issues the automation opened; created once, then updated in place.
import type { GitHubIssue, GitHubPort } from '../github/port.ts';
import { BODY_LIMIT, safeTitle } from '../text/github-safe.ts';

const MARKER = /^<!-- firebreak:report (\{[^\n]*\}) -->/;
export const REPORT_LABEL = 'reliability-report';

export interface PublishResult {
  action: 'created' | 'updated' | 'unchanged';
  issue: GitHubIssue;
}

export function reportMarker(period: string): string {
  return `<!-- firebreak:report ${JSON.stringify({ period }).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')} -->`;
}

function periodOf(body: string): string | undefined {
  const match = MARKER.exec(body);
  if (!match) return undefined;
  try {
    const value = JSON.parse(match[1]!) as { period?: unknown };
    return typeof value.period === 'string' ? value.period : undefined;
  } catch {
    return undefined;
  }
}

/** The body as published: the marker, then the report, cut to GitHub's limit with a note when it is too long. */
export function reportBody(period: string, markdown: string): string {
  const head = `${reportMarker(period)}\n`;
  const full = head + markdown;
  if (full.length <= BODY_LIMIT) return full;
  const note = '\n\n*The report was cut to fit in an issue; the job summary of the workflow run has all of it.*\n';
  return head + markdown.slice(0, BODY_LIMIT - head.length - note.length) + note;
}

export async function publishReport(port: GitHubPort, options: { period: string; title: string; markdown: string; identity: string }): Promise<PublishResult> {
  const body = reportBody(options.period, options.markdown);
  const title = safeTitle(options.title);
  const mine = (await port.listIssues()).filter((i) => i.author.toLowerCase() === options.identity.toLowerCase() && periodOf(i.body) === options.period).sort((a, b) => a.number - b.number);
  const existing = mine[0];
  if (!existing) return { action: 'created', issue: await port.createIssue({ title, body, labels: [REPORT_LABEL] }) };
  if (existing.body === body && existing.title === title) return { action: 'unchanged', issue: existing };
  return { action: 'updated', issue: await port.updateIssue(existing.number, { title, body }) };
}
