// The sale flow as a POS drives it, over real HTTP, against the simulator: baskets, gift cards
// as tenders, close (delivered or queued), double close, voids, top-ups, and their refusals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoCards } from '../../main/centegra-sim';
import { startDemo, type Started } from '../helpers/runtime';
import { openEvents } from '../helpers/sse';

let demo: Started;
const card = (label: string) => demoCards.find((c) => c.label.startsWith(label))!;
const fifty = () => card('active, £50.00');
const big = () => card('active, £250.00');
const withPin = () => card('active, £4.20');
let n = 0;
const newBasketId = () => `b-${Date.now()}-${++n}`;

const lines = (...totals: number[]) =>
  totals.map((t, i) => ({
    sku: `SKU${i}`,
    description: `Item ${i}`,
    quantity: 1,
    unitPriceMinor: t,
    lineTotalMinor: t,
  }));

async function openBasket(totalMinor: number, basketId = newBasketId()) {
  const r = await demo.api('PUT', `/v1/baskets/${basketId}`, {
    body: { currency: 'GBP', totalMinor, lines: lines(totalMinor) },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return basketId;
}

beforeAll(async () => {
  demo = await startDemo({
    config: { posApi: { port: 0 }, closeWaitMs: 1500, centegra: { timeoutMs: 1000 } },
  });
});
afterAll(async () => {
  await demo.stop();
});
beforeEach(() => {
  const sim = demo.runtime.simulator!;
  sim.clearFaults();
  sim.reset();
});

describe('a sale paid by two gift cards and cash', () => {
  it('takes min(balance, due, limit) from each card, closes, and Factor4 redeems each card once with the lines', async () => {
    const sim = demo.runtime.simulator!;
    const basketId = await openBasket(6000);
    let r = await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, {
      body: { cardNumber: fifty().cardNumber },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      state: 'OPEN',
      totalMinor: 6000,
      giftCardTotalMinor: 5000,
      dueMinor: 1000,
    });
    expect(r.json.giftCardTenders[0]).toMatchObject({
      cardNumberMasked: '••••••••••••0011',
      amountMinor: 5000,
      balanceBeforeMinor: 5000,
      balanceAfterMinor: 0,
    });
    r = await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, {
      body: { cardNumber: big().cardNumber, maxAmountMinor: 600 },
    });
    expect(r.json).toMatchObject({ giftCardTotalMinor: 5600, dueMinor: 400 });
    expect(JSON.stringify(r.json)).not.toContain(fifty().cardNumber);

    sim.clearRequests();
    const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, {
      body: { otherTenders: [{ kind: 'CASH', amountMinor: 400 }] },
    });
    expect(close.status).toBe(200);
    expect(close.json.state).toBe('DELIVERED');
    expect(close.json.basket).toMatchObject({ state: 'CLOSED', dueMinor: 0 });
    expect(close.json.transactions).toEqual([
      expect.objectContaining({
        cardNumberMasked: '••••••••••••0011',
        kind: 'REDEMPTION',
        amountMinor: 5000,
        balanceAfterMinor: 0,
        transactionId: expect.any(String),
      }),
      expect.objectContaining({
        cardNumberMasked: '••••••••••••0078',
        kind: 'REDEMPTION',
        amountMinor: 600,
        balanceAfterMinor: 24400,
      }),
    ]);
    expect(JSON.stringify(close.json)).not.toContain(big().cardNumber);

    const closes = sim.requests().filter((q) => q.path === '/baskets/close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.body).toMatchObject({
      basketId,
      currency: 'GBP',
      totalMinor: 6000,
      lines: lines(6000),
      tenders: [
        {
          kind: 'GIFT_CARD',
          amountMinor: 5000,
          card: { cardNumber: fifty().cardNumber, entryType: 'KEYED' },
        },
        { kind: 'GIFT_CARD', amountMinor: 600, card: { cardNumber: big().cardNumber } },
        { kind: 'CASH', amountMinor: 400 },
      ],
    });
    expect([...sim.applied().values()].filter((a) => a.operation === 'close')).toEqual([
      { operation: 'close', count: 1 },
    ]);
    expect(sim.card(fifty().cardNumber)!.balanceMinor).toBe(0);
    expect(sim.card(big().cardNumber)!.balanceMinor).toBe(24_400);
  });

  it('closing again answers the first result and sends nothing; other tenders are refused', async () => {
    const sim = demo.runtime.simulator!;
    const basketId = await openBasket(1000);
    await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, { body: { cardNumber: big().cardNumber } });
    const first = await demo.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(first.status).toBe(200);
    sim.clearRequests();
    const again = await demo.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(sim.requests()).toHaveLength(0);
    const different = await demo.api('POST', `/v1/baskets/${basketId}/close`, {
      body: { otherTenders: [{ kind: 'CASH', amountMinor: 1 }] },
    });
    expect(different.status).toBe(409);
    expect(different.json.error.code).toBe('BASKET_NOT_OPEN');
  });

  it('a zero total closes with nothing to send', async () => {
    const sim = demo.runtime.simulator!;
    const basketId = newBasketId();
    expect(
      (
        await demo.api('PUT', `/v1/baskets/${basketId}`, {
          body: { currency: 'GBP', totalMinor: 0, lines: [] },
        })
      ).status,
    ).toBe(200);
    sim.clearRequests();
    const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status).toBe(200);
    expect(close.json).toMatchObject({ state: 'DELIVERED', transactions: [], basket: { state: 'CLOSED' } });
    expect(sim.requests()).toHaveLength(0);
  });
});

describe('the POS changes an open sale', () => {
  it('a new total and lines are what GET, the screen and the close see (not the sale as first opened)', async () => {
    const basketId = await openBasket(3300);
    const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
    try {
      const put = await demo.api('PUT', `/v1/baskets/${basketId}`, {
        body: { currency: 'GBP', totalMinor: 4100, lines: lines(3300, 800) },
      });
      expect(put.status).toBe(200);
      expect(put.json).toMatchObject({ totalMinor: 4100, dueMinor: 4100 });
      expect(put.json.lines).toHaveLength(2);
      const shown = await events.waitFor((e) => e.event === 'basket' && e.data.basketId === basketId);
      expect(shown.data).toMatchObject({ totalMinor: 4100, dueMinor: 4100 });

      const got = await demo.api('GET', `/v1/baskets/${basketId}`);
      expect(got.json).toMatchObject({ totalMinor: 4100, dueMinor: 4100 });
      expect(got.json.lines).toHaveLength(2);

      const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, {
        body: { otherTenders: [{ kind: 'CASH', amountMinor: 4100 }] },
      });
      expect(close.status, JSON.stringify(close.json)).toBe(200);
      expect(close.json.basket).toMatchObject({ state: 'CLOSED', totalMinor: 4100 });
    } finally {
      events.close();
    }
  });

  it('a lower total with a gift card on it gives back from the card, and GET agrees', async () => {
    const basketId = await openBasket(6000);
    await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, {
      body: { cardNumber: fifty().cardNumber },
    });
    const put = await demo.api('PUT', `/v1/baskets/${basketId}`, {
      body: { currency: 'GBP', totalMinor: 2000, lines: lines(2000) },
    });
    expect(put.json).toMatchObject({ totalMinor: 2000, giftCardTotalMinor: 2000, dueMinor: 0 });
    const got = await demo.api('GET', `/v1/baskets/${basketId}`);
    expect(got.json).toEqual(put.json);
  });
});

describe('refusals while building a basket', () => {
  it.each([
    [
      'the same card twice',
      async (id: string) => {
        await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
          body: { cardNumber: big().cardNumber, maxAmountMinor: 100 },
        });
        return demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big().cardNumber } });
      },
      409,
      'CARD_ALREADY_APPLIED',
    ],
    [
      'a blocked card',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
          body: { cardNumber: card('blocked').cardNumber },
        }),
      422,
      'CARD_NOT_ACTIVE',
    ],
    [
      'an empty card',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
          body: { cardNumber: card('active, nothing').cardNumber },
        }),
      422,
      'ZERO_BALANCE',
    ],
    [
      'an unknown card',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: '6280390000009999' } }),
      422,
      'CARD_NOT_FOUND',
    ],
    [
      'a product barcode',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: '5012345678900' } }),
      422,
      'NOT_A_GIFT_CARD',
    ],
    [
      'both scanId and cardNumber',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
          body: { cardNumber: big().cardNumber, scanId: 'x' },
        }),
      400,
      'BAD_REQUEST',
    ],
    [
      'a close that does not add up',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/close`, {
          body: { otherTenders: [{ kind: 'CASH', amountMinor: 100 }] },
        }),
      422,
      'TENDER_MISMATCH',
    ],
    [
      'a float amount',
      (id: string) =>
        demo.api('POST', `/v1/baskets/${id}/close`, {
          body: { otherTenders: [{ kind: 'CASH', amountMinor: 10.5 }] },
        }),
      400,
      'BAD_REQUEST',
    ],
  ] as const)('%s', async (_name, act, status, code) => {
    const id = await openBasket(1000);
    const r = await act(id);
    expect(r.status, JSON.stringify(r.json)).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.message.length).toBeGreaterThan(20);
  });

  it('nothing due: a gift card is not needed', async () => {
    const id = await openBasket(1000);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big().cardNumber } });
    const r = await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: fifty().cardNumber },
    });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('NOTHING_DUE');
  });

  it("lines must add up to the total, in the till's currency", async () => {
    const id = newBasketId();
    expect(
      (
        await demo.api('PUT', `/v1/baskets/${id}`, {
          body: { currency: 'GBP', totalMinor: 999, lines: lines(1000) },
        })
      ).json.error.code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await demo.api('PUT', `/v1/baskets/${id}`, {
          body: { currency: 'EUR', totalMinor: 1000, lines: lines(1000) },
        })
      ).json.error.message,
    ).toContain('GBP');
    expect((await demo.api('GET', `/v1/baskets/${id}`)).status).toBe(404);
  });

  it('removing a tender gives its amount back to what is due; a lower total trims the last card', async () => {
    const id = await openBasket(3000);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: fifty().cardNumber, maxAmountMinor: 1000 },
    });
    let r = await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: big().cardNumber, maxAmountMinor: 1500 },
    });
    expect(r.json.dueMinor).toBe(500);
    r = await demo.api('PUT', `/v1/baskets/${id}`, {
      body: { currency: 'GBP', totalMinor: 2000, lines: lines(2000) },
    });
    expect(r.json.giftCardTenders.map((t: { amountMinor: number }) => t.amountMinor)).toEqual([1000, 1000]);
    expect(r.json.dueMinor).toBe(0);
    const [, second] = r.json.giftCardTenders;
    r = await demo.api('DELETE', `/v1/baskets/${id}/gift-cards/${second.tenderId}`);
    expect(r.json).toMatchObject({ giftCardTotalMinor: 1000, dueMinor: 1000 });
  });
});

describe('a card spent elsewhere between apply and close, where Centegra offers no holds (1.0)', () => {
  it('is refused at once: nothing redeemed, the basket is open again without it, and the message names what is left', async () => {
    const sim = demo.runtime.simulator!;
    // An older Centegra: the agent finds holds gone at the first apply and takes the cards without.
    sim.setFaults({ noHolds: true });
    const id = await openBasket(3000);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: big().cardNumber, maxAmountMinor: 2000 },
    });
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: withPin().cardNumber, pin: '1234' },
    });
    sim.setCard({ ...sim.card(withPin().cardNumber)!, balanceMinor: 100 }); // spent elsewhere
    const close = await demo.api('POST', `/v1/baskets/${id}/close`, {
      body: { otherTenders: [{ kind: 'CASH', amountMinor: 580 }] },
    });
    expect(close.status).toBe(422);
    expect(close.json.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(close.json.error.message).toContain('ending 0029 now has only £1.00');
    const basket = (await demo.api('GET', `/v1/baskets/${id}`)).json;
    expect(basket).toMatchObject({ state: 'OPEN', giftCardTotalMinor: 2000, dueMinor: 1000 });
    expect(sim.card(big().cardNumber)!.balanceMinor).toBe(25_000);
    // The cashier applies what is left, and the sale completes.
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: withPin().cardNumber, pin: '1234' },
    });
    const done = await demo.api('POST', `/v1/baskets/${id}/close`, {
      body: { otherTenders: [{ kind: 'CASH', amountMinor: 900 }] },
    });
    expect(done.status).toBe(200);
    expect(sim.card(withPin().cardNumber)!.balanceMinor).toBe(0);
    const queue = (await demo.api('GET', '/v1/queue?state=FAILED')).json;
    expect(queue.items[0]).toMatchObject({
      basketId: id,
      lastErrorCode: 'INSUFFICIENT_FUNDS',
      resolution: expect.stringContaining('REOPENED'),
    });
    expect((await demo.api('GET', '/v1/health')).json.queue.failed).toBe(0);
  });
});

describe('Centegra down at close', () => {
  it('answers 202 QUEUED, and delivers it once when Centegra is back, with the same requestId', async () => {
    const sim = demo.runtime.simulator!;
    const id = await openBasket(1500);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big().cardNumber } });
    sim.setFaults({ down: true });
    const close = await demo.api('POST', `/v1/baskets/${id}/close`, { body: { otherTenders: [] } });
    expect(close.status).toBe(202);
    expect(close.json).toMatchObject({
      state: 'QUEUED',
      itemId: expect.any(String),
      basket: { state: 'CLOSED' },
    });
    let health = (await demo.api('GET', '/v1/health')).json;
    expect(health.queue.pending).toBe(1);
    sim.clearFaults();
    const deadline = Date.now() + 8000;
    let item;
    do {
      await new Promise((r) => setTimeout(r, 100));
      item = (await demo.api('GET', '/v1/queue')).json.items.find(
        (i: { itemId: string }) => i.itemId === close.json.itemId,
      );
    } while (item.state !== 'DELIVERED' && Date.now() < deadline);
    expect(item).toMatchObject({
      state: 'DELIVERED',
      kind: 'CLOSE',
      giftCardTotalMinor: 1500,
      cardNumbersMasked: ['••••••••••••0078'],
    });
    expect(item.attempts).toBeGreaterThanOrEqual(2);
    const sent = sim.requests().filter((q) => q.path === '/baskets/close' && q.status !== null);
    expect(new Set(sent.map((q) => q.requestId)).size).toBe(1);
    expect([...sim.applied().values()].filter((a) => a.operation === 'close')).toEqual([
      { operation: 'close', count: 1 },
    ]);
    expect(sim.card(big().cardNumber)!.balanceMinor).toBe(23_500);
    // Closing again now answers DELIVERED.
    const again = await demo.api('POST', `/v1/baskets/${id}/close`, { body: { otherTenders: [] } });
    expect(again.status).toBe(200);
    expect(again.json.state).toBe('DELIVERED');
    health = (await demo.api('GET', '/v1/health')).json;
    expect(health.queue).toMatchObject({ pending: 0, failed: 0 });
  });
});

describe('voids', () => {
  it('an open basket is voided here, with nothing sent', async () => {
    const sim = demo.runtime.simulator!;
    const id = await openBasket(1000);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big().cardNumber } });
    sim.clearRequests();
    const r = await demo.api('POST', `/v1/baskets/${id}/void`);
    expect(r.json.state).toBe('VOIDED');
    expect(sim.requests()).toHaveLength(0);
    expect(
      (await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: fifty().cardNumber } }))
        .json.error.code,
    ).toBe('BASKET_NOT_OPEN');
  });

  it('a closed basket is voided at Factor4 by its close requestId, and the card gets its money back', async () => {
    const sim = demo.runtime.simulator!;
    const id = await openBasket(2000);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big().cardNumber } });
    await demo.api('POST', `/v1/baskets/${id}/close`, { body: { otherTenders: [] } });
    expect(sim.card(big().cardNumber)!.balanceMinor).toBe(23_000);
    const closeRequestId = sim.requests().find((q) => q.path === '/baskets/close')!.requestId;
    const r = await demo.api('POST', `/v1/baskets/${id}/void`);
    expect(r.json.state).toBe('VOIDED');
    const deadline = Date.now() + 5000;
    while (sim.card(big().cardNumber)!.balanceMinor !== 25_000 && Date.now() < deadline)
      await new Promise((res) => setTimeout(res, 50));
    expect(sim.card(big().cardNumber)!.balanceMinor).toBe(25_000);
    const voidRequest = sim.requests().find((q) => q.path === '/transactions/void')!;
    expect(voidRequest.body).toMatchObject({ originalRequestId: closeRequestId });
    expect((await demo.api('POST', `/v1/baskets/${id}/void`)).json.state).toBe('VOIDED');
    expect(sim.requests().filter((q) => q.path === '/transactions/void')).toHaveLength(1);
  });
});

describe('top-up and activation', () => {
  it('activates a new card, tops up an active one, each once', async () => {
    const sim = demo.runtime.simulator!;
    const inactive = card('not activated').cardNumber;
    let r = await demo.api('POST', '/v1/topups', {
      body: { cardNumber: inactive, amountMinor: 2000, currency: 'GBP' },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'ACTIVE',
      balanceMinor: 2000,
      cardNumberMasked: '••••••••••••0045',
    });
    r = await demo.api('POST', '/v1/topups', {
      body: { cardNumber: inactive, amountMinor: 550, currency: 'GBP', requestId: 'pos-topup-1' },
    });
    expect(r.json.balanceMinor).toBe(2550);
    // The POS retries the same top-up: applied once.
    r = await demo.api('POST', '/v1/topups', {
      body: { cardNumber: inactive, amountMinor: 550, currency: 'GBP', requestId: 'pos-topup-1' },
    });
    expect(r.json.balanceMinor).toBe(2550);
    expect(sim.card(inactive)!.balanceMinor).toBe(2550);
  });

  it('refuses while Centegra is unreachable, saying why', async () => {
    const sim = demo.runtime.simulator!;
    sim.setFaults({ down: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: big().cardNumber } }); // the link learns it is down
    const r = await demo.api('POST', '/v1/topups', {
      body: { cardNumber: big().cardNumber, amountMinor: 100, currency: 'GBP' },
    });
    expect(r.status).toBe(503);
    expect(r.json.error).toMatchObject({ code: 'OFFLINE', message: expect.stringContaining('topped up') });
    sim.clearFaults();
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: big().cardNumber } });
  });
});
