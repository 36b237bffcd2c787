import type { Repository } from '../load/repository.ts';
import type {
  ContributingFactorsSpec,
  EscalationPolicySpec,
  FollowUpPolicySpec,
  Incident,
  KindRecord,
  OnCallScheduleSpec,
  PostmortemPolicySpec,
  Runbook,
  ServiceSpec,
  SeveritiesSpec,
  SeverityLevel,
  TeamSpec,
  ErrorBudgetPolicySpec,
} from './types.ts';

export interface Person {
  handle: string;
  name?: string;
  teams: string[];
}

/**
 * Every identity the repository defines, including records that fail their schema: a reference
 * to a record with its own errors resolves, so one broken file does not cascade into errors in
 * every file that refers to it. Handles are kept as written; lookups ignore case.
 */
export interface KnownNames {
  severities: Set<string>;
  people: Map<string, string>;
  teams: Set<string>;
  /** "@name" and GitHub team slugs of teams, lower case, mapped to how they are written. */
  teamHandles: Map<string, string>;
  services: Set<string>;
  slos: Set<string>;
  slis: Set<string>;
  runbooks: Set<string>;
  incidents: Set<string>;
  escalationPolicies: Set<string>;
  schedules: Set<string>;
  factors: Set<string>;
}

/** Lookups over the valid records of a repository, built once per run. Keys of handles are lower case. */
export interface Catalog {
  known: KnownNames;
  severities: Map<string, SeverityLevel>;
  severityOrder: string[];
  people: Map<string, Person>;
  teams: Map<string, KindRecord<TeamSpec>>;
  services: Map<string, KindRecord<ServiceSpec>>;
  slos: Map<string, KindRecord>;
  slis: Map<string, KindRecord>;
  escalationPolicies: Map<string, KindRecord<EscalationPolicySpec>>;
  schedules: Map<string, KindRecord<OnCallScheduleSpec>>;
  factors: Set<string>;
  /** The follow-up policy, with the default priorities when there is none or it lists none. */
  followUp: FollowUpPolicySpec & { priorities: NonNullable<FollowUpPolicySpec['priorities']> };
  postmortem?: PostmortemPolicySpec;
  errorBudget?: ErrorBudgetPolicySpec;
  incidents: Map<string, Incident>;
  runbooks: Map<string, Runbook>;
}

function single<Spec>(repo: Repository, kind: string): KindRecord<Spec> | undefined {
  return repo.documents.find((d) => d.valid && d.apiVersion === 'firebreak/v1' && d.kind === kind) as
    KindRecord<Spec> | undefined;
}

function byName<Spec>(repo: Repository, apiVersion: string, kind: string): Map<string, KindRecord<Spec>> {
  const map = new Map<string, KindRecord<Spec>>();
  for (const d of repo.documents) {
    if (d.valid && d.apiVersion === apiVersion && d.kind === kind && !map.has(d.metadata.name))
      map.set(d.metadata.name, d as KindRecord<Spec>);
  }
  return map;
}

export function buildCatalog(repo: Repository): Catalog {
  const severitiesSpec = single<SeveritiesSpec>(repo, 'Severities')?.spec;
  const severities = new Map((severitiesSpec?.levels ?? []).map((level) => [level.id, level]));
  const teams = byName<TeamSpec>(repo, 'firebreak/v1', 'Team');
  const people = new Map<string, Person>();
  for (const [name, team] of teams) {
    for (const member of team.spec.members ?? []) {
      const key = member.handle.toLowerCase();
      const person = people.get(key) ?? { handle: member.handle, name: member.name, teams: [] };
      person.teams.push(name);
      people.set(key, person);
    }
  }
  const services = byName<ServiceSpec>(repo, 'firebreak/v1', 'Service');
  for (const [name, service] of byName<ServiceSpec>(repo, 'openslo/v1', 'Service'))
    if (!services.has(name)) services.set(name, service);
  const incidents = new Map<string, Incident>();
  for (const incident of repo.incidents)
    if (incident.valid && !incidents.has(incident.data.id)) incidents.set(incident.data.id, incident);
  const runbooks = new Map<string, Runbook>();
  for (const runbook of repo.runbooks)
    if (runbook.valid && !runbooks.has(runbook.data.id)) runbooks.set(runbook.data.id, runbook);
  return {
    known: knownNames(repo),
    severities,
    severityOrder: [...severities.keys()],
    people,
    teams,
    services,
    slos: byName(repo, 'openslo/v1', 'SLO'),
    slis: byName(repo, 'openslo/v1', 'SLI'),
    escalationPolicies: byName(repo, 'firebreak/v1', 'EscalationPolicy'),
    schedules: byName(repo, 'firebreak/v1', 'OnCallSchedule'),
    factors: new Set(
      (single<ContributingFactorsSpec>(repo, 'ContributingFactors')?.spec.factors ?? []).map((f) => f.id),
    ),
    followUp: withDefaultPriorities(single<FollowUpPolicySpec>(repo, 'FollowUpPolicy')?.spec ?? {}),
    postmortem: single<PostmortemPolicySpec>(repo, 'PostmortemPolicy')?.spec,
    errorBudget: single<ErrorBudgetPolicySpec>(repo, 'ErrorBudgetPolicy')?.spec,
    incidents,
    runbooks,
  };
}

export type OwnerKind = 'person' | 'team';
/** Whether a handle names a known person or team. */
export function resolveHandle(catalog: Catalog, handle: string): OwnerKind | undefined {
  const key = handle.trim().toLowerCase();
  if (catalog.known.people.has(key)) return 'person';
  if (catalog.known.teamHandles.has(key)) return 'team';
  return undefined;
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

function knownNames(repo: Repository): KnownNames {
  const known: KnownNames = {
    severities: new Set(),
    people: new Map(),
    teams: new Set(),
    teamHandles: new Map(),
    services: new Set(),
    slos: new Set(),
    slis: new Set(),
    runbooks: new Set(),
    incidents: new Set(),
    escalationPolicies: new Set(),
    schedules: new Set(),
    factors: new Set(),
  };
  for (const d of repo.documents) {
    const name = d.metadata?.name;
    const items = (key: string) => (Array.isArray(field(d.spec, key)) ? (field(d.spec, key) as unknown[]) : []);
    const ids = (key: string, id = 'id') =>
      items(key)
        .map((item) => field(item, id))
        .filter((v): v is string => typeof v === 'string');
    if (d.apiVersion === 'openslo/v1') {
      if (d.kind === 'SLO') known.slos.add(name);
      if (d.kind === 'SLI') known.slis.add(name);
      if (d.kind === 'Service') known.services.add(name);
      continue;
    }
    switch (d.kind) {
      case 'Severities':
        ids('levels').forEach((id) => known.severities.add(id));
        break;
      case 'Team': {
        known.teams.add(name);
        known.teamHandles.set(`@${name}`.toLowerCase(), `@${name}`);
        const github = field(d.spec, 'github');
        if (typeof github === 'string') known.teamHandles.set(github.toLowerCase(), github);
        ids('members', 'handle').forEach((handle) => known.people.set(handle.toLowerCase(), handle));
        break;
      }
      case 'Service':
        known.services.add(name);
        break;
      case 'EscalationPolicy':
        known.escalationPolicies.add(name);
        break;
      case 'OnCallSchedule':
        known.schedules.add(name);
        break;
      case 'ContributingFactors':
        ids('factors').forEach((id) => known.factors.add(id));
        break;
    }
  }
  for (const incident of repo.incidents)
    if (typeof incident.data?.id === 'string') known.incidents.add(incident.data.id);
  for (const runbook of repo.runbooks) if (typeof runbook.data?.id === 'string') known.runbooks.add(runbook.data.id);
  for (const record of repo.reused)
    if (record.id !== undefined) (record.kind === 'incident' ? known.incidents : known.runbooks).add(record.id);
  return known;
}

/** P0 to P3, used when the FollowUpPolicy lists no priorities of its own. */
export const DEFAULT_PRIORITIES = [
  { id: 'P0', maxDays: 14 },
  { id: 'P1', maxDays: 30 },
  { id: 'P2', maxDays: 60 },
  { id: 'P3', maxDays: 90 },
];

function withDefaultPriorities(spec: FollowUpPolicySpec): Catalog['followUp'] {
  return { ...spec, priorities: spec.priorities?.length ? spec.priorities : DEFAULT_PRIORITIES };
}
