// What the review comment shows for a pull request, as plain data: computed by the validate step
// (which may run code from a fork, with a read-only token) and handed to the comment step as an
// untrusted artifact, which checks it against REVIEW_SCHEMA before rendering anything.
import type { Diagnostic } from '../diagnostics.ts';
import type { Repository } from '../load/repository.ts';
import { normalizeHeading } from '../markdown/scan.ts';
import { readActionItems, type ActionItemSummary } from '../model/action-items.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Incident } from '../model/types.ts';
import { errorBudgets } from '../metrics/budgets.ts';
import { incidentFacts, MEASURES, type Measure } from '../metrics/facts.ts';
import { parseDuration } from '../time/duration.ts';

export const REVIEW_VERSION = 1;
/** Bounds that keep the artifact small; the schema enforces the same ones. */
export const REVIEW_LIMITS = { incidents: 20, diagnostics: 200, items: 100, timeline: 100, text: 2000 };

export interface ReviewDuration {
  measure: Measure;
  minutes: number | null;
  /** The severity's target, for time to acknowledge (timeToAction). */
  targetMinutes: number | null;
}

export interface ReviewSlo {
  slo: string;
  unit: 'minutes' | 'events';
  /** What this incident used. */
  consumed: number;
  /** Percent of the budget this incident used; null when the budget is unknown. */
  consumedPercent: number | null;
  /** Percent left in the SLO's current window; null when unknown. */
  remainingPercent: number | null;
  status: string | null;
}

export interface ReviewActionItem extends ActionItemSummary {
  problems: string[];
}

export interface ReviewIncident {
  file: string;
  id: string;
  title: string;
  severity: string;
  status: string;
  postmortem: string;
  services: string[];
  impact: string;
  commander: string;
  /** started, detected, acknowledged, mitigated, resolved as written (absent ones left out). */
  timestamps: Partial<Record<'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved', string>>;
  durations: ReviewDuration[];
  /** Timestamps the incident's status needs and does not have. */
  missing: string[];
  slos: ReviewSlo[];
  actionItems: ReviewActionItem[];
  timeline: { time: string; event: string }[];
  blameless: { line: number; message: string; hint: string }[];
}

export interface ReviewData {
  version: number;
  /** The pull request and head commit the validate step saw; the comment step checks both. */
  pullRequest: number;
  headSha: string;
  summary: { files: number; errors: number; warnings: number };
  diagnostics: Pick<Diagnostic, 'rule' | 'severity' | 'file' | 'line' | 'column' | 'message' | 'hint'>[];
  incidents: ReviewIncident[];
}

const clip = (text: string | undefined) => (text ?? '').slice(0, REVIEW_LIMITS.text);
const NEEDED: Record<string, string[]> = {
  investigating: ['detected'],
  identified: ['detected', 'acknowledged'],
  monitoring: ['detected', 'acknowledged', 'mitigated'],
  resolved: ['detected', 'acknowledged', 'mitigated', 'resolved'],
};

/** The review of the incidents among `files` (the pull request's changed records), with the diagnostics already filtered to what the pull request affects. */
export function buildReview(
  repo: Repository,
  catalog: Catalog,
  options: {
    files: readonly string[];
    diagnostics: Diagnostic[];
    checkedFiles: number;
    pullRequest: number;
    headSha: string;
    now: number;
  },
): ReviewData {
  const changed = new Set(options.files);
  const facts = new Map(incidentFacts(catalog).map((f) => [f.incident, f]));
  const budgets = new Map(
    errorBudgets(catalog, [...facts.values()], options.now, repo.config.timezone ?? 'UTC').map((b) => [b.slo, b]),
  );
  const incidents: ReviewIncident[] = [];
  for (const incident of repo.incidents) {
    if (!changed.has(incident.file) || !incident.valid || incidents.length >= REVIEW_LIMITS.incidents) continue;
    const fact = facts.get(incident);
    const target = parseDuration(catalog.severities.get(incident.data.severity)?.timeToAction ?? '');
    const mine = options.diagnostics.filter((d) => d.file === incident.file);
    const items = readActionItems(incident)?.items ?? [];
    const data = incident.data;
    incidents.push({
      file: incident.file,
      id: data.id,
      title: clip(data.title),
      severity: data.severity,
      status: data.status,
      postmortem: data.postmortem ?? 'draft',
      services: data.services.slice(0, 20),
      impact: clip(data.impact),
      commander: data.commander,
      timestamps: Object.fromEntries(
        (['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const)
          .filter((k) => typeof data[k] === 'string')
          .map((k) => [k, data[k]!]),
      ),
      durations: MEASURES.map((measure) => ({
        measure,
        minutes: fact?.minutes[measure] ?? null,
        targetMinutes: measure === 'acknowledge' && target !== undefined ? target / 60_000 : null,
      })),
      missing: (NEEDED[data.status] ?? []).filter((field) => typeof data[field as keyof typeof data] !== 'string'),
      slos: (data.slos ?? []).slice(0, 20).map((impact) => {
        const budget = budgets.get(impact.slo);
        const consumed = budget?.unit === 'events' ? (impact.bad_events ?? 0) : (impact.bad_minutes ?? 0);
        return {
          slo: impact.slo,
          unit: budget?.unit ?? (impact.bad_events !== undefined ? 'events' : 'minutes'),
          consumed,
          consumedPercent: budget?.allowed ? (consumed / budget.allowed) * 100 : null,
          remainingPercent: budget?.remainingPercent ?? null,
          status: budget?.status?.status ?? null,
        };
      }),
      actionItems: items.slice(0, REVIEW_LIMITS.items).map((item) => ({
        line: item.line,
        id: clip(item.id),
        action: clip(item.action),
        owner: clip(item.owner),
        due: clip(item.due),
        priority: clip(item.priority),
        status: clip(item.status),
        problems: mine
          .filter((d) => d.rule.startsWith('action-item') && d.line === item.line)
          .map((d) => clip(d.message)),
      })),
      timeline: timeline(incident),
      blameless: mine
        .filter((d) => d.rule === 'blameless-language')
        .slice(0, 50)
        .map((d) => ({ line: d.line, message: clip(d.message), hint: clip(d.hint) })),
    });
  }
  const diagnostics = options.diagnostics
    .slice(0, REVIEW_LIMITS.diagnostics)
    .map(({ rule, severity, file, line, column, message, hint }) => ({
      rule,
      severity,
      file,
      line,
      column,
      message: clip(message),
      ...(hint ? { hint: clip(hint) } : {}),
    }));
  return {
    version: REVIEW_VERSION,
    pullRequest: options.pullRequest,
    headSha: options.headSha,
    summary: {
      files: options.checkedFiles,
      errors: options.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: options.diagnostics.filter((d) => d.severity === 'warning').length,
    },
    diagnostics,
    incidents,
  };
}

/** The Timeline section's first table: the first column as the time, the rest as the event. */
function timeline(incident: Incident): { time: string; event: string }[] {
  const section = incident.body.sections.find((s) => normalizeHeading(s.heading.text) === 'timeline');
  const table = section?.tables[0];
  if (!table) return [];
  return table.rows.slice(0, REVIEW_LIMITS.timeline).map((row) => ({
    time: clip(row.cells[0]?.text),
    event: clip(
      row.cells
        .slice(1)
        .map((c) => c.text)
        .filter(Boolean)
        .join(' — '),
    ),
  }));
}
