// Issues (pull requests listed among them), their comments, the comments' reactions, and labels.
import { created, HttpError } from '../reply.ts';
import type { IssueRecord, ReactionContent } from '../model.ts';
import { findComment, findIssue, page, type RouteDeps, type Routes } from './common.ts';

export function issueRoutes({ model, render, baseUrl }: RouteDeps): Routes {
  const { self, stamp, labelByName, ensureLabel, labelNames, addIssue, addComment, addReaction } = model;
  const { repoApi, renderIssue, renderComment, renderReaction, renderLabel } = render;

  return {
    'GET /repos/{owner}/{repo}/issues': (ctx) => {
      const r = ctx.repo();
      const wanted = ctx.query.get('state') ?? 'open';
      const labels = (ctx.query.get('labels') ?? '')
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      const creator = ctx.query.get('creator')?.toLowerCase();
      const sort = ctx.query.get('sort') ?? 'created';
      const asc = ctx.query.get('direction') === 'asc';
      const key = (i: IssueRecord) =>
        sort === 'comments' ? String(i.comments).padStart(10, '0') : sort === 'updated' ? i.updatedAt : i.createdAt;
      const items = r.issues
        .filter((i) => wanted === 'all' || i.state === wanted)
        .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
        .filter((i) => !creator || i.user.login.toLowerCase() === creator)
        .sort((a, b) => {
          const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
          return asc ? c : -c;
        });
      return page(baseUrl(), ctx, items, (i) => renderIssue(r, i));
    },
    'POST /repos/{owner}/{repo}/issues': (ctx) => {
      const r = ctx.repo();
      const b = ctx.body;
      const issue = addIssue(r, {
        title: String(b.title),
        body: typeof b.body === 'string' ? b.body : null,
        labels: Array.isArray(b.labels) ? (b.labels as string[]) : [],
        assignees: Array.isArray(b.assignees)
          ? (b.assignees as string[])
          : typeof b.assignee === 'string'
            ? [b.assignee]
            : [],
      });
      return created(renderIssue(r, issue), `${repoApi(r)}/issues/${issue.number}`);
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
      const r = ctx.repo();
      return { status: 200, body: renderIssue(r, findIssue(r, ctx.params.issue_number)) };
    },
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      const b = ctx.body;
      if (b.title !== undefined && b.title !== null) issue.title = String(b.title);
      if (b.body !== undefined) issue.body = b.body === null ? null : String(b.body);
      if (Array.isArray(b.labels)) issue.labels = labelNames(r, b.labels);
      if (Array.isArray(b.assignees)) issue.assignees = b.assignees.map(String);
      if ((b.state === 'open' || b.state === 'closed') && b.state !== issue.state) {
        issue.state = b.state;
        issue.closedAt = b.state === 'closed' ? stamp() : null;
        issue.stateReason =
          b.state === 'closed' ? ((b.state_reason as IssueRecord['stateReason']) ?? 'completed') : 'reopened';
      } else if (b.state_reason !== undefined && issue.state === 'closed') {
        issue.stateReason = b.state_reason as IssueRecord['stateReason'];
      }
      issue.updatedAt = stamp();
      return { status: 200, body: renderIssue(r, issue) };
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      return page(
        baseUrl(),
        ctx,
        r.comments.filter((c) => c.issueNumber === issue.number),
        (c) => renderComment(r, c),
      );
    },
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
      const r = ctx.repo();
      const issue = findIssue(r, ctx.params.issue_number);
      const comment = addComment(r, issue, String(ctx.body.body), self);
      return created(renderComment(r, comment), `${repoApi(r)}/issues/comments/${comment.id}`);
    },
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      const comment = r.comments.find((c) => c.id === Number(ctx.params.comment_id));
      if (!comment) throw new HttpError(404, 'Not Found');
      comment.body = String(ctx.body.body);
      comment.updatedAt = stamp();
      return { status: 200, body: renderComment(r, comment) };
    },
    'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      return { status: 200, body: renderComment(r, findComment(r, ctx.params.comment_id)) };
    },
    'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
      const r = ctx.repo();
      const comment = findComment(r, ctx.params.comment_id);
      r.comments.splice(r.comments.indexOf(comment), 1);
      const issue = r.issues.find((i) => i.number === comment.issueNumber);
      if (issue) issue.comments--;
      return { status: 204 };
    },
    'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (ctx) => {
      const r = ctx.repo();
      const comment = findComment(r, ctx.params.comment_id);
      const content = ctx.query.get('content');
      return page(
        baseUrl(),
        ctx,
        comment.reactions.filter((x) => !content || x.content === content),
        renderReaction,
      );
    },
    'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (ctx) => {
      const r = ctx.repo();
      const { reaction, created } = addReaction(
        findComment(r, ctx.params.comment_id),
        self,
        String(ctx.body.content) as ReactionContent,
      );
      return { status: created ? 201 : 200, body: renderReaction(reaction) };
    },
    'GET /repos/{owner}/{repo}/labels': (ctx) => {
      const r = ctx.repo();
      return page(baseUrl(), ctx, r.labels, (l) => renderLabel(r, l));
    },
    'POST /repos/{owner}/{repo}/labels': (ctx) => {
      const r = ctx.repo();
      const name = String(ctx.body.name);
      if (labelByName(r, name)) {
        throw new HttpError(422, 'Validation Failed', {
          errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
        });
      }
      const color = typeof ctx.body.color === 'string' ? ctx.body.color.replace(/^#/, '') : 'ededed';
      const description = typeof ctx.body.description === 'string' ? ctx.body.description : null;
      return { status: 201, body: renderLabel(r, ensureLabel(r, name, color, description)) };
    },
  };
}
