// The window and the tray: events reach the screen, a scanned card brings the window forward
// when configured, the tray shows the Centegra link, and closing hides instead of quitting.
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { IPC_EVENT, silentLogger, type AgentEvent, type Agent } from '../../main/agent';
import {
  bringToFront,
  createMainWindow,
  createStatusTray,
  followAgentEvents,
  hideOnClose,
  routeAgentEvent,
  trayTooltip,
  type StatusTray,
  type TrayDeps,
} from '../../main/electron';
import { FakeBrowserWindow, FakeTray, fakeEvent, resetFakeElectron, electron } from './fake-electron';

const iconDir = path.join('/opt', 'till-agent', 'resources');
const asWindow = (w: FakeBrowserWindow) => w as unknown as BrowserWindow;

const cardEvent: AgentEvent = {
  id: 'b.1',
  type: 'card',
  data: {
    cardNumberMasked: '•••• 0011',
    status: 'ACTIVE',
    balanceMinor: 5000,
    currency: 'GBP',
    checkedAt: '2026-11-27T10:00:00Z',
  },
};
const scanEvent: AgentEvent = {
  id: 'b.2',
  type: 'scan',
  data: { scanId: 's1', at: '2026-11-27T10:00:00Z', source: { kind: 'hid', deviceId: 'd1' }, valid: true },
};
const linkEvent = (state: 'ONLINE' | 'OFFLINE' | 'KEY_DISABLED' | 'FACTOR4_DOWN'): AgentEvent => ({
  id: `b.${state}`,
  type: 'centegra',
  data: { state },
});

function newTray(onShow = vi.fn(), onQuit = vi.fn()) {
  const tray = createStatusTray(electron as unknown as TrayDeps, { iconDir, onShow, onQuit });
  return { tray, fake: FakeTray.instances.at(-1)!, onShow, onQuit };
}

beforeEach(() => resetFakeElectron());

describe('the tray', () => {
  it('starts grey and offline, with Show and Quit in its menu', () => {
    const { fake, onShow, onQuit } = newTray();
    expect(fake.image.path).toBe(path.join(iconDir, 'tray-offline.png'));
    expect(fake.tooltip).toBe('Till Agent — Offline: OFFLINE');
    const items = fake.contextMenu!.template.filter((item) => item.label);
    expect(items.map((item) => item.label)).toEqual(['Show Till Agent', 'Quit Till Agent']);
    items[0]!.click!();
    expect(onShow).toHaveBeenCalledOnce();
    items[1]!.click!();
    expect(onQuit).toHaveBeenCalledOnce();
    fake.emit('click');
    expect(onShow).toHaveBeenCalledTimes(2);
  });

  it('switches icon and tooltip on a centegra event', () => {
    const { tray, fake } = newTray();
    const win = new FakeBrowserWindow({});
    const targets = { window: asWindow(win), tray, bringToFrontOnScan: false };

    routeAgentEvent(linkEvent('ONLINE'), targets);
    expect(fake.image.path).toBe(path.join(iconDir, 'tray-online.png'));
    expect(fake.tooltip).toBe('Till Agent — Online');

    routeAgentEvent(linkEvent('KEY_DISABLED'), targets);
    expect(fake.image.path).toBe(path.join(iconDir, 'tray-offline.png'));
    expect(fake.tooltip).toBe('Till Agent — Offline: KEY_DISABLED');
  });

  it('words the tooltip for every link state', () => {
    expect(trayTooltip({ state: 'ONLINE' })).toBe('Till Agent — Online');
    expect(trayTooltip({ state: 'OFFLINE' })).toBe('Till Agent — Offline: OFFLINE');
    expect(trayTooltip({ state: 'FACTOR4_DOWN' })).toBe('Till Agent — Offline: FACTOR4_DOWN');
  });

  it('is left alone once destroyed', () => {
    const { tray, fake } = newTray();
    tray.destroy();
    tray.showLink({ state: 'ONLINE' });
    expect(fake.destroyed).toBe(true);
    expect(fake.tooltip).toBe('Till Agent — Offline: OFFLINE');
  });
});

describe('agent events in the window', () => {
  let win: FakeBrowserWindow;
  let tray: StatusTray;

  beforeEach(() => {
    win = new FakeBrowserWindow({});
    tray = newTray().tray;
  });

  it('sends every event to the screen on IPC_EVENT', () => {
    for (const event of [cardEvent, scanEvent, linkEvent('OFFLINE')]) {
      routeAgentEvent(event, { window: asWindow(win), tray, bringToFrontOnScan: false });
    }
    expect(win.webContents.send.mock.calls).toEqual([
      [IPC_EVENT, cardEvent],
      [IPC_EVENT, scanEvent],
      [IPC_EVENT, linkEvent('OFFLINE')],
    ]);
  });

  it('brings the window to the front on a card event when configured', () => {
    win.minimized = true;
    routeAgentEvent(cardEvent, { window: asWindow(win), tray, bringToFrontOnScan: true });
    expect(win.calls).toEqual(['restore', 'show', 'focus', 'moveTop']);
  });

  it('leaves the window where it is on a card event when not configured', () => {
    routeAgentEvent(cardEvent, { window: asWindow(win), tray, bringToFrontOnScan: false });
    expect(win.calls).toEqual([]);
  });

  it('does not bring the window forward for other events', () => {
    routeAgentEvent(scanEvent, { window: asWindow(win), tray, bringToFrontOnScan: true });
    routeAgentEvent(linkEvent('ONLINE'), { window: asWindow(win), tray, bringToFrontOnScan: true });
    expect(win.calls).toEqual([]);
  });

  it('sends nothing to a destroyed window', () => {
    win.destroyed = true;
    routeAgentEvent(cardEvent, { window: asWindow(win), tray, bringToFrontOnScan: true });
    expect(win.webContents.send).not.toHaveBeenCalled();
    expect(win.calls).toEqual([]);
  });

  it('follows the agent until unsubscribed', () => {
    let listener: ((event: AgentEvent) => void) | undefined;
    const unsubscribe = vi.fn();
    const agent = {
      subscribe: vi.fn((l: (event: AgentEvent) => void) => {
        listener = l;
        return unsubscribe;
      }),
    } as unknown as Pick<Agent, 'subscribe'>;
    const stop = followAgentEvents(agent, { window: asWindow(win), tray, bringToFrontOnScan: true });
    listener!(cardEvent);
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT, cardEvent);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});

describe('the cashier window', () => {
  it('loads app://till-agent/index.html and shows itself when ready', () => {
    const win = createMainWindow(electron.BrowserWindow as never, {
      preloadPath: '/p.cjs',
      alwaysOnTop: true,
      log: silentLogger,
    });
    const fake = win as unknown as FakeBrowserWindow;
    expect(fake.loadURL).toHaveBeenCalledExactlyOnceWith('app://till-agent/index.html');
    expect(fake.options).toMatchObject({ title: 'Till Agent', alwaysOnTop: true, show: false });
    fake.emit('ready-to-show');
    expect(fake.visible).toBe(true);
    const titleChange = fakeEvent();
    fake.emit('page-title-updated', titleChange, 'Something else');
    expect(titleChange.defaultPrevented).toBe(true);
  });

  it('hides on close instead of closing, unless the app is quitting', () => {
    const win = new FakeBrowserWindow({});
    win.visible = true;
    let quitting = false;
    hideOnClose(asWindow(win), () => quitting);

    const close = fakeEvent();
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);

    quitting = true;
    const finalClose = fakeEvent();
    win.emit('close', finalClose);
    expect(finalClose.defaultPrevented).toBe(false);
  });

  it('is brought forward without restoring when not minimised', () => {
    const win = new FakeBrowserWindow({});
    bringToFront(asWindow(win));
    expect(win.calls).toEqual(['show', 'focus', 'moveTop']);
  });
});
