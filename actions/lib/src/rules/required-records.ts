import { definitionsUnreadable } from './helpers.ts';
import type { Rule } from './rule.ts';

/** The records every repository needs, what each one is for, and the file a team usually keeps it in. */
export const REQUIRED_KINDS = [
  { kind: 'Config', file: 'config.yaml', why: 'the time zone reports, deadlines and timestamps are read in' },
  {
    kind: 'Severities',
    file: 'severities.yaml',
    why: 'the severity levels incidents are declared with, their roles and time-to-action targets',
  },
  { kind: 'Team', file: 'teams.yaml', why: 'the people who may own action items, command incidents and declare them' },
  {
    kind: 'PostmortemPolicy',
    file: 'postmortems.yaml',
    why: 'which severities need a postmortem, its sections and its action items',
  },
] as const;

export const requiredRecords: Rule = {
  id: 'required-records',
  description:
    'The repository has the records every check depends on: a Config, a Severities policy, at least one Team and a PostmortemPolicy.',
  defaultLevel: 'error',
  check({ repo, report }) {
    const policies = repo.paths.policies.replace(/\/+$/, '');
    if (definitionsUnreadable(repo, [policies])) return;
    for (const { kind, file, why } of REQUIRED_KINDS) {
      if (repo.documents.some((d) => d.apiVersion === 'firebreak/v1' && d.kind === kind)) continue;
      const target = `${policies}/${file}`;
      report({
        file: target,
        message: `The repository has no ${kind} record (apiVersion: firebreak/v1, kind: ${kind}): ${why}.`,
        hint: `Create ${target} with a ${kind} document (docs/records.md, section ${kind}), or run "firebreak init" to write starter policies.`,
      });
    }
  },
};
