// The desktop app's command line: Chromium switches that could open it to a debugger, or change
// how it runs, are refused; the launchers' own switches and the app's flags pass; DevTools only in
// a development build started with --dev.
import { describe, expect, it } from 'vitest';
import { devToolsAllowed, refusedSwitches, refusedSwitchesMessage } from '../../main/electron';

const installed = { isPackaged: true, platform: 'linux' } as const;
const windows = { isPackaged: true, platform: 'win32' } as const;
const checkout = { isPackaged: false, platform: 'linux' } as const;
const APP = '/opt/Till Agent/till-agent';

describe('refusedSwitches', () => {
  it('passes the app as the menu, the shortcut and the launchers start it', () => {
    expect(refusedSwitches([APP], installed)).toEqual([]);
    expect(refusedSwitches([APP, '--demo', '--config', '/etc/till-agent/config.json'], installed)).toEqual(
      [],
    );
    expect(refusedSwitches([APP, '--config=/etc/ta.json', '--data-dir=/srv/till'], installed)).toEqual([]);
    // resources/linux/till-agent, for a command, as root.
    expect(
      refusedSwitches(
        [APP, '--ozone-platform=headless', '--disable-gpu', '--no-sandbox', 'diagnose', '--json'],
        installed,
      ),
    ).toEqual([]);
    expect(refusedSwitches([APP, '--ozone-platform-hint=auto'], installed)).toEqual([]);
    // A command's own flags are its parser's business.
    expect(
      refusedSwitches([APP, 'support-bundle', '--out', '/tmp/b.zip', '--hostname', 'x'], installed),
    ).toEqual([]);
    // resources/windows/till-agent.cmd passes its arguments as they are.
    expect(
      refusedSwitches(
        ['C:\\Program Files\\Till Agent\\Till Agent.exe', 'check-config', 'C:\\c.json'],
        windows,
      ),
    ).toEqual([]);
  });

  it.each([
    '--remote-debugging-port=9222',
    '--remote-debugging-pipe',
    '--remote-debugging-address=0.0.0.0',
    '--remote-allow-origins=*',
    '--inspect',
    '--inspect=0.0.0.0:9229',
    '--inspect-brk',
    '--inspect-port=9229',
    '--js-flags=--allow-natives-syntax',
    '--disable-web-security',
    '--proxy-server=http://evil.example:8080',
    '--load-extension=/tmp/x',
    '--user-data-dir=/tmp/x',
    '--dev',
  ])('refuses %s in an installed build', (arg) => {
    const name = arg.split('=')[0]!;
    expect(refusedSwitches([APP, arg], installed)).toEqual([name]);
    expect(refusedSwitches([APP, '--demo', arg, '--data-dir', '/srv/till'], installed)).toEqual([name]);
  });

  it('reads switches as Chromium does: one dash, any place, Windows slashes and upper case', () => {
    expect(refusedSwitches([APP, '-remote-debugging-port=9222'], installed)).toEqual([
      '--remote-debugging-port',
    ]);
    expect(refusedSwitches([APP, 'not-a-command', '--inspect'], installed)).toEqual(['--inspect']);
    expect(refusedSwitches(['Till Agent.exe', '/remote-debugging-port=9222'], windows)).toEqual([
      '--remote-debugging-port',
    ]);
    expect(refusedSwitches(['Till Agent.exe', '--Remote-Debugging-Port=9222'], windows)).toEqual([
      '--remote-debugging-port',
    ]);
    // A path is not a switch on Linux; after a bare `--` nothing is a switch to Chromium.
    expect(refusedSwitches([APP, '--config', '/remote-debugging-port'], installed)).toEqual([]);
    expect(refusedSwitches([APP, '--', '--remote-debugging-port=9222'], installed)).toEqual([]);
    // The value of --config is no hiding place: Chromium would read it as a switch too.
    expect(refusedSwitches([APP, '--config', '-inspect'], installed)).toEqual(['--inspect']);
  });

  it('refuses a debugger among a command’s own arguments too', () => {
    expect(refusedSwitches([APP, 'diagnose', '--remote-debugging-port=9222'], installed)).toEqual([
      '--remote-debugging-port',
    ]);
    expect(refusedSwitches([APP, 'diagnose', '--js-flags=--expose-gc', '--inspect-brk'], installed)).toEqual([
      '--js-flags',
      '--inspect-brk',
    ]);
    // Before the command, only the launchers' switches.
    expect(refusedSwitches([APP, '--proxy-server=x', 'diagnose'], installed)).toEqual(['--proxy-server']);
  });

  it('lets a checkout (`electron .`) be debugged, with --dev for DevTools', () => {
    const electron = ['/repo/node_modules/electron/dist/electron', '.'];
    expect(
      refusedSwitches([...electron, '--dev', '--inspect=9229', '--remote-debugging-port=9222'], checkout),
    ).toEqual([]);
    expect(
      refusedSwitches([...electron, '--js-flags=--expose-gc', '--disable-web-security'], checkout),
    ).toEqual(['--js-flags', '--disable-web-security']);
  });

  it('names each refused switch once, and what is accepted', () => {
    expect(refusedSwitches([APP, '--inspect', '--inspect'], installed)).toEqual(['--inspect']);
    const message = refusedSwitchesMessage(['--remote-debugging-port']);
    expect(message).toContain('Till Agent does not run with --remote-debugging-port');
    expect(message).toContain('--config');
    expect(message).toContain('--ozone-platform');
  });
});

describe('devToolsAllowed', () => {
  it('only in a development build started with --dev', () => {
    expect(devToolsAllowed(['electron', '.', '--dev'], false)).toBe(true);
    expect(devToolsAllowed(['electron', '.'], false)).toBe(false);
    expect(devToolsAllowed([APP, '--dev'], true)).toBe(false);
  });
});
