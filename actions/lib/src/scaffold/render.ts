// The text of a newly declared incident's file: YAML front matter written by the `yaml` package
// (every string quoted by it, never by concatenation), then the postmortem sections the severity
// requires, each with a one-line prompt, so the record is valid from its first commit and the
// postmortem has its shape from the start.
import path from 'node:path';
import { Document, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { normalizeHeading, scanMarkdown } from '../markdown/scan.ts';
import { ACTION_ITEMS_HEADINGS } from '../model/action-items.ts';
import type { Catalog } from '../model/catalog.ts';
import type { PostmortemSection } from '../model/types.ts';

export interface IncidentDraft {
  id: string;
  title: string;
  severity: string;
  services: string[];
  commander: string;
  /** ISO 8601 with seconds and an offset. */
  started: string;
  /** Free text for the Summary section; may be empty. */
  summary: string;
}

export const ACTION_ITEMS_TABLE =
  '| ID | Action | Owner | Due | Priority | Status |\n|----|--------|-------|-----|----------|--------|';
const SUMMARY_LIMIT = 10_000;
const SLUG_LIMIT = 60;

/** Lower-case ASCII words joined by "-", at most 60 characters, cut between words: "payments-down-in-both-regions". */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_LIMIT) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, SLUG_LIMIT);
  return slug || 'incident';
}

/** Where the file-naming rule expects the incident: <incidents>/<year>/<date>-<slug>.md, year and date of `started` as written. */
export function incidentPath(incidentsDir: string, started: string, slug: string): string {
  const date = started.slice(0, 10);
  return `${incidentsDir.replace(/\/+$/, '')}/${date.slice(0, 4)}/${date}-${slug}.md`;
}

type Kind = 'summary' | 'timeline' | 'action-items' | 'other';

function kindOf(section: PostmortemSection): Kind {
  const names = [section.title, ...(section.aliases ?? [])].map(normalizeHeading);
  if (names.includes('summary')) return 'summary';
  if (names.includes('timeline')) return 'timeline';
  if (names.some((n) => ACTION_ITEMS_HEADINGS.includes(n))) return 'action-items';
  return 'other';
}

const ALWAYS: Record<Exclude<Kind, 'other'>, string> = {
  summary: 'Summary',
  timeline: 'Timeline',
  'action-items': 'Action Items',
};

/**
 * The sections of the new postmortem, in the PostmortemPolicy's order: those its severity
 * requires, plus Summary, Timeline and Action Items whatever the severity (a lower severity's
 * postmortem is optional, but a declared incident still gets a summary, a timeline and a place
 * for follow-ups).
 */
export function scaffoldSections(catalog: Catalog, severity: string): { title: string; kind: Kind }[] {
  const policy = catalog.postmortem?.sections ?? [];
  const chosen = policy
    .map((section) => ({ section, kind: kindOf(section) }))
    .filter(({ section, kind }) => kind !== 'other' || (section.requiredFor ?? []).includes(severity))
    .map(({ section, kind }) => ({
      title: kind === 'action-items' ? actionItemsHeading(section) : section.title,
      kind,
    }));
  for (const kind of ['summary', 'timeline', 'action-items'] as const) {
    if (chosen.some((s) => s.kind === kind)) continue;
    const entry = { title: ALWAYS[kind], kind };
    if (kind === 'summary') {
      chosen.unshift(entry);
    } else if (kind === 'timeline') {
      const actionItems = chosen.findIndex((s) => s.kind === 'action-items');
      chosen.splice(actionItems < 0 ? chosen.length : actionItems, 0, entry);
    } else {
      chosen.push(entry);
    }
  }
  // One of each kind: a policy listing two sections that both read as the summary keeps the first.
  return chosen.filter((s, i) => s.kind === 'other' || chosen.findIndex((t) => t.kind === s.kind) === i);
}

/** The Action Items heading must be one the action-items reader finds: the policy's title when it is, else an alias that is. */
function actionItemsHeading(section: PostmortemSection): string {
  return (
    [section.title, ...(section.aliases ?? [])].find((name) =>
      ACTION_ITEMS_HEADINGS.includes(normalizeHeading(name)),
    ) ?? 'Action Items'
  );
}

const PROMPTS: Record<string, string> = {
  summary: 'What happened, in two or three sentences: what customers saw, why, and how it ended.',
  'customer impact': 'Who was affected, how, and for how long, in numbers where possible.',
  timeline: 'One row per event, in order: detection, escalation, key decisions, mitigation, resolution.',
  'contributing factors':
    'The conditions that made this possible: changes, limits, missing signals or guard rails. Name them in contributing_factors too.',
  'what went well': 'What helped: alerts, runbooks, tools and decisions worth keeping.',
  'action items':
    'One row per improvement: ID (AI-1, AI-2 ...), an owner (@person or @team), a due date (YYYY-MM-DD), a priority and a status (open).',
  narrative: 'The story of the incident as the responders lived it: what they saw, what they knew, what they tried.',
  'lessons learned': 'What this taught us about our systems and the way we work.',
};

function prompt(title: string, kind: Kind): string {
  const text =
    kind === 'action-items'
      ? PROMPTS['action items']!
      : (PROMPTS[normalizeHeading(title)] ?? `Write the ${title.replace(/-->|<!--/g, '')} here.`);
  return `<!-- ${text} -->`;
}

/**
 * The summary as Markdown that cannot change the file's structure: no headings (ATX or setext),
 * no fence, comment or HTML block left open to swallow the sections after it. With `asCode`, every
 * line is indented into a code block instead (the fallback when a structure got through anyway).
 */
export function summaryMarkdown(text: string, { asCode = false } = {}): string {
  let summary = text.replace(/\r\n?/g, '\n').replace(/\0/g, '').trim();
  if (summary.length > SUMMARY_LIMIT) summary = `${summary.slice(0, SUMMARY_LIMIT)}…`;
  if (asCode)
    return summary
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of summary.split('\n')) {
    const match = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      // Inside a fenced block nothing is structure; it ends at a fence as long, of the same character.
      if (match && match[1]![0] === fence[0] && match[1]!.length >= fence.length && line.trim() === match[1])
        fence = undefined;
      lines.push(line);
      continue;
    }
    if (match) fence = match[1];
    lines.push(
      match
        ? line
        : line
            .replace(/<!--/g, '&lt;!--')
            .replace(/^( {0,3})(#{1,6})(?=[ \t]|$)/, '$1\\$2')
            .replace(/^( {0,3})(=+|-+)([ \t]*)$/, '$1\\$2$3')
            .replace(/^( {0,3})<(?=[?!]|\/?(?:script|pre|style|textarea)\b)/i, '$1&lt;'),
    );
  }
  if (fence !== undefined) lines.push(fence);
  return lines.join('\n');
}

function frontMatter(draft: IncidentDraft, schemaPath: string | undefined, otherRoles: string[]): string {
  const doc = new Document({
    id: draft.id,
    title: draft.title,
    severity: draft.severity,
    status: 'investigating',
    postmortem: 'draft',
    services: draft.services,
    commander: draft.commander,
    started: draft.started,
  });
  const map = doc.contents as YAMLMap;
  const pairs = map.items as Pair<Scalar, unknown>[];
  const pair = (key: string) => pairs.find((p) => p.key.value === key)!;
  if (schemaPath) pairs[0]!.key.commentBefore = ` yaml-language-server: $schema=${schemaPath}`;
  (pair('services').value as YAMLSeq).flow = true;
  if (otherRoles.length > 0) {
    pair('started').key.commentBefore = [
      ` ${draft.severity} also requires ${otherRoles.join(' and ')} (Severities policy, rolesRequired). Name them:`,
      ' roles:',
      ...otherRoles.map((role) => `   ${role}: "@handle"`),
    ].join('\n');
  }
  return doc.toString({
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    flowCollectionPadding: false,
    lineWidth: 0,
  });
}

/**
 * The whole file: front matter, then one section per entry of {@link scaffoldSections}. The body is
 * scanned once written: if the summary changed its headings after all, it goes in as code.
 */
export function renderIncident(
  draft: IncidentDraft,
  catalog: Catalog,
  options: { file: string; schema?: string },
): string {
  const sections = scaffoldSections(catalog, draft.severity);
  const text = render(draft, catalog, options, sections, false);
  const headings = scanMarkdown(text.slice(text.indexOf('\n---\n') + 5)).headings.map((h) => h.text);
  return headings.length === sections.length && headings.every((h, i) => h === sections[i]!.title)
    ? text
    : render(draft, catalog, options, sections, true);
}

function render(
  draft: IncidentDraft,
  catalog: Catalog,
  options: { file: string; schema?: string },
  sections: { title: string; kind: Kind }[],
  asCode: boolean,
): string {
  const level = catalog.severities.get(draft.severity);
  const otherRoles = (level?.rolesRequired ?? []).filter((role) => role !== 'commander');
  const schemaPath = options.schema ? path.posix.relative(path.posix.dirname(options.file), options.schema) : undefined;
  const parts = [`---\n${frontMatter(draft, schemaPath, otherRoles)}---`];
  for (const { title, kind } of sections) {
    const section = [`## ${title}`, '', prompt(title, kind)];
    if (kind === 'summary' && draft.summary.trim()) section.push('', summaryMarkdown(draft.summary, { asCode }));
    if (kind === 'timeline')
      section.push(
        '',
        '| Time | Event |',
        '|------|-------|',
        `| ${draft.started.slice(0, 10)} ${draft.started.slice(11, 16)} ${draft.started.slice(19).replace(/^\.\d+/, '')} | Impact started. |`,
      );
    if (kind === 'action-items') section.push('', ACTION_ITEMS_TABLE);
    parts.push(section.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
