// The delivery worker's window of requests in flight, against a real outbox and a fake Centegra
// whose answers arrive in whatever order the test says: a new request starts as soon as one ends,
// never two for one card, each card's items in order; and claim reads no more than it takes.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Centegra, CentegraResult, CardHold } from '../../main/agent/centegra';
import { openDatabase, type Db } from '../../main/agent/db';
import { silentLogger } from '../../main/agent/logger';
import { DeliveryWorker, fixedRetry, OutboxStore } from '../../main/agent/queue';
import type { Vault } from '../../main/agent/vault';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function database(): Db {
  const t = tempDir();
  const db = openDatabase(path.join(t.dir, 'q.db'));
  cleanups.push(() => (db.close(), t.remove()));
  return db;
}

/** A hold release named `name` for card `name[0]` (A1 and A2 share card A) unless `card` says. */
const release = (name: string, card = name[0]) => ({
  kind: 'HOLD_RELEASE' as const,
  basketId: `basket-${name}`,
  requestId: `req-${name}`,
  body: Buffer.from(JSON.stringify({ requestId: `req-${name}`, holdId: name })),
  createdAt: '2026-01-01T00:00:00.000Z',
  giftCardTotalMinor: 0,
  currency: 'GBP',
  cardsMasked: [],
  cardKeys: [`card-${card}`],
});

/** Centegra as the test drives it: each release waits until answer(name). */
function fakeCentegra() {
  const waiting = new Map<string, () => void>();
  const started: string[] = [];
  const inFlight = new Set<string>();
  let twoForOneCard = false;
  const centegra = {
    releaseHold: (_requestId: string, holdId: string) =>
      new Promise<CentegraResult<CardHold>>((resolve) => {
        started.push(holdId);
        if ([...inFlight].some((h) => h[0] === holdId[0])) twoForOneCard = true;
        inFlight.add(holdId);
        waiting.set(holdId, () => {
          inFlight.delete(holdId);
          resolve({ ok: true, value: { holdId } as unknown as CardHold });
        });
      }),
  } as unknown as Centegra;
  return {
    centegra,
    started,
    inFlight: () => [...inFlight].sort(),
    twoForOneCard: () => twoForOneCard,
    answer: (name: string) => waiting.get(name)!(),
  };
}

/** A worker on the fake Centegra, with `window` requests in flight at most (and whatever else is given). */
function workerOn(
  outbox: OutboxStore,
  sim: ReturnType<typeof fakeCentegra>,
  options: { window: number } & Partial<ConstructorParameters<typeof DeliveryWorker>[0]>,
): DeliveryWorker {
  return new DeliveryWorker({
    store: outbox,
    centegra: sim.centegra,
    vault: {} as Vault,
    log: silentLogger,
    retry: fixedRetry(60_000),
    ...options,
  });
}

/** Until the worker has acted on what was answered (a turn or two of the event loop). */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

describe('the delivery window', () => {
  it('starts a new request as soon as one ends, never two for one card, each card in order', async () => {
    const outbox = new OutboxStore(database());
    const ids = Object.fromEntries(
      ['A1', 'A2', 'B1', 'C1', 'D1', 'E1'].map((n) => [n, outbox.insert(release(n))]),
    );
    const sim = fakeCentegra();
    const worker = workerOn(outbox, sim, {
      window: 3,
    });
    cleanups.push(() => worker.stop());
    worker.wake();
    await turns();
    // Oldest first; A2 waits behind A1 (same card), so D1 is not yet needed to fill the window.
    expect(sim.inFlight()).toEqual(['A1', 'B1', 'C1']);

    sim.answer('C1'); // the newest answers first; the others keep going
    await turns();
    expect(sim.inFlight()).toEqual(['A1', 'B1', 'D1']);

    sim.answer('A1');
    await turns();
    expect(sim.inFlight()).toEqual(['A2', 'B1', 'D1']); // A's next, now that A1 is done

    sim.answer('D1');
    await turns();
    expect(sim.inFlight()).toEqual(['A2', 'B1', 'E1']);
    for (const n of ['B1', 'E1', 'A2']) sim.answer(n);
    await turns();

    expect(sim.started).toEqual(['A1', 'B1', 'C1', 'D1', 'A2', 'E1']);
    expect(sim.twoForOneCard()).toBe(false);
    for (const id of Object.values(ids)) expect(outbox.get(id)).toMatchObject({ state: 'DELIVERED' });
    // What a waiting caller is given is the item as written, without its body.
    const settled = await worker.waitForSettled(ids['A2']!, 10);
    expect(settled).toMatchObject({ state: 'DELIVERED', attempts: 1 });
    expect(settled?.body).toBeUndefined();
  });

  it('sends the next request before it tells the agent of the answer that made room for it', async () => {
    const outbox = new OutboxStore(database());
    const ids = ['A1', 'B1', 'C1'].map((n) => outbox.insert(release(n)));
    const sim = fakeCentegra();
    // What had been sent by the time the agent was told of each answer, and what was then written.
    const sentWhenTold = new Map<string, string[]>();
    const writtenWhenTold = new Map<string, string | undefined>();
    const worker = workerOn(outbox, sim, {
      window: 2,
      onSettled: (settled) => {
        for (const s of settled) {
          sentWhenTold.set(s.item.itemId, [...sim.started]);
          writtenWhenTold.set(s.item.itemId, outbox.get(s.item.itemId)?.state);
        }
      },
    });
    cleanups.push(() => worker.stop());
    worker.wake();
    await turns();
    expect(sim.inFlight()).toEqual(['A1', 'B1']);

    sim.answer('A1');
    await turns();
    expect(sim.inFlight()).toEqual(['B1', 'C1']);
    expect(sentWhenTold.get(ids[0]!)).toEqual(['A1', 'B1', 'C1']);
    for (const n of ['B1', 'C1']) sim.answer(n);
    await turns();
    for (const id of ids) {
      expect(writtenWhenTold.get(id)).toBe('DELIVERED'); // told once written, as before
      expect(outbox.get(id)).toMatchObject({ state: 'DELIVERED', attempts: 1 });
    }
  });

  it('records the answers of several windows in one transaction while Centegra answers at once', async () => {
    const outbox = new OutboxStore(database());
    const ids = Array.from({ length: 60 }, (_, i) => outbox.insert(release(`n${i}`, `c${i}`)));
    // Answered as soon as asked; every transaction that records answers is watched.
    const centegra = {
      releaseHold: async (_r: string, holdId: string) => ({ ok: true, value: { holdId } }),
    } as unknown as Centegra;
    const recordedPerTransaction: number[] = [];
    const exchange = outbox.exchange.bind(outbox);
    outbox.exchange = (done, claim, unsent) => {
      recordedPerTransaction.push(done.length);
      return exchange(done, claim, unsent);
    };
    const worker = new DeliveryWorker({
      store: outbox,
      centegra,
      vault: {} as Vault,
      log: silentLogger,
      retry: fixedRetry(60_000),
      window: 2,
    });
    cleanups.push(() => worker.stop());
    worker.wake();
    await vi.waitFor(() => expect(outbox.get(ids.at(-1)!)?.state).toBe('DELIVERED'));
    for (const id of ids) expect(outbox.get(id)).toMatchObject({ state: 'DELIVERED', attempts: 1 });
    expect(recordedPerTransaction.reduce((a, b) => a + b, 0)).toBe(60);
    // A transaction per ~4 answers (2 windows) when it claimed 3 windows ahead; now per ~10.
    expect(Math.max(...recordedPerTransaction)).toBeGreaterThanOrEqual(8);
    expect(recordedPerTransaction.length).toBeLessThanOrEqual(10);
  });

  it('records an answer within 25 ms even while its reserve is deep and the next answer is slow', async () => {
    const outbox = new OutboxStore(database());
    const ids = ['A1', 'B1', 'C1', 'D1', 'E1'].map((n) => outbox.insert(release(n)));
    const sim = fakeCentegra();
    const worker = workerOn(outbox, sim, { window: 1 });
    cleanups.push(async () => {
      const stopped = worker.stop();
      for (const n of sim.inFlight()) sim.answer(n);
      await stopped;
    });
    worker.wake();
    await turns();
    sim.answer('A1');
    await turns();
    expect(sim.inFlight()).toEqual(['B1']); // the next goes at once, from the reserve
    await new Promise((r) => setTimeout(r, 60));
    // B1 has not answered, and 3 more wait in reserve: A1 is written all the same.
    expect(outbox.get(ids[0]!)).toMatchObject({ state: 'DELIVERED' });
    expect(outbox.get(ids[2]!)).toMatchObject({ state: 'IN_FLIGHT' });
  });

  it('gives back what it claimed but did not send when it stops: pending again, the attempt not counted', async () => {
    const outbox = new OutboxStore(database());
    const ids = ['A1', 'B1', 'C1'].map((n) => outbox.insert(release(n)));
    const sim = fakeCentegra();
    const worker = workerOn(outbox, sim, {
      window: 1,
    });
    worker.wake();
    await turns();
    expect(sim.inFlight()).toEqual(['A1']);
    const stopped = worker.stop();
    sim.answer('A1'); // what is in flight is waited for, and recorded
    await stopped;
    expect(sim.started).toEqual(['A1']);
    expect(outbox.get(ids[0]!)).toMatchObject({ state: 'DELIVERED', attempts: 1 });
    for (const id of ids.slice(1)) expect(outbox.get(id)).toMatchObject({ state: 'PENDING', attempts: 0 });
  });
});

describe('claiming from the outbox', () => {
  it('reads only the rows it takes, and the bodies of those alone', () => {
    const db = database();
    const rowsRead: Array<Record<string, unknown>> = [];
    // The store's statements, watched: every row any of them hands back is noted.
    const watched = new Proxy(db, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key !== 'prepare') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string) => {
          const statement = target.prepare(sql);
          return new Proxy(statement, {
            get(st, k) {
              const f = Reflect.get(st, k, st) as unknown;
              if (typeof f !== 'function') return f;
              if (k === 'get' || k === 'all')
                return (...args: unknown[]) => {
                  const r = (f as (...a: unknown[]) => unknown).apply(st, args);
                  for (const row of Array.isArray(r) ? r : r ? [r] : []) rowsRead.push(row as never);
                  return r;
                };
              if (k === 'iterate')
                return function* (...args: unknown[]) {
                  for (const row of (f as (...a: unknown[]) => Iterable<unknown>).apply(st, args)) {
                    rowsRead.push(row as never);
                    yield row;
                  }
                };
              return (f as (...a: unknown[]) => unknown).bind(st);
            },
          });
        };
      },
    }) as Db;
    const outbox = new OutboxStore(watched);
    const ids = Array.from({ length: 40 }, (_, i) => outbox.insert(release(`n${i}`, `c${i % 20}`)));
    rowsRead.length = 0;

    // 20 cards, two items each: the first two due items are for different cards.
    const taken = outbox.claim(Date.now(), 2, new Set());
    expect(taken.map((t) => t.itemId)).toEqual(ids.slice(0, 2));
    expect(taken.every((t) => t.body !== undefined)).toBe(true);
    const withBodies = rowsRead.filter((r) => 'body' in r);
    expect(withBodies.map((r) => r['seq'])).toEqual(taken.map((t) => t.seq));
    // Two candidates read, for two taken: not a batch's worth of rows.
    expect(rowsRead.filter((r) => !('body' in r))).toHaveLength(2);
  });
});
