// Top-ups and refunds accepted, each against its floor: the same work done bare, in the same
// process and run, the two taking turns in blocks of 100 (as the durable close bench does).
//
// Top-up (Centegra up, as it must be: a top-up is never taken offline): the agent writes it
// (fsync'd), asks Centegra (the in-process simulator) for the issuance, and records DONE (fsync'd).
// Its floor is that work bare: the agent's own top-up row inserted by bare better-sqlite3
// (synchronous=FULL), the same issuance sent with undici to the same simulator, the row marked
// DONE. Refund (Centegra down, closeWaitMs 0, so it is accepted and queued): the refund and its
// outbox item in one fsync'd transaction; its floor is the same two rows written bare.
// Budget: each p50 <= 1.15 × its floor.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Agent as HttpAgent, request } from 'undici';
import { openDatabase } from '../main/agent/db';
import { demoCards, DEMO_API_KEY } from '../main/centegra-sim';
import { startDemo } from '../test/helpers/runtime';
import { round, stats, type Row } from './lib';

/** A turn of the event loop: what an answer left for after it (after-answer.ts) runs. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const BLOCK = 100;
type SqlRow = Record<string, unknown>;

function insertFor(db: ReturnType<typeof openDatabase>, table: string, sample: SqlRow, omit: string[] = []) {
  const cols = Object.keys(sample).filter((c) => !omit.includes(c));
  return db.prepare(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
  );
}

export async function topUpRefund(count = 3000, warmUp = BLOCK): Promise<Row[]> {
  const demo = await startDemo({ config: { posApi: { port: 0 }, closeWaitMs: 0 } });
  const agent = demo.runtime.agent;
  const sim = demo.runtime.simulator!;
  const cardNumber = demoCards[6]!.cardNumber;
  sim.setCard({ ...sim.card(cardNumber)!, balanceMinor: 50_000_000 });
  const bare = openDatabase(path.join(demo.dataDir, 'bare.db'));
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000 });
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  try {
    // Top-ups, in turns with the bare work.
    const topUps: number[] = [];
    const bareTopUps: number[] = [];
    const topUpRow = agent.db.prepare('SELECT * FROM topups WHERE top_up_id = ?');
    let insertTopUp: ReturnType<typeof bare.prepare> | undefined;
    const markDone = bare.prepare(
      `UPDATE topups SET state = 'DONE', card_sealed = NULL, settled_at = ?, transaction_id = ?, balance_after_minor = ? WHERE top_up_id = ? AND state = 'PENDING'`,
    );
    const issue = async (requestId: string) => {
      const r = await request(`${sim.baseUrl}/cards/issuance`, {
        method: 'POST',
        dispatcher,
        headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({
          requestId,
          till: { siteId: 'BENCH', tillId: 'BARE' },
          card: { cardNumber, entryType: 'KEYED' },
          amount: { amountMinor: 1, currency: 'GBP' },
        }),
      });
      const tx = (await r.body.json()) as { transactionId: string; balanceAfter?: { amountMinor: number } };
      if (r.statusCode !== 200) throw new Error(`the bare issuance answered ${r.statusCode}`);
      return tx;
    };
    for (let from = 0; from < warmUp + count; from += BLOCK) {
      const ids: string[] = [];
      for (let i = from; i < from + BLOCK; i++) {
        const topUpId = `bench-tu-${i}`;
        // As on a till, what the last answer left for after it (its log line, its event) has run.
        await nextTurn();
        const t0 = performance.now();
        const r = await agent.call('topUp', { cardNumber, amountMinor: 1, currency: 'GBP', topUpId });
        const ms = performance.now() - t0;
        if (!r.ok || r.value.state !== 'DONE') throw new Error(`top-up answered ${JSON.stringify(r)}`);
        if (i >= warmUp) topUps.push(ms);
        ids.push(topUpId);
      }
      for (const [k, topUpId] of ids.entries()) {
        const row = { ...(topUpRow.get(topUpId) as SqlRow), state: 'PENDING', top_up_id: `bare-${topUpId}` };
        insertTopUp ??= insertFor(bare, 'topups', row);
        await nextTurn(); // as the agent's side has
        const t0 = performance.now();
        insertTopUp.run({ ...row, request_id: randomUUID() });
        const tx = await issue(randomUUID());
        markDone.run(
          new Date().toISOString(),
          tx.transactionId,
          tx.balanceAfter?.amountMinor ?? 0,
          row.top_up_id,
        );
        const ms = performance.now() - t0;
        if (from + k >= warmUp) bareTopUps.push(ms);
      }
    }

    // Refunds: Centegra goes away, so each is accepted and queued, nothing delivered meanwhile.
    sim.setFaults({ down: true });
    await agent.call('inquireCard', { cardNumber });
    const refunds: number[] = [];
    const bareRefunds: number[] = [];
    const newItems = agent.db.prepare('SELECT * FROM outbox WHERE seq > ? ORDER BY seq');
    const refundRow = agent.db.prepare('SELECT * FROM refunds WHERE item_id = ?');
    let lastSeq = (agent.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM outbox').get() as { s: number })
      .s;
    let insertItem: ReturnType<typeof bare.prepare> | undefined;
    let insertRefund: ReturnType<typeof bare.prepare> | undefined;
    for (let from = 0; from < warmUp + count; from += BLOCK) {
      for (let i = from; i < from + BLOCK; i++) {
        await nextTurn();
        const t0 = performance.now();
        const r = await agent.call('refund', {
          refundId: `bench-rf-${i}`,
          cardNumber,
          amountMinor: 1,
          currency: 'GBP',
        });
        const ms = performance.now() - t0;
        if (!r.ok || r.value.state !== 'QUEUED') throw new Error(`refund answered ${JSON.stringify(r)}`);
        if (i >= warmUp) refunds.push(ms);
      }
      const items = newItems.all(lastSeq) as SqlRow[];
      lastSeq = items.at(-1)!.seq as number;
      for (const [k, item] of items.entries()) {
        const refund = refundRow.get(`itm_${String(item.seq)}`) as SqlRow;
        const { seq: _seq, ...values } = item;
        insertItem ??= insertFor(bare, 'outbox', item, ['seq']);
        insertRefund ??= insertFor(bare, 'refunds', refund);
        const [a, b] = [insertItem, insertRefund];
        await nextTurn(); // as the agent's side has
        const t0 = performance.now();
        bare.transaction(() => {
          const seq = a.run(values).lastInsertRowid;
          b.run({ ...refund, item_id: `itm_${seq}` });
        })();
        const ms = performance.now() - t0;
        if (from + k >= warmUp) bareRefunds.push(ms);
      }
    }

    const rows: Row[] = [];
    for (const [what, agentMs, bareMs, floorIs] of [
      [
        'top-up accepted (DONE)',
        topUps,
        bareTopUps,
        'bare insert + the same issuance to the same simulator + bare update',
      ],
      ['refund accepted (QUEUED)', refunds, bareRefunds, 'the same refund and outbox rows written bare'],
    ] as const) {
      const a = stats(agentMs);
      const b = stats(bareMs);
      rows.push(
        {
          figure: `${what}, p50`,
          value: round(a.p50, 3),
          unit: 'ms',
          floor: round(b.p50, 3),
          relative: { times: 1.15 },
          detail: `n=${a.n}; floor: ${floorIs} (better-sqlite3, synchronous=FULL), in turns of ${BLOCK}; total time ${round(sum(agentMs), 0)} ms vs ${round(sum(bareMs), 0)} ms`,
        },
        { figure: `${what}, p99`, value: round(a.p99, 3), unit: 'ms', floor: round(b.p99, 3) },
      );
    }
    return rows;
  } finally {
    await dispatcher.close();
    bare.close();
    await demo.stop();
  }
}
