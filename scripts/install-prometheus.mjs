// Installs promtool (with Debian's `prometheus` package) for the tests that check the generated
// Prometheus rules (`promtool check rules`) and run rule unit tests on them (`promtool test rules`):
// actions/lib/test/prometheus-rules.test.ts. Idempotent: when `promtool` is already on PATH (or
// $PROMTOOL_PATH names it) it exits quietly. On Debian as root it installs the distro package with
// apt-get, refreshing the package lists only when apt does not know the package yet; elsewhere it
// prints the command to run and exits 0 (those tests then report as skipped, naming this script).
// Runs before `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { installTestDependency, onPath } from './apt.mjs';

if ((process.env.PROMTOOL_PATH && existsSync(process.env.PROMTOOL_PATH)) || onPath('promtool')) process.exit(0);

installTestDependency({
  name: 'install-prometheus',
  pkg: 'prometheus',
  command: 'promtool',
  version: () => {
    const run = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
    return `${run.stdout ?? ''}${run.stderr ?? ''}`.split('\n')[0]?.trim();
  },
  skipped: 'promtool is not installed, so the Prometheus rule tests will be skipped',
  elsewhere:
    'install Prometheus with your package manager (e.g. `brew install prometheus`), which provides promtool, or set PROMTOOL_PATH to a promtool binary',
});
