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
//   - the feed is https (a build whose TILL_AGENT_UPDATE_URL was http:// is refused here as well
//     as when it is built, see scripts/check-update-feed.mjs). The feed comes only from
//     app-update.yml: nothing calls setFeedURL, and dev-app-update.yml is read only unpackaged;
//   - Windows: the build names the publisher whose signature an update must carry
//     (win.signtoolOptions.publisherName, written into app-update.yml). Without it
//     electron-updater would install an unsigned update, so auto-update stays off; with it,
//     electron-updater's verifyUpdateCodeSignature (left as it is) checks every installer;
//   - Linux: the public key for the installers' signatures ships beside app-update.yml
//     (update-signing-key.pem). electron-updater checks no signature on Linux, so each download
//     is checked here against `<installer>.sig` from the feed (scripts/sign-update.mjs) before it
//     may install; a missing or wrong signature deletes it.
// Checks at start and every 6 hours; downloads in the background; installs only when Till
// Agent quits (the tray's Quit, end of day), never in the middle of a sale, and does not start
// it again afterwards. Every outcome goes to the log; nothing is shown to the cashier.
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import { AppImageUpdater, DebUpdater, NsisUpdater, RpmUpdater } from 'electron-updater';
import { parse as parseYaml } from 'yaml';
import type { Logger } from '../agent';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const NO_AUTO_UPDATE_ENV = 'TILL_AGENT_NO_AUTO_UPDATE';
/** The public half of the key the Linux installers are signed with, in the resources folder. */
export const UPDATE_KEY_FILE = 'update-signing-key.pem';

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

export interface UpdateFeed {
  url: string;
  /** Whose signature a Windows update must carry; empty when the build names no one. */
  publisherNames: string[];
}

/** The feed electron-updater will use (app-update.yml), or why it is refused. */
export function readUpdateFeed(host: UpdateHost): { feed: UpdateFeed } | { refused: string } {
  let config: unknown;
  try {
    config = parseYaml(host.readText(path.join(host.resourcesPath, 'app-update.yml')) ?? '');
  } catch {
    return { refused: 'the update feed (app-update.yml) cannot be read' };
  }
  const fields = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  const url = typeof fields.url === 'string' ? fields.url : '';
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:')
    return {
      refused: `the update feed is not https (${url.split('?')[0]!.slice(0, 100) || 'no url'}): updates come only over https`,
    };
  const names = Array.isArray(fields.publisherName) ? fields.publisherName : [fields.publisherName];
  return {
    feed: {
      url,
      publisherNames: names.filter((n): n is string => typeof n === 'string' && n.trim() !== ''),
    },
  };
}

/** The Ed25519 public key shipped with the app, if there is one. */
export function readUpdateKey(host: UpdateHost): KeyObject | undefined {
  const pem = host.readText(path.join(host.resourcesPath, UPDATE_KEY_FILE));
  if (!pem) return undefined;
  try {
    const key = crypto.createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
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
  const feed = readUpdateFeed(host);
  if ('refused' in feed) return { supported: false, reason: feed.refused };
  if (host.platform === 'win32') {
    const win = path.win32;
    const uninstaller = win.join(
      win.dirname(host.execPath),
      `Uninstall ${win.basename(host.execPath, win.extname(host.execPath))}.exe`,
    );
    if (!host.exists(uninstaller))
      return { supported: false, reason: 'installed from the MSI: IT updates it with a new MSI' };
    if (feed.feed.publisherNames.length === 0)
      return {
        supported: false,
        reason:
          'this build names no signed publisher (win.signtoolOptions.publisherName): an unsigned update would be installed',
      };
    return { supported: true, kind: 'nsis' };
  }
  if (host.platform === 'linux') {
    const type = host.env.APPIMAGE
      ? 'appimage'
      : host.readText(path.join(host.resourcesPath, 'package-type'))?.trim();
    if (type !== 'appimage' && type !== 'deb' && type !== 'rpm')
      return { supported: false, reason: 'this kind of Linux install cannot update itself' };
    if (!readUpdateKey(host))
      return {
        supported: false,
        reason: `this build has no key to check an update's signature with (${UPDATE_KEY_FILE})`,
      };
    return { supported: true, kind: type };
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
    event: 'update-available' | 'update-not-available',
    listener: (info: { version: string }) => void,
  ): unknown;
  on(event: 'update-downloaded', listener: (info: DownloadedUpdate) => void): unknown;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** electron-updater's UpdateDownloadedEvent, the part read here. */
export interface DownloadedUpdate {
  version: string;
  /** Where the installer was saved. */
  downloadedFile?: string;
  /** The installers on the feed, by URL relative to it. */
  files?: ReadonlyArray<{ url: string }>;
}

const INSTALLER_EXTENSION: Record<Exclude<UpdateKind, 'nsis'>, string> = {
  appimage: '.AppImage',
  deb: '.deb',
  rpm: '.rpm',
};

/** How a downloaded Linux installer's signature is fetched and checked; tests replace the I/O. */
export interface SignatureCheck {
  /** The `.sig` file's bytes, or undefined when there is none. */
  fetchSignature(url: string): Promise<Uint8Array | undefined>;
  readFile(file: string): Promise<Uint8Array>;
  removeFile(file: string): void;
}

const defaultSignatureCheck: SignatureCheck = {
  fetchSignature: async (url) => {
    try {
      // Redirects are followed: the signature, not the route, is the proof.
      const response = await fetch(url);
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
    } catch {
      return undefined;
    }
  },
  readFile: (file) => fs.promises.readFile(file),
  removeFile: (file) => fs.rmSync(file, { force: true }),
};

/**
 * Why the downloaded installer may not be installed, or undefined when its signature (base64 of
 * an Ed25519 signature of the whole file, in `<installer>.sig` beside it on the feed) is good.
 */
export async function refuseUnsignedDownload(
  info: DownloadedUpdate,
  kind: Exclude<UpdateKind, 'nsis'>,
  feedUrl: string,
  key: KeyObject,
  io: SignatureCheck,
): Promise<string | undefined> {
  const file = info.downloadedFile;
  if (!file) return 'electron-updater named no downloaded file';
  const installer =
    info.files?.find((f) => f.url.endsWith(INSTALLER_EXTENSION[kind]))?.url ?? path.basename(file);
  const signatureUrl = new URL(`${installer}.sig`, feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`);
  if (signatureUrl.protocol !== 'https:') return 'the signature is not on an https feed';
  const signature = await io.fetchSignature(signatureUrl.href);
  if (!signature) return `no signature at ${signatureUrl.pathname}`;
  const bytes = Buffer.from(Buffer.from(signature).toString('utf8').trim(), 'base64');
  try {
    if (crypto.verify(null, await io.readFile(file), key, bytes)) return undefined;
  } catch {
    // A signature of the wrong length, an unreadable file: refused as below.
  }
  return 'the signature does not match the installer';
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
  signatureCheck?: SignatureCheck;
  createUpdater?: (kind: UpdateKind) => UpdaterLike;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * Starts checking for updates if `updateSupport` allows; returns the function main.ts calls as
 * Till Agent quits: it stops the checks, and on Linux installs the update whose signature was
 * checked (on Windows electron-updater installs a downloaded update at quit itself). Never throws.
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
  const kind = support.kind;
  // Linux: installed only once this module has checked the signature (see the top).
  const feed = readUpdateFeed(host);
  const signed =
    kind === 'nsis'
      ? undefined
      : { kind, key: readUpdateKey(host)!, feedUrl: 'feed' in feed ? feed.feed.url : '' };
  const io = options.signatureCheck ?? defaultSignatureCheck;
  let checkedFile: string | undefined;
  /** Only the latest download's check counts. */
  let downloads = 0;
  let updater: UpdaterLike;
  try {
    updater = (options.createUpdater ?? createUpdater)(kind);
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = signed === undefined;
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
    updater.on('update-downloaded', (info) => {
      if (!signed) {
        log.info({ version: info.version }, 'auto-update: downloaded; installs when Till Agent quits');
        return;
      }
      checkedFile = undefined;
      const download = ++downloads;
      void refuseUnsignedDownload(info, signed.kind, signed.feedUrl, signed.key, io)
        .catch((e: unknown) => `the signature could not be checked: ${messageOf(e)}`)
        .then((refused) => {
          if (download !== downloads) return;
          if (refused === undefined) {
            checkedFile = info.downloadedFile;
            log.info(
              { version: info.version },
              'auto-update: downloaded, signature checked; installs when Till Agent quits',
            );
            return;
          }
          try {
            if (info.downloadedFile) io.removeFile(info.downloadedFile);
          } catch {
            // Still never installed: nothing marks it as checked.
          }
          log.warn(
            { version: info.version, reason: refused },
            'auto-update: refused the downloaded update (its signature is missing or wrong) and deleted it',
          );
        });
    });
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
  log.info({ kind, everyHours: intervalMs / 3_600_000 }, 'auto-update: on');
  check();
  const handle = every(check, intervalMs);
  return () => {
    stopEvery(handle);
    if (!checkedFile) return;
    checkedFile = undefined;
    try {
      // Silent, and not started again afterwards, as on Windows.
      updater.quitAndInstall(true, false);
    } catch (e) {
      log.warn({ err: messageOf(e) }, 'auto-update: could not install');
    }
  };
}
