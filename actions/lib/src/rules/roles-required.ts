import { asArray, fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const rolesRequired: Rule = {
  id: 'roles-required',
  description: "The roles the incident's severity requires (Severities policy, rolesRequired) are filled.",
  defaultLevel: 'error',
  docs: `Big incidents need more than one person with a defined job. The Severities policy lists the roles
each level requires (for example SEV0 and SEV1: commander, communications, scribe). The commander
is the \`commander\` field; every other role is a key under \`roles\`.

\`\`\`yaml
severity: SEV1
commander: "@alice"
roles:
  communications: "@bob"
  scribe: "@carol"
\`\`\`

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV1
status: investigating
services: [api]
commander: "@alice"
started: 2026-11-02T09:00:00+01:00
postmortem: draft
---
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
---
id: INC-2026-003
title: Login errors after a deploy
severity: SEV1
status: investigating
services: [api]
commander: "@alice"
started: 2026-11-02T09:00:00+01:00
postmortem: draft
roles:
  communications: "@bob"
---
\`\`\``,
  check({ repo, catalog, report }) {
    for (const incident of repo.incidents) {
      if (!incident.valid) continue;
      const level = catalog.severities.get(incident.data.severity);
      for (const role of level?.rolesRequired ?? []) {
        const filled =
          role === 'commander' ? Boolean(incident.data.commander) : asArray(incident.data.roles?.[role]).length > 0;
        if (filled) continue;
        report({
          file: incident.file,
          at: fieldAt(incident, incident.data.roles ? ['roles'] : ['severity']),
          message: `${incidentName(incident)} is ${incident.data.severity}, which requires a ${role}, and none is named.`,
          hint: role === 'commander' ? 'Add commander: "@handle".' : `Add under roles:  ${role}: "@handle"`,
        });
      }
    }
  },
};
