import type { Finding, Level } from '../diagnostics.ts';
import type { Repository } from '../load/repository.ts';
import type { Catalog } from '../model/catalog.ts';

export interface RuleContext {
  repo: Repository;
  catalog: Catalog;
  /** The moment the run treats as now (deadlines, reviews); fixed in tests. */
  now: number;
  /** The id of every registered rule (what the Config's \`rules\` map may name). */
  ruleIds: ReadonlySet<string>;
  report(finding: Finding): void;
}

/**
 * A validation rule: data (id, description, level) and one check over the whole repository. Its
 * docs (why it exists, how to fix what it reports, examples that run as tests) are `<id>.md` beside
 * its source, gathered into docs/rules.md by `npm run docs`.
 */
export interface Rule {
  /** Stable id, used in output and in the Config kind's `rules` map. Never renamed. */
  id: string;
  /** One line: what the rule requires. */
  description: string;
  defaultLevel: Level;
  check(context: RuleContext): void;
}
