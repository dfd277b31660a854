// Startup in the desktop app: what to tell the person at the till when the agent cannot start
// (each message names the fix), and closing everything exactly once when the app quits.
import type { App } from 'electron';
import { AlreadyRunningError, ConfigError, VaultKeyError, type Logger } from '../agent';
import { HostUsageError } from './args';

export const STARTUP_ERROR_TITLE = 'Till Agent could not start';

export function describeStartupError(e: unknown): string {
  if (e instanceof ConfigError) {
    return [
      `The configuration file ${e.file ?? ''} has problems:`,
      ...e.problems.map((p) => `  ${p}`),
      '',
      'Fix them (check with: till-agent check-config FILE), then start Till Agent again.',
    ].join('\n');
  }
  if (e instanceof HostUsageError)
    return `${e.message}\n\nCheck the Till Agent shortcut's command line, then start it again.`;
  if (e instanceof AlreadyRunningError) return e.message;
  // The vault key's message names its own fix (restore the key, or start the desktop app as its user).
  if (e instanceof VaultKeyError) return e.message;
  const message = e instanceof Error ? e.message : String(e);
  return `${message}\n\nIf this keeps happening, send the log in the Till Agent data folder to IT.`;
}

/**
 * On the first `before-quit`, holds the quit, runs `close` once, then exits. Later quit requests
 * while closing are held too, so nothing exits with the database half closed.
 */
export function closeOnQuit(
  app: Pick<App, 'on' | 'exit'>,
  close: () => Promise<void>,
  log: () => Logger,
): { quitting(): boolean } {
  let closing: Promise<void> | undefined;
  app.on('before-quit', (event) => {
    event.preventDefault();
    closing ??= (async () => {
      try {
        await close();
      } catch (e) {
        log().error({ err: e }, 'Till Agent did not close cleanly');
      }
      app.exit(0);
    })();
  });
  return { quitting: () => closing !== undefined };
}
