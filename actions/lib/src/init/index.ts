export { applyInit, planInit, type InitOutcome, type InitResult } from './init.ts';
export {
  initFiles,
  editorSettings,
  MARKDOWNLINT_CLI2_VERSION,
  MARKDOWNLINT_CONFIG,
  STARTER_LEVELS,
  packageSpecFor,
  type InitInput,
  type TeamAnswers,
} from './files.ts';
export { renderIssueForm, issueFormDrift, ISSUE_FORM_PATH, INCIDENT_LABEL, type FormLevel } from './form-template.ts';
export { actionRef, dependabotConfig, labelsWorkflow, teamWorkflows, LABELS, type Release } from './workflows.ts';
