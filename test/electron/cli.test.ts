// `till-agent <command>` answered by the desktop app itself (RunAsNode stays fused off): main.ts
// with a fake Electron sees the command before anything else, runs the shared command line
// (main/cli), prints, and exits with its code, with no window, no single-instance lock and no
// agent of its own; a stopped till's keychain-sealed key is opened with Electron's safeStorage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadVaultKey, SecretStore, silentLogger, Vault, type KeyProtector } from '../../main/agent';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { CLI_COMMANDS, cliArguments } from '../../main/electron';
import { keychainProtector } from '../../main/electron/keys';
import { startCli } from '../helpers/cli';

const fake = await vi.hoisted(async () => await import('./fake-electron'));
vi.mock('electron', () => fake.electron);
vi.mock('electron-updater', () => ({
  NsisUpdater: class {},
  AppImageUpdater: class {},
  DebUpdater: class {},
  RpmUpdater: class {},
}));
const { electron } = fake;

const keychainProtectorForTest = (safeStorage: typeof electron.safeStorage): KeyProtector =>
  keychainProtector(safeStorage, 'linux', silentLogger)!;

let dir: string;
const argv = process.argv;
const cleanups: Array<() => Promise<void> | void> = [];

/** Starts main.ts as the installed app would be by the launcher, and waits for it to exit. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
    err.push(String(chunk));
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  });
  electron.app.isPackaged = true;
  process.argv = ['/opt/Till Agent/till-agent', '--ozone-platform=headless', '--disable-gpu', ...args];
  vi.resetModules();
  await import('../../main/electron/main');
  await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalled(), { timeout: 15_000 });
  vi.mocked(console.log).mockRestore();
  vi.mocked(process.stderr.write).mockRestore();
  return {
    code: electron.app.exit.mock.calls[0]![0] as number,
    stdout: out.join('\n'),
    stderr: err.join(''),
  };
}

function expectNoDesktop(): void {
  expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
  expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  expect(fake.FakeTray.instances).toHaveLength(0);
}

beforeEach(() => {
  fake.resetFakeElectron();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-electron-cli-'));
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  process.argv = argv;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('which starts are commands', () => {
  it('finds the command after the switches the launchers add, in an installed app and from a checkout', () => {
    expect(cliArguments(['/opt/Till Agent/till-agent', 'diagnose', '--json'], true)).toEqual([
      'diagnose',
      '--json',
    ]);
    expect(
      cliArguments(
        ['/opt/Till Agent/till-agent', '--no-sandbox', '--ozone-platform=headless', 'hash-pin'],
        true,
      ),
    ).toEqual(['hash-pin']);
    expect(cliArguments(['/usr/lib/electron', '.', 'check-config', 'a.json'], false)).toEqual([
      'check-config',
      'a.json',
    ]);
    for (const name of [
      'diagnose',
      'check-config',
      'support-bundle',
      'hash-pin',
      'config',
      'config-schema',
      'help',
    ])
      expect(CLI_COMMANDS).toContain(name);
  });

  it('leaves the desktop app alone: its own flags, a file or URL argument, nothing at all', () => {
    expect(cliArguments(['C:\\Program Files\\Till Agent\\Till Agent.exe'], true)).toBeUndefined();
    expect(cliArguments(['/opt/Till Agent/till-agent', '--demo', '--data-dir=/tmp/x'], true)).toBeUndefined();
    expect(cliArguments(['/usr/lib/electron', '.', '--demo'], false)).toBeUndefined();
    expect(cliArguments(['/opt/Till Agent/till-agent', 'serve'], true)).toBeUndefined();
    expect(cliArguments(['/opt/Till Agent/till-agent', 'https://example.com'], true)).toBeUndefined();
  });
});

describe('the installed app answers a command', () => {
  it('check-config: prints, exits with the code, and never becomes the desktop app', async () => {
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ currency: 'GBP' }));
    expect(await run(['check-config', good])).toMatchObject({ code: 0, stdout: `${good}: valid` });
    expectNoDesktop();
    // Nothing that needs Chromium ready (no keychain wanted): it never waits for it.
    expect(electron.app.whenReady).not.toHaveBeenCalled();

    fake.resetFakeElectron();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ closeWaitMs: 'soon' }));
    const r = await run(['check-config', bad]);
    expect(r).toMatchObject({ code: 1, stdout: 'closeWaitMs: expected a number, got the text "soon"' });
    expectNoDesktop();
  });

  it('usage names the installed command; a wrong one exits 2', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: till-agent <command> [options]');
    expect(help.stdout).not.toContain('serve');
    fake.resetFakeElectron();
    const wrong = await run(['diagnose', '--no-such-flag']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Usage: till-agent <command> [options]');
  });

  describe('diagnose', () => {
    let sim: Simulator;
    beforeEach(async () => {
      sim = await startSimulator({ quiet: true });
      cleanups.push(() => sim.close());
    });

    function tillWithoutKeyInConfig(): { file: string; dataDir: string } {
      const file = path.join(dir, 'config.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          centegra: { baseUrl: sim.baseUrl, timeoutMs: 2000 },
          till: { siteId: 'S1', tillId: 'T1' },
          posApi: { port: 0 },
        }),
      );
      return { file, dataDir: path.join(dir, 'data') };
    }

    it('on a stopped till opens the key the Settings screen sealed under the OS keychain (safeStorage)', async () => {
      const till = tillWithoutKeyInConfig();
      // As the desktop app left it: the vault key wrapped by the keychain, the API key sealed.
      const protector = keychainProtectorForTest(electron.safeStorage);
      const vault = new Vault(loadVaultKey(till.dataDir, protector).key);
      new SecretStore(till.dataDir, vault).set('centegra.apiKey', sim.apiKey);
      expect(fs.existsSync(path.join(till.dataDir, 'vault.key.protected'))).toBe(true);

      const r = await run(['diagnose', '--config', till.file, '--data-dir', till.dataDir, '--json']);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.checks.find((c: { id: string }) => c.id === 'key')).toMatchObject({ status: 'PASS' });
      expect(electron.safeStorage.decryptString).toHaveBeenCalled();
      expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join(till.dataDir, 'electron'));
      expectNoDesktop();
      // Opened, never replaced: no plain key file appears beside the keychain's.
      expect(fs.existsSync(path.join(till.dataDir, 'vault.key'))).toBe(false);
    });

    it('says plainly when the keychain cannot open it, and makes no key of its own', async () => {
      const till = tillWithoutKeyInConfig();
      const vault = new Vault(loadVaultKey(till.dataDir, keychainProtectorForTest(electron.safeStorage)).key);
      new SecretStore(till.dataDir, vault).set('centegra.apiKey', sim.apiKey);
      // Over SSH, say: no keyring unlocked for this session.
      electron.safeStorage.isEncryptionAvailable.mockReturnValue(false);
      const r = await run(['diagnose', '--config', till.file, '--data-dir', till.dataDir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/sealed with the desktop app's OS keychain .*this session cannot open/);
      expect(fs.existsSync(path.join(till.dataDir, 'vault.key'))).toBe(false);
      expectNoDesktop();
    });

    it('on a running till asks the running agent, without the keychain, the lock or a window', async () => {
      const data = path.join(dir, 'running');
      const served = await startCli(
        ['serve', '--demo', '--port', '0', '--data-dir', data],
        /Press Ctrl\+C to stop/,
      );
      cleanups.push(async () => void (await served.stop()));
      const r = await run(['diagnose', '--demo', '--data-dir', data, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ allPassed: true });
      expect(electron.app.whenReady).not.toHaveBeenCalled();
      expect(electron.safeStorage.decryptString).not.toHaveBeenCalled();
      expectNoDesktop();
    });
  });
});
