import { TIMESTAMP_FIELDS, type TimestampField } from '../model/types.ts';
import { formatDuration } from '../time/duration.ts';
import { parseTimestamp } from '../time/dates.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const timestampOrder: Rule = {
  id: 'timestamp-order',
  description: 'Incident timestamps are in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.',
  defaultLevel: 'error',
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
