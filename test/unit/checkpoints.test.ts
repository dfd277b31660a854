// The WAL copied into the database file at a pause in writing (IdleCheckpoints), and by SQLite
// itself only past CHECKPOINT_CEILING_PAGES, on real database files. What a checkpoint has done is
// seen from outside: the database file itself grows by the pages copied into it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import { CHECKPOINT_CEILING_PAGES, IdleCheckpoints } from '../../main/agent/db';
import type { Logger } from '../../main/agent/logger';
import { silentLogger } from '../../main/agent/logger';
import { startSimulator } from '../../main/centegra-sim';
import { tempDatabase } from '../helpers/temp-db';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const TICK = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sizeOf = (file: string) => fs.statSync(file).size;

async function until(what: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (what()) return true;
    await sleep(5);
  }
  return what();
}

/**
 * A database with a table, and ~800 KB (~200 pages) written to it: all of it still in the WAL.
 * `beforeWrites` runs once the table is there, before the 800 KB.
 */
function written(beforeWrites: (file: string) => void = () => {}) {
  const { db, file } = tempDatabase(cleanups as Array<() => void>);
  db.exec('CREATE TABLE t (x BLOB)');
  beforeWrites(file);
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(8000, i));
  })();
  return { db, file, insert };
}

describe('IdleCheckpoints', () => {
  it('leaves ~200 pages in the WAL by SQLite itself (its ceiling is far off), and copies them once writing pauses', async () => {
    const { db, file } = written();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(CHECKPOINT_CEILING_PAGES);
    await sleep(TICK * 3);
    expect(sizeOf(file)).toBeLessThan(100_000);
    const checkpoints = new IdleCheckpoints(db, silentLogger, TICK);
    checkpoints.start();
    cleanups.push(() => checkpoints.stop());
    expect(await until(() => sizeOf(file) > 800_000)).toBe(true);
  });

  it('waits while the WAL is being written, then copies it', async () => {
    const { db, file, insert } = written();
    const checkpoints = new IdleCheckpoints(db, silentLogger, TICK * 3);
    checkpoints.start();
    cleanups.push(() => checkpoints.stop());
    // A write every sixth of a tick for ten ticks: never a tick without one (timers fire in the
    // order they are due, so even a stalled event loop runs the next write before a later tick).
    for (let i = 0; i < 60; i++) {
      insert.run(Buffer.alloc(100, i));
      await sleep(TICK / 2);
      expect(sizeOf(file)).toBeLessThan(100_000);
    }
    expect(await until(() => sizeOf(file) > 800_000)).toBe(true);
  });

  it("copies what a reader's snapshot held back once the reader has finished, without another write", async () => {
    // A reader that began before the writes: SQLite may not copy them while it reads.
    let reader: Database.Database | undefined;
    const { db, file } = written((f) => {
      reader = new Database(f, { readonly: true });
      cleanups.push(() => void reader!.close());
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM t').get();
    });
    const checkpoints = new IdleCheckpoints(db, silentLogger, TICK);
    checkpoints.start();
    cleanups.push(() => checkpoints.stop());
    await sleep(TICK * 5);
    // What came before the reader's snapshot (the schema) may be copied; the 800 KB after it not.
    expect(sizeOf(file)).toBeLessThan(400_000);
    reader!.exec('COMMIT');
    expect(await until(() => sizeOf(file) > 800_000)).toBe(true);
  });

  it('copies nothing once stopped', async () => {
    const { db, file } = written();
    const checkpoints = new IdleCheckpoints(db, silentLogger, TICK);
    checkpoints.start();
    checkpoints.stop();
    await sleep(TICK * 5);
    expect(sizeOf(file)).toBeLessThan(100_000);
  });

  it('says once, in the log, that it could not copy the WAL, and goes on trying', async () => {
    const { db } = written();
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (_fields, message) => void warnings.push(String(message)) };
    const checkpoints = new IdleCheckpoints(db, log, TICK);
    checkpoints.start();
    cleanups.push(() => checkpoints.stop());
    // A checkpoint cannot run on a connection that is no longer open; the WAL stays behind.
    const wal = `${db.name}-wal`;
    const copy = fs.readFileSync(wal);
    db.close();
    fs.writeFileSync(wal, copy);
    await sleep(TICK * 8);
    expect(warnings).toEqual(['could not copy the WAL into the database; will try again']);
  });
});

describe('the agent', () => {
  it('copies its WAL into the database at a pause, once started', async () => {
    const sim = await startSimulator({ quiet: true });
    cleanups.push(() => sim.close());
    const folder = tillFolder({
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      till: { siteId: 'S1', tillId: 'T1' },
    });
    cleanups.push(folder.remove);
    const agent = await Agent.start({
      loaded: folder.load(),
      version: 'test',
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      checkpointTickMs: TICK,
    });
    cleanups.push(() => agent.close());
    const file = agent.db.name;
    const before = sizeOf(file);
    for (let i = 0; i < 50; i++) {
      const put = await agent.call('putBasket', {
        basketId: `b-${i}`,
        currency: 'GBP',
        totalMinor: 1000,
        // Ten lines of 200 characters: ~2 KB a basket.
        lines: Array.from({ length: 10 }, () => ({
          sku: 'S',
          description: 'x'.repeat(200),
          quantity: 1,
          unitPriceMinor: 100,
          lineTotalMinor: 100,
        })),
      });
      expect(put).toMatchObject({ ok: true });
    }
    expect(await until(() => sizeOf(file) > before + 50 * 2000)).toBe(true);
  });
});
