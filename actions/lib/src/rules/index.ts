import { actionItemDue } from './action-item-due.ts';
import { actionItemId } from './action-item-id.ts';
import { actionItemOwner } from './action-item-owner.ts';
import { actionItemPriority } from './action-item-priority.ts';
import { actionItemStatus } from './action-item-status.ts';
import { actionItemTable } from './action-item-table.ts';
import { actionItemsRequired } from './action-items-required.ts';
import { bidiControls } from './bidi-controls.ts';
import { blamelessLanguage } from './blameless-language.ts';
import { configRules } from './config-rules.ts';
import { fileNaming } from './file-naming.ts';
import { fileReadable } from './file-readable.ts';
import { issueFormDriftRule } from './issue-form-drift.ts';
import { postmortemDeadline } from './postmortem-deadline.ts';
import { postmortemSections } from './postmortem-sections.ts';
import { publicText } from './public-text.ts';
import { references } from './references.ts';
import { requiredRecords } from './required-records.ts';
import { rolesRequired } from './roles-required.ts';
import type { Rule } from './rule.ts';
import { runbookReview } from './runbook-review.ts';
import { schema } from './schema.ts';
import { sloRules } from './slo-rules.ts';
import { sloValid } from './slo-valid.ts';
import { teamLeadMember } from './team-lead-member.ts';
import { timestampOffset } from './timestamp-offset.ts';
import { timestampOrder } from './timestamp-order.ts';
import { timestampRequired } from './timestamp-required.ts';
import { uniqueIds } from './unique-ids.ts';
import { uniquePriorities } from './unique-priorities.ts';
import { yamlSyntax } from './yaml-syntax.ts';

/** Every rule, in the order they run and are documented. Ids are stable: never rename one. */
export const RULES: readonly Rule[] = [
  fileReadable,
  yamlSyntax,
  schema,
  configRules,
  bidiControls,
  requiredRecords,
  uniqueIds,
  fileNaming,
  timestampRequired,
  timestampOrder,
  timestampOffset,
  references,
  teamLeadMember,
  uniquePriorities,
  rolesRequired,
  postmortemSections,
  actionItemsRequired,
  actionItemTable,
  actionItemId,
  actionItemOwner,
  actionItemDue,
  actionItemPriority,
  actionItemStatus,
  postmortemDeadline,
  blamelessLanguage,
  publicText,
  runbookReview,
  sloValid,
  sloRules,
  issueFormDriftRule,
];
