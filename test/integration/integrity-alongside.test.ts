// The start-up check of a large database runs while the agent answers: start() returns before it
// has passed, and the till's health, its scanners and card inquiries are answered at once. Until it
// has passed the agent writes nothing (the connection is query_only) and sends nothing from its
// queue; every operation that writes waits, and is answered once it has. A file the check finds
// damaged is set aside exactly as it was found, and an agent on a fresh one takes over: what waited
// is answered by it, and the event stream goes on. Real SQLite files and a real simulator; the
// check itself is real (on its own thread) where the test does not hold it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import type { AgentEvent } from '../../main/agent/contract';
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
  const put = await openBasket(agent, basketId);
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

/** The agent started with a check the test holds (every file checked alongside). */
async function startWhileHeld(options: Parameters<typeof Agent.start>[0]) {
  const held = heldCheck();
  const agent = await Agent.start({ ...options, checkAlongsideAboveBytes: 0, checkAlongside: held.check });
  return { agent, held };
}

/** A write: a basket opened. */
const openBasket = (agent: Agent, basketId: string) =>
  agent.call('putBasket', { basketId, currency: GBP, totalMinor: 100, lines: lines(100) });

/** Settles a promise's state without waiting for it: 'pending' until it has. */
function watch<T>(p: Promise<T>) {
  const w: { state: 'pending' | 'settled'; value?: T } = { state: 'pending' };
  void p.then((value) => Object.assign(w, { state: 'settled', value }));
  return w;
}

describe('the start-up check of a large database, while the agent answers', () => {
  it('answers health and inquiries at once; what writes waits, and nothing is written or sent, until it has passed', async () => {
    const till = await tillWithQueue(4);
    const card = newCard(till.sim, 2500);
    const sentBefore = till.closesSent();
    const before = [hashOf(till.file), hashOf(`${till.file}-wal`)];
    const { agent, held } = await startWhileHeld(till.options);
    cleanups.push(() => agent.close());
    expect(held.files).toEqual([till.file]);

    // Answered while the check runs: health (the queue read from the file), and a card's balance.
    const health = await agent.call('health', {});
    expect(health.ok && health.value.queue.pending).toBe(4);
    const inquiry = await agent.call('inquireCard', { cardNumber: card });
    expect(inquiry.ok && inquiry.value.balanceMinor).toBe(2500);
    // What writes waits.
    const put = watch(openBasket(agent, 'waiting'));
    const listed = watch(agent.call('listQueue', {}));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(put.state).toBe('pending');
    expect(listed.state).toBe('pending');
    expect(till.closesSent()).toBe(sentBefore);
    expect([hashOf(till.file), hashOf(`${till.file}-wal`)]).toEqual(before);

    held.settle(null);
    await until(() => put.state === 'settled' && listed.state === 'settled', 'the waiting calls answered');
    expect(put.value).toMatchObject({ ok: true, value: { basketId: 'waiting' } });
    expect(listed.value?.ok).toBe(true);
    // Then it runs as ever: the queue goes, once each.
    await until(async () => {
      const h = await agent.call('health', {});
      return h.ok && h.value.queue.pending === 0;
    }, 'the queue sent');
    expect(till.closesSent() - sentBefore).toBe(4);
    await expectWritable(agent, 'after');
  }, 30_000);

  it('finds the file damaged: it is set aside exactly as found, and an agent on a fresh one answers what waited', async () => {
    const till = await tillWithQueue(3);
    const before = [hashOf(till.file), hashOf(`${till.file}-wal`)];
    const { agent, held } = await startWhileHeld(till.options);
    cleanups.push(() => agent.close());
    const events: AgentEvent[] = [];
    agent.subscribe((e) => events.push(e));
    agent.startDelivery(); // as the runtime does once the POS API listens
    const put = watch(openBasket(agent, 'waiting'));
    held.settle('*** in database main *** Page 7: btree page is malformed (as a test says)');
    await until(() => put.state === 'settled', 'the waiting call answered');
    // Answered by the agent on the fresh file, which holds the new basket and none of the old queue.
    expect(put.value).toMatchObject({ ok: true, value: { basketId: 'waiting' } });
    const health = await agent.call('health', {});
    if (!health.ok) throw new Error(health.error.message);
    expect(health.value.storage).toMatchObject({ ok: false, keptFile: expect.stringContaining('.damaged-') });
    const kept = health.value.storage.keptFile!;
    expect([hashOf(kept), hashOf(`${kept}-wal`)]).toEqual(before);
    expect(health.value.queue.pending).toBe(0);
    await expectWritable(agent, 'fresh');
    // The screens subscribed before the hand-over hear it, and what follows.
    expect(events.some((e) => e.type === 'storage' && e.data.ok === false)).toBe(true);
    agent.emit({ type: 'storage', data: { ok: true } });
    expect(events.at(-1)).toMatchObject({ type: 'storage', data: { ok: true } });
    const metrics = await agent.metrics.exposition();
    expect(metrics).toContain('till_agent');
  }, 30_000);

  it('on real damage, with the real check on its own thread: a fresh file, and the damaged one kept as it was', async () => {
    const till = await tillWithQueue(40);
    const size = fs.statSync(till.file).size;
    const fd = fs.openSync(till.file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 8192) * 4096);
    fs.closeSync(fd);
    const damaged = hashOf(till.file);
    const agent = await Agent.start({ ...till.options, checkAlongsideAboveBytes: 0 });
    cleanups.push(() => agent.close());
    // A write waits for the check, and is then answered on the fresh file.
    const put = await openBasket(agent, 'b');
    expect(put.ok).toBe(true);
    const health = await agent.call('health', {});
    if (!health.ok) throw new Error(health.error.message);
    expect(health.value.storage.keptFile).toContain('.damaged-');
    expect(hashOf(health.value.storage.keptFile!)).toBe(damaged);
  }, 30_000);

  it('closed while the check runs: nothing is written, and the check ending later changes nothing', async () => {
    const till = await tillWithQueue(2);
    const before = [hashOf(till.file), hashOf(`${till.file}-wal`)];
    const { agent, held } = await startWhileHeld(till.options);
    const put = watch(openBasket(agent, 'late'));
    await agent.close();
    held.settle('*** damaged (as a test says)');
    await until(() => put.state === 'settled', 'the waiting call answered');
    expect(put.value?.ok).toBe(false);
    expect(fs.readdirSync(path.dirname(till.file)).filter((f) => f.includes('.damaged-'))).toEqual([]);
    expect([hashOf(till.file), hashOf(`${till.file}-wal`)]).toEqual(before);
  }, 30_000);
});
