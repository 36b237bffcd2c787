import type { Position } from '../diagnostics.ts';
import type { PathSegment } from '../load/yaml.ts';
import type { Incident, KindRecord, MarkdownRecord } from '../model/types.ts';

/** Where a front-matter field of a Markdown record was written (line 1 when there is no front matter). */
export function fieldAt(record: MarkdownRecord<unknown>, path: PathSegment[], key = false): Position | undefined {
  return record.doc?.locate(path, { key });
}

export function docAt(record: KindRecord<unknown>, path: PathSegment[], key = false): Position {
  return record.doc.locate(path, { key });
}

export function incidentName(incident: Incident): string {
  return `Incident ${incident.data.id}`;
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
