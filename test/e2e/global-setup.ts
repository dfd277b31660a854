// Builds the renderer once before the browser tests, and stops early with a clear message
// when Debian's Chromium is missing (Playwright must never download its own browser here).
import { execFileSync } from 'node:child_process';
import { ensureRendererBuilt } from '../../main/headless/assets';

export default async function globalSetup(): Promise<void> {
  try {
    execFileSync('which', [process.env.CHROMIUM_PATH ?? 'chromium'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      "Chromium is not installed: run `apt-get install -y chromium` (browser tests use Debian's Chromium).",
    );
  }
  await ensureRendererBuilt({ log: (m) => console.log(m) });
}
