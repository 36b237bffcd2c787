import { existsSync } from 'node:fs';
import path from 'node:path';
import { issueFormDrift, ISSUE_FORM_PATH } from '../init/form-template.ts';
import { FileProblem, readTextFile } from '../load/read-file.ts';
import { parseYaml } from '../load/yaml.ts';
import type { Rule } from './rule.ts';

export const issueFormDriftRule: Rule = {
  id: 'issue-form-drift',
  description: "The incident issue form offers exactly the Severities policy's levels and names the Config time zone.",
  defaultLevel: 'error',
  docs: `The *Declare an incident* form (\`${ISSUE_FORM_PATH}\`) is a copy of two policies: its severity
dropdown must list the levels of the Severities policy, in order, and its "Impact started" field
must name the Config's time zone, in which a local time such as \`2026-11-21 09:30\` is read. When
they drift, people declare with a severity the declare workflow refuses, or write times in the
wrong zone.

\`firebreak init\` writes the form from the policies. After changing the severity scale or the
time zone, update the options and the description (or delete the form and run \`firebreak init\`
again, which writes only the files that are missing). Nothing is reported when the repository has
no form.

With a Severities policy of SEV1 and SEV3 and \`timezone: Europe/Paris\`:

Invalid:

\`\`\`yaml example invalid .github/ISSUE_TEMPLATE/declare-incident.yml
name: Declare an incident
description: Open an incident and page its responders.
body:
  - type: dropdown
    id: severity
    attributes:
      label: Severity
      options: [SEV1, SEV2, SEV3]   # SEV2 is not in the policy
  - type: input
    id: started
    attributes:
      label: Impact started
      description: Local time in Europe/Paris, e.g. 2026-11-21 09:30.
\`\`\`

Valid:

\`\`\`yaml example valid .github/ISSUE_TEMPLATE/declare-incident.yml
name: Declare an incident
description: Open an incident and page its responders.
body:
  - type: dropdown
    id: severity
    attributes:
      label: Severity
      options: [SEV1, SEV3]
  - type: input
    id: started
    attributes:
      label: Impact started
      description: Local time in Europe/Paris, e.g. 2026-11-21 09:30.
\`\`\``,
  check({ repo, catalog, report }) {
    if (!existsSync(path.join(repo.root, ...ISSUE_FORM_PATH.split('/')))) return;
    const levels = catalog.severityOrder;
    if (levels.length === 0) return; // no Severities policy: required-records says so
    let text: string;
    try {
      text = readTextFile(repo.root, ISSUE_FORM_PATH).text;
    } catch (error) {
      if (error instanceof FileProblem) report({ file: ISSUE_FORM_PATH, message: error.message, hint: error.hint });
      return;
    }
    const drift = issueFormDrift(text, levels, repo.config.timezone);
    if (drift.length === 0) return;
    const doc = parseYaml(ISSUE_FORM_PATH, text, { multiDocument: false }).documents[0];
    for (const d of drift) {
      report({
        file: ISSUE_FORM_PATH,
        at: doc?.locate(d.path),
        message: `The incident form: ${d.message}`,
        hint: d.hint,
      });
    }
  },
};
