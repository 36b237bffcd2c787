// The webhook events the end-to-end tests start actions with, shaped as GitHub delivers them.
import type { IssueRecord } from './github-server.ts';

/** The `issues` `opened` event for an issue of the local GitHub server, in `repo` (default branch main). */
export function issueOpenedEvent(issue: IssueRecord, repo: string) {
  return {
    name: 'issues',
    payload: {
      action: 'opened',
      issue: {
        number: issue.number,
        title: issue.title,
        body: issue.body,
        state: issue.state,
        user: { login: issue.user.login, type: issue.user.type },
        labels: issue.labels.map((name) => ({ name })),
      },
      repository: { full_name: repo, default_branch: 'main' },
      sender: { login: issue.user.login },
    },
  };
}
