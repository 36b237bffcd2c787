import type { Position } from '../diagnostics.ts';
import type { PathSegment } from '../load/yaml.ts';
import { isReadFailure, type Repository } from '../load/repository.ts';
import {
  cellAt,
  readActionItems,
  type ActionItem,
  type ActionItemField,
  type ActionItemsTable,
} from '../model/action-items.ts';
import type { Incident, KindRecord, MarkdownRecord } from '../model/types.ts';
import { closest } from '../text/suggest.ts';
import type { RuleContext } from './rule.ts';

/** Where a front-matter field of a Markdown record was written (line 1 when there is no front matter). */
export function fieldAt(record: MarkdownRecord<unknown>, path: PathSegment[], key = false): Position | undefined {
  return record.doc?.locate(path, { key });
}

export function docAt(record: KindRecord<unknown>, path: PathSegment[], key = false): Position {
  return record.doc.locate(path, { key });
}

export function incidentName(incident: Incident): string {
  const id = incident.data?.id;
  return typeof id === 'string' ? `Incident ${id}` : `The incident in ${incident.file}`;
}

/**
 * Incidents whose front matter parsed, even if it fails its schema: rules that read only the body
 * (action items, language) still check them, so one typo in the front matter does not hide the
 * rest of what is wrong in the file.
 */
export function readableIncidents(repo: Repository): Incident[] {
  return repo.incidents.filter(
    (incident) =>
      incident.doc &&
      !incident.doc.broken &&
      typeof incident.data === 'object' &&
      incident.data !== null &&
      !Array.isArray(incident.data),
  );
}

export function recordName(record: KindRecord<unknown>): string {
  return `${record.kind} "${record.metadata.name}"`;
}

export function list(values: readonly string[], max = 8): string {
  if (values.length === 0) return '(none)';
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Whether a record file under one of `dirs` could not be read or its YAML parsed. The names it
 * defines are then unknown, so references that do not resolve are not reported: they may be
 * defined there, and one syntax error must not become an error in every file that refers to it.
 */
export function definitionsUnreadable(repo: Repository, dirs: readonly string[]): boolean {
  const under = (file: string) => dirs.some((dir) => file === dir || file.startsWith(`${dir.replace(/\/+$/, '')}/`));
  return (
    repo.problems.some((p) => p.rule !== 'schema' && isReadFailure(p) && under(p.finding.file)) ||
    repo.reused.some((r) => r.unreadable && under(r.file))
  );
}

/** How findings about one action item name it: the incident, then the item's ID (or its line when it has none). */
export function actionItemLabel(incident: Incident, item: ActionItem): string {
  return `${incidentName(incident)}, action item ${item.id || `on line ${item.line}`}`;
}

/**
 * Runs `check` on every action item of every table that has the `field` column (action-item-table
 * reports a missing one): what each action-item rule that checks one column iterates over.
 */
export function eachActionItem(
  context: RuleContext,
  field: ActionItemField,
  check: (incident: Incident, item: ActionItem, table: ActionItemsTable) => void,
): void {
  for (const incident of readableIncidents(context.repo)) {
    const table = readActionItems(incident);
    if (!table?.table || table.columns[field] === undefined) continue;
    for (const item of table.items) check(incident, item, table);
  }
}

/**
 * Reports an action item whose `field` is empty or not one of `allowed` (what it says, where, and
 * the closest allowed value). `normalize` turns what was written into what is compared for the guess.
 */
export function reportUnlessOneOf(
  context: RuleContext,
  incident: Incident,
  item: ActionItem,
  field: 'priority' | 'status',
  allowed: readonly string[],
  normalize: (value: string) => string = (value) => value,
): void {
  const value = item[field];
  if (allowed.includes(value)) return;
  const label = actionItemLabel(incident, item);
  const guess = value ? closest(normalize(value), allowed) : undefined;
  context.report({
    file: incident.file,
    at: cellAt(item, field),
    message: value ? `${label}: "${item.cells[field]?.text}" is not a ${field}.` : `${label} has no ${field}.`,
    hint: `Use one of ${allowed.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}.`,
  });
}
