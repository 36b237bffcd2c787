// A tracking issue's identity and memory live in a hidden HTML comment on the first line of its
// body, never in its title: the record id, a fingerprint of what Firebreak last wrote, the
// reminders already said, and whether Firebreak itself closed it.

import { readMarker, renderMarker, withoutMarker } from '../markdown-out/index.ts';

const ISSUE_KIND = 'tracking';
const SAID_KIND = 'said';

export interface TrackingState {
  /** The record id, e.g. INC-2026-004/AI-2, INC-2026-004/postmortem or runbook/payments-api/2026-12-01. */
  id: string;
  /** Fingerprint of the title, body, labels and assignee Firebreak last wrote. */
  fp: string;
  /** The login Firebreak assigned, so a change of owner removes only that one. */
  assignee?: string;
  /** Stages already said, e.g. "remind:2026-11-25". */
  said: string[];
  /** Set when Firebreak closed the issue because the record says it is finished. */
  closed?: 'git';
}

export function renderIssueMarker(state: TrackingState): string {
  const { id, fp, assignee, said, closed } = state;
  return renderMarker(ISSUE_KIND, { id, fp, ...(assignee ? { assignee } : {}), said, ...(closed ? { closed } : {}) });
}

/** The tracking state at the start of an issue body; undefined when the body carries no valid marker. */
export function parseIssueMarker(body: string): TrackingState | undefined {
  const value = readMarker(body, ISSUE_KIND, { atStart: true });
  if (!value || typeof value.id !== 'string' || !value.id) return undefined;
  return {
    id: value.id,
    fp: typeof value.fp === 'string' ? value.fp : '',
    assignee: typeof value.assignee === 'string' ? value.assignee : undefined,
    said: Array.isArray(value.said) ? value.said.filter((s): s is string => typeof s === 'string') : [],
    closed: value.closed === 'git' ? 'git' : undefined,
  };
}

/** The body with its first-line marker replaced (or added). */
export function withIssueMarker(body: string, state: TrackingState): string {
  return `${renderIssueMarker(state)}\n${withoutMarker(body, ISSUE_KIND)}`;
}

export function renderSaidMarker(id: string, stage: string): string {
  return renderMarker(SAID_KIND, { id, stage });
}

export function parseSaidMarker(body: string): { id: string; stage: string } | undefined {
  const value = readMarker(body, SAID_KIND);
  return typeof value?.id === 'string' && typeof value.stage === 'string'
    ? { id: value.id, stage: value.stage }
    : undefined;
}
