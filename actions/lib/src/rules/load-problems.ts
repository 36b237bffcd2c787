import type { LoadRule } from '../load/repository.ts';
import type { Rule } from './rule.ts';

/** The rules whose findings come from reading the files: the loader finds them, the rule reports them. */
function fromLoader(
  id: LoadRule,
  description: string,
  docs: string,
  defaultLevel: Rule['defaultLevel'] = 'error',
): Rule {
  return {
    id,
    description,
    defaultLevel,
    docs,
    check({ repo, report }) {
      for (const problem of repo.problems) if (problem.rule === id) report(problem.finding);
    },
  };
}

export const fileReadable = fromLoader(
  'file-readable',
  'Every record file can be read safely: UTF-8, under the size limit, inside the repository, not a symbolic link.',
  `A file that cannot be read is reported and left untouched; every other file is still checked.

- Invalid UTF-8: the message gives the line and column of the first bad byte. Re-save the file as UTF-8.
- Over 1 MiB: split the record or link to large attachments instead of pasting them.
- Symbolic links are never followed, so a link cannot make Firebreak read outside the repository.`,
);

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

\`\`\`yaml
severity: SEV2
severity: SEV1   # duplicate key: keep one
\`\`\``,
);

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
\`\`\``,
);

export const bidiControls = fromLoader(
  'bidi-controls',
  'Record files hold no invisible bidirectional-text controls (U+202A–U+202E, U+2066–U+2069), which make text display in another order than it is read.',
  `These characters reorder how text is displayed without changing what it is, so a title, an owner
or a command can look like one thing and be another (the "Trojan Source" attack). People do not
type them; they arrive by pasting. Right-to-left text (Arabic, Hebrew) displays correctly
without them.

The rule reports each line that holds one, with its code point. Everything Firebreak posts to
GitHub shows them as \uFFFD, so they cannot reorder a comment either. Delete them in the file.`,
);
