// The release `firebreak init` pins and `firebreak upgrade` moves to: given (--sha) or looked up (git ls-remote).
import { ReleaseError, resolveRelease, upstreamUrl } from '../../../lib/src/index.ts';
import { UsageError } from '../shared.ts';

const SHA = /^[0-9a-f]{40}$/;

/** The options both commands take to choose where the release comes from. */
export interface ReleaseOptions {
  repository?: string;
  upstream?: string;
  sha?: string;
}

export function release(
  options: ReleaseOptions,
  repository: string,
  version?: string,
): { version: string; sha: string } {
  if (options.sha !== undefined) {
    if (!SHA.test(options.sha)) throw new UsageError(`--sha "${options.sha}" is not a full 40-character commit SHA.`);
    if (!version) throw new UsageError('--sha needs the version it is the release of (--to VERSION).');
    return { version, sha: options.sha };
  }
  try {
    return resolveRelease(options.upstream ?? upstreamUrl(repository), version);
  } catch (error) {
    if (error instanceof ReleaseError) throw new UsageError(error.message);
    throw error;
  }
}
