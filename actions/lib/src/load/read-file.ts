import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { LIMITS } from './limits.ts';

export interface TextFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** Contents with any byte-order mark removed and CRLF / CR turned into LF: line numbers stay the user's. */
  text: string;
  bytes: number;
  /** The bytes as read, for content ids (see blobId). */
  raw: Buffer;
}

export class FileProblem extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly hint?: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
  }
}

/** A FileProblem as plain data, for caches and worker threads (the file is known from where it is kept). */
export interface PlainProblem {
  message: string;
  hint?: string;
  line: number;
  column: number;
}

export function toPlainProblem({ message, hint, line, column }: FileProblem): PlainProblem {
  return { message, ...(hint ? { hint } : {}), line, column };
}

export function fromPlainProblem(file: string, { message, hint, line, column }: PlainProblem): FileProblem {
  return new FileProblem(file, message, hint, line, column);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Resolves a repository-relative path and refuses anything that leaves the repository or goes through a link. */
export function resolveInside(root: string, relative: string): string {
  const absolute = path.resolve(root, relative);
  const fromRoot = path.relative(root, absolute);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    throw new FileProblem(
      toPosix(relative),
      `"${relative}" is outside the repository ${root}.`,
      'Name a file inside the repository.',
    );
  }
  return absolute;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// Thousands of records share a few directories: resolve each directory once per repository load
// (loadRepository starts with forgetRealpaths). The file itself is still lstat'ed every time.
const realpaths = new Map<string, string>();
export function forgetRealpaths(): void {
  realpaths.clear();
}
function realpathOf(dir: string): string {
  let real = realpaths.get(dir);
  if (real === undefined) {
    real = realpathSync(dir);
    if (realpaths.size > 10_000) realpaths.clear();
    realpaths.set(dir, real);
  }
  return real;
}

/** Reads one record file safely: inside the root, not a link, not too large, valid UTF-8. */
export function readTextFile(root: string, relative: string): TextFile {
  const rel = toPosix(relative);
  const absolute = resolveInside(root, relative);
  const parentReal = realpathOf(path.dirname(absolute));
  const rootReal = realpathOf(root);
  if (parentReal !== rootReal && !parentReal.startsWith(rootReal + path.sep)) {
    throw new FileProblem(
      rel,
      `${rel} is reached through a symbolic link that leaves the repository; it was not read.`,
      'Replace the link with the file itself.',
    );
  }
  const { stat, buffer } = readRegularFile(rel, absolute);
  if (stat.size > LIMITS.maxFileBytes) {
    throw new FileProblem(
      rel,
      `${rel} is ${formatBytes(stat.size)}, over the ${formatBytes(LIMITS.maxFileBytes)} limit for one record; it was not read.`,
      'Split the record, or move attachments out of the repository and link to them.',
    );
  }
  return { path: rel, text: decodeText(rel, buffer!), bytes: buffer!.length, raw: buffer! };
}

/**
 * Git's id for a file's contents (sha1 of "blob <size>\0" and the bytes): the same id git's index
 * holds for an unmodified tracked file, so a cache can recognise such files without reading them.
 */
export function blobId(raw: Uint8Array): string {
  return createHash('sha1').update(`blob ${raw.length}\0`).update(raw).digest('hex');
}

const linkProblem = (rel: string) =>
  new FileProblem(
    rel,
    `${rel} is a symbolic link; Firebreak does not follow links, so it was not read.`,
    'Replace the link with a copy of the file, or move the file here.',
  );

/**
 * Opens the file itself, never a link (O_NOFOLLOW) and without waiting on a pipe (O_NONBLOCK), then
 * checks what was opened: one open, one stat, with no gap between check and read. Where the
 * system has no O_NOFOLLOW (Windows), the path is checked with lstat first. The contents are read
 * only when the file is within the size limit.
 */
function readRegularFile(rel: string, absolute: string): { stat: Stats; buffer?: Buffer } {
  const noFollow = constants.O_NOFOLLOW;
  if (noFollow === undefined && lstatSync(absolute).isSymbolicLink()) throw linkProblem(rel);
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | (noFollow ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw linkProblem(rel);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileProblem(rel, `${rel} is not a regular file.`);
    if (stat.size > LIMITS.maxFileBytes) return { stat };
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return { stat, buffer: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

export function decodeText(file: string, buffer: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    const offset = firstInvalidUtf8(buffer);
    const before = Buffer.from(buffer.subarray(0, offset)).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new FileProblem(
      file,
      `${file} is not valid UTF-8: byte 0x${(buffer[offset] ?? 0).toString(16).padStart(2, '0')} at line ${line}, column ${column} cannot be decoded; the file was not changed.`,
      'Save the file as UTF-8 (most editors: "Save with encoding" / "Reopen with encoding").',
      line,
      column,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return text;
}

function firstInvalidUtf8(buffer: Uint8Array): number {
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = buffer[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    try {
      utf8.decode(buffer.subarray(i, i + need + 1));
    } catch {
      return i; // overlong forms and surrogates
    }
    i += need + 1;
  }
  return Math.max(0, buffer.length - 1);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}
