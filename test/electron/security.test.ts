// The desktop window's security settings: what the renderer may use, where it may go, what it may ask for.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { silentLogger } from '../../main/agent';
import {
  APP_ENTRY,
  appScheme,
  csp,
  denyPermissions,
  hardenWebContents,
  isAppUrl,
  mainWindowOptions,
  webPreferences,
} from '../../main/electron';
import { FakeWebContents, fakeEvent } from './fake-electron';

describe('webPreferences', () => {
  it('gives the renderer no Node, an isolated sandboxed context, and only our preload', () => {
    const prefs = webPreferences('/app/dist/preload/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
    // No DevTools unless asked for (a development build started with --dev).
    expect(prefs.devTools).toBe(false);
    expect(webPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'nodeIntegration',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('is what the cashier window is created with', () => {
    const options = mainWindowOptions({ preloadPath: '/p.cjs', alwaysOnTop: true });
    expect(options).toMatchObject({
      width: 400,
      height: 640,
      minWidth: 360,
      title: 'Till Agent',
      alwaysOnTop: true,
    });
    expect(options.webPreferences).toEqual(webPreferences('/p.cjs'));
    expect(mainWindowOptions({ preloadPath: '/p.cjs', alwaysOnTop: false }).alwaysOnTop).toBe(false);
  });
});

describe('the app:// origin', () => {
  it('is registered as a standard, secure scheme that may use fetch', () => {
    expect(appScheme).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_ENTRY).toBe('app://till-agent/index.html');
  });

  it('counts only pages under app://till-agent/ as ours', () => {
    expect(isAppUrl('app://till-agent/index.html')).toBe(true);
    expect(isAppUrl('app://till-agent/')).toBe(true);
    for (const url of [
      'app://till-agent.evil.example/',
      'app://other/index.html',
      'https://evil.example/',
      'file:///etc/passwd',
      'app://till-agent',
      '',
      undefined,
      null,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('has a CSP that allows only its own scripts, styles and connections', () => {
    const policy = csp();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('hardenWebContents', () => {
  let contents: FakeWebContents;
  const log = { ...silentLogger, warn: vi.fn() };

  beforeEach(() => {
    contents = new FakeWebContents();
    log.warn.mockClear();
    hardenWebContents(contents as unknown as WebContents, log);
  });

  it('denies window.open', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://till-agent/index.html' })).toEqual({ action: 'deny' });
    expect(log.warn).toHaveBeenCalled();
  });

  it('prevents navigation away from the app, and allows it within', () => {
    const away = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', away, away.url);
    expect(away.defaultPrevented).toBe(true);

    const within = fakeEvent({ url: 'app://till-agent/index.html#manager' });
    contents.emit('will-navigate', within, within.url);
    expect(within.defaultPrevented).toBe(false);

    const lookalike = fakeEvent({ url: 'app://till-agent.evil.example/' });
    contents.emit('will-navigate', lookalike, lookalike.url);
    expect(lookalike.defaultPrevented).toBe(true);
  });

  it('prevents redirects away from the app', () => {
    const away = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-redirect', away, away.url);
    expect(away.defaultPrevented).toBe(true);
    const within = fakeEvent({ url: 'app://till-agent/index.html' });
    contents.emit('will-redirect', within, within.url);
    expect(within.defaultPrevented).toBe(false);
  });

  it('prevents any webview', () => {
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('denyPermissions', () => {
  it('answers every permission request and check with no', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyPermissions(session as unknown as Session);

    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string) => boolean;
    expect(check({}, 'media')).toBe(false);
    expect(check({}, 'hid')).toBe(false);
  });
});
