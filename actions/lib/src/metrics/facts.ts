// What the report knows about one incident: its durations (all from `started`), who responded,
// and where it belongs.
import type { Catalog } from '../model/catalog.ts';
import type { Incident } from '../model/types.ts';
import { parseTimestamp } from '../time/dates.ts';

export const MEASURES = ['detect', 'acknowledge', 'mitigate', 'resolve'] as const;
export type Measure = (typeof MEASURES)[number];
const FIELD: Record<Measure, 'detected' | 'acknowledged' | 'mitigated' | 'resolved'> = {
  detect: 'detected',
  acknowledge: 'acknowledged',
  mitigate: 'mitigated',
  resolve: 'resolved',
};

export interface IncidentFacts {
  incident: Incident;
  id: string;
  title: string;
  severity: string;
  services: string[];
  /** Teams owning the incident's services. */
  teams: string[];
  started: number;
  /** When the incident was resolved; undefined while it is open. */
  ended?: number;
  open: boolean;
  /** Minutes from `started` to each timestamp; absent when the timestamp is missing or before `started`. */
  minutes: Partial<Record<Measure, number>>;
  /** Every handle in `commander` and `roles`, once each, as written. */
  responders: string[];
}

/** Facts for every incident with valid front matter and a `started` time; others cannot be measured. */
export function incidentFacts(catalog: Catalog): IncidentFacts[] {
  const facts: IncidentFacts[] = [];
  for (const incident of catalog.incidents.values()) {
    const started = parseTimestamp(incident.data.started);
    if (started === undefined) continue;
    const minutes: Partial<Record<Measure, number>> = {};
    for (const measure of MEASURES) {
      const at = parseTimestamp(incident.data[FIELD[measure]]);
      if (at !== undefined && at >= started) minutes[measure] = (at - started) / 60_000;
    }
    const resolved = parseTimestamp(incident.data.resolved);
    const open = incident.data.status !== 'resolved' || resolved === undefined;
    const responders = new Map<string, string>();
    const add = (handle: unknown) => {
      if (typeof handle === 'string' && handle.trim()) responders.set(handle.trim().toLowerCase(), handle.trim());
    };
    add(incident.data.commander);
    for (const value of Object.values(incident.data.roles ?? {})) (Array.isArray(value) ? value : [value]).forEach(add);
    const teams = [
      ...new Set(
        incident.data.services
          .map((s) => catalog.services.get(s)?.spec.owner)
          .filter((t): t is string => typeof t === 'string'),
      ),
    ];
    facts.push({
      incident,
      id: incident.data.id,
      title: incident.data.title,
      severity: incident.data.severity,
      services: incident.data.services,
      teams,
      started,
      ended: open ? undefined : resolved,
      open,
      minutes,
      responders: [...responders.values()],
    });
  }
  return facts.sort((a, b) => a.started - b.started || a.id.localeCompare(b.id));
}
