// The review comment through the library: what it shows for an incident of the example
// repository, that its artifact round-trips through the untrusted-data check, the length cut, and
// that its timeline chart renders in Chromium.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, loadRepository, validateRepository } from '../src/index.ts';
import { readReviewArtifact } from '../src/review/artifact.ts';
import { renderReviewComment, REVIEW_MARKER } from '../src/review/comment.ts';
import { buildReview } from '../src/review/review.ts';
import { CHROMIUM_INSTALL, chromiumPath, extractMermaid, renderMermaid } from '../testing/mermaid.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = Date.parse('2026-11-21T12:00:00Z');
const FILES = [
  'incidents/2026/2026-11-19-emails-delayed-rabbitmq-disk-alarm.md',
  'incidents/2026/2026-09-08-payments-outage-both-regions.md',
];

function review() {
  const repo = loadRepository(PROJECT);
  const { diagnostics } = validateRepository(repo, { now: NOW });
  return buildReview(repo, buildCatalog(repo), {
    files: FILES,
    diagnostics,
    checkedFiles: 2,
    pullRequest: 12,
    headSha: 'a'.repeat(40),
    now: NOW,
  });
}

describe('the review', () => {
  it('summarises each changed incident: card, durations against the target, budget used, action items, timeline', () => {
    const data = review();
    expect(data.incidents.map((i) => i.id)).toEqual(['INC-2026-009', 'INC-2026-014']);
    const open = data.incidents[1]!;
    expect(open).toMatchObject({ severity: 'SEV2', status: 'monitoring', commander: '@claire-dubois', missing: [] });
    expect(open.durations.find((d) => d.measure === 'acknowledge')).toEqual({
      measure: 'acknowledge',
      minutes: 11,
      targetMinutes: 60,
    });
    expect(open.durations.find((d) => d.measure === 'resolve')!.minutes).toBeNull();
    expect(open.slos).toEqual([
      expect.objectContaining({ slo: 'notification-email-freshness', unit: 'events', consumed: 18650 }),
    ]);
    expect(open.actionItems.map((a) => a.id)).toEqual(['AI-1', 'AI-2', 'AI-3', 'AI-4']);
    expect(open.timeline.length).toBeGreaterThan(3);
    const body = renderReviewComment(data, { repository: 'acme/incidents' });
    expect(body.startsWith(`${REVIEW_MARKER}\n\n## Firebreak review`)).toBe(true);
    expect(body).toContain('| Acknowledge | 11m | 1h ✅ |');
    expect(body).toContain(
      `https://github.com/acme/incidents/blob/${'a'.repeat(40)}/incidents/2026/2026-11-19-emails-delayed-rabbitmq-disk-alarm.md#L99`,
    );
  });

  it("its data passes the artifact check, and the comment is cut to GitHub's limit with a pointer", () => {
    const data = review();
    const bytes = new TextEncoder().encode(JSON.stringify(data));
    expect(readReviewArtifact(bytes)).toEqual({ ok: true, data });
    const long = {
      ...data,
      diagnostics: Array.from({ length: 200 }, (_, i) => ({
        rule: 'schema',
        severity: 'error' as const,
        file: 'incidents/x.md',
        line: i + 1,
        column: 1,
        message: 'm'.repeat(1900),
      })),
    };
    const body = renderReviewComment(long, {
      repository: 'acme/incidents',
      runUrl: 'https://github.com/acme/incidents/actions/runs/1',
    });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('the [job summary](https://github.com/acme/incidents/actions/runs/1) has all of it');
  });

  it.skipIf(!chromiumPath())(
    `renders its timeline charts in Chromium (needs Chromium: ${CHROMIUM_INSTALL})`,
    async () => {
      const diagrams = extractMermaid(renderReviewComment(review(), { repository: 'acme/incidents' }));
      expect(diagrams).toHaveLength(2);
      const results = await renderMermaid(diagrams);
      expect(results.filter((r) => !r.ok || r.warnings?.length)).toEqual([]);
    },
    60_000,
  );
});
