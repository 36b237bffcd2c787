// The public status page's model: only what records mark public. An incident is on it only with a
// `public:` field, and shows only that field's title, summary and updates, the severity's rank as
// an impact level, the public names of its services, its timestamps, and, with
// `public.postmortem: true` once the postmortem is published, the Summary and Customer Impact
// sections and how many follow-up actions are done. A service is on it only with a `publicName`,
// and shows the availability its SLOs' budgets give. Nothing else of a record is read here.
import { splitFrontMatter } from '../load/front-matter.ts';
import { readTextFile } from '../load/read-file.ts';
import type { Repository } from '../load/repository.ts';
import { normalizeHeading, scanMarkdown } from '../markdown/scan.ts';
import { readActionItems } from '../model/action-items.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Incident, IncidentStatus } from '../model/types.ts';
import type { ReliabilityReport } from '../metrics/report.ts';
import { PUBLIC_SECTIONS } from '../rules/public-text.ts';
import { parseTimestamp } from '../time/dates.ts';

export const STATUS_VERSION = 1;

export interface PublicSection {
  heading: string;
  /** Paragraphs and list items, as plain text (inline Markdown markers removed). */
  blocks: { kind: 'paragraph' | 'item'; text: string }[];
}

export interface StatusIncident {
  /** The incident's id: not secret, and stable, so links and feed entries stay the same. */
  id: string;
  title: string;
  summary?: string;
  status: IncidentStatus;
  /** 'major' for the two most severe levels, else 'minor'. */
  impact: 'major' | 'minor';
  services: string[];
  started: string;
  resolved?: string;
  updates: { at: string; status?: IncidentStatus; message: string }[];
  postmortem?: { sections: PublicSection[]; actions: { done: number; total: number } };
}

export interface StatusService {
  name: string;
  status: 'operational' | 'disrupted';
  availability: { objective: number; measured: number | null; window: string }[];
}

export interface StatusModel {
  version: number;
  generatedAt: string;
  services: StatusService[];
  current: StatusIncident[];
  past: StatusIncident[];
}

const CLOSED = new Set(['done', "won't do", 'wont-do', 'wontdo', 'cancelled', 'canceled']);

export function buildStatus(
  repo: Repository,
  catalog: Catalog,
  report: Pick<ReliabilityReport, 'budgets'>,
  now: number,
): StatusModel {
  const major = new Set(catalog.severityOrder.slice(0, 2));
  const publicName = (service: string) => catalog.services.get(service)?.spec.publicName;
  const incidents: StatusIncident[] = [];
  for (const incident of catalog.incidents.values()) {
    const pub = incident.data.public;
    if (!incident.valid || !pub) continue;
    const published = pub.postmortem === true && incident.data.postmortem === 'published';
    incidents.push({
      id: incident.data.id,
      title: pub.title,
      ...(pub.summary ? { summary: pub.summary } : {}),
      status: incident.data.status,
      impact: major.has(incident.data.severity) ? 'major' : 'minor',
      services: incident.data.services.map(publicName).filter((n): n is string => typeof n === 'string'),
      started: incident.data.started!,
      ...(incident.data.status === 'resolved' && incident.data.resolved ? { resolved: incident.data.resolved } : {}),
      updates: [...(pub.updates ?? [])]
        .sort((a, b) => (parseTimestamp(b.at) ?? 0) - (parseTimestamp(a.at) ?? 0))
        .map((u) => ({ at: u.at, ...(u.status ? { status: u.status } : {}), message: u.message })),
      ...(published
        ? { postmortem: { sections: publicSections(repo, incident), actions: actionProgress(incident) } }
        : {}),
    });
  }
  const byStart = (a: StatusIncident, b: StatusIncident) =>
    (parseTimestamp(b.started) ?? 0) - (parseTimestamp(a.started) ?? 0) || a.id.localeCompare(b.id);
  const current = incidents.filter((i) => i.status !== 'resolved').sort(byStart);
  const past = incidents.filter((i) => i.status === 'resolved').sort(byStart);
  const disrupted = new Set(current.flatMap((i) => i.services));
  const services: StatusService[] = [];
  for (const [name, service] of [...catalog.services].sort(([a], [b]) => a.localeCompare(b))) {
    const shown = service.spec.publicName;
    if (!shown) continue;
    const availability = report.budgets
      .filter((b) => b.service === name)
      .map((b) => {
        // The budget is (1 − objective) of everything in the window: everything = allowed / (1 − objective).
        const total = b.allowed !== null && b.target < 1 ? b.allowed / (1 - b.target) : null;
        return {
          objective: b.target * 100,
          measured: total ? Math.max(0, (1 - b.consumed / total) * 100) : null,
          window: b.window.label,
        };
      });
    services.push({ name: shown, status: disrupted.has(shown) ? 'disrupted' : 'operational', availability });
  }
  return { version: STATUS_VERSION, generatedAt: new Date(now).toISOString(), services, current, past };
}

function actionProgress(incident: Incident): { done: number; total: number } {
  const items = readActionItems(incident)?.items ?? [];
  return { done: items.filter((i) => CLOSED.has(i.status.trim().toLowerCase())).length, total: items.length };
}

/** The published sections, read again from the file (reports load records without their prose). */
function publicSections(repo: Repository, incident: Incident): PublicSection[] {
  let body = incident.body;
  if (body.sections.length === 0) {
    try {
      const split = splitFrontMatter(incident.file, readTextFile(repo.root, incident.file).text).result;
      if (split) body = scanMarkdown(split.body, split.bodyLine);
    } catch {
      return [];
    }
  }
  const out: PublicSection[] = [];
  for (const section of body.sections) {
    if (!(PUBLIC_SECTIONS as readonly string[]).includes(normalizeHeading(section.heading.text))) continue;
    const blocks: PublicSection['blocks'] = [];
    let last = -1;
    for (const prose of body.prose) {
      if (prose.line <= section.heading.line || prose.line > section.endLine) continue;
      const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(prose.text);
      const text = plain(item ? item[1]! : prose.text.trim());
      const previous = blocks[blocks.length - 1];
      if (!item && previous && prose.line === last + 1) previous.text += ` ${text}`;
      else if (text) blocks.push({ kind: item ? 'item' : 'paragraph', text });
      last = prose.line;
    }
    out.push({ heading: section.heading.text.replace(/[#*_`]/g, '').trim(), blocks });
  }
  return out;
}

/** Inline Markdown as the text a reader sees: emphasis and code markers dropped, links as their text. */
export function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
