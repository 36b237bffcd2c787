import type { MarkdownScan } from '../markdown/scan.ts';
import type { YamlDocument } from '../load/yaml.ts';

/** A handle such as "@alice" or a team slug such as "@acme/payments". */
export type Handle = string;

export interface Metadata {
  name: string;
  displayName?: string;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** One Kubernetes-shaped YAML document: a firebreak/v1 policy or an OpenSLO v1 object. */
export interface KindRecord<Spec = Record<string, unknown>> {
  file: string;
  doc: YamlDocument;
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  spec: Spec;
  /** True when the document passed its JSON Schema; rules read only valid records. */
  valid: boolean;
}

/** A Markdown record with YAML front matter. */
export interface MarkdownRecord<FrontMatter> {
  file: string;
  /** The front matter; absent when the file has none. */
  doc?: YamlDocument;
  data: FrontMatter;
  body: MarkdownScan;
  bodyLine: number;
  valid: boolean;
}

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export type PostmortemState = 'draft' | 'in-review' | 'published';
export const TIMESTAMP_FIELDS = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type TimestampField = (typeof TIMESTAMP_FIELDS)[number];

export interface SloImpact {
  slo: string;
  bad_minutes?: number;
  bad_events?: number;
  total_events?: number;
}

export interface IncidentFrontMatter extends Partial<Record<TimestampField, string>> {
  id: string;
  title: string;
  severity: string;
  status: IncidentStatus;
  postmortem?: PostmortemState;
  postmortem_published?: string;
  services: string[];
  commander: Handle;
  roles?: Record<string, Handle | Handle[]>;
  impact?: string;
  /** Check-ins from /ack in the incident issue (live/). */
  check_ins?: { by: Handle; at: string; comment?: string }[];
  /** Status updates from /update in the incident issue (live/). */
  updates?: { at: string; by: Handle; public?: boolean; comment?: string }[];
  slos?: SloImpact[];
  contributing_factors?: string[];
  runbooks?: string[];
  related?: string[];
  tags?: string[];
  /** What the public status page shows; absent: not on it. */
  public?: PublicIncident;
}

export interface PublicUpdate {
  at: string;
  status?: IncidentStatus;
  message: string;
}
export interface PublicIncident {
  title: string;
  summary?: string;
  updates?: PublicUpdate[];
  postmortem?: boolean;
}

export type Incident = MarkdownRecord<IncidentFrontMatter>;

export interface RunbookFrontMatter {
  id: string;
  title: string;
  services?: string[];
  owner: Handle;
  last_reviewed: string;
  review_every: string;
  tags?: string[];
}

export type Runbook = MarkdownRecord<RunbookFrontMatter>;

// firebreak/v1 specs, as the schemas in schemas/ define them.

export interface SeverityLevel {
  id: string;
  name?: string;
  description?: string;
  triggers?: string[];
  response?: string;
  loopIn?: string[];
  rolesRequired?: string[];
  timeToAction?: string;
  smeAfter?: string;
  communicationCadence?: string;
  postmortem?: { required?: boolean; deadline?: string };
}
export interface SeveritiesSpec {
  levels: SeverityLevel[];
}

export interface TeamMember {
  handle: Handle;
  name?: string;
  timezone?: string;
}
export interface TeamSpec {
  displayName?: string;
  github?: Handle;
  lead?: Handle;
  members?: TeamMember[];
}

export interface ServiceSpec {
  description?: string;
  /** The name on the public status page; services without one are not shown there. */
  publicName?: string;
  owner?: string;
  tier?: number;
  slos?: string[];
  runbooks?: string[];
  escalationPolicy?: string;
  dependsOn?: string[];
  smes?: Handle[];
}

export interface EscalationTarget {
  person?: Handle;
  team?: string;
  schedule?: string;
}
export interface EscalationPolicySpec {
  description?: string;
  levels: { after?: string; targets: EscalationTarget[] }[];
  repeat?: { times?: number; after?: string };
  functional?: { when?: Record<string, unknown>; targets: EscalationTarget[] }[];
  automatic?: {
    when?: { severities?: string[]; unacknowledgedFor?: string } & Record<string, unknown>;
    targets: EscalationTarget[];
  }[];
}

export interface OnCallScheduleSpec {
  team?: string;
  timezone?: string;
  rotation?: { start?: string; length?: string; participants?: Handle[] };
  overrides?: { start: string; end: string; person: Handle }[];
}

export interface FollowUpPriority {
  id: string;
  description?: string;
  maxDays?: number;
  remindBefore?: string;
  escalateAfter?: string;
}
export interface FollowUpPolicySpec {
  track?: 'due-soon' | 'all';
  trackWithin?: string;
  priorities?: FollowUpPriority[];
}

export interface PostmortemSection {
  title: string;
  aliases?: string[];
  requiredFor?: string[];
}
export interface BlamelessPhrase {
  phrase: string;
  suggestion: string;
}
export interface PostmortemPolicySpec {
  sections?: PostmortemSection[];
  actionItemsRequiredFor?: string[];
  blamelessLanguage?: BlamelessPhrase[];
}

export interface ErrorBudgetStatus {
  status: string;
  remainingBelow?: number;
  means?: string;
}
export interface ErrorBudgetPolicySpec {
  statuses: ErrorBudgetStatus[];
}

export interface ContributingFactor {
  id: string;
  category?: string;
  description?: string;
}
export interface ContributingFactorsSpec {
  factors: ContributingFactor[];
}

export type RuleLevelSetting = 'error' | 'warning' | 'off';
export interface ConfigSpec {
  timezone?: string;
  paths?: { incidents?: string; slos?: string; runbooks?: string };
  rules?: Record<string, RuleLevelSetting>;
  businessHours?: { start?: string; end?: string; days?: string[] };
  reports?: { repeatWindow?: string; period?: 'week' | 'month' | 'quarter' };
}
