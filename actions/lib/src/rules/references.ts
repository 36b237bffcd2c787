import type { Position } from '../diagnostics.ts';
import type { PathSegment } from '../load/yaml.ts';
import { resolveHandle, type Catalog, type KnownNames } from '../model/catalog.ts';
import type {
  EscalationTarget,
  KindRecord,
  ServiceSpec,
  EscalationPolicySpec,
  OnCallScheduleSpec,
  PostmortemPolicySpec,
} from '../model/types.ts';
import { closest } from '../text/suggest.ts';
import { asArray, definitionsUnreadable, docAt, fieldAt, incidentName, list, recordName } from './helpers.ts';
import type { Rule, RuleContext } from './rule.ts';

type Kind =
  | 'severity'
  | 'service'
  | 'person'
  | 'team'
  | 'person or team'
  | 'SLO'
  | 'runbook'
  | 'incident'
  | 'escalation policy'
  | 'on-call schedule'
  | 'contributing factor';

/** Where the names of each kind of reference are defined (for the hint). */
const DEFINED: Record<Kind, string> = {
  severity: 'the Severities policy',
  service: 'a Service in policies/',
  person: 'the members of a Team in policies/',
  team: 'a Team in policies/',
  'person or team': 'a Team or its members in policies/',
  SLO: 'an openslo/v1 SLO',
  runbook: 'a runbook (runbooks/<id>.md with that id)',
  incident: 'an incident (its id field)',
  'escalation policy': 'an EscalationPolicy in policies/',
  'on-call schedule': 'an OnCallSchedule in policies/',
  'contributing factor': 'the ContributingFactors taxonomy',
};

/** The names a reference of each kind may take, and where they are defined (for the hint). */
function candidates(known: KnownNames, kind: Kind): { names: string[]; defined: string } {
  const names =
    kind === 'person'
      ? [...known.people.values()]
      : kind === 'person or team'
        ? [...known.people.values(), ...known.teamHandles.values()]
        : [...namesOf(known, kind)];
  return { names, defined: DEFINED[kind] };
}

function exists(catalog: Catalog, kind: Kind, value: string): boolean {
  if (kind === 'person') return resolveHandle(catalog, value) === 'person';
  if (kind === 'person or team') return resolveHandle(catalog, value) !== undefined;
  return namesOf(catalog.known, kind).has(value);
}

/** The set each kind of reference other than people is looked up in. */
function namesOf(known: KnownNames, kind: Exclude<Kind, 'person' | 'person or team'>): ReadonlySet<string> {
  switch (kind) {
    case 'severity':
      return known.severities;
    case 'service':
      return known.services;
    case 'team':
      return known.teams;
    case 'SLO':
      return known.slos;
    case 'runbook':
      return known.runbooks;
    case 'incident':
      return known.incidents;
    case 'escalation policy':
      return known.escalationPolicies;
    case 'on-call schedule':
      return known.schedules;
    case 'contributing factor':
      return known.factors;
  }
}

/** The directories that define the names of each kind of reference. */
function definedIn(context: RuleContext, kind: Kind): string[] {
  const { paths } = context.repo;
  return kind === 'runbook' ? [paths.runbooks] : kind === 'incident' ? [paths.incidents] : [paths.policies, paths.slos];
}

function checker(context: RuleContext) {
  const { catalog, report } = context;
  const unverifiable = new Map<Kind, boolean>();
  // Positions are looked up only for references that fail: most resolve, and finding a node's range costs.
  return (file: string, owner: string, kind: Kind, value: unknown, where: () => Position | undefined) => {
    if (typeof value !== 'string' || exists(catalog, kind, value)) return;
    if (!unverifiable.has(kind)) unverifiable.set(kind, definitionsUnreadable(context.repo, definedIn(context, kind)));
    if (unverifiable.get(kind)) return;
    const at = where();
    const { names, defined } = candidates(catalog.known, kind);
    const guess = closest(value, names);
    report({
      file,
      at,
      message: `${owner} refers to the ${kind} "${value}", which is not defined.`,
      hint: guess
        ? `Did you mean "${guess}"? Otherwise define it as ${defined}.`
        : names.length > 0
          ? `Known: ${list(names)}. Or define it as ${defined}.`
          : `Nothing is defined yet: add ${defined}.`,
    });
  };
}

export const references: Rule = {
  id: 'references',
  description:
    'Every reference resolves: severities, services, teams, people, SLOs, runbooks, related incidents, escalation policies, schedules, contributing factors.',
  defaultLevel: 'error',
  check(context) {
    const { repo } = context;
    const check = checker(context);
    for (const incident of repo.incidents) {
      if (!incident.valid) continue;
      const d = incident.data;
      const name = incidentName(incident);
      const at = (path: PathSegment[]) => () => fieldAt(incident, path);
      check(incident.file, name, 'severity', d.severity, at(['severity']));
      d.services.forEach((s, i) => check(incident.file, name, 'service', s, at(['services', i])));
      check(incident.file, name, 'person', d.commander, at(['commander']));
      for (const [role, holders] of Object.entries(d.roles ?? {})) {
        asArray(holders).forEach((h, i) =>
          check(
            incident.file,
            `${name} (role ${role})`,
            'person or team',
            h,
            at(Array.isArray(holders) ? ['roles', role, i] : ['roles', role]),
          ),
        );
      }
      (d.slos ?? []).forEach((s, i) => check(incident.file, name, 'SLO', s.slo, at(['slos', i, 'slo'])));
      (d.runbooks ?? []).forEach((r, i) => check(incident.file, name, 'runbook', r, at(['runbooks', i])));
      (d.related ?? []).forEach((r, i) => check(incident.file, name, 'incident', r, at(['related', i])));
      (d.contributing_factors ?? []).forEach((f, i) =>
        check(incident.file, name, 'contributing factor', f, at(['contributing_factors', i])),
      );
    }
    for (const runbook of repo.runbooks) {
      if (!runbook.valid) continue;
      const name = `Runbook ${runbook.data.id}`;
      check(runbook.file, name, 'person or team', runbook.data.owner, () => fieldAt(runbook, ['owner']));
      (runbook.data.services ?? []).forEach((s, i) =>
        check(runbook.file, name, 'service', s, () => fieldAt(runbook, ['services', i])),
      );
    }
    for (const record of repo.documents) {
      if (!record.valid) continue;
      const name = recordName(record);
      const at = (path: PathSegment[]) => () => docAt(record, path);
      const targets = (targetsList: EscalationTarget[], base: PathSegment[]) =>
        targetsList.forEach((t, i) => {
          if (t.person !== undefined) check(record.file, name, 'person', t.person, at([...base, i, 'person']));
          if (t.team !== undefined) check(record.file, name, 'team', t.team, at([...base, i, 'team']));
          if (t.schedule !== undefined)
            check(record.file, name, 'on-call schedule', t.schedule, at([...base, i, 'schedule']));
        });
      if (record.apiVersion === 'openslo/v1') {
        if (record.kind === 'SLO') check(record.file, name, 'service', record.spec.service, at(['spec', 'service']));
        continue;
      }
      switch (record.kind) {
        case 'Service': {
          const spec = (record as KindRecord<ServiceSpec>).spec;
          check(record.file, name, 'team', spec.owner, at(['spec', 'owner']));
          (spec.slos ?? []).forEach((s, i) => check(record.file, name, 'SLO', s, at(['spec', 'slos', i])));
          (spec.runbooks ?? []).forEach((r, i) => check(record.file, name, 'runbook', r, at(['spec', 'runbooks', i])));
          check(record.file, name, 'escalation policy', spec.escalationPolicy, at(['spec', 'escalationPolicy']));
          (spec.dependsOn ?? []).forEach((s, i) =>
            check(record.file, name, 'service', s, at(['spec', 'dependsOn', i])),
          );
          (spec.smes ?? []).forEach((p, i) => check(record.file, name, 'person', p, at(['spec', 'smes', i])));
          break;
        }
        case 'EscalationPolicy': {
          const spec = (record as unknown as KindRecord<EscalationPolicySpec>).spec;
          spec.levels.forEach((level, i) => targets(level.targets, ['spec', 'levels', i, 'targets']));
          (spec.functional ?? []).forEach((rule, i) => {
            targets(rule.targets, ['spec', 'functional', i, 'targets']);
            const when = rule.when as { services?: string[]; severities?: string[] } | undefined;
            (when?.services ?? []).forEach((s, j) =>
              check(record.file, name, 'service', s, at(['spec', 'functional', i, 'when', 'services', j])),
            );
            (when?.severities ?? []).forEach((s, j) =>
              check(record.file, name, 'severity', s, at(['spec', 'functional', i, 'when', 'severities', j])),
            );
          });
          (spec.automatic ?? []).forEach((rule, i) => {
            targets(rule.targets, ['spec', 'automatic', i, 'targets']);
            (rule.when?.severities ?? []).forEach((s, j) =>
              check(record.file, name, 'severity', s, at(['spec', 'automatic', i, 'when', 'severities', j])),
            );
          });
          break;
        }
        case 'OnCallSchedule': {
          const spec = (record as KindRecord<OnCallScheduleSpec>).spec;
          check(record.file, name, 'team', spec.team, at(['spec', 'team']));
          (spec.rotation?.participants ?? []).forEach((p, i) =>
            check(record.file, name, 'person', p, at(['spec', 'rotation', 'participants', i])),
          );
          (spec.overrides ?? []).forEach((o, i) =>
            check(record.file, name, 'person', o.person, at(['spec', 'overrides', i, 'person'])),
          );
          break;
        }
        case 'PostmortemPolicy': {
          const spec = (record as KindRecord<PostmortemPolicySpec>).spec;
          (spec.sections ?? []).forEach((section, i) =>
            (section.requiredFor ?? []).forEach((s, j) =>
              check(record.file, name, 'severity', s, at(['spec', 'sections', i, 'requiredFor', j])),
            ),
          );
          (spec.actionItemsRequiredFor ?? []).forEach((s, i) =>
            check(record.file, name, 'severity', s, at(['spec', 'actionItemsRequiredFor', i])),
          );
          break;
        }
      }
    }
  },
};
