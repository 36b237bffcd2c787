// Facts about a postmortem that several rules (and edges) share.
import { normalizeHeading, type Section } from '../markdown/scan.ts';
import type { Incident, PostmortemSection } from './types.ts';

/** A postmortem is held to its policy once someone asks for review. */
export function postmortemUnderReview(incident: Incident): boolean {
  return incident.data.postmortem === 'in-review' || incident.data.postmortem === 'published';
}

/** The section of the postmortem that answers to a policy's section (by title or alias), if any. */
export function findSection(incident: Incident, wanted: PostmortemSection): Section | undefined {
  const names = [wanted.title, ...(wanted.aliases ?? [])].map(normalizeHeading);
  return incident.body.sections.find((s) => names.includes(normalizeHeading(s.heading.text)));
}
