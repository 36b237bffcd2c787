// A GitHub port that reads from another port (or from nothing) and only records the writes it is
// asked for: the dry run goes through exactly the same steps as a real run.
import type { GitHubIssue, GitHubPort } from './port.ts';

export interface DryRunPort extends GitHubPort {
  /** Each write that a real run would make, in order. */
  writes: string[];
}

const EMPTY_READS: Pick<
  GitHubPort,
  | 'listIssues'
  | 'listRecentIssues'
  | 'listComments'
  | 'branchHead'
  | 'readFile'
  | 'listPullRequests'
  | 'findOpenPullRequestByHeadSha'
  | 'getIssue'
  | 'getDefaultBranch'
  | 'listOpenPullRequests'
  | 'listCommentReactions'
  | 'listFileCommits'
> = {
  listCommentReactions: async () => [],
  listFileCommits: async () => [],
  listIssues: async () => [],
  listRecentIssues: async () => [],
  listComments: async () => [],
  branchHead: async () => '0000000000000000000000000000000000000000',
  readFile: async () => undefined,
  listPullRequests: async () => [],
  findOpenPullRequestByHeadSha: async () => undefined,
  getIssue: async () => undefined,
  getDefaultBranch: async () => 'main',
  listOpenPullRequests: async () => [],
};

/** Writes nothing. With `reader`, reads the real state through it; without, plans against a repository with no issues. */
export function createDryRunPort(reader?: GitHubPort): DryRunPort {
  const reads = reader ?? EMPTY_READS;
  const writes: string[] = [];
  let next = 0;
  const placeholder = (fields: {
    title?: string;
    body?: string;
    labels?: string[];
    assignees?: string[];
  }): GitHubIssue => ({
    number: --next,
    title: fields.title ?? '',
    body: fields.body ?? '',
    state: 'open',
    stateReason: null,
    labels: fields.labels ?? [],
    assignees: fields.assignees ?? [],
    author: '',
    createdAt: new Date(0).toISOString(),
    url: '(not created: dry run)',
  });
  return {
    writes,
    listIssues: () => reads.listIssues(),
    listRecentIssues: () => reads.listRecentIssues(),
    listComments: (number) => (number < 0 ? Promise.resolve([]) : reads.listComments(number)),
    branchHead: (branch) => reads.branchHead(branch),
    readFile: (path, ref) => reads.readFile(path, ref),
    listPullRequests: (head, state) => reads.listPullRequests(head, state),
    findOpenPullRequestByHeadSha: (sha) => reads.findOpenPullRequestByHeadSha(sha),
    getIssue: (number) => (number < 0 ? Promise.resolve(undefined) : reads.getIssue(number)),
    getDefaultBranch: () => reads.getDefaultBranch(),
    listOpenPullRequests: () => reads.listOpenPullRequests(),
    listCommentReactions: (id) => reads.listCommentReactions(id),
    listFileCommits: (path, ref, limit) => reads.listFileCommits(path, ref, limit),
    async deleteComment(id) {
      writes.push(`delete comment ${id}`);
    },
    async createIssue(fields) {
      writes.push(`create issue "${fields.title}"`);
      return placeholder(fields);
    },
    async updateIssue(number, fields) {
      writes.push(`update #${number} (${Object.keys(fields).join(', ')})`);
      return placeholder({ ...fields, title: fields.title ?? '' });
    },
    async createComment(number) {
      writes.push(`comment on #${number}`);
    },
    async updateComment(id) {
      writes.push(`update comment ${id}`);
    },
    async setBranch(branch, sha) {
      writes.push(`point branch ${branch} at ${sha.slice(0, 7)}`);
    },
    async writeFile(path, branch) {
      writes.push(`commit ${path} on ${branch}`);
    },
    async createFile(path, branch) {
      writes.push(`commit new file ${path} on ${branch}`);
    },
    async createPullRequest(fields) {
      writes.push(`open ${fields.draft ? 'draft ' : ''}pull request "${fields.title}"`);
      return {
        number: 0,
        url: '(not created: dry run)',
        state: 'open',
        merged: false,
        body: fields.body,
        headRef: fields.head,
        headSha: '',
        author: '',
      };
    },
    async updatePullRequest(number) {
      writes.push(`update pull request #${number}`);
    },
  };
}
