// The desktop window's security, in one place: the app:// origin the screen is loaded from, the CSP
// it is served with, the renderer's webPreferences, and what no webContents may ever do
// (open windows, navigate away, attach webviews, ask for permissions).
import { RENDERER_CSP } from '../runtime';
import type { CustomScheme, Session, WebContents, WebPreferences } from 'electron';
import type { Logger } from '../agent';

export const APP_SCHEME = 'app';
export const APP_HOST = 'till-agent';
/** Every page of ours starts with this; anything else is foreign. */
export const APP_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY = `${APP_PREFIX}index.html`;

/** Registered before `ready`: a standard, secure origin that may use fetch, like https. */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The screens' policy, shared with the headless host. */
export const csp = (): string => RENDERER_CSP;

export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && url.startsWith(APP_PREFIX);
}

/**
 * The renderer gets no Node, no Electron, nothing but what the preload exposes; and no DevTools
 * unless `devTools` (a development build started with --dev, main/electron/switches.ts).
 */
export function webPreferences(preloadPath: string, { devTools = false } = {}): WebPreferences {
  return {
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    preload: preloadPath,
  };
}

const short = (url: string) => url.slice(0, 200);

/** Applied to every webContents as it is created (`app.on('web-contents-created')`). */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: short(url) }, 'refused: the screen tried to open a window');
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: short(event.url) }, 'refused: navigation away from the app');
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: short(event.url) }, 'refused: redirect away from the app');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'refused: a webview');
  });
}

/** The screen needs no camera, microphone, notifications, HID or anything else a page can ask for. */
export function denyPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
