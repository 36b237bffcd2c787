// GitHub's failures as one typed error, made at the port (release-please's way): callers branch on
// `kind` (and, for validation failures, on the `fields` GitHub names), never on the message text.

export type GitHubErrorKind =
  /** 404 or 410: the issue, comment, branch or file is not there (or no longer). */
  | 'not-found'
  /** 400 or 422: GitHub refused the request as written (an unknown assignee, an existing file or branch ...). */
  | 'validation'
  /** 409: the thing changed under the request (a file's sha no longer matches). */
  | 'conflict'
  /** 401 or 403: the token may not do this. */
  | 'forbidden'
  /** 429, or 403 with a rate-limit answer, after the throttling plugin stopped waiting. */
  | 'rate-limited'
  /** 5xx, or no answer at all: the request may or may not have happened. */
  | 'transient';

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    message: string,
    readonly kind: GitHubErrorKind,
    /** The HTTP status, or undefined when no answer came. */
    readonly status: number | undefined,
    /** The port method that failed, e.g. "createIssue". */
    readonly operation: string,
    /** The fields GitHub's validation errors name (e.g. "assignees"). */
    readonly fields: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The kind of a failed request's status; `headers` tell a rate limit from a refusal on 403. */
export function kindOfStatus(status: number | undefined, headers: Record<string, unknown> = {}): GitHubErrorKind {
  if (status === undefined || status === 0 || status >= 500) return 'transient';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 403 && (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0'))
    return 'rate-limited';
  if (status === 401 || status === 403) return 'forbidden';
  return 'validation';
}

interface OctokitFailure {
  status?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

/** Any failure of an Octokit call as a GitHubError (one already typed is returned as it is). */
export function toGitHubError(error: unknown, operation: string): GitHubError {
  if (error instanceof GitHubError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as OctokitFailure;
  // Octokit gives a request that got no answer status 500 and no response: no status here.
  const status =
    failure.response && typeof failure.status === 'number' && failure.status > 0 ? failure.status : undefined;
  const kind = kindOfStatus(status, failure.response?.headers);
  const data = failure.response?.data as { errors?: { field?: unknown }[] } | undefined;
  const fields = Array.isArray(data?.errors)
    ? data.errors.map((e) => e?.field).filter((f): f is string => typeof f === 'string')
    : [];
  // The message stays GitHub's (or the network's) own: it is what users read.
  const message = error instanceof Error ? error.message : String(error);
  return new GitHubError(message, kind, status, operation, fields, { cause: error });
}

/** True for a GitHubError of one of these kinds. */
export function isGitHubError(error: unknown, ...kinds: GitHubErrorKind[]): error is GitHubError {
  return error instanceof GitHubError && (kinds.length === 0 || kinds.includes(error.kind));
}
