// The sale's and the top-up's words from the catalogue (sale-words.ts, money-entry.ts), in English
// exactly as the screens said them before, and in Welsh with money by Intl.
import { describe, expect, it } from 'vitest';
import type { Basket } from '../../main/agent/contract';
import { intlFor } from '../../renderer/src/i18n/words';
import { describeMoneyProblem } from '../../renderer/src/money-entry';
import {
  describeClose,
  goneTenderNote,
  heldNote,
  offlineSaleNote,
  topUpQuestion,
} from '../../renderer/src/sale-words';

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');
/** One card on the sale: only how many there are matters to the close's words. */
const closed = { state: 'CLOSED' as const, giftCardTenders: [{}] as Basket['giftCardTenders'] };

describe('a closed sale, in the screen’s language', () => {
  it('says where its gift cards are, each with its own tone and shape', () => {
    expect(describeClose(en, { ...closed, closeState: 'DELIVERED' })).toEqual({
      text: 'Delivered to Factor4',
      tone: 'good',
      shape: 'circle',
    });
    expect(describeClose(en, { ...closed, closeState: 'QUEUED' }).text).toBe(
      'Queued: will be sent when Centegra Plus is back',
    );
    expect(describeClose(en, { ...closed, closeState: 'FAILED' }).text).toBe(
      'Refused by Factor4 — see the manager',
    );
    expect(describeClose(en, { ...closed, closeState: 'DELIVERED', giftCardTenders: [] }).text).toBe(
      'No gift cards on this sale',
    );
    expect(describeClose(en, { state: 'VOIDED', giftCardTenders: [] }).text).toBe('Cancelled by the POS');
  });

  it('in Welsh', () => {
    expect(describeClose(cy, { ...closed, closeState: 'DELIVERED' }).text).toBe('Wedi’i anfon at Factor4');
    expect(describeClose(cy, { ...closed, closeState: 'QUEUED' })).toEqual({
      text: 'Yn y ciw: caiff ei anfon pan fydd Centegra Plus yn ôl',
      tone: 'warning',
      shape: 'triangle',
    });
    expect(describeClose(cy, { state: 'VOIDED', giftCardTenders: [] }).text).toBe('Wedi’i ganslo gan y POS');
  });
});

describe('held, gone and offline cards', () => {
  const now = Date.parse('2026-12-06T14:40:00Z');
  const lapsed = { holdExpiresAt: '2026-12-06T14:40:30Z' };
  const later = { holdExpiresAt: '2026-12-06T15:10:00Z' };

  it('in English, as before', () => {
    expect(heldNote(en, '14:35')).toBe('Held on the card until 14:35');
    expect(heldNote(en, undefined)).toBe('Held on the card');
    expect(goneTenderNote(en, lapsed, '£20.00', '0011', now)).toBe(
      'The card ending 0011 is off the sale: its hold on £20.00 ran out because the sale was left open too long. Apply the card again if the customer still wants to use it.',
    );
    expect(goneTenderNote(en, later, '£20.00', '0011', now)).toBe(
      'The card ending 0011 (£20.00) is no longer on the sale. Apply it again if the customer still wants to use it.',
    );
    expect(goneTenderNote(en, {}, '£20.00', '0011', now)).toMatch(
      /^The card ending 0011 \(£20.00\) is no longer/,
    );
    expect(offlineSaleNote(en)).toBe('Offline: gift cards can only be taken on their last known balance');
  });

  it('in Welsh, with the figures in place', () => {
    expect(heldNote(cy, '14:35')).toBe('Wedi’i gadw ar y cerdyn tan 14:35');
    expect(heldNote(cy, undefined)).toBe('Wedi’i gadw ar y cerdyn');
    const lapsedNote = goneTenderNote(cy, lapsed, '£20.00', '0011', now);
    expect(lapsedNote).toContain('0011');
    expect(lapsedNote).toContain('£20.00');
    expect(lapsedNote).toContain('daeth hynny i ben');
    expect(goneTenderNote(cy, later, '£20.00', '0011', now)).toMatch(
      /^Dydy’r cerdyn sy’n gorffen â 0011 \(£20.00\)/,
    );
    expect(offlineSaleNote(cy)).toMatch(/^All-lein:/);
  });
});

describe('the top-up’s words', () => {
  it('in English, as before', () => {
    expect(topUpQuestion(en, '0045', '£20.00')).toBe('Top up the card ending 0045 by £20.00?');
  });

  it('in Welsh, money by Intl', () => {
    expect(topUpQuestion(cy, '0045', '£20.00')).toBe('Ychwanegu £20.00 at y cerdyn sy’n gorffen â 0045?');
  });
});

describe('money typed wrong', () => {
  it('in English, unchanged', () => {
    expect(describeMoneyProblem('empty', 'GBP', en)).toBe('Type an amount.');
    expect(describeMoneyProblem('zero', 'GBP', en)).toBe('Type an amount more than £0.00.');
    expect(describeMoneyProblem('format', 'GBP', en)).toBe(
      'Type the amount as digits, such as £4.20 or £12.00, with a point before the pence.',
    );
    expect(describeMoneyProblem('format', 'JPY', en)).toBe(
      'Type the amount as digits, such as JP¥420 or JP¥1,200.',
    );
    expect(describeMoneyProblem('decimals', 'GBP', en)).toBe(
      'At most 2 digits after the point, such as £4.20.',
    );
    expect(describeMoneyProblem('decimals', 'KWD', en)).toMatch(
      /^At most 3 digits after the point, such as KWD\s0\.420\.$/,
    );
    expect(describeMoneyProblem('decimals', 'JPY', en)).toBe(
      'JPY amounts have no decimals. Type a whole number.',
    );
    expect(describeMoneyProblem('tooLarge', 'GBP', en)).toBe(
      'That is more than £1,000,000.00, the most Till Agent takes at once.',
    );
  });

  it('in Welsh, money by Intl', () => {
    expect(describeMoneyProblem('empty', 'GBP', cy)).toBe('Teipiwch swm.');
    expect(describeMoneyProblem('zero', 'GBP', cy)).toBe('Teipiwch swm sy’n fwy na £0.00.');
    expect(describeMoneyProblem('format', 'GBP', cy)).toBe(
      'Teipiwch y swm mewn ffigurau, fel £4.20 neu £12.00, gyda phwynt o flaen y ceiniogau.',
    );
    expect(describeMoneyProblem('decimals', 'GBP', cy)).toBe('Dim mwy na 2 ddigid ar ôl y pwynt, fel £4.20.');
    expect(describeMoneyProblem('tooLarge', 'GBP', cy)).toBe(
      'Mae hynny’n fwy na £1,000,000.00, y mwyaf mae Till Agent yn ei gymryd ar y tro.',
    );
  });
});
