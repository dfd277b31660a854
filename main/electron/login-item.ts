// Start at login (config.desktop.startAtLogin), for the user running Till Agent, applied at every
// start so the config file decides: Windows and macOS through Electron (on Windows the
// HKCU\…\Run value), Linux through an XDG autostart entry, which Electron does not offer.
// Only installed builds register: a run from the source folder would register the bare
// Electron binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from 'electron';
import type { Logger } from '../agent';

export interface LoginItemHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** The running executable (an AppImage's is inside its temporary mount: $APPIMAGE is used instead). */
  execPath: string;
}

export type LoginItemOutcome = 'on' | 'off' | 'not-installed' | 'failed';

const hostDefaults = (): LoginItemHost => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
  execPath: process.execPath,
});

/** Marks the autostart entries this module wrote, so it never removes someone else's. */
const MANAGED_KEY = 'X-TillAgent-Managed=true';

export function autostartFile(host: Pick<LoginItemHost, 'env' | 'homedir'>): string {
  const configHome = host.env.XDG_CONFIG_HOME || path.join(host.homedir, '.config');
  return path.join(configHome, 'autostart', 'till-agent.desktop');
}

/**
 * One argument of a desktop entry's Exec key: quoted when it holds anything but plain path
 * characters, with the spec's escapes inside the quotes, then the string-value escaping of `\`,
 * and `%` doubled (Desktop Entry Specification, "The Exec key").
 */
export function execArgument(arg: string): string {
  const quoted = /^[A-Za-z0-9/._+,:@=-]+$/.test(arg) ? arg : `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Till Agent',
    'Comment=Starts Till Agent at login (desktop.startAtLogin in the Till Agent configuration)',
    `Exec=${execArgument(executable)}`,
    'Icon=till-agent',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    MANAGED_KEY,
    '',
  ].join('\n');
}

function applyAutostartFile(startAtLogin: boolean, host: LoginItemHost): void {
  const file = autostartFile(host);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (startAtLogin) {
    const wanted = autostartEntry(host.env.APPIMAGE || host.execPath);
    if (current === wanted) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, wanted, { mode: 0o644 });
    fs.renameSync(tmp, file);
  } else if (current?.includes(MANAGED_KEY)) {
    fs.rmSync(file, { force: true });
  }
}

/** Never throws: a login item that cannot be written is logged, and the till carries on. */
export function applyLoginItem(
  app: Pick<App, 'isPackaged' | 'setLoginItemSettings'>,
  startAtLogin: boolean,
  log: Logger,
  host: LoginItemHost = hostDefaults(),
): LoginItemOutcome {
  if (!app.isPackaged) {
    log.debug({}, 'start at login: not an installed build, left alone');
    return 'not-installed';
  }
  try {
    if (host.platform === 'linux') applyAutostartFile(startAtLogin, host);
    else app.setLoginItemSettings({ openAtLogin: startAtLogin });
    log.info({ startAtLogin }, startAtLogin ? 'start at login: on' : 'start at login: off');
    return startAtLogin ? 'on' : 'off';
  } catch (e) {
    log.warn({ err: (e as Error).message, startAtLogin }, 'start at login: could not be changed');
    return 'failed';
  }
}
