// A till that starts on a large sales database (over CHECK_ALONGSIDE_ABOVE_BYTES: a long outage's
// queue) through the runtime `serve` and the desktop app use, with the real check on its own
// thread: the POS API answers, a sale is taken over HTTP, and the queue left by the outage goes;
// and when the check finds the file damaged, the till goes on on a fresh file, says so in its
// health, and keeps the damaged file as it was found.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/agent/db';
import { CHECK_ALONGSIDE_ABOVE_BYTES } from '../../main/agent/db';
import { startSimulator } from '../../main/centegra-sim';
import { startRuntime } from '../../main/runtime';
import { lines, posClient, until } from '../helpers/money';
import { queuedSaleSent, tillWithQueuedSale } from '../helpers/queued-sale';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The till's file grown past the size checked alongside, as a long outage's queue grows it. */
function grow(file: string): void {
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS bench_filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO bench_filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2 * (CHECK_ALONGSIDE_ABOVE_BYTES / 2048); i++) insert.run(crypto.randomBytes(1500));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  expect(fs.statSync(file).size).toBeGreaterThan(CHECK_ALONGSIDE_ABOVE_BYTES);
}

async function till() {
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const folder = await tillWithQueuedSale(sim);
  cleanups.push(folder.remove);
  const file = path.join(folder.dataDir, 'till-agent.db');
  grow(file);
  return { sim, folder, file };
}

const basket = (basketId: string) => ({ basketId, currency: 'GBP', totalMinor: 300, lines: lines(300) });

describe('serve on a large sales database, checked while it answers', () => {
  it('answers the POS, takes a sale over HTTP, and sends the queue the outage left', async () => {
    const { sim, folder } = await till();
    const runtime = await startRuntime({ loaded: folder.load(), version: 'test' });
    cleanups.push(() => runtime.close());
    const api = posClient(() => runtime.origin, runtime.token.value);
    expect((await api('GET', '/v1/health')).status).toBe(200);
    const put = await api('PUT', '/v1/baskets/after-start', { body: basket('after-start') });
    expect(put.status, put.text).toBe(200);
    await queuedSaleSent(runtime, sim);
    expect(runtime.agent.db.pragma('query_only', { simple: true })).toBe(0);
  }, 60_000);

  it('on a damaged file: goes on on a fresh one, says so in its health, and keeps the damaged file as found', async () => {
    const { sim, folder, file } = await till();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 8192) * 4096);
    fs.closeSync(fd);
    const damaged = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

    const runtime = await startRuntime({ loaded: folder.load(), version: 'test' });
    cleanups.push(() => runtime.close());
    const api = posClient(() => runtime.origin, runtime.token.value);
    // A write waits for the check, and is then taken on the fresh file.
    const put = await api('PUT', '/v1/baskets/fresh', { body: basket('fresh') });
    expect(put.status, put.text).toBe(200);
    let health = await api('GET', '/v1/health');
    await until(async () => {
      health = await api('GET', '/v1/health');
      return health.json?.storage?.keptFile !== undefined;
    }, 'the health naming the kept file');
    expect(health.json.storage.ok).toBe(false);
    const kept = health.json.storage.keptFile as string;
    expect(crypto.createHash('sha256').update(fs.readFileSync(kept)).digest('hex')).toBe(damaged);
    // The damaged file's queue is not sent from the fresh one (IT may recover it from the kept file).
    expect(health.json.queue.pending).toBe(0);
    expect([...sim.applied().values()].some((a) => a.operation === 'close')).toBe(false);
  }, 60_000);
});
