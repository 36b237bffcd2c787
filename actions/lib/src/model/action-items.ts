import type { Position } from '../diagnostics.ts';
import type { Table, TableCell } from '../markdown/scan.ts';
import { normalizeHeading } from '../markdown/scan.ts';
import type { Incident } from './types.ts';

export const ACTION_ITEM_STATUSES = ['open', 'in-progress', 'blocked', 'done', 'wont-do'] as const;
export const OPEN_STATUSES: readonly string[] = ['open', 'in-progress', 'blocked'];

export type ActionItemField = 'id' | 'action' | 'owner' | 'due' | 'priority' | 'status' | 'issue' | 'done';
export const REQUIRED_COLUMNS: readonly ActionItemField[] = ['id', 'action', 'owner', 'due', 'priority', 'status'];

/** Header names accepted for each field, normalised (lower case, no punctuation). */
const COLUMN_NAMES: Record<ActionItemField, string[]> = {
  id: ['id'],
  action: ['action', 'item', 'description', 'action item'],
  owner: ['owner', 'assignee'],
  due: ['due', 'due date'],
  priority: ['priority', 'prio'],
  status: ['status', 'state'],
  issue: ['issue', 'tracking issue'],
  done: ['done', 'done on', 'closed', 'closed on', 'completed'],
};

/** The header of an action-items table as Firebreak writes it and as the rules' hints show it. */
export const ACTION_ITEMS_HEADER = '| ID | Action | Owner | Due | Priority | Status | Issue |';

export const ACTION_ITEMS_HEADINGS = [
  'action items',
  'action items and follow ups',
  'follow ups',
  'corrective actions',
  'remediation items',
];

export interface ActionItem {
  /** The table row's line in the file. */
  line: number;
  cells: Partial<Record<ActionItemField, TableCell>>;
  id: string;
  action: string;
  owner: string;
  due: string;
  priority: string;
  status: string;
  issue: string;
  /** The optional Done column: the date the item was finished (YYYY-MM-DD), for time-to-close figures. */
  done: string;
}

/** What reports and reviews show of an action item. */
export type ActionItemSummary = Pick<ActionItem, 'line' | 'id' | 'action' | 'owner' | 'due' | 'priority' | 'status'>;

export interface ActionItemsTable {
  /** Line of the Action Items heading. */
  headingLine: number;
  table?: Table;
  columns: Partial<Record<ActionItemField, number>>;
  missingColumns: ActionItemField[];
  items: ActionItem[];
}

/** Where an action item's cell was written: the cell itself, or the start of its row when the cell is missing. */
export function cellAt(item: ActionItem, field: ActionItemField): Position {
  const cell = item.cells[field];
  return cell ? { line: cell.line, column: cell.column } : { line: item.line, column: 1 };
}

const cache = new WeakMap<Pick<Incident, 'body'>, ActionItemsTable | undefined>();

/** The Action Items section of a postmortem and its first table, read into items. Undefined when there is no such section. */
export function readActionItems(incident: Pick<Incident, 'body'>): ActionItemsTable | undefined {
  // Several rules and the report read the same table; records never change after loading.
  if (!cache.has(incident)) cache.set(incident, parseActionItems(incident));
  return cache.get(incident);
}

/** Sets what readActionItems gives for a record that no longer holds its table (see LoadOptions.lean). */
export function rememberActionItems(incident: Pick<Incident, 'body'>, table: ActionItemsTable): void {
  cache.set(incident, table);
}

/** readActionItems without keeping the result (for records about to be dropped). */
export function parseActionItems(incident: Pick<Incident, 'body'>): ActionItemsTable | undefined {
  const section = incident.body.sections.find((s) => ACTION_ITEMS_HEADINGS.includes(normalizeHeading(s.heading.text)));
  if (!section) return undefined;
  const table = section.tables[0];
  if (!table)
    return { headingLine: section.heading.line, columns: {}, missingColumns: [...REQUIRED_COLUMNS], items: [] };
  const columns: Partial<Record<ActionItemField, number>> = {};
  table.header.cells.forEach((cell, index) => {
    const name = normalizeHeading(cell.text);
    for (const [field, names] of Object.entries(COLUMN_NAMES) as [ActionItemField, string[]][]) {
      if (columns[field] === undefined && names.includes(name)) columns[field] = index;
    }
  });
  const missingColumns = REQUIRED_COLUMNS.filter((field) => columns[field] === undefined);
  const items = table.rows.map((row) => {
    const cells: Partial<Record<ActionItemField, TableCell>> = {};
    for (const [field, index] of Object.entries(columns) as [ActionItemField, number][]) {
      const cell = row.cells[index];
      if (cell) cells[field] = cell;
    }
    const text = (field: ActionItemField) => cells[field]?.text.trim() ?? '';
    return {
      line: row.line,
      cells,
      id: text('id'),
      action: text('action'),
      owner: text('owner'),
      due: text('due'),
      priority: text('priority'),
      status: text('status').toLowerCase(),
      issue: text('issue'),
      done: text('done'),
    };
  });
  return { headingLine: section.heading.line, table, columns, missingColumns, items };
}
