// The validate action: checks the records (on a pull request, what it changed and every record
// that refers to it), annotates the lines, writes the job summary and the review data for the
// comment step, and fails the check on errors. It needs nothing but read access.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import {
  actionEvent,
  actionInput,
  actionNow,
  affectedFiles,
  buildCatalog,
  buildReview,
  bundleVersion,
  changedFilesSince,
  failAction,
  formatGithub,
  loadRepository,
  loadRepositoryInParallel,
  recordsRoot,
  renderReviewComment,
  runContext,
  validateRepository,
  validateWithCache,
  workspacePath,
} from '../../lib/src/index.ts';

interface PullRequestEvent {
  pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
}

/** `entry` is the running bundle: large repositories are read on worker threads started from it. */
export async function run(entry?: URL): Promise<void> {
  try {
    const root = recordsRoot();
    const event = actionEvent<PullRequestEvent>().payload;
    const run = runContext();
    const now = actionNow();
    const base = actionInput('changed-since', event.pull_request?.base?.sha || '');

    const cacheFile = core.getInput('cache');
    const cached = cacheFile
      ? await validateWithCache(root, {
          now,
          cacheFile: workspacePath(cacheFile),
          // This bundle's hash: a cache made by other code is never reused.
          code: bundleVersion(import.meta.url),
          entry,
        })
      : undefined;
    if (cached)
      core.info(
        `Cache: ${cached.cache.reused} record file(s) reused (${cached.cache.unread} unchanged in git, not read), ${cached.cache.checked} checked${cached.cache.reason ? ` (full run: ${cached.cache.reason})` : ''}.`,
      );
    const repo = cached?.repo ?? (entry ? await loadRepositoryInParallel(root, { entry }) : loadRepository(root));
    const result = cached ?? validateRepository(repo, { now });
    const changed = base ? changedFilesSince(root, base) : [];
    const only = base ? affectedFiles(repo, changed) : undefined;
    const diagnostics = only ? result.diagnostics.filter((d) => only.has(d.file)) : result.diagnostics;
    const shown = {
      diagnostics,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    };
    const checkedFiles = only ? only.size : repo.files.length;

    process.stdout.write(formatGithub(shown));
    core.setOutput('errors', String(shown.errors));
    core.setOutput('warnings', String(shown.warnings));

    const pullRequest = event.pull_request?.number ?? 0;
    const headSha = event.pull_request?.head?.sha ?? run.sha ?? '';
    const review = buildReview(repo, buildCatalog(repo), {
      files: changed,
      diagnostics,
      checkedFiles,
      pullRequest,
      headSha,
      now,
    });
    await core.summary
      .addRaw(renderReviewComment(review, { repository: run.repository, serverUrl: run.serverUrl, limit: 1_000_000 }))
      .write();

    if (pullRequest > 0 && /^[0-9a-f]{40}$/.test(headSha)) {
      const file = workspacePath(actionInput('results-path', 'firebreak-results/review.json'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(review));
      core.setOutput('results-path', file);
    } else {
      core.setOutput('results-path', '');
    }
    const scope = only ? `${checkedFiles} record file(s) this change affects` : `${checkedFiles} record file(s)`;
    if (shown.errors > 0)
      core.setFailed(
        `${shown.errors} error(s) and ${shown.warnings} warning(s) in ${scope}; the annotations and the job summary say where and how to fix them.`,
      );
    else core.info(`No errors in ${scope}${shown.warnings ? `; ${shown.warnings} warning(s)` : ''}.`);
  } catch (error) {
    failAction(error);
  }
}
