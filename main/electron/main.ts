// The desktop app's entry, bundled by scripts/build-electron.mjs to dist/main/electron.mjs (and to
// the file package.json's "main" names): the runtime every host starts, plus the cashier window on
// app://, the one IPC channel and the tray. Each piece is its own module; this file puts them
// together in the right order. Start at login and auto-update follow config.desktop.
import path from 'node:path';
import v8 from 'node:v8';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  protocol,
  safeStorage,
  session,
  Tray,
} from 'electron';
import { loadConfig, type Logger } from '../agent';
import { startRuntime, type Runtime } from '../runtime';
import { HostUsageError, parseHostArgs, type HostArgs } from './args';
import { answerCommandLine, cliArguments } from './cli';
import { keychainProtector } from './keys';
import { followAgentEvents } from './events';
import { registerIpc } from './ipc';
import { applyLoginItem } from './login-item';
import { registerAppProtocol } from './protocol';
import { appScheme, denyPermissions, hardenWebContents } from './security';
import { devToolsAllowed, refusedSwitches, refusedSwitchesMessage } from './switches';
import { closeOnQuit, describeStartupError, STARTUP_ERROR_TITLE } from './startup';
import { createStatusTray } from './tray';
import { electronUpdateHost, startAutoUpdates } from './updates';
import { bringToFront, createMainWindow, hideOnClose } from './window';

const consoleLog: Logger = {
  debug() {},
  info: (obj, msg) => console.log(msg ?? '', obj),
  warn: (obj, msg) => console.warn(msg ?? '', obj),
  error: (obj, msg) => console.error(msg ?? '', obj),
};
/** The console until the runtime's log file is open. */
let currentLog: Logger = consoleLog;
const log: Logger = {
  debug: (obj, msg) => currentLog.debug(obj, msg),
  info: (obj, msg) => currentLog.info(obj, msg),
  warn: (obj, msg) => currentLog.warn(obj, msg),
  error: (obj, msg) => currentLog.error(obj, msg),
};

function fatal(e: unknown): void {
  log.error({ err: e }, STARTUP_ERROR_TITLE);
  dialog.showErrorBox(STARTUP_ERROR_TITLE, describeStartupError(e));
  app.exit(1);
}

function boot(): void {
  // Before anything else: a switch that could open the app to a debugger stops it here.
  const refused = refusedSwitches(process.argv, { isPackaged: app.isPackaged, platform: process.platform });
  if (refused.length > 0) {
    // Off Chromium's own command line too, so nothing it starts in the meantime sees them.
    for (const name of refused) app.commandLine.removeSwitch(name.slice(2));
    fatal(new HostUsageError(refusedSwitchesMessage(refused)));
    return;
  }
  // The agent runs here for days at a modest rate of allocation: V8's young generation stays at
  // its first size instead of growing in the burst of start-up and keeping that for good, as
  // `serve` does (scripts/agent.mjs, where the figures are). V8 reads it each time it would grow.
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  // And WebAssembly (undici's HTTP parser) on V8's baseline compiler only, as `serve` runs it:
  // optimising it kept ~10 MB of compiler memory for good (scripts/agent.mjs has the figures).
  v8.setFlagsFromString('--liftoff-only');
  // `till-agent diagnose` and the other commands: answered before anything else, with no window,
  // no single-instance lock and no second agent.
  const command = cliArguments(process.argv, app.isPackaged);
  if (command) {
    void answerCommandLine(command, { app, safeStorage, platform: process.platform });
    return;
  }
  let args: HostArgs;
  try {
    args = parseHostArgs(process.argv.slice(1));
  } catch (e) {
    fatal(e);
    return;
  }
  // A separate data folder is a separate app instance: Electron's files and lock go there too.
  if (args.dataDir) app.setPath('userData', path.join(path.resolve(args.dataDir), 'electron'));
  protocol.registerSchemesAsPrivileged([appScheme]);
  // No default menu (it would offer View > Toggle Developer Tools, Reload …), before any window.
  Menu.setApplicationMenu(null);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let runtime: Runtime | undefined;
  let window: BrowserWindow | undefined;
  const disposers: Array<() => void> = [];

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('second-instance', () => window && bringToFront(window));
  app.on('activate', () => window && bringToFront(window));

  let started: Promise<void> = Promise.resolve();
  const quit = closeOnQuit(
    app,
    async () => {
      await started.catch(() => undefined);
      for (const dispose of disposers.splice(0).reverse()) dispose();
      await runtime?.close();
    },
    () => log,
  );

  const start = async (): Promise<void> => {
    const loaded = loadConfig({ configFile: args.configFile, demo: args.demo, dataDir: args.dataDir });
    runtime = await startRuntime({
      loaded,
      version: app.getVersion(),
      keyProtector: keychainProtector(safeStorage, process.platform, log),
    });
    currentLog = runtime.log;
    const agent = runtime.agent;
    const appPath = app.getAppPath();

    denyPermissions(session.defaultSession);
    registerAppProtocol(protocol, { root: path.join(appPath, 'dist', 'renderer'), log });
    disposers.push(registerIpc(ipcMain, agent, log));

    const win = createMainWindow(BrowserWindow, {
      preloadPath: path.join(appPath, 'dist', 'preload', 'preload.cjs'),
      alwaysOnTop: loaded.config.ui.alwaysOnTop,
      iconPath: path.join(appPath, 'resources', 'icon.png'),
      devTools: devToolsAllowed(process.argv, app.isPackaged),
      log,
    });
    window = win;
    hideOnClose(win, quit.quitting);

    const tray = createStatusTray(
      { Tray, Menu, nativeImage },
      { iconDir: path.join(appPath, 'resources'), onShow: () => bringToFront(win), onQuit: () => app.quit() },
    );
    disposers.push(() => tray.destroy());
    const health = await agent.call('health', {});
    if (health.ok) tray.showLink(health.value.centegra);
    disposers.push(
      followAgentEvents(agent, {
        window: win,
        tray,
        bringToFrontOnScan: loaded.config.ui.bringToFrontOnScan,
      }),
    );
    log.info({ demo: loaded.demo, dataDir: loaded.dataDir }, 'desktop window open');

    // Neither throws: each logs what it did, or why not.
    applyLoginItem(app, loaded.config.desktop.startAtLogin, log);
    disposers.push(startAutoUpdates(loaded.config.desktop.autoUpdate, electronUpdateHost(app), { log }));
  };

  started = app.whenReady().then(start);
  started.catch(async (e: unknown) => {
    await runtime?.close().catch(() => undefined);
    fatal(e);
  });
}

boot();
