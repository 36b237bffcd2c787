import { asArray, fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const rolesRequired: Rule = {
  id: 'roles-required',
  description: "The roles the incident's severity requires (Severities policy, rolesRequired) are filled.",
  defaultLevel: 'error',
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
