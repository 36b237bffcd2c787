// The end-to-end tests' workspace as GitHub holds it: the files of a checkout put on the local GitHub server.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GitHubServer } from './github-server.ts';

/** The files under `dir` of `root`, as paths from `root`. */
export function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) =>
    statSync(path.join(root, dir, name)).isDirectory() ? filesUnder(root, `${dir}/${name}`) : [`${dir}/${name}`],
  );
}

/** Puts the files under `dirs` of the workspace on `repo`'s default branch, as they are in the checkout. */
export function seedRecords(
  server: GitHubServer,
  repo: string,
  workspace: string,
  dirs: string[] = ['incidents', 'policies'],
): void {
  server.seedFiles(
    repo,
    Object.fromEntries(
      dirs.flatMap((dir) => filesUnder(workspace, dir)).map((f) => [f, readFileSync(path.join(workspace, f), 'utf8')]),
    ),
  );
}
