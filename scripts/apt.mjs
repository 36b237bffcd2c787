// What the scripts that install a test or benchmark dependency share: finding a command, and
// installing a Debian package with apt-get when this is Debian run as root (the CI machine).
import { execFileSync, spawnSync } from 'node:child_process';

export function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Whether packages can be installed here without asking anyone: Linux, root and apt-get. */
export function canApt() {
  return (
    process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && onPath('apt-get')
  );
}

/** Whether apt has an installable version of the package in its current lists (so `apt-get update` can be skipped). */
function aptKnows(pkg) {
  const policy = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8' });
  const candidate = /^\s*Candidate:\s*(\S+)/m.exec(policy.stdout ?? '')?.[1];
  return policy.status === 0 && candidate !== undefined && candidate !== '(none)';
}

/**
 * Installs `pkg` with apt-get, refreshing the package lists first only when apt does not know it.
 * Each command is logged with `name` as prefix; apt's output goes to `output` ('inherit' or 'ignore'). Throws when apt-get fails.
 */
export function aptInstall(pkg, { name, log = console.log, output = 'inherit' }) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [
    ...(aptKnows(pkg) ? [] : [['apt-get', ['update']]]),
    ['apt-get', ['install', '-y', '--no-install-recommends', pkg]],
  ];
  for (const [command, args] of steps) {
    log(`${name}: DEBIAN_FRONTEND=noninteractive ${command} ${args.join(' ')}`);
    execFileSync(command, args, { env, stdio: ['ignore', output, 'inherit'] });
  }
}

/**
 * What the scripts that install a test dependency do once they know it is missing: on Debian as root,
 * install `pkg` with apt-get and check that `command` is then on PATH (exit 1 when it is not), logging
 * `version()`; elsewhere print how to install it, `skipped` saying which tests are skipped meanwhile,
 * and `elsewhere` how to install it without apt-get. Messages start with `name`.
 */
export function installTestDependency({ name, pkg, command, version, skipped, elsewhere }) {
  if (canApt()) {
    aptInstall(pkg, { name });
    if (!onPath(command)) {
      console.error(`${name}: apt-get finished but \`${command}\` is still not on PATH.`);
      process.exit(1);
    }
    console.log(`${name}: installed ${version()}`);
  } else {
    const how = onPath('apt-get')
      ? `sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkg} (after \`sudo apt-get update\` if apt does not know the package)`
      : elsewhere;
    console.log(`${name}: ${skipped}. To run them: ${how}`);
  }
}
