// The queue through an outage, over real HTTP with the simulator: a till that starts with sales
// queued while Centegra Plus is away tries one batch, not the whole queue, until the link is back;
// a Retry-After holds every queued item, not only the one it answered; and afterwards each sale
// reaches Factor4 exactly once.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/agent/db';
import { Agent } from '../../main/agent';
import { demoCards, startSimulator, type Simulator } from '../../main/centegra-sim';
import { startRuntime, type Runtime } from '../../main/runtime';
import { tillFolder, type TillFolder } from '../helpers/till-folder';

const API_KEY = 'outage-test-key';
const QUEUED = 40;
const BATCH = 16; // the worker's batch size
const card = demoCards[6]!.cardNumber;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Starts the till in `folder` as a host does. */
async function start(folder: TillFolder): Promise<Runtime> {
  const runtime = await startRuntime({ loaded: folder.load(), version: 'test' });
  cleanups.push(() => runtime.close());
  return runtime;
}

/** A till with QUEUED sales closed while Centegra was down; returns the stopped till's folder. */
async function queuedWhileDown(sim: Simulator): Promise<TillFolder> {
  const folder = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: API_KEY, timeoutMs: 1000 },
    till: { siteId: 'S1', tillId: 'T1' },
    posApi: { port: 0 },
    closeWaitMs: 0,
  });
  cleanups.push(folder.remove);
  const runtime = await start(folder);
  const { agent } = runtime;
  sim.setCard({ ...sim.card(card)!, balanceMinor: 1_000_000 });
  for (let i = 0; i < QUEUED; i++) {
    const basketId = `sale-${i}`;
    await agent.call('putBasket', {
      basketId,
      currency: 'GBP',
      totalMinor: 500,
      lines: [{ sku: 'X', description: 'Coffee', quantity: 1, unitPriceMinor: 500, lineTotalMinor: 500 }],
    });
    const applied = await agent.call('applyGiftCard', { basketId, cardNumber: card });
    expect(applied.ok).toBe(true);
  }
  sim.setFaults({ down: true });
  await agent.call('inquireCard', { cardNumber: card }); // the link sees it down
  for (let i = 0; i < QUEUED; i++) {
    const closed = await agent.call('closeBasket', { basketId: `sale-${i}`, otherTenders: [] });
    expect(closed).toMatchObject({ ok: true, value: { state: 'QUEUED' } });
  }
  await runtime.close();
  // The till stayed off longer than the hold on sales closed offline: every one is due at start.
  const db = openDatabase(path.join(folder.dataDir, 'till-agent.db'));
  expect(db.prepare(`UPDATE outbox SET next_attempt_ms = 0 WHERE state = 'PENDING'`).run().changes).toBe(
    QUEUED,
  );
  db.close();
  return folder;
}

const closesSent = (sim: Simulator) => sim.requests().filter((r) => r.path === '/baskets/close');

async function until(check: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every queued sale applied by Factor4, each exactly once, and the queue empty of pending items. */
async function deliveredOnce(sim: Simulator, runtime: Runtime): Promise<void> {
  const closes = () => [...sim.applied().values()].filter((a) => a.operation === 'close');
  await until(() => closes().length >= QUEUED, 20_000);
  expect(closes()).toHaveLength(QUEUED);
  expect(closes().every((a) => a.count === 1)).toBe(true);
  const pending = await runtime.agent.call('listQueue', { state: 'PENDING' });
  expect(pending).toMatchObject({ ok: true, value: { items: [] } });
}

describe('the queue through an outage', () => {
  it('tries one batch while Centegra Plus is away, not the whole queue, and sends all once it is back', async () => {
    const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
    cleanups.push(() => sim.close());
    const folder = await queuedWhileDown(sim);
    sim.clearRequests();

    const runtime = await start(folder); // starts draining at once, into the outage
    await new Promise((r) => setTimeout(r, 1500));
    const tried = closesSent(sim).length;
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThanOrEqual(BATCH);

    sim.clearFaults();
    await runtime.agent.call('inquireCard', { cardNumber: card }); // the link sees it back
    await deliveredOnce(sim, runtime);
  });

  it("holds every queued sale for Centegra's Retry-After, not only the ones it answered", async () => {
    const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
    cleanups.push(() => sim.close());
    const folder = await queuedWhileDown(sim);
    sim.clearFaults();
    sim.setFaults({ rateLimited: { retryAfterS: 3 } });
    sim.clearRequests();

    const runtime = await start(folder);
    await new Promise((r) => setTimeout(r, 1500));
    const tried = closesSent(sim).length;
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThanOrEqual(BATCH);

    sim.clearFaults();
    await deliveredOnce(sim, runtime); // after the 3 s, without anyone waking it
  });

  it('a host can hold the queue until it serves the POS (startDelivery), and it goes then', async () => {
    const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
    cleanups.push(() => sim.close());
    const folder = await queuedWhileDown(sim);
    sim.clearFaults();
    sim.clearRequests();
    const agent = await Agent.start({
      loaded: folder.load(),
      version: 'test',
      centegra: { baseUrl: sim.baseUrl, apiKey: API_KEY },
      holdDelivery: true,
    });
    cleanups.push(() => agent.close());
    // Centegra is there (the first probe saw it), and still nothing is sent.
    await until(() => sim.requests().some((r) => r.path === '/status' && r.status === 200), 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect(closesSent(sim)).toEqual([]);
    agent.startDelivery();
    await until(
      () => [...sim.applied().values()].filter((a) => a.operation === 'close').length >= QUEUED,
      20_000,
    );
    expect([...sim.applied().values()].every((a) => a.count === 1)).toBe(true);
  });
});
