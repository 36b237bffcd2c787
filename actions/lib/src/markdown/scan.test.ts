import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Nodes, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_CELLS, normalizeHeading, scanMarkdown, type MarkdownScan, type Table } from './scan.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');

/** Lines joined with LF: line N of the body is element N - 1. */
const md = (...lines: string[]) => lines.join('\n');

const cellTexts = (table: Table) => [table.header, ...table.rows].map((row) => row.cells.map((cell) => cell.text));

describe('headings', () => {
  it('reads ATX headings: level, text without closing #s, line and column of the first #', () => {
    const scan = scanMarkdown(
      md(
        '# Title', // 1
        '', // 2
        '## Summary ##', // 3
        '  ### Indented #', // 4: up to 3 spaces of indent
        '#### Not closed#', // 5: a closing sequence needs a space before it
        '##### \\#', // 6: an escaped # is text
        '######', // 7: empty heading
        '####### seven', // 8: not a heading, 7 #s
        '#hashtag', // 9: not a heading, no space
        '', // 10
        '    # code', // 11: indented code
        '', // 12
        '#\tTabbed', // 13
        '# **Bold** `code` <!-- c --> #', // 14
      ),
    );
    expect(scan.headings).toEqual([
      { level: 1, text: 'Title', line: 1, column: 1 },
      { level: 2, text: 'Summary', line: 3, column: 1 },
      { level: 3, text: 'Indented', line: 4, column: 3 },
      { level: 4, text: 'Not closed#', line: 5, column: 1 },
      { level: 5, text: '\\#', line: 6, column: 1 },
      { level: 6, text: '', line: 7, column: 1 },
      { level: 1, text: 'Tabbed', line: 13, column: 1 },
      { level: 1, text: '**Bold** `code` <!-- c -->', line: 14, column: 1 },
    ]);
  });

  it('reads setext headings; a --- after a blank line, a table or a block quote is a thematic break', () => {
    const scan = scanMarkdown(
      md(
        'Multi-line', // 1
        '  heading', // 2
        '===', // 3
        '', // 4
        '   Text', // 5
        '---', // 6
        '', // 7
        '---', // 8: after a blank line
        '', // 9
        '| a |', // 10
        '|---|', // 11
        '---', // 12: after a table
        '> quote', // 13
        '---', // 14: not a lazy continuation, so a break
        '', // 15
        'foo', // 16
        '    ---', // 17: indented 4: paragraph text
        '', // 18
        '[ref]: https://example.com', // 19: a paragraph of only definitions...
        '---', // 20: ...has no text for a heading
      ),
    );
    expect(scan.headings).toEqual([
      { level: 1, text: 'Multi-line\nheading', line: 1, column: 1 },
      { level: 2, text: 'Text', line: 5, column: 4 },
    ]);
  });

  it('ignores headings in fenced and indented code, HTML comments and blocks, block quotes and list items', () => {
    const scan = scanMarkdown(
      md(
        '```', // 1
        '# in a fence', // 2
        '``', // 3: too short to close
        '# still in the fence', // 4
        '````', // 5: closes (at least as long, same character)
        '~~~', // 6
        '# in a tilde fence', // 7
        '```', // 8: other character, does not close
        '~~~', // 9
        '', // 10
        '    # indented code', // 11
        '', // 12
        '<!--', // 13
        '# in a comment', // 14
        '-->', // 15
        '<div>', // 16
        '# in an HTML block, until a blank line', // 17
        '', // 18
        '> # in a block quote', // 19
        '', // 20
        '- # in a list item', // 21
        '', // 22
        '  # still in the list item', // 23
        '', // 24
        '# Top level', // 25
        '```', // 26
        '# an unclosed fence runs to the end', // 27
      ),
    );
    expect(scan.headings).toEqual([{ level: 1, text: 'Top level', line: 25, column: 1 }]);
  });

  it('follows lazy continuation: a heading ends a block quote paragraph, a setext underline does not', () => {
    const scan = scanMarkdown(md('> quote', 'lazy line', '===', '## Next', '> quote', '# Heading'));
    expect(scan.headings.map((h) => [h.line, h.level, h.text])).toEqual([
      [4, 2, 'Next'],
      [6, 1, 'Heading'],
    ]);
  });
});

describe('sections', () => {
  const body = md(
    '# Incident', // 1
    '', // 2
    '## Summary', // 3
    '', // 4
    'It broke.', // 5
    '', // 6
    '## Customer Impact', // 7
    '', // 8
    '<!--', // 9
    'Who was affected?', // 10
    '-->', // 11
    '', // 12
    '## Timeline', // 13
    '| Time | Event |', // 14
    '|------|-------|', // 15
    '', // 16
    '## Action Items', // 17
    '', // 18
    '### Open', // 19
    '', // 20
    '| ID | Action |', // 21
    '|----|--------|', // 22
    '| AI-1 | Fix it |', // 23
    '', // 24
    '### Done', // 25
    '', // 26
    '## Lessons Learned', // 27
    '### Technical', // 28
    '### Process', // 29
  );

  it('ends a section before the next heading of the same or a higher level, or at the end of the body', () => {
    const scan = scanMarkdown(body);
    expect(scan.sections.map((s) => [s.heading.text, s.heading.line, s.endLine])).toEqual([
      ['Incident', 1, 29],
      ['Summary', 3, 6],
      ['Customer Impact', 7, 12],
      ['Timeline', 13, 16],
      ['Action Items', 17, 26],
      ['Open', 19, 24],
      ['Done', 25, 26],
      ['Lessons Learned', 27, 29],
      ['Technical', 28, 28],
      ['Process', 29, 29],
    ]);
  });

  it('lists the tables of a section, including those under its sub-headings', () => {
    const scan = scanMarkdown(body);
    const tablesOf = (text: string) => scan.sections.find((s) => s.heading.text === text)!.tables.map((t) => t.line);
    expect(tablesOf('Incident')).toEqual([14, 21]);
    expect(tablesOf('Timeline')).toEqual([14]);
    expect(tablesOf('Action Items')).toEqual([21]);
    expect(tablesOf('Open')).toEqual([21]);
    expect(tablesOf('Done')).toEqual([]);
    expect(scan.tables.map((t) => t.line)).toEqual([14, 21]);
    expect(scan.sections[4]!.tables[0]).toBe(scan.tables[1]);
  });

  it('is empty with only whitespace, comments, sub-headings or a table without body rows', () => {
    const scan = scanMarkdown(body);
    expect(Object.fromEntries(scan.sections.map((s) => [s.heading.text, s.empty]))).toEqual({
      Incident: false,
      Summary: false,
      'Customer Impact': true,
      Timeline: true,
      'Action Items': false,
      Open: false,
      Done: true,
      'Lessons Learned': true,
      Technical: true,
      Process: true,
    });
  });

  it('is not empty with a list, a quote, code or HTML; is empty with blank rows, bare markers or a rule', () => {
    const emptiness = (...content: string[]) => scanMarkdown(md('## S', ...content)).sections[0]!.empty;
    expect(emptiness('- item')).toBe(false);
    expect(emptiness('> quoted')).toBe(false);
    expect(emptiness('```', 'code', '```')).toBe(false);
    expect(emptiness('    indented code')).toBe(false);
    expect(emptiness('<details>')).toBe(false);
    expect(emptiness('Text <!-- and a comment -->')).toBe(false);
    expect(emptiness('| a | b |', '|---|---|', '| x |')).toBe(false);
    expect(emptiness('> # heading in a quote')).toBe(false);
    expect(emptiness('| a | b |', '|---|---|', '|   |   |', '| <!-- time --> | |')).toBe(true);
    expect(emptiness('-', '', '>')).toBe(true);
    expect(emptiness('```', '```')).toBe(true);
    expect(emptiness('<!-- a -->  <!-- b -->')).toBe(true);
    expect(emptiness('', '---', '')).toBe(true);
    expect(emptiness('[link]: https://example.com')).toBe(true);
    expect(emptiness()).toBe(true);
  });

  it('starts a setext heading section on its first line', () => {
    const scan = scanMarkdown(md('Summary', '-------', 'Text.', '', 'Impact', '------', '', ''));
    expect(scan.sections.map((s) => [s.heading.text, s.heading.line, s.endLine, s.empty])).toEqual([
      ['Summary', 1, 4, false],
      ['Impact', 5, 7, true],
    ]);
  });
});

describe('tables', () => {
  it('splits cells on unescaped pipes, trims them and unescapes \\|', () => {
    const scan = scanMarkdown(
      md(
        '| Time | Event |', // 1
        '|------|:-----:|', // 2
        '| 14:02 | Deploy `a|b` |', // 3: pipes split cells even in code spans
        '| 14:05 | p99 \\| p50 alert |', // 4: escaped pipe
        '|14:09|two \\\\| three|', // 5: an escaped backslash, then a pipe that splits
      ),
    );
    expect(scan.tables).toHaveLength(1);
    const table = scan.tables[0]!;
    expect(table.line).toBe(1);
    expect(table.header).toEqual({
      line: 1,
      cells: [
        { text: 'Time', line: 1, column: 3 },
        { text: 'Event', line: 1, column: 10 },
      ],
    });
    expect(table.rows).toEqual([
      {
        line: 3,
        cells: [
          { text: '14:02', line: 3, column: 3 },
          { text: 'Deploy `a', line: 3, column: 11 },
        ],
      },
      {
        line: 4,
        cells: [
          { text: '14:05', line: 4, column: 3 },
          { text: 'p99 | p50 alert', line: 4, column: 11 },
        ],
      },
      {
        line: 5,
        cells: [
          { text: '14:09', line: 5, column: 2 },
          { text: 'two \\\\', line: 5, column: 8 },
        ],
      },
    ]);
    expect(table.truncated).toBe(false);
  });

  it("pads missing cells (column of the row end) and drops extra ones, to the header's width", () => {
    const scan = scanMarkdown(md('| a | b | c |', '|---|---|---|', '| 1 |', '|  | 2 |', '| 1 | 2 | 3 | 4 | 5 |', '|'));
    const [, one, blank, extra, bare] = [scan.tables[0]!.header, ...scan.tables[0]!.rows];
    expect(one!.cells).toEqual([
      { text: '1', line: 3, column: 3 },
      { text: '', line: 3, column: 6 },
      { text: '', line: 3, column: 6 },
    ]);
    expect(blank!.cells).toEqual([
      { text: '', line: 4, column: 1 },
      { text: '2', line: 4, column: 6 },
      { text: '', line: 4, column: 9 },
    ]);
    expect(extra!.cells.map((c) => c.text)).toEqual(['1', '2', '3']);
    expect(bare!.cells.map((c) => c.text)).toEqual(['', '', '']);
  });

  it('accepts rows without outer pipes and any alignment row with as many cells as the header', () => {
    const scan = scanMarkdown(
      md('Left | Centre | Right', ':--- | :---: | ---:', 'a | b | c', '', '| one |', '|:-|', '| x |'),
    );
    expect(scan.tables.map(cellTexts)).toEqual([
      [
        ['Left', 'Centre', 'Right'],
        ['a', 'b', 'c'],
      ],
      [['one'], ['x']],
    ]);
  });

  it('needs a delimiter row with as many cells as the header, and at least one | or :', () => {
    expect(scanMarkdown(md('| a | b |', '|---|', '| 1 | 2 |')).tables).toEqual([]);
    expect(scanMarkdown(md('a', '---')).tables).toEqual([]); // a setext heading
    expect(scanMarkdown(md('| a |', '| - - |')).tables).toEqual([]);
    expect(scanMarkdown(md('|', '|-|')).tables).toEqual([]);
  });

  it('ends at a blank line or a line that starts another block', () => {
    const ends = (...after: string[]) =>
      scanMarkdown(md('| a |', '|---|', '| 1 |', ...after)).tables[0]!.rows.map((r) => r.cells[0]!.text);
    expect(ends('', '| 2 |')).toEqual(['1']);
    expect(ends('## Heading', '| 2 |')).toEqual(['1']);
    expect(ends('> quote')).toEqual(['1']);
    expect(ends('```', '| 2 |', '```')).toEqual(['1']);
    expect(ends('***')).toEqual(['1']);
    expect(ends('- item')).toEqual(['1']);
    expect(ends('<div>')).toEqual(['1']);
    expect(ends('    indented code')).toEqual(['1']);
    expect(ends('| 2 |', 'lazy text', '===')).toEqual(['1', '2', 'lazy text', '===']);
  });

  it('may interrupt a paragraph: the paragraph keeps the lines above the header', () => {
    const scan = scanMarkdown(md('Some text', 'more text', '| a | b |', '| - | - |', '| 1 | 2 |'));
    expect(scan.tables.map((t) => [t.line, cellTexts(t)])).toEqual([
      [
        3,
        [
          ['a', 'b'],
          ['1', '2'],
        ],
      ],
    ]);
    expect(scan.prose.map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reports only top-level tables (not in block quotes or list items), and none in code or comments', () => {
    const scan = scanMarkdown(
      md(
        '> | in | quote |', // 1
        '> |----|-------|', // 2
        '', // 3
        '- | in | list |', // 4
        '  |----|------|', // 5
        '', // 6
        '```', // 7
        '| in | fence |', // 8
        '|----|-------|', // 9
        '```', // 10
        '<!--', // 11
        '| in | comment |', // 12
        '|----|---------|', // 13
        '-->', // 14
        '| top | level |', // 15
        '|-----|-------|', // 16
      ),
    );
    expect(scan.tables.map((t) => t.line)).toEqual([15]);
  });
});

describe('prose', () => {
  it('keeps lines outside code and comments, with inline comments blanked', () => {
    const scan = scanMarkdown(
      md(
        '## Summary', // 1
        'The cache <!-- TODO: check --> fell over.', // 2
        '`<!--` in code is not a comment -->', // 3
        '', // 4
        '```', // 5
        'TODO in code', // 6
        '```', // 7
        '<!--', // 8
        'TODO in a comment', // 9
        '-->', // 10
        '    TODO in indented code', // 11
        '', // 12
        '> Quoted TODO', // 13
        '', // 14
        '<!-- a --> after a comment   ', // 15
      ),
    );
    expect(scan.prose).toEqual([
      { line: 1, text: '## Summary' },
      { line: 2, text: `The cache ${' '.repeat(20)} fell over.` },
      { line: 3, text: '`<!--` in code is not a comment -->' },
      { line: 13, text: '> Quoted TODO' },
      { line: 15, text: `${' '.repeat(11)}after a comment` },
    ]);
  });

  it('blanks multi-line inline comments, but not unclosed ones', () => {
    const scan = scanMarkdown(md('Text <!-- a', 'b --> c', '', 'Open <!-- never closed'));
    expect(scan.prose).toEqual([
      { line: 1, text: 'Text' },
      { line: 2, text: '      c' },
      { line: 4, text: 'Open <!-- never closed' },
    ]);
  });
});

describe('firstLine and line endings', () => {
  const body = md('## Summary', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', '## Impact', 'None.');

  it('reports file line numbers when the body starts at firstLine', () => {
    const at1 = scanMarkdown(body);
    const at9 = scanMarkdown(body, 9);
    expect(at9.headings.map((h) => h.line)).toEqual([9, 15]);
    expect(at9.sections.map((s) => [s.heading.line, s.endLine])).toEqual([
      [9, 14],
      [15, 16],
    ]);
    expect(at9.tables[0]!.line).toBe(11);
    expect(at9.tables[0]!.rows[0]!.line).toBe(13);
    expect(at9.tables[0]!.rows[0]!.cells.map((c) => c.line)).toEqual([13, 13]);
    expect(at9.prose.map((p) => p.line)).toEqual(at1.prose.map((p) => p.line + 8));
    // Columns do not move.
    expect(at9.tables[0]!.header.cells.map((c) => c.column)).toEqual(at1.tables[0]!.header.cells.map((c) => c.column));
  });

  it('expects LF: callers normalise CRLF first (a CR is not a line ending here)', () => {
    const crlf = body.replace(/\n/g, '\r\n');
    expect(scanMarkdown(crlf.replace(/\r\n?/g, '\n'))).toEqual(scanMarkdown(body));
    expect(scanMarkdown('# A\r\n').headings[0]!.text).toBe('A\r');
  });

  it('handles an empty body, a body without a final newline and blank lines at the end', () => {
    expect(scanMarkdown('')).toEqual({ headings: [], sections: [], tables: [], prose: [] });
    expect(scanMarkdown('# A').sections[0]!.endLine).toBe(1);
    expect(scanMarkdown('# A\n').sections[0]!.endLine).toBe(1);
    expect(scanMarkdown('# A\n\n\n').sections[0]!.endLine).toBe(3);
  });
});

describe('normalizeHeading', () => {
  it('lower-cases and drops emphasis, code markers, punctuation and comments', () => {
    expect(normalizeHeading('Action Items:')).toBe('action items');
    expect(normalizeHeading('**Action items**')).toBe('action items');
    expect(normalizeHeading('  _Action_   `Items`  ')).toBe('action items');
    expect(normalizeHeading('Contributing Factors (or Root Cause)')).toBe('contributing factors or root cause');
    expect(normalizeHeading("What's Next?")).toBe('whats next');
    expect(normalizeHeading('Follow-ups <!-- required -->')).toBe('follow ups');
    expect(normalizeHeading('Zusammenfassung — Übersicht')).toBe('zusammenfassung übersicht');
    expect(normalizeHeading('')).toBe('');
  });
});

// ---- Oracle: unified + remark-parse + remark-gfm must agree on top-level headings and tables ----

const processor = unified().use(remarkParse).use(remarkGfm);

interface Shape {
  headings: { level: number; line: number; column: number; text: string }[];
  tables: { line: number; rows: { line: number; cells: string[] }[] }[];
}

/** Source of a node's inline children (remark's own rendering of inline markup aside). */
function childSource(src: string, node: Nodes): string {
  const children = 'children' in node ? (node.children as RootContent[]) : [];
  const first = children[0];
  const last = children[children.length - 1];
  if (!first?.position || !last?.position) return '';
  return src.slice(first.position.start.offset, last.position.end.offset);
}

/** Whitespace around line breaks (a setext heading's lines) and at the ends does not matter. */
const normalizeSpace = (text: string) => text.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/^[ \t]+|[ \t]+$/g, '');
const unescapePipes = (text: string) => text.replace(/\\[\\|]/g, (pair) => (pair === '\\|' ? '|' : pair));

function remarkShape(src: string): Shape {
  const tree = processor.parse(src) as Root;
  const shape: Shape = { headings: [], tables: [] };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      shape.headings.push({
        level: node.depth,
        line: node.position!.start.line,
        column: node.position!.start.column,
        text: normalizeSpace(childSource(src, node)),
      });
    } else if (node.type === 'table') {
      shape.tables.push({
        line: node.position!.start.line,
        rows: node.children.map((row) => ({
          line: row.position!.start.line,
          cells: row.children.map((cell) => unescapePipes(normalizeSpace(childSource(src, cell)))),
        })),
      });
    }
  }
  return shape;
}

/** The scan in the oracle's shape; rows cut to remark's cell count (remark neither pads nor drops). */
function scanShape(scan: MarkdownScan, oracle: Shape): Shape {
  return {
    headings: scan.headings.map((h) => ({
      level: h.level,
      line: h.line,
      column: h.column,
      text: normalizeSpace(h.text),
    })),
    tables: scan.tables.map((table, t) => ({
      line: table.line,
      rows: [table.header, ...table.rows].map((row, r) => {
        const width = oracle.tables[t]?.rows[r]?.cells.length ?? row.cells.length;
        return { line: row.line, cells: row.cells.slice(0, width).map((c) => c.text) };
      }),
    })),
  };
}

function expectAgreement(src: string, label: string) {
  const oracle = remarkShape(src);
  const scan = scanMarkdown(src);
  // GFM pads and truncates rows to the header's width; remark keeps them as written.
  for (const table of scan.tables) {
    for (const row of table.rows) expect(row.cells, label).toHaveLength(table.header.cells.length);
  }
  const oracleCut: Shape = {
    headings: oracle.headings,
    tables: oracle.tables.map((t) => ({
      line: t.line,
      rows: t.rows.map((row) => ({ line: row.line, cells: row.cells.slice(0, t.rows[0]!.cells.length) })),
    })),
  };
  expect(scanShape(scan, oracleCut), label).toEqual(oracleCut);
  // Cells remark leaves out are the padding, which is empty.
  scan.tables.forEach((table, t) =>
    table.rows.forEach((row, r) => {
      const width = oracle.tables[t]?.rows[r + 1]?.cells.length ?? 0;
      for (const cell of row.cells.slice(width)) expect(cell.text, label).toBe('');
    }),
  );
  return oracle;
}

describe('agrees with remark-gfm', () => {
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .sort();

  it('has at least 12 realistic postmortems and the tricky fixtures', () => {
    expect(fixtures.filter((f) => /^\d\d-/.test(f)).length).toBeGreaterThanOrEqual(12);
    expect(fixtures.filter((f) => f.startsWith('tricky-')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtures)('on %s', (file) => {
    const src = readFileSync(path.join(FIXTURES, file), 'utf8');
    const oracle = expectAgreement(src, file);
    expect(oracle.headings.length, 'the fixture has headings').toBeGreaterThan(0);
  });

  it('on 400 random documents built from tricky lines', () => {
    const pieces = [
      '# A',
      '## B ##',
      '###',
      '####### x',
      '#x',
      '  ## ind',
      '    # code',
      '## a | b',
      '===',
      '---',
      '- - -',
      '***',
      '  ---',
      '| a | b |',
      'a | b',
      '|a|',
      '| x |',
      '|---|---|',
      '|:-|-:|',
      '---|---',
      '-|-',
      '| - |',
      ':-',
      '|',
      '||',
      '| a \\| b | c |',
      'a\\\\|b',
      '| `x|y` | z |',
      '|-|-|-|',
      '```',
      '~~~',
      '````',
      '``` js',
      '```a`b',
      '    ```',
      '<!-- c -->',
      '<!--',
      '-->',
      '<div>',
      '</div>',
      '<span>',
      '<pre>',
      '</pre>',
      '<?php',
      '?>',
      '> quote',
      '>',
      '> # h',
      '> | a |',
      '> |-|',
      '- item',
      '-',
      '1. one',
      '2. two',
      '  - nested',
      '   text',
      '  | a |',
      '    indented',
      '\tTab',
      '- # h',
      '10. ten',
      '[a]: /url',
      '[^1]: note',
      'text',
      'foo bar',
      '',
      '',
      '',
    ];
    const prefixes = ['', '', '', '> ', '- ', '  ', '    ', '1. ', '\t'];
    let seed = 20261001;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pick = (list: string[]) => list[random(list.length)]!;
    for (let k = 0; k < 400; k++) {
      const lines = Array.from({ length: 1 + random(14) }, () => (random(4) ? '' : pick(prefixes)) + pick(pieces));
      const src = lines.join('\n') + (random(2) ? '\n' : '');
      expectAgreement(src, JSON.stringify(src));
    }
  });
});

// ---- Hostile input: linear time, no throw, sane output ----

/** Structural invariants of a scan (checked in plain code: one expect per call keeps it fast). */
function problems(scan: MarkdownScan, body: string, firstLine: number): string[] {
  const out: string[] = [];
  const lineCount = body.length === 0 ? 0 : body.split('\n').length - (body.endsWith('\n') ? 1 : 0);
  const last = firstLine + lineCount - 1;
  const inBody = (line: number) => Number.isInteger(line) && line >= firstLine && line <= last;
  const report = (ok: boolean, what: string) => {
    if (!ok && out.length < 10) out.push(what);
  };
  for (const h of scan.headings) {
    report(
      inBody(h.line) && h.level >= 1 && h.level <= 6 && h.column >= 1,
      `heading ${JSON.stringify(h).slice(0, 200)}`,
    );
  }
  report(scan.sections.length === scan.headings.length, 'one section per heading');
  scan.sections.forEach((s, i) => {
    report(s.heading === scan.headings[i], `section ${i} heading`);
    report(s.endLine >= s.heading.line && s.endLine <= last, `section ${i} endLine ${s.endLine}`);
    report(i === 0 || scan.headings[i - 1]!.line < s.heading.line, `headings in order at ${i}`);
    report(
      s.tables.every((t) => t.line > s.heading.line && t.line <= s.endLine),
      `section ${i} tables`,
    );
  });
  let bodyCells = 0;
  for (const t of scan.tables) {
    report(inBody(t.line) && t.header.line === t.line && t.header.cells.length > 0, `table at ${t.line}`);
    let previous = t.line;
    for (const row of t.rows) {
      report(
        row.line > previous && inBody(row.line) && row.cells.length === t.header.cells.length,
        `row at ${row.line}`,
      );
      report(
        row.cells.every((c) => c.line === row.line && c.column >= 1),
        `cells at ${row.line}`,
      );
      previous = row.line;
      bodyCells += row.cells.length;
    }
  }
  report(bodyCells <= MAX_TABLE_CELLS, `${bodyCells} body cells`);
  let previous = firstLine - 1;
  for (const p of scan.prose) {
    report(
      inBody(p.line) && p.line > previous && p.text.length > 0 && p.text === p.text.trimEnd(),
      `prose at ${p.line}`,
    );
    previous = p.line;
  }
  return out;
}

describe('hostile input', () => {
  const MiB = 1024 * 1024;
  const cases: [name: string, body: () => string][] = [
    ['1 MiB of >', () => '>'.repeat(MiB)],
    ['deep > nesting on every line', () => `${'> '.repeat(500)}x\n`.repeat(Math.floor(MiB / 1002))],
    ['1 MiB of *', () => '*'.repeat(MiB)],
    ['* runs with text', () => '*a**b***c'.repeat(MiB / 8)],
    ['1 MiB of |', () => '|'.repeat(MiB)],
    ['| runs under a delimiter row', () => `${'|'.repeat(MiB / 2)}\n${'-|'.repeat(MiB / 4)}\n`],
    ['a million newlines', () => '\n'.repeat(MiB)],
    ['half a million short lines', () => 'a\n'.repeat(MiB / 2)],
    ['one 1 MiB line', () => 'word '.repeat(MiB / 5)],
    ['a 1 MiB heading', () => `# ${'x #'.repeat(MiB / 3)}`],
    [
      '10,000 unclosed fences',
      () => '> ```\n> # not a heading\n\n- ~~~\n  | a |\n  |---|\n\n'.repeat(10_000) + '```\n' + 'a\n'.repeat(MiB / 4),
    ],
    ['10,000 unclosed comments', () => 'text <!--\n\n'.repeat(10_000) + '<!--\n' + 'a\n'.repeat(MiB / 4)],
    [
      'code spans that never close',
      () => Array.from({ length: 1400 }, (_, i) => '`'.repeat(i + 1) + ' <!-- ').join(''),
    ],
    ['nested lists and blank lines', () => `${'- '.repeat(50_000)}x\n${'\n'.repeat(MiB / 2)}`],
    [
      'a wide header over many short rows',
      () => `${'|'.repeat(100_000)}\n${'-|'.repeat(99_998)}-\n${'a\n'.repeat(MiB / 3)}`,
    ],
    ['a long timeline table', () => `| Time | Event |\n|---|---|\n${'| 10:00 | thing |\n'.repeat(MiB / 18)}`],
    ['many headings', () => '## h\n'.repeat(MiB / 5)],
    ['HTML tags with many attributes', () => `<a ${'b="c" '.repeat(MiB / 7)}`],
    ['< then spaces', () => `<a${' '.repeat(MiB)}!`],
    ['tabs', () => '\t'.repeat(MiB)],
  ];

  it.each(cases)('%s', (name, make) => {
    const body = make();
    expect(body.length).toBeGreaterThan(MiB / 4);
    scanMarkdown(body.slice(0, 10_000)); // warm up
    const started = performance.now();
    const scan = scanMarkdown(body, 3);
    const elapsed = performance.now() - started;
    console.log(`scanMarkdown on ${name} (${(body.length / MiB).toFixed(2)} MiB): ${elapsed.toFixed(1)} ms`);
    expect(problems(scan, body, 3)).toEqual([]);
  });

  it('checks the invariants it relies on', () => {
    const body = readFileSync(path.join(FIXTURES, '01-api-outage.md'), 'utf8');
    expect(problems(scanMarkdown(body, 5), body, 5)).toEqual([]);
    expect(problems(scanMarkdown(body, 5), body, 1)).not.toEqual([]);
  });

  it('drops rows past the cell budget and says so', () => {
    const body = `| ${'c | '.repeat(99)}c |\n|${'-|'.repeat(100)}\n${'| x |\n'.repeat(MAX_TABLE_CELLS / 100 + 10)}`;
    const [table] = scanMarkdown(body).tables;
    expect(table!.header.cells).toHaveLength(100);
    expect(table!.truncated).toBe(true);
    expect(table!.rows).toHaveLength(MAX_TABLE_CELLS / 100);
    expect(table!.rows.every((row) => row.cells.length === 100 && row.cells[0]!.text === 'x')).toBe(true);
  });
});
