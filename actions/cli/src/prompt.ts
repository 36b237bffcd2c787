import { createInterface } from 'node:readline/promises';

/**
 * Questions and answers on the terminal with node:readline/promises, the questions on stderr so
 * stdout stays the command's output. The interface opens at the first question; Ctrl-C and
 * Ctrl-D cancel (the pending question rejects with an AbortError).
 */
export function createTerminalPrompt(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): { prompt(question: string): Promise<string>; close(): void } {
  let rl: ReturnType<typeof createInterface> | undefined;
  const abort = new AbortController();
  return {
    prompt(question) {
      if (!rl) {
        rl = createInterface({ input, output, terminal: true });
        rl.on('SIGINT', () => abort.abort());
        rl.on('close', () => abort.abort());
      }
      return rl.question(question, { signal: abort.signal });
    },
    close() {
      rl?.close();
    },
  };
}
