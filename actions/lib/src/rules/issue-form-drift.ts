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
