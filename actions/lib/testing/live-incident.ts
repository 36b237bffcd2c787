// What the live tests and the live benchmark share: the incident issue opened from the declaration
// form on the local GitHub server, and its declaration through the library.
import { declareFromIssue } from '../src/index.ts';
import type { GitHubServer } from './github-server.ts';

type Declaration = Parameters<typeof declareFromIssue>[0];
type Declared = Extract<Awaited<ReturnType<typeof declareFromIssue>>, { result: 'declared' }>;
type SeededIssue = ReturnType<GitHubServer['seedIssue']>;

/** The issue @amelie-roux opens from the form: a SEV1 of payments-gateway started 09:30 (Paris), she commands. */
export function seedDeclarationIssue(server: GitHubServer, repo: string, summary = 'Card payments fail.'): SeededIssue {
  const body = [
    '### Severity',
    'SEV1',
    '### Affected services',
    'payments-gateway',
    '### Impact started',
    '2026-11-21 09:30',
    '### Incident commander',
    '@amelie-roux',
    '### Summary',
    summary,
  ].join('\n\n');
  return server.seedIssue(repo, {
    title: '[Incident]: Card payments failing',
    body,
    user: 'amelie-roux',
    labels: ['incident'],
  });
}

/** Declares the seeded issue through the library, as the declare action does; throws unless it is declared. */
export async function declareSeeded(
  port: Declaration['port'],
  root: string,
  issue: SeededIssue,
  now: number,
): Promise<Declared> {
  const outcome = await declareFromIssue({
    port,
    root,
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body ?? '',
      author: 'amelie-roux',
      labels: ['incident'],
    },
    now,
  });
  if (outcome.result !== 'declared') throw new Error(`not declared: ${outcome.result}`);
  return outcome;
}
