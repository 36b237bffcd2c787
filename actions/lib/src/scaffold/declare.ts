// Declaring an incident: checks the values a person gave (issue form, flags or prompts) against
// the records, and either says what to fix in each field or returns the new incident's file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Repository } from '../load/repository.ts';
import { resolveHandle, type Catalog } from '../model/catalog.ts';
import { closest } from '../text/suggest.ts';
import { FIELD_NAMES, type DeclareField, type DeclareValues } from './fields.ts';
import { nextIncidentId } from './incident-id.ts';
import { incidentPath, renderIncident, slugify, type IncidentDraft } from './render.ts';
import { parseStarted } from './started.ts';

export interface DeclareProblem {
  /** The field to fix; 'form' when the issue body cannot be read as the form at all. */
  field: DeclareField | 'form';
  /** The field as people see it ("Affected services"). */
  label: string;
  /** What is wrong, naming the value. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export interface Scaffold extends IncidentDraft {
  /** Repository-relative, with "/". */
  path: string;
  text: string;
  /** Roles besides the commander that the severity requires and that are still to be named. */
  rolesToName: string[];
}

export type DeclareResult = { ok: true; scaffold: Scaffold } | { ok: false; problems: DeclareProblem[] };

export interface DeclareOptions {
  /** The moment treated as now: "now" means it, and `started` may not be after it. */
  now: number;
  /** Ids taken outside the records, e.g. by declarations whose pull requests are not merged yet. */
  reservedIds?: Iterable<string>;
  /** The commander when none is given (the person declaring, when known). */
  defaultCommander?: string;
  /** When the path is taken (another incident the same day with the same title), "-2", "-3" ... is added to the slug. */
  pathTaken?: (file: string) => boolean;
}

/** How far ahead of now `started` may be: clocks and minute-rounded input differ by a little. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
const TITLE_LIMIT = 256;
const SUMMARY_LIMIT = 10_000;
const MAX_SERVICES = 50;
const HANDLE = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const SCHEMA = 'schemas/incident.schema.json';

const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
const listOf = (names: readonly string[], max = 12) =>
  names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');

/** Checks every value and, when all are right, builds the new incident's id, path and text. */
export function declareIncident(
  values: DeclareValues,
  repo: Repository,
  catalog: Catalog,
  options: DeclareOptions,
): DeclareResult {
  const problems: DeclareProblem[] = [];
  const problem = (field: DeclareField, message: string, hint: string) =>
    problems.push({ field, label: FIELD_NAMES[field], message, hint });

  const title = checkTitle(values.title ?? '', problem);
  const severity = checkSeverity(values.severity ?? '', catalog, problem);
  const services = checkServices(values.services ?? '', catalog, problem);
  const timeZone = repo.config.timezone ?? 'UTC';
  let started: string | undefined;
  const parsed = parseStarted(values.started ?? '', timeZone, options.now);
  if (!parsed.ok) problem('started', parsed.message, parsed.hint);
  else if (parsed.ms > options.now + FUTURE_TOLERANCE_MS)
    problem(
      'started',
      `The start time ${parsed.timestamp} is in the future.`,
      `Give the moment customer impact began, at or before now; a local time is read in ${timeZone}, so check the day, the hour and the offset.`,
    );
  else started = parsed.timestamp;
  const commander = checkCommander(values.commander?.trim() || options.defaultCommander || '', catalog, problem);
  const summary = (values.summary ?? '').trim();
  if (summary.length > SUMMARY_LIMIT)
    problem(
      'summary',
      `The summary is ${summary.length} characters long.`,
      `Keep it under ${SUMMARY_LIMIT} characters: a few sentences now; the details belong in the postmortem.`,
    );

  if (
    problems.length > 0 ||
    title === undefined ||
    severity === undefined ||
    services === undefined ||
    started === undefined ||
    commander === undefined
  )
    return { ok: false, problems };

  const id = nextIncidentId(started.slice(0, 4), [...catalog.known.incidents, ...(options.reservedIds ?? [])]);
  const slug = slugify(title);
  let file = incidentPath(repo.paths.incidents, started, slug);
  for (let n = 2; options.pathTaken?.(file) && n < 100; n++)
    file = incidentPath(repo.paths.incidents, started, `${slug}-${n}`);
  const schema = existsSync(path.join(repo.root, SCHEMA)) ? SCHEMA : undefined;
  const text = renderIncident({ id, title, severity, services, commander, started, summary }, catalog, {
    file,
    schema,
  });
  const rolesToName = (catalog.severities.get(severity)?.rolesRequired ?? []).filter((role) => role !== 'commander');
  return {
    ok: true,
    scaffold: { id, path: file, text, title, severity, services, commander, started, summary, rolesToName },
  };
}

type Report = (field: DeclareField, message: string, hint: string) => void;

function checkTitle(raw: string, problem: Report): string | undefined {
  // Control characters other than line breaks are dropped; a title is one line.
  const value = [...raw]
    .filter((c) => c === '\n' || c === '\r' || !(c < ' ' || c === '\x7f'))
    .join('')
    .trim();
  if (value === '')
    return void problem(
      'title',
      'The title is empty.',
      'Say in one line what customers see, e.g. "Checkout fails for card payments in the EU".',
    );
  if (/[\r\n\u2028\u2029]/.test(value))
    return void problem(
      'title',
      'The title is on several lines.',
      'Write the title on one line; put the details in the summary.',
    );
  if (value.length > TITLE_LIMIT)
    return void problem(
      'title',
      `The title is ${value.length} characters long.`,
      `Keep it under ${TITLE_LIMIT} characters; put the details in the summary.`,
    );
  return value;
}

function checkSeverity(raw: string, catalog: Catalog, problem: Report): string | undefined {
  const known = [...catalog.known.severities];
  const levels = known.map((id) => {
    const name = catalog.severities.get(id)?.name;
    return name ? `${id} (${name})` : id;
  });
  const value = raw.trim();
  if (known.length === 0)
    return void problem(
      'severity',
      'The severity cannot be checked: the repository has no Severities policy.',
      'Add the Severities policy to policies/ (see docs/records.md) first.',
    );
  if (value === '') return void problem('severity', 'The severity is empty.', `Choose one of ${listOf(levels)}.`);
  // A dropdown option may read "SEV1 - High" (the level is its first word); "sev 1" and a level's name ("Major") are clear too.
  const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const first = /^[^\s:–—(]+/.exec(value)?.[0]?.replace(/[-:,.]+$/, '') ?? '';
  const found =
    known.find((id) => id.toLowerCase() === value.toLowerCase() || id.toLowerCase() === first.toLowerCase()) ??
    known.find((id) => squash(id) === squash(value)) ??
    known.find((id) => catalog.severities.get(id)?.name?.toLowerCase() === value.toLowerCase());
  if (found) return found;
  // A suggestion only when it is not a guess: the one level with the number given, or the level whose name is spelt closest.
  const number = /\d+/.exec(value)?.[0];
  const byNumber = number === undefined ? [] : known.filter((id) => /\d+/.exec(id)?.[0] === number);
  const names = known.filter((id) => catalog.severities.get(id)?.name).map((id) => catalog.severities.get(id)!.name!);
  const byName = number === undefined ? closest(value, names) : undefined;
  const guess =
    byNumber.length === 1
      ? byNumber[0]
      : known.find((id) => byName !== undefined && catalog.severities.get(id)?.name === byName);
  return void problem(
    'severity',
    `The severity ${quote(value)} is not a level of the Severities policy.`,
    `${guess ? `Did you mean "${guess}"? ` : ''}Choose one of ${listOf(levels)}.`,
  );
}

/** Service names from "a, b" or one per line (list markers and backticks allowed). */
export function splitServices(raw: string): string[] {
  return raw
    .split(/[,;\n]/)
    .map((s) =>
      s
        .trim()
        .replace(/^[-*+][ \t]+/, '')
        .replace(/`/g, '')
        .trim(),
    )
    .filter(Boolean);
}

function checkServices(raw: string, catalog: Catalog, problem: Report): string[] | undefined {
  const known = [...catalog.known.services].sort();
  const given = splitServices(raw);
  if (given.length === 0)
    return void problem(
      'services',
      'No affected service is given.',
      `Name the affected services, separated by commas: ${known.length ? listOf(known) : 'define them as Services in policies/ first'}.`,
    );
  if (given.length > MAX_SERVICES)
    return void problem(
      'services',
      `${given.length} affected services are given.`,
      `Name at most ${MAX_SERVICES}: the ones customers saw fail.`,
    );
  const services: string[] = [];
  let ok = true;
  for (const name of given) {
    const found = known.find((k) => k === name.toLowerCase());
    if (found) {
      if (!services.includes(found)) services.push(found);
      continue;
    }
    ok = false;
    const guess = closest(name, known);
    problem(
      'services',
      `The service ${quote(name)} is not defined in policies/.`,
      `${guess ? `Did you mean "${guess}"? ` : ''}${known.length ? `Known services: ${listOf(known)}.` : 'No Service is defined yet: add one in policies/ first.'}`,
    );
  }
  return ok ? services : undefined;
}

function checkCommander(raw: string, catalog: Catalog, problem: Report): string | undefined {
  const people = [...catalog.known.people.values()].sort();
  if (raw === '')
    return void problem(
      'commander',
      'The incident commander is empty.',
      'Give the GitHub handle of the person leading the response, e.g. "@alice"; it may be you.',
    );
  const handle = raw.startsWith('@') ? raw : `@${raw}`;
  if (resolveHandle(catalog, handle) === 'person') return catalog.known.people.get(handle.toLowerCase());
  if (resolveHandle(catalog, handle) === 'team')
    return void problem(
      'commander',
      `The incident commander ${quote(handle)} is a team; the commander is one person.`,
      `Give one person's handle, e.g. the team's on-call. People: ${listOf(people)}.`,
    );
  if (!HANDLE.test(handle))
    return void problem(
      'commander',
      `The incident commander ${quote(raw)} is not a GitHub handle.`,
      'Write it as "@login", e.g. "@alice".',
    );
  const guess = closest(handle, people);
  return void problem(
    'commander',
    `The incident commander ${quote(handle)} is not a member of any Team in policies/.`,
    `${guess ? `Did you mean "${guess}"? ` : ''}The commander must be a known person: add them to their team's members first, or name someone who is.`,
  );
}
