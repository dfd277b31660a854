// The desktop app's command line, its startup error messages, and closing exactly once on quit.
import { describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { AlreadyRunningError, ConfigError, silentLogger } from '../../main/agent';
import { closeOnQuit, describeStartupError, HostUsageError, parseHostArgs } from '../../main/electron';
import { FakeEmitter, fakeEvent } from './fake-electron';

describe('parseHostArgs', () => {
  it('reads --config, --demo and --data-dir, ignoring what Electron and Chromium add', () => {
    expect(
      parseHostArgs([
        '.',
        '--demo',
        '--config',
        'till.json',
        '--data-dir',
        '/tmp/ta',
        '--remote-debugging-port=0',
      ]),
    ).toEqual({
      demo: true,
      configFile: 'till.json',
      dataDir: '/tmp/ta',
    });
    expect(parseHostArgs(['--config=/etc/ta.json', '--data-dir=D:\\TillAgent'])).toEqual({
      demo: false,
      configFile: '/etc/ta.json',
      dataDir: 'D:\\TillAgent',
    });
    expect(parseHostArgs([])).toEqual({ demo: false });
  });

  it('refuses a flag without its value, saying how to write it', () => {
    expect(() => parseHostArgs(['--config'])).toThrow(
      new HostUsageError('--config needs a value: --config FILE'),
    );
    expect(() => parseHostArgs(['--data-dir', '--demo'])).toThrow('--data-dir needs a value: --data-dir DIR');
    expect(() => parseHostArgs(['--config='])).toThrow(HostUsageError);
  });
});

describe('describeStartupError', () => {
  it('lists a config file problem by problem, and how to check it', () => {
    const message = describeStartupError(
      new ConfigError('C:\\ProgramData\\TillAgent\\config.json', [
        'centegra.apiKey: is required with centegra.baseUrl',
      ]),
    );
    expect(message).toContain('C:\\ProgramData\\TillAgent\\config.json');
    expect(message).toContain('  centegra.apiKey: is required with centegra.baseUrl');
    expect(message).toContain('check-config');
  });

  it('passes on messages that already name the fix', () => {
    const running = new AlreadyRunningError(1234, '/data');
    expect(describeStartupError(running)).toBe(running.message);
    const port = new Error(
      'Port 7420 on 127.0.0.1 is already in use: is Till Agent already running? Otherwise set posApi.port.',
    );
    expect(describeStartupError(port)).toContain('set posApi.port');
    expect(describeStartupError(new HostUsageError('--config needs a value: --config FILE'))).toContain(
      'shortcut',
    );
  });
});

describe('closeOnQuit', () => {
  function fakeApp() {
    return Object.assign(new FakeEmitter(), { exit: vi.fn() });
  }

  it('holds the first quit, closes once, then exits', async () => {
    const app = fakeApp();
    let finish!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quit = closeOnQuit(app as unknown as App, close, () => silentLogger);
    expect(quit.quitting()).toBe(false);

    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(quit.quitting()).toBe(true);

    const second = fakeEvent();
    app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(true);
    expect(close).toHaveBeenCalledOnce();
    expect(app.exit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledExactlyOnceWith(0));
  });

  it('still exits when closing fails, and logs why', async () => {
    const app = fakeApp();
    const log = { ...silentLogger, error: vi.fn() };
    closeOnQuit(
      app as unknown as App,
      () => Promise.reject(new Error('database busy')),
      () => log,
    );
    app.emit('before-quit', fakeEvent());
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledExactlyOnceWith(0));
    expect(log.error).toHaveBeenCalledOnce();
  });
});
