import { docAt } from './helpers.ts';
import type { Rule } from './rule.ts';

export const configRules: Rule = {
  id: 'config-rules',
  description: "Every rule id in the Config kind's `rules` map is a Firebreak rule.",
  defaultLevel: 'error',
  docs: `The Config kind's \`spec.rules\` sets the level of rules by id. An id that is not a rule (a typo,
or a rule of another tool) changes nothing, so the level you meant to set is not set. Run
\`firebreak explain\` for the rule ids.

Invalid:

\`\`\`yaml example invalid policies/config.yaml
# "runbook-reviews" is not a rule id (the rule is runbook-review)
apiVersion: firebreak/v1
kind: Config
metadata: { name: firebreak }
spec:
  rules: { runbook-reviews: "off" }
\`\`\`

Valid:

\`\`\`yaml example valid policies/config.yaml
apiVersion: firebreak/v1
kind: Config
metadata: { name: firebreak }
spec: { rules: { runbook-review: "off" } }
\`\`\``,
  check({ repo, ruleIds, report }) {
    const config = repo.documents.find((d) => d.valid && d.kind === 'Config' && d.apiVersion === 'firebreak/v1');
    if (!config) return;
    for (const id of Object.keys(repo.config.rules ?? {})) {
      if (ruleIds.has(id)) continue;
      report({
        file: config.file,
        at: docAt(config, ['spec', 'rules', id], true),
        message: `Config "${config.metadata.name}": "${id}" is not a Firebreak rule, so its level has no effect.`,
        hint: `Run "firebreak explain" for the rule ids.`,
      });
    }
  },
};
