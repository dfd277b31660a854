// The day report against what Centegra confirmed: a mixed day through the POS API (sales paid by
// held gift cards, a sale voided by the manager after its close, a basket voided while open,
// top-ups, one voided, refunds, one voided, and a close Factor4 refused that the manager wrote
// off), then GET /v1/reports/day must equal the simulator's own books for this till, figure by
// figure, and ?format=csv must say the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerTotals, Simulator } from '../../main/centegra-sim';
import { GBP, lines, newCard, until } from '../helpers/money';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started;
let sim: Simulator;
const THIS_TILL = { siteId: 'DEMO', tillId: 'T01', currency: GBP };

beforeAll(async () => {
  demo = await startDemo({
    config: { posApi: { port: 0 }, closeWaitMs: 1500, centegra: { timeoutMs: 1000 } },
    onlineProbeMs: 300,
  });
  sim = demo.runtime.simulator!;
});
afterAll(async () => {
  await demo.stop();
});

async function ok(method: string, url: string, body?: unknown, statuses = [200]) {
  const r = await demo.api(method, url, body === undefined ? {} : { body });
  expect(statuses, `${method} ${url}: ${r.text}`).toContain(r.status);
  return r.json;
}

/** A sale: each card pays up to its amount, cash the rest; closed, and answered DELIVERED or QUEUED. */
async function sale(
  basketId: string,
  totalMinor: number,
  cards: Array<[string, number]>,
  closeStatuses = [200],
) {
  await ok('PUT', `/v1/baskets/${basketId}`, { currency: GBP, totalMinor, lines: lines(totalMinor) });
  let due = totalMinor;
  for (const [cardNumber, maxAmountMinor] of cards)
    due = (await ok('POST', `/v1/baskets/${basketId}/gift-cards`, { cardNumber, maxAmountMinor })).dueMinor;
  return ok(
    'POST',
    `/v1/baskets/${basketId}/close`,
    { otherTenders: due > 0 ? [{ kind: 'CASH', amountMinor: due }] : [] },
    closeStatuses,
  );
}

const report = async (query = '') => ok('GET', `/v1/reports/day${query}`);

async function queueSettled() {
  await until(
    async () => (await demo.api('GET', '/v1/health')).json.queue.pending === 0,
    'the queue sent',
    20_000,
  );
}

/** A figure from the books: an operation less the voids of it. */
function net(totals: LedgerTotals, voids: Map<string, { count: number; amountMinor: number }>, op: string) {
  const t = totals[op as keyof LedgerTotals];
  const v = voids.get(op) ?? { count: 0, amountMinor: 0 };
  return { count: t.count - v.count, totalMinor: t.amountMinor - v.amountMinor };
}

describe('GET /v1/reports/day after a mixed day', () => {
  it('equals what Centegra confirmed for this till, figure by figure, in JSON and CSV', async () => {
    const card = (balanceMinor: number) => newCard(sim, balanceMinor);
    const [a, b, c, d, e, f] = [card(5000), card(5000), card(5000), card(5000), card(5000), card(5000)];
    const [g, h, i, j, k] = [card(0), card(1000), card(1000), card(1000), card(1000)];

    // Sales: one card and cash; two cards; one the manager voids after its close.
    await sale('day-sale-1', 2600, [[a, 2000]]);
    await sale('day-sale-2', 2000, [
      [b, 1500],
      [c, 500],
    ]);
    await sale('day-sale-3', 1200, [[d, 1200]]);
    // A basket voided while open: nothing redeemed, its hold given back.
    await ok('PUT', '/v1/baskets/day-open-void', { currency: GBP, totalMinor: 900, lines: lines(900) });
    await ok('POST', '/v1/baskets/day-open-void/gift-cards', { cardNumber: e });
    await ok('POST', '/v1/baskets/day-open-void/void');
    // A cash-only sale: no gift card, nothing for the report.
    await sale('day-cash', 500, []);

    // A sale closed while Centegra is away, whose card is blocked before it is sent.
    await ok('PUT', '/v1/baskets/day-refused', { currency: GBP, totalMinor: 1700, lines: lines(1700) });
    await ok('POST', '/v1/baskets/day-refused/gift-cards', { cardNumber: f });
    sim.setFaults({ down: true });
    const queued = await ok('POST', '/v1/baskets/day-refused/close', { otherTenders: [] }, [202]);
    expect((await report()).pending).toEqual({ count: 1, totalMinor: 1700 });
    sim.setCard({ ...sim.card(f)!, status: 'BLOCKED' });
    sim.clearFaults();
    await until(
      async () => (await demo.api('GET', '/v1/queue?state=FAILED')).json.items.length === 1,
      'the close refused at delivery',
      20_000,
    );
    expect(await report()).toMatchObject({ pending: { count: 0 }, failed: { count: 1, totalMinor: 1700 } });

    // Top-ups, one voided; refunds (one against sale 1), one voided.
    await ok('POST', '/v1/topups', { topUpId: 'day-tu-1', cardNumber: g, amountMinor: 2500, currency: GBP });
    await ok('POST', '/v1/topups', { topUpId: 'day-tu-2', cardNumber: h, amountMinor: 1000, currency: GBP });
    await ok('POST', '/v1/topups', { topUpId: 'day-tu-3', cardNumber: i, amountMinor: 700, currency: GBP });
    await ok('POST', '/v1/topups/day-tu-3/void');
    await ok('POST', '/v1/refunds', {
      refundId: 'day-rf-1',
      cardNumber: a,
      amountMinor: 500,
      currency: GBP,
      originalBasketId: 'day-sale-1',
    });
    await ok('POST', '/v1/refunds', { refundId: 'day-rf-2', cardNumber: j, amountMinor: 300, currency: GBP });
    await ok('POST', '/v1/refunds', { refundId: 'day-rf-3', cardNumber: k, amountMinor: 400, currency: GBP });
    await ok('POST', '/v1/refunds/day-rf-3/void');

    // The manager, from the screen: voids sale 3 and writes off the refused one.
    const { agent } = demo.runtime;
    const unlocked = await agent.call('managerUnlock', { pin: '1234' });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const { session } = unlocked.value;
    expect(await agent.call('managerVoidBasket', { session, basketId: 'day-sale-3' })).toMatchObject({
      ok: true,
      value: { state: 'VOIDED' },
    });
    expect(
      await agent.call('managerResolve', {
        session,
        itemId: queued.itemId,
        resolution: 'WRITTEN_OFF',
        note: 'gone',
      }),
    ).toMatchObject({ ok: true });
    await queueSettled();
    await until(
      async () => (await demo.api('GET', '/v1/topups/day-tu-3')).json.state === 'VOIDED',
      'top-up voided',
    );
    await until(
      async () => (await demo.api('GET', '/v1/refunds/day-rf-3')).json.state === 'VOIDED',
      'refund voided',
    );

    const day = await report();

    const totals = sim.totals(THIS_TILL);
    const voids = new Map<string, { count: number; amountMinor: number }>();
    for (const v of sim.ledger(THIS_TILL).filter((x) => x.operation === 'VOID')) {
      const t = voids.get(v.reverses!) ?? { count: 0, amountMinor: 0 };
      voids.set(v.reverses!, { count: t.count + 1, amountMinor: t.amountMinor + v.amountMinor });
    }
    expect(day).toMatchObject({ siteId: 'DEMO', tillId: 'T01', currency: GBP });
    expect(day.redeemed).toEqual(net(totals, voids, 'REDEMPTION'));
    expect(day.topUps).toEqual(net(totals, voids, 'ISSUANCE'));
    expect(day.refunds).toEqual(net(totals, voids, 'REFUND'));
    expect(day.voided).toEqual({ count: totals.VOID.count, totalMinor: totals.VOID.amountMinor });
    expect(day.pending).toEqual({ count: 0, totalMinor: 0 });
    expect(day.failed).toEqual({ count: 0, totalMinor: 0 });
    // The written-off sale: never redeemed at Factor4, and its hold given back.
    expect(day.resolved).toEqual({ count: 1, totalMinor: 1700 });
    expect(
      sim.ledger(THIS_TILL).filter((x) => x.basketId === 'day-refused' && x.operation === 'REDEMPTION'),
    ).toEqual([]);
    // And the figures are what this day was, so the comparison is not of two empty books.
    expect(day.redeemed).toEqual({ count: 3, totalMinor: 2000 + 1500 + 500 });
    expect(day.topUps).toEqual({ count: 2, totalMinor: 3500 });
    expect(day.refunds).toEqual({ count: 2, totalMinor: 800 });
    expect(day.voided).toEqual({ count: 3, totalMinor: 1200 + 700 + 400 });
    // The refused sale's hold goes back a moment after its close failed.
    await until(() => sim.holds().every((x) => x.state !== 'HELD'), 'no hold left standing');

    const csv = await demo.api('GET', '/v1/reports/day?format=csv');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual([
      'date',
      'siteId',
      'tillId',
      'currency',
      'figure',
      'count',
      'totalMinor',
      'total',
    ]);
    const fromCsv = Object.fromEntries(
      rows.slice(1).map((r) => [r[4], { count: Number(r[5]), totalMinor: Number(r[6]) }]),
    );
    const { date, siteId, tillId, currency, ...figures } = day;
    expect(fromCsv).toEqual(figures);
    for (const r of rows.slice(1)) expect(r.slice(0, 4)).toEqual([date, siteId, tillId, currency]);

    // Another day is empty.
    const other = await report('?date=2001-02-03');
    expect(other.date).toBe('2001-02-03');
    for (const figure of Object.keys(figures)) expect(other[figure]).toEqual({ count: 0, totalMinor: 0 });
  }, 60_000);
});
