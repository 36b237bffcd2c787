// The report's figures from the incident issue (metrics/live.ts): acknowledgement by check-in,
// time to first update and update-cadence compliance per severity, as docs/metrics.md defines them.
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildReport, formatOpenMetrics, formatReportMarkdown, loadRepository } from '../src/index.ts';
import { fixtureRepo, NOW } from './repo.ts';

const INCIDENT = 'incidents/2026/2026-10-01-api-outage.md';

function report(withLive: boolean) {
  const root = fixtureRepo({
    'policies/policies.yaml': (text) =>
      text.replace('timeToAction: 30m', 'timeToAction: 30m\n      communicationCadence: 30m'),
    ...(withLive
      ? {
          [INCIDENT]: (text: string) =>
            text.replace(
              'impact:',
              [
                'check_ins:',
                '  - { by: "@alice", at: "2026-10-01T10:09:00+02:00" }',
                '  - { by: "@bob", at: "2026-10-01T10:12:00+02:00" }',
                'updates:',
                '  - { by: "@bob", at: "2026-10-01T10:20:00+02:00", public: true }',
                '  - { by: "@bob", at: "2026-10-01T10:55:00+02:00" }',
                'impact:',
              ].join('\n'),
            ),
        }
      : {}),
  });
  const repo = loadRepository(root);
  expect(repo.problems).toEqual([]);
  return buildReport(repo, buildCatalog(repo), { now: NOW, since: '2026-09-01', until: '2026-11-21' });
}

describe('response figures from the incident issue', () => {
  it('counts acknowledgement by check-in, time to first update and gaps between updates against the cadence', () => {
    const r = report(true);
    expect(r.response?.find((f) => f.severity === 'SEV1')).toEqual({
      severity: 'SEV1',
      incidents: 1,
      acknowledged: 1,
      acknowledgedByCheckIn: 1,
      checkInShare: 100,
      timeToCheckIn: { count: 1, mean: 9, median: 9, p90: 9 },
      timeToFirstUpdate: { count: 1, mean: 20, median: 20, p90: 20 },
      cadenceMinutes: 30,
      // 10:00 → 10:20 within 30m; 10:20 → 10:55 and 10:55 → 11:30 (resolved) are not.
      updateGaps: 3,
      gapsWithinCadence: 1,
      cadenceCompliance: (1 / 3) * 100,
    });
    expect(formatReportMarkdown(r)).toContain('| SEV1 | 1 of 1 | 9m | 20m | 1 of 3 (33%) |');
    const metrics = formatOpenMetrics(r).split('\n');
    expect(metrics).toContain('firebreak_acknowledged_by_check_in_ratio{severity="SEV1"} 1');
    expect(metrics).toContain('firebreak_time_to_first_update_seconds{severity="SEV1",stat="median"} 1200');
    expect(metrics.find((l) => l.startsWith('firebreak_update_cadence_compliance_ratio{severity="SEV1"}'))).toMatch(
      / 0\.333/,
    );
  });

  it('leaves incidents without check-ins or updates out of the figures, and the section out of the report', () => {
    const r = report(false);
    expect(r.response?.find((f) => f.severity === 'SEV1')).toMatchObject({
      acknowledged: 1,
      acknowledgedByCheckIn: 0,
      checkInShare: 0,
      updateGaps: 0,
      cadenceCompliance: null,
    });
    expect(formatReportMarkdown(r)).not.toContain('Response in the incident issue');
  });
});
