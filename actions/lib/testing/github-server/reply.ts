// What a route answers, and GitHub's error body; shared by the routes, the faults and the server.
const DOCS = 'https://docs.github.com/rest';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** 201 Created: the new resource, and its API URL in `location` as GitHub sends it. */
export function created(body: unknown, location: string): Reply {
  return { status: 201, body, headers: { location } };
}

/** Thrown by a route (its lookups and checks included) to answer with GitHub's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}) {
  return {
    message,
    ...extra,
    documentation_url: DOCS,
    status: String(status),
  };
}
