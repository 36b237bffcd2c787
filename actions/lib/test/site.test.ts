// `firebreak site` through the CLI: the pages it writes for the example repository, what the public
// status page holds (only what records mark public), its JSON and Atom feed, and that text from
// records is escaped and nothing in a page runs or fetches.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/src/cli.ts';
import { fixtureRepo, replace } from './repo.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOW = '2026-11-21T12:00:00Z';
const dirs: string[] = [];

async function site(
  root: string,
  extra: string[] = [],
): Promise<{ out: string; code: number; stdout: string; stderr: string }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'firebreak-site-'));
  dirs.push(out);
  let stdout = '';
  let stderr = '';
  const code = await runCli(['site', '--out', out, '--now', NOW, ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: root,
    env: {},
  });
  return { out, code, stdout, stderr };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('firebreak site on the example repository', () => {
  let out = '';
  beforeAll(async () => {
    const result = await site(PROJECT, [
      '--base-url',
      'https://acme.github.io/incidents/',
      '--source-url',
      'https://github.com/acme/incidents/blob/main/',
    ]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Wrote \d+ files to /);
    out = result.out;
  }, 60_000);
  const read = (file: string) => readFileSync(path.join(out, file), 'utf8');

  it('writes the dashboard, a page per team, service, incident and month, and the status page with its feeds', () => {
    const written = files(out);
    expect(written).toEqual(
      expect.arrayContaining([
        'index.html',
        'incidents/index.html',
        'incidents/inc-2026-009.html',
        'incidents/months/2026-09.html',
        'teams/payments.html',
        'services/payments-gateway.html',
        'status/index.html',
        'status/status.json',
        'status/feed.atom',
        'status/incidents/inc-2026-009.html',
      ]),
    );
    expect(written.filter((f) => /^incidents\/inc-/.test(f))).toHaveLength(14);
  });

  it('has every chart as SVG with a title and a description, and the figures of the dashboard', () => {
    const index = read('index.html');
    for (const heading of [
      'Incidents per month by severity',
      'Time to acknowledge, median and p90',
      'Time to resolve, median and p90',
      'Time-to-action compliance',
      'Contributing factors over time',
      'Responder load',
      'Error budget remaining: Payments gateway availability',
    ])
      expect(index).toContain(`<strong>${heading}</strong>`);
    const svgs = [...index.matchAll(/<svg[^>]*>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThanOrEqual(7);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="([\w-]+)-title \1-desc"/);
    expect(index.match(/<title id="[\w-]+-title">/g)).toHaveLength(svgs.length);
    expect(index.match(/<desc id="[\w-]+-desc">/g)).toHaveLength(svgs.length);
  });

  it('runs nothing and fetches nothing: no script, no external URL in src or href, a CSP that forbids both', () => {
    for (const file of files(out).filter((f) => f.endsWith('.html'))) {
      const html = read(file);
      expect(html).not.toMatch(/<script/i);
      expect(html.replace(/&#x27;/g, "'")).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">`,
      );
      expect(
        html
          .match(/\s(?:src|href)="(?:https?:)?\/\/[^"]*"/g)
          ?.filter((m) => !m.includes('https://github.com/acme/incidents/blob/main/')) ?? [],
      ).toEqual([]);
      expect(Buffer.byteLength(html)).toBeLessThan(500 * 1024);
    }
  });

  it('puts on the status page only incidents and services the records mark public, with their public text', () => {
    const status = JSON.parse(read('status/status.json'));
    expect(status.version).toBe(1);
    expect(status.current.map((i: { id: string }) => i.id)).toEqual(['INC-2026-014']);
    expect(status.past.map((i: { id: string }) => i.id)).toEqual(['INC-2026-009']);
    expect(status.services.map((s: { name: string; status: string }) => `${s.name} ${s.status}`)).toEqual([
      'Sign-in operational',
      'Invoicing operational',
      'Email notifications disrupted',
      'Payments operational',
      'Web app operational',
    ]);
    const payments = status.past[0];
    expect(payments).toMatchObject({
      title: 'Card and SEPA payments failing',
      impact: 'major',
      services: ['Payments', 'Web app'],
      status: 'resolved',
    });
    expect(payments.updates[0].message).toBe(
      'All failed automatic collections were re-run. No payer was charged twice.',
    );
    expect(payments.postmortem.sections.map((s: { heading: string }) => s.heading)).toEqual([
      'Summary',
      'Customer Impact',
    ]);
    expect(payments.postmortem.actions.total).toBeGreaterThan(0);
    const text = JSON.stringify(status);
    for (const internal of ['@amelie-roux', 'commander', 'payments-gateway-availability', 'bad_events', 'contributing'])
      expect(text).not.toContain(internal);
    const email = status.current[0];
    expect(email.postmortem).toBeUndefined();
    const page = read('status/index.html');
    expect(page).toContain('1 incident in progress');
    expect(page).not.toContain('@');
  });

  it('has an Atom feed with one entry per public incident and absolute links', () => {
    const feed = read('status/feed.atom');
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    expect(feed.match(/<entry>/g)).toHaveLength(2);
    expect(feed).toContain('<id>https://acme.github.io/incidents/status/incidents/inc-2026-009.html</id>');
    expect(feed).toContain(
      '<link rel="alternate" href="https://acme.github.io/incidents/status/incidents/inc-2026-009.html"></link>',
    );
    expect(feed).toContain('<title>Resolved: Card and SEPA payments failing</title>');
  });

  it('links each incident page to its record, and gives its times as written', () => {
    const page = read('incidents/inc-2026-009.html');
    expect(page).toContain(
      'href="https://github.com/acme/incidents/blob/main/incidents/2026/2026-09-08-payments-outage-both-regions.md"',
    );
    expect(page).toContain('2026-09-08T14:02:00+02:00');
  });
});

describe('firebreak site with hostile records', () => {
  const INC1 = 'incidents/2026/2026-10-01-api-outage.md';

  it("escapes every text from a record and keeps file names to the id's letters and digits", async () => {
    const root = fixtureRepo({
      [INC1]: (t) =>
        replace(
          'title: API returned errors for all customers',
          'title: "<script>alert(1)</script><img src=x onerror=alert(2)>"',
        )(t).replace(
          'contributing_factors: [config-change]\n',
          'contributing_factors: [config-change]\npublic:\n  title: "</title><script>alert(3)</script>"\n  summary: "]]><evil/> & more"\n',
        ),
    });
    const { out, code } = await site(root);
    expect(code).toBe(0);
    for (const file of files(out).filter((f) => !f.endsWith('.json'))) {
      const text = readFileSync(path.join(out, file), 'utf8');
      expect(text).not.toMatch(/<script|<img src=x|<evil/);
    }
    expect(JSON.parse(readFileSync(path.join(out, 'status/status.json'), 'utf8')).past[0].title).toBe(
      '</title><script>alert(3)</script>',
    );
    expect(readFileSync(path.join(out, 'incidents/inc-2026-001.html'), 'utf8')).toContain(
      '&#x3C;script>alert(1)&#x3C;/script>',
    );
    expect(readFileSync(path.join(out, 'status/feed.atom'), 'utf8')).toContain('&#x3C;/title>&#x3C;script>');
  });

  it('refuses a base URL that is not an http(s) URL ending in /', async () => {
    const { code, stderr } = await site(fixtureRepo(), ['--base-url', 'javascript:alert(1)']);
    expect(code).toBe(2);
    expect(stderr).toContain('--base-url "javascript:alert(1)" is not an http(s) URL ending in /.');
  });

  it('builds only the status page with --status-only', async () => {
    const { out } = await site(fixtureRepo(), ['--status-only']);
    expect(files(out)).toEqual(['index.html', 'status/feed.atom', 'status/index.html', 'status/status.json']);
  });
});
