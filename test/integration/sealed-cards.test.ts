// Sealed card data, on a real till's SQLite file: each card and PIN is sealed bound to its own row,
// so a sealed card copied into another queued sale is refused there (never sent with the wrong
// sale); and it is kept only while needed: a failed sale a manager settled, a voided open basket
// and one abandoned past holds.ttlMinutes leave none of their sealed cards in any table, nor in
// the file's bytes or its WAL. Databases sealed the old way (one shared context) still deliver.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import { hashPin } from '../../main/agent/manager';
import { fixedRetry } from '../../main/agent/queue';
import { cardContext, LEGACY_CARD_CONTEXT, Vault } from '../../main/agent/vault';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { GBP, lines, newCard, until } from '../helpers/money';
import { tillFolder, type TillFolder } from '../helpers/till-folder';

const KEY = Buffer.alloc(32, 7);
const PIN = '482913';
const DB = 'till-agent.db';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Till {
  sim: Simulator;
  folder: TillFolder;
  agent: Agent;
  /** Moves the agent's clock on. */
  advance(ms: number): void;
  /** Stops the agent (a clean shutdown), runs `between` on its stopped folder, starts it again. */
  restart(between?: (dbFile: string) => void): Promise<void>;
}

async function startTill(options: { holds: boolean }): Promise<Till> {
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const folder = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey, timeoutMs: 2000 },
    till: { siteId: 'S1', tillId: 'T1' },
    posApi: { port: 0, token: 'sealed-cards-test-token-0123456789' },
    closeWaitMs: 0,
    holds: { enabled: options.holds, ttlMinutes: 5 },
    manager: { pinHash: hashPin(PIN) },
  });
  cleanups.push(folder.remove);
  let offsetMs = 0;
  const start = async () => {
    const agent = await Agent.start({
      loaded: folder.load(),
      version: 'test',
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      vault: new Vault(KEY),
      retry: fixedRetry(100),
      onlineProbeMs: 200,
      now: () => new Date(Date.now() + offsetMs),
    });
    cleanups.push(() => agent.close());
    return agent;
  };
  const till: Till = {
    sim,
    folder,
    agent: await start(),
    advance: (ms) => void (offsetMs += ms),
    async restart(between) {
      await till.agent.close();
      between?.(path.join(folder.dataDir, DB));
      till.agent = await start();
    },
  };
  return till;
}

async function call(agent: Agent, op: string, input: object): Promise<any> {
  const r = await agent.call(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function basketWithCard(till: Till, basketId: string, card: string, totalMinor = 2000) {
  await call(till.agent, 'putBasket', { basketId, currency: GBP, totalMinor, lines: lines(totalMinor) });
  await call(till.agent, 'applyGiftCard', { basketId, cardNumber: card });
}

/** Sales closed while Centegra is away, one card each: they wait in the queue. Answers their item ids. */
async function queuedSales(till: Till, sales: Array<[basketId: string, card: string]>) {
  for (const [basketId, card] of sales) await basketWithCard(till, basketId, card);
  till.sim.setFaults({ down: true });
  const items: string[] = [];
  for (const [basketId] of sales) {
    const closed = await call(till.agent, 'closeBasket', { basketId, otherTenders: [] });
    expect(closed.state).toBe('QUEUED');
    items.push(closed.itemId);
  }
  return items;
}

async function itemOf(agent: Agent, itemId: string): Promise<any> {
  const page = await call(agent, 'listQueue', { limit: 100 });
  return page.items.find((i: { itemId: string }) => i.itemId === itemId);
}

const closesSentFor = (sim: Simulator, basketId: string) =>
  sim
    .requests()
    .filter((q) => q.path === '/baskets/close' && (q.body as { basketId?: string })?.basketId === basketId);

/** Every sealed card and PIN the till holds for a basket: its tenders' and its queued closure's. */
function sealedOf(db: Database.Database, basketId: string): Buffer[] {
  const tenders = db
    .prepare('SELECT card_sealed FROM tenders WHERE basket_id = ? AND card_sealed IS NOT NULL')
    .all(basketId) as Array<{ card_sealed: Buffer }>;
  const bodies = db
    .prepare(`SELECT body FROM outbox WHERE basket_id = ? AND kind = 'CLOSE' AND body IS NOT NULL`)
    .all(basketId) as Array<{ body: Buffer }>;
  return [
    ...tenders.map((t) => t.card_sealed),
    ...bodies.flatMap((b) =>
      (JSON.parse(b.body.toString('utf8')) as { tenders: Array<{ cardSealed?: string }> }).tenders
        .filter((t) => t.cardSealed)
        .map((t) => Buffer.from(t.cardSealed!, 'base64')),
    ),
  ];
}

/** Where a sealed value (as bytes, or as the base64 a queued body holds) is still found: tables, the file, its WAL. */
function whereFound(db: Database.Database, dataDir: string, sealed: Buffer): string[] {
  const needles = [sealed, Buffer.from(sealed.toString('base64'))];
  const found: string[] = [];
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{
    name: string;
  }>;
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
      for (const value of Object.values(row)) {
        const bytes = Buffer.isBuffer(value)
          ? value
          : typeof value === 'string'
            ? Buffer.from(value)
            : undefined;
        if (bytes && needles.some((n) => bytes.includes(n))) found.push(`table ${name}`);
      }
    }
  }
  // Whatever the WAL held is written into the file, and the WAL emptied, as a checkpoint does.
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith(DB))) {
    const bytes = fs.readFileSync(path.join(dataDir, file));
    if (needles.some((n) => bytes.includes(n))) found.push(`file ${file}`);
  }
  return found;
}

describe('a sealed card is bound to its own row', () => {
  it('sealed cards swapped between two queued sales in the database file are refused, never sent with the other sale', async () => {
    const till = await startTill({ holds: false });
    const cardA = newCard(till.sim, 5000);
    const cardB = newCard(till.sim, 5000);
    const [itemA, itemB] = (await queuedSales(till, [
      ['swap-a', cardA],
      ['swap-b', cardB],
    ])) as [string, string];

    // Someone with the database file but not the key moves sale B's sealed card into sale A and back.
    await till.restart((file) => {
      const db = new Database(file);
      const bodyOf = (basketId: string) =>
        JSON.parse(
          (
            db.prepare(`SELECT body FROM outbox WHERE basket_id = ? AND kind = 'CLOSE'`).get(basketId) as {
              body: Buffer;
            }
          ).body.toString('utf8'),
        );
      const a = bodyOf('swap-a');
      const b = bodyOf('swap-b');
      [a.tenders[0].cardSealed, b.tenders[0].cardSealed] = [b.tenders[0].cardSealed, a.tenders[0].cardSealed];
      const put = db.prepare(`UPDATE outbox SET body = ?, next_attempt_ms = 0 WHERE basket_id = ?`);
      put.run(Buffer.from(JSON.stringify(a)), 'swap-a');
      put.run(Buffer.from(JSON.stringify(b)), 'swap-b');
      db.close();
      till.sim.clearRequests();
      till.sim.clearFaults();
    });

    const settled = async (itemId: string) =>
      ['DELIVERED', 'FAILED'].includes((await itemOf(till.agent, itemId))?.state);
    await until(async () => (await settled(itemA)) && (await settled(itemB)), 'both swapped sales settled');
    // Neither sale reached Centegra, so no card paid for the other's sale; a manager sees both.
    expect(closesSentFor(till.sim, 'swap-a')).toEqual([]);
    expect(closesSentFor(till.sim, 'swap-b')).toEqual([]);
    expect(till.sim.card(cardA)!.balanceMinor).toBe(5000);
    expect(till.sim.card(cardB)!.balanceMinor).toBe(5000);
    for (const itemId of [itemA, itemB])
      expect(await itemOf(till.agent, itemId)).toMatchObject({
        state: 'FAILED',
        defect: true,
        lastError: expect.stringContaining('could not be opened'),
      });
    expect((await call(till.agent, 'health', {})).queue.failed).toBe(2);
  }, 30_000);
});

describe('sealed cards are kept only while needed', () => {
  it('a failed sale a manager settles: its sealed card and PIN leave every table, the file and its WAL', async () => {
    const till = await startTill({ holds: false });
    const card = newCard(till.sim, 5000);
    await basketWithCard(till, 'settled', card);
    // Spent elsewhere before the close reaches Factor4: the sale fails.
    till.sim.setCard({ ...till.sim.card(card)!, balanceMinor: 0 });
    const { itemId } = await call(till.agent, 'closeBasket', { basketId: 'settled', otherTenders: [] });
    await until(async () => (await itemOf(till.agent, itemId))?.state === 'FAILED', 'the sale failed');
    const sealed = sealedOf(till.agent.db, 'settled');
    expect(sealed).toHaveLength(2); // the tender's, and the queued closure's copy
    expect(whereFound(till.agent.db, till.folder.dataDir, sealed[0]!)).not.toEqual([]);

    const { session } = await call(till.agent, 'managerUnlock', { pin: PIN });
    await call(till.agent, 'managerResolve', { session, itemId, resolution: 'WRITTEN_OFF' });

    for (const s of sealed) expect(whereFound(till.agent.db, till.folder.dataDir, s)).toEqual([]);
    expect(await itemOf(till.agent, itemId)).toMatchObject({
      state: 'FAILED',
      resolution: expect.any(String),
    });
  }, 30_000);

  it('an open basket voided, and one abandoned past holds.ttlMinutes: their sealed cards leave every table, the file and its WAL', async () => {
    const till = await startTill({ holds: true });
    await basketWithCard(till, 'voided', newCard(till.sim, 5000));
    await basketWithCard(till, 'abandoned', newCard(till.sim, 5000));
    const voided = sealedOf(till.agent.db, 'voided');
    const abandoned = sealedOf(till.agent.db, 'abandoned');
    expect([voided.length, abandoned.length]).toEqual([1, 1]);

    await call(till.agent, 'voidBasket', { basketId: 'voided' });
    // Untouched past holds.ttlMinutes: the keeper (at start, then every minute) lapses it.
    till.advance(6 * 60_000);
    await till.restart();
    expect((await call(till.agent, 'getBasket', { basketId: 'abandoned' })).giftCardTenders).toEqual([]);

    for (const s of [...voided, ...abandoned])
      expect(whereFound(till.agent.db, till.folder.dataDir, s)).toEqual([]);
  }, 30_000);

  it('an open basket abandoned past holds.ttlMinutes with a card not held (no holds here): the card comes off, its sealed card with it', async () => {
    const till = await startTill({ holds: false });
    await basketWithCard(till, 'unheld', newCard(till.sim, 5000));
    await basketWithCard(till, 'worked-on', newCard(till.sim, 5000));
    const abandoned = sealedOf(till.agent.db, 'unheld');
    expect(abandoned).toHaveLength(1);

    till.advance(4 * 60_000);
    // The cashier is still working on this one: it keeps its card.
    await call(till.agent, 'putBasket', {
      basketId: 'worked-on',
      currency: GBP,
      totalMinor: 2100,
      lines: lines(2000, 100),
    });
    till.advance(2 * 60_000);
    await till.restart();

    expect(await call(till.agent, 'getBasket', { basketId: 'unheld' })).toMatchObject({
      state: 'OPEN',
      giftCardTenders: [],
      dueMinor: 2000,
    });
    expect((await call(till.agent, 'getBasket', { basketId: 'worked-on' })).giftCardTenders).toHaveLength(1);
    expect(whereFound(till.agent.db, till.folder.dataDir, abandoned[0]!)).toEqual([]);
  }, 30_000);
});

describe('a database sealed before cards were bound to rows', () => {
  it('is upgraded once at start-up: its queued sales still deliver, each with its own card', async () => {
    const till = await startTill({ holds: false });
    const cards = [newCard(till.sim, 5000), newCard(till.sim, 5000)];
    const items = await queuedSales(till, [
      ['old-a', cards[0]!],
      ['old-b', cards[1]!],
    ]);
    const vault = new Vault(KEY);

    // As the previous version left it: every card under the one shared context, no tender named.
    await till.restart((file) => {
      const db = new Database(file);
      const legacy = (sealed: Buffer, context: string) =>
        vault.seal(vault.open(sealed, context), LEGACY_CARD_CONTEXT);
      for (const t of db
        .prepare('SELECT tender_id, basket_id, card_sealed FROM tenders WHERE card_sealed IS NOT NULL')
        .all() as Array<{ tender_id: string; basket_id: string; card_sealed: Buffer }>)
        db.prepare('UPDATE tenders SET card_sealed = ? WHERE tender_id = ?').run(
          legacy(t.card_sealed, cardContext.tender(t.basket_id, t.tender_id)),
          t.tender_id,
        );
      for (const o of db
        .prepare(`SELECT seq, basket_id, body FROM outbox WHERE kind = 'CLOSE' AND body IS NOT NULL`)
        .all() as Array<{ seq: number; basket_id: string; body: Buffer }>) {
        const body = JSON.parse(o.body.toString('utf8'));
        for (const t of body.tenders) {
          if (t.kind !== 'GIFT_CARD') continue;
          t.cardSealed = legacy(
            Buffer.from(t.cardSealed, 'base64'),
            cardContext.tender(o.basket_id, t.tenderId),
          ).toString('base64');
          delete t.tenderId;
        }
        db.prepare('UPDATE outbox SET body = ?, next_attempt_ms = 0 WHERE seq = ?').run(
          Buffer.from(JSON.stringify(body)),
          o.seq,
        );
      }
      expect(db.prepare(`DELETE FROM meta WHERE key = 'cards_bound_to_rows'`).run().changes).toBe(1);
      db.close();
      till.sim.clearFaults();
    });

    for (const itemId of items)
      await until(
        async () => (await itemOf(till.agent, itemId))?.state === 'DELIVERED',
        `${itemId} delivered`,
      );
    for (const [i, basketId] of ['old-a', 'old-b'].entries()) {
      const sent = closesSentFor(till.sim, basketId).at(-1)!.body as {
        tenders: Array<{ card?: { cardNumber: string } }>;
      };
      expect(sent.tenders[0]!.card?.cardNumber).toBe(cards[i]);
      expect(till.sim.card(cards[i]!)!.balanceMinor).toBe(3000);
      // Delivered: the sale's sealed cards went as the delivery was recorded.
      await until(() => sealedOf(till.agent.db, basketId).length === 0, `${basketId} forgets its card`);
    }
    // The upgrade is recorded, so it runs once.
    const row = till.agent.db.prepare(`SELECT value FROM meta WHERE key = 'cards_bound_to_rows'`).get();
    expect(row).toBeDefined();
  }, 30_000);
});
