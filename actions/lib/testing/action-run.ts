// An action started against the local GitHub server as the workflows start it: with a token, and its
// writes not spaced out (FIREBREAK_WRITE_INTERVAL_MS 0 unless `env` says otherwise).
import type { GitHubServer } from './github-server.ts';
import { runAction, type ActionRun, type RunActionOptions } from './runner.ts';

export function runOnServer(
  server: GitHubServer,
  options: Omit<RunActionOptions, 'apiUrl' | 'token'>,
): Promise<ActionRun> {
  return runAction({
    ...options,
    apiUrl: server.url,
    token: 'test-token',
    env: { FIREBREAK_WRITE_INTERVAL_MS: '0', ...options.env },
  });
}
