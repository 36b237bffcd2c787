// promtool for the tests of the generated Prometheus rules: `promtool check rules` (syntax, PromQL,
// templates) and `promtool test rules` (rule unit tests: input series, expected alerts). The binary
// comes from Debian's prometheus package, installed by scripts/install-prometheus.mjs.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PROMTOOL_INSTALL = 'node scripts/install-prometheus.mjs';

/** The promtool binary: $PROMTOOL_PATH if it exists, else `promtool` on PATH. */
export function promtoolPath(): string | undefined {
  const fromEnv = process.env.PROMTOOL_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  const file = found.status === 0 ? found.stdout.trim() : '';
  return file || undefined;
}

export interface PromtoolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs promtool with these arguments (no shell) in `cwd`, with `input` on its standard input; resolves with its exit code and output, never rejects for a failing check. */
export function promtool(args: string[], cwd?: string, input?: string): Promise<PromtoolResult> {
  const binary = promtoolPath();
  if (!binary) return Promise.reject(new Error(`promtool is not installed: ${PROMTOOL_INSTALL}`));
  return new Promise((resolve, reject) => {
    const child = execFile(
      binary,
      args,
      { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}
