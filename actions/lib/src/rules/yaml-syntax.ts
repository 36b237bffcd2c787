import { fromLoader } from './from-loader.ts';

export const yamlSyntax = fromLoader(
  'yaml-syntax',
  'YAML and front matter parse strictly: YAML 1.2, no duplicate keys, no custom tags, bounded aliases and nesting, YAML-only front matter.',
  `Firebreak reads YAML 1.2 with the core schema, so \`2026-11-03\`, \`09:30\` and \`0042\` are never
silently turned into dates, sexagesimal numbers or octal. It refuses:

- duplicate keys (YAML would keep only one of the values);
- custom tags such as \`!!js/function\` or \`!secret\`;
- more than 50 aliases, and nesting deeper than 64 levels (both are ways to exhaust memory);
- front matter in any language but YAML: \`---js\` is refused and never evaluated;
- several documents in a front matter block.

Invalid:

\`\`\`yaml example invalid policies/team-example.yaml
apiVersion: firebreak/v1
kind: Team
metadata: { name: example }
spec:
  lead: "@bob"
  lead: "@alice"   # duplicate key: keep one
  members: [{ handle: "@bob" }]
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
