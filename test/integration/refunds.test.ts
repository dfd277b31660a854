// Refunds onto gift cards as a POS drives them over real HTTP against the simulator: durable and
// exactly once like a close (200 DELIVERED, or 202 QUEUED while Centegra is away and delivered once
// when it is back); against an original sale, the till's own record refuses a card that did not
// pay there (CARD_NOT_IN_BASKET) or more than it paid less earlier refunds
// (REFUND_EXCEEDS_ORIGINAL); idempotent by refundId (409 CONFLICT for another body); 422
// NOT_SUPPORTED where Centegra offers no refunds; voidable through the queue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../main/centegra-sim';
import { GBP, ledgerSum, lines, masked, newCard, until } from '../helpers/money';
import { startDemo, type Started } from '../helpers/runtime';
import { openEvents } from '../helpers/sse';

let demo: Started;
let sim: Simulator;
let n = 0;
const newId = (tag: string) => `${tag}-${Date.now().toString(36)}-${++n}`;

const refundsTo = (cardNumber: string) =>
  sim
    .requests()
    .filter(
      (q) =>
        q.path === '/cards/refunds' &&
        (q.body as { card?: { cardNumber?: string } } | undefined)?.card?.cardNumber === cardNumber,
    );

/** A sale closed and delivered: each card pays what is given, the rest in cash. */
async function closedSale(totalMinor: number, paid: Array<{ cardNumber: string; amountMinor: number }>) {
  const basketId = newId('sale');
  expect(
    (
      await demo.api('PUT', `/v1/baskets/${basketId}`, {
        body: { currency: GBP, totalMinor, lines: lines(totalMinor) },
      })
    ).status,
  ).toBe(200);
  for (const p of paid) {
    const r = await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, {
      body: { cardNumber: p.cardNumber, maxAmountMinor: p.amountMinor },
    });
    expect(r.status, r.text).toBe(200);
  }
  const cash = totalMinor - paid.reduce((s, p) => s + p.amountMinor, 0);
  const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, {
    body: { otherTenders: cash > 0 ? [{ kind: 'CASH', amountMinor: cash }] : [] },
  });
  expect(close.status, close.text).toBe(200);
  const closeRequestId = sim
    .requests()
    .find(
      (q) => q.path === '/baskets/close' && (q.body as { basketId?: string })?.basketId === basketId,
    )!.requestId!;
  return { basketId, closeRequestId };
}

/** POST /v1/refunds of `amountMinor` onto `cardNumber`, against a sale when one is named. */
function postRefund(cardNumber: string, amountMinor: number, originalBasketId?: string) {
  return demo.api('POST', '/v1/refunds', {
    body: {
      refundId: newId('rf'),
      cardNumber,
      amountMinor,
      currency: GBP,
      ...(originalBasketId === undefined ? {} : { originalBasketId }),
    },
  });
}

async function waitOnline() {
  await until(async () => (await demo.api('GET', '/v1/health')).json.centegra.state === 'ONLINE', 'online');
}

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
beforeEach(async () => {
  sim.clearFaults();
  await waitOnline();
});

describe('POST /v1/refunds', () => {
  it('200 DELIVERED: money back on the card, once, as Factor4 confirmed it', async () => {
    const card = newCard(sim, 1000);
    const refundId = newId('rf');

    const r = await demo.api('POST', '/v1/refunds', {
      body: { refundId, cardNumber: card, amountMinor: 800, currency: GBP, reason: 'returned mug' },
    });

    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({
      refundId,
      state: 'DELIVERED',
      amountMinor: 800,
      currency: GBP,
      cardNumberMasked: masked(card),
      reason: 'returned mug',
      balanceAfterMinor: 1800,
      createdAt: expect.any(String),
      receiptLines: [
        `Gift card ending ${card.slice(-4)}`,
        'Refunded                   £8.00',
        'New balance               £18.00',
      ],
    });
    expect(ledgerSum(sim, 'REFUND', (e) => e.cardNumber === card)).toEqual({ count: 1, amountMinor: 800 });
    expect(sim.card(card)!.balanceMinor).toBe(1800);
    expect((await demo.api('GET', `/v1/refunds/${refundId}`)).json).toEqual(r.json);
  });

  it('202 QUEUED while Centegra is away; delivered once, with one requestId, when it is back', async () => {
    const card = newCard(sim, 1000);
    const refundId = newId('rf');
    sim.setFaults({ down: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: card } }); // the link learns it is down

    const r = await demo.api('POST', '/v1/refunds', {
      body: { refundId, cardNumber: card, amountMinor: 450, currency: GBP },
    });

    expect(r.status, r.text).toBe(202);
    expect(r.json).toMatchObject({ refundId, state: 'QUEUED', itemId: expect.any(String) });
    const item = (await demo.api('GET', '/v1/queue?state=PENDING')).json.items.find(
      (i: { itemId: string }) => i.itemId === r.json.itemId,
    );
    expect(item).toMatchObject({ kind: 'REFUND', refundId, giftCardTotalMinor: 450 });
    expect(sim.card(card)!.balanceMinor).toBe(1000);

    sim.clearFaults();

    await until(
      async () => (await demo.api('GET', `/v1/refunds/${refundId}`)).json.state === 'DELIVERED',
      'the refund delivered',
      20_000,
    );
    const sent = refundsTo(card).filter((q) => q.status !== null);
    expect(new Set(sent.map((q) => q.requestId)).size).toBe(1);
    expect(sim.applied().get(sent[0]!.requestId!)).toEqual({ operation: 'refund', count: 1 });
    expect(ledgerSum(sim, 'REFUND', (e) => e.cardNumber === card)).toEqual({ count: 1, amountMinor: 450 });
    expect(sim.card(card)!.balanceMinor).toBe(1450);
    expect((await demo.api('GET', `/v1/refunds/${refundId}`)).json).toMatchObject({
      balanceAfterMinor: 1450,
    });
  }, 30_000);

  it('is idempotent by refundId: the same body answers the first result; another body is 409 CONFLICT', async () => {
    const card = newCard(sim, 1000);
    const body = { refundId: newId('rf'), cardNumber: card, amountMinor: 300, currency: GBP };
    const first = await demo.api('POST', '/v1/refunds', { body });
    expect(first.status, first.text).toBe(200);

    const again = await demo.api('POST', '/v1/refunds', { body });
    const other = await demo.api('POST', '/v1/refunds', { body: { ...body, amountMinor: 301 } });

    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('CONFLICT');
    expect(refundsTo(card)).toHaveLength(1);
    expect(sim.card(card)!.balanceMinor).toBe(1300);
  });
});

describe('a refund Centegra refuses while the POS waits', () => {
  it('is answered with the refusal, and leaves nothing in the queue for a manager to settle', async () => {
    const blocked = newCard(sim, 1000, { status: 'BLOCKED' });
    const refundId = newId('refused');
    const r = await demo.api('POST', '/v1/refunds', {
      body: { refundId, cardNumber: blocked, amountMinor: 500, currency: GBP },
    });
    expect(r.status, r.text).toBe(422);
    expect(r.json.error.code).toBe('CARD_NOT_ACTIVE');
    const health = (await demo.api('GET', '/v1/health')).json;
    expect(health.queue).toMatchObject({ failed: 0 });
    const item = (await demo.api('GET', '/v1/queue?limit=5')).json.items.find(
      (i: { refundId?: string }) => i.refundId === refundId,
    );
    expect(item).toMatchObject({ state: 'FAILED', resolution: expect.stringContaining('REFUSED') });
    expect((await demo.api('GET', `/v1/refunds/${refundId}`)).json.state).toBe('FAILED');
  });
});

describe('a refund against the original sale', () => {
  it("refuses a card that did not pay in it, or a sale that is not closed here: CARD_NOT_IN_BASKET, the till's own check", async () => {
    const paid = newCard(sim, 5000);
    const stranger = newCard(sim, 5000);
    const { basketId } = await closedSale(3000, [{ cardNumber: paid, amountMinor: 2000 }]);
    const open = newId('open');
    await demo.api('PUT', `/v1/baskets/${open}`, {
      body: { currency: GBP, totalMinor: 100, lines: lines(100) },
    });

    const wrongCard = await postRefund(stranger, 100, basketId);
    const openSale = await postRefund(paid, 100, open);
    const noSale = await postRefund(paid, 100, 'never-sold');

    for (const r of [wrongCard, openSale, noSale]) {
      expect(r.status, r.text).toBe(422);
      expect(r.json.error.code).toBe('CARD_NOT_IN_BASKET');
    }
    expect(refundsTo(stranger)).toEqual([]);
    expect(refundsTo(paid)).toEqual([]);
  });

  it('refuses more than the card paid, less earlier refunds (REFUND_EXCEEDS_ORIGINAL); a voided refund counts again', async () => {
    const card = newCard(sim, 5000);
    const other = newCard(sim, 5000);
    const { basketId, closeRequestId } = await closedSale(4000, [
      { cardNumber: card, amountMinor: 2500 },
      { cardNumber: other, amountMinor: 1000 },
    ]);
    const refund = (amountMinor: number, refundId = newId('rf')) =>
      demo.api('POST', '/v1/refunds', {
        body: { refundId, cardNumber: card, amountMinor, currency: GBP, originalBasketId: basketId },
      });

    const tooMuch = await refund(2501);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json.error).toMatchObject({
      code: 'REFUND_EXCEEDS_ORIGINAL',
      message: expect.stringContaining('£25.00'),
      details: { refundableMinor: 2500 },
    });
    expect(refundsTo(card), "the till's own check: Centegra is not asked").toEqual([]);

    const first = await refund(1500);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ state: 'DELIVERED', originalBasketId: basketId });
    expect((refundsTo(card)[0]!.body as { originalRequestId?: string }).originalRequestId).toBe(
      closeRequestId,
    );

    const second = await refund(1001);
    expect(second.status).toBe(422);
    expect(second.json.error).toMatchObject({
      code: 'REFUND_EXCEEDS_ORIGINAL',
      message: expect.stringContaining('£10.00'),
      details: { refundableMinor: 1000 },
    });
    const rest = await refund(1000);
    expect(rest.status, rest.text).toBe(200);
    expect((await refund(1)).json.error.code).toBe('REFUND_EXCEEDS_ORIGINAL');

    // The last refund voided: its £10.00 may be refunded again.
    const voided = await demo.api('POST', `/v1/refunds/${rest.json.refundId}/void`);
    expect(voided.status, voided.text).toBe(200);
    await until(
      async () => (await demo.api('GET', `/v1/refunds/${rest.json.refundId}`)).json.state === 'VOIDED',
      'the refund voided',
    );
    expect((await refund(1000)).status).toBe(200);
    expect(ledgerSum(sim, 'REFUND', (e) => e.cardNumber === card).amountMinor).toBe(3500);
    expect(ledgerSum(sim, 'VOID', (e) => e.cardNumber === card && e.reverses === 'REFUND').amountMinor).toBe(
      1000,
    );
    expect(sim.card(card)!.balanceMinor).toBe(5000);
  });
});

describe('a refund against a sale whose close is still queued', () => {
  it('waits behind the close: Factor4 hears the close first, then the refund against it, each once', async () => {
    const card = newCard(sim, 5000);
    const basketId = newId('queued-sale');
    await demo.api('PUT', `/v1/baskets/${basketId}`, {
      body: { currency: GBP, totalMinor: 2000, lines: lines(2000) },
    });
    expect(
      (await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, { body: { cardNumber: card } })).status,
    ).toBe(200);
    sim.setFaults({ down: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: card } }); // the link learns it is down
    const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(202);

    const refund = await postRefund(card, 500, basketId);
    expect(refund.status, refund.text).toBe(202);
    expect(refund.json.state).toBe('QUEUED');
    sim.clearFaults();

    await until(
      async () => (await demo.api('GET', `/v1/refunds/${refund.json.refundId}`)).json.state === 'DELIVERED',
      'the refund delivered',
      20_000,
    );
    const books = sim
      .ledger()
      .filter((e) => e.cardNumber === card && (e.operation === 'REDEMPTION' || e.operation === 'REFUND'));
    expect(books.map((e) => [e.operation, e.amountMinor])).toEqual([
      ['REDEMPTION', 2000],
      ['REFUND', 500],
    ]);
    expect(books[1]!.originalRequestId).toBe(books[0]!.requestId);
    expect(sim.card(card)!.balanceMinor).toBe(3500);
  }, 30_000);
});

describe('POST /v1/refunds/{id}/void', () => {
  it('VOIDING, then VOIDED once Factor4 took the refund back; a refund event tells the POS', async () => {
    const card = newCard(sim, 1000);
    const refundId = newId('rf');
    const done = await demo.api('POST', '/v1/refunds', {
      body: { refundId, cardNumber: card, amountMinor: 600, currency: GBP },
    });
    expect(done.json.state).toBe('DELIVERED');
    const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
    try {
      const r = await demo.api('POST', `/v1/refunds/${refundId}/void`);

      expect(r.status, r.text).toBe(200);
      expect(['VOIDING', 'VOIDED']).toContain(r.json.state);
      await events.waitFor(
        (e) => e.event === 'refund' && e.data.refundId === refundId && e.data.state === 'VOIDED',
      );
      expect((await demo.api('GET', `/v1/refunds/${refundId}`)).json.state).toBe('VOIDED');
      const voids = sim.ledger().filter((e) => e.operation === 'VOID' && e.cardNumber === card);
      expect(voids).toEqual([
        expect.objectContaining({
          reverses: 'REFUND',
          amountMinor: 600,
          originalRequestId: refundsTo(card)[0]!.requestId,
        }),
      ]);
      expect(sim.card(card)!.balanceMinor).toBe(1000);
      expect((await demo.api('POST', `/v1/refunds/${refundId}/void`)).json.state).toBe('VOIDED');
      expect((await demo.api('POST', '/v1/refunds/no-such-refund/void')).status).toBe(404);
    } finally {
      events.close();
    }
  });
});

describe('voiding a sale that has refunds', () => {
  it('is refused (409 CONFLICT) while a refund against it stands, and allowed once that refund is voided', async () => {
    const card = newCard(sim, 5000);
    const { basketId } = await closedSale(2000, [{ cardNumber: card, amountMinor: 2000 }]);
    const refund = await postRefund(card, 500, basketId);
    expect(refund.status, refund.text).toBe(200);

    const refused = await demo.api('POST', `/v1/baskets/${basketId}/void`);

    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('CONFLICT');
    await demo.api('POST', `/v1/refunds/${refund.json.refundId}/void`);
    await until(
      async () => (await demo.api('GET', `/v1/refunds/${refund.json.refundId}`)).json.state === 'VOIDED',
      'the refund voided',
    );
    const voided = await demo.api('POST', `/v1/baskets/${basketId}/void`);
    expect(voided.status, voided.text).toBe(200);
    await until(() => sim.card(card)!.balanceMinor === 5000, 'the sale voided at Factor4');
  });

  it('is refused while a refund against it is still being voided: that void may yet fail, and the card would get the refund twice', async () => {
    const card = newCard(sim, 5000);
    const { basketId } = await closedSale(2000, [{ cardNumber: card, amountMinor: 2000 }]);
    const refund = await postRefund(card, 500, basketId);
    expect(refund.status, refund.text).toBe(200);
    // The customer spends everything on the card, the refund too, at another till.
    sim.spend(card, 3500);
    sim.setFaults({ down: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: card } }); // the link learns it is down
    const voiding = await demo.api('POST', `/v1/refunds/${refund.json.refundId}/void`);
    expect(voiding.json.state).toBe('VOIDING');

    const saleVoid = await demo.api('POST', `/v1/baskets/${basketId}/void`);

    expect(saleVoid.status, saleVoid.text).toBe(409);
    expect(saleVoid.json.error.code).toBe('CONFLICT');
    sim.clearFaults();
    // Factor4 cannot take the spent refund back: its void fails, the refund stands, and so does the sale.
    await until(
      async () => (await demo.api('GET', `/v1/refunds/${refund.json.refundId}`)).json.state === 'DELIVERED',
      'the refund void refused',
      20_000,
    );
    await until(
      async () => (await demo.api('GET', '/v1/health')).json.queue.pending === 0,
      'the queue sent',
      20_000,
    );
    expect((await demo.api('GET', `/v1/baskets/${basketId}`)).json.state).toBe('CLOSED');
    expect(ledgerSum(sim, 'VOID', (e) => e.cardNumber === card)).toEqual({ count: 0, amountMinor: 0 });
    expect(sim.card(card)!.balanceMinor).toBe(0);
  }, 40_000);
});

describe('where Centegra offers no refunds', () => {
  it('422 NOT_SUPPORTED once /status has said so: nothing recorded, nothing queued, nothing sent', async () => {
    const card = newCard(sim, 1000);
    const refundId = newId('rf');
    sim.setFaults({ noRefunds: true });
    sim.clearRequests();
    // The agent learns what Centegra offers from its /status probes.
    await until(
      () => sim.requests().filter((q) => q.path === '/status' && q.status === 200).length >= 2,
      'a /status probe after the switch (and the agent has read it: the next one follows it)',
    );

    const r = await demo.api('POST', '/v1/refunds', {
      body: { refundId, cardNumber: card, amountMinor: 500, currency: GBP },
    });

    expect(r.status, r.text).toBe(422);
    expect(r.json.error.code).toBe('NOT_SUPPORTED');
    expect((await demo.api('GET', `/v1/refunds/${refundId}`)).status).toBe(404);
    const queued = (await demo.api('GET', '/v1/queue')).json.items.filter(
      (i: { refundId?: string }) => i.refundId === refundId,
    );
    expect(queued).toEqual([]);
    expect(refundsTo(card)).toEqual([]);
    expect(sim.card(card)!.balanceMinor).toBe(1000);

    // Offered again: the next probe tells the agent, and refunds go through.
    sim.clearFaults();
    sim.clearRequests();
    await until(
      () => sim.requests().filter((q) => q.path === '/status' && q.status === 200).length >= 2,
      'a probe read',
    );
    const later = await demo.api('POST', '/v1/refunds', {
      body: { refundId: newId('rf'), cardNumber: card, amountMinor: 500, currency: GBP },
    });
    expect(later.status, later.text).toBe(200);
  });
});

describe('a Centegra that stopped offering refunds since its last /status', () => {
  let stale: Started;
  beforeAll(async () => {
    // No probe during the test: the agent still believes refunds are offered.
    stale = await startDemo({ config: { posApi: { port: 0 }, closeWaitMs: 1500 }, onlineProbeMs: 600_000 });
  });
  afterAll(async () => {
    await stale.stop();
  });

  it('the first refund meets the missing path (422 NOT_SUPPORTED); the agent then asks no more until /status lists refunds', async () => {
    const staleSim = stale.runtime.simulator!;
    const card = newCard(staleSim, 1000);
    staleSim.setFaults({ noRefunds: true });
    const refund = () =>
      stale.api('POST', '/v1/refunds', {
        body: { refundId: newId('rf'), cardNumber: card, amountMinor: 500, currency: GBP },
      });

    const first = await refund();
    const second = await refund();

    expect(first.status, first.text).toBe(422);
    expect(first.json.error.code).toBe('NOT_SUPPORTED');
    expect(second.status, second.text).toBe(422);
    expect(second.json.error.code).toBe('NOT_SUPPORTED');
    const sent = staleSim.requests().filter((q) => q.path === '/cards/refunds');
    expect(
      sent.map((q) => q.status),
      'only the first was sent',
    ).toEqual([404]);
    expect(staleSim.card(card)!.balanceMinor).toBe(1000);
  });
});
