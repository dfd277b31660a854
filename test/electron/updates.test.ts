// Auto-update: when it runs (config, installed build, NSIS/AppImage/deb but never MSI, the
// machine-wide off switch), and how (check at start and every 6 h, install only at quit, every
// outcome logged, nothing shown to the cashier, no unhandled rejection from a failed check).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ElectronUpdater from 'electron-updater';
import type { Logger } from '../../main/agent';

const fake = await vi.hoisted(async () => await import('./fake-electron'));
vi.mock('electron', () => fake.electron);

const updaters = vi.hoisted(() => {
  type Listener = (arg: unknown) => void;
  class FakeUpdater {
    static created: FakeUpdater[] = [];
    autoDownload = false;
    autoInstallOnAppQuit = false;
    autoRunAppAfterInstall = true;
    logger: UpdaterLike['logger'] = null;
    readonly listeners = new Map<string, Listener[]>();
    /** What the next checkForUpdates() does; a test replaces it. */
    check: () => Promise<{ downloadPromise?: Promise<unknown> | null } | null> = async () => ({
      downloadPromise: null,
    });
    checks = 0;
    quitAndInstall = vi.fn();
    constructor(readonly kind: string) {
      FakeUpdater.created.push(this);
    }
    on(event: string, listener: (...args: never[]) => unknown): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
      return this;
    }
    emit(event: string, arg: unknown): void {
      for (const listener of this.listeners.get(event) ?? []) listener(arg);
    }
    checkForUpdates() {
      this.checks++;
      return this.check();
    }
  }
  return {
    FakeUpdater,
    module: {
      NsisUpdater: class extends FakeUpdater {
        constructor() {
          super('nsis');
        }
      },
      AppImageUpdater: class extends FakeUpdater {
        constructor() {
          super('appimage');
        }
      },
      DebUpdater: class extends FakeUpdater {
        constructor() {
          super('deb');
        }
      },
      RpmUpdater: class extends FakeUpdater {
        constructor() {
          super('rpm');
        }
      },
    },
  };
});
vi.mock('electron-updater', () => updaters.module);

const {
  createUpdater,
  NO_AUTO_UPDATE_ENV,
  startAutoUpdates,
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_KEY_FILE,
  updateSupport,
} = await import('../../main/electron/updates');
import type { UpdateHost, UpdaterLike } from '../../main/electron/updates';

type FakeUpdater = InstanceType<typeof updaters.FakeUpdater>;

function recordingLog() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return {
    log,
    lines,
    messages: (level: string) => lines.filter((l) => l.level === level).map((l) => l.msg),
  };
}

const WIN_RESOURCES = 'C:\\Program Files\\Till Agent\\resources';
const WIN_EXE = 'C:\\Program Files\\Till Agent\\Till Agent.exe';
const NSIS_UNINSTALLER = 'C:\\Program Files\\Till Agent\\Uninstall Till Agent.exe';

/** A machine with the given files (and their text). */
function host(overrides: Partial<UpdateHost>, files: Record<string, string> = {}): UpdateHost {
  return {
    isPackaged: true,
    platform: 'win32',
    env: {},
    resourcesPath: WIN_RESOURCES,
    execPath: WIN_EXE,
    exists: (file) => Object.hasOwn(files, file),
    readText: (file) => files[file],
    ...overrides,
  };
}

const FEED_URL = 'https://updates.example.co.uk/till-agent';
/** app-update.yml as electron-builder writes it, for a signed Windows build unless told otherwise. */
const feedYaml = (url = FEED_URL, publisher: string | null = 'Till Agent Ltd') =>
  `provider: generic\nurl: ${url}\nchannel: latest\n` +
  (publisher ? `publisherName:\n  - ${publisher}\n` : '');
/** The update signing key pair a release is signed with; the public half ships in the app. */
const releaseKey = crypto.generateKeyPairSync('ed25519');
const PUBLIC_PEM = releaseKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const nsisInstall = (yaml = feedYaml()) =>
  host({}, { [path.join(WIN_RESOURCES, 'app-update.yml')]: yaml, [NSIS_UNINSTALLER]: '' });
const linuxInstall = (env: NodeJS.ProcessEnv, packageType?: string, key: string | null = PUBLIC_PEM) =>
  host(
    {
      platform: 'linux',
      env,
      resourcesPath: '/opt/Till Agent/resources',
      execPath: '/opt/Till Agent/till-agent',
    },
    {
      '/opt/Till Agent/resources/app-update.yml': feedYaml(FEED_URL, null),
      ...(key ? { [`/opt/Till Agent/resources/${UPDATE_KEY_FILE}`]: key } : {}),
      ...(packageType ? { '/opt/Till Agent/resources/package-type': `${packageType}\n` } : {}),
    },
  );

beforeEach(() => {
  fake.resetFakeElectron();
  updaters.FakeUpdater.created = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('updateSupport', () => {
  it('updates an NSIS install on Windows', () => {
    expect(updateSupport(true, nsisInstall())).toEqual({ supported: true, kind: 'nsis' });
  });

  it('never updates an MSI install (no NSIS uninstaller beside the exe), even when app-update.yml is there', () => {
    const msi = host({}, { [path.join(WIN_RESOURCES, 'app-update.yml')]: feedYaml() });
    expect(updateSupport(true, msi)).toEqual({
      supported: false,
      reason: 'installed from the MSI: IT updates it with a new MSI',
    });
  });

  it('updates an AppImage as an AppImage even if it carries a deb package-type, and a deb or rpm install as such', () => {
    expect(updateSupport(true, linuxInstall({ APPIMAGE: '/home/till/TillAgent.AppImage' }, 'deb'))).toEqual({
      supported: true,
      kind: 'appimage',
    });
    expect(updateSupport(true, linuxInstall({}, 'deb'))).toEqual({ supported: true, kind: 'deb' });
    expect(updateSupport(true, linuxInstall({}, 'rpm'))).toEqual({ supported: true, kind: 'rpm' });
    expect(updateSupport(true, linuxInstall({}))).toEqual({
      supported: false,
      reason: 'this kind of Linux install cannot update itself',
    });
  });

  it('stays off when the config, the machine, the build or the platform says so', () => {
    expect(updateSupport(false, nsisInstall())).toEqual({
      supported: false,
      reason: 'turned off in the configuration (desktop.autoUpdate)',
    });
    for (const value of ['1', 'true', 'YES', 'on']) {
      expect(updateSupport(true, { ...nsisInstall(), env: { [NO_AUTO_UPDATE_ENV]: value } })).toEqual({
        supported: false,
        reason: 'turned off for this machine (TILL_AGENT_NO_AUTO_UPDATE)',
      });
    }
    expect(updateSupport(true, { ...nsisInstall(), env: { [NO_AUTO_UPDATE_ENV]: '0' } }).supported).toBe(
      true,
    );
    expect(updateSupport(true, { ...nsisInstall(), isPackaged: false })).toEqual({
      supported: false,
      reason: 'not an installed build',
    });
    expect(updateSupport(true, host({}, { [NSIS_UNINSTALLER]: '' }))).toEqual({
      supported: false,
      reason: 'this build has no update feed (no app-update.yml)',
    });
    expect(updateSupport(true, { ...nsisInstall(), resourcesPath: '' }).supported).toBe(false);
    expect(
      updateSupport(
        true,
        host(
          { platform: 'darwin', resourcesPath: '/Applications/Till Agent.app/Contents/Resources' },
          { '/Applications/Till Agent.app/Contents/Resources/app-update.yml': feedYaml() },
        ),
      ),
    ).toEqual({ supported: false, reason: 'not supported on darwin' });
  });
});

describe('updateSupport: what an update must prove', () => {
  it('refuses a feed that is not https, whatever the platform', () => {
    for (const url of ['http://updates.example.co.uk/till-agent', 'ftp://x/', 'updates.example.co.uk']) {
      for (const install of [
        nsisInstall(feedYaml(url)),
        { ...linuxInstall({}, 'deb'), readText: () => feedYaml(url) },
      ]) {
        const support = updateSupport(true, install);
        expect(support.supported).toBe(false);
        expect(!support.supported && support.reason).toMatch(
          /^the update feed is not https \(.*\): updates come only over https$/,
        );
      }
    }
    expect(updateSupport(true, nsisInstall('provider: generic\n'))).toEqual({
      supported: false,
      reason: 'the update feed is not https (no url): updates come only over https',
    });
    expect(updateSupport(true, nsisInstall('url: [unclosed'))).toEqual({
      supported: false,
      reason: 'the update feed (app-update.yml) cannot be read',
    });
  });

  it('is off on Windows when the build names no signed publisher (electron-updater would skip the check)', () => {
    expect(updateSupport(true, nsisInstall(feedYaml(FEED_URL, null)))).toEqual({
      supported: false,
      reason:
        'this build names no signed publisher (win.signtoolOptions.publisherName): an unsigned update would be installed',
    });
    expect(
      updateSupport(true, nsisInstall(`${feedYaml(FEED_URL, null)}publisherName: Till Agent Ltd\n`)),
    ).toEqual({
      supported: true,
      kind: 'nsis',
    });
  });

  it('is off on Linux when the build carries no Ed25519 key to check signatures with', () => {
    const reason = `this build has no key to check an update's signature with (${UPDATE_KEY_FILE})`;
    expect(updateSupport(true, linuxInstall({}, 'deb', null))).toEqual({ supported: false, reason });
    expect(updateSupport(true, linuxInstall({ APPIMAGE: '/x.AppImage' }, undefined, 'not a key'))).toEqual({
      supported: false,
      reason,
    });
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(
      updateSupport(true, linuxInstall({}, 'deb', rsa.export({ type: 'spki', format: 'pem' }).toString())),
    ).toEqual({ supported: false, reason });
  });

  it('says why when startAutoUpdates leaves it off', () => {
    const { log, lines } = recordingLog();
    startAutoUpdates(true, nsisInstall(feedYaml('http://updates.example.co.uk/till-agent')), { log });
    expect(updaters.FakeUpdater.created).toHaveLength(0);
    expect(lines).toEqual([
      {
        level: 'info',
        obj: {
          reason:
            'the update feed is not https (http://updates.example.co.uk/till-agent): updates come only over https',
        },
        msg: 'auto-update: off',
      },
    ]);
  });
});

describe('Linux: a downloaded update installs only with a good signature', () => {
  let dir: string;
  let installer: string;
  const INSTALLER_BYTES = Buffer.from('!<arch>\ndebian-binary   0.2.0 of Till Agent');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-update-'));
    installer = path.join(dir, 'update.deb');
    fs.writeFileSync(installer, INSTALLER_BYTES);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Starts a deb install's updates with the feed's .sig files as given; emits the download. */
  async function downloadWith(signatures: Record<string, Uint8Array>) {
    const { log, lines } = recordingLog();
    const fetched: string[] = [];
    const stop = startAutoUpdates(true, linuxInstall({}, 'deb'), {
      log,
      setInterval: () => undefined,
      clearInterval: () => {},
      signatureCheck: {
        fetchSignature: async (url) => {
          fetched.push(url);
          return signatures[url];
        },
        readFile: (file) => fs.promises.readFile(file),
        removeFile: (file) => fs.rmSync(file, { force: true }),
      },
    });
    const updater = updaters.FakeUpdater.created[0]!;
    // electron-updater must not install it by itself at quit: it checks no signature on Linux.
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updater.emit('update-downloaded', {
      version: '0.2.0',
      downloadedFile: installer,
      files: [{ url: 'TillAgent-0.2.0.AppImage' }, { url: 'till-agent_0.2.0_amd64.deb' }],
    });
    await vi.waitFor(() =>
      expect(
        lines.some((l) => l.msg?.startsWith('auto-update: downloaded, signature') || l.level === 'warn'),
      ).toBe(true),
    );
    return { updater, stop, lines, fetched };
  }
  const SIG_URL = `${FEED_URL}/till-agent_0.2.0_amd64.deb.sig`;
  const signedBy = (key: crypto.KeyObject, data: Buffer) =>
    Buffer.from(`${crypto.sign(null, data, key).toString('base64')}\n`);

  it('installs, silently at quit, an installer whose signature the shipped key verifies', async () => {
    const { updater, stop, lines, fetched } = await downloadWith({
      [SIG_URL]: signedBy(releaseKey.privateKey, INSTALLER_BYTES),
    });
    expect(fetched).toEqual([SIG_URL]);
    expect(lines.at(-1)).toEqual({
      level: 'info',
      obj: { version: '0.2.0' },
      msg: 'auto-update: downloaded, signature checked; installs when Till Agent quits',
    });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    stop();
    expect(updater.quitAndInstall).toHaveBeenCalledExactlyOnceWith(true, false);
    expect(fs.existsSync(installer)).toBe(true);
  });

  it.each([
    ['missing', {}, 'no signature at /till-agent/till-agent_0.2.0_amd64.deb.sig'],
    [
      'made with another key',
      { [SIG_URL]: signedBy(crypto.generateKeyPairSync('ed25519').privateKey, INSTALLER_BYTES) },
      'the signature does not match the installer',
    ],
    [
      'of another file',
      { [SIG_URL]: signedBy(releaseKey.privateKey, Buffer.from('the genuine 0.2.0')) },
      'the signature does not match the installer',
    ],
    [
      'not a signature',
      { [SIG_URL]: Buffer.from('<html>404</html>') },
      'the signature does not match the installer',
    ],
  ])('refuses and deletes an installer whose signature is %s', async (_what, signatures, reason) => {
    const { updater, stop, lines } = await downloadWith(signatures);
    expect(lines.at(-1)).toEqual({
      level: 'warn',
      obj: { version: '0.2.0', reason },
      msg: 'auto-update: refused the downloaded update (its signature is missing or wrong) and deleted it',
    });
    expect(fs.existsSync(installer)).toBe(false);
    stop();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });
});

describe('createUpdater', () => {
  it("uses electron-updater's updater for each kind of install", () => {
    for (const kind of ['nsis', 'appimage', 'deb', 'rpm'] as const) {
      expect((createUpdater(kind) as unknown as FakeUpdater).kind).toBe(kind);
    }
  });

  it('names classes the real electron-updater exports', async () => {
    const real = await vi.importActual<typeof ElectronUpdater>('electron-updater');
    for (const name of ['NsisUpdater', 'AppImageUpdater', 'DebUpdater', 'RpmUpdater'] as const) {
      expect(typeof real[name], name).toBe('function');
    }
  });
});

describe('startAutoUpdates', () => {
  function fakeTimers() {
    const scheduled: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
    return {
      scheduled,
      setInterval: (fn: () => void, ms: number) => {
        const entry = { fn, ms, cleared: false };
        scheduled.push(entry);
        return entry;
      },
      clearInterval: (handle: unknown) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    };
  }

  it('does nothing but log why when updates are off', () => {
    const { log, lines } = recordingLog();
    const timers = fakeTimers();
    const stop = startAutoUpdates(false, nsisInstall(), { log, ...timers });
    expect(updaters.FakeUpdater.created).toHaveLength(0);
    expect(timers.scheduled).toHaveLength(0);
    expect(lines).toEqual([
      {
        level: 'info',
        obj: { reason: 'turned off in the configuration (desktop.autoUpdate)' },
        msg: 'auto-update: off',
      },
    ]);
    stop();
  });

  it('checks at start and every 6 hours, downloads in the background, installs only at quit, and stops on dispose', async () => {
    const { log, messages } = recordingLog();
    const timers = fakeTimers();
    const stop = startAutoUpdates(true, nsisInstall(), { log, ...timers });

    const [updater] = updaters.FakeUpdater.created;
    expect(updater?.kind).toBe('nsis');
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      autoRunAppAfterInstall: false,
    });
    expect(updater!.checks).toBe(1);
    expect(timers.scheduled).toHaveLength(1);
    expect(timers.scheduled[0]!.ms).toBe(UPDATE_CHECK_INTERVAL_MS);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(6 * 60 * 60 * 1000);
    expect(messages('info')).toEqual(['auto-update: on']);

    timers.scheduled[0]!.fn();
    expect(updater!.checks).toBe(2);

    updater!.emit('update-not-available', { version: '0.1.0' });
    updater!.emit('update-available', { version: '0.2.0' });
    updater!.emit('update-downloaded', { version: '0.2.0' });
    expect(messages('info')).toEqual([
      'auto-update: on',
      'auto-update: up to date',
      'auto-update: new version found, downloading',
      'auto-update: downloaded; installs when Till Agent quits',
    ]);
    // Never a forced restart, never anything on screen.
    expect(updater!.quitAndInstall).not.toHaveBeenCalled();
    expect(fake.electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.electron.app.quit).not.toHaveBeenCalled();

    stop();
    expect(timers.scheduled[0]!.cleared).toBe(true);
  });

  it('logs a failed check or download as a warning, with no unhandled rejection and nothing shown', async () => {
    const { log, lines } = recordingLog();
    const timers = fakeTimers();
    const rejectedDownload = Promise.reject(new Error('ECONNRESET while downloading'));
    updaters.FakeUpdater.created = [];
    startAutoUpdates(true, linuxInstall({}, 'deb'), {
      log,
      ...timers,
      createUpdater: (kind) => {
        const updater = new updaters.module.DebUpdater();
        expect(kind).toBe('deb');
        updater.check = async () => ({ downloadPromise: rejectedDownload });
        return updater;
      },
    });
    const updater = updaters.FakeUpdater.created[0]!;
    // electron-updater reports both through 'error' (and rejects its promises too).
    updater.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));

    updater.check = () => Promise.reject(new Error('HttpError: 404 Not Found'));
    timers.scheduled[0]!.fn();
    updater.check = () => {
      throw new Error('thrown at once');
    };
    timers.scheduled[0]!.fn();
    // Give the rejections a turn: an unhandled one fails this test run.
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(lines.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        obj: { err: 'net::ERR_NAME_NOT_RESOLVED' },
        msg: 'auto-update: check or download failed; will try again later',
      },
      {
        level: 'warn',
        obj: { err: 'thrown at once' },
        msg: 'auto-update: check failed; will try again later',
      },
    ]);
    expect(fake.electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it("sends electron-updater's own messages to the log quietly", () => {
    const { log, lines } = recordingLog();
    startAutoUpdates(true, nsisInstall(), { log, ...fakeTimers() });
    const updater = updaters.FakeUpdater.created[0]!;
    const logger = updater.logger!;
    logger.info('Checking for update');
    logger.warn('Staging percentage is NaN');
    logger.error('Error: boom');
    expect(lines.slice(-3).map((l) => [l.level, l.msg])).toEqual([
      ['debug', 'electron-updater: Checking for update'],
      ['warn', 'electron-updater: Staging percentage is NaN'],
      ['debug', 'electron-updater: Error: boom'],
    ]);
  });

  it('carries on without updates when the updater cannot be created', () => {
    const { log, lines } = recordingLog();
    const timers = fakeTimers();
    const stop = startAutoUpdates(true, nsisInstall(), {
      log,
      ...timers,
      createUpdater: () => {
        throw new Error('App version is not a valid semver version');
      },
    });
    expect(timers.scheduled).toHaveLength(0);
    expect(lines.at(-1)).toEqual({
      level: 'warn',
      obj: { err: 'App version is not a valid semver version', kind: 'nsis' },
      msg: 'auto-update: could not start',
    });
    stop();
  });

  it('uses real timers by default, unref-ed so they never keep the app alive', () => {
    vi.useFakeTimers();
    const { log } = recordingLog();
    const stop = startAutoUpdates(true, nsisInstall(), { log });
    const updater = updaters.FakeUpdater.created[0]!;
    expect(updater.checks).toBe(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(updater.checks).toBe(1);
    vi.advanceTimersByTime(1);
    expect(updater.checks).toBe(2);
    stop();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(updater.checks).toBe(2);
  });
});
