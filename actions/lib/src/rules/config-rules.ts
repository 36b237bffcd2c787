import { docAt } from './helpers.ts';
import type { Rule } from './rule.ts';

export const configRules: Rule = {
  id: 'config-rules',
  description: "Every rule id in the Config kind's `rules` map is a Firebreak rule.",
  defaultLevel: 'error',
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
