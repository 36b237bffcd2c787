// `firebreak upgrade`: the change Dependabot makes, for teams without it. In the workflows every
// `uses: OWNER/REPO/actions/<name>@<sha> # vX.Y.Z` of Firebreak gets the new release's commit and
// version; in package.json the firebreak dependency gets the new tag. Nothing else is touched, and
// records change only through a migration of a major version (MIGRATIONS), listed before it runs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, majorOf } from '../product/release.ts';

export interface Migration {
  /** The major version that changes a format; it runs when an upgrade crosses into it. */
  major: number;
  description: string;
  /** Rewrites the records of the repository in `dir`; returns the files it changed. */
  apply(dir: string): string[];
}

/**
 * Record migrations, oldest first. None yet: every format of 0.x reads as it did. A major release
 * that changes a format adds its migration here, with a test on the previous release's examples.
 */
export const MIGRATIONS: readonly Migration[] = [];

export interface Pin {
  file: string;
  line: number;
  action: string;
  sha: string;
  version?: string;
}

export interface UpgradeChange {
  file: string;
  /** The lines as they were and as they become, for the summary. */
  edits: { line: number; before: string; after: string }[];
}

export interface UpgradePlan {
  repository: string;
  from?: string;
  to: string;
  changes: UpgradeChange[];
  migrations: Migration[];
  /** What would change in each file, applied by applyUpgrade. */
  contents: Map<string, string>;
}

export class UpgradeError extends Error {}

const pinPattern = (repository: string) =>
  new RegExp(
    `^(\\s*(?:-\\s+)?uses:\\s*)(${repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/actions/([\\w-]+))@([0-9a-f]{40})(?:[ \\t]*#[ \\t]*v?(\\d+\\.\\d+\\.\\d+))?[ \\t]*$`,
    'i',
  );
const ANY_PIN =
  /^\s*(?:-\s+)?uses:\s*([\w.-]+\/[\w.-]+)\/actions\/(validate|comment|declare|follow-ups|report|live)@[0-9a-f]{40}/;

function workflowFiles(dir: string): string[] {
  const workflows = path.join(dir, '.github', 'workflows');
  if (!existsSync(workflows)) return [];
  return readdirSync(workflows)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `.github/workflows/${f}`);
}

/** The owner/name Firebreak's actions come from in this repository's workflows. */
export function pinnedRepository(dir: string): string | undefined {
  for (const file of workflowFiles(dir)) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = ANY_PIN.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

/** Every pinned Firebreak action in the workflows. */
export function findPins(dir: string, repository: string): Pin[] {
  const pattern = pinPattern(repository);
  return workflowFiles(dir).flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .flatMap((text, i) => {
        const m = pattern.exec(text.replace(/\r$/, ''));
        return m ? [{ file, line: i + 1, action: m[3]!, sha: m[4]!.toLowerCase(), version: m[5] }] : [];
      }),
  );
}

const DEPENDENCY = /^(\s*"firebreak"\s*:\s*")([^"]*)(".*)$/;

/** The version the package.json dependency names (github:o/r#v1.2.3, a git URL with #v1.2.3, or 1.2.3). */
function dependencyVersion(spec: string): string | undefined {
  return /#v?(\d+\.\d+\.\d+)$/.exec(spec)?.[1] ?? /^[~^=]?(\d+\.\d+\.\d+)$/.exec(spec)?.[1];
}

function withVersion(spec: string, version: string): string {
  if (/#v?\d+\.\d+\.\d+$/.test(spec)) return spec.replace(/#v?\d+\.\d+\.\d+$/, `#v${version}`);
  return spec.replace(/\d+\.\d+\.\d+$/, version);
}

/** The change that moves the repository in `dir` to release `to` (commit `sha`) of `repository`. */
export function planUpgrade(
  dir: string,
  repository: string,
  to: { version: string; sha: string },
  migrations: readonly Migration[] = MIGRATIONS,
): UpgradePlan {
  const pins = findPins(dir, repository);
  const pkgFile = path.join(dir, 'package.json');
  const pkgText = existsSync(pkgFile) ? readFileSync(pkgFile, 'utf8') : undefined;
  const depLine = pkgText?.split('\n').findIndex((l) => DEPENDENCY.test(l)) ?? -1;
  if (pins.length === 0 && depLine < 0) {
    throw new UpgradeError(
      `No Firebreak release is pinned here: no workflow uses ${repository}/actions/<name>@<sha>, and package.json has no "firebreak" dependency. Run "firebreak init" first, or give --repository if the actions come from another repository.`,
    );
  }
  const versions = [
    ...pins.map((p) => p.version),
    depLine >= 0 ? dependencyVersion(DEPENDENCY.exec(pkgText!.split('\n')[depLine]!)![2]!) : undefined,
  ].filter((v): v is string => v !== undefined);
  const from = versions.sort(compareVersions)[0];
  const contents = new Map<string, string>();
  const changes: UpgradeChange[] = [];
  const edit = (file: string, text: string, rewrite: (line: string) => string) => {
    const lines = text.split('\n');
    const edits: UpgradeChange['edits'] = [];
    lines.forEach((line, i) => {
      const after = rewrite(line);
      if (after !== line) {
        edits.push({ line: i + 1, before: line.trim(), after: after.trim() });
        lines[i] = after;
      }
    });
    if (edits.length > 0) {
      changes.push({ file, edits });
      contents.set(file, lines.join('\n'));
    }
  };
  const pattern = pinPattern(repository);
  for (const file of [...new Set(pins.map((p) => p.file))]) {
    edit(file, readFileSync(path.join(dir, file), 'utf8'), (line) => {
      const cr = line.endsWith('\r') ? '\r' : '';
      const m = pattern.exec(line.replace(/\r$/, ''));
      return m ? `${m[1]}${m[2]}@${to.sha} # v${to.version}${cr}` : line;
    });
  }
  if (pkgText !== undefined && depLine >= 0) {
    edit('package.json', pkgText, (line) => {
      const m = DEPENDENCY.exec(line);
      return m ? `${m[1]}${withVersion(m[2]!, to.version)}${m[3]}` : line;
    });
  }
  const crossed = from ? migrations.filter((m) => majorOf(from) < m.major && m.major <= majorOf(to.version)) : [];
  return { repository, from, to: to.version, changes, migrations: crossed, contents };
}

/** Writes the plan's files, then runs its migrations. Returns every file changed. */
export function applyUpgrade(dir: string, plan: UpgradePlan): string[] {
  for (const [file, text] of plan.contents) writeFileSync(path.join(dir, ...file.split('/')), text);
  const migrated = plan.migrations.flatMap((m) => m.apply(dir));
  return [...new Set([...plan.contents.keys(), ...migrated])];
}
