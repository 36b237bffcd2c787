import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasNode24, NODE24_INSTALL, parseOutputFile, runAction } from './runner.ts';

const ECHO = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'echo-action.mjs');

describe.skipIf(!hasNode24())(`the runner harness (needs Node 24: ${NODE24_INSTALL})`, () => {
  it('starts the action under Node 24 with inputs, event, outputs, summary and annotations', async () => {
    const run = await runAction({
      entry: ECHO,
      workspace: process.cwd(),
      inputs: { greeting: 'Hello', 'dry-run': 'true' },
      event: { name: 'pull_request', payload: { number: 7 } },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.node).toMatch(/^v24\./);
    expect(run.outputs.report).toBe('line one\nline: two, with = signs');
    expect(run.summary).toBe('## Hello\n');
    expect(run.stdout).toContain('event=pull_request number=7 dry-run=true');
    expect(run.commands).toEqual([
      {
        command: 'warning',
        properties: { file: 'incidents/a,b.md', line: '3', col: '5', title: 'firebreak x' },
        message: '100% sure\nsecond line',
      },
    ]);
  });

  it('reports the exit code of a failing action', async () => {
    const run = await runAction({ entry: ECHO, workspace: process.cwd(), inputs: { greeting: 'fail' } });
    expect(run.exitCode).toBe(1);
  });
});

describe('GITHUB_OUTPUT parsing', () => {
  it('refuses a heredoc without its closing delimiter', () => {
    expect(() => parseOutputFile('a<<X\nvalue\n')).toThrow(/no closing delimiter X for a/);
  });
});
