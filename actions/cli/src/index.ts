#!/usr/bin/env node
import { isRecordReaderThread, serveRecordReader } from '../../lib/src/index.ts';
import { createTerminalPrompt, runCli } from './cli.ts';

if (isRecordReaderThread()) {
  serveRecordReader();
} else {
  // Questions are asked only when a person is at the terminal; in CI and pipes a missing value is an error.
  const terminal = process.stdin.isTTY ? createTerminalPrompt() : undefined;
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    prompt: terminal?.prompt,
    entry: new URL(import.meta.url),
  });
  terminal?.close();
  process.exitCode = code;
}
