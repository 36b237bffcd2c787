// Installs Chromium for the tests that render Mermaid diagrams (actions/lib/testing/mermaid.ts) in a
// headless browser, as GitHub does for issues and job summaries. Idempotent: when `chromium` (or
// `chromium-browser`) is already on PATH it exits quietly. On Debian as root it installs the distro
// package with apt-get (refreshing the package lists only when apt does not know the package yet);
// elsewhere it prints the command to run and exits 0 (those tests then report as skipped, naming
// this script). Runs before `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { installTestDependency, onPath } from './apt.mjs';

if (
  (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) ||
  onPath('chromium') ||
  onPath('chromium-browser')
)
  process.exit(0);

installTestDependency({
  name: 'install-chromium',
  pkg: 'chromium',
  command: 'chromium',
  version: () => execFileSync('chromium', ['--version'], { encoding: 'utf8' }).trim(),
  skipped: 'Chromium is not installed, so the Mermaid rendering tests will be skipped',
  elsewhere:
    'install Chromium with your package manager (e.g. `brew install --cask chromium`), or set CHROMIUM_PATH to a Chromium/Chrome binary',
});
