// A property over any interleaving of apply, remove, close, void, a change of total (or none) and
// time passing (the every-minute keeper then lapses the baskets untouched for holds.ttlMinutes, and
// only those) on a few baskets sharing a few cards, through the POS API of a real agent against the
// simulator: once the queue has sent everything, no basket that is closed, voided or lapsed keeps a
// hold HELD at Centegra, an open one has one hold per tender covering it and none without, each
// delivered close captured exactly its gift card tenders, and every card is down by exactly what
// its standing sales took and its open baskets hold.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GBP, ledgerSum, lines, newCard, until, type ClockedTill, startClockedTill } from '../helpers/money';

const TTL_MINUTES = 5;
const TTL_MS = TTL_MINUTES * 60_000;
const BASKETS = 3;
const CARDS = 3;
const CARD_BALANCE_MINOR = 4000;

type Action =
  | { op: 'apply'; basket: number; card: number; maxAmountMinor: number }
  | { op: 'remove'; basket: number; tender: number }
  | { op: 'close'; basket: number }
  | { op: 'void'; basket: number }
  | { op: 'touch'; basket: number }
  /** The POS changes the basket's total (items added or taken off). */
  | { op: 'reprice'; basket: number; totalMinor: number }
  /** Time passes (some baskets lapse, some not yet), then the keeper runs. */
  | { op: 'time'; minutes: number };

const basket = fc.integer({ min: 0, max: BASKETS - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('apply' as const),
      basket,
      card: fc.integer({ min: 0, max: CARDS - 1 }),
      maxAmountMinor: fc.integer({ min: 100, max: 3000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), basket, tender: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('close' as const), basket }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('void' as const), basket }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('touch' as const), basket }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('reprice' as const),
      basket,
      // Mostly down (items taken off: the cards applied last give back), sometimes up.
      totalMinor: fc.oneof(fc.integer({ min: 50, max: 1500 }), fc.integer({ min: 1500, max: 6000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('time' as const),
      minutes: fc.integer({ min: 1, max: TTL_MINUTES + 2 }),
    }),
  },
);

let till: ClockedTill;
let run = 0;

beforeAll(async () => {
  // The keeper runs on setInterval every minute: the test moves that timer and the agent's clock.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  till = await startClockedTill({ config: { holds: { enabled: true, ttlMinutes: TTL_MINUTES } } });
});
afterAll(async () => {
  await till?.stop();
  vi.useRealTimers();
});

/** One run's baskets and cards, and what the till has said of them so far. */
interface Run {
  ids: string[];
  cards: string[];
  /** Baskets whose close answered 200 DELIVERED. */
  closed: Set<string>;
  /** When each basket was last changed, on the agent's clock (read just after the change). */
  touchedAt: number[];
}

const getBasket = async (id: string) => (await till.api('GET', `/v1/baskets/${id}`)).json;

async function openRun(totals: readonly number[]): Promise<Run> {
  run += 1;
  const r: Run = {
    ids: totals.map((_, i) => `prop-${run}-${i}`),
    cards: Array.from({ length: CARDS }, () => newCard(till.sim, CARD_BALANCE_MINOR)),
    closed: new Set(),
    touchedAt: totals.map(() => 0),
  };
  for (const [i, id] of r.ids.entries()) {
    const put = await till.api('PUT', `/v1/baskets/${id}`, {
      body: { currency: GBP, totalMinor: totals[i], lines: lines(totals[i]!) },
    });
    expect(put.status, put.text).toBe(200);
    r.touchedAt[i] = till.clock.now().getTime();
  }
  return r;
}

/** Time passes on the agent's clock, and the keeper's minute comes round. */
function passTime(minutes: number): void {
  till.clock.advance(minutes * 60_000);
  vi.advanceTimersByTime(60_000);
}

/** One POS action on a basket, as a POS would send it having just read the basket. */
async function act(r: Run, a: Exclude<Action, { op: 'time' }>) {
  const id = r.ids[a.basket]!;
  const now = await getBasket(id);
  let answer;
  if (a.op === 'apply')
    answer = await till.api('POST', `/v1/baskets/${id}/gift-cards`, {
      body: { cardNumber: r.cards[a.card], maxAmountMinor: a.maxAmountMinor },
    });
  else if (a.op === 'remove') {
    const tender = now.giftCardTenders[a.tender % Math.max(1, now.giftCardTenders.length)];
    if (!tender) return { now };
    answer = await till.api('DELETE', `/v1/baskets/${id}/gift-cards/${tender.tenderId}`);
  } else if (a.op === 'close')
    answer = await till.api('POST', `/v1/baskets/${id}/close`, {
      body: { otherTenders: now.dueMinor > 0 ? [{ kind: 'CASH', amountMinor: now.dueMinor }] : [] },
    });
  else if (a.op === 'void') answer = await till.api('POST', `/v1/baskets/${id}/void`);
  else if (a.op === 'reprice')
    answer = await till.api('PUT', `/v1/baskets/${id}`, {
      body: { currency: GBP, totalMinor: a.totalMinor, lines: lines(a.totalMinor) },
    });
  else
    answer = await till.api('PUT', `/v1/baskets/${id}`, {
      body: { currency: GBP, totalMinor: now.totalMinor, lines: now.lines },
    });
  if (answer.status === 200 && a.op !== 'close' && a.op !== 'void')
    r.touchedAt[a.basket] = till.clock.now().getTime();
  if (a.op === 'close' && answer.status === 200) r.closed.add(id);
  // Refusals are answers (a card on the sale twice, nothing due, a basket no longer open), never faults.
  expect(answer.status, `${a.op} ${id}: ${answer.text}`).toBeLessThan(500);
  return { now, answer };
}

/** The actions one after another, checking each lapse as it happens. */
async function playInTurn(actions: readonly Action[], totals: readonly number[]): Promise<Run> {
  const r = await openRun(totals);
  for (const a of actions) {
    if (a.op === 'time') {
      const before = await Promise.all(r.ids.map(getBasket));
      passTime(a.minutes);
      const at = till.clock.now().getTime();
      for (const [i, id] of r.ids.entries()) {
        const b = await getBasket(id);
        if (b.state !== 'OPEN' || before[i].giftCardTenders.length === 0) continue;
        const ageMs = at - r.touchedAt[i]!;
        // Untouched past the ttl: its held tenders are off. Well within it: kept. (The edge is skipped.)
        if (ageMs > TTL_MS) {
          expect(b.giftCardTenders, `${id} untouched for ${ageMs} ms`).toEqual([]);
          r.touchedAt[i] = at;
        } else if (ageMs < TTL_MS - 30_000)
          expect(b.giftCardTenders, `${id} touched ${ageMs} ms ago`).toEqual(before[i].giftCardTenders);
      }
      continue;
    }
    const { now, answer } = await act(r, a);
    if (a.op === 'close' && now.state === 'OPEN') {
      // With every card held, a close in turn is never refused: it is delivered at once.
      expect(answer?.status, `close ${now.basketId}: ${answer?.text}`).toBe(200);
      expect(answer?.json.state).toBe('DELIVERED');
    }
  }
  return r;
}

/** Each group of actions at once (an apply waiting on Centegra while the basket is closed, voided or lapses). */
async function playAtOnce(groups: readonly Action[][], totals: readonly number[]): Promise<Run> {
  const r = await openRun(totals);
  for (const group of groups)
    await Promise.all(group.map(async (a) => (a.op === 'time' ? passTime(a.minutes) : act(r, a))));
  return r;
}

/** Once the queue has sent everything: the baskets as the till tells them. */
async function settle(r: Run) {
  const tendersOf = (baskets: Array<{ giftCardTenders: Array<{ tenderId: string }> }>) =>
    JSON.stringify(baskets.map((b) => b.giftCardTenders.map((t) => t.tenderId)));
  // Reading a basket lapses it if it is due (as any POS call does), which queues its releases: read
  // until a reading after the queue has sent everything finds the baskets as the one before it.
  let seen = await Promise.all(r.ids.map(getBasket));
  for (;;) {
    await until(
      async () => (await till.api('GET', '/v1/health')).json.queue.pending === 0,
      'the queue has sent everything',
    );
    const baskets = await Promise.all(r.ids.map(getBasket));
    if (tendersOf(baskets) === tendersOf(seen)) return { baskets, cards: r.cards, closed: r.closed };
    seen = baskets;
  }
}

/** What must hold at Centegra once the till is done with its baskets. */
function check(played: Awaited<ReturnType<typeof settle>>) {
  const { sim } = till;
  const { baskets, cards, closed } = played;
  const takenByCard = new Map<string, number>(cards.map((c) => [c, 0]));
  for (const b of baskets) {
    const holds = sim.holds().filter((h) => h.basketId === b.basketId);
    const held = holds.filter((h) => h.state === 'HELD');
    const captured = ledgerSum(sim, 'HOLD_CAPTURED', (e) => e.basketId === b.basketId).amountMinor;
    const redeemed = ledgerSum(sim, 'REDEMPTION', (e) => e.basketId === b.basketId).amountMinor;
    const tendersMinor = b.giftCardTenders.reduce(
      (s: number, t: { amountMinor: number }) => s + t.amountMinor,
      0,
    );
    if (b.state === 'OPEN') {
      // Open (perhaps lapsed): one hold standing per tender, on its card, covering it (two applies
      // at once each hold against the same due, so the later may take less than it holds: the close
      // captures the tender and gives the rest back); no hold without a tender; nothing taken.
      const tenders = b.giftCardTenders as Array<{
        held: boolean;
        amountMinor: number;
        cardNumberMasked: string;
      }>;
      expect(held.length, `${b.basketId}: holds standing vs its tenders`).toBe(tenders.length);
      for (const t of tenders) {
        expect(t.held, b.basketId).toBe(true);
        const hold = held.find((h) => h.cardNumber.endsWith(t.cardNumberMasked.slice(-4)));
        expect(
          hold?.amountMinor,
          `${b.basketId}: the hold of …${t.cardNumberMasked.slice(-4)}`,
        ).toBeGreaterThanOrEqual(t.amountMinor);
      }
      expect(redeemed, b.basketId).toBe(0);
      for (const h of held) takenByCard.set(h.cardNumber, takenByCard.get(h.cardNumber)! + h.amountMinor);
      continue;
    }
    expect(held, `${b.basketId} (${b.state}): holds left HELD`).toEqual([]);
    if (closed.has(b.basketId)) {
      // Its close captured exactly its gift card tenders (a void after it gives them back).
      expect(captured, `${b.basketId}: captured vs its tenders`).toBe(tendersMinor);
      expect(redeemed, b.basketId).toBe(tendersMinor);
      if (b.state === 'CLOSED') {
        expect(b.closeState).toBe('DELIVERED');
        for (const t of holds.filter((h) => h.state === 'CAPTURED'))
          takenByCard.set(t.cardNumber, takenByCard.get(t.cardNumber)! + t.capturedMinor!);
      } else {
        const voidedMinor = sim
          .ledger()
          .filter(
            (e) =>
              e.operation === 'VOID' &&
              e.reverses === 'REDEMPTION' &&
              sim
                .ledger()
                .some(
                  (r) =>
                    r.operation === 'REDEMPTION' &&
                    r.basketId === b.basketId &&
                    r.requestId === e.originalRequestId,
                ),
          )
          .reduce((s, e) => s + e.amountMinor, 0);
        expect(voidedMinor, `${b.basketId}: its void gave back what the close took`).toBe(tendersMinor);
      }
    } else {
      // Voided while open: nothing taken.
      expect(captured, b.basketId).toBe(0);
      expect(redeemed, b.basketId).toBe(0);
    }
  }
  for (const c of cards)
    expect(sim.card(c)!.balanceMinor, `card …${c.slice(-4)}`).toBe(CARD_BALANCE_MINOR - takenByCard.get(c)!);
}

describe('holds under any interleaving of apply, remove, close, void and time passing', () => {
  const totals = fc.array(fc.integer({ min: 300, max: 6000 }), { minLength: BASKETS, maxLength: BASKETS });

  it('in turn: lapse exactly the untouched baskets, leave nothing HELD for a basket the till is done with, and capture exactly the tenders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 20 }), totals, async (actions, t) => {
        check(await settle(await playInTurn(actions, t)));
      }),
      { numRuns: 60, interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 120_000);

  it('at once: the same, whatever overlaps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(action, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        totals,
        async (groups, t) => {
          check(await settle(await playAtOnce(groups, t)));
        },
      ),
      {
        numRuns: 60,
        interruptAfterTimeLimit: 100_000,
        markInterruptAsFailure: true,
        // Once found in CI: a basket left untouched exactly holds.ttlMinutes when the keeper ran, its
        // tender shown not held but left on the sale (the keeper's rule and the view's differed).
        examples: [
          [
            [
              [
                { op: 'apply', basket: 2, card: 0, maxAmountMinor: 100 },
                { op: 'time', minutes: 1 },
              ],
              [
                { op: 'apply', basket: 0, card: 0, maxAmountMinor: 1845 },
                { op: 'apply', basket: 2, card: 0, maxAmountMinor: 100 },
              ],
              [
                { op: 'time', minutes: 5 },
                { op: 'reprice', basket: 1, totalMinor: 50 },
              ],
              [{ op: 'reprice', basket: 2, totalMinor: 4481 }],
            ],
            [1681, 3996, 308],
          ],
        ],
      },
    );
  }, 120_000);
});
