// The switches the desktop app runs with. Chromium reads every switch on the command line, wherever
// it stands, so a shortcut or a wrapper script could otherwise open a till's screen to a debugger;
// the app refuses to start with any switch not listed here, and says which.
//
// What the fuses already do: `enableNodeCliInspectArguments: false` (electron-builder.yml) makes
// the packaged app's Node ignore --inspect, --inspect-brk, --inspect-port and --debug*, so nothing
// attaches to the main process; `enableNodeOptionsEnvironmentVariable: false` does the same for
// NODE_OPTIONS. They do nothing about Chromium's own switches: --remote-debugging-port and
// --remote-debugging-pipe open the DevTools protocol on every page (the cashier screen and its IPC
// included), --js-flags hands flags to V8, and Chromium has hundreds more (--disable-web-security,
// --proxy-server, --load-extension …). The allow-list below shuts all of those, and refuses
// --inspect* as well, so a till started with one says so instead of silently running without it.
import { cliArguments } from './cli';

/** Chromium's, which the command-line launchers add (resources/linux/till-agent). */
export const CHROMIUM_SWITCHES: readonly string[] = [
  'ozone-platform',
  'ozone-platform-hint',
  'disable-gpu',
  'no-sandbox',
];
/** The desktop app's own (main/electron/args.ts). */
export const APP_SWITCHES: readonly string[] = ['demo', 'config', 'data-dir'];
/** Accepted only from a checkout (`electron .`), never by an installed build. */
export const DEVELOPMENT_SWITCHES: readonly string[] = [
  'dev',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'remote-debugging-port',
];
/** Refused even among a command's own arguments (`till-agent diagnose --remote-debugging-port=…`). */
const ALWAYS_REFUSED = /^(remote-debugging|remote-allow-origins|inspect|debug|js-flags)/;

export interface SwitchPolicy {
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

/**
 * The switch names in `args` as Chromium reads them (base/command_line.cc): `--name`, `-name`,
 * and on Windows `/name` too, with an optional `=value`; names are lower-cased on Windows; a bare
 * `--` ends the switches.
 */
function switchesIn(
  args: readonly string[],
  platform: NodeJS.Platform,
): Array<{ index: number; name: string }> {
  const prefixes = platform === 'win32' ? ['--', '-', '/'] : ['--', '-'];
  const found: Array<{ index: number; name: string }> = [];
  for (const [index, arg] of args.entries()) {
    if (arg === '--') break;
    const prefix = prefixes.find((p) => arg.length > p.length && arg.startsWith(p));
    if (!prefix) continue;
    const name = arg.slice(prefix.length).split('=', 1)[0]!;
    found.push({ index, name: platform === 'win32' ? name.toLowerCase() : name });
  }
  return found;
}

/**
 * The switches in `argv` (process.argv) the app will not run with, as `--name`; empty when all
 * are allowed. Switches after a `till-agent <command>` belong to the command and are checked by
 * its own parser, except those that would open a debugger.
 */
export function refusedSwitches(argv: readonly string[], policy: SwitchPolicy): string[] {
  const args = argv.slice(1);
  const command = cliArguments(argv, policy.isPackaged);
  const commandStart = command ? args.length - command.length : args.length;
  const allowed = new Set([
    ...CHROMIUM_SWITCHES,
    ...APP_SWITCHES,
    ...(policy.isPackaged ? [] : DEVELOPMENT_SWITCHES),
  ]);
  const refused = switchesIn(args, policy.platform).filter(({ index, name }) =>
    index < commandStart ? !allowed.has(name) : ALWAYS_REFUSED.test(name) && !allowed.has(name),
  );
  return [...new Set(refused.map(({ name }) => `--${name}`))];
}

/** What the error box and the log say: the switches, and why. */
export function refusedSwitchesMessage(refused: readonly string[]): string {
  return (
    `Till Agent does not run with ${refused.join(', ')} on its command line: only ` +
    `${[...APP_SWITCHES, ...CHROMIUM_SWITCHES].map((s) => `--${s}`).join(', ')} are accepted ` +
    `(others could let another program look inside it or change how it runs).`
  );
}

/** DevTools: only in a development build started with --dev. */
export function devToolsAllowed(argv: readonly string[], isPackaged: boolean): boolean {
  return !isPackaged && argv.slice(1).includes('--dev');
}
