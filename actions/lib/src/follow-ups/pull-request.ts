// Tracking issues closed by a person while the item is still open in git become one pull request
// that marks those items done (or won't do) in their postmortems, so git stays the source of
// truth. One branch, one open pull request at a time; reruns add to it and never duplicate it.
import type { GitHubPort } from '../github/port.ts';
import {
  code,
  list,
  marker,
  neutralize,
  own,
  paragraph,
  readMarker,
  root,
  toGitHubMarkdown,
  type Inline,
} from '../markdown-out/index.ts';
import type { WriteBudget } from './budget.ts';
import type { MarkDone } from './plan.ts';
import { setActionItemStatus } from './set-status.ts';
import { appendTo } from '../collections.ts';

export const MARK_DONE_BRANCH = 'firebreak/mark-follow-ups-done';
const MARKER_KIND = 'mark-done';

export interface MarkDoneResult {
  number?: number;
  url?: string;
  created: boolean;
  /** Items marked on the branch in this run. */
  marked: string[];
  /** Items a person already declined (their pull request was closed without merging). */
  declined: string[];
  problems: string[];
}

export async function proposeMarkDone(
  port: GitHubPort,
  items: MarkDone[],
  options: { baseBranch: string; budget: WriteBudget; branch?: string },
): Promise<MarkDoneResult> {
  const branch = options.branch ?? MARK_DONE_BRANCH;
  const result: MarkDoneResult = { created: false, marked: [], declined: [], problems: [] };
  const pulls = await port.listPullRequests(branch, 'all');
  const open = pulls.find((p) => p.state === 'open');
  const declined = new Set(pulls.filter((p) => p.state === 'closed' && !p.merged).flatMap((p) => markedIds(p.body)));
  const inOpen = new Set(open ? markedIds(open.body) : []);
  const wanted = items.filter((item) => inOpen.has(item.id) || !declined.has(item.id));
  result.declined = items.filter((item) => !wanted.includes(item)).map((item) => item.id);
  if (wanted.length === 0) return result;

  if (!open) {
    const base = await port.branchHead(options.baseBranch);
    if (!base) throw new Error(`the base branch ${options.baseBranch} does not exist`);
    options.budget.spend();
    await port.setBranch(branch, base);
  }
  const byFile = new Map<string, MarkDone[]>();
  for (const item of wanted) appendTo(byFile, item.file, item);
  const included: MarkDone[] = [];
  for (const [file, fileItems] of byFile) {
    const current = await port.readFile(file, branch);
    if (!current) {
      result.problems.push(`${file} is not on ${branch}; ${fileItems.map((i) => i.id).join(', ')} left for a person.`);
      continue;
    }
    const edit = setActionItemStatus(
      file,
      current.text,
      fileItems.map((item) => ({ itemId: item.itemId, status: item.status })),
    );
    for (const problem of edit.problems) result.problems.push(problem.message);
    included.push(
      ...fileItems.filter((item) => edit.changed.includes(item.itemId) || edit.unchanged.includes(item.itemId)),
    );
    if (edit.changed.length === 0) continue;
    options.budget.spend();
    const names = fileItems
      .filter((item) => edit.changed.includes(item.itemId))
      .map((item) => `${item.itemId} ${item.status}`);
    await port.writeFile(
      file,
      branch,
      edit.text,
      current.sha,
      neutralize(`Mark ${names.join(', ')} in ${file}\n\nTheir tracking issues were closed on GitHub.`),
    );
    result.marked.push(...fileItems.filter((item) => edit.changed.includes(item.itemId)).map((item) => item.id));
  }
  if (included.length === 0) return result;
  const ids = [...new Set([...inOpen, ...included.map((i) => i.id)])].sort();
  const body = markDoneBody(ids, items);
  const title = `Mark ${ids.length} action item${ids.length === 1 ? '' : 's'} closed on GitHub as finished`;
  if (open) {
    result.number = open.number;
    result.url = open.url;
    if (open.body !== body) {
      options.budget.spend();
      await port.updatePullRequest(open.number, { title, body });
    }
    return result;
  }
  options.budget.spend();
  const pull = await port.createPullRequest({ head: branch, base: options.baseBranch, title, body });
  return { ...result, number: pull.number, url: pull.url, created: true };
}

function markedIds(body: string): string[] {
  const ids = readMarker(body, MARKER_KIND, { atStart: true })?.ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The pull request's body: the marker listing the items, what each change is, and how to decline it. */
export function markDoneBody(ids: string[], items: MarkDone[]): string {
  const known = new Map(items.map((item) => [item.id, item]));
  const lines = ids.map((id): Inline[] => {
    const item = known.get(id);
    return item
      ? [
          code(item.file),
          `: ${item.itemId} → `,
          code(item.status),
          ' (',
          own(`#${item.issue}`),
          ' was closed on GitHub)',
        ]
      : [id];
  });
  return toGitHubMarkdown(
    root(
      marker(MARKER_KIND, { ids }),
      paragraph(
        "These action items' tracking issues were closed on GitHub while the postmortems still list them as open. Merging this marks them in git, which stays the source of truth; only their Status cells change.",
      ),
      list(lines),
      paragraph(
        'If an item is not finished, close this pull request and reopen its issue: Firebreak will not propose it again.',
      ),
    ),
  );
}
