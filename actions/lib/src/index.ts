/** The Firebreak library: every action and the CLI are thin edges over these exports. */
export type { Diagnostic, Finding, Level, LevelSetting, Position } from './diagnostics.ts';
export {
  loadRepository,
  loadRepositoryInParallel,
  isReadFailure,
  type Repository,
  type LoadProblem,
} from './load/repository.ts';
export { isRecordReaderThread, serveRecordReader, PARALLEL_MIN_FILES } from './load/prepare.ts';
export { buildCatalog, resolveHandle, type Catalog } from './model/catalog.ts';
export { readActionItems, type ActionItem } from './model/action-items.ts';
export type * from './model/types.ts';
export { validateRepository, ruleLevels, type ValidationResult, type ValidateOptions } from './engine.ts';
export { RULES } from './rules/index.ts';
export type { Rule } from './rules/rule.ts';
export { formatText } from './format/text.ts';
export { formatJson, JSON_FORMAT_VERSION } from './format/json.ts';
export { formatGithub } from './format/github.ts';
export { renderRulesMarkdown, ruleDocsIn } from './format/rules-doc.ts';
export { affectedFiles } from './load/affected.ts';
export { changedFilesSince, GitError } from './load/git.ts';
export {
  buildReport,
  reportWindows,
  REPORT_VERSION,
  type ReliabilityReport,
  type ReportOptions,
} from './metrics/report.ts';
export { incidentFacts, MEASURES, type IncidentFacts, type Measure } from './metrics/facts.ts';
export { statsOf, percentile, change, share, type Stats } from './metrics/stats.ts';
export { errorBudgets, budgetStatus, EXPECTED_EVENTS_ANNOTATION, type ErrorBudget } from './metrics/budgets.ts';
export { responderLoad, onCallLoad, onCallIntervals, offHours, severityWeight } from './metrics/people.ts';
export { postmortemFigures, actionItemFigures, repeatIncidents } from './metrics/records.ts';
export { formatReportMarkdown, reportTree, DEFINITIONS, type MarkdownOptions } from './format/report-markdown.ts';
export { formatOpenMetrics } from './format/openmetrics.ts';
export { formatReportJson } from './format/report-json.ts';
export {
  runFollowUps,
  DEFAULT_IDENTITY,
  DEFAULT_MAX_WRITES,
  type FollowUpsOptions,
  type FollowUpsReport,
} from './follow-ups/run.ts';
export { formatFollowUpsText, formatFollowUpsMarkdown } from './follow-ups/format.ts';
export { setActionItemStatus, type StatusChange, type StatusEdit } from './follow-ups/set-status.ts';
export {
  neutralize,
  safeTitle,
  toGitHubMarkdown,
  TITLE_LIMIT,
  BODY_LIMIT,
  JOB_SUMMARY_LIMIT,
} from './markdown-out/index.ts';
export type { GitHubPort, GitHubIssue, GitHubComment, IssueFields, PullRequest } from './github/port.ts';
export { createOctokitPort, type OctokitPortOptions } from './github/octokit.ts';
export { createDryRunPort, type DryRunPort } from './github/dry-run.ts';
export { GitHubError, isGitHubError, type GitHubErrorKind } from './github/errors.ts';
export { publishReport, reportBody, reportMarker, REPORT_LABEL, type PublishResult } from './report/publish.ts';
export { parseIssueForm, IssueFormError, ISSUE_FORM_LIMITS, NO_RESPONSE } from './scaffold/issue-form.ts';
export { FORM_FIELDS, FIELD_NAMES, valuesFromIssue, type DeclareField, type DeclareValues } from './scaffold/fields.ts';
export {
  declareIncident,
  splitServices,
  FUTURE_TOLERANCE_MS,
  type DeclareProblem,
  type DeclareResult,
  type DeclareOptions,
  type Scaffold,
} from './scaffold/declare.ts';
export { nextIncidentId } from './scaffold/incident-id.ts';
export { parseStarted, zonedTimestamp } from './scaffold/started.ts';
export {
  renderIncident,
  scaffoldSections,
  slugify,
  incidentPath,
  summaryMarkdown,
  ACTION_ITEMS_TABLE,
} from './scaffold/render.ts';
export { declareSummary } from './scaffold/messages.ts';
export {
  declareFromIssue,
  declareBranch,
  DECLARE_BRANCH_PREFIX,
  DEFAULT_DECLARE_LABEL,
  type DeclareFromIssueOptions,
  type DeclareOutcome,
  type IssueSnapshot,
} from './scaffold/from-issue.ts';
export {
  generateRules,
  GENERATED_MARKER,
  RULES_ANNOTATION,
  RULES_COMMAND,
  RULE_FILE_SUFFIX,
  RULES_OFF,
  rulesOff,
  type GeneratedRules,
  type RuleFile,
  type SkippedSlo,
} from './prometheus/rules.ts';
export { writeRuleFiles, checkRuleFiles, type RuleFileProblem } from './prometheus/files.ts';
export {
  measureSlos,
  errorRatioQuery,
  MEASURED_WINDOWS,
  type Measurement,
  type MeasuredSlo,
  type PrometheusOptions,
} from './datasource/prometheus.ts';
export {
  validateWithCache,
  checkCacheFile,
  CacheFileError,
  type CachedValidateOptions,
  type CachedValidation,
} from './cache/validate-cache.ts';
// The static site (site/) is not exported here: only `firebreak site` needs it, and every action's
// bundle would carry its code and a chunk of Vega (loaded on the first chart). Import it from
// './site/build.ts'.
export {
  budgetCharts,
  incidentCharts,
  incidentTimelineChart,
  mermaidFence,
  type MermaidChart,
} from './charts/mermaid.ts';
export {
  runLive,
  loadLiveContext,
  openIncidentIssues,
  liveBranch,
  DEFAULT_PIN_REACTION,
  DEFAULT_LIVE_MAX_WRITES,
  type LiveContext,
  type LiveOptions,
  type LiveOutcome,
} from './live/run.ts';
export { productInfo, type ProductInfo } from './product/package.ts';
export { resolveRelease, upstreamUrl, ReleaseError } from './product/release.ts';
export { applyInit, planInit, type InitInput, type InitResult, type TeamAnswers } from './init/index.ts';
export {
  applyUpgrade,
  pinnedRepository,
  planUpgrade,
  UpgradeError,
  type UpgradePlan,
  type UpgradeChange,
} from './upgrade/upgrade.ts';
export { buildReview, type ReviewData } from './review/review.ts';
export { renderReviewComment } from './review/comment.ts';
export { MAX_ARTIFACT_BYTES, readReviewArtifact } from './review/artifact.ts';
export { upsertReviewComment } from './review/publish.ts';
// The actions' shared plumbing (inputs, event, run context, port); the CLI does not use it.
export {
  actionEvent,
  actionInput,
  actionNow,
  actionPort,
  bundleVersion,
  defaultBranch,
  failAction,
  recordsRoot,
  runContext,
  wholeNumberInput,
  workspacePath,
  type RunContext,
} from './edge/action.ts';
