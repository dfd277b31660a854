// Auto-update (electron-updater, feed: `publish` in electron-builder.yml), when
// config.desktop.autoUpdate allows it and the install can update itself:
//   - an installed build (app.isPackaged), with the feed electron-builder wrote beside it
//     (resources/app-update.yml);
//   - Windows: the NSIS install. An MSI install has no NSIS uninstaller next to the exe: IT
//     updates it with a new MSI. (An MSI built in the same run as the NSIS installer does
//     carry app-update.yml, so that file alone does not tell them apart.)
//   - Linux: the AppImage ($APPIMAGE is set) or the deb/rpm (resources/package-type);
//   - and not turned off for the machine with TILL_AGENT_NO_AUTO_UPDATE=1, which a user's own
//     config file cannot override.
// Checks at start and every 6 hours; downloads in the background; installs only when Till
// Agent quits (the tray's Quit, end of day), never in the middle of a sale, and does not start
// it again afterwards. Every outcome goes to the log; nothing is shown to the cashier.
import fs from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import { AppImageUpdater, DebUpdater, NsisUpdater, RpmUpdater } from 'electron-updater';
import type { Logger } from '../agent';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const NO_AUTO_UPDATE_ENV = 'TILL_AGENT_NO_AUTO_UPDATE';

export type UpdateKind = 'nsis' | 'appimage' | 'deb' | 'rpm';
export type UpdateSupport = { supported: true; kind: UpdateKind } | { supported: false; reason: string };

/** What the decision reads of the running app and the machine. */
export interface UpdateHost {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Electron's process.resourcesPath: where app-update.yml and package-type are. */
  resourcesPath: string;
  execPath: string;
  exists(file: string): boolean;
  readText(file: string): string | undefined;
}

export function electronUpdateHost(app: Pick<App, 'isPackaged'>): UpdateHost {
  return {
    isPackaged: app.isPackaged === true,
    platform: process.platform,
    env: process.env,
    resourcesPath: process.resourcesPath ?? '',
    execPath: process.execPath,
    exists: (file) => fs.existsSync(file),
    readText: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());

export function updateSupport(autoUpdate: boolean, host: UpdateHost): UpdateSupport {
  if (!autoUpdate)
    return { supported: false, reason: 'turned off in the configuration (desktop.autoUpdate)' };
  if (truthy(host.env[NO_AUTO_UPDATE_ENV]))
    return { supported: false, reason: `turned off for this machine (${NO_AUTO_UPDATE_ENV})` };
  if (!host.isPackaged) return { supported: false, reason: 'not an installed build' };
  if (!host.resourcesPath || !host.exists(path.join(host.resourcesPath, 'app-update.yml')))
    return { supported: false, reason: 'this build has no update feed (no app-update.yml)' };
  if (host.platform === 'win32') {
    const win = path.win32;
    const uninstaller = win.join(
      win.dirname(host.execPath),
      `Uninstall ${win.basename(host.execPath, win.extname(host.execPath))}.exe`,
    );
    if (!host.exists(uninstaller))
      return { supported: false, reason: 'installed from the MSI: IT updates it with a new MSI' };
    return { supported: true, kind: 'nsis' };
  }
  if (host.platform === 'linux') {
    if (host.env.APPIMAGE) return { supported: true, kind: 'appimage' };
    const type = host.readText(path.join(host.resourcesPath, 'package-type'))?.trim();
    if (type === 'deb' || type === 'rpm') return { supported: true, kind: type };
    return { supported: false, reason: 'this kind of Linux install cannot update itself' };
  }
  return { supported: false, reason: `not supported on ${host.platform}` };
}

/** The part of electron-updater's AppUpdater this module uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  autoRunAppAfterInstall: boolean;
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
    debug?(message: string): void;
  } | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded',
    listener: (info: { version: string }) => void,
  ): unknown;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
}

/**
 * The updater for this kind of install, chosen here rather than by electron-updater's
 * `autoUpdater` (which goes by resources/package-type alone, and an AppImage built in the same
 * run as the deb can carry the deb's).
 */
export function createUpdater(kind: UpdateKind): UpdaterLike {
  switch (kind) {
    case 'nsis':
      return new NsisUpdater();
    case 'appimage':
      return new AppImageUpdater();
    case 'deb':
      return new DebUpdater();
    case 'rpm':
      return new RpmUpdater();
  }
}

export interface AutoUpdateOptions {
  log: Logger;
  createUpdater?: (kind: UpdateKind) => UpdaterLike;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * Starts checking for updates if `updateSupport` allows; returns the function that stops the
 * checks (an update already downloaded still installs when the app quits). Never throws.
 */
export function startAutoUpdates(
  autoUpdate: boolean,
  host: UpdateHost,
  options: AutoUpdateOptions,
): () => void {
  const { log } = options;
  const support = updateSupport(autoUpdate, host);
  if (!support.supported) {
    log.info({ reason: support.reason }, 'auto-update: off');
    return () => {};
  }
  let updater: UpdaterLike;
  try {
    updater = (options.createUpdater ?? createUpdater)(support.kind);
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.autoRunAppAfterInstall = false;
    // electron-updater's own messages, quietly; its errors arrive as 'error' events below too.
    updater.logger = {
      info: (message) => log.debug({}, `electron-updater: ${String(message)}`),
      warn: (message) => log.warn({}, `electron-updater: ${String(message)}`),
      error: (message) => log.debug({}, `electron-updater: ${String(message)}`),
      debug: (message) => log.debug({}, `electron-updater: ${message}`),
    };
    updater.on('error', (e) =>
      log.warn({ err: messageOf(e) }, 'auto-update: check or download failed; will try again later'),
    );
    updater.on('update-available', (info) =>
      log.info({ version: info.version }, 'auto-update: new version found, downloading'),
    );
    updater.on('update-not-available', (info) =>
      log.info({ version: info.version }, 'auto-update: up to date'),
    );
    updater.on('update-downloaded', (info) =>
      log.info({ version: info.version }, 'auto-update: downloaded; installs when Till Agent quits'),
    );
  } catch (e) {
    log.warn({ err: messageOf(e), kind: support.kind }, 'auto-update: could not start');
    return () => {};
  }

  const check = () => {
    let checking: ReturnType<UpdaterLike['checkForUpdates']>;
    try {
      checking = updater.checkForUpdates();
    } catch (e) {
      log.warn({ err: messageOf(e) }, 'auto-update: check failed; will try again later');
      return;
    }
    // Failures are reported by the 'error' event; these only keep them from being unhandled.
    void checking.then(
      (result) => result?.downloadPromise?.catch(() => undefined),
      () => undefined,
    );
  };

  const intervalMs = options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS;
  const every = options.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref());
  const stopEvery = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  log.info({ kind: support.kind, everyHours: intervalMs / 3_600_000 }, 'auto-update: on');
  check();
  const handle = every(check, intervalMs);
  return () => stopEvery(handle);
}
