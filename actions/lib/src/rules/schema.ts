import { fromLoader } from './from-loader.ts';

export const schema = fromLoader(
  'schema',
  'Every record conforms to its JSON Schema in schemas/ (required fields, types, allowed values, formats).',
  `Each record kind has a JSON Schema (draft 2020-12) in \`schemas/\`; editors with the YAML language
server use the same schemas as you type. The message names the field and the hint says what is
expected; unknown fields get a "did you mean" suggestion.

A value that YAML reads as a number or boolean where text is expected is reported with how it was
written, so you can quote it:

\`\`\`yaml
id: 0042        # read as the number 42
id: "0042"      # stays as written
\`\`\`

Invalid:

\`\`\`yaml example invalid policies/team-example.yaml
apiVersion: firebreak/v1
kind: Team
metadata: { name: example }
spec:
  lead: "@bob"
  memebers: [{ handle: "@bob" }]   # did you mean members?
\`\`\`

Valid:

\`\`\`yaml example valid policies/team-example.yaml
apiVersion: firebreak/v1
kind: Team
metadata: { name: example }
spec:
  lead: "@bob"
  members: [{ handle: "@bob" }]
\`\`\``,
);
