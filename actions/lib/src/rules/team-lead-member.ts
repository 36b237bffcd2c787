import type { KindRecord, TeamSpec } from '../model/types.ts';
import { docAt, recordName } from './helpers.ts';
import type { Rule } from './rule.ts';

export const teamLeadMember: Rule = {
  id: 'team-lead-member',
  description: "A Team's lead is one of its members.",
  defaultLevel: 'error',
  docs: `Escalations go to a team's lead, and the lead is found among the people of the records: a lead
who is not a member is a typo or someone who left the team. Add the lead to \`spec.members\`, or name
a member as lead.

Invalid:

\`\`\`yaml example invalid policies/team-example.yaml
# @alice leads the team but is not one of its members
apiVersion: firebreak/v1
kind: Team
metadata: { name: example }
spec:
  lead: "@alice"
  members: [{ handle: "@bob" }]
\`\`\`

Valid:

\`\`\`yaml example valid policies/team-example.yaml
apiVersion: firebreak/v1
kind: Team
metadata: { name: example }
spec: { lead: "@bob", members: [{ handle: "@bob" }] }
\`\`\``,
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
