// Releases of Firebreak are git tags vX.Y.Z of its repository. Their commits are read with
// `git ls-remote`, so resolving a release needs git and the repository's URL, nothing else (a
// local path works too, which is how the tests run offline).
import { execFileSync } from 'node:child_process';

export class ReleaseError extends Error {}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)$/;

export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a)!.slice(1).map(Number);
  const pb = SEMVER.exec(b)!.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export const isVersion = (text: string) => SEMVER.test(text);
export const majorOf = (version: string) => Number(SEMVER.exec(version)![1]);

/** The release tags of `upstream` (a git URL or path): version (without v) to the commit it points to. */
export function listReleases(upstream: string): Map<string, string> {
  let out: string;
  try {
    out = execFileSync('git', ['ls-remote', '--tags', '--', upstream], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message)
      .trim()
      .split('\n')[0];
    throw new ReleaseError(
      `Could not list the releases of ${upstream}: ${detail}. Check the network and the URL, or give --upstream (a git URL or path) or --sha.`,
    );
  }
  const direct = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^([0-9a-f]{40})\trefs\/tags\/v(\d+\.\d+\.\d+)(\^\{\})?$/.exec(line.trim());
    if (!m) continue;
    (m[3] ? peeled : direct).set(m[2]!, m[1]!);
  }
  // An annotated tag's own object is not a commit: its peeled line (^{}) names the commit.
  return new Map([...direct.keys()].map((v) => [v, peeled.get(v) ?? direct.get(v)!]));
}

/** The commit of release `version` of `upstream`, or of the newest release when no version is given. */
export function resolveRelease(upstream: string, version?: string): { version: string; sha: string } {
  const releases = listReleases(upstream);
  if (version !== undefined) {
    const wanted = version.replace(/^v/, '');
    const sha = releases.get(wanted);
    if (!sha)
      throw new ReleaseError(
        `${upstream} has no release v${wanted}. Releases: ${[...releases.keys()].sort(compareVersions).join(', ') || '(none)'}.`,
      );
    return { version: wanted, sha };
  }
  const newest = [...releases.keys()].sort(compareVersions).pop();
  if (!newest) throw new ReleaseError(`${upstream} has no release tags (vX.Y.Z).`);
  return { version: newest, sha: releases.get(newest)! };
}

export const upstreamUrl = (repository: string) => `https://github.com/${repository}.git`;
