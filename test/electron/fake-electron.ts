// A recording stand-in for the `electron` module (the real one would try to download its binary):
// tests use it with `vi.mock('electron', async () => (await import('./fake-electron')).electron)`.
// Each fake keeps what it was given so a test can assert on it, and can fire the events Electron would.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(name, wrapper);
      return listener(...args);
    };
    return this.on(name, wrapper);
  }
  removeListener(name: string, listener: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(name: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(name) ?? []).map((listener) => listener(...args));
  }
  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }
}

/** An Electron event: preventDefault() is recorded. */
export function fakeEvent<T extends object>(
  fields: T = {} as T,
): T & { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  readonly send = vi.fn();
  readonly openDevTools = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  destroyed = false;
  minimized = false;
  visible = false;
  readonly loadURL = vi.fn(async (_url: string) => {});
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
  }
  focus(): void {
    this.calls.push('focus');
  }
  moveTop(): void {
    this.calls.push('moveTop');
  }
}

export interface FakeImage {
  path: string;
}

export class FakeTray extends FakeEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  contextMenu: { template: Array<{ label?: string; type?: string; click?: () => void }> } | undefined;
  destroyed = false;
  constructor(public image: FakeImage) {
    super();
    FakeTray.instances.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: FakeTray['contextMenu']): void {
    this.contextMenu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function createApp() {
  return Object.assign(new FakeEmitter(), {
    appPath: process.cwd(),
    /** True in an installed build; the tests run as `electron .` from the source folder. */
    isPackaged: false,
    /** Resolved by the test when it wants `ready` to happen. */
    ready: Promise.resolve(),
    whenReady: vi.fn((): Promise<void> => app.ready),
    requestSingleInstanceLock: vi.fn(() => true),
    getAppPath: vi.fn(() => app.appPath),
    getVersion: vi.fn(() => '0.1.0-test'),
    setPath: vi.fn(),
    disableHardwareAcceleration: vi.fn(),
    setLoginItemSettings: vi.fn(),
    commandLine: { removeSwitch: vi.fn() },
    quit: vi.fn(),
    exit: vi.fn(),
  });
}

const app = createApp();

const ipcMainHandlers = new Map<string, Listener>();
const ipcRendererEvents = new FakeEmitter();

export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() },
  nativeImage: { createFromPath: vi.fn((path: string): FakeImage => ({ path })) },
  dialog: { showErrorBox: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
  },
  ipcMain: {
    handlers: ipcMainHandlers,
    handle: vi.fn((channel: string, handler: Listener) => {
      if (ipcMainHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcMainHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => ipcMainHandlers.delete(channel)),
  },
  contextBridge: { exposeInMainWorld: vi.fn() },
  /** Stands in for the OS keychain: reversible, and visibly not the plain text. */
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) =>
      Buffer.from(`keychain:${Buffer.from(plain).reverse().toString('base64')}`),
    ),
    decryptString: vi.fn((wrapped: Buffer) => {
      const text = wrapped.toString();
      if (!text.startsWith('keychain:')) throw new Error('not ours');
      return Buffer.from(text.slice('keychain:'.length), 'base64').reverse().toString();
    }),
  },
  ipcRenderer: {
    events: ipcRendererEvents,
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answered' })),
    on: vi.fn((channel: string, listener: Listener) => ipcRendererEvents.on(channel, listener)),
    removeListener: vi.fn((channel: string, listener: Listener) =>
      ipcRendererEvents.removeListener(channel, listener),
    ),
  },
};

/** Back to a freshly started Electron, with no calls recorded. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  app.listeners.clear();
  app.ready = Promise.resolve();
  app.appPath = process.cwd();
  app.isPackaged = false;
  ipcMainHandlers.clear();
  ipcRendererEvents.listeners.clear();
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
}
