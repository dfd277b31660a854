// Centegra Plus 1.1 as the simulator plays it, over real HTTP on 127.0.0.1: capabilities and
// their switches, holds (place, lapse, release, capture at close), refunds against a close,
// voids of refunds, Centegra's own maintenance, a spend at another till, the clock and the books.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startSimulator, type Simulator } from '../../main/centegra-sim/index';
import {
  ACTIVE_50,
  ACTIVE_250,
  BLOCKED,
  call,
  errorOf,
  EXPIRED,
  INACTIVE,
  PIN_CARD,
  simDispatcher as dispatcher,
  till,
  type Reply,
} from '../helpers/sim-http';

const api = (path: string, body?: unknown, options?: { apiKey?: string | null }) =>
  call(`${sim.baseUrl}${path}`, body, options);
const admin = (path: string, body?: unknown) => call(`${sim.origin}/__sim${path}`, body, { apiKey: null });

const codeOf = (reply: Reply) => [reply.status, errorOf(reply).code];

interface HoldView {
  holdId: string;
  cardNumber: string;
  state: string;
  amount: { amountMinor: number; currency: string };
  balanceAfter: { amountMinor: number; currency: string };
  expiresAt: string;
}
interface Tx {
  kind: string;
  cardNumber: string;
  amount: { amountMinor: number };
  balanceAfter: { amountMinor: number };
  holdId?: string;
}

const holding = (
  requestId: string,
  cardNumber: string,
  amountMinor: number,
  more: { basketId?: string; pin?: string; ttlSeconds?: number } = {},
) => ({
  requestId,
  till,
  basketId: more.basketId ?? 'B-1',
  card: { cardNumber, ...(more.pin ? { pin: more.pin } : {}) },
  amount: { amountMinor, currency: 'GBP' },
  ...(more.ttlSeconds !== undefined ? { ttlSeconds: more.ttlSeconds } : {}),
});
const releasing = (requestId: string, holdId: string) => ({ requestId, till, holdId });

type TenderIn = {
  kind: 'GIFT_CARD' | 'CARD' | 'CASH' | 'OTHER';
  amountMinor: number;
  card?: { cardNumber: string; pin?: string };
  holdId?: string;
};
const gift = (cardNumber: string, amountMinor: number, holdId?: string): TenderIn => ({
  kind: 'GIFT_CARD',
  amountMinor,
  card: { cardNumber },
  ...(holdId ? { holdId } : {}),
});
function basket(requestId: string, tenders: TenderIn[], basketId = 'B-1') {
  const totalMinor = tenders.reduce((s, t) => s + t.amountMinor, 0);
  return {
    requestId,
    till,
    basketId,
    closedAt: '2026-03-01T10:15:00Z',
    currency: 'GBP',
    totalMinor,
    lines: [
      {
        sku: 'MUG-1',
        description: 'Mug',
        quantity: 1,
        unitPriceMinor: totalMinor,
        lineTotalMinor: totalMinor,
      },
    ],
    tenders,
  };
}
const refunding = (
  requestId: string,
  cardNumber: string,
  amountMinor: number,
  originalRequestId?: string,
) => ({
  requestId,
  till,
  refundId: `R-${requestId}`,
  card: { cardNumber },
  amount: { amountMinor, currency: 'GBP' },
  ...(originalRequestId ? { originalRequestId } : {}),
  reason: 'returned',
});
const voiding = (requestId: string, originalRequestId: string) => ({ requestId, till, originalRequestId });

async function placeHold(body: ReturnType<typeof holding>): Promise<HoldView> {
  const reply = await api('/cards/holds', body);
  expect(reply.status, reply.text).toBe(200);
  return reply.body as HoldView;
}
const balance = (cardNumber: string) => sim.card(cardNumber)?.balanceMinor;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ quiet: true });
});
afterAll(async () => {
  await sim.close();
  await dispatcher.close();
});
beforeEach(() => sim.reset());

describe('capabilities', () => {
  it('/status lists HOLDS and REFUNDS', async () => {
    expect((await api('/status')).body).toMatchObject({ capabilities: ['HOLDS', 'REFUNDS'] });
  });

  it('noHolds: not listed, and the hold paths answer 404 as a 1.0 Centegra would; refunds still work', async () => {
    sim.setFaults({ noHolds: true });
    expect((await api('/status')).body).toMatchObject({ capabilities: ['REFUNDS'] });
    expect(codeOf(await api('/cards/holds', holding('h1', ACTIVE_50, 100)))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await api('/cards/holds/release', releasing('r1', 'H-1')))).toEqual([404, 'NOT_FOUND']);
    expect((await api('/cards/refunds', refunding('f1', ACTIVE_50, 100))).status).toBe(200);
    expect(balance(ACTIVE_50)).toBe(5100);
    expect(sim.requests().map((r) => [r.path, r.status, r.fault])).toEqual([
      ['/status', 200, undefined],
      ['/cards/holds', 404, 'no-holds'],
      ['/cards/holds/release', 404, 'no-holds'],
      ['/cards/refunds', 200, undefined],
    ]);
  });

  it('noRefunds: not listed, /cards/refunds answers 404, holds still work', async () => {
    sim.setFaults({ noRefunds: true });
    expect((await api('/status')).body).toMatchObject({ capabilities: ['HOLDS'] });
    expect(codeOf(await api('/cards/refunds', refunding('f1', ACTIVE_50, 100)))).toEqual([404, 'NOT_FOUND']);
    expect(balance(ACTIVE_50)).toBe(5000);
    expect((await api('/cards/holds', holding('h1', ACTIVE_50, 100))).status).toBe(200);
  });

  it('both off: an empty list; the switches are not limited by `paths`', async () => {
    sim.setFaults({ noHolds: true, noRefunds: true, paths: ['/baskets/close'] });
    expect((await api('/status')).body).toMatchObject({ capabilities: [] });
    expect((await api('/cards/holds', holding('h1', ACTIVE_50, 100))).status).toBe(404);
  });

  it('the switches are faults like the others: over the admin API, and cleared by reset', async () => {
    const reply = await request(`${sim.origin}/__sim/faults`, {
      dispatcher,
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ noRefunds: true }),
    });
    expect(await reply.body.json()).toMatchObject({ noHolds: false, noRefunds: true });
    sim.reset();
    expect(sim.faults()).toMatchObject({ noHolds: false, noRefunds: false });
  });
});

describe('centegraUnavailable (Centegra itself in maintenance)', () => {
  it('answers 503 CENTEGRA_UNAVAILABLE with Retry-After on every path, before the key, applying nothing', async () => {
    sim.setFaults({ centegraUnavailable: { retryAfterS: 120 } });
    for (const [path, body] of [
      ['/status', undefined],
      ['/cards/holds', holding('h1', ACTIVE_50, 100)],
      ['/baskets/close', basket('c1', [gift(ACTIVE_50, 100)])],
      ['/cards/refunds', refunding('f1', ACTIVE_50, 100)],
    ] as const) {
      const reply = await api(path, body);
      expect(codeOf(reply), path).toEqual([503, 'CENTEGRA_UNAVAILABLE']);
      expect(reply.headers['retry-after']).toBe('120');
    }
    expect(codeOf(await api('/status', undefined, { apiKey: 'wrong' }))).toEqual([
      503,
      'CENTEGRA_UNAVAILABLE',
    ]);
    expect(balance(ACTIVE_50)).toBe(5000);
    expect(sim.applied().size).toBe(0);
    sim.setFaults({ centegraUnavailable: null });
    expect((await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 100)]))).status).toBe(200);
  });
});

describe('POST /cards/holds', () => {
  it('holds part of what the card can spend, for ttlSeconds (1800 by default)', async () => {
    const before = sim.now().getTime();
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    expect(hold).toMatchObject({
      cardNumber: ACTIVE_50,
      state: 'HELD',
      amount: { amountMinor: 3000, currency: 'GBP' },
      balanceAfter: { amountMinor: 2000, currency: 'GBP' },
    });
    const expiresAtMs = Date.parse(hold.expiresAt);
    expect(expiresAtMs - before).toBeGreaterThanOrEqual(1800_000);
    expect(expiresAtMs - before).toBeLessThan(1805_000);
    // An inquiry tells what the card can spend: the held money is not in it.
    const inquiry = await api('/cards/inquiry', { till, card: { cardNumber: ACTIVE_50 } });
    expect(inquiry.body).toMatchObject({ balance: { amountMinor: 2000 } });

    const short = await placeHold(holding('h2', ACTIVE_250, 100, { ttlSeconds: 60 }));
    expect(Date.parse(short.expiresAt) - sim.now().getTime()).toBeLessThanOrEqual(60_000);
    expect(sim.hold(hold.holdId)).toMatchObject({ state: 'HELD', basketId: 'B-1', requestId: 'h1' });
  });

  it('is idempotent by requestId: the same hold again, replayed, held once; another body is a conflict', async () => {
    const first = await api('/cards/holds', holding('h1', ACTIVE_50, 1000));
    const again = await api('/cards/holds', holding('h1', ACTIVE_50, 1000));
    expect([again.status, again.headers['idempotent-replayed'], again.text]).toEqual([
      200,
      'true',
      first.text,
    ]);
    expect(balance(ACTIVE_50)).toBe(4000);
    expect(sim.holds()).toHaveLength(1);
    expect(sim.applied().get('h1')).toEqual({ operation: 'hold', count: 1 });
    expect(codeOf(await api('/cards/holds', holding('h1', ACTIVE_50, 2000)))).toEqual([
      409,
      'IDEMPOTENCY_CONFLICT',
    ]);
  });

  it('INSUFFICIENT_FUNDS with availableMinor when short (other holds count), holding nothing', async () => {
    await placeHold(holding('h1', ACTIVE_50, 4000));
    const short = await api('/cards/holds', holding('h2', ACTIVE_50, 1001, { basketId: 'B-2' }));
    expect(codeOf(short)).toEqual([422, 'INSUFFICIENT_FUNDS']);
    expect(errorOf(short).details).toMatchObject({ availableMinor: 1000 });
    expect(balance(ACTIVE_50)).toBe(1000);
    expect(sim.holds()).toHaveLength(1);
  });

  it('CARD_NOT_ACTIVE for INACTIVE, BLOCKED and EXPIRED; CARD_NOT_FOUND for an unknown card or a wrong PIN, PIN_REQUIRED for a missing one', async () => {
    for (const card of [INACTIVE, BLOCKED, EXPIRED]) {
      expect(codeOf(await api('/cards/holds', holding(`h-${card}`, card, 1)))).toEqual([
        422,
        'CARD_NOT_ACTIVE',
      ]);
    }
    expect(codeOf(await api('/cards/holds', holding('h1', '6280399999999999', 1)))).toEqual([
      404,
      'CARD_NOT_FOUND',
    ]);
    expect(codeOf(await api('/cards/holds', holding('h2', PIN_CARD, 1)))).toEqual([422, 'PIN_REQUIRED']);
    expect(codeOf(await api('/cards/holds', holding('h3', PIN_CARD, 1, { pin: '9999' })))).toEqual([
      404,
      'CARD_NOT_FOUND',
    ]);
    expect((await api('/cards/holds', holding('h4', PIN_CARD, 1, { pin: '1234' }))).status).toBe(200);
  });

  it.each([
    ['ttlSeconds under 60', holding('h1', ACTIVE_50, 1, { ttlSeconds: 59 }), 'ttlSeconds'],
    ['ttlSeconds over a day', holding('h1', ACTIVE_50, 1, { ttlSeconds: 86_401 }), 'ttlSeconds'],
    ['no basketId', { ...holding('h1', ACTIVE_50, 1), basketId: undefined }, 'basketId'],
    ['a zero amount', holding('h1', ACTIVE_50, 0), 'amountMinor'],
  ])('refuses %s with 400', async (_what, body, field) => {
    const reply = await api('/cards/holds', body);
    expect(codeOf(reply)).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(reply).message).toContain(field);
    expect(balance(ACTIVE_50)).toBe(5000);
  });

  it('lapses by itself at expiresAt on the simulator clock: EXPIRED, and the money is back', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000, { ttlSeconds: 60 }));
    sim.advanceClock(59_000);
    expect(sim.hold(hold.holdId)?.state).toBe('HELD');
    expect(balance(ACTIVE_50)).toBe(2000);
    sim.advanceClock(1_000);
    expect(sim.hold(hold.holdId)?.state).toBe('EXPIRED');
    expect(balance(ACTIVE_50)).toBe(5000);
    const release = await api('/cards/holds/release', releasing('r1', hold.holdId));
    expect(release.status).toBe(200);
    expect(release.body).toMatchObject({ state: 'EXPIRED', balanceAfter: { amountMinor: 5000 } });
    expect(balance(ACTIVE_50)).toBe(5000);
  });
});

describe('POST /cards/holds/release', () => {
  it('gives the money back (RELEASED); again answers RELEASED without crediting twice', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    const first = await api('/cards/holds/release', releasing('r1', hold.holdId));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      holdId: hold.holdId,
      state: 'RELEASED',
      balanceAfter: { amountMinor: 5000 },
    });
    const replayed = await api('/cards/holds/release', releasing('r1', hold.holdId));
    expect([replayed.headers['idempotent-replayed'], replayed.text]).toEqual(['true', first.text]);
    const another = await api('/cards/holds/release', releasing('r2', hold.holdId));
    expect(another.status).toBe(200);
    expect(another.body).toMatchObject({ state: 'RELEASED' });
    expect(balance(ACTIVE_50)).toBe(5000);
    expect(sim.applied().get('r1')).toEqual({ operation: 'release', count: 1 });
    expect(sim.applied().has('r2')).toBe(false); // nothing changed
  });

  it('404 HOLD_NOT_FOUND for a hold Centegra never gave', async () => {
    const reply = await api('/cards/holds/release', releasing('r1', 'H-999999'));
    expect(codeOf(reply)).toEqual([404, 'HOLD_NOT_FOUND']);
  });

  it('409 HOLD_CAPTURED for a hold a close took', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    expect((await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000, hold.holdId)]))).status).toBe(
      200,
    );
    const reply = await api('/cards/holds/release', releasing('r1', hold.holdId));
    expect(codeOf(reply)).toEqual([409, 'HOLD_CAPTURED']);
    expect(balance(ACTIVE_50)).toBe(2000);
    // Kept like any business answer: the same release again says the same.
    expect(
      (await api('/cards/holds/release', releasing('r1', hold.holdId))).headers['idempotent-replayed'],
    ).toBe('true');
  });
});

describe('spending at another till (the admin control)', () => {
  it('spends only what is not held, so a hold protects the sale', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 4000));
    expect(sim.spend(ACTIVE_50, 1000)).toMatchObject({ balanceMinor: 0 });
    expect(() => sim.spend(ACTIVE_50, 1)).toThrow(RangeError);
    const close = await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 4000, hold.holdId)]));
    expect(close.status).toBe(200);
    expect(balance(ACTIVE_50)).toBe(0);
  });

  it('without a hold the other till wins, and the close meets INSUFFICIENT_FUNDS', async () => {
    sim.spend(ACTIVE_50, 2000);
    const close = await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 4000)]));
    expect(codeOf(close)).toEqual([422, 'INSUFFICIENT_FUNDS']);
    expect(errorOf(close).details).toMatchObject({ availableMinor: 3000 });
  });

  it('over HTTP: POST /__sim/spend, refusing an unknown, inactive or short card', async () => {
    await placeHold(holding('h1', ACTIVE_50, 4500));
    const spent = await admin('/spend', { cardNumber: ACTIVE_50, amountMinor: 400 });
    expect([spent.status, (spent.body as { balanceMinor: number }).balanceMinor]).toEqual([200, 100]);
    const short = await admin('/spend', { cardNumber: ACTIVE_50, amountMinor: 101 });
    expect(codeOf(short)).toEqual([422, 'INSUFFICIENT_FUNDS']);
    expect(errorOf(short).details).toEqual({ availableMinor: 100 });
    expect(codeOf(await admin('/spend', { cardNumber: BLOCKED, amountMinor: 1 }))).toEqual([
      422,
      'CARD_NOT_ACTIVE',
    ]);
    expect(codeOf(await admin('/spend', { cardNumber: '6280399999999999', amountMinor: 1 }))).toEqual([
      404,
      'CARD_NOT_FOUND',
    ]);
    expect(codeOf(await admin('/spend', { cardNumber: ACTIVE_50, amountMinor: 0.5 }))).toEqual([
      400,
      'BAD_REQUEST',
    ]);
    expect(balance(ACTIVE_50)).toBe(100);
    // The other till is not this API: only the hold was a request to it.
    expect(sim.requests().map((r) => r.path)).toEqual(['/cards/holds']);
  });
});

describe('POST /baskets/close with holdId (HoldRedemption)', () => {
  it('takes the tender from the hold, releases the rest, and the REDEMPTION names the hold', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    const close = await api(
      '/baskets/close',
      basket('c1', [gift(ACTIVE_50, 2500, hold.holdId), { kind: 'CASH', amountMinor: 100 }]),
    );
    expect(close.status).toBe(200);
    const [redemption] = (close.body as { transactions: Tx[] }).transactions;
    expect(redemption).toMatchObject({
      kind: 'REDEMPTION',
      amount: { amountMinor: 2500 },
      holdId: hold.holdId,
      balanceAfter: { amountMinor: 2500 },
    });
    expect(balance(ACTIVE_50)).toBe(2500);
    expect(sim.hold(hold.holdId)).toMatchObject({ state: 'CAPTURED', capturedMinor: 2500 });
  });

  it('a released hold guarantees nothing: redeemed from the balance, no holdId on the transaction', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    await api('/cards/holds/release', releasing('r1', hold.holdId));
    const close = await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000, hold.holdId)]));
    expect(close.status).toBe(200);
    const [redemption] = (close.body as { transactions: Tx[] }).transactions;
    expect(redemption?.holdId).toBeUndefined();
    expect(balance(ACTIVE_50)).toBe(2000);
    expect(sim.hold(hold.holdId)?.state).toBe('RELEASED');
  });

  it('an expired hold guarantees nothing: the close may meet INSUFFICIENT_FUNDS, redeeming nothing', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 4000, { ttlSeconds: 60 }));
    sim.advanceClock(60_000);
    sim.spend(ACTIVE_50, 2000);
    const close = await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 4000, hold.holdId)]));
    expect(codeOf(close)).toEqual([422, 'INSUFFICIENT_FUNDS']);
    expect(errorOf(close).details).toMatchObject({ availableMinor: 3000 });
    expect(balance(ACTIVE_50)).toBe(3000);
  });

  it('all or none: a failing tender leaves the hold standing', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    const close = await api(
      '/baskets/close',
      basket('c1', [gift(ACTIVE_50, 3000, hold.holdId), gift(BLOCKED, 100)]),
    );
    expect(codeOf(close)).toEqual([422, 'CARD_NOT_ACTIVE']);
    expect(sim.hold(hold.holdId)?.state).toBe('HELD');
    expect(balance(ACTIVE_50)).toBe(2000);
  });

  it('a hold and the balance of the same card in one basket', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 1000));
    const close = await api(
      '/baskets/close',
      basket('c1', [gift(ACTIVE_50, 1000, hold.holdId), gift(ACTIVE_50, 4000)]),
    );
    expect(close.status).toBe(200);
    expect(balance(ACTIVE_50)).toBe(0);
    const over = await placeHold(holding('h2', ACTIVE_250, 1000, { basketId: 'B-2' }));
    const tooMuch = await api(
      '/baskets/close',
      basket('c2', [gift(ACTIVE_250, 1000, over.holdId), gift(ACTIVE_250, 24_001)], 'B-2'),
    );
    expect(codeOf(tooMuch)).toEqual([422, 'INSUFFICIENT_FUNDS']);
  });

  it.each([
    [
      'more than the hold',
      (h: string) => [gift(ACTIVE_50, 3001, h)],
      'B-1',
      [400, 'BAD_REQUEST'],
      'amountMinor',
    ],
    [
      'a hold on another card',
      (h: string) => [gift(ACTIVE_250, 100, h)],
      'B-1',
      [400, 'BAD_REQUEST'],
      'holdId',
    ],
    [
      'a hold for another basket',
      (h: string) => [gift(ACTIVE_50, 100, h)],
      'B-9',
      [400, 'BAD_REQUEST'],
      'basket',
    ],
    [
      'the same hold twice',
      (h: string) => [gift(ACTIVE_50, 100, h), gift(ACTIVE_50, 100, h)],
      'B-1',
      [400, 'BAD_REQUEST'],
      'holdId',
    ],
    [
      'a holdId on a CASH tender',
      (h: string) => [{ kind: 'CASH' as const, amountMinor: 100, holdId: h }],
      'B-1',
      [400, 'BAD_REQUEST'],
      'holdId',
    ],
    ['an unknown hold', () => [gift(ACTIVE_50, 100, 'H-999999')], 'B-1', [404, 'HOLD_NOT_FOUND'], 'H-999999'],
  ] as const)('refuses %s, taking nothing', async (_what, tenders, basketId, code, mentions) => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    const reply = await api('/baskets/close', basket('c1', [...tenders(hold.holdId)], basketId));
    expect(codeOf(reply)).toEqual(code);
    expect(errorOf(reply).message).toContain(mentions);
    expect(sim.hold(hold.holdId)?.state).toBe('HELD');
    expect([balance(ACTIVE_50), balance(ACTIVE_250)]).toEqual([2000, 25_000]);
  });

  it('409 HOLD_CAPTURED for a hold another close already took', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    expect((await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000, hold.holdId)]))).status).toBe(
      200,
    );
    const second = await api('/baskets/close', basket('c2', [gift(ACTIVE_50, 1000, hold.holdId)]));
    expect(codeOf(second)).toEqual([409, 'HOLD_CAPTURED']);
    expect(balance(ACTIVE_50)).toBe(2000);
  });

  it('voiding the close gives the captured amount back to what the card can spend', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 3000));
    await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 2000, hold.holdId)]));
    expect(balance(ACTIVE_50)).toBe(3000);
    const voided = await api('/transactions/void', voiding('v1', 'c1'));
    expect((voided.body as { transactions: Tx[] }).transactions).toMatchObject([
      { kind: 'VOID', amount: { amountMinor: 2000 }, balanceAfter: { amountMinor: 5000 } },
    ]);
    expect(sim.hold(hold.holdId)?.state).toBe('CAPTURED');
  });
});

describe('1.1 basket lines', () => {
  it('wants at least one line, and lines that add up to the total', async () => {
    const empty = await api('/baskets/close', { ...basket('c1', [gift(ACTIVE_50, 100)]), lines: [] });
    expect(codeOf(empty)).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(empty).message).toContain('lines: must NOT have fewer than 1 items');
    const close = basket('c3', [gift(ACTIVE_50, 100)]);
    const off = { ...close, lines: close.lines.map((l) => ({ ...l, lineTotalMinor: 99 })) };
    const offReply = await api('/baskets/close', off);
    expect(codeOf(offReply)).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(offReply).message).toContain('lineTotalMinor adds up to 99');
    expect(balance(ACTIVE_50)).toBe(5000);
  });
});

describe('POST /cards/refunds (Adjustment)', () => {
  it('puts money back on a card and answers a REFUND transaction; idempotent by requestId', async () => {
    const first = await api('/cards/refunds', refunding('f1', ACTIVE_50, 750));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      kind: 'REFUND',
      cardNumber: ACTIVE_50,
      amount: { amountMinor: 750 },
      balanceAfter: { amountMinor: 5750 },
    });
    const again = await api('/cards/refunds', refunding('f1', ACTIVE_50, 750));
    expect([again.headers['idempotent-replayed'], again.text]).toEqual(['true', first.text]);
    expect(balance(ACTIVE_50)).toBe(5750);
    expect(sim.applied().get('f1')).toEqual({ operation: 'refund', count: 1 });
    expect(codeOf(await api('/cards/refunds', refunding('f1', ACTIVE_50, 751)))).toEqual([
      409,
      'IDEMPOTENCY_CONFLICT',
    ]);
  });

  it('against a close: at most what that close took from the card, less earlier refunds', async () => {
    await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000), gift(ACTIVE_250, 500)]));
    expect((await api('/cards/refunds', refunding('f1', ACTIVE_50, 1000, 'c1'))).status).toBe(200);
    const over = await api('/cards/refunds', refunding('f2', ACTIVE_50, 2001, 'c1'));
    expect(codeOf(over)).toEqual([422, 'REFUND_EXCEEDS_ORIGINAL']);
    expect(errorOf(over).details).toMatchObject({ refundableMinor: 2000 });
    expect((await api('/cards/refunds', refunding('f3', ACTIVE_50, 2000, 'c1'))).status).toBe(200);
    const none = await api('/cards/refunds', refunding('f4', ACTIVE_50, 1, 'c1'));
    expect(errorOf(none).details).toMatchObject({ refundableMinor: 0 });
    // Per card: the other card's share is its own.
    expect(
      errorOf(await api('/cards/refunds', refunding('f5', ACTIVE_250, 501, 'c1'))).details,
    ).toMatchObject({
      refundableMinor: 500,
    });
    expect([balance(ACTIVE_50), balance(ACTIVE_250)]).toEqual([5000, 24_500]);
  });

  it('a card that paid nothing in that close may get nothing back against it', async () => {
    await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000)]));
    const reply = await api('/cards/refunds', refunding('f1', ACTIVE_250, 1, 'c1'));
    expect(codeOf(reply)).toEqual([422, 'REFUND_EXCEEDS_ORIGINAL']);
    expect(errorOf(reply).details).toMatchObject({ refundableMinor: 0 });
  });

  it('404 TRANSACTION_NOT_FOUND for an originalRequestId that is no basket close', async () => {
    await api('/cards/issuance', {
      requestId: 'i1',
      till,
      card: { cardNumber: ACTIVE_50 },
      amount: { amountMinor: 100, currency: 'GBP' },
    });
    for (const original of ['never-sent', 'i1']) {
      expect(codeOf(await api('/cards/refunds', refunding(`f-${original}`, ACTIVE_50, 1, original)))).toEqual(
        [404, 'TRANSACTION_NOT_FOUND'],
      );
    }
    expect(balance(ACTIVE_50)).toBe(5100);
  });

  it('CARD_NOT_ACTIVE for BLOCKED and EXPIRED, CARD_NOT_FOUND for an unknown card; an INACTIVE card is activated', async () => {
    for (const card of [BLOCKED, EXPIRED]) {
      expect(codeOf(await api('/cards/refunds', refunding(`f-${card}`, card, 100)))).toEqual([
        422,
        'CARD_NOT_ACTIVE',
      ]);
    }
    expect(codeOf(await api('/cards/refunds', refunding('f1', '6280399999999999', 100)))).toEqual([
      404,
      'CARD_NOT_FOUND',
    ]);
    expect((await api('/cards/refunds', refunding('f2', INACTIVE, 100))).status).toBe(200);
    expect(sim.card(INACTIVE)).toMatchObject({ status: 'ACTIVE', balanceMinor: 100 });
    // ... and voiding that refund sets it back, as for an issuance that activated it.
    expect((await api('/transactions/void', voiding('v1', 'f2'))).status).toBe(200);
    expect(sim.card(INACTIVE)).toMatchObject({ status: 'INACTIVE', balanceMinor: 0 });
  });

  it('a voided close leaves nothing to refund against it', async () => {
    await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000)]));
    await api('/transactions/void', voiding('v1', 'c1'));
    expect(errorOf(await api('/cards/refunds', refunding('f1', ACTIVE_50, 1, 'c1'))).details).toMatchObject({
      refundableMinor: 0,
    });
  });
});

describe('POST /transactions/void of a refund', () => {
  it('takes the refund back, once, and its amount counts as refundable again', async () => {
    await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 3000)]));
    await api('/cards/refunds', refunding('f1', ACTIVE_50, 3000, 'c1'));
    expect(balance(ACTIVE_50)).toBe(5000);
    const voided = await api('/transactions/void', voiding('v1', 'f1'));
    expect(voided.status).toBe(200);
    expect((voided.body as { transactions: Tx[] }).transactions).toMatchObject([
      { kind: 'VOID', amount: { amountMinor: 3000 }, balanceAfter: { amountMinor: 2000 } },
    ]);
    expect(codeOf(await api('/transactions/void', voiding('v2', 'f1')))).toEqual([409, 'ALREADY_VOIDED']);
    expect((await api('/cards/refunds', refunding('f2', ACTIVE_50, 3000, 'c1'))).status).toBe(200);
    expect(balance(ACTIVE_50)).toBe(5000);
  });

  it('refuses to void a refund already spent (INSUFFICIENT_FUNDS), changing nothing', async () => {
    await api('/cards/refunds', refunding('f1', ACTIVE_50, 1000));
    sim.spend(ACTIVE_50, 5500);
    expect(codeOf(await api('/transactions/void', voiding('v1', 'f1')))).toEqual([422, 'INSUFFICIENT_FUNDS']);
    expect(balance(ACTIVE_50)).toBe(500);
  });
});

describe('the books: what Centegra confirmed', () => {
  it('one entry per amount moved, and totals per operation a day report can compare with', async () => {
    const h1 = await placeHold(holding('h1', ACTIVE_50, 3000));
    await api('/baskets/close', basket('c1', [gift(ACTIVE_50, 2500, h1.holdId), gift(ACTIVE_250, 1000)]));
    const h2 = await placeHold(holding('h2', ACTIVE_250, 500, { basketId: 'B-2' }));
    await api('/cards/holds/release', releasing('r1', h2.holdId));
    await placeHold(holding('h3', ACTIVE_250, 200, { basketId: 'B-3', ttlSeconds: 60 }));
    await api('/cards/issuance', {
      requestId: 'i1',
      till,
      card: { cardNumber: INACTIVE },
      amount: { amountMinor: 2000, currency: 'GBP' },
    });
    await api('/cards/refunds', refunding('f1', ACTIVE_250, 400, 'c1'));
    await api('/cards/refunds', refunding('f2', ACTIVE_50, 100, 'c1'));
    await api('/transactions/void', voiding('v1', 'f2'));
    await api('/transactions/void', voiding('v2', 'i1'));
    // Refusals and replays move nothing, so they are not in the books.
    await api('/cards/refunds', refunding('f1', ACTIVE_250, 400, 'c1'));
    await api('/cards/refunds', refunding('f3', ACTIVE_250, 601, 'c1'));
    sim.spend(ACTIVE_250, 50);
    sim.advanceClock(60_000);

    expect(sim.totals()).toEqual({
      ISSUANCE: { count: 1, amountMinor: 2000 },
      REDEMPTION: { count: 2, amountMinor: 3500 },
      REFUND: { count: 2, amountMinor: 500 },
      VOID: { count: 2, amountMinor: 2100 },
      HOLD_PLACED: { count: 3, amountMinor: 3700 },
      HOLD_CAPTURED: { count: 1, amountMinor: 2500 },
      HOLD_RELEASED: { count: 2, amountMinor: 1000 },
      HOLD_EXPIRED: { count: 1, amountMinor: 200 },
      SPENT_ELSEWHERE: { count: 1, amountMinor: 50 },
    });
    const ledger = sim.ledger();
    expect(
      ledger.filter((e) => e.operation === 'VOID').map((e) => [e.originalRequestId, e.reverses]),
    ).toEqual([
      ['f2', 'REFUND'],
      ['i1', 'ISSUANCE'],
    ]);
    expect(ledger.find((e) => e.operation === 'HOLD_RELEASED' && e.remainder)).toMatchObject({
      requestId: 'c1',
      holdId: h1.holdId,
      amountMinor: 500,
    });
    expect(ledger.find((e) => e.operation === 'REDEMPTION' && e.cardNumber === ACTIVE_50)).toMatchObject({
      requestId: 'c1',
      basketId: 'B-1',
      holdId: h1.holdId,
      till,
      transactionId: expect.stringMatching(/^F4-/),
    });
    expect(ledger.find((e) => e.operation === 'REFUND')).toMatchObject({
      refundId: 'R-f1',
      originalRequestId: 'c1',
    });
    expect(ledger.map((e) => e.seq)).toEqual(ledger.map((_e, i) => i + 1));

    // One till's share, and the same over the admin API.
    expect(sim.totals({ tillId: 'till-2' }).REDEMPTION).toEqual({ count: 0, amountMinor: 0 });
    expect(sim.totals({ tillId: 'till-1', currency: 'GBP' }).REDEMPTION).toEqual({
      count: 2,
      amountMinor: 3500,
    });
    // A lapsed hold counts for the till that placed it; a spend elsewhere for no till.
    expect(sim.totals({ tillId: 'till-1' }).HOLD_EXPIRED).toEqual({ count: 1, amountMinor: 200 });
    expect(sim.ledger({ tillId: 'till-1' })).toHaveLength(ledger.length - 1);
    const overHttp = await admin('/ledger?tillId=till-1');
    expect((overHttp.body as { totals: unknown }).totals).toEqual(sim.totals({ tillId: 'till-1' }));
    expect((overHttp.body as { entries: unknown[] }).entries).toEqual(sim.ledger({ tillId: 'till-1' }));
    expect(codeOf(await admin('/ledger?till=1'))).toEqual([400, 'BAD_REQUEST']);
  });

  it('lists holds over HTTP, moves the clock, and reset clears holds, books and clock', async () => {
    const hold = await placeHold(holding('h1', ACTIVE_50, 1000, { ttlSeconds: 60 }));
    const listed = await admin('/holds');
    expect((listed.body as { holds: unknown[] }).holds).toMatchObject([
      { holdId: hold.holdId, state: 'HELD' },
    ]);
    const before = Date.parse(((await admin('/clock')).body as { now: string }).now);
    const moved = await admin('/clock', { advanceMs: 61_000 });
    expect(Date.parse((moved.body as { now: string }).now) - before).toBeGreaterThanOrEqual(61_000);
    expect(codeOf(await admin('/clock', { advanceMs: -1 }))).toEqual([400, 'BAD_REQUEST']);
    expect(() => sim.advanceClock(-1)).toThrow(RangeError);
    expect(sim.hold(hold.holdId)?.state).toBe('EXPIRED');
    const serverTime = Date.parse(((await api('/status')).body as { serverTime: string }).serverTime);
    expect(serverTime - Date.now()).toBeGreaterThan(55_000);

    sim.reset();
    expect(sim.holds()).toEqual([]);
    expect(sim.ledger()).toEqual([]);
    expect(Math.abs(sim.now().getTime() - Date.now())).toBeLessThan(1_000);
    // Hold ids keep counting after a reset, like transaction ids: an agent may remember old ones.
    const after = await placeHold(holding('h1', ACTIVE_50, 1000));
    expect(after.holdId).not.toBe(hold.holdId);
  });
});
