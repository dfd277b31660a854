// The cashier's top-up beyond a plain answer, and held gift cards: a manager's approval over the
// limit (the same topUpId sent again), a top-up not confirmed yet settled by its `topup` event, a
// refusal in words for someone paying in, and held cards that leave an open sale.
import { describe, expect, it } from 'vitest';
import type { ApiError, Basket, TopUp } from '../../main/agent/contract';
import {
  goneHeldTenders,
  reduceSale,
  type GiftCardTender,
  type SaleState,
} from '../../renderer/src/sale-state';
import { initialState, reduce, type Action, type ViewState } from '../../renderer/src/state';
import { intlFor } from '../../renderer/src/i18n/words';
import { sayResult } from '../../renderer/src/result-words';
import { errorHeading, errorWords, problemWords } from '../../renderer/src/error-words';

/** A top-up refused, as an English screen says it. */
const topUpRefusal = (error: ApiError) => problemWords(intlFor('en-GB'), error, 'topUp');
import { goneTenderNote, heldNote } from '../../renderer/src/sale-words';

const target = { request: { cardNumber: '6280390000000045' }, last4: '0045' };
const topUp = (overrides: Partial<TopUp> = {}): TopUp => ({
  topUpId: 'topup-1',
  state: 'DONE',
  amountMinor: 15000,
  currency: 'GBP',
  cardNumberMasked: '••••••••••••0045',
  status: 'ACTIVE',
  balanceMinor: 15000,
  checkedAt: '2026-12-06T10:00:01Z',
  createdAt: '2026-12-06T10:00:00Z',
  ...overrides,
});
const pendingTopUp = topUp({
  state: 'PENDING',
  status: undefined,
  balanceMinor: undefined,
  checkedAt: undefined,
});
const refused = (code: ApiError['code'], message: string) => ({
  ok: false as const,
  error: { code, message },
});
const ok = <T>(value: T) => ({ ok: true as const, value });
const approvalMessage = 'A top-up over £100.00 needs a manager: ask them to enter the manager PIN.';

const screen = (...actions: Action[]): ViewState => actions.reduce(reduce, initialState);
const confirmed: Action[] = [
  { type: 'topUpOpened', target },
  { type: 'topUpAmountChosen', amountMinor: 15000, topUpId: 'topup-1' },
];
const sent: Action[] = [...confirmed, { type: 'topUpStarted' }];
const topupEvent = (data: TopUp): Action => ({ type: 'event', event: { id: 'e1', type: 'topup', data } });

describe('a top-up over the approval limit', () => {
  const asking = screen(...sent, {
    type: 'topUpAnswered',
    result: refused('MANAGER_SESSION_EXPIRED', approvalMessage),
  });

  it('asks for the manager PIN, keeping the amount and the same topUpId, and leaves the result alone', () => {
    expect(asking.sale.topUp).toEqual({
      step: 'approval',
      target,
      amountMinor: 15000,
      topUpId: 'topup-1',
      message: approvalMessage,
    });
    expect(asking.result).toEqual({ kind: 'idle' });
    expect(asking.resultSeq).toBe(0);
  });

  it('is sent again only with a manager session, under the same topUpId', () => {
    expect(reduce(asking, { type: 'topUpStarted' }).sale.topUp?.step).toBe('approval');
    const again = reduce(asking, { type: 'topUpStarted', session: 'sess-9' });
    expect(again.sale.topUp).toEqual({
      step: 'sending',
      target,
      amountMinor: 15000,
      topUpId: 'topup-1',
      session: 'sess-9',
    });
  });

  it('asks again, naming the refused session, when the agent refuses that session too', () => {
    const again = screen(
      ...sent,
      { type: 'topUpAnswered', result: refused('MANAGER_SESSION_EXPIRED', approvalMessage) },
      { type: 'topUpStarted', session: 'sess-9' },
      { type: 'topUpAnswered', result: refused('MANAGER_SESSION_EXPIRED', approvalMessage) },
    );
    expect(again.sale.topUp).toMatchObject({
      step: 'approval',
      expiredSession: 'sess-9',
      topUpId: 'topup-1',
    });
  });

  it('approved and done: the new balance; Escape or Cancel while waiting for the PIN drops it', () => {
    const done = screen(
      ...sent,
      { type: 'topUpAnswered', result: refused('MANAGER_SESSION_EXPIRED', approvalMessage) },
      { type: 'topUpStarted', session: 'sess-9' },
      { type: 'topUpAnswered', result: ok(topUp()) },
    );
    expect(done.sale.topUp).toBeUndefined();
    expect(done.result).toMatchObject({
      kind: 'toppedUp',
      amountMinor: 15000,
      card: { balanceMinor: 15000 },
    });
    expect(reduce(asking, { type: 'cleared' }).sale.topUp).toBeUndefined();
    expect(reduce(asking, { type: 'topUpCancelled' }).sale.topUp).toBeUndefined();
  });
});

describe('a top-up not confirmed yet', () => {
  const pending = screen(...sent, { type: 'topUpAnswered', result: ok(pendingTopUp) });

  it('says so, and is settled by the topup event for the same top-up', () => {
    expect(pending.result).toEqual({ kind: 'topUpPending', topUp: pendingTopUp });
    expect(reduce(pending, topupEvent(topUp({ topUpId: 'other' }))).result).toBe(pending.result);
    expect(reduce(pending, topupEvent(pendingTopUp)).result).toBe(pending.result);
    const done = reduce(pending, topupEvent(topUp()));
    expect(done.result).toMatchObject({ kind: 'toppedUp', card: { balanceMinor: 15000 } });
    // Settled by an event, it does not take the keyboard back to the card number.
    expect(done.resultSeq).toBe(pending.resultSeq);
  });

  it('settled as FAILED: why, and to give the money back', () => {
    const failed = reduce(
      pending,
      topupEvent(
        topUp({
          state: 'FAILED',
          balanceMinor: undefined,
          error: {
            code: 'CARD_NOT_ACTIVE',
            message:
              "This gift card can't be used: it is blocked, expired or not activated. Ask for another way to pay.",
          },
        }),
      ),
    );
    expect(sayResult(intlFor('en-GB'), failed.result)).toMatchObject({
      kind: 'problem',
      heading: "This card can't be topped up",
    });
    const message = sayResult(intlFor('en-GB'), failed.result).message ?? '';
    expect(message).toContain('give the customer their money back, or top up another card');
    expect(message).not.toMatch(/another way to pay/i);
  });

  it('Check again: a read of the top-up settles it the same way; an error changes nothing', () => {
    expect(reduce(pending, { type: 'topUpRead', result: ok(topUp()) }).result.kind).toBe('toppedUp');
    expect(reduce(pending, { type: 'topUpRead', result: refused('OFFLINE', 'x') })).toBe(pending);
  });

  it('a topup event with nothing pending on screen changes nothing', () => {
    const idle = screen();
    expect(reduce(idle, topupEvent(topUp()))).toBe(idle);
  });
});

describe('a top-up refused', () => {
  it('the 1.1 codes have headings a cashier or manager reads as what happened', () => {
    expect(errorHeading(intlFor('en-GB'), 'TOPUP_LIMIT')).toBe('Too much for one top-up');
    expect(errorHeading(intlFor('en-GB'), 'REFUND_EXCEEDS_ORIGINAL')).toBe('More than the card paid');
    expect(errorHeading(intlFor('en-GB'), 'CARD_NOT_IN_BASKET')).toBe("That card didn't pay for this sale");
    expect(errorWords(intlFor('en-GB'), 'NOT_SUPPORTED', 'refund').heading).toBe(
      "Gift card refunds aren't available here",
    );
    expect(errorHeading(intlFor('en-GB'), 'CONFLICT')).toBe("Can't be done as it stands");
  });

  it('never tells the cashier to take another way to pay, and says what to do with the money', () => {
    const cases: ApiError[] = [
      {
        code: 'CARD_NOT_ACTIVE',
        message:
          "This gift card can't be used: it is blocked, expired or not activated. Ask for another way to pay.",
      },
      { code: 'CARD_NOT_FOUND', message: "This card isn't recognised. Check the number, or scan it again." },
      {
        code: 'TOPUP_LIMIT',
        message:
          'A top-up here is at most £250.00 (topUps.maxMinor). Load the rest as a second top-up, or ask a manager.',
      },
      {
        code: 'INSUFFICIENT_FUNDS',
        message: "There isn't enough left. Check its balance and take the rest another way.",
      },
    ];
    for (const error of cases) {
      const { heading, message } = topUpRefusal(error);
      expect(heading).not.toBe('');
      expect(message).not.toMatch(/another way/i);
      expect(message).toMatch(/money back/);
    }
    expect(topUpRefusal(cases[2]!)).toEqual({
      heading: 'Too much for one top-up',
      message:
        'A top-up here is at most £250.00 (topUps.maxMinor). Load the rest as a second top-up, or ask a manager. Nothing was loaded onto the card: give the customer their money back, or top up another card.',
    });
  });

  it('says what to do with the money when Centegra Plus can’t be reached, in the cashier’s words', () => {
    const offline =
      "Centegra Plus can't be reached, so cards can't be topped up or activated now. Nothing was recorded: give the money back or try again when the till is back online.";
    expect(topUpRefusal({ code: 'OFFLINE', message: offline })).toEqual({
      heading: "Centegra Plus can't be reached",
      message:
        'Nothing was loaded onto the card: give the customer their money back, or try again in a minute.',
    });
  });

  it('a refusal answered at once shows under the top-up heading', () => {
    const state = screen(...sent, {
      type: 'topUpAnswered',
      result: refused('CARD_NOT_ACTIVE', 'This gift card can’t be used. Ask for another way to pay.'),
    });
    expect(sayResult(intlFor('en-GB'), state.result)).toMatchObject({
      kind: 'problem',
      heading: "This card can't be topped up",
      code: 'CARD_NOT_ACTIVE',
    });
  });
});

describe('held gift cards', () => {
  const held = (id: string, amountMinor: number, holdExpiresAt = '2026-12-06T14:35:00Z'): GiftCardTender => ({
    tenderId: id,
    cardNumberMasked: `••••••••••••${id.slice(-4)}`,
    amountMinor,
    balanceBeforeMinor: 5000,
    balanceAfterMinor: 5000 - amountMinor,
    balanceCheckedAt: '2026-12-06T14:05:00Z',
    offline: false,
    held: true,
    holdExpiresAt,
  });
  const basketWith = (tenders: GiftCardTender[], state: Basket['state'] = 'OPEN'): Basket => {
    const gift = tenders.reduce((n, t) => n + t.amountMinor, 0);
    return {
      basketId: 'b-1',
      state,
      currency: 'GBP',
      totalMinor: 3300,
      lines: [],
      giftCardTenders: tenders,
      giftCardTotalMinor: gift,
      dueMinor: state === 'OPEN' ? 3300 - gift : 0,
    };
  };
  const event = (basket: Basket) => ({
    type: 'event' as const,
    event: { id: 'b', type: 'basket' as const, data: basket },
  });
  const both = basketWith([held('t-0011', 2000), held('t-0078', 1300)]);
  const shown = reduceSale(reduceSale({ seen: [], basketEvents: 0 }, event(both)), { type: 'cleared' });

  it('a held card gone from the open sale is noted; one this screen removed is not', () => {
    const lapsed = reduceSale(shown, event(basketWith([held('t-0078', 1300)])));
    expect(lapsed.gone?.tenders.map((t) => t.tenderId)).toEqual(['t-0011']);
    const removing: SaleState = { ...shown, busy: { kind: 'remove', basketId: 'b-1', tenderId: 't-0011' } };
    expect(goneHeldTenders(removing, basketWith([held('t-0078', 1300)]))).toEqual([]);
  });

  it('the note goes with the next card applied, Escape, or the sale closing', () => {
    const lapsed = reduceSale(shown, event(basketWith([held('t-0078', 1300)])));
    expect(reduceSale(lapsed, { type: 'applyStarted' }).gone).toBeUndefined();
    expect(reduceSale(lapsed, { type: 'cleared' }).gone).toBeUndefined();
    expect(reduceSale(lapsed, event(basketWith([held('t-0078', 1300)], 'CLOSED'))).gone).toBeUndefined();
    // Another word of the same open sale keeps it.
    expect(reduceSale(lapsed, event(basketWith([held('t-0078', 1300)]))).gone).toBeDefined();
  });

  it('a closed sale losing its cards is no lapse', () => {
    expect(goneHeldTenders(shown, basketWith([], 'CLOSED'))).toEqual([]);
  });

  it('says why when the hold time had come, and only then', () => {
    const t = held('t-0011', 2000, '2026-12-06T14:35:00Z');
    const at = Date.parse('2026-12-06T14:35:10Z');
    expect(goneTenderNote(intlFor('en-GB'), t, '£20.00', '0011', at)).toBe(
      'The card ending 0011 is off the sale: its hold on £20.00 ran out because the sale was left open too long. Apply the card again if the customer still wants to use it.',
    );
    expect(goneTenderNote(intlFor('en-GB'), t, '£20.00', '0011', Date.parse('2026-12-06T14:10:00Z'))).toBe(
      'The card ending 0011 (£20.00) is no longer on the sale. Apply it again if the customer still wants to use it.',
    );
    expect(heldNote(intlFor('en-GB'), '14:35')).toBe('Held on the card until 14:35');
    expect(heldNote(intlFor('en-GB'), undefined)).toBe('Held on the card');
  });
});
