import { generateRules, RULES_ANNOTATION, RULES_OFF } from '../prometheus/rules.ts';
import { docAt } from './helpers.ts';
import type { Rule } from './rule.ts';

export const sloRules: Rule = {
  id: 'slo-rules',
  description: `Every SLO becomes Prometheus rules (\`firebreak rules\`), or says it does not with the annotation ${RULES_ANNOTATION}: "${RULES_OFF}".`,
  defaultLevel: 'warning',
  docs: `An SLO that cannot become Prometheus recording and alerting rules has no alerts: nobody is
paged when its budget burns. \`firebreak rules\` fails on such an SLO (and so does
\`firebreak rules --check\` in CI); this rule says so earlier, on the SLO's own line, with the
reason: an indicator that reads from another data source, a query that is not PromQL, a window
shorter than 3 days, a missing alert policy, and the other cases in docs/prometheus.md.

Fix the SLO, or, when it is measured and alerted on somewhere else (Datadog, a vendor's SLO
feature), say so in the SLO:

\`\`\`yaml
metadata:
  name: checkout-availability
  annotations:
    ${RULES_ANNOTATION}: "${RULES_OFF}"
\`\`\`

SLOs that fail their schema are reported by the \`schema\` rule instead. A repository that does
not use Prometheus at all can turn this rule off in the Config kind.

Invalid:

\`\`\`yaml example invalid slos/login-availability.yaml
apiVersion: openslo/v1
kind: SLO
metadata:
  name: login-availability
spec:
  service: api
  indicatorRef: api-success
  timeWindow:
    - duration: 1d   # shorter than 3d, the longest burn-rate alert window
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Sign-ins succeed
      target: 0.995
\`\`\`

Valid:

\`\`\`yaml example valid slos/login-availability.yaml
apiVersion: openslo/v1
kind: SLO
metadata:
  name: login-availability
spec:
  service: api
  indicatorRef: api-success
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Sign-ins succeed
      target: 0.995
\`\`\``,
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
