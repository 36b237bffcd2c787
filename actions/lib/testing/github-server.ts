// A local GitHub REST server for tests: in-memory issues (pull requests included, flagged),
// comments, labels, and per repository a small git model (branches, commits, blobs) behind the
// contents, git refs and pulls endpoints; every request and every JSON response checked against
// GitHub's OpenAPI description (see github-contract.ts); fault injection for 5xx, secondary rate
// limits and dropped connections. Listens on 127.0.0.1, port 0; test infrastructure, imported only
// by tests. The parts live in github-server/: model.ts (state and its operations), routes.ts (one
// handler per REST route), render.ts (GitHub's JSON shapes), faults.ts and server.ts (HTTP, contract
// checks, request log).
export { onIssueCreate, SECONDARY_RATE_LIMIT_MESSAGE, type Fault, type FaultRule } from './github-server/faults.ts';
export {
  blobSha,
  type CommentRecord,
  type CommitRecord,
  type GitHubState,
  type IssueRecord,
  type LabelRecord,
  type ReactionContent,
  type ReactionRecord,
  type RepoState,
  type SeedFilesOptions,
  type SeedIssue,
  type UserRecord,
} from './github-server/model.ts';
export {
  startGitHubServer,
  type GitHubServer,
  type GitHubServerOptions,
  type RequestLogEntry,
  type Violation,
} from './github-server/server.ts';
