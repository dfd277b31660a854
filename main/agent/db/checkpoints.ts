// When SQLite copies the WAL back into the database file (a checkpoint): at a pause in the till's
// writing, not inside a cashier's request. SQLite's own rule checkpoints on the commit that takes
// the WAL past `wal_autocheckpoint` pages, synchronously, inside whichever request made that commit:
// with its default (1,000 pages) that was one apply in ~100 on a busy till, and the copy and its two
// fsyncs were most of the apply's p99 (the agent's own time inside an apply, p99 1.6-1.7 ms with it,
// 0.76-0.9 ms without; bench "apply with a hold"). Here the agent checkpoints once the WAL has not
// been written for a whole tick (its modification time and size unchanged), and SQLite's rule stays
// as the ceiling under sustained writing, a drain after an outage say (CHECKPOINT_CEILING_PAGES,
// set in database.ts). A checkpoint never changes what is durable: every commit is in the WAL
// first, fsync'd as its durability says; the copy only moves it.
import fs from 'node:fs';
import type { Logger } from '../logger';
import { walPath, type Db } from './database';

/** How often the WAL is looked at; a checkpoint waits for a whole tick without a write. */
export const CHECKPOINT_TICK_MS = 1000;

export class IdleCheckpoints {
  private timer: NodeJS.Timeout | undefined;
  /** The WAL as last seen (mtime and size), and as it was when last checkpointed. */
  private seen = '';
  private done = '';
  private warned = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly tickMs = CHECKPOINT_TICK_MS,
  ) {}

  /** Starts looking, once the database may be written (after the start-up check has passed). */
  start(): void {
    if (this.timer || this.db.memory) return;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    // Never what keeps the process alive.
    this.timer.unref();
  }

  /** Before the database closes (SQLite checkpoints then itself). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(walPath(this.db), { throwIfNoEntry: false });
    } catch {
      return; // not readable this tick: the next one looks again
    }
    if (!stat) return;
    const now = `${stat.mtimeMs}:${stat.size}`;
    const quiet = now === this.seen;
    this.seen = now;
    // Written since the last tick (still busy), or nothing new since the last checkpoint.
    if (!quiet || now === this.done) return;
    try {
      // PASSIVE: copies what no reader still needs and never waits for anyone. What a reader still
      // needed is copied at a later tick, once it has finished.
      const [r] = this.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
      if (r && r.checkpointed >= r.log) this.done = now;
      this.warned = false;
    } catch (e) {
      // SQLite checkpoints by itself at the ceiling: the till goes on; IT sees why in the log, once.
      if (!this.warned)
        this.log.warn(
          { err: (e as Error).message },
          'could not copy the WAL into the database; will try again',
        );
      this.warned = true;
    }
  }
}
