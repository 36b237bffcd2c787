import { TIMESTAMP_FIELDS } from '../model/types.ts';
import { zonedTimestamp } from '../scaffold/started.ts';
import { parseTimestamp } from '../time/dates.ts';
import { zonedTime } from '../time/zoned.ts';
import { fieldAt, incidentName } from './helpers.ts';
import type { Rule } from './rule.ts';

const WRITTEN = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2})?(?:\.\d{1,9})?(Z|z|[+-]\d{2}:\d{2})$/;

/** The offset a timestamp was written with, normalised ("Z" for UTC). */
const offsetOf = (text: string) => WRITTEN.exec(text)?.[4]?.toUpperCase();
/** The "+01:00" part of a timestamp zonedTimestamp made. */
const zoneOffset = (text: string) => text.slice(-6);

export const timestampOffset: Rule = {
  id: 'timestamp-offset',
  description:
    "Incident timestamps carry the Config time zone's offset at that instant (+01:00 in a Berlin winter, +02:00 in its summer).",
  defaultLevel: 'warning',
  check({ repo, report }) {
    const timeZone = repo.config.timezone;
    if (!timeZone) return;
    for (const incident of repo.incidents) {
      if (!incident.valid) continue;
      for (const field of TIMESTAMP_FIELDS) {
        const text = incident.data[field];
        if (typeof text !== 'string') continue;
        const ms = parseTimestamp(text);
        const written = offsetOf(text);
        const match = WRITTEN.exec(text);
        if (ms === undefined || !written || !match) continue;
        let sameInstant: string;
        let sameClock: string;
        try {
          sameInstant = zonedTimestamp(ms, timeZone);
          const seconds = match[3] ?? ':00';
          sameClock = zonedTimestamp(
            zonedTime(match[1]!, match[2]!, timeZone) + Number(seconds.slice(1)) * 1000,
            timeZone,
          );
        } catch {
          return; // an unknown time zone is the schema's to report
        }
        const expected = zoneOffset(sameInstant);
        if (
          written === expected ||
          (written === 'Z' && expected === '+00:00') ||
          (written === '+00:00' && expected === '+00:00')
        )
          continue;
        const clock = `${match[2]}${match[3] ?? ''}`;
        report({
          file: incident.file,
          at: fieldAt(incident, [field]),
          message: `${incidentName(incident)}: "${field}" (${text}) is written with the offset ${written}, but ${timeZone} is at ${expected} then.`,
          hint: sameClock.startsWith(`${match[1]}T${match[2]}`)
            ? `If ${clock} is the time in ${timeZone}, write ${sameClock}; if the instant is right, write it as ${sameInstant}.`
            : `If the instant is right, write it as ${sameInstant}.`,
        });
      }
    }
  },
};
