// The desktop app itself, launched by Playwright's _electron in demo mode: the window, the DEMO
// banner and a real balance from the built-in simulator, through the preload and IPC.
// Skipped, saying why, when the Electron binary is not installed (it is downloaded by the
// `electron` package's postinstall, which needs the network). The package is never required
// here: in this version requiring it starts that download.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { operationNames } from '../../main/agent/contract/operations';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the Electron binary is, found the way node_modules/electron/index.js finds it, without running it. */
function findElectronBinary(): { path: string } | { path?: undefined; reason: string } {
  const packageDir = path.join(repoRoot, 'node_modules', 'electron');
  let relative: string | undefined;
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim() || undefined;
  } catch {
    /* not downloaded */
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, relative ?? 'electron');
    return fs.existsSync(binary)
      ? { path: binary }
      : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist` };
  }
  if (!relative)
    return { reason: 'node_modules/electron/path.txt is missing (the postinstall download never ran)' };
  const binary = path.join(packageDir, 'dist', relative);
  return fs.existsSync(binary) ? { path: binary } : { reason: `${binary} does not exist` };
}

const binary = findElectronBinary();
const skipReason =
  'reason' in binary
    ? `Electron binary not installed (no network to download it): ${binary.reason}. Run \`npx install-electron\` with network access, or set ELECTRON_OVERRIDE_DIST_PATH.`
    : '';
if (!binary.path) console.log(`Skipping test/e2e/electron.spec.ts: ${skipReason}`);

test.describe('the desktop app', () => {
  test.skip(!binary.path, skipReason);

  let dataDir: string;

  test.beforeAll(() => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs')], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  });

  test.beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-electron-e2e-'));
  });

  test.afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the cashier window in demo mode and shows a demo card’s balance', async () => {
    test.setTimeout(90_000);
    // Port 0 and a fresh data folder: the test never meets a Till Agent already running here.
    const configFile = path.join(dataDir, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify({ posApi: { port: 0 } }));
    const env = { ...process.env };
    delete env.TILL_AGENT_CONFIG;
    const app = await electron.launch({
      executablePath: binary.path,
      args: ['.', '--demo', '--config', configFile, '--data-dir', dataDir],
      cwd: repoRoot,
      env: env as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Till Agent');
      expect(
        await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle())),
      ).toEqual(['Till Agent']);
      expect(page.url()).toBe('app://till-agent/index.html');

      await expect(page.getByTestId('demo-banner')).toHaveText(
        'DEMO — using the built-in Centegra Plus simulator. No real cards are charged.',
      );
      const numberField = page.getByLabel('Gift card number');
      await numberField.fill('6280390000000011');
      await numberField.press('Enter');
      await expect(page.getByTestId('balance')).toHaveText('£50.00');

      // The page has the agent API and nothing of Node or Electron.
      const exposed = await page.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>;
        return {
          api: Object.keys(g.tillAgent as object).sort(),
          require: typeof g.require,
          process: typeof g.process,
        };
      });
      expect(exposed).toEqual({
        api: [...operationNames, 'onEvent'].sort(),
        require: 'undefined',
        process: 'undefined',
      });
    } finally {
      await app.close();
    }
  });
});
