// Start at login: Electron's login item on Windows/macOS, an XDG autostart entry on Linux, only
// for installed builds, and never an exception (a till that cannot register still runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../main/agent';
import {
  applyLoginItem,
  autostartEntry,
  autostartFile,
  execArgument,
  type LoginItemHost,
} from '../../main/electron/login-item';

function recordingLog() {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

const fakeApp = (isPackaged = true) => ({ isPackaged, setLoginItemSettings: vi.fn() });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-login-item-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const linuxHost = (env: NodeJS.ProcessEnv = {}): LoginItemHost => ({
  platform: 'linux',
  env: { XDG_CONFIG_HOME: path.join(dir, 'config'), ...env },
  homedir: path.join(dir, 'home'),
  execPath: '/opt/Till Agent/till-agent',
});

describe('applyLoginItem on Windows and macOS', () => {
  for (const platform of ['win32', 'darwin'] as const) {
    it(`asks Electron for the login item on ${platform}, on and off as the config says`, () => {
      const app = fakeApp();
      const { log, lines } = recordingLog();
      const host = {
        platform,
        env: {},
        homedir: dir,
        execPath: 'C:\\Program Files\\Till Agent\\Till Agent.exe',
      };
      expect(applyLoginItem(app, true, log, host)).toBe('on');
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });
      expect(applyLoginItem(app, false, log, host)).toBe('off');
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false });
      expect(lines.map((l) => l.msg)).toEqual(['start at login: on', 'start at login: off']);
    });
  }

  it('leaves a run from the source folder alone (it would register the bare Electron binary)', () => {
    const app = fakeApp(false);
    const { log } = recordingLog();
    expect(applyLoginItem(app, true, log, { ...linuxHost(), platform: 'win32' })).toBe('not-installed');
    expect(applyLoginItem(app, true, log, linuxHost())).toBe('not-installed');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(fs.existsSync(autostartFile(linuxHost()))).toBe(false);
  });

  it('logs a failure and carries on', () => {
    const app = fakeApp();
    app.setLoginItemSettings.mockImplementation(() => {
      throw new Error('registry says no');
    });
    const { log, lines } = recordingLog();
    expect(applyLoginItem(app, true, log, { ...linuxHost(), platform: 'win32' })).toBe('failed');
    expect(lines).toEqual([
      {
        level: 'warn',
        obj: { err: 'registry says no', startAtLogin: true },
        msg: 'start at login: could not be changed',
      },
    ]);
  });
});

describe('applyLoginItem on Linux (XDG autostart)', () => {
  it('writes ~/.config/autostart/till-agent.desktop starting the installed app, and removes it when turned off', () => {
    const app = fakeApp();
    const { log } = recordingLog();
    const host = linuxHost();
    const file = path.join(dir, 'config', 'autostart', 'till-agent.desktop');
    expect(autostartFile(host)).toBe(file);

    expect(applyLoginItem(app, true, log, host)).toBe('on');
    const entry = fs.readFileSync(file, 'utf8');
    expect(entry).toBe(autostartEntry('/opt/Till Agent/till-agent'));
    expect(entry).toContain('\nExec="/opt/Till Agent/till-agent"\n');
    expect(entry).toContain('\nType=Application\n');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();

    // Unchanged on the next start: not rewritten.
    fs.utimesSync(file, new Date(0), new Date(0));
    applyLoginItem(app, true, log, host);
    expect(fs.statSync(file).mtimeMs).toBe(0);

    expect(applyLoginItem(app, false, log, host)).toBe('off');
    expect(fs.existsSync(file)).toBe(false);
    expect(applyLoginItem(app, false, log, host)).toBe('off');
  });

  it('starts an AppImage from the AppImage file, not from its temporary mount', () => {
    const host = linuxHost({ APPIMAGE: '/home/till/Apps/TillAgent.AppImage' });
    host.execPath = '/tmp/.mount_TillAgXYZ/till-agent';
    applyLoginItem(fakeApp(), true, recordingLog().log, host);
    expect(fs.readFileSync(autostartFile(host), 'utf8')).toContain(
      '\nExec=/home/till/Apps/TillAgent.AppImage\n',
    );
  });

  it('uses ~/.config without XDG_CONFIG_HOME, and never removes an entry it did not write', () => {
    const host: LoginItemHost = { ...linuxHost(), env: {} };
    const file = path.join(dir, 'home', '.config', 'autostart', 'till-agent.desktop');
    expect(autostartFile(host)).toBe(file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '[Desktop Entry]\nType=Application\nExec=/usr/local/bin/it-wrapper\n');
    expect(applyLoginItem(fakeApp(), false, recordingLog().log, host)).toBe('off');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('reports a folder it cannot write to instead of throwing', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const { log, lines } = recordingLog();
    const host = linuxHost({ XDG_CONFIG_HOME: blocker });
    expect(applyLoginItem(fakeApp(), true, log, host)).toBe('failed');
    expect(lines.at(-1)?.level).toBe('warn');
  });
});

describe('execArgument (Desktop Entry Specification quoting)', () => {
  it('leaves plain paths alone and quotes and escapes the rest', () => {
    expect(execArgument('/opt/till-agent/till-agent')).toBe('/opt/till-agent/till-agent');
    expect(execArgument('/opt/Till Agent/till-agent')).toBe('"/opt/Till Agent/till-agent"');
    // Inside quotes ", `, $ and \ are backslash-escaped; then every \ is doubled (string escaping).
    expect(execArgument('/a b/$x"y`z')).toBe('"/a b/\\\\$x\\\\"y\\\\`z"');
    expect(execArgument('/a\\b')).toBe('"/a\\\\\\\\b"');
    expect(execArgument('/100%/app')).toBe('"/100%%/app"');
  });
});
