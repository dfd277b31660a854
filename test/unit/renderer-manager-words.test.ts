// The Manager view's sentences in English and Welsh: what the PIN prompt says for each refusal (by
// its code, not the agent's English), a lockout's length (figures from the agent's details), a top-up's approval limit, a queued item's
// name, the notices after an action, and the audit's times.
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../main/agent/contract';
import { adviceCodes, type AdviceCode } from '../../main/agent/contract';
import { adviceFor } from '../../main/agent/manager/advice';
import type { OutboxItem } from '../../main/agent/queue';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  adviceWords,
  describeKind,
  headed,
  idleMessage,
  itemName,
  itemReference,
  lockoutDuration,
  noticeWords,
  pinFormatMessage,
  pinNotSetMessage,
  promptWords,
  type PlainItem,
} from '../../renderer/src/manager';
import { formatTimeToTheSecond } from '../../renderer/src/format';

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');
const refused = (code: ApiError['code'], message: string, details?: ApiError['details']) =>
  headed({ code, message, ...(details ? { details } : {}) });

describe('the PIN prompt’s words', () => {
  it('says a wrong PIN with the tries left, as a plural, in English and Welsh', () => {
    const wrong = refused(
      'MANAGER_PIN_INCORRECT',
      'That PIN is wrong. 4 tries left before the manager view locks for a while.',
      { triesLeft: 4 },
    );
    expect(promptWords(en, wrong)).toEqual({
      heading: 'Wrong PIN',
      message: 'That PIN is wrong. 4 tries left before the manager view locks for a while.',
    });
    const one = refused(
      'MANAGER_PIN_INCORRECT',
      'That PIN is wrong. 1 try left before the manager view locks.',
      { triesLeft: 1 },
    );
    expect(promptWords(en, one).message).toBe(
      'That PIN is wrong. 1 try left before the manager view locks for a while.',
    );
    expect(promptWords(cy, one).message).toBe(
      'Mae’r PIN yn anghywir. 1 cynnig ar ôl cyn i’r golwg rheolwr gloi am ychydig.',
    );
    expect(promptWords(cy, wrong).message).toContain('4 cynnig ar ôl');
    const three = refused('MANAGER_PIN_INCORRECT', 'That PIN is wrong. 3 tries left.', { triesLeft: 3 });
    expect(promptWords(cy, three).message).toContain('3 chynnig ar ôl');
    // The figures come from details, never from the agent's English; without them the words stand alone.
    expect(
      promptWords(en, headed({ code: 'MANAGER_PIN_INCORRECT', message: '', details: { triesLeft: 2 } }))
        .message,
    ).toBe('That PIN is wrong. 2 tries left before the manager view locks for a while.');
    expect(
      promptWords(en, refused('MANAGER_PIN_INCORRECT', 'That PIN is wrong. 3 tries left.')).message,
    ).toBe('That PIN is wrong.');
  });

  it('says a lockout with its try and its length, or without them when the agent names none', () => {
    const locked = refused(
      'MANAGER_LOCKED',
      'That PIN is wrong, and that was the 5th try. The manager view is locked for 2 hours 40 minutes.',
      { tries: 5, lockedMinutes: 160 },
    );
    expect(promptWords(en, locked)).toEqual({
      heading: 'Manager view locked',
      message:
        'That PIN is wrong, and that was the 5th try. The manager view is locked for 2 hours 40 minutes.',
    });
    expect(promptWords(cy, locked).message).toBe(
      'Mae’r PIN yn anghywir, a dyna gynnig rhif 5. Mae’r golwg rheolwr wedi cloi am 2 awr 40 munud.',
    );
    const until = refused('MANAGER_LOCKED', 'Too many wrong PINs. The manager view is locked until 14:47.');
    expect(promptWords(en, until).message).toBe(
      'Too many wrong PINs. The manager view is locked for a while.',
    );
    expect(promptWords(cy, until).message).not.toMatch(/wrong|locked/i);
  });

  it('says a lockout’s length in hours and minutes', () => {
    expect(lockoutDuration(en, 1)).toBe('1 minute');
    expect(lockoutDuration(en, 15)).toBe('15 minutes');
    expect(lockoutDuration(en, 60)).toBe('1 hour');
    expect(lockoutDuration(en, 160)).toBe('2 hours 40 minutes');
    expect(lockoutDuration(en, 1440)).toBe('24 hours');
    expect(lockoutDuration(cy, 2)).toBe('2 funud');
    expect(lockoutDuration(cy, 1440)).toBe('24 awr');
  });

  it('says its own messages (wrong shape, left alone, no PIN, expired) in the screen’s language', () => {
    expect(promptWords(en, pinFormatMessage).heading).toBe('Check the PIN');
    expect(promptWords(cy, pinFormatMessage).heading).toBe('Gwiriwch y PIN');
    expect(promptWords(en, idleMessage).message).toBe(
      'The manager view locked itself after 10 minutes without use. Enter the PIN again.',
    );
    expect(promptWords(en, pinNotSetMessage).message).toMatch(/^No manager PIN is set on this till/);
    expect(promptWords(cy, pinNotSetMessage).message).toMatch(/^Does dim PIN rheolwr/);
    // The agent's expiry, whatever it wrote (a top-up's approval writes its own reason), reads the same.
    const expired = refused('MANAGER_SESSION_EXPIRED', 'A top-up over £100.00 needs a manager.');
    expect(promptWords(en, expired).message).toBe('The manager view has locked itself. Enter the PIN again.');
    expect(promptWords(cy, expired).message).toBe('Mae’r golwg rheolwr wedi cloi ei hun. Rhowch y PIN eto.');
  });

  it('keeps the agent’s own reason, marked as English, where no code of the prompt says it', () => {
    const full = refused('STORAGE_FAILED', "The till's disk is full, so this could not be saved.");
    expect(promptWords(en, full)).toEqual({
      heading: "Couldn't save on this till",
      message: "The till's disk is full, so this could not be saved.",
      lang: 'en',
    });
    expect(promptWords(cy, full).lang).toBe('en');
  });
});

describe('a top-up’s approval', () => {
  it('puts the limit into the screen’s own words', () => {
    expect(en.formatMessage({ id: 'approval.reasonOver' }, { amount: '£100.00' })).toBe(
      'A top-up over £100.00 needs a manager: ask them to enter the manager PIN.',
    );
    expect(cy.formatMessage({ id: 'approval.reasonOver' }, { amount: '£100.00' })).toContain('£100.00');
  });
});

describe('a queued item named', () => {
  it('names each kind in English and Welsh', () => {
    expect(describeKind(en, { kind: 'CLOSE', basketId: 'b-1' })).toBe('Sale');
    expect(describeKind(en, { kind: 'VOID', basketId: '', topUpId: 'tu-1' })).toBe('Top-up voided');
    expect(describeKind(en, { kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back');
    expect(describeKind(cy, { kind: 'CLOSE', basketId: 'b-1' })).toBe('Gwerthiant');
    expect(describeKind(cy, { kind: 'REFUND', basketId: '', refundId: 'rf-1' })).toBe('Ad-daliad');
  });

  it('names the sale a refund came from, and an item in a sentence', () => {
    expect(itemReference(en, { kind: 'REFUND', basketId: 'b-1', refundId: 'rf-1' })).toBe('rf-1 (sale b-1)');
    expect(itemReference(cy, { kind: 'REFUND', basketId: 'b-1', refundId: 'rf-1' })).toBe(
      'rf-1 (gwerthiant b-1)',
    );
    expect(itemName(en, { kind: 'CLOSE', basketId: 'b-77' })).toBe('Sale b-77');
    expect(itemName(en, { kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe('Hold given back for b-3');
    expect(itemName(en, { kind: 'VOID', basketId: '' })).toBe('Cancelled sale');
    expect(itemName(cy, { kind: 'CLOSE', basketId: 'b-77' })).toBe('Gwerthiant b-77');
    expect(itemName(cy, { kind: 'HOLD_RELEASE', basketId: 'b-3' })).toBe(
      'Daliad wedi’i ryddhau ar gyfer b-3',
    );
  });
});

describe('the notice after an action', () => {
  const item = { kind: 'CLOSE', basketId: 'b-77' } as PlainItem;
  it('says what was done, in English and Welsh', () => {
    expect(noticeWords(en, { kind: 'retried', item })).toBe('Sale b-77 will be sent again now.');
    expect(noticeWords(en, { kind: 'resolved', item, resolution: 'WRITTEN_OFF' })).toBe(
      'Sale b-77 marked as written off.',
    );
    expect(noticeWords(en, { kind: 'exported', filename: 'q.csv' })).toBe('Saved q.csv.');
    expect(noticeWords(cy, { kind: 'retried', item })).toBe(
      'Bydd Gwerthiant b-77 yn cael ei anfon eto nawr.',
    );
    expect(noticeWords(cy, { kind: 'exported', filename: 'q.csv' })).toBe('Wedi cadw q.csv.');
    expect(noticeWords(cy, { kind: 'acknowledged' })).toMatch(/^Wedi’i gydnabod/);
  });
});

describe('the audit’s times', () => {
  const now = new Date('2025-03-03T15:00:00Z');
  it('gives the time to the second today, and the day before, in the language', () => {
    expect(formatTimeToTheSecond('2025-03-03T14:32:05Z', now, 'en-GB', 'UTC')).toBe('14:32:05');
    expect(formatTimeToTheSecond('2025-03-01T09:05:00Z', now, 'en-GB', 'UTC')).toBe('1 Mar 2025, 09:05:00');
    expect(formatTimeToTheSecond('2025-03-01T09:05:00Z', now, 'cy-GB', 'UTC')).toMatch(
      /^(1 Maw 2025|01\/03\/2025), 09:05:00$/,
    );
    expect(formatTimeToTheSecond('soon', now, 'en-GB')).toBe('soon');
  });
});

describe('what to do about an item', () => {
  const made = '2026-12-06T10:00:00.000Z';
  const now = Date.parse('2026-12-06T11:15:00.000Z');
  const outbox = (over: Partial<OutboxItem>): OutboxItem => ({
    seq: 1,
    itemId: 'itm_1',
    kind: 'CLOSE',
    basketId: 'b-1',
    requestId: 'r-1',
    state: 'FAILED',
    createdAt: made,
    attempts: 1,
    nextAttemptMs: 0,
    outcomeUnknown: false,
    defect: false,
    giftCardTotalMinor: 3300,
    currency: 'GBP',
    cardsMasked: ['•••• •••• •••• 0011', '•••• •••• •••• 0052'],
    ...over,
  });
  /** The item as the manager's queue sends it to the screen, with the agent's advice and its code. */
  const shown = (item: OutboxItem) => {
    const advice = adviceFor(item, new Date(now));
    return {
      giftCardTotalMinor: item.giftCardTotalMinor,
      currency: item.currency,
      cardNumbersMasked: item.cardsMasked,
      createdAt: item.createdAt,
      ...(advice ? { advice: advice.text, adviceCode: advice.code } : {}),
    };
  };
  const cases: OutboxItem[] = [
    ...['INSUFFICIENT_FUNDS', 'CARD_NOT_ACTIVE', 'CARD_NOT_FOUND', 'IDEMPOTENCY_CONFLICT', 'BAD_REQUEST']
      .concat(['INTERNAL', 'CENTEGRA_ERROR'])
      .map((code) => outbox({ lastErrorCode: code })),
    outbox({ state: 'FAILED', lastErrorCode: 'CARD_NOT_FOUND', cardsMasked: ['•••• 0011'] }),
    outbox({ state: 'PENDING', lastErrorCode: 'CENTEGRA_KEY_DISABLED' }),
    outbox({ state: 'IN_FLIGHT', outcomeUnknown: true }),
    outbox({ state: 'PENDING' }),
  ];

  it('says in English exactly what the agent advises, for every advice code', () => {
    const codes = new Set<string>();
    for (const item of cases) {
      const advice = adviceFor(item, new Date(now))!;
      codes.add(advice.code);
      expect(adviceWords(en, shown(item), now)).toEqual({ text: advice.text });
    }
    expect([...codes].sort()).toEqual([...adviceCodes].sort());
  });

  it('says it in Welsh with the item’s own figures, and none of the agent’s English', () => {
    for (const item of cases) {
      const welsh = adviceWords(cy, shown(item), now)!;
      expect(welsh.lang).toBeUndefined();
      expect(welsh.text).not.toBe(adviceFor(item, new Date(now))!.text);
      expect(welsh.text).not.toMatch(/\b(the|card|customer|sale|waiting)\b/i);
    }
    const spent = adviceWords(cy, shown(outbox({ lastErrorCode: 'INSUFFICIENT_FUNDS' })), now)!.text;
    expect(spent).toContain('£33.00');
    expect(spent).toContain('sy’n gorffen â 0011 a sy’n gorffen â 0052');
    expect(adviceWords(cy, shown(outbox({ state: 'PENDING' })), now)!.text).toMatch(/^Wedi aros 75 munud/);
  });

  it('shows the agent’s English, marked so, for advice whose code this screen does not know', () => {
    // A newer agent's code, which this screen's contract does not list yet.
    const newer = {
      ...shown(outbox({ lastErrorCode: 'INSUFFICIENT_FUNDS' })),
      adviceCode: 'SOMETHING_NEW' as AdviceCode,
    };
    expect(adviceWords(cy, newer, now)).toEqual({ text: newer.advice, lang: 'en' });
    expect(adviceWords(cy, { ...shown(outbox({ resolution: 'COLLECTED' })) }, now)).toBeUndefined();
  });
});
