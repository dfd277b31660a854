// Builds the renderer once before the browser tests, and stops early with a clear message
// when Debian's Chromium is missing (Playwright must never download its own browser here).
// Its teardown checks the run left the repository as it found it: in CI a changed file fails
// the run; on a developer's machine (where a file saved meanwhile shows too) it is a warning.
import { execFileSync } from 'node:child_process';
import { ensureRendererBuilt } from '../../main/headless/assets';
import { repoRoot } from '../helpers/cli';
import { SCREENSHOTS_ENV } from './fixtures/readme-screenshot';
import { changedPaths, treeState } from './fixtures/tree-guard';

export default async function globalSetup(): Promise<() => void> {
  try {
    execFileSync('which', [process.env.CHROMIUM_PATH ?? 'chromium'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      "Chromium is not installed: run `apt-get install -y chromium` (browser tests use Debian's Chromium).",
    );
  }
  const before = treeState(repoRoot);
  await ensureRendererBuilt({ log: (m) => console.log(m) });
  return function checkTreeUnchanged(): void {
    // `npm run screenshots` writes the README's screenshots on purpose.
    if (before === undefined || process.env[SCREENSHOTS_ENV]) return;
    const after = treeState(repoRoot);
    const changed = after ? changedPaths(before, after) : [];
    if (changed.length === 0) return;
    const message =
      `The browser tests changed ${changed.join(', ')}: a test writes only into its output folder ` +
      '(test.info().outputPath) or a temporary one; the README screenshots come from `npm run screenshots`.';
    if (process.env.CI) throw new Error(message);
    console.warn(`Warning: ${message} (A file saved while the tests ran is named here too.)`);
  };
}
