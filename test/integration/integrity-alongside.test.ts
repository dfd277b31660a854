// The start-up check of a large database runs once the agent has got ready around it and asked
// Centegra how it is, so the check and Centegra's answer take their time together: until it has
// passed, the agent writes nothing (the connection is query_only), sends nothing from its queue and
// answers nothing (start() has not returned). A file the check finds damaged is set aside exactly
// as it was found, and the agent starts on a fresh one, as when the check runs first. Real SQLite
// files and a real simulator; the check itself is real where the test does not hold it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import { loadConfig } from '../../main/agent/config';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { GBP, lines, newCard, until } from '../helpers/money';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A file's bytes, as a hash; a file not there reads as empty (a WAL with no frames is no WAL). */
const hashOf = (file: string) =>
  crypto
    .createHash('sha256')
    .update(fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0))
    .digest('hex');

/** A till's folder whose last stop left `queued` sales in the queue (Centegra was away), and its simulator. */
async function tillWithQueue(queued: number) {
  const t = tempDir();
  cleanups.push(t.remove);
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const loaded = loadConfig({ demo: true, dataDir: t.dir }, { platform: 'linux', env: {}, homedir: t.dir });
  const options = { loaded, version: 'test', centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey } };
  const agent = await Agent.start(options);
  const card = newCard(sim, 1_000_000);
  const ids = Array.from({ length: queued }, (_, i) => `q-${i}`);
  for (const basketId of ids) {
    await agent.call('putBasket', { basketId, currency: GBP, totalMinor: 500, lines: lines(500) });
    const applied = await agent.call('applyGiftCard', { basketId, cardNumber: card });
    if (!applied.ok) throw new Error(applied.error.message);
  }
  sim.setFaults({ down: true });
  for (const basketId of ids) {
    const closed = await agent.call('closeBasket', { basketId, otherTenders: [] });
    if (!closed.ok || closed.value.state !== 'QUEUED')
      throw new Error(`close ${basketId}: ${JSON.stringify(closed)}`);
  }
  await agent.close();
  sim.clearFaults();
  const file = path.join(t.dir, 'till-agent.db');
  return { sim, options, file, closesSent: () => sentCloses(sim) };
}

const sentCloses = (sim: Simulator) => sim.requests().filter((q) => q.path === '/baskets/close').length;

/** The agent writes again: a basket opens, and the connection is no longer query_only. */
async function expectWritable(agent: Agent, basketId: string): Promise<void> {
  const put = await agent.call('putBasket', { basketId, currency: GBP, totalMinor: 100, lines: lines(100) });
  expect(put.ok).toBe(true);
  expect(agent.db.pragma('query_only', { simple: true })).toBe(0);
}

/** A check the test holds, and lets go with what it found. */
function heldCheck() {
  let settle!: (problem: string | null) => void;
  const files: string[] = [];
  const check = (file: string) => {
    files.push(file);
    return new Promise<string | null>((resolve) => (settle = resolve));
  };
  return { check, files, settle: (problem: string | null) => settle(problem) };
}

describe("the start-up check of a large database, alongside Centegra's first answer", () => {
  it('lets the agent get ready meanwhile, but nothing is written, sent or answered until it has passed', async () => {
    const till = await tillWithQueue(4);
    const sentBefore = till.closesSent();
    const statusBefore = till.sim.requests().filter((q) => q.path === '/status').length;
    const before = [hashOf(till.file), hashOf(`${till.file}-wal`)];
    const held = heldCheck();
    let started = false;
    const starting = Agent.start({
      ...till.options,
      checkAlongsideAboveBytes: 0,
      checkAlongside: held.check,
    });
    void starting.then(() => (started = true));

    // Meanwhile the agent asks Centegra how it is (the first probe overlaps the check)…
    await until(
      () => till.sim.requests().filter((q) => q.path === '/status').length > statusBefore,
      'the first probe sent while the check runs',
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    // …but has not started: its queue is not sent, and the file and its WAL are as they were.
    expect(held.files).toEqual([till.file]);
    expect(started).toBe(false);
    expect(till.closesSent()).toBe(sentBefore);
    expect([hashOf(till.file), hashOf(`${till.file}-wal`)]).toEqual(before);

    held.settle(null);
    const agent = await starting;
    cleanups.push(() => agent.close());
    // Then it runs as ever: the queue goes, once each.
    await until(async () => {
      const h = await agent.call('health', {});
      return h.ok && h.value.queue.pending === 0;
    }, 'the queue sent');
    expect(till.closesSent() - sentBefore).toBe(4);
    await expectWritable(agent, 'after');
  }, 30_000);

  it('finds the file damaged: it is set aside exactly as found, and the agent starts on a fresh one', async () => {
    const till = await tillWithQueue(3);
    const before = [hashOf(till.file), hashOf(`${till.file}-wal`)];
    const held = heldCheck();
    const starting = Agent.start({
      ...till.options,
      checkAlongsideAboveBytes: 0,
      checkAlongside: held.check,
    });
    await until(() => held.files.length === 1, 'the check under way');
    held.settle('*** in database main *** Page 7: btree page is malformed (as a test says)');
    const agent = await starting;
    cleanups.push(() => agent.close());

    const health = await agent.call('health', {});
    if (!health.ok) throw new Error(health.error.message);
    expect(health.value.storage).toMatchObject({ ok: false, keptFile: expect.stringContaining('.damaged-') });
    const kept = health.value.storage.keptFile!;
    expect([hashOf(kept), hashOf(`${kept}-wal`)]).toEqual(before);
    // The fresh database: the damaged file's queue is not in it (IT may recover it from the kept file).
    expect(health.value.queue.pending).toBe(0);
    await expectWritable(agent, 'fresh');
  }, 30_000);

  it('on real damage, with the real check: the agent starts on a fresh file and keeps the damaged one as it was', async () => {
    const till = await tillWithQueue(40);
    const size = fs.statSync(till.file).size;
    const fd = fs.openSync(till.file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 8192) * 4096);
    fs.closeSync(fd);
    const damaged = hashOf(till.file);
    const agent = await Agent.start({ ...till.options, checkAlongsideAboveBytes: 0 });
    cleanups.push(() => agent.close());
    const health = await agent.call('health', {});
    if (!health.ok) throw new Error(health.error.message);
    expect(health.value.storage.keptFile).toContain('.damaged-');
    expect(hashOf(health.value.storage.keptFile!)).toBe(damaged);
  }, 30_000);
});
