import type { FollowUpPolicySpec, KindRecord } from '../model/types.ts';
import { docAt, recordName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const uniquePriorities: Rule = {
  id: 'unique-priorities',
  description: 'The FollowUpPolicy defines each priority once.',
  defaultLevel: 'error',
  check({ repo, report }) {
    for (const record of repo.documents) {
      if (!record.valid || record.apiVersion !== 'firebreak/v1' || record.kind !== 'FollowUpPolicy') continue;
      const ids = ((record as KindRecord<FollowUpPolicySpec>).spec.priorities ?? []).map((p) => p.id);
      const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
      if (duplicate)
        report({
          file: record.file,
          at: docAt(record, ['spec', 'priorities']),
          message: `${recordName(record)} defines the priority ${duplicate} twice.`,
          hint: 'Keep one definition per priority.',
        });
    }
  },
};
