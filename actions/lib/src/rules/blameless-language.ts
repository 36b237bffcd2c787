import type { BlamelessPhrase } from '../model/types.ts';
import { incidentName, readableIncidents } from './helpers.ts';
import type { Rule } from './rule.ts';
import { EXAMPLE_INCIDENT } from './examples.ts';

/** Used when the PostmortemPolicy lists no phrases of its own. */
export const DEFAULT_BLAMELESS_PHRASES: BlamelessPhrase[] = [
  {
    phrase: 'human error',
    suggestion:
      'Describe the conditions that made the mistake possible: the missing guard rail, the confusing tool, the unclear runbook.',
  },
  {
    phrase: 'should have',
    suggestion: 'Say what the system or process did not provide, e.g. "the deploy tool did not warn that ...".',
  },
  {
    phrase: 'failed to',
    suggestion:
      'Describe what happened and why it was hard to see, e.g. "the alert did not reach the on-call because ...".',
  },
  { phrase: 'careless', suggestion: 'Describe the situation: time pressure, missing checks, ambiguous information.' },
  { phrase: 'negligence', suggestion: 'Describe the gap in process or tooling that allowed it.' },
  { phrase: 'negligent', suggestion: 'Describe the gap in process or tooling that allowed it.' },
  {
    phrase: 'forgot to',
    suggestion: 'Describe what would have made the step hard to miss: a checklist, automation, a prompt.',
  },
  { phrase: 'his fault', suggestion: 'Focus on what the system allowed, not on who.' },
  { phrase: 'her fault', suggestion: 'Focus on what the system allowed, not on who.' },
  { phrase: 'their fault', suggestion: 'Focus on what the system allowed, not on who.' },
  { phrase: 'to blame', suggestion: 'Describe the contributing factors instead of assigning blame.' },
  {
    phrase: 'obviously',
    suggestion: 'What is obvious in hindsight was not at the time; describe what the responder could see.',
  },
  { phrase: 'sloppy', suggestion: 'Describe the missing review or check.' },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes inline code spans (keeping columns) so quoted commands do not count. */
function withoutCode(line: string): string {
  return line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
}

export const blamelessLanguage: Rule = {
  id: 'blameless-language',
  description:
    'Postmortems avoid phrases that assign blame to people ("human error", "should have", "failed to" ...); each finding suggests a reframing.',
  defaultLevel: 'warning',
  docs: `Blameless postmortems find more causes: people describe what really happened when they are not
afraid of being blamed. This rule looks for phrases that point at a person rather than at the
conditions, outside code blocks and inline code, and suggests a reframing.

The phrases and their suggestions are policy data (\`blamelessLanguage\` in the PostmortemPolicy);
without that list a built-in one is used.

| instead of | write |
|---|---|
| The on-call failed to notice the alert. | The alert went to a channel nobody watched at night. |
| Human error during the deploy. | The deploy tool accepted a config without a schema check. |

Invalid:

\`\`\`markdown example invalid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
## Contributing Factors

Human error during the deploy.
\`\`\`

Valid:

\`\`\`markdown example valid incidents/2026/2026-11-02-login-errors.md
${EXAMPLE_INCIDENT}
## Contributing Factors

The deploy tool accepted a config without a schema check.
\`\`\``,
  check({ repo, catalog, report }) {
    const phrases = catalog.postmortem?.blamelessLanguage ?? DEFAULT_BLAMELESS_PHRASES;
    if (phrases.length === 0) return;
    const source = `\\b(?:${phrases.map((p) => escapeRegExp(p.phrase.trim()).replace(/\s+/g, '\\s+')).join('|')})\\b`;
    const pattern = new RegExp(source, 'gi');
    // Most lines hold no phrase at all: a plain test finds those without copying the line.
    const anywhere = new RegExp(source, 'i');
    const byPhrase = new Map(phrases.map((p) => [p.phrase.trim().toLowerCase().replace(/\s+/g, ' '), p]));
    for (const incident of readableIncidents(repo)) {
      for (const { line, text } of incident.body.prose) {
        if (!anywhere.test(text)) continue;
        for (const match of withoutCode(text).matchAll(pattern)) {
          const found = match[0].toLowerCase().replace(/\s+/g, ' ');
          const phrase = byPhrase.get(found);
          report({
            file: incident.file,
            at: { line, column: match.index + 1, endLine: line, endColumn: match.index + 1 + match[0].length },
            message: `${incidentName(incident)}: "${match[0]}" assigns blame to a person.`,
            hint: phrase?.suggestion,
          });
        }
      }
    }
  },
};
