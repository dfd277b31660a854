// Start-up check of the database: a file SQLite says is damaged is never deleted and never
// written to again. It is moved aside whole (with its WAL), a fresh database is opened, and the
// agent says which file was kept until a manager acknowledges it (IT may recover sales from it).
//
// On a large file the check (PRAGMA integrity_check reads every page: ~300 ms for 100,000 queued
// sales, seconds when the file is not in the OS's cache) runs on a thread of its own
// (check-thread.ts) while the agent starts and answers: the POS API is up as soon as on an empty
// file. Until the check has passed the connection is query_only, nothing is sent from the queue,
// and every operation that writes waits (Agent.call); health, scanners and card inquiries are
// answered meanwhile. A file found damaged then is closed as it was found, set aside, and an agent
// on a fresh file takes over. Only a file that needs nothing written to open (its schema current,
// its kind recorded, its cards bound to their rows) takes that way; any other is checked first.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CHECK_PRAGMAS, checkOnThread, type ThreadAnswer } from './check-thread';
import { openDatabase, schemaVersion, type Db, type OpenOptions } from './database';
import { migrations } from './migrations';

export interface OpenedDatabase {
  db: Db;
  /** When the previous file was damaged: where it was kept, and what SQLite said. */
  kept?: { file: string; problem: string };
  /** Set when the check is still to run (the file opened query_only). */
  alongside?: {
    /** Runs the check: what it found (null: sound). Until it has passed, nothing may be written. */
    check(): Promise<string | null>;
    /**
     * A read-only connection held open meanwhile, and closed last: closing `db` while it is open
     * does not checkpoint the WAL into the file, so a file found damaged is closed exactly as it
     * was found (SQLite's checkpoint on close ignores query_only).
     */
    guard: Database.Database;
  };
}

/** Below this size the check takes a few milliseconds: it is simply run first. */
export const CHECK_ALONGSIDE_ABOVE_BYTES = 8 * 1024 * 1024;

/** Meta keys whose absence means the start writes at open (data-mode.ts, sealed-cards.ts). */
const WRITTEN_ONCE_KEYS = ['data_mode', 'cards_bound_to_rows'];

/** The check's result, read as the agent reads it: its problems, or null when it said "ok". */
function problemOf(rows: readonly string[]): string | null {
  const problems = rows.filter((r) => r !== 'ok');
  return problems.length ? problems.join('; ') : null;
}

/** Damage is quarantined; a busy or unreadable file is a different problem, thrown as it is. */
function damageOf(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  if (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    /malformed|not a database/i.test((e as Error).message)
  )
    return (e as Error).message;
  throw e;
}

/** What SQLite says is wrong with the file, or null when it is sound (or does not exist yet). */
export function integrityProblem(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  return problemIn(checkHere(file));
}

/** The same, the check run on a thread of its own (check-thread.ts): the agent goes on meanwhile. */
export async function integrityProblemOffThread(file: string): Promise<string | null> {
  if (!fs.existsSync(file)) return null;
  return problemIn(await checkOnThread(file, () => checkHere(file)));
}

/** The check on this thread, answered as the thread answers it. */
export function checkHere(file: string): ThreadAnswer {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(CHECK_PRAGMAS.cacheSize);
    const rows = db.pragma(CHECK_PRAGMAS.check) as Array<{ integrity_check: string }>;
    return { rows: rows.map((r) => r.integrity_check), thread: 0 };
  } catch (e) {
    return { error: { message: (e as Error).message, code: (e as { code?: string }).code }, thread: 0 };
  } finally {
    db?.close();
  }
}

/** What the check's answer means: its problems, damage, or (thrown) a file that could not be read. */
function problemIn(answer: ThreadAnswer): string | null {
  if ('rows' in answer) return problemOf(answer.rows);
  return damageOf(Object.assign(new Error(answer.error.message), { code: answer.error.code }));
}

/**
 * Whether the file can be opened with nothing written: its schema is this version's, and what the
 * first starts record (its kind, its cards bound to their rows) is recorded. Read on a read-only
 * connection; any doubt (an error, a damaged header) answers false, so the check runs first.
 */
function opensWithoutWriting(file: string, latest: number): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (schemaVersion(db) !== latest) return false;
    const found = db
      .prepare(`SELECT count(*) AS n FROM meta WHERE key IN (${WRITTEN_ONCE_KEYS.map(() => '?').join(', ')})`)
      .get(...WRITTEN_ONCE_KEYS) as { n: number };
    return found.n === WRITTEN_ONCE_KEYS.length;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export function openCheckedDatabase(
  file: string,
  now: Date = new Date(),
  options: OpenOptions & {
    /** Check a large file alongside the start (see above) when it opens with nothing written. */
    alongside?: boolean;
    /** The size from which it is checked alongside; CHECK_ALONGSIDE_ABOVE_BYTES unless a test says. */
    alongsideAboveBytes?: number;
    /** What a check already found (it ran alongside): the file goes aside without another. */
    knownProblem?: string;
    /** The check run alongside (integrityProblemOffThread; a test holds it to watch the agent wait). */
    checkAlongside?: (file: string) => Promise<string | null>;
  } = {},
): OpenedDatabase {
  const {
    alongside,
    alongsideAboveBytes = CHECK_ALONGSIDE_ABOVE_BYTES,
    knownProblem,
    checkAlongside = integrityProblemOffThread,
    ...open
  } = options;
  const latest = (open.migrations ?? migrations).reduce((max, m) => Math.max(max, m.version), 0);
  if (
    knownProblem === undefined &&
    alongside &&
    sizeOf(file) > alongsideAboveBytes &&
    opensWithoutWriting(file, latest)
  ) {
    const guard = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const db = openDatabase(file, open);
      // Until the check has passed, SQLite itself refuses any write on this connection.
      db.pragma('query_only = 1');
      return { db, alongside: { check: () => checkAlongside(file), guard } };
    } catch (e) {
      guard.close();
      throw e;
    }
  }
  const problem = knownProblem ?? integrityProblem(file);
  if (problem === null) return { db: openDatabase(file, open) };
  return { db: openDatabase(setAside(file, now), open), kept: { file: keptName(file, now), problem } };
}

const keptName = (file: string, now: Date) => `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;

/** Moves the damaged file aside whole (with its WAL and shared memory), untouched; answers `file`. */
function setAside(file: string, now: Date): string {
  const keptFile = keptName(file, now);
  fs.renameSync(file, keptFile);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, keptFile + suffix);
  }
  return file;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
