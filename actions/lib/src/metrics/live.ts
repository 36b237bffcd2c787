// How the response went, from what responders said in the incident issue (live/): check-ins,
// status updates and their cadence. Only the record counts: the check-ins' and updates' times are
// the comments' own, so no figure depends on when a workflow run happened. Definitions are in
// docs/metrics.md ("Response in the incident issue").
import type { Catalog } from '../model/catalog.ts';
import { parseTimestamp } from '../time/dates.ts';
import { parseDuration } from '../time/duration.ts';
import type { IncidentFacts } from './facts.ts';
import { statsOf, share, type Stats } from './stats.ts';

export interface ResponseFigures {
  severity: string;
  /** Incidents of this severity in the window. */
  incidents: number;
  /** Of those with `acknowledged`, how many were acknowledged by a check-in (`acknowledged` is the first check-in's time). */
  acknowledged: number;
  acknowledgedByCheckIn: number;
  checkInShare: number | null;
  /** Minutes from `started` to the first check-in. */
  timeToCheckIn: Stats;
  /** Minutes from `started` to the first status update. */
  timeToFirstUpdate: Stats;
  /** The severity's communicationCadence in minutes, when it has one. */
  cadenceMinutes: number | null;
  /** Gaps between updates (from the start, to the resolution) in incidents with at least one update. */
  updateGaps: number;
  gapsWithinCadence: number;
  cadenceCompliance: number | null;
}

const minutes = (from: number, to: number) => (to - from) / 60_000;

export function responseFigures(catalog: Catalog, facts: IncidentFacts[]): ResponseFigures[] {
  const severities = [
    ...catalog.severityOrder,
    ...new Set(facts.map((f) => f.severity).filter((s) => !catalog.severities.has(s))),
  ];
  return severities.flatMap((severity) => {
    const list = facts.filter((f) => f.severity === severity);
    if (list.length === 0) return [];
    const cadence = parseDuration(catalog.severities.get(severity)?.communicationCadence ?? '');
    let acknowledged = 0;
    let byCheckIn = 0;
    let gaps = 0;
    let within = 0;
    const toCheckIn: number[] = [];
    const toUpdate: number[] = [];
    for (const f of list) {
      const data = f.incident.data;
      const checkIns = (data.check_ins ?? [])
        .map((c) => parseTimestamp(c.at))
        .filter((t): t is number => t !== undefined && t >= f.started)
        .sort((a, b) => a - b);
      const updates = (data.updates ?? [])
        .map((u) => parseTimestamp(u.at))
        .filter((t): t is number => t !== undefined && t >= f.started)
        .sort((a, b) => a - b);
      const ack = parseTimestamp(data.acknowledged);
      if (ack !== undefined) {
        acknowledged++;
        if (checkIns[0] === ack) byCheckIn++;
      }
      if (checkIns.length) toCheckIn.push(minutes(f.started, checkIns[0]!));
      if (updates.length) toUpdate.push(minutes(f.started, updates[0]!));
      if (cadence !== undefined && updates.length) {
        const points = [
          f.started,
          ...updates,
          ...(f.ended !== undefined && f.ended > updates.at(-1)! ? [f.ended] : []),
        ];
        for (let i = 1; i < points.length; i++) {
          gaps++;
          if (points[i]! - points[i - 1]! <= cadence) within++;
        }
      }
    }
    return [
      {
        severity,
        incidents: list.length,
        acknowledged,
        acknowledgedByCheckIn: byCheckIn,
        checkInShare: share(byCheckIn, acknowledged),
        timeToCheckIn: statsOf(toCheckIn),
        timeToFirstUpdate: statsOf(toUpdate),
        cadenceMinutes: cadence === undefined ? null : cadence / 60_000,
        updateGaps: gaps,
        gapsWithinCadence: within,
        cadenceCompliance: share(within, gaps),
      },
    ];
  });
}
