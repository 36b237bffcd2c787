// Turning the model's records into the JSON shapes GitHub sends (the fields its OpenAPI description
// lists; server.ts checks every response against it on the way out).
import {
  noreplyEmail,
  treeSha,
  type CommitRecord,
  type IssueRecord,
  type LabelRecord,
  type Model,
  type ReactionContent,
  type ReactionRecord,
  type RepoState,
  type UserRecord,
  type CommentRecord,
} from './model.ts';

export type Renderer = ReturnType<typeof createRenderer>;

/** `baseUrl` is the server's own address, known once it listens. */
export function createRenderer(model: Model, baseUrl: () => string) {
  const { self, users, userFor, labelByName, ensureLabel, pullSides, mergeBase, commitsBetween } = model;
  const renderUser = (u: UserRecord) => {
    const api = `${baseUrl()}/users/${encodeURIComponent(u.login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: nodeId(u.type === 'Bot' ? 'BOT' : 'U', u.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${u.type === 'Bot' ? `apps/${u.login.replace(/\[bot\]$/, '')}` : u.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  };
  const repoApi = (r: RepoState) => `${baseUrl()}/repos/${r.owner}/${r.name}`;
  const renderLabel = (r: RepoState, l: LabelRecord) => ({
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${repoApi(r)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  });
  const renderIssue = (r: RepoState, i: IssueRecord) => {
    const api = `${repoApi(r)}/issues/${i.number}`;
    const html = `https://github.com/${r.owner}/${r.name}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`;
    const assignees = i.assignees.map((a) => renderUser(userFor(a)));
    return {
      url: api,
      repository_url: repoApi(r),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: html,
      id: i.id,
      node_id: nodeId(i.pullRequest ? 'PR' : 'I', i.id),
      number: i.number,
      title: i.title,
      user: renderUser(i.user),
      labels: i.labels.map((name) => renderLabel(r, labelByName(r, name) ?? ensureLabel(r, name))),
      state: i.state,
      state_reason: i.stateReason,
      locked: i.locked,
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      comments: i.comments,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      author_association: i.user.login === r.owner ? 'OWNER' : 'NONE',
      active_lock_reason: null,
      body: i.body,
      ...(i.pullRequest
        ? {
            draft: i.draft ?? false,
            pull_request: {
              url: `${repoApi(r)}/pulls/${i.number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: i.mergedAt ?? null,
            },
          }
        : {}),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
    };
  };
  const renderComment = (r: RepoState, c: CommentRecord) => ({
    url: `${repoApi(r)}/issues/comments/${c.id}`,
    html_url: `https://github.com/${r.owner}/${r.name}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApi(r)}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: nodeId('IC', c.id),
    user: renderUser(c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.login === r.owner ? 'OWNER' : 'NONE',
    body: c.body,
    reactions: renderRollup(`${repoApi(r)}/issues/comments/${c.id}/reactions`, c.reactions),
    performed_via_github_app: null,
  });
  const renderRollup = (url: string, reactions: ReactionRecord[]) => {
    const count = (content: ReactionContent) => reactions.filter((x) => x.content === content).length;
    return {
      url,
      total_count: reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  };
  const renderReaction = (x: ReactionRecord) => ({
    id: x.id,
    node_id: nodeId('REA', x.id),
    user: renderUser(x.user),
    content: x.content,
    created_at: x.createdAt,
  });
  /** `commit` as GET /repos/{owner}/{repo}/commits lists it. */
  const renderCommit = (r: RepoState, c: CommitRecord) => {
    const person = { name: c.author.name, email: c.author.email, date: c.author.date };
    const login = [...users.values()].find((u) => noreplyEmail(u) === c.author.email);
    return {
      url: `${repoApi(r)}/commits/${c.sha}`,
      sha: c.sha,
      node_id: `C_kw${Buffer.from(c.sha.slice(0, 12)).toString('base64url')}`,
      html_url: `https://github.com/${r.owner}/${r.name}/commit/${c.sha}`,
      comments_url: `${repoApi(r)}/commits/${c.sha}/comments`,
      commit: {
        url: `${repoApi(r)}/git/commits/${c.sha}`,
        author: person,
        committer: person,
        message: c.message,
        comment_count: 0,
        tree: { sha: treeSha(c.tree), url: `${repoApi(r)}/git/trees/${treeSha(c.tree)}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author: login ? renderUser(login) : null,
      committer: login ? renderUser(login) : null,
      parents: c.parents.map((sha) => ({
        sha,
        url: `${repoApi(r)}/commits/${sha}`,
        html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
      })),
    };
  };
  /** The `repository` object (pull request head/base) or, with `full`, `full-repository` (GET /repos/{owner}/{repo}). */
  const renderRepo = (r: RepoState, full = false) => {
    const api = repoApi(r);
    const html = `https://github.com/${r.owner}/${r.name}`;
    const openIssues = r.issues.filter((i) => i.state === 'open').length;
    const repo = {
      id: r.id,
      node_id: nodeId('R', r.id),
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      private: false,
      owner: renderUser(userFor(r.owner)),
      html_url: html,
      description: null,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${r.owner}/${r.name}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: html,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: r.defaultBranch,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: r.pushedAt,
      created_at: r.createdAt,
      updated_at: r.pushedAt,
      allow_forking: true,
      web_commit_signoff_required: false,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
      license: null,
    };
    return full ? { ...repo, temp_clone_token: '', network_count: 0, subscribers_count: 0 } : repo;
  };
  const renderRef = (r: RepoState, branch: string, sha: string) => ({
    ref: `refs/heads/${branch}`,
    node_id: `REF_kw${Buffer.from(`${r.id}:${branch}`).toString('base64url')}`,
    url: `${repoApi(r)}/git/refs/heads/${encodePath(branch)}`,
    object: { type: 'commit', sha, url: `${repoApi(r)}/git/commits/${sha}` },
  });
  /** The `content-file` object without content (as in PUT's reply), for a path at a ref. */
  const renderFileSummary = (r: RepoState, path: string, ref: string, blob: string) => {
    const selfUrl = `${repoApi(r)}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
    const git = `${repoApi(r)}/git/blobs/${blob}`;
    const html = `https://github.com/${r.owner}/${r.name}/blob/${encodePath(ref)}/${encodePath(path)}`;
    return {
      name: path.split('/').at(-1) ?? path,
      path,
      sha: blob,
      size: r.blobs.get(blob)?.length ?? 0,
      url: selfUrl,
      html_url: html,
      git_url: git,
      download_url: `https://raw.githubusercontent.com/${r.owner}/${r.name}/${encodePath(ref)}/${encodePath(path)}`,
      type: 'file',
      _links: { self: selfUrl, git, html },
    };
  };
  const renderGitCommit = (r: RepoState, c: CommitRecord) => {
    const person = { name: c.author.name, email: c.author.email, date: c.author.date };
    return {
      sha: c.sha,
      node_id: `C_kw${Buffer.from(c.sha.slice(0, 12)).toString('base64url')}`,
      url: `${repoApi(r)}/git/commits/${c.sha}`,
      html_url: `https://github.com/${r.owner}/${r.name}/commit/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      tree: { sha: treeSha(c.tree), url: `${repoApi(r)}/git/trees/${treeSha(c.tree)}` },
      parents: c.parents.map((sha) => ({
        sha,
        url: `${repoApi(r)}/git/commits/${sha}`,
        html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  };
  /** `pull-request-simple` (lists) or, with `full`, `pull-request` (create, get, update). */
  const renderPull = (r: RepoState, i: IssueRecord, full: boolean) => {
    const api = `${repoApi(r)}/pulls/${i.number}`;
    const issueApi = `${repoApi(r)}/issues/${i.number}`;
    const html = `https://github.com/${r.owner}/${r.name}/pull/${i.number}`;
    const sides = pullSides(r, i);
    const owner = renderUser(userFor(r.owner));
    const side = (ref: string, sha: string) => ({
      label: `${r.owner}:${ref}`,
      ref,
      sha,
      user: owner,
      repo: renderRepo(r),
    });
    const assignees = i.assignees.map((a) => renderUser(userFor(a)));
    const statuses = `${repoApi(r)}/statuses/${sides.headSha}`;
    const simple = {
      url: api,
      id: i.id,
      node_id: nodeId('PR', i.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issueApi,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${repoApi(r)}/pulls/comments{/number}`,
      comments_url: `${issueApi}/comments`,
      statuses_url: statuses,
      number: i.number,
      state: i.state,
      locked: i.locked,
      title: i.title,
      user: renderUser(i.user),
      body: i.body,
      labels: i.labels.map((name) => renderLabel(r, labelByName(r, name) ?? ensureLabel(r, name))),
      milestone: null,
      active_lock_reason: null,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      closed_at: i.closedAt,
      merged_at: i.mergedAt ?? null,
      merge_commit_sha: i.mergeCommitSha ?? null,
      assignee: assignees[0] ?? null,
      assignees,
      requested_reviewers: [],
      requested_teams: [],
      head: side(sides.head, sides.headSha),
      base: side(sides.base, sides.baseSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issueApi },
        comments: { href: `${issueApi}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${repoApi(r)}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: statuses },
      },
      author_association: i.user.login === r.owner ? 'OWNER' : 'NONE',
      auto_merge: null,
      draft: i.draft ?? false,
    };
    if (!full) return simple;
    // Like GitHub's three-dot diff: head against the merge base, not against the base's tip.
    const headTree = r.commits.get(sides.headSha)?.tree ?? new Map<string, string>();
    const baseTree = r.commits.get(mergeBase(r, sides.baseSha, sides.headSha) ?? '')?.tree ?? new Map<string, string>();
    const changed = new Set(
      [...headTree.keys(), ...baseTree.keys()].filter((p) => headTree.get(p) !== baseTree.get(p)),
    );
    const merged = i.merged ?? false;
    return {
      ...simple,
      merged,
      // GitHub computes mergeability in the background and answers null until it has.
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: merged ? renderUser(self) : null,
      comments: i.comments,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: commitsBetween(r, sides.baseSha, sides.headSha),
      additions: 0, // line counts are not modelled
      deletions: 0,
      changed_files: changed.size,
    };
  };

  return {
    repoApi,
    renderUser,
    renderLabel,
    renderIssue,
    renderComment,
    renderReaction,
    renderCommit,
    renderRepo,
    renderRef,
    renderFileSummary,
    renderGitCommit,
    renderPull,
  };
}

/** Base64 as GitHub sends file contents (Ruby's Base64.encode64): lines of 60 characters, each ending in \n. */
export function wrapBase64(content: Buffer): string {
  const b64 = content.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 60) out += `${b64.slice(i, i + 60)}\n`;
  return out;
}

/** Encodes each segment of a slash-separated name for use in a URL. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(String(id)).toString('base64url')}`;
}
