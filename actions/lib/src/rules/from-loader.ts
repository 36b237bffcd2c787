import type { LoadRule } from '../load/repository.ts';
import type { Rule } from './rule.ts';

/** The rules whose findings come from reading the files: the loader finds them, the rule reports them. */
export function fromLoader(id: LoadRule, description: string, defaultLevel: Rule['defaultLevel'] = 'error'): Rule {
  return {
    id,
    description,
    defaultLevel,
    check({ repo, report }) {
      for (const problem of repo.problems) if (problem.rule === id) report(problem.finding);
    },
  };
}
