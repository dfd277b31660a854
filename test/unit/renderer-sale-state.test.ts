// The sale on the cashier screen: which basket it follows, how closes and the queue show, the
// calls in flight, the top-up steps, and what each answer says in the result area.
import { describe, expect, it } from 'vitest';
import {
  BasketId,
  PutBasketRequest,
  type AgentEvent,
  type Basket,
  type Card,
  type Health,
  type TopUp,
} from '../../main/agent/contract';
import {
  addedTender,
  canApply,
  initialSale,
  isPractice,
  newTopUpId,
  practiceBasket,
  progress,
  reduceSale,
  restInCash,
  type GiftCardTender,
  type SaleAction,
  type SaleState,
  type SharedAction,
} from '../../renderer/src/sale-state';
import { initialState, reduce, type Action, type ViewState } from '../../renderer/src/state';
import { sayResult } from '../../renderer/src/result-words';
import { IntlMessageFormat } from 'intl-messageformat';
import { enGB } from '../../renderer/src/i18n/en-GB';
import { intlFor } from '../../renderer/src/i18n/words';
import { describeClose as closeIn } from '../../renderer/src/sale-words';

const describeClose = (basket: Parameters<typeof closeIn>[1]) => closeIn(intlFor('en-GB'), basket);

function tender(id: string, amountMinor: number, last4 = '0011'): GiftCardTender {
  return {
    tenderId: id,
    cardNumberMasked: `••••••••••••${last4}`,
    amountMinor,
    balanceBeforeMinor: 5000,
    balanceAfterMinor: 5000 - amountMinor,
    balanceCheckedAt: '2025-03-03T14:30:00Z',
    offline: false,
  };
}

function basket(overrides: Partial<Basket> = {}): Basket {
  const giftCardTenders = overrides.giftCardTenders ?? [];
  const totalMinor = overrides.totalMinor ?? 3300;
  const gift = giftCardTenders.reduce((sum, t) => sum + t.amountMinor, 0);
  const state = overrides.state ?? 'OPEN';
  return {
    basketId: 'b-1',
    state,
    currency: 'GBP',
    totalMinor,
    lines: [],
    giftCardTenders,
    giftCardTotalMinor: gift,
    dueMinor: state === 'OPEN' ? totalMinor - gift : 0,
    ...overrides,
  };
}

const open = basket();
const paid = basket({ giftCardTenders: [tender('t1', 3300)] });
const queued = basket({ ...paid, state: 'CLOSED', closeState: 'QUEUED' });
const delivered = basket({ ...paid, state: 'CLOSED', closeState: 'DELIVERED' });

let eventId = 0;
const basketEvent = (data: Basket): SharedAction => ({
  type: 'event',
  event: { id: `e${++eventId}`, type: 'basket', data },
});
const queueEvent = (pending: number, failed = 0): SharedAction => ({
  type: 'event',
  event: { id: `e${++eventId}`, type: 'queue', data: { pending, failed } },
});
const ok = <T>(value: T) => ({ ok: true as const, value });
const failed = (code: 'CARD_ALREADY_APPLIED' | 'OUTCOME_UNKNOWN' | 'STORAGE_FAILED', message: string) => ({
  ok: false as const,
  error: { code, message },
});

const sale = (...actions: (SaleAction | SharedAction)[]): SaleState =>
  actions.reduce(reduceSale, initialSale);
const screen = (...actions: Action[]): ViewState => actions.reduce(reduce, initialState);

describe('following the POS’s basket', () => {
  it('shows the basket the first event brings, and every later event about it', () => {
    const state = sale(basketEvent(open), basketEvent(paid));
    expect(state.basket).toEqual(paid);
    expect(state.basketEvents).toBe(2);
  });

  it('replaces the basket with a newer one (an id it has not seen)', () => {
    const state = sale(basketEvent(queued), basketEvent(basket({ basketId: 'b-2' })));
    expect(state.basket?.basketId).toBe('b-2');
    expect(state.seen).toEqual(['b-1', 'b-2']);
  });

  it('does not go back to an earlier sale re-announced by the queue', () => {
    const b2 = basket({ basketId: 'b-2', totalMinor: 1250 });
    const state = sale(basketEvent(queued), basketEvent(b2), basketEvent(delivered));
    expect(state.basket).toEqual(b2);
  });

  it('takes the agent’s events in order, even one that reopens a basket (a refusal at close)', () => {
    const reopened = basket({ giftCardTenders: [] });
    expect(sale(basketEvent(queued), basketEvent(reopened)).basket).toEqual(reopened);
  });

  it('shows the current basket read at start', () => {
    expect(sale({ type: 'currentBasketRead', result: ok({ basket: paid }), asked: 0 }).basket).toEqual(paid);
    expect(sale({ type: 'currentBasketRead', result: ok({}), asked: 0 }).basket).toBeUndefined();
  });

  it('drops a current-basket answer that a basket event overtook', () => {
    const b2 = basket({ basketId: 'b-2' });
    const state = sale(basketEvent(b2), {
      type: 'currentBasketRead',
      result: ok({ basket: paid }),
      asked: 0,
    });
    expect(state.basket).toEqual(b2);
  });

  it('keeps an overtaken answer about the same basket only if it is further on', () => {
    const asked = 0;
    const behind = sale(basketEvent(delivered), {
      type: 'currentBasketRead',
      result: ok({ basket: queued }),
      asked,
    });
    expect(behind.basket).toEqual(delivered);
    const ahead = sale(basketEvent(queued), {
      type: 'currentBasketRead',
      result: ok({ basket: delivered }),
      asked,
    });
    expect(ahead.basket).toEqual(delivered);
  });

  it('ignores a failed read: what is shown stays', () => {
    const state = sale(basketEvent(open), {
      type: 'currentBasketRead',
      result: failed('STORAGE_FAILED', 'x'),
      asked: 1,
    });
    expect(state.basket).toEqual(open);
  });

  it('orders baskets by how far they have got', () => {
    expect(progress(open)).toBeLessThan(progress(queued));
    expect(progress(queued)).toBeLessThan(progress(delivered));
    expect(progress(basket({ ...paid, state: 'CLOSED', closeState: 'FAILED' }))).toBe(progress(delivered));
    expect(progress(basket({ state: 'VOIDED' }))).toBeGreaterThan(progress(delivered));
  });
});

describe('answers to the screen’s own calls', () => {
  it('an apply answer does not undo a close the agent announced meanwhile', () => {
    const state = sale(basketEvent(open), { type: 'applyStarted' }, basketEvent(queued), {
      type: 'applyAnswered',
      result: ok(paid),
    });
    expect(state.basket).toEqual(queued);
    expect(state.busy).toBeUndefined();
  });

  it('an answer about a basket the screen has moved on from is dropped', () => {
    const b2 = basket({ basketId: 'b-2' });
    const state = sale(basketEvent(open), { type: 'applyStarted' }, basketEvent(b2), {
      type: 'applyAnswered',
      result: ok(paid),
    });
    expect(state.basket).toEqual(b2);
  });

  it('remembers the tenders before an apply, to name the card it added', () => {
    const before = sale(basketEvent(basket({ totalMinor: 8000, giftCardTenders: [tender('t1', 5000)] })), {
      type: 'applyStarted',
    });
    expect(before.busy).toEqual({ kind: 'apply', basketId: 'b-1', tendersBefore: ['t1'] });
    const after = basket({
      totalMinor: 8000,
      giftCardTenders: [tender('t1', 5000), tender('t2', 3000, '0029')],
    });
    expect(addedTender(before.busy, after)?.tenderId).toBe('t2');
  });

  it('runs one call at a time, and only on an open basket', () => {
    expect(sale({ type: 'applyStarted' }).busy).toBeUndefined();
    expect(sale(basketEvent(queued), { type: 'closeStarted' }).busy).toBeUndefined();
    const applying = sale(basketEvent(open), { type: 'applyStarted' });
    expect(reduceSale(applying, { type: 'removeStarted', tenderId: 't1' }).busy?.kind).toBe('apply');
    expect(
      reduceSale(applying, { type: 'applyAnswered', result: failed('STORAGE_FAILED', 'x') }).busy,
    ).toBeUndefined();
  });

  it('a practice sale’s answer shows the new basket', () => {
    const practice = basket({ basketId: 'practice-1' });
    const state = sale(
      basketEvent(queued),
      { type: 'practiceStarted' },
      {
        type: 'practiceAnswered',
        result: ok(practice),
      },
    );
    expect(state.basket).toEqual(practice);
    expect(state.busy).toBeUndefined();
  });

  it('keeps what Factor4 took from each card when a close is delivered at once', () => {
    const transactions = [
      {
        cardNumberMasked: '••••••••••••0011',
        kind: 'REDEMPTION' as const,
        amountMinor: 3300,
        currency: 'GBP',
        transactionId: 'tx1',
        balanceAfterMinor: 1700,
      },
    ];
    const state = sale(
      basketEvent(paid),
      { type: 'closeStarted' },
      {
        type: 'closeAnswered',
        result: ok({ state: 'DELIVERED' as const, basket: delivered, transactions }),
      },
    );
    expect(state.basket).toEqual(delivered);
    expect(state.transactions).toEqual({ basketId: 'b-1', list: transactions });
    // …and forgets them with the next sale.
    expect(reduceSale(state, basketEvent(basket({ basketId: 'b-2' }))).transactions).toBeUndefined();
  });

  it('a queued close shows queued, and delivered once the agent says so', () => {
    const closing = sale(
      basketEvent(paid),
      { type: 'closeStarted' },
      {
        type: 'closeAnswered',
        result: ok({ state: 'QUEUED' as const, basket: queued, itemId: 'q1' }),
      },
    );
    expect(closing.basket?.closeState).toBe('QUEUED');
    expect(reduceSale(closing, basketEvent(delivered)).basket?.closeState).toBe('DELIVERED');
    expect(reduceSale(closing, { type: 'basketRead', result: ok(delivered) }).basket?.closeState).toBe(
      'DELIVERED',
    );
  });

  it('a late queued answer does not undo delivered', () => {
    const state = sale(basketEvent(paid), { type: 'closeStarted' }, basketEvent(delivered), {
      type: 'closeAnswered',
      result: ok({ state: 'QUEUED' as const, basket: queued, itemId: 'q1' }),
    });
    expect(state.basket?.closeState).toBe('DELIVERED');
  });
});

describe('the queue', () => {
  const health = { queue: { pending: 2, failed: 0 } } as Health;

  it('starts from health and follows queue events', () => {
    const state = sale({ type: 'healthRead', result: ok(health) });
    expect(state.queue).toEqual({ pending: 2, failed: 0 });
    expect(reduceSale(state, queueEvent(0, 1)).queue).toEqual({ pending: 0, failed: 1 });
  });

  it('says how many sales wait, and how many were refused, in the catalogue’s words', () => {
    const say = (id: 'queue.pending' | 'queue.failed', count: number) =>
      String(new IntlMessageFormat(enGB[id], 'en-GB').format({ count }));
    expect(say('queue.pending', 1)).toBe('1 sale waiting to be sent');
    expect(say('queue.pending', 12)).toBe('12 sales waiting to be sent');
    expect(say('queue.failed', 1)).toBe('1 sale refused by Factor4 — see the manager');
  });
});

describe('close wording', () => {
  it('says where a closed sale’s gift cards are', () => {
    expect(describeClose(delivered).text).toBe('Delivered to Factor4');
    expect(describeClose(queued).text).toBe('Queued: will be sent when Centegra Plus is back');
    expect(describeClose({ ...queued, closeState: 'FAILED' }).text).toBe(
      'Refused by Factor4 — see the manager',
    );
    expect(describeClose({ ...delivered, giftCardTenders: [] }).text).toBe('No gift cards on this sale');
    expect(describeClose({ ...open, state: 'VOIDED' }).tone).toBe('neutral');
    expect(
      new Set(
        [delivered, queued, { ...queued, closeState: 'FAILED' as const }].map((b) => describeClose(b).shape),
      ).size,
    ).toBe(3);
  });
});

describe('top-up steps', () => {
  const target = { request: { cardNumber: '6280390000000045' }, last4: '0045' };

  it('goes amount → confirm → sending → done, and back from confirm', () => {
    let state = sale({ type: 'topUpOpened', target });
    expect(state.topUp).toEqual({ step: 'amount', target });
    state = reduceSale(state, { type: 'topUpAmountChosen', amountMinor: 2000, topUpId: 'r1' });
    expect(state.topUp).toEqual({ step: 'confirm', target, amountMinor: 2000, topUpId: 'r1' });
    expect(reduceSale(state, { type: 'topUpBack' }).topUp).toEqual({ step: 'amount', target });
    state = reduceSale(state, { type: 'topUpStarted' });
    expect(state.topUp?.step).toBe('sending');
    expect(reduceSale(state, { type: 'topUpAnswered', result: ok({} as TopUp) }).topUp).toBeUndefined();
  });

  it('Escape or Cancel drops the steps, but not a top-up already sending', () => {
    const asking = sale({ type: 'topUpOpened', target });
    expect(reduceSale(asking, { type: 'cleared' }).topUp).toBeUndefined();
    expect(reduceSale(asking, { type: 'topUpCancelled' }).topUp).toBeUndefined();
    const sending = sale(
      { type: 'topUpOpened', target },
      { type: 'topUpAmountChosen', amountMinor: 2000, topUpId: 'r1' },
      { type: 'topUpStarted' },
    );
    expect(reduceSale(sending, { type: 'cleared' })).toBe(sending);
    expect(reduceSale(sending, { type: 'topUpOpened', target })).toBe(sending);
  });

  it('sends nothing without a confirm step', () => {
    expect(sale({ type: 'topUpOpened', target }, { type: 'topUpStarted' }).topUp?.step).toBe('amount');
  });

  it('gives each top-up its own request id', () => {
    let n = 0;
    const random = (bytes: Uint8Array) => bytes.map(() => n++);
    expect(newTopUpId(random)).toBe('topup-000102030405060708090a0b');
    expect(newTopUpId(random)).not.toBe(newTopUpId(random));
  });
});

describe('practice sales (demo mode)', () => {
  it('builds a basket the agent accepts: lines adding up to £33.00', () => {
    const request = practiceBasket(1_740_000_000_000, 'GBP');
    expect(PutBasketRequest.safeParse(request).success).toBe(true);
    expect(BasketId.safeParse(request.basketId).success).toBe(true);
    expect(request.basketId).toBe('practice-1740000000000');
    expect(request.totalMinor).toBe(3300);
    expect(request.lines.reduce((sum, l) => sum + l.lineTotalMinor, 0)).toBe(request.totalMinor);
    expect(request.lines.every((l) => l.quantity * l.unitPriceMinor === l.lineTotalMinor)).toBe(true);
    expect(isPractice(basket({ basketId: request.basketId }))).toBe(true);
    expect(isPractice(open)).toBe(false);
  });

  it('closes with exactly what is due in cash, or with no other tender when nothing is due', () => {
    expect(restInCash(basket({ giftCardTenders: [tender('t1', 2000)] }))).toEqual({
      basketId: 'b-1',
      otherTenders: [{ kind: 'CASH', amountMinor: 1300 }],
    });
    expect(restInCash(paid)).toEqual({ basketId: 'b-1', otherTenders: [] });
  });

  it('offers Apply only while a basket is open and something is due', () => {
    expect(canApply(sale(basketEvent(open)))).toBe(true);
    expect(canApply(sale(basketEvent(paid)))).toBe(false);
    expect(canApply(sale(basketEvent(queued)))).toBe(false);
    expect(canApply(initialSale)).toBe(false);
  });
});

describe('what the result area says', () => {
  it('names the card an apply added, what it took and what is left to pay', () => {
    const state = screen(basketEvent(open), { type: 'applyStarted' }, basketEvent(paid), {
      type: 'applyAnswered',
      result: ok(paid),
    });
    expect(sayResult(intlFor('en-GB'), state.result)).toEqual({
      kind: 'notice',
      tone: 'good',
      heading: 'Card ending 0011 applied',
      message: '£33.00 taken from it; £17.00 will be left on it. £0.00 still to pay.',
    });
    expect(state.resultSeq).toBe(1);
    expect(state.sale.basket).toEqual(paid);
  });

  it('names the card removed, though the event that removed it came first', () => {
    const state = screen(basketEvent(paid), { type: 'removeStarted', tenderId: 't1' }, basketEvent(open), {
      type: 'removeAnswered',
      result: ok(open),
    });
    expect(sayResult(intlFor('en-GB'), state.result)).toMatchObject({
      kind: 'notice',
      heading: 'Card ending 0011 removed',
    });
  });

  it('shows an agent error under its heading, with what to do', () => {
    const message = 'The card ending 0011 is already on this sale.';
    const state = screen(
      basketEvent(paid),
      { type: 'applyStarted' },
      {
        type: 'applyAnswered',
        result: failed('CARD_ALREADY_APPLIED', message),
      },
    );
    expect(sayResult(intlFor('en-GB'), state.result)).toEqual({
      kind: 'problem',
      heading: 'Card already on this sale',
      message: 'To change what it pays, remove it first.',
      code: 'CARD_ALREADY_APPLIED',
    });
  });

  it('says a card in another currency cannot be used here, rather than "Check the number"', () => {
    const message = 'The card ending 0011 holds EUR, but this sale is in GBP. It can’t pay for it.';
    const state = screen(
      basketEvent(open),
      { type: 'applyStarted' },
      {
        type: 'applyAnswered',
        result: { ok: false, error: { code: 'BAD_REQUEST', message } },
      },
    );
    expect(sayResult(intlFor('en-GB'), state.result)).toMatchObject({
      kind: 'problem',
      heading: "Can't use this card here",
      message: 'The card ending 0011 holds EUR, but this sale is in GBP. Ask for another way to pay.',
    });
  });

  it('shows a top-up’s new balance, and an unknown outcome with its own heading and advice', () => {
    const target = { request: { cardNumber: '6280390000000045' }, last4: '0045' };
    const sending: Action[] = [
      { type: 'topUpOpened', target },
      { type: 'topUpAmountChosen', amountMinor: 2000, topUpId: 'r1' },
      { type: 'topUpStarted' },
    ];
    const card: Card = {
      cardNumberMasked: '••••••••••••0045',
      status: 'ACTIVE',
      balanceMinor: 2000,
      currency: 'GBP',
      checkedAt: '2025-03-03T14:30:00Z',
    };
    const done: TopUp = {
      topUpId: 'r1',
      state: 'DONE',
      amountMinor: 2000,
      currency: 'GBP',
      cardNumberMasked: '••••••••••••0045',
      status: 'ACTIVE',
      balanceMinor: 2000,
      checkedAt: '2025-03-03T14:30:00Z',
      createdAt: '2025-03-03T14:29:59Z',
    };
    expect(screen(...sending, { type: 'topUpAnswered', result: ok(done) }).result).toEqual({
      kind: 'toppedUp',
      card,
      amountMinor: 2000,
    });
    const unknown = screen(...sending, {
      type: 'topUpAnswered',
      result: failed(
        'OUTCOME_UNKNOWN',
        'It is not known whether the top-up of £20.00 reached the card ending 0045.',
      ),
    });
    expect(sayResult(intlFor('en-GB'), unknown.result)).toMatchObject({
      kind: 'problem',
      heading: 'Top-up not confirmed',
      code: 'OUTCOME_UNKNOWN',
    });
    expect(sayResult(intlFor('en-GB'), unknown.result).message).toMatch(/press Check balance first/);
  });

  it('leaves the result alone for events it does not show', () => {
    const event: AgentEvent = { id: 'x', type: 'basket', data: open };
    expect(screen({ type: 'event', event }).result).toEqual({ kind: 'idle' });
  });
});
