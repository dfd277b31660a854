// What an apply with a hold writes, and how durably, over real HTTP against the simulator on a
// real SQLite file: the hold's request is committed before Centegra is asked and fsync'd (the WAL,
// on the thread pool) while Centegra places the hold, so it is on disk before the POS hears
// "applied"; the tender itself is committed without an fsync (no money moves until the close,
// which is fsync'd). A disk that fails under the request gives the hold back and accepts nothing.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEvents } from '../helpers/sse';
import { GBP, lines, newCard, startClockedTill, until, type ClockedTill } from '../helpers/money';

let till: ClockedTill | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await till?.stop();
  till = undefined;
});

/** Records SQLite's synchronous level (1 NORMAL, 2 FULL) as each row of these tables is written. */
function watchDurability(t: ClockedTill, tables: string[]): () => Array<{ table: string; level: number }> {
  const { db } = t.agent;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS written (tbl TEXT, level INTEGER)');
  for (const table of tables)
    db.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS written_${table} AFTER INSERT ON main.${table}
       BEGIN INSERT INTO written SELECT '${table}', synchronous FROM pragma_synchronous; END`,
    );
  return () =>
    (
      db.prepare('SELECT tbl, level FROM temp.written ORDER BY rowid').all() as Array<{
        tbl: string;
        level: number;
      }>
    ).map((r) => ({ table: r.tbl, level: r.level }));
}

async function openBasket(t: ClockedTill, basketId: string, totalMinor: number) {
  const r = await t.api('PUT', `/v1/baskets/${basketId}`, {
    body: { currency: GBP, totalMinor, lines: lines(totalMinor) },
  });
  expect(r.status, r.text).toBe(200);
}

describe('an apply with a hold', () => {
  it("fsyncs the hold's request while Centegra places the hold and before the POS hears; the tender is not fsync'd, the close is", async () => {
    till = await startClockedTill();
    const t = till;
    const card = newCard(t.sim, 5000);
    await openBasket(t, 'dur-1', 3000);
    const written = watchDurability(t, ['holds', 'tenders', 'outbox']);
    // Centegra takes its time, as one across a network does: the fsync runs meanwhile.
    t.sim.setFaults({ latencyMs: 40 });
    const steps: string[] = [];
    const fdatasync = fs.fdatasync.bind(fs);
    vi.spyOn(fs, 'fdatasync').mockImplementation((fd, done) => {
      // As the agent calls it: before it goes on to ask Centegra.
      const requested = t.agent.db
        .prepare(`SELECT count(*) AS n FROM holds WHERE basket_id = 'dur-1' AND state = 'REQUESTED'`)
        .get() as { n: number };
      steps.push(`sync started, ${requested.n} request committed, ${holdsAsked()} asked of Centegra`);
      fdatasync(fd, (e) => {
        steps.push('synced');
        done(e);
      });
    });
    const holdsAsked = () => t.sim.requests().filter((q) => q.path === '/cards/holds').length;

    const r = await t.api('POST', '/v1/baskets/dur-1/gift-cards', { body: { cardNumber: card } });
    steps.push('answered');

    expect(r.status, r.text).toBe(200);
    expect(r.json.giftCardTenders[0]).toMatchObject({ amountMinor: 3000, held: true });
    // Sent at once, not after the fsync; the request was already committed when the fsync began.
    expect(steps).toEqual(['sync started, 1 request committed, 0 asked of Centegra', 'synced', 'answered']);
    expect(holdsAsked()).toBe(1);
    vi.restoreAllMocks();
    t.sim.clearFaults();

    const close = await t.api('POST', '/v1/baskets/dur-1/close', { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(200);
    expect(written()).toEqual([
      { table: 'holds', level: 1 }, // NORMAL, then fsync'd beside Centegra's call
      { table: 'tenders', level: 1 }, // NORMAL: no money moves until the close
      { table: 'outbox', level: 2 }, // FULL: the close, before the POS hears
    ]);
  });

  it("refuses the apply when the disk fails under the hold's request: nothing on the sale, the hold given back, the health says what to do", async () => {
    till = await startClockedTill();
    const t = till;
    const card = newCard(t.sim, 5000);
    await openBasket(t, 'dur-2', 3000);
    const events = await openEvents(t.port, t.token);
    // The WAL cannot be opened to be synced (a real failure from the OS: its file is gone).
    fs.rmSync(`${t.agent.db.name}-wal`);

    const r = await t.api('POST', '/v1/baskets/dur-2/gift-cards', { body: { cardNumber: card } });

    expect(r.status, r.text).toBe(507);
    expect(r.json.error).toMatchObject({
      code: 'STORAGE_FAILED',
      message: expect.stringMatching(/nothing was accepted/),
    });
    const basket = await t.api('GET', '/v1/baskets/dur-2');
    expect(basket.json.giftCardTenders).toEqual([]);
    // Centegra placed it; the agent gives it straight back, and the card can spend it again.
    await until(
      () => t.sim.holds().some((h) => h.basketId === 'dur-2' && h.state === 'RELEASED'),
      'the hold released at Centegra',
    );
    expect(t.sim.card(card)!.balanceMinor).toBe(5000);
    // The screen's banner says so (until the next write works, as for any failed write).
    try {
      const storage = await events.waitFor((e) => e.event === 'storage' && e.data.ok === false);
      expect(storage.data.problem).toMatch(/nothing was accepted/);
    } finally {
      events.close();
    }
  });
});
