// Durable close: 10,000 closes accepted (validated, sealed, written with their outbox item and
// fsync'd, before any delivery), against bare better-sqlite3 inserts of the same rows with
// synchronous=FULL, in the same run, the two taking turns in blocks of 100. Delivery is held off
// (Centegra down, closeWaitMs 0). The bare inserts are each row's floor, and the budgets are
// relative to them: p50 <= 1.15 × floor (it was a p50 ratio <= 1.5), p99 <= 1.3 × floor.
import path from 'node:path';
import { openDatabase } from '../main/agent/db';
import { demoCards } from '../main/centegra-sim';
import { startDemo } from '../test/helpers/runtime';
import { basketWithGiftCard, COFFEE, GIFT_CARD_TAKES_MINOR } from './basket';
import { round, stats, type Row } from './lib';

/** What the POS pays besides the gift card. */
const CASH = [{ kind: 'CASH' as const, amountMinor: COFFEE.lineTotalMinor - GIFT_CARD_TAKES_MINOR }];
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Closes (then bare writes) per turn. */
const BLOCK = 100;

export async function closeAccept(closes = 10_000): Promise<Row[]> {
  const demo = await startDemo({ config: { posApi: { port: 0 }, closeWaitMs: 0 } });
  const agent = demo.runtime.agent;
  const sim = demo.runtime.simulator!;
  // Cards with room for every basket below.
  sim.setCard({ ...sim.card(demoCards[6]!.cardNumber)!, balanceMinor: 100_000_000 });
  const cardNumber = demoCards[6]!.cardNumber;
  try {
    const ids: string[] = [];
    for (let i = 0; i < closes; i++) {
      const basketId = `bench-${i}`;
      await basketWithGiftCard(agent, basketId, cardNumber);
      ids.push(basketId);
    }
    // Centegra goes away: closes are accepted and queued, nothing is delivered meanwhile.
    sim.setFaults({ down: true });
    await agent.call('inquireCard', { cardNumber });
    // The same rows in the same schema, bare: per close, one transaction with the outbox row and
    // the basket's update, as prepared statements straight on better-sqlite3 (synchronous=FULL).
    const bare = openDatabase(path.join(demo.dataDir, 'bare.db'));
    const baskets = agent.db.prepare('SELECT * FROM baskets').all() as Array<Record<string, unknown>>;
    const insertBasket = bare.prepare(
      `INSERT INTO baskets (basket_id, state, currency, total_minor, lines, opened_at, updated_at) VALUES (@basket_id, 'OPEN', @currency, @total_minor, @lines, @opened_at, @updated_at)`,
    );
    bare.transaction(() => baskets.forEach((b) => insertBasket.run(b)))();
    const update = bare.prepare(
      `UPDATE baskets SET state = 'CLOSED', closed_at = ?, close_item_id = ?, close_request = ?, updated_at = ? WHERE basket_id = ?`,
    );
    let insert: ReturnType<typeof bare.prepare> | undefined;
    const newItems = agent.db.prepare('SELECT * FROM outbox WHERE seq > ? ORDER BY seq');
    let lastSeq = 0;

    // Both sides start from an empty WAL, and take turns in blocks of 100, so a disk that gets
    // faster or slower during the run (the machine is shared) weighs on both alike.
    agent.db.pragma('wal_checkpoint(TRUNCATE)');
    bare.pragma('wal_checkpoint(TRUNCATE)');
    const agentMs: number[] = [];
    const bareMs: number[] = [];
    for (let from = 0; from < ids.length; from += BLOCK) {
      for (const basketId of ids.slice(from, from + BLOCK)) {
        // The POS reads its basket before closing it, as a till does (and as a cache would have it).
        await agent.call('getBasket', { basketId });
        // As on a till, what the last answer left for after it (its log line, its event) has run.
        await nextTurn();
        const t0 = performance.now();
        const r = await agent.call('closeBasket', {
          basketId,
          otherTenders: CASH,
        });
        agentMs.push(performance.now() - t0);
        if (!r.ok || r.value.state !== 'QUEUED') throw new Error(`close answered ${JSON.stringify(r)}`);
      }
      // The rows the agent just wrote, written again bare.
      const rows = newItems.all(lastSeq) as Array<Record<string, unknown>>;
      lastSeq = rows.at(-1)!.seq as number;
      if (!insert) {
        const cols = Object.keys(rows[0]!).filter((c) => c !== 'seq');
        insert = bare.prepare(
          `INSERT INTO outbox (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
        );
      }
      const insertItem = insert;
      for (const row of rows) {
        const { seq: _seq, ...values } = row;
        await nextTurn(); // as the agent's side has
        const t0 = performance.now();
        bare.transaction(() => {
          const r = insertItem.run(values);
          update.run(
            row.created_at,
            `itm_${r.lastInsertRowid}`,
            JSON.stringify(CASH),
            row.created_at,
            row.basket_id,
          );
        })();
        bareMs.push(performance.now() - t0);
      }
    }
    bare.close();
    if (bareMs.length !== agentMs.length)
      throw new Error(`${agentMs.length} closes but ${bareMs.length} bare writes`);

    const a = stats(agentMs);
    const b = stats(bareMs);
    const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    return [
      {
        figure: 'durable close accepted, p50',
        value: round(a.p50, 3),
        unit: 'ms',
        floor: round(b.p50, 3),
        relative: { times: 1.15 },
        detail: `n=${a.n}; floor: the same rows by bare better-sqlite3 (synchronous=FULL), in turns; total time ${round(sum(agentMs), 0)} ms vs ${round(sum(bareMs), 0)} ms (${round(sum(agentMs) / sum(bareMs), 2)} x)`,
      },
      {
        figure: 'durable close accepted, p99',
        value: round(a.p99, 3),
        unit: 'ms',
        floor: round(b.p99, 3),
        relative: { times: 1.3 },
      },
    ];
  } finally {
    await demo.stop();
  }
}
