// Changes the Status cell of action items in a postmortem's text, and nothing else: every other
// byte (line endings, BOM, padding, the rest of the row) stays as the user wrote it.
import { decodeText } from '../load/read-file.ts';
import { readFrontMatter } from '../load/front-matter.ts';
import { scanMarkdown } from '../markdown/scan.ts';
import { readActionItems } from '../model/action-items.ts';

export interface StatusChange {
  itemId: string;
  status: 'done' | 'wont-do';
}

export interface StatusEdit {
  text: string;
  /** Items whose cell was changed. */
  changed: string[];
  /** Items already carrying the wanted status. */
  unchanged: string[];
  /** Items that could not be changed, with why. */
  problems: { itemId: string; message: string }[];
}

export function setActionItemStatus(file: string, original: string, changes: StatusChange[]): StatusEdit {
  const edit: StatusEdit = { text: original, changed: [], unchanged: [], problems: [] };
  const fail = (message: string) => {
    for (const change of changes) edit.problems.push({ itemId: change.itemId, message });
    return edit;
  };
  let normalized: string;
  try {
    normalized = decodeText(file, new TextEncoder().encode(original));
  } catch (error) {
    return fail((error as Error).message);
  }
  const { result } = readFrontMatter(file, normalized);
  if (!result) return fail(`${file} has front matter that cannot be read.`);
  const table = readActionItems({ body: scanMarkdown(result.body, result.bodyLine) });
  if (!table || table.columns.status === undefined)
    return fail(`${file} has no action-items table with a Status column.`);

  // Split keeping each line's own ending, so the file is rebuilt byte for byte.
  const parts = original.split(/(\r\n|\r|\n)/);
  const bom = original.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const change of changes) {
    const matches = table.items.filter((item) => item.id === change.itemId);
    if (matches.length !== 1) {
      edit.problems.push({
        itemId: change.itemId,
        message: matches.length
          ? `${change.itemId} appears ${matches.length} times in ${file}.`
          : `${change.itemId} is not in the action-items table of ${file}.`,
      });
      continue;
    }
    const item = matches[0]!;
    const cell = item.cells.status;
    if (!cell) {
      edit.problems.push({ itemId: change.itemId, message: `${change.itemId} in ${file} has no Status cell.` });
      continue;
    }
    if (item.status === change.status) {
      edit.unchanged.push(change.itemId);
      continue;
    }
    const index = (cell.line - 1) * 2;
    const line = parts[index];
    const start = cell.column - 1 + (cell.line === 1 ? bom : 0);
    if (
      line === undefined ||
      cell.text === '' ||
      cell.text.includes('|') ||
      line.slice(start, start + cell.text.length) !== cell.text
    ) {
      edit.problems.push({
        itemId: change.itemId,
        message: `The Status cell of ${change.itemId} in ${file} could not be located exactly; change it by hand.`,
      });
      continue;
    }
    parts[index] = line.slice(0, start) + change.status + line.slice(start + cell.text.length);
    edit.changed.push(change.itemId);
  }
  edit.text = parts.join('');
  return edit;
}
