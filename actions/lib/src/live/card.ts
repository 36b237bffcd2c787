// The incident card (one comment on the incident issue, kept up to date) and the nudges (one
// comment per threshold passed). Both are computed from the record alone: the card shows absolute
// times (due by 10:30), so it changes only when the record does, and a threshold is a moment fixed
// by the record and the policy, never by when a run happened.
import type { Root } from 'mdast';
import {
  code,
  heading,
  joined,
  list,
  marker,
  mention,
  paragraph,
  quiet,
  root,
  strong,
  table,
  text,
  type Cell,
  type Inline,
} from '../markdown-out/index.ts';
import type { Catalog } from '../model/catalog.ts';
import { onCallIntervals } from '../metrics/people.ts';
import { parseTimestamp } from '../time/dates.ts';
import { formatDuration, parseDuration } from '../time/duration.ts';
import { COMMAND_HELP } from './commands.ts';
import type { LiveRecord, Reply } from './reduce.ts';
import { rowTime } from './reduce.ts';

export const CARD_MARKER = 'live:card';
export const NUDGE_MARKER = 'live:nudge';
export const REPLY_MARKER = 'live:reply';

export interface CardContext {
  issue: number;
  incidentId: string;
  path: string;
  record: LiveRecord;
  catalog: Catalog;
  timeZone: string;
  services: string[];
  /** Where the record is being changed: the declaration's pull request or the update pull request. */
  pullRequest?: { number: number; url: string; kind: 'declare' | 'update' };
}

const at = (ms: number, zone: string) => rowTime(ms, zone);
/** "10:42", or "2026-11-22 10:42" when it is not the day the incident started (in the Config's time zone). */
const hhmm = (ms: number, zone: string, started?: number) => {
  const full = rowTime(ms, zone);
  return started !== undefined && rowTime(started, zone).slice(0, 10) !== full.slice(0, 10)
    ? full.slice(0, 16)
    : full.slice(11, 16);
};
const ms = (ts: string | undefined) => parseTimestamp(ts);

export interface Clocks {
  started?: number;
  ackTarget?: number;
  acknowledged?: number;
  /** The last update, or undefined before the first. */
  lastUpdate?: number;
  /** When the next update is due by the cadence (from the last update, else from the start). */
  updateDue?: number;
  cadence?: number;
  smeDue?: number;
  mitigated?: number;
  resolved?: number;
}

export function clocks(record: LiveRecord, catalog: Catalog): Clocks {
  const level = catalog.severities.get(record.severity);
  const started = ms(record.started);
  const target = parseDuration(level?.timeToAction ?? '');
  const cadence = parseDuration(level?.communicationCadence ?? '');
  const sme = parseDuration(level?.smeAfter ?? '');
  const updates = record.updates.map((u) => ms(u.at)).filter((x): x is number => x !== undefined);
  const lastUpdate = updates.length ? Math.max(...updates) : undefined;
  const from = lastUpdate ?? started;
  return {
    started,
    ackTarget: started !== undefined && target !== undefined ? started + target : undefined,
    acknowledged: ms(record.acknowledged),
    lastUpdate,
    cadence,
    updateDue: from !== undefined && cadence !== undefined ? from + cadence : undefined,
    smeDue: started !== undefined && sme !== undefined ? started + sme : undefined,
    mitigated: ms(record.mitigated),
    resolved: ms(record.resolved) ?? (record.status === 'resolved' ? Number.NEGATIVE_INFINITY : undefined),
  };
}

/** Roles the severity requires (besides the commander) that the record does not name. */
export function rolesNeeded(record: LiveRecord, catalog: Catalog): string[] {
  const required = catalog.severities.get(record.severity)?.rolesRequired ?? [];
  return required.filter((role) => role !== 'commander' && !hasHolder(record.roles[role]));
}

const hasHolder = (value: string | string[] | undefined) => (Array.isArray(value) ? value.length > 0 : Boolean(value));
const holders = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

export function renderCard(ctx: CardContext): Root {
  const { record, catalog, timeZone } = ctx;
  const level = catalog.severities.get(record.severity);
  const c = clocks(record, catalog);
  const needed = rolesNeeded(record, catalog);
  const rows: Cell[][] = [];
  rows.push(['Status', code(record.status)]);
  rows.push(['Commander', record.commander ? quiet(record.commander) : 'not named']);
  const roleCells: Inline[] = joined(
    Object.entries(record.roles)
      .map(([role, value]) => [text(`${role}: `), ...joined(holders(value).map(quiet))])
      .map((parts) => ({ type: 'emphasis', children: parts }) as Inline),
  );
  rows.push(['Roles', roleCells.length ? roleCells : ['none named']]);
  if (needed.length) rows.push([`Still needed for ${record.severity}`, joined(needed.map(code))]);
  if (c.ackTarget !== undefined) {
    const target = `target ${level?.timeToAction} from the start: by ${hhmm(c.ackTarget, timeZone, c.started)}`;
    rows.push([
      'Time to action',
      c.acknowledged !== undefined && c.started !== undefined
        ? `${formatDuration(c.acknowledged - c.started)} (acknowledged ${hhmm(c.acknowledged, timeZone, c.started)}; ${target}, ${c.acknowledged <= c.ackTarget ? 'met' : 'missed'})`
        : `not acknowledged yet; ${target}`,
    ]);
  }
  if (c.cadence !== undefined && c.resolved === undefined) {
    rows.push([
      'Updates',
      `${c.lastUpdate !== undefined ? `last at ${hhmm(c.lastUpdate, timeZone, c.started)}` : 'none yet'}; the next is due by ${c.updateDue !== undefined ? hhmm(c.updateDue, timeZone, c.started) : '?'} (every ${level?.communicationCadence})`,
    ]);
  }
  if (c.smeDue !== undefined) {
    rows.push([
      'Subject-matter experts',
      c.mitigated !== undefined
        ? `not needed: mitigated at ${hhmm(c.mitigated, timeZone, c.started)}`
        : [
            `pull them in if not mitigated by ${hhmm(c.smeDue, timeZone, c.started)} (${level?.smeAfter} from the start)${smes(ctx).length ? ': ' : ''}`,
            ...joined(smes(ctx).map(quiet)),
          ],
    ]);
  }
  if (level?.loopIn?.length) rows.push(['Loop in', level.loopIn.join(', ')]);
  for (const field of ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const) {
    const value = ms(record[field]);
    if (value !== undefined) rows.push([field[0]!.toUpperCase() + field.slice(1), at(value, timeZone)]);
  }
  const title = `${ctx.incidentId} · ${record.severity}${level?.name ? ` (${level.name})` : ''} · ${record.status}`;
  return root(
    marker(CARD_MARKER, { issue: ctx.issue }),
    heading(3, title),
    table(['', ''], rows),
    paragraph(strong('Next step:'), ' ', ...nextStep(record, catalog, needed)),
    paragraph(
      text('The record is '),
      code(ctx.path),
      ...(ctx.pullRequest
        ? [
            text(
              ctx.pullRequest.kind === 'declare'
                ? ', changed in the declaration pull request '
                : ', changed in the update pull request ',
            ),
            text(ctx.pullRequest.url),
          ]
        : []),
      text('. Commands, one per line: '),
      ...joined(COMMAND_HELP.map(([syntax]) => code(syntax.split(' ')[0]!))),
      text(' (see docs/live.md).'),
    ),
  );
}

function smes(ctx: CardContext): string[] {
  return [...new Set(ctx.services.flatMap((s) => ctx.catalog.services.get(s)?.spec.smes ?? []))];
}

function nextStep(record: LiveRecord, catalog: Catalog, needed: string[]): Inline[] {
  if (record.status === 'resolved') return ['resolved. Write the postmortem in the record, and close this issue.'];
  if (!record.acknowledged) return ['check in with ', code('/ack'), '.'];
  if (needed.length) return ['name the roles still needed, e.g. ', code(`/role ${needed[0]} @handle`), '.'];
  if (!record.detected) return ['say when it was detected: ', code('/detected HH:MM'), '.'];
  if (!record.mitigated)
    return [
      'mitigate; keep posting ',
      code('/update'),
      ' by the cadence, and say ',
      code('/mitigated'),
      ' when customers are no longer affected.',
    ];
  void catalog;
  return ['monitor; say ', code('/resolved'), ' when it is over.'];
}

// ---------- nudges ----------

export interface Nudge {
  /** Unique per threshold: "ack:SEV1", "update:2026-11-21T10:30:00Z", "sme:SEV1". */
  key: string;
  why: string;
  body: Root;
}

/** Who is on call now on a schedule, by its rotation and overrides. */
export function onCallNow(catalog: Catalog, schedule: string, now: number, timeZone: string): string | undefined {
  const spec = catalog.schedules.get(schedule)?.spec;
  if (!spec) return undefined;
  const { intervals } = onCallIntervals(spec, { start: now, end: now + 1 } as never, timeZone);
  return intervals.find((i) => i.start <= now && now < i.end + 1)?.person;
}

/** The people the services' escalation policies name first: persons, team handles GitHub knows, and who is on call now. */
function escalation(ctx: CardContext, now: number): string[] {
  const out: string[] = [];
  for (const service of ctx.services) {
    const policy = ctx.catalog.escalationPolicies.get(ctx.catalog.services.get(service)?.spec.escalationPolicy ?? '');
    for (const target of policy?.spec.levels[0]?.targets ?? []) {
      if (target.person) out.push(target.person);
      if (target.schedule) {
        const person = onCallNow(ctx.catalog, target.schedule, now, ctx.timeZone);
        if (person) out.push(person);
      }
      if (target.team) {
        const github = ctx.catalog.teams.get(target.team)?.spec.github;
        if (github) out.push(github);
      }
    }
  }
  return out;
}

/** Only handles the records know (a person of a Team, or a team's GitHub handle), once each. */
function known(ctx: CardContext, handles: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const handle of handles) {
    const key = handle.toLowerCase();
    if (seen.has(key)) continue;
    if (!ctx.catalog.known.people.has(key) && !ctx.catalog.known.teamHandles.has(key)) continue;
    seen.add(key);
    out.push(handle);
  }
  return out;
}

export function dueNudges(ctx: CardContext, now: number): Nudge[] {
  const { record, catalog, timeZone } = ctx;
  if (record.status === 'resolved' || record.resolved) return [];
  const level = catalog.severities.get(record.severity);
  const c = clocks(record, catalog);
  const nudges: Nudge[] = [];
  const say = (key: string, why: string, who: string[], ...words: Inline[]) => {
    const people = known(ctx, who);
    nudges.push({
      key,
      why,
      body: root(
        marker(NUDGE_MARKER, { issue: ctx.issue, key }),
        paragraph(...(people.length ? [...joined(people.map(mention), ' '), text(': ')] : []), ...words),
      ),
    });
  };
  if (c.ackTarget !== undefined && c.acknowledged === undefined && now > c.ackTarget) {
    say(
      `ack:${record.severity}`,
      `time to action (${level?.timeToAction}) passed at ${at(c.ackTarget, timeZone)} with no check-in`,
      [record.commander, ...escalation(ctx, now)],
      `time to action for ${record.severity} (${level?.timeToAction}) passed at ${hhmm(c.ackTarget, timeZone, c.started)} and nobody has checked in. Check in with `,
      code('/ack'),
      '.',
    );
  }
  if (c.updateDue !== undefined && now > c.updateDue) {
    const due = new Date(c.updateDue).toISOString().replace(/\.\d{3}Z$/, 'Z');
    say(
      `update:${due}`,
      `an update was due by ${at(c.updateDue, timeZone)} (every ${level?.communicationCadence})`,
      [record.commander, ...holders(record.roles.communications)],
      `an update was due by ${hhmm(c.updateDue, timeZone, c.started)} (${record.severity}: every ${level?.communicationCadence}). Post one with `,
      code('/update <text>'),
      ' (',
      code('--public'),
      ' for the status page).',
    );
  }
  if (c.smeDue !== undefined && c.mitigated === undefined && now > c.smeDue) {
    say(
      `sme:${record.severity}`,
      `${level?.smeAfter} passed at ${at(c.smeDue, timeZone)} without mitigation`,
      [record.commander, ...smes(ctx)],
      `${level?.smeAfter} since the start (${record.severity}) passed at ${hhmm(c.smeDue, timeZone, c.started)} without mitigation: time to pull in subject-matter experts.`,
    );
  }
  return nudges;
}

// ---------- replies ----------

export function renderReply(issue: number, reply: Reply): Root {
  const head = marker(REPLY_MARKER, { issue, key: reply.key });
  if (reply.kind === 'refused') {
    return root(
      head,
      paragraph(
        'Nothing was changed: commands here are taken from members of a Team in the records only, and ',
        quiet(`@${reply.author}`),
        ' is not one.',
      ),
      paragraph(
        'To run incidents from their issues, ask your team\u2019s lead to add you to the team\u2019s ',
        code('members'),
        ' in ',
        code('policies/'),
        ', in a pull request.',
      ),
    );
  }
  return root(
    head,
    paragraph('Some lines of ', quiet(`@${reply.author}`), '\u2019s comment were not applied:'),
    list(reply.errors.map((e) => [e])),
    paragraph('Commands, one per line:'),
    list(COMMAND_HELP.map(([syntax, what]) => [code(syntax), `: ${what}`])),
    paragraph(
      'Times may be given as ',
      code('HH:MM'),
      ' or ',
      code('2026-11-21T10:42:00+01:00'),
      '. Edit the comment to fix it: edited comments are read again.',
    ),
  );
}
