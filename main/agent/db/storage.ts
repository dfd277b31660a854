// Whether the till can store what it promises, in one place: every money write goes through
// `write` (one SQLite transaction; a refusal or any SQLite error leaves nothing half-written and
// answers a cashier-ready STORAGE_FAILED), the last failure is remembered until a write succeeds
// or a manager acknowledges it, and a damaged database kept aside at start-up is reported until
// a manager acknowledges that too.
import fs from 'node:fs';
import { fail, type ApiError, type Result, type StorageHealth } from '../contract';
import type { Logger } from '../logger';
import { IdleCheckpoints } from './checkpoints';
import { walPath, type Db } from './database';

export interface KeptDatabase {
  file: string;
  problem: string;
}

export interface StorageOptions {
  /** Told when storing starts failing and when it works again (the screen's red banner). */
  announce(health: StorageHealth): void;
  log: Logger;
  now(): Date;
}

/** A refusal found inside a transaction: thrown so the transaction rolls back, then answered. */
class RolledBack extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export class Storage {
  /** One transaction wrapper, made once: better-sqlite3 builds it per call otherwise. */
  private readonly inTransaction: (change: () => unknown) => unknown;
  private readonly rollbackListeners: Array<() => void> = [];
  private failure: { message: string; at: string } | undefined;
  /** The WAL's file descriptor, for sync(); and every sync in flight, which close() waits for. */
  private wal: number | undefined;
  private readonly syncing = new Set<Promise<unknown>>();
  private checkpoints: IdleCheckpoints | undefined;
  private readonly s;

  constructor(
    readonly db: Db,
    private readonly options: StorageOptions,
  ) {
    this.inTransaction = db.transaction((change: () => unknown) => change());
    this.s = {
      getKept: db.prepare("SELECT value FROM meta WHERE key = 'damaged_db_kept'"),
      setKept: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('damaged_db_kept', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      forgetKept: db.prepare("DELETE FROM meta WHERE key = 'damaged_db_kept'"),
    };
  }

  /** Caches of rows read inside a transaction drop them here when it rolls back. */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /**
   * Runs a change in one SQLite transaction. A refusal (`fail(...)`) returned by the change rolls
   * it back and is answered as it is; a full disk or any SQLite error answers STORAGE_FAILED.
   */
  write<T>(change: () => Result<T>): Result<T> {
    try {
      const out = this.inTransaction(() => {
        const result = change();
        if (!result.ok) throw new RolledBack(result.error);
        return result;
      }) as Result<T>;
      if (this.failure) {
        this.failure = undefined;
        this.options.announce({ ok: true });
      }
      return out;
    } catch (e) {
      for (const listener of this.rollbackListeners) listener();
      if (e instanceof RolledBack) return { ok: false, error: e.error };
      return this.failed(e);
    }
  }

  /**
   * Makes every commit so far durable, on libuv's thread pool so the agent goes on meanwhile: for
   * a commit written relaxed (withRelaxedDurability) whose fsync can run beside a call to Centegra
   * instead of before it. An fdatasync of the WAL, which holds every commit since the last
   * checkpoint (a checkpoint syncs what it copies). Never rejects: a failure is answered, and
   * shown, as a failed write is.
   */
  sync(): Promise<Result<void>> {
    if (this.db.memory) return Promise.resolve({ ok: true, value: undefined });
    let fd: number;
    try {
      fd = this.walFile();
    } catch (e) {
      return Promise.resolve(this.failed(e));
    }
    const synced = new Promise<Result<void>>((resolve) =>
      fs.fdatasync(fd, (e) => {
        this.syncing.delete(synced);
        resolve(e ? this.failed(e) : { ok: true, value: undefined });
      }),
    );
    // close() waits for every sync in flight, not only the last (they may finish out of order);
    // each leaves the set as it finishes, so a long-running agent keeps none of them.
    this.syncing.add(synced);
    return synced;
  }

  /**
   * The WAL, opened once: SQLite keeps it (the same file) while this connection is open, and only
   * deletes it when the last connection closes. For reading and writing: Windows flushes only a
   * writable handle.
   */
  private walFile(): number {
    this.wal ??= fs.openSync(walPath(this.db), 'r+');
    return this.wal;
  }

  /**
   * From now on the WAL is copied into the database at pauses in writing (checkpoints.ts): once the
   * database may be written, never while a start-up check has not passed it.
   */
  checkpointAtPauses(tickMs?: number): void {
    this.checkpoints ??= new IdleCheckpoints(this.db, this.options.log, tickMs);
    this.checkpoints.start();
  }

  /** Before the database closes: no more checkpoints, the last sync finished, the WAL's handle let go. */
  async close(): Promise<void> {
    this.checkpoints?.stop();
    await Promise.all(this.syncing);
    if (this.wal !== undefined) fs.closeSync(this.wal);
    this.wal = undefined;
  }

  private failed(e: unknown): Result<never> {
    const message = describeStorageError(e);
    this.failure = { message, at: this.options.now().toISOString() };
    this.options.log.error(
      { err: (e as Error).message, code: (e as { code?: string }).code },
      'storage failed',
    );
    this.options.announce({ ok: false, problem: message });
    return fail('STORAGE_FAILED', message);
  }

  /** Bookkeeping in one transaction outside the money path: an error is the caller's to log. */
  transaction(work: () => void): void {
    try {
      this.inTransaction(work);
    } catch (e) {
      for (const listener of this.rollbackListeners) listener();
      throw e;
    }
  }

  /** The damaged file found at start-up, kept aside untouched until a manager acknowledges it. */
  recordKept(kept: KeptDatabase, at: Date): void {
    this.s.setKept.run(JSON.stringify({ ...kept, at: at.toISOString() }));
  }

  kept(): KeptDatabase | undefined {
    const row = this.s.getKept.get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as KeptDatabase) : undefined;
  }

  health(): StorageHealth {
    const kept = this.kept();
    const failed = this.failure;
    if (!kept && !failed) return { ok: true };
    const problem = failed
      ? failed.message
      : `The sales database was damaged and has been kept aside as ${kept!.file}; a new one was started. Call IT: unsent sales may be recoverable from it. A manager acknowledges this once IT knows.`;
    return { ok: false, problem, ...(kept ? { keptFile: kept.file } : {}) };
  }

  /** A manager has seen it: the banner goes. Says what was acknowledged, for the audit log. */
  acknowledge(): { keptFile?: string; problem?: string } {
    const kept = this.kept();
    if (kept) this.s.forgetKept.run();
    const problem = this.failure?.message;
    this.failure = undefined;
    this.options.announce(this.health());
    return { ...(kept ? { keptFile: kept.file } : {}), ...(problem ? { problem } : {}) };
  }
}

export function describeStorageError(e: unknown): string {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || /disk is full|database or disk is full/i.test((e as Error).message)) {
    return "The till's disk is full, so this could not be saved and nothing was accepted. Free some disk space (or call IT), then try again.";
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR')
  ) {
    return "Till Agent could not write to its data folder, so nothing was accepted. Call IT: the disk or the folder's permissions need checking.";
  }
  return 'Till Agent could not save this, so nothing was accepted. Try again; if it keeps happening, call IT.';
}
