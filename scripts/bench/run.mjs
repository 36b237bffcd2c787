// The benchmark for "fast on a repository with years of incidents".
//
//   node scripts/bench/run.mjs --sizes 1000,10000 [--runs 5] [--seed 1] [--report-only-sizes 50000]
//                              [--out scripts/bench/results/latest.json] [--markdown FILE]
//                              [--cli actions/cli/dist/index.js] [--only report,site]
//
// For each size it generates the corpus (scripts/bench/corpus.mjs, cached by size, seed and
// generator inputs under os.tmpdir()/firebreak-bench) and times child processes, each figure the
// median of --runs runs, the runs of all figures interleaved so that a busy machine slows them alike:
//
//   floor A        read every record file (floor-read.mjs)
//   floor B        read every file, split off and parse its front matter with the project's own YAML
//                  reader (floor-yaml.ts, bundled with ncc at start: actions/lib/src/load/*.ts)
//   validate cold  firebreak validate (the bundled CLI)
//   validate warm  firebreak validate again after one incident changed (run, edit, run: the second
//                  run), with the CLI's --cache FILE when it has that option
//   report         firebreak report
//   site           firebreak site --out DIR (the static site), on the same records; the size of its
//                  largest page is kept too
//   markdownlint   markdownlint-cli2 on the same Markdown files, default rules
//   remark         unified + remark-parse + remark-gfm parse of every Markdown body (peer-remark.mjs)
//
// and, once, the start of a bundled action (follow-ups, first output with no inputs, so it exits at
// once) against a bare `node -e 0`. Peak memory of each child comes from GNU time (`/usr/bin/time
// -f %M`, installed by install-time.mjs when missing and possible), else from a --import hook that
// makes each Node child report its own maxRSS. --report-only-sizes measures only `firebreak report`
// (time and peak memory) on larger corpora. Prints a Markdown table per size and the targets, and
// writes every run to the JSON file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_NOW, GENERATOR_VERSION, generateCorpus } from './corpus.mjs';
import { ensureTime } from './install-time.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DEFAULT_CLI = path.join(ROOT, 'actions', 'cli', 'dist', 'index.js');
const ACTION = path.join(ROOT, 'actions', 'follow-ups', 'dist', 'index.js');
const NCC = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const MARKDOWNLINT = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const MARKDOWNLINT_CONFIG = path.join(HERE, 'bench.markdownlint-cli2.jsonc');
const CACHE = path.join(os.tmpdir(), 'firebreak-bench');

export const FIGURES = {
  floorRead: 'floor A: read every file',
  floorYaml: 'floor B: read + parse front matter',
  validateCold: 'firebreak validate (cold)',
  validateColdOneThread: 'firebreak validate (cold, --jobs 1)',
  validateWarm: 'firebreak validate (warm, 1 file changed)',
  report: 'firebreak report',
  site: 'firebreak site',
  markdownlint: 'markdownlint-cli2',
  remark: 'remark-parse + remark-gfm',
};
export const START_FIGURES = {
  nodeBare: 'node -e 0 (to exit)',
  actionStart: 'follow-ups action (to first output)',
};

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const args = {
    sizes: [1000, 10000],
    runs: 5,
    seed: 1,
    now: DEFAULT_NOW,
    reportOnlySizes: [],
    out: path.join(HERE, 'results', 'latest.json'),
    markdown: undefined,
    cli: DEFAULT_CLI,
    only: undefined,
  };
  const list = (text) => String(text).split(',').filter(Boolean).map(Number);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--sizes') args.sizes = list(value());
    else if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--now') args.now = value();
    else if (flag === '--report-only-sizes') args.reportOnlySizes = list(value());
    else if (flag === '--out') args.out = path.resolve(value());
    else if (flag === '--markdown') args.markdown = path.resolve(value());
    else if (flag === '--cli') args.cli = path.resolve(value());
    else if (flag === '--only') args.only = value().split(',').filter(Boolean);
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  for (const name of args.only ?? [])
    if (!(name in FIGURES))
      throw new Error(`--only: unknown figure ${name}; the figures are ${Object.keys(FIGURES).join(', ')}`);
  for (const n of [...args.sizes, ...args.reportOnlySizes])
    if (!Number.isInteger(n) || n < 1) throw new Error(`sizes must be whole numbers of 1 or more, not ${n}`);
  if (!Number.isInteger(args.runs) || args.runs < 1)
    throw new Error(`--runs must be a whole number of 1 or more, not ${args.runs}`);
  return args;
}

// ---------------------------------------------------------------------------------------------
// Inputs: the corpus and the floor B bundle, cached by what they are made from

function hashFiles(files, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(existsSync(file) ? readFileSync(file) : '')
      .update('\0');
  return hash.digest('hex').slice(0, 12);
}

function filesUnder(dir, extension) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function ensureCorpus(size, seed, now, log) {
  const inputs = [
    path.join(HERE, 'corpus.mjs'),
    ...['policies', 'slos', 'runbooks'].flatMap((d) => [
      ...filesUnder(path.join(ROOT, d), '.yaml'),
      ...filesUnder(path.join(ROOT, d), '.md'),
    ]),
  ];
  const key = hashFiles(inputs, `${GENERATOR_VERSION}|git|${now}`);
  const prefix = `corpus-n${size}-s${seed}-`;
  const dir = path.join(CACHE, `${prefix}${key}`);
  const marker = path.join(dir, '.bench-corpus.json');
  mkdirSync(CACHE, { recursive: true });
  pruneStale(prefix, path.basename(dir));
  if (existsSync(marker)) {
    touch(marker);
    return { dir, ...JSON.parse(readFileSync(marker, 'utf8')), cached: true };
  }
  log(`generating ${size} incidents (seed ${seed}) in ${dir}`);
  // Generated aside and renamed into place, so another checkout sharing the cache never sees half a corpus.
  const tmp = mkdtempSync(path.join(CACHE, `${prefix}tmp-`));
  const started = performance.now();
  const stats = generateCorpus({ incidents: size, seed, out: tmp, now });
  commitCorpus(tmp);
  const info = {
    incidents: stats.incidents,
    files: recordCount(tmp),
    bytes: stats.bytes,
    smallest: stats.smallest,
    largest: stats.largest,
    years: stats.years,
    firstYear: stats.firstYear,
    lastYear: stats.lastYear,
    generateMs: Math.round(performance.now() - started),
  };
  writeFileSync(path.join(tmp, '.bench-corpus.json'), JSON.stringify(info));
  return { dir, ...info, cached: !moveInto(tmp, dir) };
}

/**
 * An incident repository is a git repository, and CI validates a checkout of it: the corpus is
 * committed, so that git-aware work (the validate cache reads only files that differ from git's
 * index) is measured as it runs there.
 */
function commitCorpus(dir) {
  const git = (...args) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=Firebreak benchmark',
        '-c',
        'user.email=bench@example.com',
        '-c',
        'commit.gpgsign=false',
        ...args,
      ],
      { cwd: dir, stdio: 'ignore' },
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'Benchmark corpus');
}

/** Renames a finished build into place; false (and the build dropped) when another process was first. */
function moveInto(tmp, dir) {
  try {
    renameSync(tmp, dir);
    return true;
  } catch (error) {
    if (!['EEXIST', 'ENOTEMPTY'].includes(error?.code)) throw error;
    rmSync(tmp, { recursive: true, force: true });
    return false;
  }
}

const STALE_MS = 24 * 60 * 60 * 1000;

function touch(file) {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // another process removed it; it is rebuilt next time
  }
}

/**
 * Removes cached corpora or bundles made from other inputs (same prefix, other key), but only
 * those unused for a day: other checkouts on this machine share the cache and may be using theirs.
 */
function pruneStale(prefix, keep) {
  for (const name of readdirSync(CACHE)) {
    if (!name.startsWith(prefix) || name === keep) continue;
    const full = path.join(CACHE, name);
    const used = ['.bench-corpus.json', 'index.js'].map((f) => path.join(full, f)).find((f) => existsSync(f)) ?? full;
    try {
      if (Date.now() - statSync(used).mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
}

function recordCount(dir) {
  return (
    ['incidents', 'runbooks'].reduce((n, d) => n + filesUnder(path.join(dir, d), '.md').length, 0) +
    ['slos', 'policies'].reduce(
      (n, d) => n + filesUnder(path.join(dir, d), '.yaml').length + filesUnder(path.join(dir, d), '.yml').length,
      0,
    )
  );
}

function buildFloorYaml(log) {
  const entry = path.join(HERE, 'floor-yaml.ts');
  const inputs = [
    entry,
    path.join(HERE, 'records.mjs'),
    ...filesUnder(path.join(ROOT, 'actions', 'lib', 'src', 'load'), '.ts'),
    path.join(ROOT, 'actions', 'lib', 'src', 'diagnostics.ts'),
    ...['yaml', 'gray-matter', '@vercel/ncc'].map((p) => path.join(ROOT, 'node_modules', p, 'package.json')),
  ];
  const out = path.join(CACHE, `floor-yaml-${hashFiles(inputs)}`);
  const bundle = path.join(out, 'index.js');
  mkdirSync(CACHE, { recursive: true });
  pruneStale('floor-yaml-', path.basename(out));
  if (existsSync(bundle)) {
    touch(bundle);
    return bundle;
  }
  log(`bundling ${path.relative(ROOT, entry)} with ncc into ${out}`);
  const tmp = mkdtempSync(path.join(CACHE, 'floor-yaml-tmp-'));
  execFileSync(process.execPath, [NCC, 'build', entry, '-o', tmp, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The bundle is ESM (the package is "type": "module"); outside the repository it needs to say so.
  writeFileSync(path.join(tmp, 'package.json'), '{ "type": "module" }\n');
  moveInto(tmp, out);
  return bundle;
}

// ---------------------------------------------------------------------------------------------
// Measuring one child

const HOOK = pathToFileURL(path.join(HERE, 'maxrss-hook.mjs')).href;

/** Undone when the benchmark is interrupted: the running child is stopped, an edited incident restored. */
const cleanups = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const cleanup of cleanups) cleanup();
    process.exit(130);
  });
}

function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env))
    if (/^(NODE_OPTIONS|GITHUB_|INPUT_|RUNNER_|ACTIONS_|VITEST|FORCE_COLOR)/.test(key)) delete env[key];
  return env;
}

/**
 * Runs `node args...` once: wall time from spawn to exit, time to its first byte of output, and
 * the child's peak resident set (KiB).
 */
function runOnce(args, { cwd = ROOT, timeBin, scratch, okStatus = [0] }) {
  const rssFile = path.join(scratch, `rss-${process.hrtime.bigint()}`);
  const env = childEnv();
  let command = process.execPath;
  let argv = args;
  if (timeBin) {
    command = timeBin;
    argv = ['-f', '%M', '-o', rssFile, process.execPath, ...args];
  } else {
    env.NODE_OPTIONS = `--import=${HOOK}`;
    env.BENCH_MAXRSS_FILE = rssFile;
  }
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first;
    let outBytes = 0;
    let errTail = '';
    const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = () => child.kill('SIGKILL');
    cleanups.add(stop);
    const seen = () => {
      if (first === undefined) first = process.hrtime.bigint();
    };
    child.stdout.on('data', (chunk) => {
      seen();
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk) => {
      seen();
      outBytes += chunk.length;
      errTail = (errTail + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const end = process.hrtime.bigint();
      cleanups.delete(stop);
      let peakKiB = null;
      try {
        const numbers = readFileSync(rssFile, 'utf8')
          .split('\n')
          .filter((l) => /^\d+$/.test(l.trim()))
          .map(Number);
        if (numbers.length > 0) peakKiB = Math.max(...numbers);
        rmSync(rssFile, { force: true });
      } catch {
        // no measurement
      }
      if (!okStatus.includes(status)) {
        reject(
          new Error(
            `node ${args.join(' ')} (in ${cwd}) exited with ${signal ?? status}; expected ${okStatus.join(' or ')}.\n${errTail}`,
          ),
        );
        return;
      }
      resolve({
        ms: Number(end - start) / 1e6,
        firstOutputMs: first === undefined ? null : Number(first - start) / 1e6,
        peakKiB,
        status,
        outBytes,
      });
    });
  });
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(label, command, runs, pick = (r) => r.ms) {
  const ms = runs.map(pick);
  const peak = runs.map((r) => (r.peakKiB === null ? null : r.peakKiB / 1024));
  return {
    label,
    command,
    medianMs: round(median(ms)),
    runsMs: ms.map(round),
    peakMB: round(median(peak.filter((p) => p !== null)) ?? null),
    runsPeakMB: peak.map((p) => (p === null ? null : round(p))),
    exitStatus: runs.map((r) => r.status),
    outputBytes: runs.map((r) => r.outBytes),
  };
}

function round(n) {
  return n === null || n === undefined ? null : Math.round(n * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// Figures

function sizeFigures(corpus, { floorYaml, now, cli, cacheFile, jobs, siteDir }) {
  const dir = corpus.dir;
  const CLI = cli;
  const cache = cacheFile ? ['--cache', cacheFile] : [];
  const rel = (p) => (path.relative(ROOT, p).startsWith('..') ? p : path.relative(ROOT, p));
  return {
    floorRead: {
      args: [path.join(HERE, 'floor-read.mjs'), '--root', dir],
      shown: `node ${rel(path.join(HERE, 'floor-read.mjs'))} --root DIR`,
    },
    floorYaml: {
      args: [floorYaml, '--root', dir],
      shown: 'node <ncc bundle of scripts/bench/floor-yaml.ts> --root DIR',
    },
    validateCold: {
      args: [CLI, 'validate', '--root', dir, '--now', now],
      ok: [0, 1],
      shown: `node ${rel(CLI)} validate --root DIR --now ${now}`,
    },
    ...(jobs
      ? {
          validateColdOneThread: {
            args: [CLI, 'validate', '--root', dir, '--now', now, '--jobs', '1'],
            ok: [0, 1],
            shown: `node ${rel(CLI)} validate --root DIR --now ${now} --jobs 1`,
          },
        }
      : {}),
    validateWarm: {
      args: [CLI, 'validate', '--root', dir, '--now', now, ...cache],
      ok: [0, 1],
      warm: true,
      cacheFile,
      shown: `node ${rel(CLI)} validate --root DIR --now ${now}${cacheFile ? ' --cache FILE' : ''} (after a first run and an edit of one incident)`,
    },
    report: {
      args: [CLI, 'report', '--root', dir, '--now', now],
      shown: `node ${rel(CLI)} report --root DIR --now ${now}`,
    },
    ...(siteDir
      ? {
          site: {
            args: [CLI, 'site', '--root', dir, '--now', now, '--out', siteDir],
            shown: `node ${rel(CLI)} site --root DIR --now ${now} --out OUT`,
          },
        }
      : {}),
    markdownlint: {
      args: [MARKDOWNLINT, '--config', MARKDOWNLINT_CONFIG, 'incidents/**/*.md', 'runbooks/**/*.md'],
      cwd: dir,
      ok: [0, 1],
      shown: `node ${rel(MARKDOWNLINT)} --config ${rel(MARKDOWNLINT_CONFIG)} "incidents/**/*.md" "runbooks/**/*.md" (in DIR)`,
    },
    remark: {
      args: [path.join(HERE, 'peer-remark.mjs'), '--root', dir],
      shown: `node ${rel(path.join(HERE, 'peer-remark.mjs'))} --root DIR`,
    },
  };
}

/** The incident the warm run changes: the first file of the latest year, edited and restored. */
function warmTarget(dir) {
  const years = readdirSync(path.join(dir, 'incidents')).sort();
  const yearDir = path.join(dir, 'incidents', years[years.length - 1]);
  return path.join(yearDir, readdirSync(yearDir).sort()[0]);
}

async function measureFigures(figures, names, runs, context, log) {
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const warmFile = names.includes('validateWarm') ? warmTarget(context.dir) : undefined;
  const original = warmFile ? readFileSync(warmFile, 'utf8') : undefined;
  const restore = () => warmFile && writeFileSync(warmFile, original);
  if (warmFile) cleanups.add(restore);
  try {
    for (let run = 0; run < runs; run++) {
      for (const name of names) {
        const figure = figures[name];
        const options = {
          cwd: figure.cwd ?? ROOT,
          timeBin: context.timeBin,
          scratch: context.scratch,
          okStatus: figure.ok ?? [0],
        };
        if (figure.warm) {
          if (figure.cacheFile) rmSync(figure.cacheFile, { force: true });
          await runOnce(figure.args, options);
          writeFileSync(warmFile, `${original}\n<!-- benchmark edit ${run + 1} -->\n`);
        }
        const result = await runOnce(figure.args, options);
        if (figure.warm) writeFileSync(warmFile, original);
        results[name].push(result);
        log(
          `  run ${run + 1}/${runs} ${FIGURES[name] ?? START_FIGURES[name] ?? name}: ${Math.round(figure.pick ? figure.pick(result) : result.ms)} ms, ${result.peakKiB === null ? '?' : Math.round(result.peakKiB / 1024)} MB`,
        );
      }
    }
  } finally {
    restore();
    cleanups.delete(restore);
  }
  return Object.fromEntries(
    names.map((n) => [n, summarize(FIGURES[n] ?? START_FIGURES[n], figures[n].shown, results[n], figures[n].pick)]),
  );
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = (n, digits = 0) =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a, b) => (a === null || b === null || !b ? null : a / b);

export function sizeTable(size) {
  const site = size.site
    ? `\n\nThe site: ${fmt(size.site.pages)} files, ${fmt(size.site.totalBytes / 1048576, 1)} MiB; the largest, ${size.site.largestPage}, ${fmt(size.site.largestPageBytes / 1024)} KB.`
    : '';
  return sizeRows(size) + site;
}

function sizeRows(size) {
  const f = size.figures;
  const floorB = f.floorYaml?.medianMs ?? null;
  const floorA = f.floorRead?.medianMs ?? null;
  const lines = [
    `**${fmt(size.incidents)} incidents** (${fmt(size.files)} files, ${fmt(size.bytes / 1048576, 1)} MiB of incidents, ${size.years} years)${size.reportOnly ? ', report only' : ''}:`,
    '',
    '| figure | median ms | × floor B | × floor A | peak MB |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [name, figure] of Object.entries(f)) {
    lines.push(
      `| ${FIGURES[name] ?? name} | ${fmt(figure.medianMs)} | ${fmt(ratio(figure.medianMs, floorB), 2)} | ${fmt(ratio(figure.medianMs, floorA), 2)} | ${fmt(figure.peakMB)} |`,
    );
  }
  return lines.join('\n');
}

export function startTable(start) {
  const bare = start.nodeBare.medianMs;
  return [
    '**Action start**:',
    '',
    '| figure | median ms | × node -e 0 | peak MB |',
    '|---|---:|---:|---:|',
    ...Object.entries(start).map(
      ([name, f]) =>
        `| ${START_FIGURES[name] ?? name} | ${fmt(f.medianMs)} | ${fmt(ratio(f.medianMs, bare), 2)} | ${fmt(f.peakMB)} |`,
    ),
  ].join('\n');
}

/** The pages of a built site: how many, their total size, and the largest (HTML, JSON and feed alike). */
function pageSizes(dir) {
  const files = filesUnder(dir, '').map((file) => ({
    page: path.relative(dir, file).split(path.sep).join('/'),
    bytes: statSync(file).size,
  }));
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a), { page: null, bytes: 0 });
  return {
    pages: files.length,
    totalBytes: files.reduce((a, f) => a + f.bytes, 0),
    largestPage: largest.page,
    largestPageBytes: largest.bytes,
  };
}

export function evaluateTargets(sizes, start) {
  const targets = [];
  for (const size of sizes.filter((s) => !s.reportOnly)) {
    const f = size.figures;
    const n = size.incidents;
    if (f.validateCold && f.floorYaml && f.markdownlint && f.validateWarm && f.floorRead) {
      const cold = f.validateCold.medianMs;
      targets.push({
        id: 'validate-cold-vs-floor-b',
        size: n,
        text: `cold validate ≤ 1.5 × floor B (${fmt(n)})`,
        value: round(ratio(cold, f.floorYaml.medianMs) * 100) / 100,
        limit: 1.5,
        unit: '× floor B',
        met: cold <= 1.5 * f.floorYaml.medianMs,
      });
      targets.push({
        id: 'validate-cold-vs-markdownlint',
        size: n,
        text: `cold validate ≥ 20× faster than markdownlint-cli2 (${fmt(n)})`,
        value: round(ratio(f.markdownlint.medianMs, cold) * 100) / 100,
        limit: 20,
        unit: '× faster',
        met: f.markdownlint.medianMs >= 20 * cold,
      });
      targets.push({
        id: 'validate-warm-vs-floor-a',
        size: n,
        text: `warm validate ≤ 2 × floor A (${fmt(n)})`,
        value: round(ratio(f.validateWarm.medianMs, f.floorRead.medianMs) * 100) / 100,
        limit: 2,
        unit: '× floor A',
        met: f.validateWarm.medianMs <= 2 * f.floorRead.medianMs,
      });
    }
    if (f.site && f.report) {
      targets.push({
        id: 'site-vs-report',
        size: n,
        text: `site ≤ 2 × report (${fmt(n)})`,
        value: round(ratio(f.site.medianMs, f.report.medianMs) * 100) / 100,
        limit: 2,
        unit: '× report',
        met: f.site.medianMs <= 2 * f.report.medianMs,
      });
      const kb = size.site.largestPageBytes / 1024;
      targets.push({
        id: 'site-page-size',
        size: n,
        text: `every site page < 500 KB (${fmt(n)}; largest ${size.site.largestPage})`,
        value: round(kb),
        limit: 500,
        unit: 'KB',
        met: kb < 500,
      });
    }
  }
  const fifty = sizes.find((s) => s.incidents === 50000 && s.figures.report);
  targets.push(
    fifty
      ? {
          id: 'report-memory-50k',
          size: 50000,
          text: 'report on 50,000 incidents < 512 MB',
          value: fifty.figures.report.peakMB,
          limit: 512,
          unit: 'MB',
          met: fifty.figures.report.peakMB !== null && fifty.figures.report.peakMB < 512,
        }
      : {
          id: 'report-memory-50k',
          size: 50000,
          text: 'report on 50,000 incidents < 512 MB',
          value: null,
          limit: 512,
          unit: 'MB',
          met: null,
        },
  );
  const startRatio = ratio(start.actionStart.medianMs, start.nodeBare.medianMs);
  targets.push({
    id: 'action-start',
    size: null,
    text: 'action start ≤ 3 × node -e 0',
    value: round(startRatio * 100) / 100,
    limit: 3,
    unit: '× node -e 0',
    met: startRatio !== null && startRatio <= 3,
  });
  return targets;
}

export function targetsTable(targets) {
  return [
    '| target | measured | met |',
    '|---|---:|---|',
    ...targets.map(
      (t) =>
        `| ${t.text} | ${t.value === null ? 'not measured' : `${fmt(t.value, t.unit === 'MB' || t.unit === 'KB' ? 0 : 2)} ${t.unit}`} | ${t.met === null ? '—' : t.met ? 'met' : '**not met**'} |`,
    ),
  ].join('\n');
}

function cpuModel() {
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    if (model) return model.trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** What the benchmark ran: the CLI bundle (and whether it has --cache) and the commit it sits in. */
function cliInfo(cli) {
  const help = spawnSync(process.execPath, [cli, 'validate', '--help'], { encoding: 'utf8', env: childEnv() });
  if (help.status !== 0)
    throw new Error(
      `${cli} validate --help exited with ${help.status}: is the CLI built (npm run build)?\n${help.stderr}`,
    );
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const relative = path.relative(ROOT, cli);
  const inRepo = !relative.startsWith('..') && !path.isAbsolute(relative);
  return {
    path: inRepo ? relative : cli,
    sha256: createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 16),
    supportsCache: /--cache\b/.test(help.stdout),
    supportsJobs: /--jobs\b/.test(help.stdout),
    supportsSite:
      spawnSync(process.execPath, [cli, 'site', '--help'], { encoding: 'utf8', env: childEnv() }).status === 0,
    commit: git('rev-parse', 'HEAD'),
    bundleAsCommitted: inRepo ? git('status', '--porcelain', '--', relative) === '' : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

export async function runBenchmark(options, log = (line) => console.error(line)) {
  const timeBin = ensureTime({ log });
  const cliPath = options.cli ?? DEFAULT_CLI;
  const cli = cliInfo(cliPath);
  const floorYaml = buildFloorYaml(log);
  mkdirSync(CACHE, { recursive: true });
  const scratch = mkdtempSync(path.join(CACHE, 'scratch-'));
  const dropScratch = () => rmSync(scratch, { recursive: true, force: true });
  cleanups.add(dropScratch);
  const loadBefore = os.loadavg();
  const startedAt = new Date().toISOString();
  const sizes = [];
  try {
    const plan = [
      ...options.sizes.map((n) => ({ n, reportOnly: false })),
      ...options.reportOnlySizes.map((n) => ({ n, reportOnly: true })),
    ];
    for (const { n, reportOnly } of plan) {
      const corpus = ensureCorpus(n, options.seed, options.now, log);
      log(`${n} incidents: ${corpus.files} files in ${corpus.dir}${corpus.cached ? ' (cached)' : ''}`);
      const siteDir = cli.supportsSite && !reportOnly ? path.join(scratch, `site-${n}`) : undefined;
      const figures = sizeFigures(corpus, {
        floorYaml,
        now: options.now,
        cli: cliPath,
        cacheFile: cli.supportsCache ? path.join(scratch, `validate-cache-${n}.json`) : undefined,
        jobs: cli.supportsJobs,
        siteDir,
      });
      const names = reportOnly
        ? ['report']
        : Object.keys(FIGURES).filter((name) => figures[name] && (!options.only || options.only.includes(name)));
      const measured = await measureFigures(figures, names, options.runs, { dir: corpus.dir, timeBin, scratch }, log);
      sizes.push({
        incidents: corpus.incidents,
        files: corpus.files,
        bytes: corpus.bytes,
        smallestBytes: corpus.smallest,
        largestBytes: corpus.largest,
        years: corpus.years,
        firstYear: corpus.firstYear,
        lastYear: corpus.lastYear,
        reportOnly,
        figures: measured,
        ...(siteDir && measured.site ? { site: pageSizes(siteDir) } : {}),
      });
    }
    const emptyDir = mkdtempSync(path.join(scratch, 'empty-'));
    log('action start');
    const startFigures = {
      nodeBare: { args: ['-e', '0'], cwd: emptyDir, shown: 'node -e 0' },
      actionStart: {
        args: [ACTION],
        cwd: emptyDir,
        ok: [1],
        pick: (r) => r.firstOutputMs,
        shown: `node ${path.relative(ROOT, ACTION)} (no INPUT_* variables: fails on its first input; time to its first output)`,
      },
    };
    const start = await measureFigures(
      startFigures,
      Object.keys(startFigures),
      Math.max(options.runs, 5),
      { timeBin, scratch },
      log,
    );
    const targets = evaluateTargets(sizes, start);
    return {
      version: 1,
      command: `node scripts/bench/run.mjs ${options.argv.join(' ')}`.trim(),
      startedAt,
      environment: {
        node: process.version,
        platform: `${process.platform} ${os.release()}`,
        arch: process.arch,
        cpu: cpuModel(),
        cores: os.cpus().length,
        memoryGiB: Math.round((os.totalmem() / 1073741824) * 10) / 10,
        loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
        loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
        peakMemoryFrom: timeBin
          ? `${timeBin} -f %M`
          : 'process.resourceUsage().maxRSS of each Node child (--import hook)',
      },
      options: {
        sizes: options.sizes,
        reportOnlySizes: options.reportOnlySizes,
        runs: options.runs,
        seed: options.seed,
        now: options.now,
      },
      cli,
      notes: [
        'Every figure is the wall time of a child process from spawn to exit (action start: to its first output), median of the runs; runs of all figures are interleaved.',
        "Floor B is an ncc bundle of scripts/bench/floor-yaml.ts, which calls the project's readFrontMatter and parseYaml (actions/lib/src/load/).",
        'Cold means no cache of the tool; the files are in the page cache (they were just generated or read).',
        `Warm: validate runs once, one incident is edited, and the second run is timed; the edit is undone after each run. ${cli.supportsCache ? "Both runs pass --cache FILE (the CLI's incremental validation); the cold runs do not." : 'This CLI has no --cache option, so the warm run does all the work again.'}`,
      ],
      sizes,
      startup: start,
      targets,
    };
  } finally {
    dropScratch();
    cleanups.delete(dropScratch);
  }
}

export function markdownOf(result) {
  return [...result.sizes.map(sizeTable), startTable(result.startup), targetsTable(result.targets)].join('\n\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let options;
  try {
    options = { ...parseArgs(process.argv.slice(2)), argv: process.argv.slice(2) };
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if (options.help) {
    console.log(
      'Usage: node scripts/bench/run.mjs --sizes 1000,10000 [--runs 5] [--seed 1] [--report-only-sizes 50000] [--now ISO] [--out FILE] [--markdown FILE] [--cli FILE]',
    );
    process.exit(0);
  }
  try {
    const result = await runBenchmark(options);
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    const markdown = markdownOf(result);
    if (options.markdown) writeFileSync(options.markdown, `${markdown}\n`);
    console.log(markdown);
    console.log(
      `\nnode ${result.environment.node}, ${result.environment.cpu}, ${result.environment.cores} cores; results in ${path.relative(process.cwd(), options.out) || options.out}`,
    );
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
}
