// The GitHub port against the local GitHub server: a dry run that writes nothing whatever port it
// is given, and GitHub's failures as typed errors the callers branch on.
import { describe, expect, it } from 'vitest';
import { createOctokitPort, runFollowUps } from '../src/index.ts';
import { startGitHubServer, type GitHubServer } from '../testing/github-server.ts';
import { endToEndHooks } from '../testing/workspace.ts';
import { fixtureRepo, NOW } from './repo.ts';

const REPO = 'acme/ops';
let server: GitHubServer | undefined;
endToEndHooks(() => ({ server }));

const portOn = (github: GitHubServer) => createOctokitPort({ token: 't', repository: REPO, baseUrl: github.url, writeIntervalMs: 0 });

describe('runFollowUps({ dryRun: true })', () => {
  it('writes nothing to GitHub even when given the real port, and still plans every change', async () => {
    server = await startGitHubServer({ repos: [REPO] });
    const report = await runFollowUps({ root: fixtureRepo(), now: NOW, port: portOn(server), repository: REPO, commit: 'abc', baseBranch: 'main', dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.plan.changes.some((c) => c.kind === 'create')).toBe(true);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(server.state.repo(REPO).issues).toEqual([]);
  });
});
