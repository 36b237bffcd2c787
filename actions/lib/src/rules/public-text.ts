import type { Position } from '../diagnostics.ts';
import type { PathSegment } from '../load/yaml.ts';
import { normalizeHeading } from '../markdown/scan.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Incident } from '../model/types.ts';
import { DEFAULT_BLAMELESS_PHRASES } from './blameless-language.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

/** The postmortem sections `public.postmortem: true` publishes, by normalised heading. */
export const PUBLIC_SECTIONS = ['summary', 'customer impact'] as const;

/** One piece of text an incident publishes, and where it is written. */
export interface PublicText {
  text: string;
  /** The front-matter path, for a field; absent for a body line. */
  path?: PathSegment[];
  /** The body line, for a postmortem line. */
  line?: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every text of an incident that goes to the public status page. */
export function publicTexts(incident: Incident): PublicText[] {
  const pub = incident.data.public;
  if (!pub || typeof pub !== 'object') return [];
  const out: PublicText[] = [];
  if (typeof pub.title === 'string') out.push({ text: pub.title, path: ['public', 'title'] });
  if (typeof pub.summary === 'string') out.push({ text: pub.summary, path: ['public', 'summary'] });
  for (const [i, update] of (Array.isArray(pub.updates) ? pub.updates : []).entries()) {
    if (typeof update?.message === 'string')
      out.push({ text: update.message, path: ['public', 'updates', i, 'message'] });
  }
  if (pub.postmortem === true) {
    for (const section of incident.body.sections) {
      if (!(PUBLIC_SECTIONS as readonly string[]).includes(normalizeHeading(section.heading.text))) continue;
      for (const prose of incident.body.prose)
        if (prose.line > section.heading.line && prose.line <= section.endLine)
          out.push({ text: prose.text, line: prose.line });
    }
  }
  return out;
}

interface Finder {
  pattern: RegExp;
  what: (match: string) => string;
}

/**
 * What counts as internal: handles, people's names (any case), the names of services, SLOs and
 * runbooks as written (a service named `api` is internal, the word API is not) unless they are a
 * public name, hosts, private addresses, chat channels. Team names are often plain words
 * (payments, platform): teams are caught by their handles.
 */
function finders(catalog: Catalog): Finder[] {
  const publicNames = new Set([...catalog.services.values()].map((s) => s.spec.publicName).filter(Boolean));
  const words = (names: Iterable<string>) =>
    [...new Set([...names].filter((n) => n.length >= 3 && !publicNames.has(n)))]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
  const found: Finder[] = [
    { pattern: /(?<![\w.@])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/g, what: (m) => `the handle "${m}"` },
    {
      pattern: /\b(?:[a-z0-9-]+\.)+(?:internal|local|corp|lan|intra|private)\b/gi,
      what: (m) => `the internal host "${m}"`,
    },
    {
      pattern: /\b(?:10\.\d{1,3}|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}\b/g,
      what: (m) => `the private address "${m}"`,
    },
    { pattern: /(?<![\w&#])#[a-z][a-z0-9_-]*[a-z0-9]/g, what: (m) => `the chat channel "${m}"` },
  ];
  const people = words([...catalog.people.values()].flatMap((p) => (p.name ? [p.name] : [])));
  if (people.length)
    found.push({
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${people.join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
      what: (m) => `the name of a person, "${m}"`,
    });
  // Team names are often plain words (payments, platform): teams are caught by their handles instead.
  const records = words([...catalog.known.services, ...catalog.known.slos, ...catalog.known.runbooks]);
  if (records.length)
    found.push({
      pattern: new RegExp(`(?<![\\w-])(?:${records.join('|')})(?![\\w-])`, 'g'),
      what: (m) =>
        `the internal name "${m}" (a service, SLO or runbook; give a service a publicName to use that instead)`,
    });
  return found;
}

export const publicText: Rule = {
  id: 'public-text',
  description:
    'What an incident publishes on the status page (public: title, summary, updates, and the published postmortem sections) names no internal people, teams, systems or hosts, and blames nobody.',
  defaultLevel: 'error',
  check({ repo, catalog, report }) {
    const publishing = repo.incidents.filter((i) => i.valid && i.data.public);
    if (publishing.length === 0) return;
    const phrases = catalog.postmortem?.blamelessLanguage ?? DEFAULT_BLAMELESS_PHRASES;
    const all = finders(catalog);
    if (phrases.length)
      all.push({
        pattern: new RegExp(
          `\\b(?:${phrases.map((p) => escapeRegExp(p.phrase.trim()).replace(/\s+/g, '\\s+')).join('|')})\\b`,
          'gi',
        ),
        what: (m) => `"${m}", which assigns blame`,
      });
    for (const incident of publishing) {
      for (const piece of publicTexts(incident)) {
        const at: Position | undefined = piece.path ? fieldAt(incident, piece.path) : { line: piece.line!, column: 1 };
        const where = piece.path
          ? `public.${piece.path.slice(1).join('.')}`
          : `the published postmortem (line ${piece.line})`;
        for (const finder of all) {
          for (const match of piece.text.matchAll(finder.pattern)) {
            const position =
              piece.line === undefined
                ? at
                : {
                    line: piece.line,
                    column: match.index + 1,
                    endLine: piece.line,
                    endColumn: match.index + 1 + match[0].length,
                  };
            report({
              file: incident.file,
              at: position,
              message: `${incidentName(incident)}: ${where} is published on the status page and contains ${finder.what(match[0])}.`,
              hint: 'Write for customers: describe what they saw and what was done, without internal names or blame, or remove the text from public:.',
            });
          }
        }
      }
    }
  },
};
