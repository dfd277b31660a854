// main.ts end to end with a fake Electron and the real runtime (demo, simulator, port 0): the
// order of startup, the window it opens, the IPC it answers, the tray, and a clean quit.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL } from '../../main/agent';
import { appScheme, autostartEntry, webPreferences } from '../../main/electron';
import type { FakeBrowserWindow, FakeTray, FakeWebContents } from './fake-electron';

// The same fake object across vi.resetModules(), so each test can import main.ts afresh.
const fake = await vi.hoisted(async () => await import('./fake-electron'));
vi.mock('electron', () => fake.electron);
const { electron } = fake;

// electron-updater's updaters, recorded: which one main.ts made and how often it checked.
const updates = vi.hoisted(() => {
  const made: Array<{ kind: string; checks: number; autoInstallOnAppQuit: boolean }> = [];
  const kind = (name: string) =>
    class {
      autoDownload = false;
      autoInstallOnAppQuit = false;
      autoRunAppAfterInstall = true;
      logger: unknown = null;
      readonly record = { kind: name, checks: 0, autoInstallOnAppQuit: false };
      constructor() {
        made.push(this.record);
      }
      on() {
        return this;
      }
      checkForUpdates() {
        this.record.checks++;
        this.record.autoInstallOnAppQuit = this.autoInstallOnAppQuit;
        return Promise.resolve(null);
      }
    };
  return {
    made,
    module: {
      NsisUpdater: kind('nsis'),
      AppImageUpdater: kind('appimage'),
      DebUpdater: kind('deb'),
      RpmUpdater: kind('rpm'),
    },
  };
});
vi.mock('electron-updater', () => updates.module);

let dir: string;
let appPath: string;
let dataDir: string;
let configFile: string;
const argv = process.argv;

function writeConfig(text: string): void {
  fs.writeFileSync(configFile, text);
}

async function launch(args: string[]): Promise<void> {
  process.argv = ['/opt/electron', '.', ...args];
  vi.resetModules();
  await import('../../main/electron/main');
}

const lastWindow = (): FakeBrowserWindow => fake.FakeBrowserWindow.instances.at(-1)!;
const lastTray = (): FakeTray => fake.FakeTray.instances.at(-1)!;
const ipcCall = (senderUrl: string, op: unknown, input: unknown) =>
  electron.ipcMain.handlers.get(IPC_CALL)!(
    { senderFrame: { url: senderUrl } },
    op,
    input,
  ) as Promise<unknown>;

async function quitAndWait(): Promise<void> {
  for (const listener of electron.app.listeners.get('before-quit') ?? []) listener(fake.fakeEvent());
  await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalled(), { timeout: 10_000 });
}

beforeEach(() => {
  fake.resetFakeElectron();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-electron-main-'));
  appPath = path.join(dir, 'app');
  fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(
    path.join(appPath, 'dist', 'renderer', 'index.html'),
    '<!doctype html><title>Till Agent</title>',
  );
  electron.app.appPath = appPath;
  dataDir = path.join(dir, 'data');
  configFile = path.join(dir, 'config.json');
  writeConfig(JSON.stringify({ posApi: { port: 0 }, ui: { alwaysOnTop: true, bringToFrontOnScan: true } }));
});

afterEach(async () => {
  if (electron.app.listeners.has('before-quit') && !electron.app.exit.mock.calls.length) await quitAndWait();
  process.argv = argv;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the desktop app', () => {
  it("keeps V8's young generation at its first size and WebAssembly unoptimised, as serve does", async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    try {
      await launch(['--demo', '--data-dir', dataDir]);
      expect(flags).toHaveBeenCalledWith('--semi-space-growth-factor=1');
      expect(flags).toHaveBeenCalledWith('--liftoff-only');
    } finally {
      flags.mockRestore();
    }
  });

  it('registers the app scheme and takes the single-instance lock before ready', async () => {
    await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
    const registered = electron.protocol.registerSchemesAsPrivileged;
    expect(registered).toHaveBeenCalledExactlyOnceWith([appScheme]);
    expect(registered.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join(dataDir, 'electron'));
  });

  it('opens the cashier window on app://, answers IPC from it, shows the link in the tray, and closes once on quit', async () => {
    await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
    await vi.waitFor(() => expect(lastTray()?.tooltip).toBe('Till Agent — Online'), { timeout: 10_000 });

    const win = lastWindow();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options).toMatchObject({
      title: 'Till Agent',
      width: 400,
      height: 640,
      minWidth: 360,
      alwaysOnTop: true,
    });
    expect(win.options.webPreferences).toEqual(
      webPreferences(path.join(appPath, 'dist', 'preload', 'preload.cjs')),
    );
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://till-agent/index.html');
    expect(lastTray().image.path).toBe(path.join(appPath, 'resources', 'tray-online.png'));

    // The renderer folder is served on app://, after ready.
    expect(electron.protocol.handle).toHaveBeenCalledOnce();
    const [scheme, serve] = electron.protocol.handle.mock.calls[0]! as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const page = await serve(new Request('app://till-agent/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Till Agent</title>');

    // Permissions are refused and every webContents is hardened.
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    const contents = new fake.FakeWebContents() as FakeWebContents;
    electron.app.emit('web-contents-created', fake.fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    // One IPC handler, answering the real agent for our page only.
    expect(electron.ipcMain.handle).toHaveBeenCalledOnce();
    expect(await ipcCall('app://till-agent/index.html', 'health', {})).toMatchObject({
      ok: true,
      value: { demo: true, version: '0.1.0-test', centegra: { state: 'ONLINE' } },
    });
    expect(
      await ipcCall('app://till-agent/index.html', 'inquireCard', { cardNumber: '6280390000000011' }),
    ).toMatchObject({
      ok: true,
      value: { balanceMinor: 5000, currency: 'GBP', status: 'ACTIVE' },
    });
    expect(await ipcCall('https://evil.example/', 'health', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ipcCall('app://till-agent/index.html', 'shutdown', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await ipcCall('app://till-agent/index.html', 'inquireCard', { cardNumber: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });

    // Closing hides; a second launch brings the window back.
    const close = fake.fakeEvent();
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);
    electron.app.emit('second-instance', fake.fakeEvent(), [], '/');
    expect(win.visible).toBe(true);
    expect(win.calls.slice(-3)).toEqual(['show', 'focus', 'moveTop']);

    // Quitting closes the runtime once (the data folder's lock is released), then exits.
    const lock = path.join(dataDir, 'agent.lock');
    expect(fs.existsSync(lock)).toBe(true);
    await quitAndWait();
    expect(electron.app.exit).toHaveBeenCalledExactlyOnceWith(0);
    expect(fs.existsSync(lock)).toBe(false);
    expect(electron.ipcMain.handlers.has(IPC_CALL)).toBe(false);
    expect(lastTray().destroyed).toBe(true);
    const late = fake.fakeEvent();
    win.emit('close', late);
    expect(late.defaultPrevented).toBe(false);
  });

  it('explains a broken config file in a dialog and exits with 1', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    writeConfig('{ "posApi": { "port": "seventy" } }');
    await launch(['--config', configFile, '--data-dir', dataDir]);
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledExactlyOnceWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0]! as [string, string];
    expect(title).toBe('Till Agent could not start');
    expect(message).toContain(configFile);
    expect(message).toContain('posApi.port');
    expect(message).toContain('check-config');
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    expect(consoleError).toHaveBeenCalledWith('Till Agent could not start', expect.anything());
  });

  it('explains a flag without its value before anything starts', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await launch(['--config']);
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Till Agent could not start',
      expect.stringContaining('--config FILE'),
    );
    expect(electron.app.exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('sets no application menu before any window, and opens no DevTools', async () => {
    await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(null);
    expect(electron.Menu.setApplicationMenu.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.whenReady.mock.invocationCallOrder[0]!,
    );
    await vi.waitFor(() => expect(lastTray()?.tooltip).toBe('Till Agent — Online'), { timeout: 10_000 });
    expect(lastWindow().options.webPreferences).toMatchObject({ devTools: false });
    expect(lastWindow().webContents.openDevTools).not.toHaveBeenCalled();
  });

  it('opens DevTools for a checkout started with --dev', async () => {
    await launch(['--dev', '--demo', '--config', configFile, '--data-dir', dataDir]);
    await vi.waitFor(() => expect(lastTray()?.tooltip).toBe('Till Agent — Online'), { timeout: 10_000 });
    expect(lastWindow().options.webPreferences).toMatchObject({ devTools: true });
    expect(lastWindow().webContents.openDevTools).toHaveBeenCalledOnce();
  });

  it.each(['--remote-debugging-port=9222', '--inspect-brk', '--js-flags=--expose-gc', '--dev'])(
    'an installed build started with %s says why and exits before anything starts',
    async (arg) => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
      electron.app.isPackaged = true;
      process.argv = ['/opt/Till Agent/till-agent', '--demo', arg];
      vi.resetModules();
      await import('../../main/electron/main');
      const name = arg.split('=')[0]!;
      expect(electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(
        'Till Agent could not start',
        expect.stringContaining(`Till Agent does not run with ${name} on its command line`),
      );
      expect(consoleError).toHaveBeenCalledWith('Till Agent could not start', expect.anything());
      expect(electron.app.commandLine.removeSwitch).toHaveBeenCalledWith(name.slice(2));
      expect(electron.app.exit).toHaveBeenCalledExactlyOnceWith(1);
      expect(electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
      expect(electron.app.whenReady).not.toHaveBeenCalled();
    },
  );

  it('leaves start at login and auto-update alone when run from the source folder', async () => {
    updates.made.length = 0;
    await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
    await vi.waitFor(() => expect(lastTray()?.tooltip).toBe('Till Agent — Online'), { timeout: 10_000 });
    expect(electron.app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(updates.made).toEqual([]);
  });

  describe('in an installed build', () => {
    const saved = {
      xdg: process.env.XDG_CONFIG_HOME,
      appImage: process.env.APPIMAGE,
      noUpdate: process.env.TILL_AGENT_NO_AUTO_UPDATE,
    };
    let autostart: string;
    beforeEach(() => {
      updates.made.length = 0;
      electron.app.isPackaged = true;
      process.env.XDG_CONFIG_HOME = path.join(dir, 'xdg');
      delete process.env.APPIMAGE;
      delete process.env.TILL_AGENT_NO_AUTO_UPDATE;
      autostart = path.join(dir, 'xdg', 'autostart', 'till-agent.desktop');
      // What electron-builder writes beside a deb install.
      const resources = path.join(dir, 'resources');
      fs.mkdirSync(resources);
      fs.writeFileSync(
        path.join(resources, 'app-update.yml'),
        'provider: generic\nurl: https://updates.invalid/\n',
      );
      fs.writeFileSync(path.join(resources, 'package-type'), 'deb');
      // The public half of the key its updates are signed with.
      fs.writeFileSync(
        path.join(resources, 'update-signing-key.pem'),
        crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
      );
      (process as { resourcesPath?: string }).resourcesPath = resources;
    });
    afterEach(() => {
      for (const [name, value] of [
        ['XDG_CONFIG_HOME', saved.xdg],
        ['APPIMAGE', saved.appImage],
        ['TILL_AGENT_NO_AUTO_UPDATE', saved.noUpdate],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      delete (process as { resourcesPath?: string }).resourcesPath;
    });

    it('starts at login and checks for updates, as config.desktop says by default', async () => {
      await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
      await vi.waitFor(() => expect(lastTray()?.tooltip).toBe('Till Agent — Online'), { timeout: 10_000 });
      // No DevTools and no menu in an installed build.
      expect(lastWindow().options.webPreferences).toMatchObject({ devTools: false });
      expect(lastWindow().webContents.openDevTools).not.toHaveBeenCalled();
      expect(electron.Menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(null);
      await vi.waitFor(() =>
        process.platform === 'linux'
          ? expect(fs.existsSync(autostart)).toBe(true)
          : expect(electron.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true }),
      );
      if (process.platform === 'linux') {
        // A deb install: electron-updater's DebUpdater, checked once at start; installed at quit
        // only once its signature is checked (main/electron/updates.ts), not by electron-updater.
        expect(updates.made).toEqual([{ kind: 'deb', checks: 1, autoInstallOnAppQuit: false }]);
      }
    });

    it('does neither when config.desktop turns them off', async () => {
      writeConfig(
        JSON.stringify({ posApi: { port: 0 }, desktop: { startAtLogin: false, autoUpdate: false } }),
      );
      // Registered by an earlier start, when the config still said yes.
      fs.mkdirSync(path.dirname(autostart), { recursive: true });
      fs.writeFileSync(autostart, autostartEntry('/opt/Till Agent/till-agent'));
      await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
      await vi.waitFor(() => expect(lastTray()?.tooltip).toBe('Till Agent — Online'), { timeout: 10_000 });
      await vi.waitFor(() =>
        process.platform === 'linux'
          ? expect(fs.existsSync(autostart)).toBe(false)
          : expect(electron.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false }),
      );
      expect(updates.made).toEqual([]);
    });
  });

  it('quits at once when another Till Agent already has the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await launch(['--demo', '--config', configFile, '--data-dir', dataDir]);
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });
});
