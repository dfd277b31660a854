// The screens' catalogue: every English message has a Welsh one that parses as ICU MessageFormat,
// Welsh plurals name all six of Welsh's categories, the pseudo-locale marks every message, and
// money and times are formatted by Intl for the language.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatTime } from '../../renderer/src/format';
import { cyGB } from '../../renderer/src/i18n/cy-GB';
import { enGB, type MessageId } from '../../renderer/src/i18n/en-GB';
import { messagesFor, PSEUDO, pseudoMessages } from '../../renderer/src/i18n/languages';

const ids = Object.keys(enGB) as MessageId[];

describe('the message catalogue', () => {
  it('gives every id to one area only (a later area would silently replace an earlier one)', async () => {
    const areas = ['common', 'till', 'errors', 'scanners', 'settings', 'manager', 'money'];
    const seen = new Map<string, string>();
    for (const area of areas) {
      for (const language of ['en-GB', 'cy-GB']) {
        const module = (await import(`../../renderer/src/i18n/messages/${area}.${language}.ts`)) as Record<
          string,
          Record<string, string>
        >;
        for (const id of Object.keys(module[area]!)) {
          const key = `${language} ${id}`;
          expect(seen.get(key), `${id} is in ${seen.get(key)} and ${area}`).toBeUndefined();
          seen.set(key, area);
        }
      }
    }
    expect(seen.size).toBe(ids.length * 2);
  });

  it('has a Welsh message for every English one, and no other', () => {
    expect(Object.keys(cyGB).sort()).toEqual([...ids].sort());
  });

  it('parses every message in both languages as ICU MessageFormat', () => {
    for (const id of ids) {
      expect(() => new IntlMessageFormat(enGB[id], 'en-GB'), id).not.toThrow();
      expect(() => new IntlMessageFormat(cyGB[id], 'cy-GB'), id).not.toThrow();
    }
  });

  it('writes every Welsh plural with zero, one, two, few, many and other', () => {
    for (const id of ids.filter((i) => cyGB[i].includes(', plural,'))) {
      for (const category of ['zero', 'one', 'two', 'few', 'many', 'other'])
        expect(cyGB[id], `${id}: ${category}`).toContain(`${category} {`);
    }
  });

  it('counts Welsh sales as a Welsh speaker says them', () => {
    const pending = (count: number) =>
      new IntlMessageFormat(cyGB['queue.pending'], 'cy-GB').format({ count });
    expect(pending(1)).toBe('1 gwerthiant yn aros i’w anfon');
    expect(pending(2)).toBe('2 werthiant yn aros i’w hanfon');
    expect(pending(3)).toBe('3 gwerthiant yn aros i’w hanfon');
    const english = new IntlMessageFormat(enGB['queue.pending'], 'en-GB');
    expect(english.format({ count: 1 })).toBe('1 sale waiting to be sent');
    expect(english.format({ count: 2 })).toBe('2 sales waiting to be sent');
  });

  it('marks every message in the pseudo-locale, leaving its arguments to be filled in', () => {
    const marked = pseudoMessages(enGB);
    for (const id of ids) expect(marked[id]).toBe(`⟦${enGB[id]}⟧`);
    expect(
      new IntlMessageFormat(messagesFor(PSEUDO)['header.till'], 'en-GB').format({
        siteId: 'S1',
        tillId: '7',
      }),
    ).toBe('⟦Site S1 · Till 7⟧');
  });
});

describe('figures for the language', () => {
  it('formats money by Intl for the locale, in the currency’s own decimals', () => {
    expect(formatMoney(2000, 'GBP', 'en-GB')).toBe('£20.00');
    expect(formatMoney(123456, 'GBP', 'cy-GB')).toBe('£1,234.56');
    expect(formatMoney(500, 'JPY', 'en-GB')).toBe('JP¥500');
  });

  it('writes an earlier day in Welsh on a Welsh screen', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(formatTime('2026-12-03T14:32:00Z', now, 'UTC', 'cy-GB')).toBe('3 Rhag 2026, 14:32');
    expect(formatTime('2026-12-03T14:32:00Z', now, 'UTC')).toBe('3 Dec 2026, 14:32');
  });
});
