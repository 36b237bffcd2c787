/** The Firebreak library: every action and the CLI are thin edges over these exports. */
export type { Diagnostic, Finding, Level, LevelSetting, Position } from './diagnostics.ts';
export { loadRepository, type Repository, type LoadProblem } from './load/repository.ts';
export { buildCatalog, resolveHandle, type Catalog } from './model/catalog.ts';
export { readActionItems, type ActionItem } from './model/action-items.ts';
export type * from './model/types.ts';
export { validateRepository, ruleLevels, type ValidationResult, type ValidateOptions } from './engine.ts';
export { RULES } from './rules/index.ts';
export type { Rule } from './rules/rule.ts';
export { formatText } from './format/text.ts';
export { formatJson, JSON_FORMAT_VERSION } from './format/json.ts';
export { formatGithub } from './format/github.ts';
export { renderRulesMarkdown } from './format/rules-doc.ts';
export { affectedFiles } from './load/affected.ts';
export { summarize, formatSummaryText, type ReliabilitySummary } from './report/summary.ts';
