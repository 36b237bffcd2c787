import type { Finding } from '../diagnostics.ts';
import { scanMarkdown, type MarkdownScan } from '../markdown/scan.ts';
import { parseActionItems, rememberActionItems } from '../model/action-items.ts';
import type {
  ConfigSpec,
  Incident,
  IncidentFrontMatter,
  KindRecord,
  MarkdownRecord,
  Metadata,
  Runbook,
  RunbookFrontMatter,
} from '../model/types.ts';
import { hasSchema, validateAgainst } from '../schema/validate.ts';
import { readFrontMatter } from './front-matter.ts';
import { growHeapSlowly } from '../runtime/heap.ts';
import { mainThreadShare, readerThreads, readInBackground, restoreFrontMatter, type PreparedFile } from './prepare.ts';
import { blobId, FileProblem, forgetRealpaths, readTextFile } from './read-file.ts';
import { bidiProblems } from './bidi.ts';
import { LIMITS } from './limits.ts';
import { listRecordFiles } from './walk.ts';
import { parseYaml, restoreYaml, toParsedYaml, type ParsedYaml, type YamlDocument } from './yaml.ts';

/** Rules whose findings the loader produces, because they are found while reading. */
export type LoadRule = 'file-readable' | 'yaml-syntax' | 'schema' | 'bidi-controls';
/** Problems that mean a record could not be read as written (the others are found while reading it). */
export const isReadFailure = (problem: LoadProblem) => problem.rule !== 'bidi-controls';
export interface LoadProblem {
  rule: LoadRule;
  finding: Finding;
}

export interface RepositoryPaths {
  incidents: string;
  slos: string;
  runbooks: string;
  policies: string;
}
export const DEFAULT_PATHS: RepositoryPaths = {
  incidents: 'incidents',
  slos: 'slos',
  runbooks: 'runbooks',
  policies: 'policies',
};

export interface Repository {
  root: string;
  paths: RepositoryPaths;
  config: ConfigSpec;
  incidents: Incident[];
  runbooks: Runbook[];
  /** Every YAML document under the policies and SLO directories: firebreak/v1 and openslo/v1 records. */
  documents: KindRecord[];
  /** Problems found while reading: unreadable files, YAML syntax, schema conformance. */
  problems: LoadProblem[];
  /** Every record file that was found, repository-relative. */
  files: string[];
  /**
   * Markdown records left unparsed because a cache already holds their results (see
   * cache/validate-cache.ts): their ids still count as defined.
   */
  reused: ReusedRecord[];
  /** Content id (blobId) of every record file, for caches; filled only with LoadOptions.hashes. */
  hashes: Map<string, string>;
}

export interface ReusedRecord {
  file: string;
  kind: 'incident' | 'runbook';
  id?: string;
  /** The file could not be read or its YAML parsed when its results were made. */
  unreadable?: boolean;
  /** The record passed its schema. */
  valid?: boolean;
  /** What it refers to, as "slo:name", "incident:id" and "runbook:id" (for affectedFiles). */
  refers?: string[];
  /** Reused on a known content id (LoadOptions.knownIds), without reading the file. */
  unread?: boolean;
}

export interface LoadOptions {
  /**
   * Keep only what figures need: each record's data and its action items, without positions.
   * The YAML tree, the Markdown structure and the prose are dropped as each file is read, and
   * strings repeated across records (handles, services, severities, dates) are kept once, so
   * memory grows with the data, not the text (reports over tens of thousands of incidents).
   * Validation needs the full records. Lean loading also makes V8 grow its heap slowly (see
   * runtime/heap.ts), trading a little time for a bounded peak.
   */
  lean?: boolean;
  /** Fill `hashes` with each file's content id (see blobId). */
  hashes?: boolean;
  /** Called with each incident or runbook file's content id: what to reuse to skip parsing it, or undefined to parse it. */
  reuse?: (file: string, hash: string) => Omit<ReusedRecord, 'file' | 'kind'> | undefined;
  /**
   * Content ids known without reading the files (git's index, for files that match it). A file
   * whose known id `reuse` accepts is not read at all.
   */
  knownIds?: ReadonlyMap<string, string>;
  /**
   * Parsed YAML of policy and SLO files by content id: `get` gives what an earlier run found in
   * the same contents (the file is then read but not parsed), `set` receives what this run parsed.
   */
  yamlCache?: {
    get(file: string, id: string): ParsedYaml | undefined;
    set(file: string, id: string, parsed: ParsedYaml): void;
  };
}

const KNOWN_API_VERSIONS = ['firebreak/v1', 'openslo/v1'];

/** Reads every record under `root`. Never throws for a bad file: each one becomes a problem and the rest still load. */
export function loadRepository(root: string, options: LoadOptions = {}): Repository {
  const repo = loadPolicies(root, options);
  loadRecords(repo, listRecords(repo), options, new Map());
  return repo;
}

/**
 * loadRepository, sharing the work with worker threads started from `entry` (see prepare.ts)
 * when there are enough records: while the workers read the later files and parse their front
 * matter, this thread loads the first ones completely; then it finishes the workers' files from
 * what they found. The result is the same as loadRepository's.
 */
export async function loadRepositoryInParallel(
  root: string,
  options: LoadOptions & { entry: URL; threads?: number },
): Promise<Repository> {
  const repo = loadPolicies(root, options);
  const records = listRecords(repo);
  const threads = options.reuse ? 0 : readerThreads(records.length, options.threads);
  const strings = new Map<string, string>();
  if (threads < 2) {
    loadRecords(repo, records, options, strings);
    return repo;
  }
  const split = Math.round(records.length * mainThreadShare(threads - 1));
  const tail = records.slice(split);
  const prepared = readInBackground(
    root,
    tail.map((r) => r.file),
    options.entry,
    threads - 1,
  );
  loadRecords(repo, records.slice(0, split), options, strings);
  loadRecords(repo, tail, { ...options, prepared: await prepared }, strings);
  return repo;
}

/** A repository with its policies and SLOs loaded, and the configured paths. */ /** A repository with its policies and SLOs loaded, and the configured paths. */
function loadPolicies(root: string, options: LoadOptions): Repository {
  forgetRealpaths();
  if (options.lean) growHeapSlowly();
  const repo: Repository = {
    root,
    paths: { ...DEFAULT_PATHS },
    config: {},
    incidents: [],
    runbooks: [],
    documents: [],
    problems: [],
    files: [],
    reused: [],
    hashes: new Map(),
  };
  loadYamlDirectory(repo, repo.paths.policies, options);
  const config = repo.documents.find((d) => d.valid && d.apiVersion === 'firebreak/v1' && d.kind === 'Config');
  if (config) {
    repo.config = config.spec as ConfigSpec;
    repo.paths = { ...repo.paths, ...repo.config.paths };
  }
  loadYamlDirectory(repo, repo.paths.slos, options);
  return repo;
}

type RecordFile = { file: string; kind: 'incident' | 'runbook' };

function listRecords(repo: Repository): RecordFile[] {
  const incidents = listFiles(repo, repo.paths.incidents, ['.md']).map((file): RecordFile => ({
    file,
    kind: 'incident',
  }));
  const runbooks = listFiles(repo, repo.paths.runbooks, ['.md']).map((file): RecordFile => ({ file, kind: 'runbook' }));
  return [...incidents, ...runbooks];
}

function loadRecords(
  repo: Repository,
  files: RecordFile[],
  options: LoadOptions & { prepared?: ReadonlyMap<string, PreparedFile> },
  strings: Map<string, string>,
): void {
  for (const { file, kind } of files) {
    if (kind === 'incident') {
      const record = loadMarkdownRecord<IncidentFrontMatter>(repo, file, 'incident.schema.json', 'incident', options);
      if (record) repo.incidents.push(options.lean ? leanRecord(record, strings) : record);
    } else {
      const record = loadMarkdownRecord<RunbookFrontMatter>(repo, file, 'runbook.schema.json', 'runbook', options);
      if (record) repo.runbooks.push(options.lean ? leanRecord(record, strings) : record);
    }
  }
}

const NOWHERE = { line: 1, column: 1 };
const NO_CELLS = Object.freeze({});
const EMPTY_BODY: MarkdownScan = Object.freeze({ headings: [], sections: [], tables: [], prose: [] });

/** A record reduced to its data and action items: see LoadOptions.lean. */
function leanRecord<T>(record: MarkdownRecord<T>, strings: Map<string, string>): MarkdownRecord<T> {
  // Not readActionItems: its cache would keep the whole record alive a while, as garbage.
  const table = parseActionItems(record);
  // structuredClone copies every string: slices of the file's text would keep all of it alive.
  const data = internStrings(structuredClone(record.data), strings);
  const doc = record.doc && {
    data,
    index: record.doc.index,
    broken: record.doc.broken,
    locate: () => NOWHERE,
    sourceText: () => undefined,
  };
  const lean: MarkdownRecord<T> = {
    file: record.file,
    data,
    doc,
    body: EMPTY_BODY,
    bodyLine: record.bodyLine,
    valid: record.valid,
  };
  if (table) {
    const items = internStrings(
      structuredClone(
        table.items.map(({ line, id, action, owner, due, priority, status, issue, done }) => ({
          line,
          id,
          action,
          owner,
          due,
          priority,
          status,
          issue,
          done,
        })),
      ),
      strings,
    ).map((item) => ({ ...item, cells: NO_CELLS }));
    rememberActionItems(lean, {
      headingLine: table.headingLine,
      columns: table.columns,
      missingColumns: table.missingColumns,
      items,
    });
  }
  return lean;
}

/** Replaces every short string in `value` by one shared copy (`strings` holds them): records repeat most of theirs. */
function internStrings<V>(value: V, strings: Map<string, string>): V {
  // Loaded data is a tree of bounded depth (yaml.ts refuses anything else); the bound here only
  // makes sure a walk can never run away.
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      if (v.length > 64) return v;
      const shared = strings.get(v);
      if (shared !== undefined) return shared;
      strings.set(v, v);
      return v;
    }
    if (depth > LIMITS.maxDataDepth) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = visit(v[i], depth + 1);
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      for (const key of Object.keys(o)) o[key] = visit(o[key], depth + 1);
    }
    return v;
  };
  return visit(value, 0) as V;
}

const listed = new WeakMap<Repository, Set<string>>();

function listFiles(repo: Repository, dir: string, extensions: string[]): string[] {
  const { files, problems } = listRecordFiles(repo.root, dir, extensions);
  for (const problem of problems) addProblem(repo, 'file-readable', problem);
  // A directory may be listed twice (incidents inside slos/, say): each file is read once.
  const seen = (listed.get(repo) ?? listed.set(repo, new Set(repo.files)).get(repo))!;
  const fresh = files.filter((f) => !seen.has(f));
  for (const f of fresh) seen.add(f);
  repo.files.push(...fresh);
  return fresh;
}

function addProblem(repo: Repository, rule: LoadRule, problem: FileProblem): void {
  repo.problems.push({
    rule,
    finding: {
      file: problem.file,
      at: { line: problem.line, column: problem.column },
      message: problem.message,
      hint: problem.hint,
    },
  });
}

/** Runs one file's loading so that any failure, even a bug, is reported against that file only. */
function guarded<T>(repo: Repository, file: string, load: () => T): T | undefined {
  try {
    return load();
  } catch (error) {
    if (error instanceof FileProblem) {
      addProblem(
        repo,
        'file-readable',
        error.file ? error : new FileProblem(file, error.message, error.hint, error.line, error.column),
      );
    } else {
      addProblem(
        repo,
        'file-readable',
        new FileProblem(
          file,
          `${file} could not be checked: ${(error as Error)?.message ?? String(error)}. This is a bug in Firebreak; the other files were still checked.`,
          'Please report it with the file attached.',
        ),
      );
    }
    return undefined;
  }
}

function loadYamlDirectory(repo: Repository, dir: string, options: LoadOptions): void {
  const { yamlCache } = options;
  for (const file of listFiles(repo, dir, ['.yaml', '.yml'])) {
    guarded(repo, file, () => {
      const { text, raw } = readTextFile(repo.root, file);
      for (const problem of bidiProblems(file, text)) addProblem(repo, 'bidi-controls', problem);
      const id = options.hashes || yamlCache ? blobId(raw) : '';
      if (options.hashes) repo.hashes.set(file, id);
      const known = yamlCache?.get(file, id);
      const parsed = known
        ? restoreYaml(file, text, known, { multiDocument: true })
        : parseYaml(file, text, { multiDocument: true });
      if (yamlCache && !known) yamlCache.set(file, id, toParsedYaml(parsed));
      for (const problem of parsed.problems) addProblem(repo, 'yaml-syntax', problem);
      if (parsed.problems.length === 0 && parsed.documents.length === 0) {
        addProblem(
          repo,
          'yaml-syntax',
          new FileProblem(
            file,
            `${file} holds no record: it is empty, or has only comments or "---".`,
            'Write a record in it (apiVersion, kind, metadata and spec), or delete the file.',
            1,
            1,
          ),
        );
      }
      for (const doc of parsed.documents) {
        const record = toKindRecord(repo, file, doc);
        if (record) repo.documents.push(record);
      }
    });
  }
}

function toKindRecord(repo: Repository, file: string, doc: YamlDocument): KindRecord | undefined {
  const where = `document ${doc.index + 1} of ${file}`;
  const schemaProblem = (finding: Finding) => repo.problems.push({ rule: 'schema', finding });
  const data = doc.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    schemaProblem({
      file,
      at: doc.locate([]),
      message: `${where} is not a map with apiVersion, kind, metadata and spec.`,
      hint: 'Start the document with "apiVersion: firebreak/v1" (or openslo/v1) and "kind: ...".',
    });
    return undefined;
  }
  const { apiVersion, kind, metadata, spec } = data as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: Metadata;
    spec?: unknown;
  };
  if (typeof apiVersion !== 'string' || !KNOWN_API_VERSIONS.includes(apiVersion)) {
    schemaProblem({
      file,
      at: doc.locate(['apiVersion']),
      message:
        apiVersion === undefined
          ? `${where} has no apiVersion.`
          : `${where} has apiVersion ${JSON.stringify(apiVersion)}, which Firebreak does not read.`,
      hint: `Use one of: ${KNOWN_API_VERSIONS.join(', ')}. OpenSLO v1alpha and v2alpha files need converting to openslo/v1.`,
    });
    return undefined;
  }
  const schemaId = typeof kind === 'string' ? `${apiVersion.replace('/', '-')}-${kind.toLowerCase()}.schema.json` : '';
  if (typeof kind !== 'string' || !hasSchema(schemaId) || kind.toLowerCase() === kind) {
    schemaProblem({
      file,
      at: doc.locate(['kind']),
      message: `${where} has kind ${JSON.stringify(kind)}, which is not a ${apiVersion} kind.`,
      hint: `Check the spelling and capitalisation; docs/records.md lists the kinds.`,
    });
    return undefined;
  }
  const name = typeof metadata?.name === 'string' ? metadata.name : '(unnamed)';
  const what = `${kind} "${name}"`;
  const findings = doc.broken ? [] : validateAgainst(schemaId, data, doc, file, what);
  for (const finding of findings) schemaProblem(finding);
  return {
    file,
    doc,
    apiVersion,
    kind,
    metadata: {
      ...(typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? metadata : {}),
      name,
    },
    spec: (spec ?? {}) as Record<string, unknown>,
    valid: !doc.broken && findings.length === 0,
  };
}

function loadMarkdownRecord<FrontMatter>(
  repo: Repository,
  file: string,
  schemaId: string,
  noun: 'incident' | 'runbook',
  options: LoadOptions & { prepared?: ReadonlyMap<string, PreparedFile> },
): MarkdownRecord<FrontMatter> | undefined {
  const { reuse } = options;
  const reusedAs = (hash: string, unread: boolean) => {
    const reused = reuse?.(file, hash);
    if (reused) repo.reused.push({ ...reused, file, kind: noun, ...(unread ? { unread } : {}) });
    return reused !== undefined;
  };
  const known = options.knownIds?.get(file);
  if (known !== undefined && reusedAs(known, true)) {
    repo.hashes.set(file, known);
    return undefined;
  }
  return guarded(repo, file, () => {
    const prepared = options.prepared?.get(file);
    const read = prepared ? undefined : readTextFile(repo.root, file);
    const text = prepared ? prepared.text : read!.text;
    for (const problem of bidiProblems(file, text)) addProblem(repo, 'bidi-controls', problem);
    if (options.hashes || reuse) {
      const hash = prepared ? prepared.hash : blobId(read!.raw);
      repo.hashes.set(file, hash);
      if (reusedAs(hash, false)) return undefined;
    }
    const { result, problems } = prepared ? restoreFrontMatter(file, prepared) : readFrontMatter(file, text);
    for (const problem of problems) addProblem(repo, 'yaml-syntax', problem);
    if (!result) return undefined;
    const body = scanMarkdown(result.body, result.bodyLine);
    const doc = result.frontMatter;
    if (!doc) {
      if (problems.length === 0) {
        repo.problems.push({
          rule: 'schema',
          finding: {
            file,
            at: { line: 1, column: 1 },
            message: `${file} has no front matter, so it is not a valid ${noun}.`,
            hint: `Start the file with "---", the ${noun}'s fields in YAML (see docs/records.md), and "---".`,
          },
        });
      }
      return { file, data: {} as FrontMatter, body, bodyLine: result.bodyLine, valid: false };
    }
    const id = (doc.data as { id?: unknown } | null)?.id;
    const what =
      typeof id === 'string' ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${id}` : `The ${noun} in ${file}`;
    const findings = doc.broken ? [] : validateAgainst(schemaId, doc.data, doc, file, what);
    for (const finding of findings) repo.problems.push({ rule: 'schema', finding });
    return {
      file,
      doc,
      data: doc.data as FrontMatter,
      body,
      bodyLine: result.bodyLine,
      valid: !doc.broken && findings.length === 0,
    };
  });
}
