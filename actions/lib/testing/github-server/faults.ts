// Injected faults: a status (5xx or any other), GitHub's secondary rate limit, or a dropped
// connection, each before the route runs or (afterApply) after it has changed the model.
import { randomUUID } from 'node:crypto';
import { errorBody, type Reply } from './reply.ts';

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID';

export type Fault =
  | {
      kind: 'status';
      status: number;
      afterApply?: boolean;
      message?: string;
      errors?: { resource?: string; field?: string; code: string; value?: unknown }[];
    }
  | { kind: 'secondary-rate-limit'; retryAfter?: number; status?: 403 | 429 }
  | { kind: 'drop'; afterApply?: boolean };

export type FaultRule = Fault & {
  method: string;
  /** Path template as in GitHub's description, e.g. /repos/{owner}/{repo}/issues. */
  route: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
};

/** A rule for the next request that creates an issue (POST /repos/{owner}/{repo}/issues), the write most tests disturb. */
export function onIssueCreate(fault: Fault): FaultRule {
  return { method: 'POST', route: '/repos/{owner}/{repo}/issues', ...fault };
}

/** The injected rules, each taken by the first request it matches until its `times` are used up. */
export function createFaults() {
  const faults: FaultRule[] = [];
  return {
    inject(rule: FaultRule): void {
      faults.push({ ...rule });
    },
    /** The fault for this request, if a rule matches (counting the hit). */
    take(method: string, route: string): Fault | undefined {
      const index = faults.findIndex((f) => f.method.toUpperCase() === method && f.route === route);
      if (index < 0) return undefined;
      const rule = faults[index]!;
      rule.times = (rule.times ?? 1) - 1;
      if (rule.times <= 0) faults.splice(index, 1);
      return rule;
    },
  };
}

/** Whether the route runs (and changes the model) before the fault answers; never for secondary rate limits. */
export function appliesBeforeFault(fault: Fault): boolean {
  return fault.kind !== 'secondary-rate-limit' && fault.afterApply === true;
}

/** The reply a fault sends; undefined for a dropped connection. `rateUsed` is the server's request count. */
export function faultReply(f: Fault, rateUsed: number): Reply | undefined {
  if (f.kind === 'status')
    return {
      status: f.status,
      body: {
        message: f.message ?? (f.status >= 500 ? 'Server Error' : 'Error'),
        ...(f.errors ? { errors: f.errors } : {}),
      },
    };
  if (f.kind === 'secondary-rate-limit') {
    const status = f.status ?? 403;
    return {
      status,
      headers: {
        'retry-after': String(f.retryAfter ?? 60),
        'x-ratelimit-remaining': String(Math.max(5000 - rateUsed, 0)),
      },
      body: errorBody(status, `${SECONDARY_RATE_LIMIT_MESSAGE} ${randomUUID().toUpperCase()}.`, {
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      }),
    };
  }
  return undefined;
}
