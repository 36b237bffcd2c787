// One GitHub issue per report period, found again by a hidden marker (never by its title) among
// the issues the automation opened; created once, then updated in place.
import type { Root } from 'mdast';
import type { GitHubIssue, GitHubPort } from '../github/port.ts';
import { findOwnMarked, marker, renderMarker, root, safeTitle, toGitHubMarkdown } from '../markdown-out/index.ts';

const MARKER_KIND = 'report';
export const REPORT_LABEL = 'reliability-report';

export interface PublishResult {
  action: 'created' | 'updated' | 'unchanged';
  issue: GitHubIssue;
}

export function reportMarker(period: string): string {
  return renderMarker(MARKER_KIND, { period });
}

/** The body as published: the marker, then the report, cut to GitHub's limit with a note when it is too long. */
export function reportBody(period: string, report: Root, serverUrl?: string): string {
  return toGitHubMarkdown(root(marker(MARKER_KIND, { period }), report.children), {
    serverUrl,
    cutNote: 'The report was cut to fit in an issue; the job summary of the workflow run has all of it.',
  });
}

export async function publishReport(
  port: GitHubPort,
  options: { period: string; title: string; report: Root; identity: string; serverUrl?: string },
): Promise<PublishResult> {
  const body = reportBody(options.period, options.report, options.serverUrl);
  const title = safeTitle(options.title);
  const mine = findOwnMarked(await port.listIssues(), MARKER_KIND, options.identity, { atStart: true })
    .filter((found) => found.data.period === options.period)
    .map((found) => found.item)
    .sort((a, b) => a.number - b.number);
  const existing = mine[0];
  if (!existing) return { action: 'created', issue: await port.createIssue({ title, body, labels: [REPORT_LABEL] }) };
  if (existing.body === body && existing.title === title) return { action: 'unchanged', issue: existing };
  return { action: 'updated', issue: await port.updateIssue(existing.number, { title, body }) };
}
