import type { KindRecord, TeamSpec } from '../model/types.ts';
import { docAt, recordName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const teamLeadMember: Rule = {
  id: 'team-lead-member',
  description: "A Team's lead is one of its members.",
  defaultLevel: 'error',
  check({ repo, report }) {
    for (const record of repo.documents) {
      if (!record.valid || record.apiVersion !== 'firebreak/v1' || record.kind !== 'Team') continue;
      const spec = (record as KindRecord<TeamSpec>).spec;
      const members = (spec.members ?? []).map((m) => m.handle.toLowerCase());
      if (spec.lead && !members.includes(spec.lead.toLowerCase())) {
        report({
          file: record.file,
          at: docAt(record, ['spec', 'lead']),
          message: `${recordName(record)}: the lead ${spec.lead} is not one of the team's members.`,
          hint: `Add ${spec.lead} to spec.members, or name a member as lead.`,
        });
      }
    }
  },
};
