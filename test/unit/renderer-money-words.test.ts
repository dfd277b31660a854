// The manager's money in words and checks, in English and Welsh: the day's figures and their
// definitions with counts by each language's plural rules, the days that can be picked and their
// names by Intl, top-up and refund states, the refund form, refusals by their code, and voiding a sale.
import { describe, expect, it } from 'vitest';
import type { Basket } from '../../main/agent/contract';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { enGB } from '../../renderer/src/i18n/en-GB';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  amountProblem,
  countOf,
  dayFigures,
  dayName,
  dayNotice,
  describeRefundState,
  describeTopUpState,
  figureWords,
  localDate,
  moneyProblem,
  newActionId,
  readRefund,
  refundQuestion,
  shiftDate,
  voidRefundQuestion,
  voidSaleOutcome,
  voidSaleQuestion,
  voidTopUpQuestion,
  type RefundEntry,
} from '../../renderer/src/money';

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');

describe('the day', () => {
  it('lists every figure of the report once, each with a name and a definition in both languages', () => {
    expect(dayFigures.map((f) => f.figure)).toEqual([
      'redeemed',
      'pending',
      'failed',
      'resolved',
      'topUps',
      'refunds',
      'voided',
    ]);
    for (const { figure } of dayFigures) {
      const english = figureWords(en, figure);
      const welsh = figureWords(cy, figure);
      expect(english.definition).toMatch(/^[A-Z].+\.$/);
      expect(welsh.definition).toMatch(/^[A-Z].+\.$/);
      expect(welsh.label).not.toBe(english.label);
      expect(welsh.definition).not.toBe(english.definition);
    }
    expect(figureWords(en, 'redeemed')).toEqual({
      label: 'Redeemed',
      definition: 'Gift cards taken in sales closed that day and confirmed by Factor4, less those voided.',
    });
    expect(figureWords(cy, 'refunds').label).toBe('Ad-daliadau');
  });

  it('counts by the language’s plural rules (ICU), not by adding an s', () => {
    expect(countOf(en, 'topUp', 1)).toBe('1 top-up');
    expect(countOf(en, 'payment', 3)).toBe('3 card payments');
    expect(countOf(en, 'payment', 0)).toBe('0 card payments');
    expect(countOf(en, 'item', 1)).toBe('1 item');
    expect(countOf(en, 'refund', 2)).toBe('2 refunds');
    expect(countOf(cy, 'payment', 1)).toBe('1 taliad cerdyn');
    expect(countOf(cy, 'payment', 2)).toBe('2 daliad cerdyn');
    expect(countOf(cy, 'payment', 3)).toBe('3 thaliad cerdyn');
    expect(countOf(cy, 'payment', 12)).toBe('12 taliad cerdyn');
    expect(countOf(cy, 'refund', 2)).toBe('2 ad-daliad');
    expect(countOf(cy, 'item', 0)).toBe('0 eitem');
  });

  it('names the till’s own calendar day, the days around it, and a day by Intl for the language', () => {
    expect(localDate(new Date(2026, 11, 6, 23, 59).getTime())).toBe('2026-12-06');
    expect(localDate(new Date(2026, 0, 2, 0, 1).getTime())).toBe('2026-01-02');
    expect(shiftDate('2026-12-01', -1)).toBe('2026-11-30');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-29', -1)).toBe('2026-03-28');
    expect(dayName('2026-12-01')).toBe('Tuesday 1 December 2026');
    expect(dayName('2026-12-01', 'en-GB')).toBe('Tuesday 1 December 2026');
    expect(dayName('2026-12-01', 'cy-GB')).toBe('Dydd Mawrth 1 Rhagfyr 2026');
    expect(dayName('not a day', 'cy-GB')).toBe('not a day');
  });

  it('says what a download or a top-up’s void did', () => {
    expect(dayNotice(en, { kind: 'saved', filename: 'day.csv' })).toBe('Saved day.csv.');
    expect(dayNotice(cy, { kind: 'saved', filename: 'day.csv' })).toBe('Wedi cadw day.csv.');
    const topUp = { amountMinor: 2000, currency: 'GBP', cardNumberMasked: '••••0045' };
    expect(dayNotice(en, { kind: 'topUpVoided', topUp: { ...topUp, state: 'VOIDED' } })).toBe(
      'The £20.00 top-up on the card ending 0045 is voided.',
    );
    expect(dayNotice(en, { kind: 'topUpVoided', topUp: { ...topUp, state: 'VOIDING' } })).toBe(
      'The £20.00 top-up on the card ending 0045 is being voided: Factor4 takes it back off the card when the queue sends it.',
    );
    expect(dayNotice(cy, { kind: 'topUpVoided', topUp: { ...topUp, state: 'VOIDED' } })).toBe(
      'Mae’r £20.00 a ychwanegwyd at y cerdyn sy’n gorffen â 0045 wedi’i ganslo.',
    );
  });
});

describe('states in words, each with its own shape', () => {
  it('top-ups', () => {
    const states = ['PENDING', 'DONE', 'FAILED', 'VOIDING', 'VOIDED'] as const;
    expect(describeTopUpState(en, 'DONE').text).toBe('Loaded');
    expect(describeTopUpState(en, 'VOIDING').text).toBe('Voiding: waiting for Factor4');
    expect(describeTopUpState(cy, 'DONE').text).toBe('Wedi’i ychwanegu');
    for (const s of states) {
      expect(describeTopUpState(en, s).shape).toBeTruthy();
      expect(describeTopUpState(cy, s).text).not.toBe(describeTopUpState(en, s).text);
    }
    expect(
      new Set(['DONE', 'FAILED', 'VOIDED', 'PENDING'].map((s) => describeTopUpState(en, s as 'DONE').shape))
        .size,
    ).toBe(4);
    const topUp = { amountMinor: 2000, currency: 'GBP', cardNumberMasked: '••••0045' };
    expect(voidTopUpQuestion(en, topUp)).toBe(
      'Void the £20.00 top-up on the card ending 0045? Factor4 takes it back off the card.',
    );
    expect(voidTopUpQuestion(cy, topUp)).toBe(
      'Canslo’r £20.00 a ychwanegwyd at y cerdyn sy’n gorffen â 0045? Bydd Factor4 yn ei dynnu’n ôl oddi ar y cerdyn.',
    );
  });

  it('refunds', () => {
    expect(describeRefundState(en, 'DELIVERED')).toEqual({
      text: 'Refunded: on the card now',
      tone: 'good',
      shape: 'circle',
    });
    expect(describeRefundState(en, 'QUEUED').text).toBe(
      'Queued: will reach the card when Centegra Plus is back',
    );
    expect(describeRefundState(en, 'VOIDED').shape).toBe('ring');
    expect(describeRefundState(cy, 'DELIVERED')).toEqual({
      text: 'Wedi’i ad-dalu: ar y cerdyn nawr',
      tone: 'good',
      shape: 'circle',
    });
    const refund = { amountMinor: 500, currency: 'GBP', cardNumberMasked: '••••0011' };
    expect(voidRefundQuestion(en, refund)).toBe(
      'Void the £5.00 refund onto the card ending 0011? Factor4 takes it back off the card.',
    );
    expect(voidRefundQuestion(cy, refund)).toMatch(
      /^Canslo’r ad-daliad £5\.00 ar y cerdyn sy’n gorffen â 0011\?/,
    );
  });
});

describe('a refused refund or void, by its code', () => {
  it('heads a refusal with what the manager does next, in either language', () => {
    const message =
      'The card ending 0011 paid £33.00 in sale b-1; £3.00 of it can still be refunded. Refund no more than that, and the rest another way.';
    const tooMuch = moneyProblem(en, { code: 'REFUND_EXCEEDS_ORIGINAL', message });
    expect(tooMuch.heading).toBe('More than the card paid in that sale');
    expect(tooMuch.message).toContain('£3.00 of it can still be refunded');
    expect(moneyProblem(cy, { code: 'REFUND_EXCEEDS_ORIGINAL', message }).heading).toBe(
      'Mwy nag a dalodd y cerdyn yn y gwerthiant hwnnw',
    );
    expect(moneyProblem(en, { code: 'CARD_NOT_IN_BASKET', message: 'x' }).heading).toBe(
      "That card didn't pay in that sale",
    );
    expect(moneyProblem(en, { code: 'NOT_SUPPORTED', message: 'x' }).heading).toBe(
      'Gift card refunds aren’t available at this site',
    );
    expect(
      moneyProblem(en, { code: 'NOT_FOUND', message: 'There is no basket b-9.' }, 'manager').heading,
    ).toBe('Not found on this till');
    expect(moneyProblem(cy, { code: 'NOT_FOUND', message: 'x' }, 'manager').heading).toBe(
      'Heb ei ganfod ar y til hwn',
    );
  });

  it('takes any other heading and what to do from the one mapping, never IT’s fix for a fault of the link', () => {
    const error = {
      code: 'CENTEGRA_KEY_DISABLED' as const,
      message: 'The key is off. In Centegra Plus, go to Company Settings > External Access & FTP.',
    };
    const keyOff = moneyProblem(en, error);
    expect(keyOff.heading).toBe('Gift card key switched off');
    expect(keyOff.message).not.toContain('Company Settings');
    expect(keyOff.message).toContain('refund another way');
    const welsh = moneyProblem(cy, error);
    expect(welsh.heading).not.toBe(keyOff.heading);
    expect(welsh.message).not.toContain('Company Settings');
    expect(moneyProblem(en, { code: 'OFFLINE', message: 'x' }).heading).toBe(
      "Centegra Plus can't be reached",
    );
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
    expect(readRefund(en, entry(), 'GBP')).toEqual({
      ok: true,
      request: { cardNumber: '6280 3900 0000 0011', amountMinor: 500 },
    });
    expect(readRefund(en, entry({ originalBasketId: ' b-1 ', reason: ' damaged ' }), 'GBP')).toEqual({
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
    expect(readRefund(en, entry({ cardNumber: '' }), 'GBP', 'scan-3')).toEqual({
      ok: true,
      request: { scanId: 'scan-3', amountMinor: 500 },
    });
  });

  it('says which field to fix, in the screen’s language', () => {
    expect(readRefund(en, entry({ cardNumber: ' ' }), 'GBP')).toEqual({
      ok: false,
      field: 'cardNumber',
      message: 'Type or scan the number of the card to refund onto.',
    });
    expect(readRefund(cy, entry({ cardNumber: ' ' }), 'GBP')).toEqual({
      ok: false,
      field: 'cardNumber',
      message: 'Teipiwch neu sganiwch rif y cerdyn i ad-dalu arno.',
    });
    expect(readRefund(en, entry({ amount: '0' }), 'GBP')).toEqual({
      ok: false,
      field: 'amount',
      message: 'Type an amount more than £0.00.',
    });
    expect(readRefund(en, entry({ amount: '4.205' }), 'GBP')).toMatchObject({
      ok: false,
      field: 'amount',
      message: 'At most 2 digits after the point, such as £4.20.',
    });
    expect(readRefund(cy, entry({ amount: '4.205' }), 'GBP')).toMatchObject({
      field: 'amount',
      message: 'Dim mwy na 2 ddigid ar ôl y pwynt, fel £4.20.',
    });
    expect(readRefund(en, entry({ originalBasketId: 'b 1' }), 'GBP')).toMatchObject({
      ok: false,
      field: 'originalBasketId',
    });
    expect(readRefund(en, entry({ reason: 'x'.repeat(201) }), 'GBP')).toMatchObject({
      ok: false,
      field: 'reason',
      message: 'Keep the reason to 200 characters.',
    });
  });

  it('words every way an amount cannot be read, with money by Intl', () => {
    expect(amountProblem(en, 'empty', 'GBP')).toBe('Type an amount.');
    expect(amountProblem(en, 'format', 'GBP')).toBe(
      'Type the amount as digits, such as £4.20 or £12.00, with a point before the pence.',
    );
    expect(amountProblem(en, 'format', 'JPY')).toBe('Type the amount as digits, such as JP¥420 or JP¥1,200.');
    expect(amountProblem(en, 'decimals', 'JPY')).toBe('JPY amounts have no decimals. Type a whole number.');
    expect(amountProblem(en, 'tooLarge', 'GBP')).toBe(
      'That is more than £1,000,000.00, the most Till Agent takes at once.',
    );
    for (const problem of ['empty', 'format', 'decimals', 'tooLarge'] as const)
      expect(amountProblem(cy, problem, 'GBP')).not.toBe(amountProblem(en, problem, 'GBP'));
  });

  it('asks before a refund is sent: how much, onto which card, for which sale', () => {
    expect(refundQuestion(en, 500, 'GBP', '0011')).toBe('Refund £5.00 onto the card ending 0011?');
    expect(refundQuestion(en, 500, 'GBP', '0011', 'b-41')).toBe(
      'Refund £5.00 onto the card ending 0011 for sale b-41?',
    );
    expect(refundQuestion(cy, 500, 'GBP', '0011', 'b-41')).toBe(
      'Ad-dalu £5.00 ar y cerdyn sy’n gorffen â 0011 am werthiant b-41?',
    );
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
    expect(voidSaleQuestion(en, closed)).toBe('Void sale b-1 (total £33.00)? £20.00 goes back to •••• 0011.');
    expect(voidSaleQuestion(en, { ...closed, giftCardTenders: [], giftCardTotalMinor: 0 })).toBe(
      'Void sale b-1 (total £33.00)? It took no gift cards.',
    );
    expect(voidSaleQuestion(en, { ...closed, state: 'OPEN' })).toMatch(/still open on the POS/);
    expect(voidSaleQuestion(en, { ...closed, state: 'VOIDED' })).toBe('Sale b-1 is already voided.');
    const two = {
      ...closed,
      giftCardTenders: [
        ...closed.giftCardTenders,
        { ...closed.giftCardTenders[0]!, cardNumberMasked: '••••0045' },
      ],
    };
    expect(voidSaleQuestion(en, two)).toBe(
      'Void sale b-1 (total £33.00)? £20.00 goes back to •••• 0011, •••• 0045.',
    );
    expect(voidSaleQuestion(cy, closed)).toBe(
      'Canslo gwerthiant b-1 (cyfanswm £33.00)? Bydd £20.00 yn mynd yn ôl i •••• 0011.',
    );
    expect(voidSaleQuestion(cy, { ...closed, state: 'VOIDED' })).toBe(
      'Mae gwerthiant b-1 wedi’i ganslo’n barod.',
    );
  });

  it('says what the void did', () => {
    const voided = { ...closed, state: 'VOIDED' as const };
    expect(voidSaleOutcome(en, closed, voided)).toBe(
      'Sale b-1 is voided. £20.00 goes back to its gift cards once Factor4 confirms it (see the queue).',
    );
    expect(voidSaleOutcome(en, { ...closed, state: 'OPEN' }, voided)).toMatch(/Nothing had been taken/);
    expect(voidSaleOutcome(en, { ...closed, closeState: 'FAILED' }, voided)).toMatch(/nothing goes back/);
    expect(voidSaleOutcome(cy, closed, voided)).toBe(
      'Mae gwerthiant b-1 wedi’i ganslo. Bydd £20.00 yn mynd yn ôl i’w gardiau rhodd pan fydd Factor4 yn cadarnhau (gweler y ciw).',
    );
  });
});

describe('the money catalogue', () => {
  it('has every money message in Welsh, and says figures through arguments, never in the words', () => {
    const ids = Object.keys(enGB).filter((id) =>
      /^(day|dayTopUps?|confirmAction|refund|findRefund|moneyProblem|voidSale)\./.test(id),
    ) as (keyof typeof enGB)[];
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) {
      expect(cyGB[id], id).toBeTruthy();
      expect(enGB[id], id).not.toMatch(/£\d/);
      expect(cyGB[id], id).not.toMatch(/£\d/);
    }
  });
});
