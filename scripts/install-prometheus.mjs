// Installs promtool (with Debian's `prometheus` package) for the tests that check the generated
// Prometheus rules (`promtool check rules`) and run rule unit tests on them (`promtool test rules`):
// actions/lib/test/prometheus-rules.test.ts. Idempotent: when `promtool` is already on PATH (or
// $PROMTOOL_PATH names it) it exits quietly. On Debian as root it installs the distro package with
// apt-get, refreshing the package lists only when apt does not know the package yet; elsewhere it
// prints the command to run and exits 0 (those tests then report as skipped, naming this script).
// Runs before `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { aptInstall, canApt, onPath } from './apt.mjs';

if ((process.env.PROMTOOL_PATH && existsSync(process.env.PROMTOOL_PATH)) || onPath('promtool')) process.exit(0);

if (canApt()) {
  aptInstall('prometheus', { name: 'install-prometheus' });
  if (!onPath('promtool')) {
    console.error('install-prometheus: apt-get finished but `promtool` is still not on PATH.');
    process.exit(1);
  }
  const version = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  console.log(
    `install-prometheus: installed ${`${version.stdout ?? ''}${version.stderr ?? ''}`.split('\n')[0]?.trim()}`,
  );
} else {
  const command = onPath('apt-get')
    ? 'sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus (after `sudo apt-get update` if apt does not know the package)'
    : 'install Prometheus with your package manager (e.g. `brew install prometheus`), which provides promtool, or set PROMTOOL_PATH to a promtool binary';
  console.log(
    `install-prometheus: promtool is not installed, so the Prometheus rule tests will be skipped. To run them: ${command}`,
  );
}
