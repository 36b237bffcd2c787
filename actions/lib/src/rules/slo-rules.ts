import { generateRules, RULES_ANNOTATION, RULES_OFF } from '../prometheus/rules.ts';
import { docAt } from './helpers.ts';
import type { Rule } from './rule.ts';

export const sloRules: Rule = {
  id: 'slo-rules',
  description: `Every SLO becomes Prometheus rules (\`firebreak rules\`), or says it does not with the annotation ${RULES_ANNOTATION}: "${RULES_OFF}".`,
  defaultLevel: 'warning',
  check({ repo, catalog, report }) {
    const { skipped } = generateRules(catalog, repo.documents);
    for (const s of skipped) {
      const record = repo.documents.find(
        (d) =>
          d.file === s.file && d.apiVersion === 'openslo/v1' && d.kind === 'SLO' && (d.metadata?.name ?? '') === s.slo,
      );
      if (!record || !record.valid) continue;
      report({
        file: s.file,
        at: docAt(record, ['metadata', 'name']),
        message: `SLO ${s.slo} gets no Prometheus rules, so no alerts: ${s.why}.`,
        hint: `Fix it, or, if it is measured elsewhere, add the annotation ${RULES_ANNOTATION}: "${RULES_OFF}" under metadata.annotations.`,
      });
    }
  },
};
