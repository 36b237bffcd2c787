import { describe, expect, it } from 'vitest';
import { code, details, heading, link, marker, mention, own, paragraph, root, table } from './build.ts';
import { findOwnMarked, readMarker, renderMarker } from './marker.ts';
import { neutralize } from './neutralize.ts';
import { toGitHubMarkdown } from './serialize.ts';
import { githubFacts } from '../../testing/github-markdown.ts';

const server = 'https://github.com';

describe('toGitHubMarkdown', () => {
  it('keeps a table cell in its column whatever the text holds', () => {
    const md = toGitHubMarkdown(root(table(['Owner', 'Due'], [[code('@alice | @someone `x`'), 'a | b\nc']])));
    const facts = githubFacts(md, server);
    expect(facts.tables).toEqual([{ header: 2, rows: [2] }]);
    expect(facts.mentions).toEqual([]);
  });

  it('keeps a link on its own target when the text is written to escape it', () => {
    const md = toGitHubMarkdown(
      root(heading(3, link('https://github.com/acme/r/blob/x/a.md', 'INC-1: t](https://evil.example) [x'))),
    );
    expect(githubFacts(md, server).links).toEqual(['https://github.com/acme/r/blob/x/a.md']);
  });

  it('drops links that leave the server, and raw HTML, to text', () => {
    const md = toGitHubMarkdown(
      root(
        paragraph(link('https://evil.example/a', 'click'), ' <img src=x onerror=alert(1)> <!-- firebreak:review -->'),
      ),
    );
    const facts = githubFacts(md, server);
    expect(facts.links).toEqual([]);
    expect(facts.html).toEqual([]);
    expect(md).toContain('click');
  });

  it('neutralises mentions, references and closing keywords, but not deliberate mentions', () => {
    const md = toGitHubMarkdown(
      root(paragraph('cc @alice @acme/sre fixes #1 closes acme/web#3 GH-4 ', mention('@bob'), ' ', own('#7'))),
    );
    const facts = githubFacts(md, server);
    expect(facts.mentions).toEqual(['@bob']);
    expect(facts.references).toEqual(['#7']);
  });

  it('makes issue URLs on the server into links that create no backlink', () => {
    const md = toGitHubMarkdown(
      root(paragraph('see https://github.com/acme/web/issues/12 and https://example.com/a/b/issues/3')),
    );
    const facts = githubFacts(md, server);
    expect(facts.links).toEqual(['https://redirect.github.com/acme/web/issues/12']);
    expect(facts.references).toEqual([]);
    const enterprise = toGitHubMarkdown(root(paragraph('see https://ghe.acme.test/acme/web/pull/12')), {
      serverUrl: 'https://ghe.acme.test',
    });
    expect(githubFacts(enterprise, 'https://ghe.acme.test')).toMatchObject({ links: [], references: [] });
  });

  it('shows bidi controls and drops other control characters', () => {
    const md = toGitHubMarkdown(root(paragraph('a\u202Eb\u0007c'), table(['x'], [[code('d\u2066e')]])));
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(md).not.toContain('\u0007');
    expect(md).toContain('a\uFFFDbc');
  });

  it('keeps the bot’s own markers and HTML, once each', () => {
    const md = toGitHubMarkdown(
      root(marker('review'), details('More', paragraph('x')), paragraph('<!-- firebreak:review -->')),
    );
    expect(githubFacts(md, server).html.filter((h) => h.includes('firebreak:'))).toEqual(['<!-- firebreak:review -->']);
    expect(md.startsWith('<!-- firebreak:review -->\n')).toBe(true);
  });

  it('cuts at a block boundary, keeping part of a long table, with a note', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`row ${i}`, 'x'.repeat(50)]);
    const md = toGitHubMarkdown(root(paragraph('head'), table(['a', 'b'], rows), paragraph('tail')), {
      limit: 4000,
      cutNote: 'Cut; see the job summary.',
    });
    expect(md.length).toBeLessThanOrEqual(4000);
    expect(md).toContain('row 0');
    expect(md).not.toContain('tail');
    expect(md.trimEnd().endsWith('*Cut; see the job summary.*')).toBe(true);
    const facts = githubFacts(md, server);
    expect(facts.tables[0]!.rows.every((n) => n === 2)).toBe(true);
  });
});

describe('markers', () => {
  it('round-trips data, and cannot be closed early by the data', () => {
    const m = renderMarker('tracking', { id: 'INC-1/AI-1', note: '--> <!--' });
    expect(m).not.toMatch(/-->.+-->/);
    expect(readMarker(`${m}\nbody`, 'tracking', { atStart: true })).toEqual({ id: 'INC-1/AI-1', note: '--> <!--' });
    expect(readMarker(`x\n${m}`, 'tracking', { atStart: true })).toBeUndefined();
    expect(readMarker('<!-- firebreak:review -->', 'review')).toEqual({});
    expect(readMarker('<!-- firebreak:review -->', 'report')).toBeUndefined();
  });

  it('counts only what the bot’s account wrote', () => {
    const items = [
      { author: 'someone', body: renderMarker('review') },
      { author: 'GitHub-Actions[bot]', body: renderMarker('review') },
    ];
    expect(findOwnMarked(items, 'review', 'github-actions[bot]').map((f) => f.item.author)).toEqual([
      'GitHub-Actions[bot]',
    ]);
  });
});

describe('neutralize (titles, commit messages, logs)', () => {
  it('stops mentions, references, issue URLs, workflow commands and comments', () => {
    const out = neutralize('@a #1 https://github.com/o/r/issues/2\n::error::x <!-- y', { singleLine: false });
    expect(out).not.toMatch(/@[a-z]|#\d|https:\/\/github|^::|<!--/m);
  });
});
