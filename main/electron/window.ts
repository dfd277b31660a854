// The cashier window: small, beside the POS, optionally always on top; closing it hides it to
// the tray (the agent keeps serving the POS), and a scan can bring it to the front.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../agent';
import { APP_ENTRY, webPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  alwaysOnTop: boolean;
  iconPath?: string;
  /** DevTools in this window: a development build started with --dev only. */
  devTools?: boolean;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 400,
    height: 640,
    minWidth: 360,
    minHeight: 480,
    title: 'Till Agent',
    alwaysOnTop: options.alwaysOnTop,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: webPreferences(options.preloadPath, { devTools: options.devTools === true }),
  };
}

type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(
  BrowserWindowClass: BrowserWindowClass,
  options: MainWindowOptions & { log: Logger },
): BrowserWindow {
  const win = new BrowserWindowClass(mainWindowOptions(options));
  // The title is the app's, whatever the page calls itself.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-fail-load', (_event, code, description, url) => {
    options.log.error({ code, description, url: url.slice(0, 200) }, 'the cashier screen did not load');
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    options.log.error({ reason: details.reason, exitCode: details.exitCode }, 'the cashier screen crashed');
  });
  // There is no menu to open them from: a --dev window opens them beside itself.
  if (options.devTools === true) win.webContents.openDevTools({ mode: 'detach' });
  win
    .loadURL(APP_ENTRY)
    .catch((e: unknown) => options.log.error({ err: e }, 'the cashier screen did not load'));
  return win;
}

/** Closing the window hides it; it really closes only when the app is quitting. */
export function hideOnClose(win: BrowserWindow, isQuitting: () => boolean): void {
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
}

export function bringToFront(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  win.moveTop();
}
