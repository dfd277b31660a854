// `till-agent <command>` on an installed till, where there is no Node.js: the desktop app answers
// the command line itself (Electron's RunAsNode fuse stays off), with the same code as
// `npm run agent` (main/cli). It prints to stdout and exits with the command's code, and never
// opens a window, takes the single-instance lock or starts a second agent: a running agent is
// asked over its control channel. The launchers (resources/linux/till-agent,
// resources/windows/till-agent.cmd) start the app this way; see docs/installing.md.
import path from 'node:path';
import type { App, SafeStorage } from 'electron';
import { silentLogger, type KeyProtector } from '../agent';
import { runCommandLine, TILL_COMMANDS, type Exit } from '../cli';
import { parseHostArgs } from './args';
import { keychainProtector } from './keys';

/** The commands the app answers instead of opening its window; the launchers route the same names. */
export const CLI_COMMANDS: readonly string[] = [...new Set<string>([...TILL_COMMANDS, 'help'])];

/**
 * The command and its arguments when the app was started as `till-agent <command> …`, else
 * undefined. Chromium's own switches (`--ozone-platform=headless`, `--no-sandbox`, which the
 * launchers add) may come first; `electron .` from a checkout has the app folder before them.
 */
export function cliArguments(argv: readonly string[], isPackaged: boolean): string[] | undefined {
  const args = argv.slice(isPackaged ? 1 : 2);
  const first = args.findIndex((a) => !a.startsWith('-'));
  if (first < 0 || !CLI_COMMANDS.includes(args[first]!)) return undefined;
  return args.slice(first);
}

export interface CliHost {
  app: Pick<App, 'whenReady' | 'setPath' | 'exit' | 'disableHardwareAcceleration'>;
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >;
  platform: NodeJS.Platform;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Runs one command and exits the app with its code, once what it printed has been written. */
export async function answerCommandLine(args: string[], host: CliHost): Promise<Exit> {
  const { app } = host;
  // No window will be drawn: no GPU process either.
  app.disableHardwareAcceleration();
  let dataDir: string | undefined;
  try {
    dataDir = parseHostArgs(args).dataDir;
  } catch {
    // The command's own parser names the mistake.
  }
  // The same Electron folder as the desktop app on this data folder: the keychain's key for
  // safeStorage lives there on Windows.
  if (dataDir) app.setPath('userData', path.join(path.resolve(dataDir), 'electron'));
  let code: Exit;
  try {
    code = await runCommandLine(args, {
      invocation: 'till-agent',
      // Only a stopped till whose vault the desktop app sealed with the keychain needs it, and
      // only then is Electron's ready (the keychain needs it) waited for.
      keyProtector: async (): Promise<KeyProtector | undefined> => {
        await app.whenReady();
        return keychainProtector(host.safeStorage, host.platform, silentLogger);
      },
    });
  } catch (e) {
    (host.stderr ?? process.stderr).write(`Till Agent could not run the command: ${(e as Error).message}\n`);
    code = 1;
  }
  await Promise.all([flushed(host.stdout ?? process.stdout), flushed(host.stderr ?? process.stderr)]);
  app.exit(code);
  return code;
}

function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
