import { TIMESTAMP_FIELDS, type TimestampField } from '../model/types.ts';
import { formatDuration } from '../time/duration.ts';
import { parseTimestamp } from '../time/dates.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const timestampOrder: Rule = {
  id: 'timestamp-order',
  description: 'Incident timestamps are in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved.',
  defaultLevel: 'error',
  docs: `Out-of-order timestamps make every duration wrong, usually because of a typo in the date or the
offset (\`+01:00\` against \`+02:00\` around a daylight-saving change). The message shows both values
and how far apart they are.

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV3
status: investigating
services: [api]
commander: "@carol"
started: 2026-11-02T09:00:00+01:00
detected: 2026-11-02T08:05:00+01:00   # before started: check the hour
---
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV3
status: investigating
services: [api]
commander: "@carol"
started: 2026-11-02T09:00:00+01:00
detected: 2026-11-02T09:05:00+01:00
---
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
