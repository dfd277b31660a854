// The manager view's words and numbers: ages ("12 min", "2 h 5 min", "3 days"), the summary and
// "Sending 120 of 500" lines, item states and resolutions, audit actions, and the CSV file's name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceAge, formatAge, formatTime } from '../../renderer/src/format';
import { intlFor } from '../../renderer/src/i18n/words';
import {
  describeAuditAction,
  describeItemState,
  describeLastError,
  describeResolution,
  offersResolve,
  offersRetry,
  safeCsvFilename,
  sendingLine,
  summaryParts,
} from '../../renderer/src/manager';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');

describe('formatAge', () => {
  it('says minutes, hours and minutes, or days, as a manager says them', () => {
    expect(formatAge(en, 0)).toBe('less than a minute');
    expect(formatAge(en, 59_999)).toBe('less than a minute');
    expect(formatAge(en, MIN)).toBe('1 min');
    expect(formatAge(en, 12 * MIN + 59_000)).toBe('12 min');
    expect(formatAge(en, HOUR - 1)).toBe('59 min');
    expect(formatAge(en, HOUR)).toBe('1 h');
    expect(formatAge(en, 2 * HOUR + 5 * MIN)).toBe('2 h 5 min');
    expect(formatAge(en, DAY - 1)).toBe('23 h 59 min');
    expect(formatAge(en, DAY)).toBe('1 day');
    expect(formatAge(en, 3 * DAY + 23 * HOUR)).toBe('3 days');
  });

  it('never goes below nothing, and treats nonsense as nothing', () => {
    expect(formatAge(en, -5 * MIN)).toBe('less than a minute');
    expect(formatAge(en, Number.NaN)).toBe('less than a minute');
    expect(formatAge(en, Number.POSITIVE_INFINITY)).toBe('less than a minute');
  });

  it('under a day, reads back as the whole minutes elapsed (rounded down, never up)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: DAY - 1 }), (ms) => {
        const m = /^(?:(\d+) h)?(?: ?(\d+) min)?$/.exec(formatAge(en, ms));
        expect(m).not.toBeNull();
        const minutes = Number(m![1] ?? 0) * 60 + Number(m![2] ?? 0);
        expect(minutes).toBe(Math.floor(ms / MIN));
      }),
    );
  });

  it('from a day on, reads back as the whole days elapsed', () => {
    fc.assert(
      fc.property(fc.integer({ min: DAY, max: 3650 * DAY }), (ms) => {
        // The count as the language groups it: `1,000 days`.
        const m = /^([\d,]+) days?$/.exec(formatAge(en, ms));
        expect(m).not.toBeNull();
        expect(Number(m![1]!.replace(/,/g, ''))).toBe(Math.floor(ms / DAY));
      }),
    );
  });

  it('never says a younger thing is older', () => {
    const inMinutes = (text: string): number => {
      if (text === 'less than a minute') return 0;
      const days = /^(\d+) days?$/.exec(text);
      if (days) return Number(days[1]) * 24 * 60;
      const m = /^(?:(\d+) h)?(?: ?(\d+) min)?$/.exec(text)!;
      return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
    };
    fc.assert(
      fc.property(fc.nat(100 * DAY), fc.nat(100 * DAY), (a, b) => {
        const [young, old] = a <= b ? [a, b] : [b, a];
        expect(inMinutes(formatAge(en, young))).toBeLessThanOrEqual(inMinutes(formatAge(en, old)));
      }),
    );
  });
});

describe('balanceAge', () => {
  it('says how old an offline balance is', () => {
    const now = Date.parse('2025-03-03T15:00:00Z');
    expect(balanceAge(en, '2025-03-03T14:25:00Z', now)).toBe('balance from 35 min ago');
    expect(balanceAge(en, '2025-03-03T14:59:30Z', now)).toBe('balance from less than a minute ago');
    expect(balanceAge(en, 'not a time', now)).toBeUndefined();
  });
});

describe('formatTime', () => {
  const now = new Date('2025-03-03T15:00:00Z');
  it('gives the time today, and the day as well before', () => {
    expect(formatTime('2025-03-03T14:32:10Z', now, 'UTC')).toBe('14:32');
    expect(formatTime('2025-03-01T09:05:00Z', now, 'UTC')).toBe('1 Mar 2025, 09:05');
    expect(formatTime('soon', now)).toBe('soon');
  });
});

describe('the summary line', () => {
  it('gives the counts, and the oldest waiting sale’s age while any wait', () => {
    expect(summaryParts(en, { pending: 3, failed: 1 }, 12 * MIN + 5_000)).toEqual([
      '3 waiting',
      '1 failed',
      'Oldest waiting: 12 min',
    ]);
    expect(summaryParts(en, { pending: 0, failed: 2 }, 5 * MIN)).toEqual(['0 waiting', '2 failed']);
    expect(summaryParts(en, { pending: 4, failed: 0 })).toEqual(['4 waiting', '0 failed']);
  });

  it('says the summary in Welsh on a Welsh screen', () => {
    expect(summaryParts(cy, { pending: 3, failed: 1 }, 12 * MIN)).toEqual([
      '3 yn aros',
      '1 wedi methu',
      'Yr hynaf yn aros: 12 mun',
    ]);
  });

  it('says how far a drain has got, and nothing when nothing drains', () => {
    expect(sendingLine(en, { sent: 120, of: 500 })).toBe('Sending 120 of 500');
    expect(sendingLine(cy, { sent: 120, of: 500 })).toBe('Wrthi’n anfon 120 o 500');
    expect(sendingLine(en, undefined)).toBeUndefined();
    expect(sendingLine(en, { sent: 0, of: 0 })).toBeUndefined();
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), (sent, of) => {
        const m = /^Sending (\d+) of (\d+)$/.exec(sendingLine(en, { sent, of })!.replace(/,/g, ''))!;
        expect(Number(m[2])).toBe(of);
        expect(Number(m[1])).toBeLessThanOrEqual(of);
        expect(Number(m[1])).toBe(Math.min(sent, of));
      }),
    );
  });
});

describe('items', () => {
  it('names each state in words with a tone and a shape', () => {
    expect(describeItemState(en, { state: 'PENDING' })).toEqual({
      text: 'Waiting to be sent',
      tone: 'warning',
      shape: 'triangle',
    });
    expect(describeItemState(en, { state: 'IN_FLIGHT' }).text).toBe('Being sent now');
    expect(describeItemState(en, { state: 'DELIVERED' })).toMatchObject({ tone: 'good', shape: 'circle' });
    expect(describeItemState(en, { state: 'FAILED' })).toMatchObject({
      text: 'Did not go through',
      tone: 'danger',
      shape: 'cross',
    });
    expect(describeItemState(en, { state: 'FAILED', resolution: 'WRITTEN_OFF: written off' })).toMatchObject({
      text: 'Did not go through — resolved',
      tone: 'neutral',
    });
    // The same tone and shape in Welsh: only the words change.
    expect(describeItemState(cy, { state: 'PENDING' })).toEqual({
      text: 'Yn aros i’w anfon',
      tone: 'warning',
      shape: 'triangle',
    });
    expect(describeItemState(cy, { state: 'FAILED' }).text).toBe('Heb fynd drwodd');
  });

  it('offers Retry now for what waits or failed unresolved, and Collected / Written off only for the latter', () => {
    expect(offersRetry({ state: 'PENDING' })).toBe(true);
    expect(offersRetry({ state: 'FAILED' })).toBe(true);
    expect(offersRetry({ state: 'IN_FLIGHT' })).toBe(false);
    expect(offersRetry({ state: 'DELIVERED' })).toBe(false);
    // A resolved item is settled with the customer: sending it again could charge the card after all.
    expect(offersRetry({ state: 'FAILED', resolution: 'COLLECTED: collected from the customer' })).toBe(
      false,
    );
    expect(offersResolve({ state: 'FAILED' })).toBe(true);
    expect(offersResolve({ state: 'PENDING' })).toBe(false);
    expect(offersResolve({ state: 'FAILED', resolution: 'WRITTEN_OFF: written off' })).toBe(false);
  });

  it('reads the agent’s resolution as words', () => {
    expect(describeResolution(en, 'COLLECTED: collected from the customer (paid cash)')).toBe(
      'Collected from the customer (paid cash)',
    );
    expect(describeResolution(en, 'WRITTEN_OFF: written off')).toBe('Written off');
    expect(describeResolution(en, 'settled by phone')).toBe('Settled by phone');
    // In Welsh the agent's words are the screen's own; the note the manager typed stays as typed.
    expect(describeResolution(cy, 'COLLECTED: collected from the customer (paid cash)')).toBe(
      'Wedi’i gasglu gan y cwsmer (paid cash)',
    );
    expect(describeResolution(cy, 'WRITTEN_OFF: written off')).toBe('Wedi’i ddileu o’r cyfrifon');
  });

  it('says the last error by its code, never the agent’s English sentence beside it', () => {
    expect(describeLastError(en, { lastError: 'Not enough.', lastErrorCode: 'INSUFFICIENT_FUNDS' })).toEqual({
      text: 'Not enough on the card',
    });
    // Each fact once: the agent's sentence (and its advice for IT) is not shown beside the heading.
    expect(
      describeLastError(en, {
        lastError:
          "Centegra Plus can't be reached from this till, so gift cards can't be checked. Check the till's network connection, then try again.",
        lastErrorCode: 'OFFLINE',
      }),
    ).toEqual({ text: "Centegra Plus can't be reached" });
    // A code the screen does not know: the agent's first sentence, marked as English.
    expect(
      describeLastError(en, { lastError: 'Conflict. Try later.', lastErrorCode: 'IDEMPOTENCY_CONFLICT' }),
    ).toEqual({ text: 'Conflict.', lang: 'en' });
    expect(describeLastError(en, { lastError: 'Odd.' })).toEqual({ text: 'Odd.', lang: 'en' });
    expect(describeLastError(en, {})).toBeUndefined();
  });

  it('says the last error in Welsh by its code, whatever the agent wrote', () => {
    const said = describeLastError(cy, {
      lastError: "There isn't enough left on this gift card.",
      lastErrorCode: 'INSUFFICIENT_FUNDS',
    });
    expect(said?.lang).toBeUndefined();
    expect(said?.text).not.toMatch(/enough/i);
  });

  it('says audit actions in words, and shows an unknown one as it came', () => {
    expect(describeAuditAction(en, 'WRITTEN_OFF')).toBe('Written off');
    expect(describeAuditAction(en, 'PIN_LOCKOUT')).toBe('Locked after too many wrong PINs');
    expect(describeAuditAction(en, 'NEW_THING')).toBe('NEW_THING');
    expect(describeAuditAction(en, 'toString')).toBe('toString');
    expect(describeAuditAction(cy, 'UNLOCK')).toBe('Golwg rheolwr wedi’i agor');
    expect(describeAuditAction(cy, 'NEW_THING')).toBe('NEW_THING');
  });
});

describe('safeCsvFilename', () => {
  it('keeps the agent’s own names as they are', () => {
    expect(safeCsvFilename('till-agent-queue-0042-2025-03-03.csv')).toBe(
      'till-agent-queue-0042-2025-03-03.csv',
    );
    expect(safeCsvFilename('till-agent-queue-demo-2025-03-03.csv')).toBe(
      'till-agent-queue-demo-2025-03-03.csv',
    );
  });

  it('drops folders, odd characters and hidden-file dots, and ends in .csv', () => {
    expect(safeCsvFilename('../../etc/passwd')).toBe('passwd.csv');
    expect(safeCsvFilename('C:\\Users\\till\\queue.CSV')).toBe('queue.csv');
    expect(safeCsvFilename('.hidden.csv')).toBe('hidden.csv');
    expect(safeCsvFilename('queue for shop #42?.csv')).toBe('queue-for-shop-42.csv');
    expect(safeCsvFilename('')).toBe('till-agent-queue.csv');
    expect(safeCsvFilename('...')).toBe('till-agent-queue.csv');
    expect(safeCsvFilename('£££.csv')).toBe('till-agent-queue.csv');
  });

  it('always gives a short, plain, visible .csv name, and is stable when applied again', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const safe = safeCsvFilename(name);
        expect(safe).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*\.csv$/);
        expect(safe.length).toBeLessThanOrEqual(100);
        expect(safe).not.toContain('..');
        expect(safeCsvFilename(safe)).toBe(safe);
      }),
    );
  });
});
