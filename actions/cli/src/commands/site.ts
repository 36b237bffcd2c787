// `firebreak site`: the static site for GitHub Pages.
import path from 'node:path';
import type { Command } from 'commander';
import { buildCatalog, loadRepository } from '../../../lib/src/index.ts';
// Not through the library's index, which the actions import: only this command builds the site.
// Vega, most of the site's weight, is loaded by site/chart.ts when the first chart is drawn.
import { buildSite, siteWriter } from '../../../lib/src/site/build.ts';
import { nowOption, parseNow, resolveRoot, rootOption, UsageError, type CommandContext } from '../shared.ts';

export function registerSiteCommand(program: Command, { io }: CommandContext): void {
  program
    .command('site')
    .description(
      'Build the static site for GitHub Pages: a dashboard of twelve months of trends, budgets and follow-up health, a page per team, service and incident, and the public status page with JSON and an Atom feed.',
    )
    .requiredOption('--out <dir>', 'directory to write the site to (created when missing)')
    .option(
      '--base-url <url>',
      "the site's absolute URL, for links in the Atom feed, e.g. https://acme.github.io/incidents/",
    )
    .option(
      '--source-url <url>',
      'prefix of links to the record files, e.g. https://github.com/acme/incidents/blob/main/ (default from $GITHUB_SERVER_URL, $GITHUB_REPOSITORY and $GITHUB_SHA)',
    )
    .option('--title <text>', "the site's title", 'Reliability')
    .option('--status-only', 'only the public status page (when the dashboard must not be published)')
    .addOption(rootOption())
    .addOption(nowOption())
    .addHelpText(
      'after',
      `
Only what an incident's public: field marks public is on the status page; run "firebreak validate"
first: its public-text rule checks that text for internal names and blame. Pages use no
JavaScript and fetch nothing; charts are SVG rendered at build time.

Examples:
  firebreak site --out _site
  firebreak site --out _site --status-only --base-url https://status.example.com/`,
    )
    .action(
      async (options: {
        out: string;
        baseUrl?: string;
        sourceUrl?: string;
        title: string;
        statusOnly?: boolean;
        root?: string;
        now?: string;
      }) => {
        const env = io.env ?? {};
        for (const [name, value] of [
          ['--base-url', options.baseUrl],
          ['--source-url', options.sourceUrl],
        ] as const) {
          if (value !== undefined && !/^https?:\/\/[^\s]+\/$/.test(value))
            throw new UsageError(`${name} "${value}" is not an http(s) URL ending in /.`);
        }
        const root = resolveRoot(io, options.root);
        const repo = loadRepository(root, { lean: true });
        const catalog = buildCatalog(repo);
        const sourceUrl =
          options.sourceUrl ??
          (env.GITHUB_REPOSITORY && env.GITHUB_SHA
            ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`
            : undefined);
        const writer = siteWriter(path.resolve(io.cwd, options.out));
        const count = await buildSite(
          repo,
          catalog,
          {
            now: parseNow(options.now) ?? Date.now(),
            baseUrl: options.baseUrl,
            sourceUrl,
            statusOnly: options.statusOnly,
            title: options.title,
          },
          writer.write,
        );
        await writer.flush();
        io.stdout(`Wrote ${count} files to ${options.out}.\n`);
      },
    );
}
