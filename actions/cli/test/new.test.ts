// `firebreak new`: declaring an incident from a terminal, with options or by answering questions,
// in a copy of the example repository.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyExample, PROJECT, RECORD_DIRS } from '../../lib/testing/workspace.ts';
import { createTerminalPrompt, runCli } from '../src/cli.ts';

const NOW = '2026-11-21T12:00:00Z';
const FILE = 'incidents/2026/2026-11-21-card-payments-failing-in-both-regions.md';
const FLAGS = [
  '--title',
  'Card payments failing in both regions',
  '--severity',
  'SEV3',
  '--services',
  'payments-gateway, web-app',
  '--started',
  '2026-11-21 09:30',
  '--commander',
  '@amelie-roux',
  '--summary',
  'PSP timeouts.',
  '--now',
  NOW,
];

/** The questions `firebreak new` asks, word for word, in the order it asks them. */
const ASK = {
  title: 'Title (what customers see, in one line): ',
  severity: 'Severity (SEV0, SEV1, SEV2, SEV3, SEV4): ',
  services:
    'Affected services, separated by commas (auth-service, invoicing-api, mongodb, notification-worker, payments-gateway, rabbitmq, settings-api, web-app): ',
  started: 'Impact started (YYYY-MM-DD HH:MM in Europe/Paris, or ISO 8601 with an offset) [now]: ',
  commander: 'Incident commander (@handle of a person in a Team): ',
  summary: 'Summary, what is known so far (optional): ',
};

/** A copy of the example repository, with the schemas for the editor hint. */
const example = () => copyExample('new', [...RECORD_DIRS, 'schemas']);

/** Runs the CLI; with `answers`, a person answers the questions in order (and the questions are recorded). */
async function cli(args: string[], cwd: string, answers?: (string | Error)[]) {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const prompt = answers
    ? async (question: string) => {
        asked.push(question);
        const answer = answers.shift();
        if (answer === undefined) throw new Error(`Unexpected question: ${question}`);
        if (answer instanceof Error) throw answer;
        return answer;
      }
    : undefined;
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, prompt });
  return { code, stdout, stderr, asked };
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describe('firebreak new', () => {
  it('with every value as an option, writes the file, says what it is and what to do next; the repository still validates', async () => {
    const root = example();
    const result = await cli(['new', ...FLAGS], root);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`Created ${FILE}: INC-2026-015, SEV3, investigating.

Next steps:
  1. Commit it on a branch and open a pull request:
       git switch -c declare/inc-2026-015
       git add '${FILE}'
       git commit -m "Declare INC-2026-015"
       git push -u origin declare/inc-2026-015
  2. Check it as CI will: firebreak validate '${FILE}'
  3. As the incident goes on, update status, the timestamps and the timeline; write the postmortem in the same file.
`);
    const text = read(root, FILE);
    expect(text).toContain('id: "INC-2026-015"\n');
    expect(text).toContain('started: "2026-11-21T09:30:00+01:00"\n');
    expect(text).toContain(
      '## Summary\n\n<!-- What happened, in two or three sentences: what customers saw, why, and how it ended. -->\n\nPSP timeouts.\n',
    );
    const validate = await cli(['validate', '--now', NOW], root);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^No problems in \d+ files\.\n$/);
  });

  it('SEV1: the next steps start with the roles still to name', async () => {
    const root = example();
    const result = await cli(['new', ...FLAGS.map((f) => (f === 'SEV3' ? 'SEV1' : f))], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  1. Name the roles SEV1 requires besides the commander (communications, scribe) under roles: in the front matter.\n',
    );
    expect(read(root, FILE)).toContain('## Customer Impact\n');
  });

  it('--dry-run prints the path and the text and writes nothing', async () => {
    const root = example();
    const result = await cli(['new', ...FLAGS, '--dry-run'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^Would create ${FILE} \\(INC-2026-015, SEV3\\):\\n\\n---\\n# yaml-language-server`),
    );
    expect(result.stdout).toContain(
      '| ID | Action | Owner | Due | Priority | Status |\n|----|--------|-------|-----|----------|--------|\n',
    );
    expect(existsSync(path.join(root, FILE))).toBe(false);
  });

  it('asks, through the prompt, for each value not given; an empty start time is now', async () => {
    const root = example();
    const result = await cli(['new', '--now', NOW], root, [
      'Card payments failing in both regions',
      'SEV2',
      'payments-gateway',
      '',
      'amelie-roux',
      'PSP timeouts.',
    ]);
    expect(result.code).toBe(0);
    expect(result.asked).toEqual([ASK.title, ASK.severity, ASK.services, ASK.started, ASK.commander, ASK.summary]);
    const text = read(root, FILE);
    expect(text).toContain('severity: "SEV2"\n');
    expect(text).toContain('started: "2026-11-21T13:00:00+01:00"\n');
    expect(text).toContain('commander: "@amelie-roux"\n');
  });

  it('asks only for what the options leave out, and asks again for a wrong answer at once, saying what is wrong', async () => {
    const root = example();
    const flags = FLAGS.filter((_, i) => !['--severity', 'SEV3', '--commander', '@amelie-roux'].includes(FLAGS[i]!));
    const result = await cli(['new', ...flags], root, ['SEV7', 'SEV1', '@amelie', '@amelie-roux']);
    expect(result.code).toBe(0);
    expect(result.asked).toEqual([ASK.severity, ASK.severity, ASK.commander, ASK.commander]);
    expect(result.stderr).toBe(`firebreak: one value needs fixing:
  Severity: The severity "SEV7" is not a level of the Severities policy.
    fix: Choose one of SEV0 (Critical), SEV1 (Major), SEV2 (Significant), SEV3 (Minor), SEV4 (Low).
firebreak: one value needs fixing:
  Incident commander: The incident commander "@amelie" is not a member of any Team in policies/.
    fix: Did you mean "@amelie-roux"? The commander must be a known person: add them to their team's members first, or name someone who is.
`);
    expect(read(root, FILE)).toContain('severity: "SEV1"\n');
  });

  it('invalid values: exit 2 with every problem, and nothing written', async () => {
    const root = example();
    const args = [
      'new',
      ...FLAGS.map((f) =>
        f === 'SEV3'
          ? 'SEV9'
          : f === 'payments-gateway, web-app'
            ? 'paymnts-gateway'
            : f === '2026-11-21 09:30'
              ? '2026-11-22 09:30'
              : f,
      ),
    ];
    const result = await cli(args, root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'firebreak: 3 values need fixing:\n  Severity: The severity "SEV9" is not a level of the Severities policy.\n',
    );
    expect(result.stderr).toContain(
      '  Affected services: The service "paymnts-gateway" is not defined in policies/.\n    fix: Did you mean "payments-gateway"?',
    );
    expect(result.stderr).toContain('  Impact started: The start time 2026-11-22T09:30:00+01:00 is in the future.\n');
    expect(result.stderr).toMatch(
      /Nothing was written\. Give the values with the options above \(firebreak new --help\)\.\n$/,
    );
    expect(existsSync(path.join(root, 'incidents/2026/2026-11-22-card-payments-failing-in-both-regions.md'))).toBe(
      false,
    );
  });

  it('without a terminal, a missing value is a problem, not a question', async () => {
    const root = example();
    const result = await cli(['new', '--title', 'Something', '--now', NOW], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('firebreak: 4 values need fixing:\n  Severity: The severity is empty.\n');
  });

  it('refuses to overwrite an existing file, and leaves it as it was', async () => {
    const root = example();
    expect((await cli(['new', ...FLAGS], root)).code).toBe(0);
    writeFileSync(path.join(root, FILE), `${read(root, FILE)}\nNotes a person added.\n`);
    const before = read(root, FILE);
    const again = await cli(['new', ...FLAGS.map((f) => (f === 'SEV3' ? 'SEV2' : f))], root);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `firebreak: ${FILE} already exists, and firebreak new never overwrites a file. Nothing was written.\nIf it is this incident, edit that file; otherwise give a title that says what is different.\n`,
    );
    expect(read(root, FILE)).toBe(before);
    // The dry run says the same: it would not write either.
    expect((await cli(['new', ...FLAGS, '--dry-run'], root)).code).toBe(2);
  });

  it('Ctrl-C or Ctrl-D at a question cancels, and nothing is written', async () => {
    const root = example();
    const result = await cli(['new', '--now', NOW], root, [
      'Card payments failing in both regions',
      Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }),
    ]);
    expect(result).toMatchObject({ code: 2, stderr: 'firebreak: Cancelled; nothing was written.\n' });
    expect(existsSync(path.join(root, 'incidents/2026/2026-11-21-card-payments-failing-in-both-regions.md'))).toBe(
      false,
    );
  });

  it('the terminal prompt asks on its output stream and reads a line; the input ending cancels', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const terminal = createTerminalPrompt(input, output);
    const answer = terminal.prompt('Severity: ');
    input.write('SEV1\n');
    expect(await answer).toBe('SEV1');
    expect(shown).toContain('Severity: ');
    const pending = terminal.prompt('Title: ');
    input.end();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    terminal.close();
  });

  it('the bundled command, with stdin not a terminal, asks nothing and names what is missing', () => {
    const root = example();
    const bundle = path.join(PROJECT, 'actions/cli/dist/index.js');
    const result = spawnSync(process.execPath, [bundle, 'new', '--severity', 'SEV3', '--now', NOW], {
      cwd: root,
      encoding: 'utf8',
      input: '',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('  Title: The title is empty.\n');
    const written = spawnSync(process.execPath, [bundle, 'new', ...FLAGS], { cwd: root, encoding: 'utf8', input: '' });
    expect(written.status, written.stderr).toBe(0);
    expect(existsSync(path.join(root, FILE))).toBe(true);
  });
});
