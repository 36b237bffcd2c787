// Deterministic generator of a Firebreak repository with years of incidents, for the benchmark.
//
//   node scripts/bench/corpus.mjs --incidents 10000 --seed 1 --out DIR [--now 2026-11-21T12:00:00Z]
//
// Copies policies/, slos/ and runbooks/ from this repository (so every reference resolves), then
// writes N incidents of 4 to 8 KB under incidents/YYYY/YYYY-MM-DD-slug.md. Teams, people,
// services, severities, priorities, contributing factors, postmortem sections and blameless
// phrases are read from the copied policies, so the corpus follows the example records. Same
// options, same bytes: every random choice comes from one seeded PRNG (mulberry32), and dates are
// computed from the options, never from the clock.
import { Buffer } from 'node:buffer';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const GENERATOR_VERSION = 1;
export const DEFAULT_NOW = '2026-11-21T12:00:00Z';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COPIED = ['policies', 'slos', 'runbooks'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MIN_BYTES = 4096;
const MAX_BYTES = 8192;

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, fast, seeded 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTools(seed) {
  const random = mulberry32(seed);
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const sample = (list, count) => {
    const copy = [...list];
    const out = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
    return out;
  };
  const weighted = (entries) => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = random() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
  return { random, int, pick, chance, sample, weighted };
}

// ---------------------------------------------------------------------------------------------
// The example policies

function readYamlDocuments(file) {
  return parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.2', schema: 'core' })
    .map((doc) => doc.toJS())
    .filter((data) => data && typeof data === 'object');
}

function listFiles(dir, extension) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(child, extension));
    else if (entry.name.endsWith(extension)) out.push(child);
  }
  return out;
}

function parseDuration(text) {
  let ms = 0;
  for (const [, n, unit] of String(text).matchAll(/(\d+)([smhdw])/g))
    ms += Number(n) * { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY }[unit];
  return ms;
}

/** Everything the generator needs from policies/, slos/ and runbooks/ of the source repository. */
export function loadCatalog(source = REPO_ROOT) {
  const docs = listFiles(path.join(source, 'policies'), '.yaml').flatMap(readYamlDocuments);
  const ofKind = (kind) => docs.filter((d) => d.apiVersion === 'firebreak/v1' && d.kind === kind);
  const teams = ofKind('Team').map((t) => ({
    name: t.metadata.name,
    lead: t.spec.lead,
    members: (t.spec.members ?? []).map((m) => m.handle),
  }));
  const severities = ofKind('Severities')[0].spec.levels.map((l) => ({
    id: l.id,
    rolesRequired: l.rolesRequired ?? ['commander'],
    timeToAction: parseDuration(l.timeToAction ?? '1h'),
    postmortemRequired: Boolean(l.postmortem?.required),
    deadlineDays: l.postmortem?.deadline ? Math.max(1, Math.floor(parseDuration(l.postmortem.deadline) / DAY)) : 14,
  }));
  const priorities = ofKind('FollowUpPolicy')[0].spec.priorities.map((p) => ({ id: p.id, maxDays: p.maxDays ?? 90 }));
  const factors = (ofKind('ContributingFactors')[0]?.spec.factors ?? []).map((f) => ({
    id: f.id,
    category: f.category,
    description: f.description,
  }));
  const postmortem = ofKind('PostmortemPolicy')[0].spec;
  const config = ofKind('Config')[0]?.spec ?? {};
  const sloDocs = listFiles(path.join(source, 'slos'), '.yaml')
    .flatMap(readYamlDocuments)
    .filter((d) => d.apiVersion === 'openslo/v1' && d.kind === 'SLO');
  const slos = new Map(sloDocs.map((d) => [d.metadata.name, d.spec.budgetingMethod]));
  const runbookIds = new Set(
    listFiles(path.join(source, 'runbooks'), '.md')
      .map((file) => /^---\n[\s\S]*?^id:\s*(\S+)/m.exec(readFileSync(file, 'utf8'))?.[1])
      .filter(Boolean),
  );
  const services = ofKind('Service').map((s) => ({
    name: s.metadata.name,
    owner: s.spec.owner,
    slos: (s.spec.slos ?? []).filter((n) => slos.has(n)),
    runbooks: (s.spec.runbooks ?? []).filter((r) => runbookIds.has(r)),
    smes: s.spec.smes ?? [],
    tier: s.spec.tier ?? 2,
  }));
  return {
    teams,
    services,
    severities,
    priorities,
    factors,
    slos,
    sections: postmortem.sections.map((s) => s.title),
    blameless: (postmortem.blamelessLanguage ?? []).map((b) => b.phrase),
    timezone: config.timezone ?? 'UTC',
  };
}

// ---------------------------------------------------------------------------------------------
// Time in the configured zone

function zoneTools(timeZone) {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset', year: 'numeric' });
  const offsets = new Map();
  /** Offset in minutes of the zone at this instant (cached per hour). */
  const offsetAt = (ms) => {
    const hour = Math.floor(ms / HOUR);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const name = format.formatToParts(new Date(hour * HOUR)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
      offsets.set(hour, offset);
    }
    return offset;
  };
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  /** The wall clock of the instant: { date: YYYY-MM-DD, time: HH:MM, stamp: ISO with offset }. */
  const local = (ms) => {
    const offset = offsetAt(ms);
    const d = new Date(ms + offset * MINUTE);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const sign = offset < 0 ? '-' : '+';
    const zone =
      offset === 0 && timeZone === 'UTC'
        ? 'Z'
        : `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    return { date, time, year: d.getUTCFullYear(), stamp: `${date}T${time}:00${zone}`, weekday: d.getUTCDay() };
  };
  return { local };
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Words

const NOUNS = {
  'payments-gateway': [
    'card authorizations',
    'SEPA direct debits',
    'payment captures',
    'refunds',
    'the PSP-A connection pool',
    'automatic collection runs',
    'webhook callbacks from PSP-B',
    'idempotency records',
  ],
  'invoicing-api': [
    'invoice creation',
    'PDF rendering',
    'recurring invoice runs',
    'credit notes',
    'the public REST API',
    'invoice numbering',
    'CSV exports',
    'ERP sync requests',
  ],
  'auth-service': [
    'sign-ins',
    'SAML SSO logins',
    'token refreshes',
    'the JWKS endpoint',
    'session cookies',
    'Google sign-in',
    'password resets',
  ],
  'settings-api': [
    'settings pages',
    'tax rate updates',
    'branding uploads',
    'member invitations',
    'role changes',
    'organisation lookups',
  ],
  'web-app': [
    'the dashboard',
    'the invoice editor',
    'the payment page',
    'the backend-for-frontend',
    'the customer list',
    'static assets',
  ],
  'notification-worker': [
    'invoice emails',
    'payment reminders',
    'receipt emails',
    'the email provider calls',
    'bounce handling',
    'the outbox relay',
  ],
  mongodb: [
    'the prod-core cluster',
    'the prod-payments cluster',
    'replica set elections',
    'the connection limit',
    'index builds',
    'the read-only node in eu-central-1',
  ],
  rabbitmq: [
    'the notification queues',
    'quorum queue leaders',
    'the dead-letter queue',
    'publisher confirms',
    'the disk alarm',
    'the webhook exchange',
  ],
};
const GENERIC_NOUNS = [
  'requests',
  'background jobs',
  'scheduled tasks',
  'the public API',
  'the internal queue',
  'the database connection pool',
];
const SYMPTOMS = [
  'returned 5xx errors',
  'timed out after 30 seconds',
  'were slow, with p99 above 4 seconds',
  'were rejected',
  'piled up in a backlog',
  'served stale data',
  'were processed twice',
  'stopped entirely',
  'were delayed by up to an hour',
  'succeeded only on retry',
];
const TITLE_SYMPTOMS = [
  'errors',
  'timeouts',
  'slow responses',
  'rejections',
  'backlog',
  'stale data',
  'duplicates',
  'outage',
  'delays',
  'intermittent failures',
];
const REGIONS = ['eu-west-3', 'eu-central-1', 'both regions'];
const FACTOR_TEXT = {
  'code-change':
    'A deploy of {service} changed how {noun} are batched, and the new path held a lock while calling a remote service.',
  'config-change':
    'A feature-flag change enabled a new code path for every organisation at once instead of the planned 5% rollout.',
  'infrastructure-change': 'A node pool upgrade drained nodes faster than {service} could reschedule its pods.',
  'dependency-upgrade': 'A minor upgrade of the HTTP client library lowered its pool size from 50 to 10 connections.',
  'capacity-limit':
    'The connection limit of the cluster was reached at the end-of-month peak, about three times the usual load.',
  'resource-exhaustion':
    'Memory of {service} grew with every request for large organisations until pods were killed and restarted.',
  'retry-storm': 'Clients retried immediately and without jitter, multiplying the load on {service} by five.',
  'third-party-outage':
    'The provider had a partial outage in its EU region, announced on its status page 20 minutes after it began.',
  'third-party-change': 'The provider changed a response field that our integration parsed strictly.',
  'shared-fate':
    'Both regions read the same configuration bundle, so the redundancy gave no protection against this change.',
  'cache-inconsistency': 'A cache kept the old value for up to 24 hours after the source changed.',
  'missing-idempotency': 'A redelivered message had its effect twice because the handler had no idempotency key.',
  'time-handling': 'The scheduler computed the next run in UTC, so the daylight-saving change moved runs by an hour.',
  'missing-alert': 'No alert covered this symptom; a customer told Support first.',
  'alert-routing': 'The alert reached a Slack channel instead of paging the on-call.',
  'observability-gap': 'Dashboards aggregated both regions, which hid the region that was failing.',
  'noisy-signal':
    'The alert that showed the problem had fired weekly for months without customer impact, so it looked like noise.',
  'test-gap': 'Staging holds small organisations only, so no test exercised the large case.',
  'runbook-gap': 'The runbook described the previous architecture and had no step for this situation.',
  'manual-operation': 'A manual operation in production ran without a dry run or a second pair of eyes.',
  'communication-gap': 'The change announcement went to a mailbox nobody reads any more.',
  'on-call-reachability':
    'The page reached a phone in do-not-disturb mode; the second level was paged 15 minutes later.',
};
const MIDDLE_EVENTS = [
  'Responders open the {service} dashboard: {noun} {symptom}.',
  'Working hypothesis: the last deploy of {service}. Checking the change log.',
  'Status page updated: "We are investigating problems with {noun}".',
  '{person} joins as subject-matter expert for {service}.',
  'Error rate in {region} reaches {pct}% of requests.',
  'Rollback of the last {service} deploy started (deploy-rollback runbook).',
  'Rollback complete; no change in the error rate.',
  'Logs show connection timeouts from {service} to its database.',
  'Traffic for {noun} shifted to the other region as a precaution.',
  '{person} scales {service} from {n} to {m} replicas.',
  'Support reports {tickets} tickets about {noun}.',
  'The feature flag guarding the new path is turned off for all organisations.',
  'Queue depth starts to fall; about {n}k messages left.',
  'Customer Success contacts the enterprise accounts affected.',
  'A fix is reviewed by two engineers and deployed to staging.',
  'The fix is deployed to production in {region}.',
  'Metrics back to their usual levels for 15 minutes.',
  'Status page: "A fix has been applied and we are monitoring the results".',
  'Decision (commander): keep the flag off until the review.',
  'Backfill job started for the {noun} affected.',
  'Backfill job finished; counts match the source.',
  'Functional escalation pages the platform on-call for the database.',
  'The provider confirms the problem on its side and opens a ticket.',
  'Connection pool raised from 10 to 50 through an emergency change.',
  '{person} confirms with a test account that {noun} work again.',
];
const WENT_WELL = [
  'The alert paged the on-call within minutes of the first errors, before most customers noticed.',
  'The runbook steps for {service} were current and the rollback took under ten minutes.',
  'Roles were named early and the scribe kept the timeline as it happened, which made this review short.',
  'Support had a customer-facing message ready within 20 minutes thanks to the communication templates.',
  'Idempotency keys made the replay of {noun} safe to run twice.',
  'The feature flag let us turn the new path off without a deploy.',
  'Dashboards per region showed quickly which region was affected.',
  'The functional escalation brought in the platform on-call without anyone having to look up a rota.',
  'Customers with automatic retries saw no lasting effect.',
  'The status page was updated at the cadence the severity asks for.',
];
const ACTIONS = [
  'Alert on the error rate of {noun} per region at 2% over 5 minutes',
  'Add a load test of {noun} for organisations with over 100,000 records to the nightly staging run',
  'Roll out changes to {service} behind a percentage flag, 5% then 50% then 100%',
  'Cap retries at 2 with jittered back-off in the {service} client',
  'Add an idempotency key to every write of {noun}',
  'Update the runbook of {service} with the steps used during this incident',
  'Show the dashboards of {service} per region instead of aggregated',
  'Raise the connection pool of {service} and alert at 80% use',
  'Write a game day for {noun} failing in one region and run it in staging',
  'Add a contract test for the provider response that broke the parser',
  'Set a TTL and a maximum length on the dead-letter queue of {service}',
  'Move the scheduler of {noun} to the organisation time zone and test the daylight-saving changes',
  'Page the on-call for this alert instead of posting to Slack',
  'Add a dry-run mode to the maintenance script and require a second reviewer',
  'Route vendor change notices to a group mailbox owned by the team',
  'Invalidate the cache of {noun} when the source changes instead of waiting for the TTL',
];
const LESSONS = [
  'Redundancy only protects against failures that the redundant parts do not share; we now list what each pair of components has in common.',
  'A signal that is noisy is not a signal: we review alerts that fired without impact every month and fix or remove them.',
  'Rolling back first is a good default, but the timeline shows twenty minutes spent on a rollback that could not help; the runbook now asks what changed in the last hour across all teams.',
  'Load in staging looks nothing like production at the end of the month; tests need the large organisations too.',
  'Customers forgive delays they are told about; the early status page update kept Support tickets low.',
  'The limits we inherit from defaults are limits we have not chosen; we now write them down next to the service.',
  'Small, reversible changes made this incident short: the flag was off in two minutes.',
  'When two incidents look alike, the action items of the first one are the place to start the review of the second.',
];
const FILLER = [
  'The review meeting walked through the timeline with everyone who took part, and the record was updated with their corrections.',
  'Graphs for the period are linked from the incident channel and kept for 13 months.',
  'The numbers in this record come from the request logs and the billing exports, checked by two people.',
  'Nothing in the logs suggests that customer data was read or changed by anyone outside Acme.',
  'The same pattern was seen at a smaller scale the week before, without paging anyone; the review looked at both.',
  'The on-call handed over at 09:00 with a short written summary in the incident channel.',
  'Questions from customers were answered from the status page text, which Support adapted for the enterprise accounts.',
  'Costs of the incident (credits granted, extra infrastructure during the mitigation) are tracked by Finance separately.',
  'The commander asked for a short pause every hour to restate what was known, which kept the channel readable.',
  'Before the review, each responder wrote down what they saw and when, before reading the others.',
];

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(vars[key] ?? key));
}

function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 7)
    .join('-');
}

function yamlString(text) {
  return /^[A-Za-z0-9(][^:#\n"']*$/.test(text) && !/[:#]\s|\s#/.test(text) ? text : JSON.stringify(text);
}

// ---------------------------------------------------------------------------------------------
// One incident

function planIncidents(count, seed, catalog, nowMs) {
  const { random, int, pick, chance, sample, weighted } = randomTools(seed);
  const zone = zoneTools(catalog.timezone);
  const nowYear = new Date(nowMs).getUTCFullYear();
  const years = Math.min(10, Math.max(3, Math.ceil(count / 1000)));
  const spanStart = Date.UTC(nowYear - years + 1, 0, 1, 8);
  const spanEnd = nowMs - 2 * DAY;
  const step = (spanEnd - spanStart) / count;
  const perYear = new Map();
  const severityWeights = catalog.severities.map((s, i, all) => [s, [3, 12, 30, 35, 20][i] ?? 100 / all.length]);
  const teamOf = new Map(catalog.teams.map((t) => [t.name, t]));
  const everyone = [...new Set(catalog.teams.flatMap((t) => t.members))];
  const support = catalog.teams.find((t) => t.name === 'support')?.members ?? everyone;
  const slugs = new Set();
  const incidents = [];
  for (let i = 0; i < count; i++) {
    const startedMs = Math.floor((spanStart + (i + random() * 0.9) * step) / MINUTE) * MINUTE;
    const severity = weighted(severityWeights);
    const sevIndex = catalog.severities.indexOf(severity);
    const primary = pick(catalog.services);
    const others = sample(
      catalog.services.filter((s) => s !== primary),
      weighted([
        [0, 5],
        [1, 3],
        [2, 1],
      ]),
    );
    const services = [primary, ...others];
    const teams = [...new Set(services.map((s) => s.owner))].map((n) => teamOf.get(n)).filter(Boolean);
    const ownerTeam = teams[0] ?? catalog.teams[0];
    const people = [...new Set(teams.flatMap((t) => t.members))];
    const commander = chance(0.5) ? ownerTeam.lead : pick(ownerTeam.members);
    // Durations from started, in minutes: detection, acknowledgement within the target mostly.
    const detectMin = int(0, [5, 10, 20, 45, 120][sevIndex] ?? 60);
    const ttaMin = Math.max(1, Math.floor(severity.timeToAction / MINUTE));
    const ackMin = detectMin + (chance(0.9) ? int(0, Math.max(1, Math.floor(ttaMin / 2))) : int(ttaMin, ttaMin * 2));
    const mitigateMin = ackMin + int(8, [240, 300, 360, 600, 1440][sevIndex] ?? 600);
    const resolveMin = mitigateMin + int(5, 720);
    const at = (min) => startedMs + min * MINUTE;
    const times = {
      started: at(0),
      detected: at(detectMin),
      acknowledged: at(ackMin),
      mitigated: at(mitigateMin),
      resolved: at(resolveMin),
    };
    const status =
      times.resolved <= nowMs
        ? 'resolved'
        : times.mitigated <= nowMs
          ? 'monitoring'
          : times.acknowledged <= nowMs
            ? 'identified'
            : 'investigating';
    const started = zone.local(times.started);
    const year = started.year;
    const number = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, number);
    const id = `INC-${year}-${String(number).padStart(3, '0')}`;
    const noun = pick(NOUNS[primary.name] ?? GENERIC_NOUNS);
    const titleSymptom = pick(TITLE_SYMPTOMS);
    const duration = Math.round((times.mitigated - times.started) / MINUTE);
    const title = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}: ${titleSymptom} for ${duration < 120 ? `${duration} minutes` : `${Math.round(duration / 60)} hours`}`;
    let slug = slugify(`${noun.replace(/^the /, '')} ${titleSymptom}`);
    while (slugs.has(`${started.date}-${slug}`)) slug = `${slug}-${int(2, 99)}`;
    slugs.add(`${started.date}-${slug}`);
    const factorCount = int(1, Math.min(4, catalog.factors.length));
    const factors = sample(catalog.factors, factorCount);
    const slos = [...new Set(services.flatMap((s) => s.slos))].slice(0, 3).map((name) => {
      const method = catalog.slos.get(name);
      if (method === 'Occurrences') {
        const total = int(2_000, 2_000_000);
        return { slo: name, bad_events: int(1, Math.floor(total / 4)), total_events: total };
      }
      return { slo: name, bad_minutes: Math.max(1, Math.min(duration, int(1, 600))) };
    });
    const runbooks = [...new Set(services.flatMap((s) => s.runbooks))].slice(0, int(0, 3));
    const related =
      incidents.length > 0 && chance(0.1)
        ? [
            ...new Set(
              Array.from({ length: int(1, 2) }, () => incidents[Math.max(0, incidents.length - int(1, 200))].id),
            ),
          ]
        : [];
    const roles = {};
    const required = severity.rolesRequired;
    if (required.includes('communications') || chance(0.3)) roles.communications = pick(support);
    if (required.includes('scribe') || (sevIndex <= 2 && chance(0.3)))
      roles.scribe = pick(
        people.filter((p) => p !== commander).length ? people.filter((p) => p !== commander) : people,
      );
    for (const role of required) if (role !== 'commander' && !roles[role]) roles[role] = pick(people);
    const smes = [...new Set(services.flatMap((s) => s.smes))].filter((p) => everyone.includes(p));
    if (smes.length > 0 && chance(0.6)) roles.sme = sample(smes, int(1, Math.min(2, smes.length)));
    if (sevIndex === 0 && catalog.teams.some((t) => t.name === 'engineering-leads'))
      roles.executive = teamOf.get('engineering-leads').lead;
    // Postmortem: published within the deadline for most, late for a few, draft while open.
    const resolvedDate = status === 'resolved' ? zone.local(times.resolved).date : undefined;
    let postmortem = 'draft';
    let published;
    if (resolvedDate) {
      const deadline = severity.deadlineDays;
      const latePossible = times.resolved + deadline * DAY < nowMs;
      const publishOn = addDays(resolvedDate, int(1, deadline));
      if (latePossible && chance(0.985)) {
        postmortem = 'published';
        published = publishOn;
      } else if (!latePossible) {
        postmortem = chance(0.5) ? 'in-review' : 'draft';
      } else {
        postmortem = 'in-review'; // late: the postmortem-deadline rule warns about it
      }
      if (published && `${published}T23:59:59Z` > new Date(nowMs).toISOString()) {
        postmortem = 'in-review';
        published = undefined;
      }
    }
    const tags = [
      ...new Set([
        primary.name.split('-')[0],
        ...sample(
          ['customer-facing', 'eu', 'database', 'deploy', 'vendor', 'queue', 'latency', 'errors', 'capacity'],
          int(0, 3),
        ),
      ]),
    ];
    incidents.push({
      index: i,
      id,
      title,
      slug,
      severity,
      sevIndex,
      status,
      postmortem,
      published,
      services,
      primary,
      teams,
      people,
      everyone,
      commander,
      roles,
      times,
      zone,
      started,
      resolvedDate,
      noun,
      duration,
      slos,
      factors,
      runbooks,
      related,
      tags,
      seed: Math.floor(random() * 2 ** 32),
    });
  }
  return incidents;
}

function frontMatter(inc) {
  const lines = [
    '---',
    '# yaml-language-server: $schema=../../schemas/incident.schema.json',
    `id: ${inc.id}`,
    `title: ${yamlString(inc.title)}`,
    `severity: ${inc.severity.id}`,
    `status: ${inc.status}`,
    `postmortem: ${inc.postmortem}`,
  ];
  if (inc.published) lines.push(`postmortem_published: ${inc.published}`);
  lines.push(`services: [${inc.services.map((s) => s.name).join(', ')}]`, `commander: "${inc.commander}"`);
  const roleKeys = Object.keys(inc.roles);
  if (roleKeys.length > 0) {
    lines.push('roles:');
    for (const key of roleKeys) {
      const value = inc.roles[key];
      lines.push(`  ${key}: ${Array.isArray(value) ? `[${value.map((v) => `"${v}"`).join(', ')}]` : `"${value}"`}`);
    }
  }
  const order = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'];
  const upTo = { investigating: 1, identified: 3, monitoring: 4, resolved: 5 }[inc.status];
  for (const key of order.slice(0, upTo)) lines.push(`${key}: ${inc.zone.local(inc.times[key]).stamp}`);
  lines.push('impact: >-');
  lines.push(...wrap(inc.impact, 96).map((l) => `  ${l}`));
  if (inc.slos.length > 0) {
    lines.push('slos:');
    for (const s of inc.slos) {
      lines.push(`  - slo: ${s.slo}`);
      if (s.bad_minutes !== undefined) lines.push(`    bad_minutes: ${s.bad_minutes}`);
      else lines.push(`    bad_events: ${s.bad_events}`, `    total_events: ${s.total_events}`);
    }
  }
  if (inc.factors.length > 0) lines.push(`contributing_factors: [${inc.factors.map((f) => f.id).join(', ')}]`);
  if (inc.runbooks.length > 0) lines.push(`runbooks: [${inc.runbooks.join(', ')}]`);
  if (inc.related.length > 0) lines.push(`related: [${inc.related.join(', ')}]`);
  lines.push(`tags: [${inc.tags.join(', ')}]`, '---');
  return lines.join('\n');
}

function wrap(text, width) {
  const out = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function renderIncident(inc, catalog, nowMs) {
  const { int, pick, chance, sample, random } = randomTools(inc.seed);
  const serviceName = inc.primary.name;
  const vars = () => ({
    service: serviceName,
    noun: chance(0.7) ? inc.noun : pick(NOUNS[serviceName] ?? GENERIC_NOUNS),
    symptom: pick(SYMPTOMS),
    region: pick(REGIONS),
    person: pick(inc.people),
    pct: int(2, 95),
    n: int(2, 12),
    m: int(13, 40),
    tickets: int(3, 400),
  });
  const affected = int(20, 9000);
  const requests = int(1, 900) * 100;
  inc.impact = `For ${inc.duration} minutes ${inc.noun} ${pick(SYMPTOMS)} for about ${affected.toLocaleString('en-US')} organisations; about ${requests.toLocaleString('en-US')} requests were affected. No data was lost.`;

  const sectionTitle = (wanted) => catalog.sections.find((s) => s.toLowerCase() === wanted.toLowerCase()) ?? wanted;
  const summary = [
    `At ${inc.started.time} on ${inc.started.date}, ${inc.noun} ${pick(SYMPTOMS)} in ${pick(REGIONS)}. ${inc.factors.map((f) => fill(FACTOR_TEXT[f.id] ?? `${f.description}`, vars())).join(' ')}`,
    `The on-call acknowledged the page and the incident was declared ${inc.severity.id}. ${fill(pick(MIDDLE_EVENTS), vars())} Impact ended after ${inc.duration} minutes.`,
  ];
  const impact = [
    `- **${inc.noun.charAt(0).toUpperCase()}${inc.noun.slice(1)}**: ${pick(SYMPTOMS)} for about ${affected.toLocaleString('en-US')} organisations between ${inc.started.time} and ${inc.zone.local(inc.times.mitigated).time}.`,
    `- **Support**: ${int(0, 400)} tickets; the status page was updated ${int(1, 6)} times.`,
    `- **Money and data**: no invoice or payment was lost; ${int(0, 50)} operations were replayed after the mitigation.`,
  ];

  // Timeline: started, detected, acknowledged, middle events, mitigated, resolved; times in order.
  const shown = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'].filter(
    (k) =>
      inc.times[k] <= nowMs &&
      (k !== 'resolved' || inc.status === 'resolved') &&
      (k !== 'mitigated' || inc.status === 'resolved' || inc.status === 'monitoring'),
  );
  const lastShown = inc.times[shown[shown.length - 1]];
  const multiDay = inc.zone.local(lastShown).date !== inc.started.date;
  const stamp = (ms) => {
    const l = inc.zone.local(ms);
    return multiDay ? `${l.date.slice(5)} ${l.time}` : l.time;
  };
  const middleCount = int(6, 24);
  const middleFrom = inc.times.acknowledged <= nowMs ? inc.times.acknowledged : inc.times.started;
  const middleTo =
    inc.status === 'resolved' || inc.status === 'monitoring'
      ? inc.times.mitigated
      : Math.min(nowMs, inc.times.mitigated);
  // Events in the order of the list (roughly the order of a response), at random times in order.
  const middleTexts = sample(MIDDLE_EVENTS, middleCount).sort(
    (a, b) => MIDDLE_EVENTS.indexOf(a) - MIDDLE_EVENTS.indexOf(b),
  );
  const middle = Array.from({ length: middleCount }, () =>
    Math.floor(middleFrom + random() * Math.max(0, middleTo - middleFrom)),
  )
    .sort((a, b) => a - b)
    .map((ms, k) => [ms, fill(middleTexts[k], vars())]);
  const fixed = {
    started: `Impact starts: ${inc.noun} ${pick(SYMPTOMS)}.`,
    detected: `Alert \`${serviceName}-error-rate\` fires; the on-call is paged.`,
    acknowledged: `${inc.commander} acknowledges and opens \`#${inc.id.toLowerCase()}\`.`,
    mitigated: 'Error rate back to normal. Impact ends.',
    resolved: 'Incident resolved after a period of monitoring.',
  };
  const events = [
    ...shown.filter((k) => k !== 'mitigated' && k !== 'resolved').map((k) => [inc.times[k], fixed[k]]),
    ...middle,
    ...shown.filter((k) => k === 'mitigated' || k === 'resolved').map((k) => [inc.times[k], fixed[k]]),
  ];
  const timelineRows = events.map(([ms, text]) => `| ${stamp(ms)} | ${text} |`);

  const factors = inc.factors.map(
    (f) =>
      `- **${f.id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())}**: ${fill(FACTOR_TEXT[f.id] ?? f.description, vars())}`,
  );
  const wentWell = sample(WENT_WELL, int(2, 4)).map((t) => `- ${fill(t, vars())}`);

  // Action items: due within maxDays of the resolved day (or started, while open).
  const from = inc.resolvedDate ?? inc.started.date;
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const owners = [...inc.people, ...inc.teams.map((t) => `@${t.name}`)];
  const items = sample(ACTIONS, int(3, 8)).map((template, k) => {
    const priority = pick(catalog.priorities);
    const due = addDays(from, int(1, Math.max(1, priority.maxDays - 1)));
    const past = due < today;
    const status = past
      ? pick(['done', 'done', 'done', 'done', 'done', 'done', 'wont-do', 'in-progress', 'blocked', 'open'])
      : pick(['open', 'open', 'in-progress', 'blocked', 'done']);
    const issue = chance(0.7) ? `#${1000 + inc.index * 8 + k}` : '';
    return `| AI-${k + 1} | ${fill(template, vars())} | ${pick(owners)} | ${due} | ${priority.id} | ${status} | ${issue} |`;
  });
  const lessons = sample(LESSONS, int(1, 3));

  /** A `## ` section (its title as the catalog's postmortem policy writes it) with its lines and a blank line after. */
  const section = (title, ...lines) => [`## ${sectionTitle(title)}`, '', ...lines, ''];
  const render = () =>
    [
      frontMatter(inc),
      '',
      ...section('Summary', summary.map((p) => wrap(p, 98).join('\n')).join('\n\n')),
      ...section('Customer Impact', impact.join('\n')),
      ...section(
        'Timeline',
        `All times ${catalog.timezone}.`,
        '',
        '| Time | Event |',
        '|------|-------|',
        ...timelineRows,
      ),
      ...section('Contributing Factors', factors.join('\n')),
      ...section('What Went Well', wentWell.join('\n')),
      ...section(
        'Action Items',
        '| ID | Action | Owner | Due | Priority | Status | Issue |',
        '|----|--------|-------|-----|----------|--------|-------|',
        ...items,
      ),
      ...section('Lessons Learned', lessons.map((p) => wrap(p, 98).join('\n')).join('\n\n')),
    ].join('\n');

  // Size: between 4 and 8 KB, aiming at a target drawn per incident.
  const target = int(MIN_BYTES + 256, MAX_BYTES - 512);
  let text = render();
  const fillers = [...FILLER];
  let rounds = 0;
  while (Buffer.byteLength(text) < target && rounds < 60) {
    const where = rounds % 3;
    const sentence = fill(fillers[(rounds + inc.index) % fillers.length], vars());
    if (where === 0) summary.push(sentence);
    else if (where === 1) lessons.push(sentence);
    else impact.push(`- ${sentence}`);
    text = render();
    rounds++;
  }
  while (Buffer.byteLength(text) > MAX_BYTES && timelineRows.length > 10) {
    timelineRows.splice(Math.floor(timelineRows.length / 2), 1);
    text = render();
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The repository

/**
 * Writes the corpus into `out` (its incidents/, policies/, slos/ and runbooks/ are replaced).
 * Returns counts and the sizes of the incident files.
 */
export function generateCorpus({ incidents = 1000, seed = 1, out, now = DEFAULT_NOW, source = REPO_ROOT } = {}) {
  if (!out) throw new Error('generateCorpus: out is required');
  if (!Number.isInteger(incidents) || incidents < 1)
    throw new Error(`generateCorpus: incidents must be a whole number of 1 or more, not ${incidents}`);
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new Error(`generateCorpus: now "${now}" is not an ISO 8601 time`);
  const catalog = loadCatalog(source);
  mkdirSync(out, { recursive: true });
  for (const dir of [...COPIED, 'incidents']) rmSync(path.join(out, dir), { recursive: true, force: true });
  for (const dir of COPIED) cpSync(path.join(source, dir), path.join(out, dir), { recursive: true });
  const blame =
    catalog.blameless.length > 0
      ? new RegExp(
          `\\b(?:${catalog.blameless.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|')})\\b`,
          'i',
        )
      : undefined;
  const planned = planIncidents(incidents, seed >>> 0, catalog, nowMs);
  const made = new Set();
  let bytes = 0;
  let smallest = Infinity;
  let largest = 0;
  for (const inc of planned) {
    const text = renderIncident(inc, catalog, nowMs);
    const found = blame?.exec(text);
    if (found) throw new Error(`generator bug: ${inc.id} contains the blaming phrase "${found[0]}"`);
    const dir = path.join(out, 'incidents', String(inc.started.year));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path.join(dir, `${inc.started.date}-${inc.slug}.md`), text);
    const size = Buffer.byteLength(text);
    bytes += size;
    smallest = Math.min(smallest, size);
    largest = Math.max(largest, size);
  }
  const years = [...new Set(planned.map((i) => i.started.year))];
  return {
    incidents: planned.length,
    bytes,
    smallest,
    largest,
    years: years.length,
    firstYear: years[0],
    lastYear: years[years.length - 1],
  };
}

function parseArgs(argv) {
  const args = { incidents: 1000, seed: 1, out: undefined, now: DEFAULT_NOW };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--incidents') args.incidents = Number(value());
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--out') args.out = value();
    else if (flag === '--now') args.now = value();
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help || !args.out) {
      console.log('Usage: node scripts/bench/corpus.mjs --incidents N --seed S --out DIR [--now ISO]');
      process.exit(args.help ? 0 : 2);
    }
    const stats = generateCorpus({
      incidents: args.incidents,
      seed: args.seed,
      out: path.resolve(args.out),
      now: args.now,
    });
    console.log(
      `${stats.incidents} incidents (${stats.smallest}-${stats.largest} bytes, ${(stats.bytes / 1048576).toFixed(1)} MiB) over ${stats.years} years (${stats.firstYear}-${stats.lastYear}) in ${args.out}`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
