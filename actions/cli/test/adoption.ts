// What the adoption tests share: git as the release maker runs it, the `firebreak new` arguments of
// the checkout incident they scaffold, and markdownlint-cli2 run over a folder with the configuration found there.
import { execFileSync } from 'node:child_process';
import { main as markdownlint } from 'markdownlint-cli2';

/** git in `cwd` as the release maker, signing nothing; its output trimmed. */
export const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=Release',
      '-c',
      'user.email=release@example.com',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'tag.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  ).trim();

/** `firebreak new` for the checkout incident started 2026-11-21 09:30 with @alice as commander. */
export const newCheckoutIncident = (severity: string, now: string): string[] => [
  'new',
  '--title',
  'Checkout failing',
  '--severity',
  severity,
  '--services',
  'checkout',
  '--started',
  '2026-11-21 09:30',
  '--commander',
  '@alice',
  '--summary',
  'Timeouts from the PSP.',
  '--now',
  now,
];

/** markdownlint-cli2 over `directory`, as `npm run lint:markdown` runs it: its exit code and its error messages. */
export async function lintMarkdown(directory: string): Promise<{ code: number; errors: string[] }> {
  const errors: string[] = [];
  const code = await markdownlint({
    directory,
    argv: [],
    logMessage: () => {},
    logError: (m: string) => errors.push(m),
  });
  return { code, errors };
}
