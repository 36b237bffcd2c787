// One handler per REST route the test server implements, keyed `METHOD /path/template` as in
// GitHub's OpenAPI description, grouped by resource in routes/: each reads the request, runs the
// model's operations and renders the reply. Requests reach them already matched and checked against
// the description (server.ts).
import type { Model } from './model.ts';
import type { Renderer } from './render.ts';
import type { Routes } from './routes/common.ts';
import { gitRoutes } from './routes/git.ts';
import { issueRoutes } from './routes/issues.ts';
import { pullRoutes } from './routes/pulls.ts';

export interface RateCounter {
  /** Requests counted so far. */
  used(): number;
  /** When the window resets, in epoch seconds. */
  reset: number;
}

export function createRoutes(model: Model, render: Renderer, counter: RateCounter, baseUrl: () => string): Routes {
  const deps = { model, render, baseUrl };
  const { self } = model;
  const { renderUser } = render;
  return {
    'GET /user': () => ({
      status: 200,
      body: {
        ...renderUser(self),
        name: null,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        twitter_username: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2018-06-01T00:00:00Z',
        updated_at: '2018-06-01T00:00:00Z',
      },
    }),
    'GET /rate_limit': () => {
      const rate = {
        limit: 5000,
        remaining: 5000 - counter.used(),
        reset: counter.reset,
        used: counter.used(),
        resource: 'core',
      };
      return {
        status: 200,
        body: {
          resources: { core: rate, search: { ...rate, limit: 30, remaining: 30, used: 0, resource: 'search' } },
          rate,
        },
      };
    },
    ...issueRoutes(deps),
    ...gitRoutes(deps),
    ...pullRoutes(deps),
  };
}
