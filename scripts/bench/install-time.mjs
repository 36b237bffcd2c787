// Makes sure GNU time (/usr/bin/time, Debian's `time` package) is there: the benchmark reads each
// child's peak memory from `/usr/bin/time -f %M`. Idempotent: when /usr/bin/time is already there it
// does nothing. On Debian as root it installs the package with apt-get (refreshing the package lists
// only when apt does not know the package yet); elsewhere it prints the command to run and returns
// null, and run.mjs falls back to a --require hook that reports each Node child's own maxRSS.
//   node scripts/bench/install-time.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aptInstall, canApt, onPath } from '../apt.mjs';

export const TIME_PATH = '/usr/bin/time';

/** Whether this GNU time writes %M (peak resident set in KiB) to a file. */
function works(bin) {
  const probe = spawnSync(bin, ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr ?? '');
}

/** The path of a working GNU time, installing it when possible; null when it cannot be had. */
export function ensureTime({ log = console.log } = {}) {
  if (existsSync(TIME_PATH) && works(TIME_PATH)) return TIME_PATH;
  if (canApt()) {
    try {
      aptInstall('time', { name: 'install-time', log, output: 'ignore' });
    } catch (error) {
      log(
        `install-time: apt-get failed (${error instanceof Error ? error.message.split('\n')[0] : error}); peak memory comes from each Node child's own maxRSS instead.`,
      );
      return null;
    }
    if (existsSync(TIME_PATH) && works(TIME_PATH)) return TIME_PATH;
    log(
      "install-time: apt-get finished but /usr/bin/time does not work; peak memory comes from each Node child's own maxRSS instead.",
    );
    return null;
  }
  const command = onPath('apt-get')
    ? 'sudo apt-get install -y time'
    : 'install GNU time with your package manager (e.g. `brew install gnu-time`) so that /usr/bin/time exists';
  log(
    `install-time: GNU time is not installed; peak memory comes from each Node child's own maxRSS instead. For /usr/bin/time: ${command}`,
  );
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const found = ensureTime();
  if (found) console.log(`install-time: ${found} is ready`);
}
