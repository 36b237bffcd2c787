// Reading Markdown records and parsing their front matter on worker threads. YAML parsing is
// most of a cold validation, and each file's is independent: workers (the same bundle, started
// again with a marker in workerData) read and parse batches of files and send back the text and
// what they found as plain data; the loader then takes each file from there instead of reading
// and parsing it itself, and does the rest (Markdown, schemas, rules) as it always does.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FRONT_MATTER_YAML, splitFrontMatter, type FrontMatterFile } from './front-matter.ts';
import {
  blobId,
  fromPlainProblem,
  readTextFile,
  toPlainProblem,
  type FileProblem,
  type PlainProblem,
} from './read-file.ts';
import { parseYaml, restoreYaml, toParsedYaml, type ParsedYaml } from './yaml.ts';

const ROLE = 'firebreak-record-reader';
/** Files per message: large enough that messaging is cheap, small enough to share work evenly. */
const BATCH = 250;
/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 2000;

/** One file as a worker read it: its text, content id, and the front matter as offsets into the text. */
export interface PreparedFile {
  text: string;
  hash: string;
  problems: PlainProblem[];
  split?: { matterStart?: number; matterLength?: number; bodyStart: number; bodyLine: number; yaml?: ParsedYaml };
}

/** True in a thread started by readInParallel: the entry point then serves it instead of running. */
export function isRecordReaderThread(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

/** The worker's side: read and parse each batch of files it is sent, and send the results back. */
export function serveRecordReader(): void {
  const { root } = workerData as { root: string };
  parentPort!.on('message', (files: string[]) => parentPort!.postMessage(files.map((file) => prepareFile(root, file))));
}

/** Null when anything is unusual (unreadable file, a bug): the loader then reads that file itself and reports it. */
function prepareFile(root: string, file: string): PreparedFile | null {
  try {
    const { text, raw } = readTextFile(root, file);
    const prepared: PreparedFile = { text, hash: blobId(raw), problems: [] };
    const split = splitFrontMatter(file, text);
    prepared.problems = split.problems.map(toPlainProblem);
    if (!split.result) return prepared;
    const { matter, body, bodyLine } = split.result;
    const bodyStart = text.length - body.length;
    if (text.slice(bodyStart) !== body) return null;
    if (matter === undefined) {
      prepared.split = { bodyStart, bodyLine };
      return prepared;
    }
    const matterStart = text.indexOf(matter);
    if (matterStart < 0) return null;
    const parsed = parseYaml(file, matter, FRONT_MATTER_YAML(file));
    const yaml = toParsedYaml(parsed);
    prepared.problems.push(...yaml.problems);
    prepared.split = {
      matterStart,
      matterLength: matter.length,
      bodyStart,
      bodyLine,
      yaml: { documents: yaml.documents, problems: [] },
    };
    return prepared;
  } catch {
    return null;
  }
}

/** readFrontMatter's result for a prepared file, without parsing it again. */
export function restoreFrontMatter(
  file: string,
  prepared: PreparedFile,
): { result?: FrontMatterFile; problems: FileProblem[] } {
  const problems = prepared.problems.map((p) => fromPlainProblem(file, p));
  const split = prepared.split;
  if (!split) return { problems };
  const body = prepared.text.slice(split.bodyStart);
  if (!split.yaml || split.matterStart === undefined) return { result: { body, bodyLine: split.bodyLine }, problems };
  const matter = prepared.text.slice(split.matterStart, split.matterStart + split.matterLength!);
  const { documents } = restoreYaml(file, matter, split.yaml, FRONT_MATTER_YAML(file));
  return { result: { frontMatter: documents[0], body, bodyLine: split.bodyLine }, problems };
}

/** How many threads to use for `files` files, this one included: `requested` (1 or 0: this one only), else one per core up to 4. */
export function readerThreads(files: number, requested?: number): number {
  if (requested !== undefined) return Math.min(requested, 16);
  if (files < PARALLEL_MIN_FILES) return 1;
  return Math.min(availableParallelism(), 4);
}

// Per file, measured on the 10,000-incident benchmark corpus with two threads sharing two cores
// (each runs slower than alone): loading one completely on this thread, preparing one on a worker,
// and finishing a prepared one. They set how many files this thread takes itself, so that it and
// the workers finish together.
const LOAD_MS = 0.76;
const PREPARE_MS = 0.64;
const FINISH_MS = 0.07;

/** The share of the files this thread loads itself while `workers` workers prepare the rest. */
export function mainThreadShare(workers: number): number {
  const prepare = PREPARE_MS / workers;
  return Math.max(0, (prepare - FINISH_MS) / (LOAD_MS - FINISH_MS + prepare));
}

/**
 * Starts `threads` workers from `entry` (a bundle whose entry point calls serveRecordReader when
 * isRecordReaderThread) on contiguous parts of `files`, all sent at once so that they work while
 * this thread is busy. Files a worker could not prepare are left out, and a failing worker only
 * makes the result smaller: the loader handles those files the ordinary way.
 */
export async function readInBackground(
  root: string,
  files: string[],
  entry: URL,
  threads: number,
): Promise<Map<string, PreparedFile>> {
  const prepared = new Map<string, PreparedFile>();
  const per = Math.ceil(files.length / threads);
  const work = (part: string[]) =>
    new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(entry, { workerData: { role: ROLE, root } });
      } catch {
        return resolve();
      }
      const batches: string[][] = [];
      for (let i = 0; i < part.length; i += BATCH) batches.push(part.slice(i, i + BATCH));
      let received = 0;
      const done = () => {
        resolve();
        void worker.terminate();
      };
      worker.on('message', (results: (PreparedFile | null)[]) => {
        const batch = batches[received++]!;
        results.forEach((result, i) => result && prepared.set(batch[i]!, result));
        if (received === batches.length) done();
      });
      worker.on('error', done);
      worker.on('exit', () => resolve());
      if (batches.length === 0) done();
      for (const batch of batches) worker.postMessage(batch);
    });
  const parts: string[][] = [];
  for (let i = 0; i < files.length; i += per) parts.push(files.slice(i, i + per));
  await Promise.all(parts.map(work));
  return prepared;
}
