// The agent's one SQLite database: opened once by the core, WAL with synchronous=FULL so a
// committed closure survives a power cut, and migrated to the schema this build knows.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataFolderModes, keepFileMode, makeDataFolder } from '../files';
import { migrations, type Migration } from './migrations';

/**
 * WAL pages (4 KB) after which a commit checkpoints by itself, synchronously: only under sustained
 * writing, where no pause comes (checkpoints.ts copies the WAL at pauses). 16 MB of WAL at most,
 * a checkpoint in ~400 applies rather than ~100 (SQLite's default, 1,000).
 */
export const CHECKPOINT_CEILING_PAGES = 4000;

export type Db = Database.Database;

/** The database's write-ahead log, beside it (SQLite's name for it). */
export const walPath = (db: Db): string => `${db.name}-wal`;

export class DatabaseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

export interface OpenOptions {
  /** For tests of the runner; production uses the built-in list. */
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const dir = path.dirname(file);
  makeDataFolder(dir);
  // Made before SQLite makes it (0644 under a usual umask), so its journal files, which take its
  // mode, are owner-only too (the till group's as well, in a till's shared folder).
  try {
    fs.writeFileSync(file, '', { flag: 'wx', mode: dataFolderModes(dir).file });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    keepFileMode(file, dir);
  }
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw new DatabaseError(
      `Cannot open the database ${file}: ${(e as Error).message}. Check the disk and the folder's permissions.`,
      { cause: e },
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // A sealed card dropped (a tender taken off, a sale delivered or settled) is zeroed in the
    // file where that costs no extra I/O (FAST: ON cost the drain 27% of its rate, 1755 -> 1276
    // closures/s); what FAST may leave in a free page is still sealed, and the page is reused.
    db.pragma('secure_delete = FAST');
    db.pragma('busy_timeout = 5000');
    // SQLite's own checkpoint only as the ceiling: the agent checkpoints at pauses (checkpoints.ts).
    db.pragma(`wal_autocheckpoint = ${CHECKPOINT_CEILING_PAGES}`);
    // A page cache of SQLite's own default size, 2 MB (better-sqlite3 builds it with 16 MB). The
    // cache fills as the file grows and malloc keeps what it took: with 16 MB the agent's RSS grew
    // ~21 MB over 10,000 sales (bench: memory growth); pages past 2 MB come from the OS's cache.
    db.pragma('cache_size = -2000');
    migrate(db, options.migrations ?? migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** The SQLite library's own version, for the support bundle. */
export function sqliteVersion(db: Db): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Db, list: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new DatabaseError(
      `The database was written by a newer Till Agent (schema ${current}; this version knows up to ${latest}). Install the newer version again; do not delete the database, it may hold unsent gift card sales.`,
    );
  }
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const pending = [...list].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * Runs `work` with commits that are not fsync'd (synchronous=NORMAL in WAL mode), for writes the
 * agent can lose to a power cut without harm: delivery bookkeeping, which a restart redoes by
 * sending again with the same requestId, and a gift card applied to an open basket (no money
 * moves until the close; a close whose tenders no longer add up is refused). A crash of the agent
 * loses none of them: only the OS's own crash or a power cut can. What the POS was promised (an
 * accepted close, top-up, refund or void) is always written with synchronous=FULL. WAL keeps order:
 * the next FULL commit (or Storage.sync) makes these durable too.
 */
export function withRelaxedDurability<T>(db: Db, work: () => T): T {
  // Not a statement prepared once: SQLite applies this PRAGMA when it is prepared, not when run.
  db.pragma('synchronous = NORMAL');
  try {
    return work();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
