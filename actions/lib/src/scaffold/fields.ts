// The values that declare an incident, and the labels the issue form gives them
// (.github/ISSUE_TEMPLATE/declare-incident.yml uses exactly these labels; a test keeps them in step).
import { parseIssueForm } from './issue-form.ts';

export type DeclareField = 'title' | 'severity' | 'services' | 'started' | 'commander' | 'summary';

/** Raw values as a person gave them (form, flags or prompts); absent means not given. */
export type DeclareValues = Partial<Record<DeclareField, string>>;

export interface FormField {
  field: DeclareField;
  /** The label in the issue form, which becomes the "### " heading in the issue body. */
  label: string;
  /** Other headings read as this field (older versions of the form). */
  aliases: string[];
}

/** The form's fields in the order the form shows them. The title is the issue's title. */
export const FORM_FIELDS: readonly FormField[] = [
  { field: 'title', label: 'Incident title', aliases: ['Title'] },
  { field: 'severity', label: 'Severity', aliases: [] },
  { field: 'services', label: 'Affected services', aliases: ['Services'] },
  { field: 'started', label: 'Impact started', aliases: ['Started'] },
  { field: 'commander', label: 'Incident commander', aliases: ['Commander'] },
  { field: 'summary', label: 'Summary', aliases: [] },
];

/** How each field is named to people: in problems, prompts and comments. */
export const FIELD_NAMES: Record<DeclareField, string> = {
  title: 'Title',
  severity: 'Severity',
  services: 'Affected services',
  started: 'Impact started',
  commander: 'Incident commander',
  summary: 'Summary',
};

// A prefix the form puts in the issue title ("[Incident] ") is not part of the incident's title.
const TITLE_PREFIX = /^\s*\[\s*incident\s*\]\s*:?\s*/i;

/** The declare values from an issue opened with the form: the title from the issue's title (or a Title field), the rest from the body. */
export function valuesFromIssue(issueTitle: string, body: string): DeclareValues {
  const labels = FORM_FIELDS.flatMap((f) => [f.label, ...f.aliases]);
  const sections = parseIssueForm(body ?? '', { labels });
  const byLabel = new Map(Object.entries(sections).map(([label, value]) => [label.toLowerCase(), value]));
  const values: DeclareValues = {};
  for (const { field, label, aliases } of FORM_FIELDS) {
    const value = [label, ...aliases].map((l) => byLabel.get(l.toLowerCase())).find((v) => v !== undefined);
    if (value !== undefined) values[field] = value;
  }
  if (!values.title) values.title = (issueTitle ?? '').replace(TITLE_PREFIX, '');
  return values;
}
