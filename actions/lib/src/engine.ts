import { compareDiagnostics, START, type Diagnostic, type Finding, type LevelSetting } from './diagnostics.ts';
import { LIMITS } from './load/limits.ts';
import type { Repository } from './load/repository.ts';
import { buildCatalog } from './model/catalog.ts';
import { RULES } from './rules/index.ts';
import type { Rule } from './rules/rule.ts';

export interface ValidateOptions {
  /** The moment treated as now; defaults to the clock. */
  now?: number;
  /** Level overrides on top of the Config kind's `rules` map (for example from the command line). */
  levels?: Record<string, LevelSetting>;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** The level each rule runs at: its default, then the repository's Config, then explicit overrides. */
export function ruleLevels(repo: Repository, overrides: Record<string, LevelSetting> = {}): Map<string, LevelSetting> {
  const levels = new Map<string, LevelSetting>(RULES.map((rule) => [rule.id, rule.defaultLevel]));
  for (const [id, level] of Object.entries({ ...repo.config.rules, ...overrides }))
    if (levels.has(id)) levels.set(id, level);
  return levels;
}

/** Runs every enabled rule over a loaded repository and returns sorted diagnostics. */
export function validateRepository(repo: Repository, options: ValidateOptions = {}): ValidationResult {
  const now = options.now ?? Date.now();
  const catalog = buildCatalog(repo);
  const levels = ruleLevels(repo, options.levels);
  const diagnostics: Diagnostic[] = [];
  const ruleIds = new Set(RULES.map((rule) => rule.id));
  for (const rule of RULES) {
    const level = levels.get(rule.id);
    if (!level || level === 'off') continue;
    const perFile = new Map<string, number>();
    const report = (finding: Finding) => {
      const count = (perFile.get(finding.file) ?? 0) + 1;
      perFile.set(finding.file, count);
      if (count > LIMITS.maxFindingsPerRuleAndFile) return;
      diagnostics.push({
        rule: rule.id,
        severity: level,
        file: finding.file,
        ...(finding.at ?? START),
        message: finding.message,
        ...(finding.hint ? { hint: finding.hint } : {}),
      });
    };
    runRule(rule, { repo, catalog, now, ruleIds, report });
    for (const [file, count] of perFile) {
      if (count > LIMITS.maxFindingsPerRuleAndFile) {
        diagnostics.push({
          rule: rule.id,
          severity: level,
          file,
          ...START,
          message: `${count - LIMITS.maxFindingsPerRuleAndFile} more ${rule.id} findings in ${file} are not shown.`,
          hint: 'Fix the ones shown and run again.',
        });
      }
    }
  }
  diagnostics.sort(compareDiagnostics);
  return {
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

function runRule(rule: Rule, context: Parameters<Rule['check']>[0]): void {
  try {
    rule.check(context);
  } catch (error) {
    context.report({
      file: '(firebreak)',
      message: `The rule ${rule.id} stopped with an internal error: ${(error as Error)?.message ?? String(error)}. The other rules still ran.`,
      hint: 'This is a bug in Firebreak; please report it.',
    });
  }
}
