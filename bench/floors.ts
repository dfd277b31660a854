// Floors: what the machine itself costs for the work a benchmark times, measured beside it in the
// same run and process layout, so each figure is printed with how far it is from the best
// possible. Each is the bare version of one step: a serial read, an HTTP request, a Node start,
// an idle Node process.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { residentBytes } from './agent-process';
import { ptyPair, type PtyPair } from '../test/helpers/pty';

/** A bare Node process: reads `device` with serialport and writes one byte to `port` per code (`\r`). */
const BARE_SERIAL = `
const net = require('node:net');
const { SerialPort } = require('serialport');
const [device, port] = process.argv.slice(1);
const serial = new SerialPort({ path: device, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false, lock: true });
serial.open((error) => {
  if (error) throw error;
  const socket = net.connect(Number(port), '127.0.0.1', () => socket.setNoDelay(true));
  let got = '';
  serial.on('data', (chunk) => {
    got += chunk.toString('latin1');
    let end;
    while ((end = got.indexOf('\\r')) !== -1) {
      got = got.slice(end + 1);
      socket.write('r');
    }
  });
  socket.on('close', () => serial.close(() => process.exit(0)));
});
`;

/**
 * The bare scan path from this process's side, in the agent's layout: a second socat pty pair
 * whose device end a bare Node process reads with the real serialport bindings (as the agent opens
 * a scanner, same options); when a code's terminator `\r` has arrived it writes one byte back over
 * a loopback TCP socket (no Nagle), as the agent's event stream comes back to the POS. read()
 * writes `code` to the host end and resolves with the milliseconds until that byte is read here.
 */
export async function bareSerialProcess(
  dir: string,
): Promise<{ read(code: string): Promise<number>; pid: number; close(): Promise<void> }> {
  const pty: PtyPair = ptyPair(dir, 'bare-serial');
  await pty.start();
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const connected = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const child = spawn(process.execPath, ['-e', BARE_SERIAL, pty.device, String(port)], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const socket = await Promise.race([
    connected,
    exited.then(() => Promise.reject(new Error('the bare serial process exited before it connected'))),
  ]);
  socket.setNoDelay(true);
  let waiting: (() => void) | undefined;
  socket.on('data', () => waiting?.());
  return {
    pid: child.pid!,
    read(code) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the bare serial read took over 5 s')), 5000);
        waiting = () => {
          const ms = performance.now() - started;
          waiting = undefined;
          clearTimeout(timer);
          resolve(ms);
        };
        const started = performance.now();
        pty.write(code);
      });
    },
    async close() {
      socket.destroy();
      server.close();
      await exited;
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
