// Reads the body GitHub writes for an issue form: one "### <label>" heading per field, a blank
// line, then the value, with "_No response_" for a field left empty. The body is whatever the
// author typed, so it is bounded and parsed as data only.

/** Bounds on an issue-form body: GitHub's own limit is 65,536 characters; a form has a handful of fields. */
export const ISSUE_FORM_LIMITS = { maxBytes: 64 * 1024, maxSections: 50 } as const;

/** What GitHub writes for a field the author left empty. */
export const NO_RESPONSE = '_No response_';

export class IssueFormError extends Error {}

export interface ParseIssueFormOptions {
  /**
   * The form's labels. When given, only "### " headings naming one of them (ignoring case) start a
   * section, so a "### " line the author typed inside a value stays part of that value.
   */
  labels?: readonly string[];
}

const HEADING = /^###[ \t]+(.+?)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The fields of an issue-form body, by label as written in the body: `{ Severity: 'SEV1', ... }`.
 * A value is trimmed; "_No response_" reads as ''. Text before the first heading is ignored, and
 * headings inside fenced code blocks do not count.
 *
 * @throws IssueFormError when the body is over 64 KiB, has more than 50 sections, or names one
 * field twice (which field would be meant is then a guess).
 */
export function parseIssueForm(body: string, options: ParseIssueFormOptions = {}): Record<string, string> {
  if (typeof body !== 'string') return {};
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > ISSUE_FORM_LIMITS.maxBytes) {
    throw new IssueFormError(
      `The issue body is ${Math.ceil(bytes / 1024)} KiB; an incident form is read only up to ${ISSUE_FORM_LIMITS.maxBytes / 1024} KiB. Shorten the summary: the details belong in the postmortem.`,
    );
  }
  const wanted = options.labels ? new Set(options.labels.map((l) => l.trim().toLowerCase())) : undefined;
  const lines = body
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\0/g, '')
    .split('\n');
  const sections: { label: string; lines: string[] }[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const current = sections[sections.length - 1];
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      // A fence closes with at least as many of the same character and nothing else after it.
      if (
        fenceMatch &&
        fenceMatch[1]![0] === fence[0] &&
        fenceMatch[1]!.length >= fence.length &&
        line.trim() === fenceMatch[1]
      )
        fence = undefined;
      current?.lines.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      current?.lines.push(line);
      continue;
    }
    const heading = HEADING.exec(line);
    const label = heading?.[1]?.trim();
    if (label && (!wanted || wanted.has(label.toLowerCase()))) {
      if (sections.length >= ISSUE_FORM_LIMITS.maxSections) {
        throw new IssueFormError(
          `The issue body has more than ${ISSUE_FORM_LIMITS.maxSections} "### " sections; an incident form has a handful. Open the issue from the form and fill in its fields only.`,
        );
      }
      if (sections.some((s) => s.label.toLowerCase() === label.toLowerCase())) {
        throw new IssueFormError(
          `The issue body has the section "### ${label}" twice, so which value is meant is unclear. Edit the issue so that each field appears once (a "### " line inside a value starts a new section).`,
        );
      }
      sections.push({ label, lines: [] });
      continue;
    }
    current?.lines.push(line);
  }
  const fields: [string, string][] = sections.map((s) => {
    const value = s.lines.join('\n').trim();
    return [s.label, value === NO_RESPONSE ? '' : value];
  });
  // Object.fromEntries defines own properties, so a label such as "__proto__" is just a key.
  return Object.fromEntries(fields);
}
