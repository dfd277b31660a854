// The data folder's single-instance lock: one agent per queue. The lock is an exclusive SQLite
// transaction held open on `instance.lock` for the agent's life; SQLite takes it with POSIX fcntl
// locks (LockFileEx on Windows), which the OS drops the moment the process dies. So a start after
// a SIGKILL or a power cut goes ahead at once, whatever process now has the old PID, and a second
// live agent is refused. The holder's PID is written beside it (`agent.lock`, the file earlier
// versions took for the lock), for the message only.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataFolderModes, keepFileMode, makeDataFolder } from './files';

/** The file the lock is held on. Never deleted: a lock on a deleted file would lock nothing. */
export const LOCK_FILE = 'instance.lock';
/**
 * The holder's process id, for the message; never trusted as a lock (a PID outlives its process
 * and is reused). Removed when the lock is released; one left by a crash is only read while the
 * lock is held, so by then it names the holder.
 */
export const PID_FILE = 'agent.lock';
/**
 * How long a start waits for the lock: long enough to ride over another process's brief look
 * (lockHolder), short enough that a second agent is told at once.
 */
const ACQUIRE_WAIT_MS = 500;

export class AlreadyRunningError extends Error {
  readonly code = 'ALREADY_RUNNING';
  constructor(
    /** The holder's process id, when its note could be read. */
    readonly pid: number | undefined,
    readonly dataDir: string,
  ) {
    super(
      `Till Agent is already running on this till${pid ? ` (process ${pid})` : ''} with the data folder ${dataDir}. Close it first, or give this one another data folder.`,
    );
    this.name = 'AlreadyRunningError';
  }
}

/** An agent running on a data folder: it holds the lock. */
export interface LockHolder {
  /** Its process id, when its note could be read. */
  pid: number | undefined;
  /** "process 1234", or "another process" when the note is missing: for messages. */
  label: string;
}

/** The locks this process holds, by folder: a second start in the same process shares the first's. */
const held = new Map<string, { db: Database.Database; count: number }>();

/** Takes the data folder's lock; the returned function releases it. Throws AlreadyRunningError when another process holds it. */
export function acquireLock(dataDir: string): () => void {
  makeDataFolder(dataDir);
  const key = path.resolve(dataDir);
  const mine = held.get(key);
  if (mine) {
    mine.count++;
    return once(() => release(key));
  }
  const file = path.join(dataDir, LOCK_FILE);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${ACQUIRE_WAIT_MS}`);
    // No journal file: nothing is ever written, the transaction is only there for its lock.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY')
      throw new AlreadyRunningError(readPid(dataDir), dataDir);
    throw e;
  }
  keepFileMode(file, dataDir);
  held.set(key, { db, count: 1 });
  writePid(dataDir);
  return once(() => release(key));
}

function release(key: string): void {
  const mine = held.get(key);
  if (!mine || --mine.count > 0) return;
  held.delete(key);
  // The note first, while the lock still says it is ours to remove.
  fs.rmSync(path.join(key, PID_FILE), { force: true });
  try {
    mine.db.exec('ROLLBACK');
  } finally {
    mine.db.close();
  }
}

/** The agent running on this data folder in another process, if any. Takes nothing and creates nothing. */
export function lockHolder(dataDir: string): LockHolder | undefined {
  if (held.has(path.resolve(dataDir))) return undefined;
  let db: Database.Database;
  try {
    db = new Database(path.join(dataDir, LOCK_FILE), { readonly: true, fileMustExist: true });
  } catch {
    return undefined; // no lock file: no agent has run here since it was made
  }
  try {
    db.pragma('busy_timeout = 0');
    // Reading needs a shared lock, which the holder's exclusive one refuses.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return undefined;
  } catch (e) {
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') return undefined;
    const pid = readPid(dataDir);
    return { pid, label: pid ? `process ${pid}` : 'another process' };
  } finally {
    db.close();
  }
}

function writePid(dataDir: string): void {
  const file = path.join(dataDir, PID_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, String(process.pid), { mode: dataFolderModes(dataDir).file });
    fs.renameSync(tmp, file);
  } catch {
    // Only a note for the message: the lock holds without it.
    fs.rmSync(tmp, { force: true });
  }
}

function readPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
