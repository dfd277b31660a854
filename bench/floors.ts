// Floors: what the machine itself costs for the work a benchmark times, measured beside it in the
// same run and process layout, so each figure is printed with how far it is from the best
// possible. Each is the bare version of one step: a serial read, an HTTP request, a Node start,
// an idle Node process.
import { spawn } from 'node:child_process';
import { residentBytes } from './agent-process';
import { ptyPair, type PtyPair } from '../test/helpers/pty';

/**
 * A second socat pty pair read with the real serialport bindings, as the agent opens a scanner
 * (same options): read() writes `code` to the host side and resolves with the milliseconds until
 * the `data` event that completes it (the terminator `\r` has arrived).
 */
export async function bareSerial(
  dir: string,
): Promise<{ read(code: string): Promise<number>; close(): Promise<void> }> {
  const pty: PtyPair = ptyPair(dir, 'bare-serial');
  await pty.start();
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path: pty.device, baudRate: 9600, autoOpen: false, lock: true });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  let waiting: ((chunk: Buffer) => void) | undefined;
  port.on('data', (chunk: Buffer) => waiting?.(chunk));
  return {
    read(code) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the bare serial read took over 5 s')), 5000);
        let got = '';
        const started = performance.now();
        waiting = (chunk) => {
          got += chunk.toString('latin1');
          if (!got.includes('\r')) return;
          const ms = performance.now() - started;
          waiting = undefined;
          clearTimeout(timer);
          resolve(ms);
        };
        pty.write(code);
      });
    },
    async close() {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      await pty.stop();
    },
  };
}

/** Polls `answered` every 5 ms, as the start-up rows do; resolves when it says yes (gives up after 3 min: a loaded machine). */
export async function pollUntil(
  answered: () => Promise<boolean>,
  gone: () => boolean,
  what: () => string,
): Promise<void> {
  const started = performance.now();
  for (;;) {
    if (await answered()) return;
    if (gone()) throw new Error(`${what()} exited before answering`);
    if (performance.now() - started > 180_000) throw new Error(`${what()} did not answer within 180 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A bare Node process: a node:http server on `port` that answers 200 (and nothing else). */
export function spawnBareServer(port: number) {
  const child = spawn(
    process.execPath,
    ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    child,
    exited: () => exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** VmRSS of a bare `node -e` process that does nothing, after `idleMs`, read as the agent's is. */
export async function bareNodeRss(idleMs: number): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, idleMs));
    return residentBytes(child.pid!);
  } finally {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  }
}
