import type { BlamelessPhrase } from '../model/types.ts';
import { incidentName, readableIncidents } from './helpers.ts';
import type { Rule } from './rule.ts';

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
