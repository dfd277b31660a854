// Taking over a user's data folder from an earlier install into the till's machine-wide one,
// once: the queue, the sealed secrets and the vault key, the logs. Run by the host before
// anything opens either folder, with both folders' locks held, so no database is open.
//
// Nothing is ever half there: the files are copied into a staging folder inside the machine
// folder, each written through to disk, then renamed into place with the database last (its
// presence is what says "this folder has a queue"), and only then is the user's folder marked
// as taken (TAKEN-OVER.txt), which is also what keeps it from being taken, or used, again. An
// intent file in the machine folder says a takeover is under way: a start after a power cut or a
// kill finishes it, or begins it again, and until the marker is written the user's folder is
// untouched and still the one in use.
//
// A vault key the desktop app sealed with the user's OS keychain is unwrapped on the way (the
// keychain is the user's own; the machine folder is kept to the till's users by its permissions).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataFolderModes } from '../files';
import { acquireLock, lockHolder, LOCK_FILE, PID_FILE } from '../lock';
import type { KeyProtector } from '../vault';

export const TAKEN_OVER_MARKER = 'TAKEN-OVER.txt';
const INTENT = '.takeover.json';
const STAGING = '.takeover-staging';
const DATABASE = 'till-agent.db';
/** Not carried over: this run's lock and control channel, temporary files, Electron's and demo data. */
const LEFT_BEHIND = new Set([
  LOCK_FILE,
  PID_FILE,
  'control.key',
  'control.sock',
  'electron',
  'demo',
  'vault.key.protected',
  // Where the key was kept in the user's folder: the machine folder records its own at its next start.
  'vault.json',
  TAKEN_OVER_MARKER,
  `${DATABASE}-shm`,
]);

export type TakeoverState =
  /** The user's folder holds no queue: nothing to take. */
  | 'nothing'
  /** Taken now (or a takeover cut short before was finished). */
  | 'taken'
  /** Taken by an earlier start. */
  | 'already'
  /** The machine folder already holds a queue of its own: the user's is left where it is. */
  | 'machine-has-queue'
  /** An agent is running on the user's folder, or on the machine folder: not now. */
  | 'busy'
  /** The user's vault key is sealed with the OS keychain, and this host has none. */
  | 'needs-keychain'
  | 'failed';

export interface TakeoverOutcome {
  state: TakeoverState;
  /** The folder to run on now: the machine folder, or the user's while it could not be taken. */
  dataDir: string;
  /** For the log. */
  message?: string;
  /** For IT, beside the diagnostics: something is left to do. */
  warning?: string;
}

export interface TakeoverOptions {
  /** The user's folder from an earlier install. */
  from: string;
  /** The machine-wide folder. */
  to: string;
  /** The desktop app's keychain, to unwrap a keychain-sealed vault key. */
  keyProtector?: KeyProtector;
  now?: () => Date;
  /** Called between the steps (tests stop the process there to show it can be cut short anywhere). */
  onStep?: (step: 'intent' | 'copied' | 'moving' | 'moved') => void;
}

export function takeOverUserDataFolder(options: TakeoverOptions): TakeoverOutcome {
  const { from, to } = options;
  const now = options.now ?? (() => new Date());
  if (path.resolve(from) === path.resolve(to)) return { state: 'nothing', dataDir: to };
  const fromDb = path.join(from, DATABASE);
  const intentFile = path.join(to, INTENT);
  const intent = readIntent(intentFile);

  if (fs.existsSync(path.join(from, TAKEN_OVER_MARKER))) return { state: 'already', dataDir: to };
  if (!fs.existsSync(fromDb)) return { state: 'nothing', dataDir: to };

  // A takeover of this folder was cut short after the database was in place: finish it.
  if (intent?.from === path.resolve(from) && fs.existsSync(path.join(to, DATABASE))) {
    markTaken(from, to, now());
    fs.rmSync(intentFile, { force: true });
    fs.rmSync(path.join(to, STAGING), { recursive: true, force: true });
    return { state: 'taken', dataDir: to, message: `finished taking over ${from} (cut short before)` };
  }
  if (intent?.from !== path.resolve(from) && holdsQueue(path.join(to, DATABASE))) {
    return {
      state: 'machine-has-queue',
      dataDir: to,
      warning: `This user's data folder from an earlier install, ${from}, still holds a queue, but the machine-wide folder ${to} already has one of its own, so it was not taken over. Send what is left in it: quit Till Agent, start it once with --data-dir "${from}" until Diagnostics shows nothing waiting, then delete that folder.`,
    };
  }

  // An agent already running on either folder: this start goes there and is told it is running.
  for (const dir of [from, to]) {
    const running = lockHolder(dir);
    if (running)
      return {
        state: 'busy',
        dataDir: dir,
        message: `Till Agent (${running.label}) is running on ${dir}: ${from} is taken over at a later start`,
      };
  }
  const protectedKey = path.join(from, 'vault.key.protected');
  const plainKey = path.join(from, 'vault.key');
  const keychainSealed = fs.existsSync(protectedKey) && !fs.existsSync(plainKey);
  if (keychainSealed && !options.keyProtector)
    return {
      state: 'needs-keychain',
      dataDir: from,
      warning: `This user's data folder ${from} is sealed with the desktop app's OS keychain, so this Till Agent (without the desktop app) keeps using it. Start the desktop app once as this user: it moves the queue into the machine-wide folder ${to}.`,
    };

  let releaseFrom: (() => void) | undefined;
  let releaseTo: (() => void) | undefined;
  try {
    releaseFrom = acquireLock(from);
    releaseTo = acquireLock(to);
    const modes = dataFolderModes(to);
    writeAtomic(
      intentFile,
      JSON.stringify({ from: path.resolve(from), startedAt: now().toISOString() }),
      modes.file,
    );
    options.onStep?.('intent');

    const staging = path.join(to, STAGING);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { mode: modes.dir });
    copyInto(from, staging, modes);
    if (keychainSealed) {
      const key = options.keyProtector!.unprotect(fs.readFileSync(protectedKey));
      writeAtomic(path.join(staging, 'vault.key'), key.toString('base64') + '\n', modes.file);
    }
    fsyncDir(staging);
    options.onStep?.('copied');

    // Into place, the database (and its write-ahead log, which holds its latest pages) last.
    const entries = fs.readdirSync(staging).sort((a, b) => rank(a) - rank(b));
    // An empty database left by a look at the till (diagnose) or a first start makes way, with the
    // record of the key that first start made (the user's key comes in its place).
    for (const name of [DATABASE, `${DATABASE}-wal`, `${DATABASE}-shm`, 'vault.json']) {
      const existing = path.join(to, name);
      if (fs.existsSync(existing)) fs.renameSync(existing, path.join(to, `${name}.replaced-${stamp(now())}`));
    }
    for (const [i, name] of entries.entries()) {
      const target = path.join(to, name);
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) fs.rmSync(target, { recursive: true });
      fs.renameSync(path.join(staging, name), target);
      if (i === 0) options.onStep?.('moving');
    }
    fsyncDir(to);
    options.onStep?.('moved');

    markTaken(from, to, now());
    fs.rmSync(intentFile, { force: true });
    fs.rmSync(staging, { recursive: true, force: true });
    return { state: 'taken', dataDir: to, message: `took over the queue of ${from}` };
  } catch (e) {
    // The user's folder is untouched: keep using it; the next start tries again.
    fs.rmSync(path.join(to, STAGING), { recursive: true, force: true });
    return {
      state: 'failed',
      dataDir: from,
      warning: `The queue in ${from} could not be moved into the machine-wide folder ${to} (${(e as Error).message}); Till Agent keeps using ${from} and tries again at the next start.`,
    };
  } finally {
    releaseTo?.();
    releaseFrom?.();
  }
}

/** Whether a folder was taken over, and by which, from its marker. */
export function takenOverBy(dataDir: string): string | undefined {
  try {
    const text = fs.readFileSync(path.join(dataDir, TAKEN_OVER_MARKER), 'utf8');
    return /^Taken over by: (.+)$/m.exec(text)?.[1] ?? 'the machine-wide data folder';
  } catch {
    return undefined;
  }
}

function rank(name: string): number {
  if (name === DATABASE) return 2;
  if (name === `${DATABASE}-wal`) return 1;
  return 0;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

function markTaken(from: string, to: string, at: Date): void {
  writeAtomic(
    path.join(from, TAKEN_OVER_MARKER),
    [
      "Till Agent no longer uses this folder: its queue, secrets and logs were moved into this till's",
      'machine-wide data folder, which every till user shares. Delete this folder once Till Agent',
      'works from there.',
      '',
      `Taken over by: ${path.resolve(to)}`,
      `At: ${at.toISOString()}`,
      '',
    ].join('\n'),
    0o644,
  );
}

function readIntent(file: string): { from: string } | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { from?: unknown };
    return typeof parsed.from === 'string' ? { from: parsed.from } : undefined;
  } catch {
    return undefined;
  }
}

/** True when the database has anything in it a till must keep: sales waiting, baskets, money in flight. */
function holdsQueue(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    for (const table of ['outbox', 'baskets', 'holds', 'topups', 'refunds']) {
      try {
        if (db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get()) return true;
      } catch {
        /* a table this version does not have */
      }
    }
    return false;
  } catch {
    // Unreadable: it is not ours to replace.
    return true;
  } finally {
    db?.close();
  }
}

function copyInto(source: string, target: string, modes: { file: number; dir: number }): void {
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (LEFT_BEHIND.has(entry.name) || entry.name.endsWith('.tmp') || entry.name.startsWith('.')) continue;
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(to, { mode: modes.dir });
      copyInto(from, to, modes);
      fsyncDir(to);
    } else if (entry.isFile()) {
      fs.copyFileSync(from, to);
      fs.chmodSync(to, modes.file);
      fsyncFile(to);
    }
  }
}

function writeAtomic(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode });
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return; // Windows cannot open a folder to flush it
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
