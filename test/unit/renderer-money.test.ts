// The manager's money in words and checks: the day's figures and their definitions, the days that
// can be picked, top-up and refund states, the refund form, voiding a sale, queued items of the
// new kinds and the new audit actions.
import { describe, expect, it } from 'vitest';
import type { Basket } from '../../main/agent/contract';
import { describeAuditAction, describeKind, itemName, itemReference } from '../../renderer/src/manager';
import {
  countOf,
  dayFigures,
  dayName,
  describeRefundState,
  describeTopUpState,
  localDate,
  moneyProblem,
  newActionId,
  readRefund,
  shiftDate,
  voidSaleOutcome,
  voidSaleQuestion,
  voidTopUpQuestion,
  type RefundEntry,
} from '../../renderer/src/money';

describe('the day', () => {
  it('lists every figure of the report once, each with a definition', () => {
    expect(dayFigures.map((f) => f.figure)).toEqual([
      'redeemed',
      'pending',
      'failed',
      'resolved',
      'topUps',
      'refunds',
      'voided',
    ]);
    for (const f of dayFigures) expect(f.definition).toMatch(/^[A-Z].+\.$/);
    expect(countOf(1, 'top-up')).toBe('1 top-up');
    expect(countOf(3, 'card payment')).toBe('3 card payments');
  });

  it('names the till’s own calendar day, the days around it, and a day as a manager reads it', () => {
    expect(localDate(new Date(2026, 11, 6, 23, 59).getTime())).toBe('2026-12-06');
    expect(localDate(new Date(2026, 0, 2, 0, 1).getTime())).toBe('2026-01-02');
    expect(shiftDate('2026-12-01', -1)).toBe('2026-11-30');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-29', -1)).toBe('2026-03-28');
    expect(dayName('2026-12-01')).toBe('Tuesday 1 December 2026');
  });
});

describe('states in words, each with its own shape', () => {
  it('top-ups', () => {
    const states = ['PENDING', 'DONE', 'FAILED', 'VOIDING', 'VOIDED'] as const;
    expect(describeTopUpState('DONE').text).toBe('Loaded');
    expect(describeTopUpState('VOIDING').text).toBe('Voiding: waiting for Factor4');
    for (const s of states) expect(describeTopUpState(s).shape).toBeTruthy();
    expect(
      new Set(['DONE', 'FAILED', 'VOIDED', 'PENDING'].map((s) => describeTopUpState(s as 'DONE').shape)).size,
    ).toBe(4);
    expect(voidTopUpQuestion({ amountMinor: 2000, currency: 'GBP', cardNumberMasked: '••••0045' })).toBe(
      'Void the £20.00 top-up on the card ending 0045? Factor4 takes it back off the card.',
    );
  });

  it('refunds', () => {
    expect(describeRefundState('DELIVERED')).toEqual({
      text: 'Refunded: on the card now',
      tone: 'good',
      shape: 'circle',
    });
    expect(describeRefundState('QUEUED').text).toBe('Queued: will reach the card when Centegra Plus is back');
    expect(describeRefundState('VOIDED').shape).toBe('ring');
  });

  it('refusals under headings a manager acts on, with the agent’s own message', () => {
    const message =
      'The card ending 0011 paid £33.00 in sale b-1; £3.00 of it can still be refunded. Refund no more than that, and the rest another way.';
    expect(moneyProblem({ code: 'REFUND_EXCEEDS_ORIGINAL', message })).toEqual({
      heading: 'More than the card paid in that sale',
      message,
    });
    expect(moneyProblem({ code: 'CARD_NOT_IN_BASKET', message: 'x' }).heading).toBe(
      "That card didn't pay in that sale",
    );
    expect(moneyProblem({ code: 'NOT_SUPPORTED', message: 'x' }).heading).toBe(
      'Gift card refunds aren’t available at this site',
    );
    expect(moneyProblem({ code: 'OFFLINE', message: 'x' }).heading).toBe("Centegra Plus can't be reached");
  });
});

describe('the refund form', () => {
  const entry = (e: Partial<RefundEntry> = {}): RefundEntry => ({
    cardNumber: '6280 3900 0000 0011',
    amount: '5',
    originalBasketId: '',
    reason: '',
    ...e,
  });

  it('reads a typed card, the amount in pence, and leaves out what is empty', () => {
    expect(readRefund(entry(), 'GBP')).toEqual({
      ok: true,
      request: { cardNumber: '6280 3900 0000 0011', amountMinor: 500 },
    });
    expect(readRefund(entry({ originalBasketId: ' b-1 ', reason: ' damaged ' }), 'GBP')).toEqual({
      ok: true,
      request: {
        cardNumber: '6280 3900 0000 0011',
        amountMinor: 500,
        originalBasketId: 'b-1',
        reason: 'damaged',
      },
    });
  });

  it('a scanned card goes by its scan, whatever is typed', () => {
    expect(readRefund(entry({ cardNumber: '' }), 'GBP', 'scan-3')).toEqual({
      ok: true,
      request: { scanId: 'scan-3', amountMinor: 500 },
    });
  });

  it('says which field to fix', () => {
    expect(readRefund(entry({ cardNumber: ' ' }), 'GBP')).toMatchObject({ ok: false, field: 'cardNumber' });
    expect(readRefund(entry({ amount: '0' }), 'GBP')).toMatchObject({ ok: false, field: 'amount' });
    expect(readRefund(entry({ amount: '4.205' }), 'GBP')).toMatchObject({
      ok: false,
      field: 'amount',
      message: 'At most 2 digits after the point, such as £4.20.',
    });
    expect(readRefund(entry({ originalBasketId: 'b 1' }), 'GBP')).toMatchObject({
      ok: false,
      field: 'originalBasketId',
    });
    expect(readRefund(entry({ reason: 'x'.repeat(201) }), 'GBP')).toMatchObject({
      ok: false,
      field: 'reason',
    });
  });

  it('gives each refund its own id, fit for the agent', () => {
    let n = 0;
    const random = (bytes: Uint8Array) => bytes.map(() => n++);
    const id = newActionId('refund', random);
    expect(id).toBe('refund-000102030405060708090a0b');
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newActionId('refund', random)).not.toBe(id);
  });
});

describe('voiding a sale', () => {
  const closed: Basket = {
    basketId: 'b-1',
    state: 'CLOSED',
    currency: 'GBP',
    totalMinor: 3300,
    lines: [],
    giftCardTenders: [
      {
        tenderId: 't1',
        cardNumberMasked: '••••0011',
        amountMinor: 2000,
        balanceBeforeMinor: 5000,
        balanceAfterMinor: 3000,
        balanceCheckedAt: '2026-12-06T10:00:00Z',
        offline: false,
      },
    ],
    giftCardTotalMinor: 2000,
    dueMinor: 0,
    closeState: 'DELIVERED',
  };

  it('asks with what goes back to which card', () => {
    expect(voidSaleQuestion(closed)).toBe('Void sale b-1 (total £33.00)? £20.00 goes back to •••• 0011.');
    expect(voidSaleQuestion({ ...closed, giftCardTenders: [], giftCardTotalMinor: 0 })).toBe(
      'Void sale b-1 (total £33.00)? It took no gift cards.',
    );
    expect(voidSaleQuestion({ ...closed, state: 'OPEN' })).toMatch(/still open on the POS/);
    expect(voidSaleQuestion({ ...closed, state: 'VOIDED' })).toBe('Sale b-1 is already voided.');
  });

  it('says what the void did', () => {
    const voided = { ...closed, state: 'VOIDED' as const };
    expect(voidSaleOutcome(closed, voided)).toBe(
      'Sale b-1 is voided. £20.00 goes back to its gift cards once Factor4 confirms it (see the queue).',
    );
    expect(voidSaleOutcome({ ...closed, state: 'OPEN' }, voided)).toMatch(/Nothing had been taken/);
    expect(voidSaleOutcome({ ...closed, closeState: 'FAILED' }, voided)).toMatch(/nothing goes back/);
  });
});

describe('the queue and the audit, for the new kinds of money', () => {
  it('names each kind of queued item', () => {
    expect(describeKind({ kind: 'CLOSE', basketId: 'b-1' })).toBe('Sale');
    expect(describeKind({ kind: 'VOID', basketId: 'b-1' })).toBe('Cancelled sale');
    expect(describeKind({ kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided');
    expect(describeKind({ kind: 'VOID', basketId: '', refundId: 'rf-1' })).toBe('Refund voided');
    expect(describeKind({ kind: 'REFUND', basketId: '', refundId: 'rf-1' })).toBe('Refund');
    expect(describeKind({ kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back');
  });

  it('says which sale, top-up or refund an item is about, never an empty id', () => {
    expect(itemReference({ kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('tu-1');
    expect(itemReference({ kind: 'REFUND', basketId: 'b-1', refundId: 'rf-1' })).toBe('rf-1 (sale b-1)');
    expect(itemName({ kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided tu-1');
    expect(itemName({ kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back for b-3');
    expect(itemName({ kind: 'CLOSE', basketId: 'b-77' })).toBe('Sale b-77');
  });

  it('reads the new audit actions', () => {
    expect(describeAuditAction('VOID_SALE')).toBe('Sale voided');
    expect(describeAuditAction('VOID_TOPUP')).toBe('Top-up voided');
    expect(describeAuditAction('REFUND')).toBe('Refund made onto a card');
    expect(describeAuditAction('VOID_REFUND')).toBe('Refund voided');
    expect(describeAuditAction('APPROVE_TOPUP')).toBe('Large top-up approved');
    expect(describeAuditAction('TOPUP')).toBe('Card topped up');
  });
});

describe('a refused refund or void, in the one mapping’s words', () => {
  it('never shows IT’s fix for a fault of the link, and keeps the agent’s figures otherwise', () => {
    const keyOff = moneyProblem({
      code: 'CENTEGRA_KEY_DISABLED',
      message: 'The key is off. In Centegra Plus, go to Company Settings > External Access & FTP.',
    });
    expect(keyOff.heading).toBe('Gift card key switched off');
    expect(keyOff.message).not.toContain('Company Settings');
    expect(keyOff.message).toContain('refund another way');
    const tooMuch = moneyProblem({ code: 'REFUND_EXCEEDS_ORIGINAL', message: 'At most £12.00 can go back.' });
    expect(tooMuch).toEqual({
      heading: 'More than the card paid in that sale',
      message: 'At most £12.00 can go back.',
    });
  });
});
