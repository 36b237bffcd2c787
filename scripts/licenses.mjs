// The licenses of the third-party packages a bundle holds, read from webpack's stats of that build.
// ncc's own `--license` writes one file per chunk under the same name, so for a bundle split into
// chunks (the CLI, whose charts load Vega on demand) the last chunk's list wins and the others' are
// lost; this reads every module of every chunk instead.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const NODE_MODULES = `node_modules${path.sep}`;
const LICENSE_FILE = /^(?:licen[cs]e|copying)(?:[.-].*)?$/i;

/**
 * The package directories of every module a bundle emits: the modules in a chunk, and the modules
 * concatenated into those. Modules in no chunk (orphans, e.g. code tree-shaking dropped) are not in it.
 */
function packageDirs(stats) {
  const dirs = new Set();
  const add = (module) => {
    const file = module.nameForCondition ?? module.identifier?.split('!').pop().split('|')[0];
    const at = file?.lastIndexOf(NODE_MODULES) ?? -1;
    if (at >= 0) {
      const [first, second] = file.slice(at + NODE_MODULES.length).split(path.sep);
      dirs.add(
        path.join(file.slice(0, at + NODE_MODULES.length), first.startsWith('@') ? `${first}/${second}` : first),
      );
    }
    for (const inner of module.modules ?? []) add(inner);
  };
  for (const module of stats.modules ?? []) if (module.chunks?.length) add(module);
  return dirs;
}

function licenseOf(dir) {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see the package');
  const file = readdirSync(dir).find((name) => LICENSE_FILE.test(name));
  const text = file ? readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/g, '\n').trim() : '';
  return { name: pkg.name, version: pkg.version, license, text };
}

/**
 * licenses.txt for a bundle: each package once (a name bundled at two versions with different
 * texts, twice, with its version), sorted by name: its name, its license id, and its license text.
 * `@vercel/ncc` is always listed: its runtime is part of every bundle.
 */
export function renderLicenses(statsFile, nccDir) {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  const dirs = packageDirs(stats).add(nccDir);
  const seen = new Map();
  for (const entry of [...dirs].map(licenseOf)) {
    const same = seen.get(entry.name)?.find((e) => e.text === entry.text && e.license === entry.license);
    if (!same) seen.set(entry.name, [...(seen.get(entry.name) ?? []), entry]);
  }
  const entries = [...seen.values()].flatMap((versions) =>
    versions.map((e) => ({ ...e, label: versions.length > 1 ? `${e.name}@${e.version}` : e.name })),
  );
  entries.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return entries.map((e) => [e.label, e.license, e.text].filter(Boolean).join('\n')).join('\n\n') + '\n';
}
