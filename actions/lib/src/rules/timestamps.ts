import { TIMESTAMP_FIELDS, type IncidentStatus, type TimestampField } from '../model/types.ts';
import { formatDuration } from '../time/duration.ts';
import { parseTimestamp } from '../time/dates.ts';
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
  docs: `Durations (time to detect, acknowledge, mitigate, resolve) are only as good as the timestamps.

| status | required |
|---|---|
| investigating | started |
| identified | started, detected, acknowledged |
| monitoring | started, detected, acknowledged, mitigated |
| resolved | started, detected, acknowledged, mitigated, resolved |

A \`resolved\` timestamp on an incident that is not \`resolved\` is also reported: either the status
or the timestamp is out of date.`,
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

export const timestampOrder: Rule = {
  id: 'timestamp-order',
  description: 'Incident timestamps are in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.',
  defaultLevel: 'error',
  docs: `Out-of-order timestamps make every duration wrong, usually because of a typo in the date or the
offset (\`+01:00\` against \`+02:00\` around a daylight-saving change). The message shows both values
and how far apart they are.

\`\`\`yaml
started: 2026-11-03T09:12:00+01:00
detected: 2026-11-03T08:20:00+01:00   # before started: check the hour
\`\`\``,
  check({ repo, report }) {
    for (const incident of repo.incidents) {
      if (!incident.valid) continue;
      let previous: { field: TimestampField; at: number } | undefined;
      for (const field of TIMESTAMP_FIELDS) {
        const text = incident.data[field];
        if (text === undefined) continue;
        const at = parseTimestamp(text);
        if (at === undefined) continue; // the schema rule reports malformed timestamps
        if (previous && at < previous.at) {
          report({
            file: incident.file,
            at: fieldAt(incident, [field]),
            message: `${incidentName(incident)}: "${field}" (${text}) is ${formatDuration(previous.at - at)} before "${previous.field}" (${incident.data[previous.field]}).`,
            hint: 'Check the date, the hour and the offset of both; the order is started, detected, acknowledged, mitigated, resolved.',
          });
        } else {
          previous = { field, at };
        }
      }
    }
  },
};
