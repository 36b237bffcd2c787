import type { IncidentStatus, TimestampField } from '../model/types.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

/** Timestamps an incident must have in each status. */
export const REQUIRED_TIMESTAMPS: Record<IncidentStatus, TimestampField[]> = {
  investigating: ['started'],
  identified: ['started', 'detected', 'acknowledged'],
  monitoring: ['started', 'detected', 'acknowledged', 'mitigated'],
  resolved: ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'],
};

const MEANING: Record<TimestampField, string> = {
  started: 'when impact began',
  detected: 'when the team knew: alert fired or report received',
  acknowledged: 'when a responder took action',
  mitigated: 'when customer impact stopped',
  resolved: 'when the incident was closed',
};

export const timestampRequired: Rule = {
  id: 'timestamp-required',
  description:
    'An incident has the timestamps its status requires (resolved: started, detected, acknowledged, mitigated, resolved).',
  defaultLevel: 'error',
  check({ repo, report }) {
    for (const incident of repo.incidents) {
      if (!incident.valid) continue;
      const { status } = incident.data;
      const missing = REQUIRED_TIMESTAMPS[status].filter((field) => incident.data[field] === undefined);
      for (const field of missing) {
        report({
          file: incident.file,
          at: fieldAt(incident, ['status']),
          message: `${incidentName(incident)} is ${status} but has no "${field}" timestamp (${MEANING[field]}).`,
          hint: `Add ${field}: YYYY-MM-DDTHH:MM:SS+HH:MM, or change the status.`,
        });
      }
      if (status !== 'resolved' && incident.data.resolved !== undefined) {
        report({
          file: incident.file,
          at: fieldAt(incident, ['resolved'], true),
          message: `${incidentName(incident)} has a "resolved" timestamp but its status is ${status}.`,
          hint: 'Set status: resolved, or remove the timestamp until it is.',
        });
      }
    }
  },
};
