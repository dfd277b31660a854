// The running agent's own line for `till-agent diagnose` and `till-agent support-bundle` on the
// same till: a Unix domain socket in the data folder (Windows: a named pipe named after it) that
// only the agent's own user may use, answering those two questions and nothing else. It needs
// no POS token (the desktop app may keep that in the OS keychain, out of the command line's reach).
//
// Who may ask: on Linux and macOS the socket is the user's own, mode 0600, so the kernel lets no
// one else connect (root excepted); the command line also refuses a socket of another owner or
// mode rather than believe what a stranger's process says. On Windows a pipe's default security
// lets other users open it for reading only, so they cannot send a question. On every system the
// question carries the key the agent writes into the data folder at each start (control.key,
// owner-only): whoever cannot read the data folder cannot ask.
//
// The wire: one JSON line each way, then the agent closes the connection.
//   -> {"op":"diagnostics"|"support-bundle","key":"..."}
//   <- {"ok":true,"value":...} | {"ok":false,"error":{"code":"...","message":"..."}}
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../agent';

export const CONTROL_OPERATIONS = ['diagnostics', 'support-bundle'] as const;
export type ControlOperation = (typeof CONTROL_OPERATIONS)[number];

export type ControlAnswer =
  { ok: true; value: unknown } | { ok: false; error: { code: ControlErrorCode; message: string } };

export type ControlErrorCode =
  /** Nothing listens at the address (an agent of an older version, or one that could not open it). */
  | 'CONTROL_UNREACHABLE'
  /** The socket is not this user's own, owner-only: refused before connecting. */
  | 'CONTROL_NOT_OWNER'
  /** The data folder's control key cannot be read by this user: the agent runs as someone else. */
  | 'CONTROL_KEY_UNREADABLE'
  | 'CONTROL_REFUSED'
  | 'CONTROL_FAILED'
  | 'CONTROL_TIMEOUT';

/** What the channel asks of the agent: the two answers it gives, nothing else. */
export interface ControlTarget {
  diagnostics(): Promise<unknown>;
  supportBundle(): Promise<{ filename: string; zip: Uint8Array }>;
}

const KEY_FILE = 'control.key';
const SOCKET_FILE = 'control.sock';
/** sockaddr_un.sun_path is 108 bytes on Linux, 104 on macOS, with its terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 100;
const MAX_QUESTION_BYTES = 4096;
/** A support bundle holds up to 50 log files of 10 MB, compressed; base64 adds a third. */
const MAX_ANSWER_BYTES = 512 * 1024 * 1024;

/** Where the agent of this data folder listens. */
export function controlAddress(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const resolved = path.resolve(dataDir);
  const id = createHash('sha256')
    .update(platform === 'win32' ? resolved.toLowerCase() : resolved)
    .digest('hex')
    .slice(0, 24);
  if (platform === 'win32') return `\\\\.\\pipe\\till-agent-${id}`;
  const inFolder = path.join(resolved, SOCKET_FILE);
  if (Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH_BYTES) return inFolder;
  // A data folder too deep for a socket path: the socket goes to the temporary folder, still owner-only.
  return path.join(os.tmpdir(), `till-agent-${id}.sock`);
}

export interface ControlServer {
  address: string;
  close(): Promise<void>;
}

/** Opens the channel for this data folder. The caller holds the data folder's lock. */
export async function serveControl(options: {
  dataDir: string;
  target: ControlTarget;
  log: Logger;
}): Promise<ControlServer> {
  const { dataDir, target, log } = options;
  const address = controlAddress(dataDir);
  const key = writeControlKey(dataDir);
  const unix = process.platform !== 'win32';
  if (unix) removeStaleSocket(address);

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    answerOne(socket, key, target, log);
  });
  server.maxConnections = 8;
  // The socket file is made owner-only as it is created, not a moment later.
  const umask = unix ? process.umask(0o177) : undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    if (umask !== undefined) process.umask(umask);
  }
  if (unix) fs.chmodSync(address, 0o600);
  server.on('error', (e) => log.warn({ err: e }, 'control channel error'));
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          if (unix) fs.rmSync(address, { force: true });
          resolve();
        });
      }),
  };
}

function writeControlKey(dataDir: string): Buffer {
  // New at every start, replacing the last agent's (which may have been another user's).
  const key = randomBytes(32);
  const file = path.join(dataDir, KEY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, key.toString('base64url') + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
  return Buffer.from(key.toString('base64url'));
}

function removeStaleSocket(address: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(address);
  } catch {
    return;
  }
  // Left by an agent that was killed: this one holds the lock now. Anything but a socket is not ours.
  if (!stat.isSocket())
    throw new Error(`${address} is in the way of Till Agent's control socket and is not a socket.`);
  fs.rmSync(address, { force: true });
}

function answerOne(socket: net.Socket, key: Buffer, target: ControlTarget, log: Logger): void {
  let text = '';
  let answered = false;
  socket.setEncoding('utf8');
  socket.setTimeout(10_000, () => socket.destroy());
  const reply = (answer: ControlAnswer) => {
    answered = true;
    socket.end(JSON.stringify(answer) + '\n');
  };
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (answered) return;
    text += chunk;
    if (text.length > MAX_QUESTION_BYTES) {
      reply({ ok: false, error: { code: 'CONTROL_REFUSED', message: 'The question is too long.' } });
      return;
    }
    const end = text.indexOf('\n');
    if (end < 0) return;
    let question: { op?: unknown; key?: unknown };
    try {
      question = JSON.parse(text.slice(0, end)) as typeof question;
    } catch {
      reply({ ok: false, error: { code: 'CONTROL_REFUSED', message: 'The question is not JSON.' } });
      return;
    }
    const given = Buffer.from(typeof question.key === 'string' ? question.key : '');
    if (given.length !== key.length || !timingSafeEqual(given, key)) {
      log.warn({}, 'control channel: a question without the data folder key was refused');
      reply({
        ok: false,
        error: { code: 'CONTROL_REFUSED', message: "The question did not carry this data folder's key." },
      });
      return;
    }
    const op = question.op;
    if (!CONTROL_OPERATIONS.includes(op as ControlOperation)) {
      reply({
        ok: false,
        error: {
          code: 'CONTROL_REFUSED',
          message: `Only ${CONTROL_OPERATIONS.join(' and ')} are answered here.`,
        },
      });
      return;
    }
    answered = true;
    socket.setTimeout(0);
    void (async () => {
      try {
        const value =
          op === 'diagnostics'
            ? await target.diagnostics()
            : await target.supportBundle().then((b) => ({
                filename: b.filename,
                zipBase64: Buffer.from(b.zip).toString('base64'),
              }));
        socket.end(JSON.stringify({ ok: true, value } satisfies ControlAnswer) + '\n');
      } catch (e) {
        log.error({ err: e, op }, 'control channel: the answer failed');
        socket.end(
          JSON.stringify({
            ok: false,
            error: { code: 'CONTROL_FAILED', message: (e as Error).message },
          } satisfies ControlAnswer) + '\n',
        );
      }
    })();
  });
}

/** Asks the agent running on this data folder. Never throws: a failure is an answer with a code. */
export async function askRunningAgent(
  dataDir: string,
  op: ControlOperation,
  options: { timeoutMs?: number } = {},
): Promise<ControlAnswer> {
  const address = controlAddress(dataDir);
  if (process.platform !== 'win32') {
    const problem = foreignSocketProblem(address);
    if (problem) return { ok: false, error: { code: 'CONTROL_NOT_OWNER', message: problem } };
  }
  let key: string;
  try {
    key = fs.readFileSync(path.join(dataDir, KEY_FILE), 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM'
      ? {
          ok: false,
          error: {
            code: 'CONTROL_KEY_UNREADABLE',
            message: `Till Agent runs as another user, and this user may not read ${path.join(dataDir, KEY_FILE)}. Run this command as the user Till Agent runs as (or as an administrator).`,
          },
        }
      : {
          ok: false,
          error: {
            code: 'CONTROL_UNREACHABLE',
            message: `It has no control key in ${dataDir} (${code ?? (e as Error).message}): it may be an older version. Quit it and run this again.`,
          },
        };
  }
  return new Promise<ControlAnswer>((resolve) => {
    const socket = net.connect(address);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (answer: ControlAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(
      () =>
        done({
          ok: false,
          error: { code: 'CONTROL_TIMEOUT', message: 'It did not answer in time.' },
        }),
      options.timeoutMs ?? 120_000,
    );
    socket.on('connect', () => socket.write(JSON.stringify({ op, key }) + '\n'));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES)
        done({ ok: false, error: { code: 'CONTROL_FAILED', message: 'Its answer was too large.' } });
      else chunks.push(chunk);
    });
    socket.on('error', (e: NodeJS.ErrnoException) =>
      done({
        ok: false,
        error: {
          code: 'CONTROL_UNREACHABLE',
          message: `Nothing answers at ${address} (${e.code ?? e.message}): it may be an older version, or still starting.`,
        },
      }),
    );
    socket.on('end', () => {
      try {
        const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ControlAnswer;
        done(answer);
      } catch {
        done({ ok: false, error: { code: 'CONTROL_FAILED', message: 'Its answer could not be read.' } });
      }
    });
  });
}

/**
 * Why the socket at `address` is not one to talk to (made by someone else, or open to others), or
 * undefined when it is this user's own, owner-only socket, or absent (connecting says that).
 * Root may talk to any user's agent, but only over a socket that user keeps owner-only.
 */
export function foreignSocketProblem(
  address: string,
  uid: number = process.getuid?.() ?? -1,
): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(address);
  } catch {
    return undefined;
  }
  const mode = stat.mode & 0o777;
  if (stat.isSocket() && (mode & 0o077) === 0 && (stat.uid === uid || uid === 0)) return undefined;
  return `${address} is not this user's own owner-only socket (${stat.isSocket() ? 'a socket' : 'not a socket'}, owner uid ${stat.uid}, mode ${mode.toString(8).padStart(4, '0')}): refusing to use it. Run this command as the user Till Agent runs as.`;
}
