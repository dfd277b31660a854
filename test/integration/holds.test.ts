// Holds on gift cards, as a POS meets them over real HTTP against the simulator (Centegra Plus
// 1.1): applying a card holds what it takes, so a spend at another till cannot take it before the
// close; the close captures it; removing the tender, voiding the basket, a refused close and a
// basket left untouched past holds.ttlMinutes give it back (through the queue, so a release that
// cannot be sent now is sent when Centegra is back); an older Centegra, or the offline `allow`
// policy, works as 1.0 with no hold at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEvents } from '../helpers/sse';
import {
  GBP,
  ledgerSum,
  lines,
  masked,
  newCard,
  startClockedTill,
  until,
  type ClockedTill,
} from '../helpers/money';

let n = 0;
const newBasketId = (tag: string) => `${tag}-${Date.now().toString(36)}-${++n}`;

async function openBasket(till: ClockedTill, totalMinor: number, basketId = newBasketId('h')) {
  const r = await till.api('PUT', `/v1/baskets/${basketId}`, {
    body: { currency: GBP, totalMinor, lines: lines(totalMinor) },
  });
  expect(r.status, r.text).toBe(200);
  return basketId;
}

async function apply(till: ClockedTill, basketId: string, cardNumber: string, maxAmountMinor?: number) {
  const r = await till.api('POST', `/v1/baskets/${basketId}/gift-cards`, {
    body: { cardNumber, ...(maxAmountMinor ? { maxAmountMinor } : {}) },
  });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

const holdsOf = (till: ClockedTill, basketId: string) =>
  till.sim.holds().filter((h) => h.basketId === basketId);

/** Every hold this till placed for the basket is no longer HELD at the simulator. */
const noneHeld = (till: ClockedTill, basketId: string) =>
  holdsOf(till, basketId).every((h) => h.state !== 'HELD');

describe('holds, where Centegra offers them', () => {
  let till: ClockedTill;
  beforeAll(async () => {
    till = await startClockedTill();
  });
  afterAll(async () => {
    await till.stop();
  });
  beforeEach(() => till.sim.clearFaults());

  it('applying a card holds what the tender takes: the basket shows held and holdExpiresAt, and the close captures it', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 3000);

    const basket = await apply(till, basketId, card);

    const [tender] = basket.giftCardTenders;
    expect(tender).toMatchObject({ amountMinor: 3000, held: true, holdExpiresAt: expect.any(String) });
    const [hold] = holdsOf(till, basketId);
    expect(hold).toMatchObject({ state: 'HELD', amountMinor: 3000, cardNumber: card });
    // Held until the basket has been untouched for holds.ttlMinutes (30 by default): that is when the
    // agent gives it back. Centegra is asked to keep it four times that (a basket still being worked
    // on keeps its hold), which is also the most a dead till leaves it held.
    expect(
      Date.parse(tender.holdExpiresAt) - Date.parse(basket.giftCardTenders[0].balanceCheckedAt),
    ).toBeLessThanOrEqual(30 * 60_000);
    expect(Date.parse(hold!.expiresAt)).toBeGreaterThan(Date.parse(tender.holdExpiresAt));
    const asked = sim.requests().filter((q) => q.path === '/cards/holds' && q.body);
    expect((asked.at(-1)!.body as { ttlSeconds: number }).ttlSeconds).toBe(4 * 30 * 60);
    // What the card can spend elsewhere no longer includes the held amount.
    expect(sim.card(card)!.balanceMinor).toBe(2000);

    const close = await till.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });

    expect(close.status, close.text).toBe(200);
    expect(close.json.state).toBe('DELIVERED');
    const sent = sim.requests().filter((q) => q.path === '/baskets/close' && q.body);
    expect((sent.at(-1)!.body as { tenders: Array<{ holdId?: string }> }).tenders[0]!.holdId).toBe(
      hold!.holdId,
    );
    expect(sim.hold(hold!.holdId)).toMatchObject({ state: 'CAPTURED', capturedMinor: 3000 });
    expect(close.json.basket.giftCardTenders[0].held).toBe(false);
    expect(close.json.basket.giftCardTenders[0].holdExpiresAt).toBeUndefined();
    expect(sim.card(card)!.balanceMinor).toBe(2000);
  });

  it('a card spent at another till after apply: the close still goes through, paid from the hold', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 4000);
    await apply(till, basketId, card);

    // The other till cannot take what is held; it takes all that is not.
    expect(() => sim.spend(card, 1001)).toThrow(RangeError);
    sim.spend(card, 1000);
    const close = await till.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });

    expect(close.status, close.text).toBe(200);
    expect(close.json.state).toBe('DELIVERED');
    const [hold] = holdsOf(till, basketId);
    expect(hold).toMatchObject({ state: 'CAPTURED', capturedMinor: 4000 });
    const redemptions = sim.ledger().filter((e) => e.operation === 'REDEMPTION' && e.basketId === basketId);
    expect(redemptions).toEqual([expect.objectContaining({ amountMinor: 4000, holdId: hold!.holdId })]);
    expect(ledgerSum(sim, 'HOLD_CAPTURED', (e) => e.basketId === basketId).amountMinor).toBe(4000);
    expect(ledgerSum(sim, 'SPENT_ELSEWHERE', (e) => e.cardNumber === card).amountMinor).toBe(1000);
    expect(sim.card(card)!.balanceMinor).toBe(0);
    // Nothing for a manager to settle: the sale did not fail.
    expect((await till.api('GET', '/v1/health')).json.queue.failed).toBe(0);
  });

  it('removing a tender gives its hold back, through a HOLD_RELEASE item, once', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 2500);
    const applied = await apply(till, basketId, card);

    const r = await till.api(
      'DELETE',
      `/v1/baskets/${basketId}/gift-cards/${applied.giftCardTenders[0].tenderId}`,
    );

    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ giftCardTenders: [], dueMinor: 2500 });
    await until(() => noneHeld(till, basketId), 'the hold released');
    expect(holdsOf(till, basketId).map((h) => h.state)).toEqual(['RELEASED']);
    expect(sim.card(card)!.balanceMinor).toBe(5000);
    expect(ledgerSum(sim, 'HOLD_RELEASED', (e) => e.basketId === basketId)).toEqual({
      count: 1,
      amountMinor: 2500,
    });
    const queue = (await till.api('GET', '/v1/queue')).json.items.filter(
      (i: { basketId: string }) => i.basketId === basketId,
    );
    expect(queue).toEqual([
      expect.objectContaining({
        kind: 'HOLD_RELEASE',
        state: 'DELIVERED',
        giftCardTotalMinor: 2500,
        cardNumbersMasked: [masked(card)],
      }),
    ]);
  });

  it('a lower total that takes a held card off the sale gives its hold back at once; a card kept for less keeps its hold to the close', async () => {
    const { sim } = till;
    const first = newCard(sim, 2000);
    const last = newCard(sim, 5000);
    const basketId = await openBasket(till, 4000);
    await apply(till, basketId, first);
    await apply(till, basketId, last);

    // Items come off the sale: £15.00 is left, less than the first card alone pays (£20.00).
    const r = await till.api('PUT', `/v1/baskets/${basketId}`, {
      body: { currency: GBP, totalMinor: 1500, lines: lines(1500) },
    });

    expect(r.status, r.text).toBe(200);
    expect(r.json.giftCardTenders).toEqual([
      expect.objectContaining({ cardNumberMasked: masked(first), amountMinor: 1500, held: true }),
    ]);
    const lastHold = () => holdsOf(till, basketId).find((h) => h.cardNumber === last)!;
    await until(() => lastHold().state === 'RELEASED', 'the hold of the card taken off released', 5000);
    expect(sim.card(last)!.balanceMinor).toBe(5000);
    const close = await till.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(200);
    const firstHold = holdsOf(till, basketId).find((h) => h.cardNumber === first)!;
    expect(firstHold).toMatchObject({ state: 'CAPTURED', amountMinor: 2000, capturedMinor: 1500 });
    expect(sim.card(first)!.balanceMinor).toBe(500);
  });

  it('voiding an open basket gives back the hold of every card on it', async () => {
    const { sim } = till;
    const first = newCard(sim, 1000);
    const second = newCard(sim, 9000);
    const basketId = await openBasket(till, 4000);
    await apply(till, basketId, first);
    await apply(till, basketId, second);
    expect(holdsOf(till, basketId).map((h) => [h.state, h.amountMinor])).toEqual([
      ['HELD', 1000],
      ['HELD', 3000],
    ]);

    const r = await till.api('POST', `/v1/baskets/${basketId}/void`);

    expect(r.status, r.text).toBe(200);
    expect(r.json.state).toBe('VOIDED');
    await until(() => noneHeld(till, basketId), 'both holds released');
    expect(holdsOf(till, basketId).map((h) => h.state)).toEqual(['RELEASED', 'RELEASED']);
    expect(sim.card(first)!.balanceMinor).toBe(1000);
    expect(sim.card(second)!.balanceMinor).toBe(9000);
    expect(
      sim
        .requests()
        .filter(
          (q) =>
            q.path === '/baskets/close' && q.body && (q.body as { basketId: string }).basketId === basketId,
        ),
    ).toEqual([]);
  });

  it('a release while Centegra is down is a queued HOLD_RELEASE, sent once when it is back', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 1500);
    const applied = await apply(till, basketId, card);
    sim.setFaults({ down: true });

    const r = await till.api(
      'DELETE',
      `/v1/baskets/${basketId}/gift-cards/${applied.giftCardTenders[0].tenderId}`,
    );

    expect(r.status, r.text).toBe(200);
    await until(
      () => sim.requests().some((q) => q.path === '/cards/holds/release' && q.fault === 'down'),
      'a release tried while Centegra is down',
    );
    const waiting = (await till.api('GET', '/v1/queue?state=PENDING')).json.items;
    expect(waiting).toEqual([
      expect.objectContaining({ kind: 'HOLD_RELEASE', basketId, giftCardTotalMinor: 1500 }),
    ]);
    expect(holdsOf(till, basketId).map((h) => h.state)).toEqual(['HELD']);

    sim.clearFaults();

    await until(() => noneHeld(till, basketId), 'the hold released once Centegra is back', 20_000);
    await until(
      async () => (await till.api('GET', '/v1/queue?state=PENDING')).json.items.length === 0,
      'the queue empty',
    );
    const [hold] = holdsOf(till, basketId);
    const releases = sim
      .requests()
      .filter(
        (q) => q.path === '/cards/holds/release' && (q.body as { holdId?: string })?.holdId === hold!.holdId,
      );
    expect(releases.length).toBeGreaterThanOrEqual(2);
    expect(new Set(releases.map((q) => q.requestId)).size, 'one requestId on every try').toBe(1);
    expect(ledgerSum(sim, 'HOLD_RELEASED', (e) => e.basketId === basketId)).toEqual({
      count: 1,
      amountMinor: 1500,
    });
    expect(sim.card(card)!.balanceMinor).toBe(5000);
  });

  it("a close Factor4 refuses at delivery gives the basket's holds back to the cards", async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 2000);
    await apply(till, basketId, card);
    sim.setFaults({ down: true });
    const close = await till.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(202);
    // Meanwhile the card is blocked: the queued close is refused when it reaches Factor4.
    sim.setCard({ ...sim.card(card)!, status: 'BLOCKED' });
    sim.clearFaults();

    await until(
      async () =>
        (await till.api('GET', '/v1/queue?state=FAILED')).json.items.some(
          (i: { basketId: string }) => i.basketId === basketId,
        ),
      'the close refused',
      20_000,
    );
    await until(() => noneHeld(till, basketId), 'the refused sale’s hold released');

    expect(holdsOf(till, basketId).map((h) => h.state)).toEqual(['RELEASED']);
    expect(ledgerSum(sim, 'REDEMPTION', (e) => e.basketId === basketId).count).toBe(0);
    expect(sim.card(card)!.balanceMinor).toBe(5000);
  });
});

describe('where Centegra offers no holds', () => {
  let till: ClockedTill;
  beforeAll(async () => {
    till = await startClockedTill();
  });
  afterAll(async () => {
    await till.stop();
  });

  it('an older Centegra (noHolds): no hold, no held, and the sale closes as in 1.0', async () => {
    const { sim } = till;
    sim.setFaults({ noHolds: true });
    const first = newCard(sim, 5000);
    const second = newCard(sim, 5000);
    const basketId = await openBasket(till, 4000);

    const one = await apply(till, basketId, first, 1000);
    const both = await apply(till, basketId, second);

    expect(one.giftCardTenders[0].held).toBeFalsy();
    expect(one.giftCardTenders[0].holdExpiresAt).toBeUndefined();
    expect(both.giftCardTenders.map((t: { held?: boolean }) => t.held ?? false)).toEqual([false, false]);
    expect(sim.holds()).toEqual([]);
    // The first apply found the hold path gone (404) and the agent stopped asking after it; or the
    // link's own /status (it probes on a timer) told it first, and it never asked at all.
    const asked = sim
      .requests()
      .filter((q) => q.path === '/cards/holds')
      .map((q) => q.status);
    expect(asked.length).toBeLessThanOrEqual(1);
    expect(asked.every((status) => status === 404)).toBe(true);
    const close = await till.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(200);
    const sent = sim.requests().filter((q) => q.path === '/baskets/close' && q.body);
    expect(
      (sent.at(-1)!.body as { tenders: Array<{ holdId?: string }> }).tenders.map((t) => t.holdId),
    ).toEqual([undefined, undefined]);
    expect(sim.card(first)!.balanceMinor).toBe(4000);
    expect(sim.card(second)!.balanceMinor).toBe(2000);
  });
});

describe('the offline allow policy', () => {
  let till: ClockedTill;
  beforeAll(async () => {
    till = await startClockedTill({
      config: { offline: { giftCardTender: 'allow', maxPerCardMinor: 5000, maxTotalMinor: 50_000 } },
    });
  });
  afterAll(async () => {
    await till.stop();
  });

  it('takes a card offline without a hold, and the close is delivered without one when Centegra is back', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    expect((await till.api('POST', '/v1/cards/inquiry', { body: { cardNumber: card } })).status).toBe(200);
    const basketId = await openBasket(till, 2000);
    sim.setFaults({ down: true });

    const basket = await apply(till, basketId, card);

    expect(basket.giftCardTenders[0]).toMatchObject({ offline: true, amountMinor: 2000 });
    expect(basket.giftCardTenders[0].held).toBeFalsy();
    expect(sim.requests().filter((q) => q.path === '/cards/holds')).toEqual([]);
    const close = await till.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(202);
    sim.clearFaults();
    await until(
      () => ledgerSum(sim, 'REDEMPTION', (e) => e.basketId === basketId).count === 1,
      'delivered',
      20_000,
    );
    expect(sim.holds()).toEqual([]);
    expect(sim.card(card)!.balanceMinor).toBe(3000);
  });
});

describe('a basket left untouched for holds.ttlMinutes', () => {
  let till: ClockedTill;
  const TTL_MINUTES = 5;
  beforeAll(async () => {
    // The keeper runs every minute on setInterval; the test moves the agent's clock and that timer.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    till = await startClockedTill({ config: { holds: { enabled: true, ttlMinutes: TTL_MINUTES } } });
  });
  afterAll(async () => {
    await till.stop();
    vi.useRealTimers();
  });

  it('lapses: its held tenders come off, a basket event tells the POS, and the holds go back; a basket touched meanwhile keeps its own', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const other = newCard(sim, 5000);
    const idle = await openBasket(till, 3000);
    const busy = await openBasket(till, 1000);
    await apply(till, idle, card);
    await apply(till, busy, other);
    const events = await openEvents(till.port, till.token);
    try {
      till.clock.advance((TTL_MINUTES - 1) * 60_000);
      // The cashier adds a line to the busy basket: it is touched, so its clock starts again.
      const touched = await till.api('PUT', `/v1/baskets/${busy}`, {
        body: { currency: GBP, totalMinor: 1200, lines: lines(1000, 200) },
      });
      expect(touched.status, touched.text).toBe(200);
      till.clock.advance(2 * 60_000);

      vi.advanceTimersByTime(60_000);

      const lapsed = await events.waitFor(
        (e) => e.event === 'basket' && e.data.basketId === idle && e.data.giftCardTenders.length === 0,
      );
      expect(lapsed.data).toMatchObject({ state: 'OPEN', dueMinor: 3000, giftCardTotalMinor: 0 });
      await until(() => noneHeld(till, idle), 'the idle basket’s hold released');
      expect(holdsOf(till, idle).map((h) => h.state)).toEqual(['RELEASED']);
      expect(sim.card(card)!.balanceMinor).toBe(5000);
      expect((await till.api('GET', `/v1/baskets/${idle}`)).json.giftCardTenders).toEqual([]);
      // The basket touched two minutes ago still holds its card.
      expect(holdsOf(till, busy).map((h) => h.state)).toEqual(['HELD']);
      expect((await till.api('GET', `/v1/baskets/${busy}`)).json.giftCardTenders[0].held).toBe(true);
    } finally {
      events.close();
    }
  });

  it('worked on for longer than Centegra keeps a hold: the tender comes off before the hold runs out, never shown held once it has', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 2000);
    const applied = await apply(till, basketId, card);
    // Centegra keeps the hold four times holds.ttlMinutes (20 minutes here); the cashier touches the
    // basket every 4 minutes, so it is never untouched for 5.
    const centegraLetsGo = Date.parse(applied.giftCardTenders[0].balanceCheckedAt) + 4 * TTL_MINUTES * 60_000;
    for (let minute = 4; ; minute += 4) {
      till.clock.advance(4 * 60_000);
      const touched = await till.api('PUT', `/v1/baskets/${basketId}`, {
        body: { currency: GBP, totalMinor: 2000 + minute, lines: lines(2000, minute) },
      });
      expect(touched.status, touched.text).toBe(200);
      vi.advanceTimersByTime(60_000);
      const now = till.clock.now().getTime();
      const basket = (await till.api('GET', `/v1/baskets/${basketId}`)).json;
      const [tender] = basket.giftCardTenders;
      if (!tender) {
        // Taken off within the keeper's minute before Centegra would have let the hold go.
        expect(now).toBeGreaterThanOrEqual(centegraLetsGo - 60_000);
        break;
      }
      expect(now, 'still on the sale after Centegra let its hold go').toBeLessThan(centegraLetsGo);
      expect(tender.held).toBe(true);
      expect(Date.parse(tender.holdExpiresAt)).toBeLessThanOrEqual(centegraLetsGo);
      if (minute > 40) throw new Error('the tender never came off');
    }
    await until(() => noneHeld(till, basketId), 'its hold given back');
    expect(sim.card(card)!.balanceMinor).toBe(5000);
  });

  it('is never shown past its holdExpiresAt still on the sale: the first POS call after it lapses it, the keeper a minute away or not', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const other = newCard(sim, 5000);
    const idle = await openBasket(till, 2500);
    const closing = await openBasket(till, 1800);
    await apply(till, idle, card);
    const applied = await apply(till, closing, other);
    // The later of the two promised moments (the idle basket's is a little earlier).
    const promised = Date.parse(applied.giftCardTenders[0].holdExpiresAt);
    const events = await openEvents(till.port, till.token);
    try {
      // To that moment; the keeper's minute does not come round (its timer is not moved).
      till.clock.advance(promised - till.clock.now().getTime());
      const read = await till.api('GET', `/v1/baskets/${idle}`);
      expect(read.json).toMatchObject({ state: 'OPEN', giftCardTenders: [], dueMinor: 2500 });
      await events.waitFor(
        (e) => e.event === 'basket' && e.data.basketId === idle && e.data.giftCardTenders.length === 0,
      );
      await until(() => noneHeld(till, idle), 'its hold released');
      expect(sim.card(card)!.balanceMinor).toBe(5000);
      // A close sent then finds the card gone (not a capture of a hold the POS was told had lapsed).
      const close = await till.api('POST', `/v1/baskets/${closing}/close`, {
        body: { otherTenders: [] },
      });
      expect(close.status, close.text).toBeGreaterThanOrEqual(400);
      expect((await till.api('GET', `/v1/baskets/${closing}`)).json).toMatchObject({
        state: 'OPEN',
        giftCardTenders: [],
      });
      await until(() => noneHeld(till, closing), 'the other basket’s hold released');
      expect(sim.card(other)!.balanceMinor).toBe(5000);
    } finally {
      events.close();
    }
  });

  it('that lapsed while the agent was stopped: released at start-up', async () => {
    const { sim } = till;
    const card = newCard(sim, 5000);
    const basketId = await openBasket(till, 2500);
    await apply(till, basketId, card);

    await till.restart(() => till.clock.advance((TTL_MINUTES + 1) * 60_000));

    await until(() => noneHeld(till, basketId), 'the hold released after the restart');
    expect(holdsOf(till, basketId).map((h) => h.state)).toEqual(['RELEASED']);
    const basket = (await till.api('GET', `/v1/baskets/${basketId}`)).json;
    expect(basket).toMatchObject({ state: 'OPEN', giftCardTenders: [], dueMinor: 2500 });
    expect(sim.card(card)!.balanceMinor).toBe(5000);
  });
});
