// Incremental validation. The results of each incident and runbook file are kept with the file's
// content id (git's blob id); a later run parses and checks only the files whose id changed, and
// reuses the rest. In a git working tree the ids of files that match git's index come from the
// index, so those files are not even read; other files are read and hashed. A reused result stays right only while nothing it depends on
// moved, so everything else is part of one "global" key: the code, today's date, the rule levels,
// every policy and SLO file, and every record's id. When that key differs, or a changed file shares
// its id with another file, the run is simply a full one.
import { createHash } from 'node:crypto';
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { compareDiagnostics, type Diagnostic, type LevelSetting } from '../diagnostics.ts';
import { validateRepository, type ValidationResult } from '../engine.ts';
import { unmodifiedBlobIds } from '../load/git.ts';
import { LIMITS } from '../load/limits.ts';
import { loadRepository, loadRepositoryInParallel, type Repository } from '../load/repository.ts';
import type { ParsedYaml } from '../load/yaml.ts';
import { todayIn } from '../time/dates.ts';
import { appendTo } from '../collections.ts';

const FORMAT = 3;
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

interface Entry {
  hash: string;
  id?: string;
  valid?: boolean;
  refers?: string[];
  diagnostics: Diagnostic[];
}

interface CacheData {
  format: number;
  code: string;
  global: string;
  entries: Record<string, Entry>;
  /** Policy and SLO files as parsed, by content id: they are read every run, but parsing them is most of a warm run's work. */
  yaml: Record<string, { hash: string; parsed: ParsedYaml }>;
}

export interface CachedValidateOptions {
  now: number;
  levels?: Record<string, LevelSetting>;
  /** The cache file; created when missing, replaced atomically; refused (CacheFileError) when it holds anything else. */
  cacheFile: string;
  /** How to name the cache file in messages (default its path). */
  cacheLabel?: string;
  /** Identifies the code doing the checking (e.g. a hash of the bundle): results of other code are never reused. */
  code: string;
  /** The running bundle: full runs read records on worker threads started from it (see load/prepare.ts). */
  entry?: URL;
  /** Threads for full runs, as loadRepositoryInParallel takes them (default: by size and cores). */
  threads?: number;
}

export interface CachedValidation extends ValidationResult {
  repo: Repository;
  /** reused: files whose results were reused; unread: of those, files not even read (git vouched for them); checked: files parsed and checked. */
  cache: { reused: number; unread: number; checked: number; full: boolean; reason?: string };
}

/** The cache path holds something that is not a Firebreak cache: it is never read or replaced. */
export class CacheFileError extends Error {}

// How every cache this code (or an older version of it) writes begins.
const CACHE_START = /^\{"format":\d+,"code":/;

/** Throws CacheFileError when `file` exists and is anything but a Firebreak cache (an incident given by mistake, a directory). */
export function checkCacheFile(file: string, shown = file): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return; // Nothing there yet: the cache is created.
  }
  const refuse = (what: string) =>
    new CacheFileError(
      `${shown} exists and is not a Firebreak cache (${what}); it was left untouched. Give --cache a new path, such as .firebreak-cache/validate.json.`,
    );
  if (!stat.isFile()) throw refuse(stat.isDirectory() ? 'it is a directory' : 'it is not a regular file');
  if (stat.size === 0) return; // Nothing to lose.
  const head = Buffer.alloc(32);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!CACHE_START.test(head.toString('utf8'))) throw refuse('it does not start as one');
}

export async function validateWithCache(root: string, options: CachedValidateOptions): Promise<CachedValidation> {
  checkCacheFile(options.cacheFile, options.cacheLabel);
  const cache = readCache(options.cacheFile, options.code);
  const knownIds = cache ? unmodifiedBlobIds(root) : undefined;
  const yaml: CacheData['yaml'] = {};
  const yamlCache = {
    get: (file: string, hash: string) => {
      const entry = cache?.yaml[file];
      if (entry?.hash !== hash) return undefined;
      yaml[file] = entry;
      return entry.parsed;
    },
    set: (file: string, hash: string, parsed: ParsedYaml) => {
      if (jsonKeepsIt(parsed)) yaml[file] = { hash, parsed };
    },
  };
  // A full run (no cache, or one that cannot be used) parses everything: that is where threads help.
  const loadAll = () =>
    options.entry
      ? loadRepositoryInParallel(root, { hashes: true, yamlCache, entry: options.entry, threads: options.threads })
      : Promise.resolve(loadRepository(root, { hashes: true, yamlCache }));
  let reason: string | undefined;
  let repo: Repository;
  if (cache) {
    repo = loadRepository(root, {
      hashes: true,
      knownIds,
      yamlCache,
      reuse: (file, hash) => {
        const entry = cache.entries[file];
        return entry?.hash === hash
          ? { id: entry.id, valid: entry.valid, refers: entry.refers, unreadable: unreadable(entry) }
          : undefined;
      },
    });
  } else {
    reason = 'no usable cache';
    repo = await loadAll();
  }
  const global = globalKey(repo, options);
  if (cache && repo.reused.length > 0) {
    if (global !== cache.global) reason = 'policies, SLOs, record ids, rule levels or the date changed';
    else if (sharesAnId(repo)) reason = 'a changed record shares its id with another';
    if (reason) repo = await loadAll();
  }
  const result = validateRepository(repo, { now: options.now, levels: options.levels });
  const reusedDiagnostics = repo.reused.flatMap((r) => cache!.entries[r.file]!.diagnostics);
  const diagnostics = [...result.diagnostics, ...reusedDiagnostics].sort(compareDiagnostics);
  writeCache(options.cacheFile, {
    format: FORMAT,
    code: options.code,
    global,
    entries: entriesOf(repo, result.diagnostics, cache),
    yaml,
  });
  return {
    repo,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    cache: {
      reused: repo.reused.length,
      unread: repo.reused.filter((r) => r.unread).length,
      checked: repo.incidents.length + repo.runbooks.length,
      full: repo.reused.length === 0,
      ...(reason ? { reason } : {}),
    },
  };
}

const LOAD_RULES = new Set(['file-readable', 'yaml-syntax']);
const unreadable = (entry: Entry) => entry.diagnostics.some((d) => LOAD_RULES.has(d.rule));

function idOf(data: unknown): string {
  const id = (data as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : '';
}

function records(repo: Repository): { file: string; kind: string; id: string }[] {
  return [
    ...repo.incidents.map((r) => ({ file: r.file, kind: 'incident', id: idOf(r.data) })),
    ...repo.runbooks.map((r) => ({ file: r.file, kind: 'runbook', id: idOf(r.data) })),
    ...repo.reused.map((r) => ({ file: r.file, kind: r.kind, id: r.id ?? '' })),
  ];
}

/** Everything a record's results depend on besides the record itself. */
function globalKey(repo: Repository, options: CachedValidateOptions): string {
  const all = records(repo);
  const markdown = new Set(all.map((r) => r.file));
  const others = [...repo.hashes].filter(([file]) => !markdown.has(file)).sort(([a], [b]) => (a < b ? -1 : 1));
  const ids = all.map((r) => `${r.file}\0${r.kind}\0${r.id}`).sort();
  const problems = repo.problems
    .filter((p) => !markdown.has(p.finding.file))
    .map((p) => `${p.finding.file}:${p.finding.message}`);
  // Rules mention how many files could not be read (a reference may point into one).
  const unreadableFiles = [
    ...new Set([
      ...repo.problems.filter((p) => LOAD_RULES.has(p.rule)).map((p) => p.finding.file),
      ...repo.reused.filter((r) => r.unreadable).map((r) => r.file),
    ]),
  ].sort();
  problems.push(...unreadableFiles.map((f) => `unreadable:${f}`));
  return createHash('sha1')
    .update(
      JSON.stringify([
        options.code,
        todayIn(options.now, repo.config.timezone),
        options.levels ?? {},
        others,
        ids,
        problems,
        repo.files.length,
      ]),
    )
    .digest('hex');
}

/** True when a freshly parsed record's id is also used by another record: duplicates are checked across files. */
function sharesAnId(repo: Repository): boolean {
  const counts = new Map<string, number>();
  for (const r of records(repo))
    if (r.id) counts.set(`${r.kind}\0${r.id}`, (counts.get(`${r.kind}\0${r.id}`) ?? 0) + 1);
  return [
    ...repo.incidents.map((r) => `incident\0${idOf(r.data)}`),
    ...repo.runbooks.map((r) => `runbook\0${idOf(r.data)}`),
  ].some((key) => (counts.get(key) ?? 0) > 1);
}

function entriesOf(repo: Repository, diagnostics: Diagnostic[], cache: CacheData | undefined): Record<string, Entry> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) appendTo(byFile, d.file, d);
  const entries: Record<string, Entry> = {};
  for (const r of repo.incidents) {
    const id = idOf(r.data);
    const d = r.data;
    const refers = r.valid
      ? [
          ...(d.slos ?? []).map((s) => `slo:${s.slo}`),
          ...(d.related ?? []).map((x) => `incident:${x}`),
          ...(d.runbooks ?? []).map((x) => `runbook:${x}`),
        ]
      : [];
    entries[r.file] = {
      hash: repo.hashes.get(r.file)!,
      ...(id ? { id } : {}),
      valid: r.valid,
      refers,
      diagnostics: byFile.get(r.file) ?? [],
    };
  }
  for (const r of repo.runbooks) {
    const id = idOf(r.data);
    entries[r.file] = {
      hash: repo.hashes.get(r.file)!,
      ...(id ? { id } : {}),
      valid: r.valid,
      diagnostics: byFile.get(r.file) ?? [],
    };
  }
  for (const r of repo.reused) entries[r.file] = cache!.entries[r.file]!;
  // Files that failed to load have no record but do have results: keep them keyed by hash too.
  for (const [file, hash] of repo.hashes) {
    if (!entries[file] && byFile.has(file) && /\.md$/i.test(file))
      entries[file] = { hash, diagnostics: byFile.get(file)! };
  }
  return entries;
}

/** The cache, or undefined when it is missing, from other code, or not in the expected shape: never trusted blindly. */
function readCache(file: string, code: string): CacheData | undefined {
  try {
    if (statSync(file).size > MAX_CACHE_BYTES) return undefined;
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheData;
    if (
      data?.format !== FORMAT ||
      data.code !== code ||
      typeof data.global !== 'string' ||
      typeof data.entries !== 'object' ||
      data.entries === null
    )
      return undefined;
    if (typeof data.yaml !== 'object' || data.yaml === null) return undefined;
    for (const entry of Object.values(data.yaml)) {
      if (
        typeof entry?.hash !== 'string' ||
        !Array.isArray(entry.parsed?.documents) ||
        !Array.isArray(entry.parsed.problems)
      )
        return undefined;
      for (const d of entry.parsed.documents)
        if (typeof d?.index !== 'number' || typeof d.broken !== 'boolean') return undefined;
      for (const p of entry.parsed.problems)
        if (typeof p?.message !== 'string' || typeof p.line !== 'number' || typeof p.column !== 'number')
          return undefined;
    }
    for (const entry of Object.values(data.entries)) {
      if (typeof entry?.hash !== 'string' || !Array.isArray(entry.diagnostics)) return undefined;
      for (const d of entry.diagnostics)
        if (
          typeof d?.file !== 'string' ||
          typeof d.message !== 'string' ||
          typeof d.line !== 'number' ||
          (d.severity !== 'error' && d.severity !== 'warning')
        )
          return undefined;
    }
    return data;
  } catch {
    return undefined;
  }
}

/** True when JSON gives the value back unchanged: YAML can also write .inf, .nan and -0. */
function jsonKeepsIt(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (depth > LIMITS.maxDataDepth) return false;
  if (Array.isArray(value)) return value.every((v) => jsonKeepsIt(v, depth + 1));
  if (typeof value === 'object' && value !== null) return Object.values(value).every((v) => jsonKeepsIt(v, depth + 1));
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

function writeCache(file: string, data: CacheData): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    checkCacheFile(file); // Something may have been put there during the run.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only makes the next run slower.
  }
}
