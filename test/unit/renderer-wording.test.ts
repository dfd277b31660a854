// The words a cashier reads for each card status, error and link state.
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../main/agent/contract';
import { errorHeading } from '../../renderer/src/error-words';
import { intlFor } from '../../renderer/src/i18n/words';
import { formatLongDate } from '../../renderer/src/format';
import { describeStatus, linkWording, showsExpiry, type StatusWording } from '../../renderer/src/wording';

const en = intlFor('en-GB');
/** What an English screen says for a status (the catalogue's words, with the expiry date). */
const said = (wording: StatusWording, expiresOn?: string) =>
  en.formatMessage({ id: wording.message }, { date: expiresOn ? formatLongDate(expiresOn) : '' });
/** A card's status as an English screen shows it, beside its tone, shape and whether it can be spent. */
const shown = (card: Parameters<typeof describeStatus>[0]) => {
  const wording = describeStatus(card);
  return { ...wording, text: said(wording, card.expiresOn) };
};

describe('describeStatus', () => {
  it('says an active card with money on it can be used', () => {
    expect(shown({ status: 'ACTIVE', balanceMinor: 5000 })).toMatchObject({
      text: 'Active — can be used',
      tone: 'good',
      usable: true,
    });
  });

  it('says an active card with nothing on it has nothing left', () => {
    expect(shown({ status: 'ACTIVE', balanceMinor: 0 })).toMatchObject({
      text: 'Nothing left on this card',
      usable: false,
    });
  });

  it('tells the cashier what to do with an inactive or blocked card', () => {
    expect(shown({ status: 'INACTIVE', balanceMinor: 0 }).text).toBe(
      'Not activated — activate it with a top-up before use',
    );
    expect(shown({ status: 'BLOCKED', balanceMinor: 2500 })).toMatchObject({
      text: 'Blocked — do not accept; ask the customer to contact the card issuer',
      tone: 'danger',
      usable: false,
    });
  });

  it('gives the expiry date in words, or just "Expired" when Factor4 gave none', () => {
    expect(shown({ status: 'EXPIRED', balanceMinor: 100, expiresOn: '2024-11-30' }).text).toBe(
      'Expired on 30 November 2024',
    );
    expect(shown({ status: 'EXPIRED', balanceMinor: 100 }).text).toBe('Expired');
  });

  it('draws every status with a shape as well as a colour', () => {
    for (const status of ['ACTIVE', 'INACTIVE', 'BLOCKED', 'EXPIRED'] as const) {
      expect(shown({ status, balanceMinor: 1 }).shape).toBeTruthy();
    }
  });
});

describe('showsExpiry', () => {
  it('notes when a working card stops working, and nothing for an expired one', () => {
    const note = (card: Parameters<typeof showsExpiry>[0]) =>
      showsExpiry(card)
        ? en.formatMessage({ id: 'card.validUntil' }, { date: formatLongDate(card.expiresOn!) })
        : undefined;
    expect(note({ status: 'ACTIVE', expiresOn: '2026-12-31' })).toBe('Valid until 31 December 2026');
    expect(note({ status: 'EXPIRED', expiresOn: '2024-01-01' })).toBeUndefined();
    expect(note({ status: 'ACTIVE' })).toBeUndefined();
  });
});

describe('headings', () => {
  it('has a plain heading for every error code the agent can send', () => {
    for (const code of errorCodes) expect(errorHeading(intlFor('en-GB'), code)).toMatch(/^[A-Z]/);
    expect(errorHeading(intlFor('en-GB'), 'CARD_NOT_FOUND')).toBe('Card number or PIN not recognised');
    expect(errorHeading(intlFor('en-GB'), 'OFFLINE')).toBe("Centegra Plus can't be reached");
    expect(errorHeading(intlFor('en-GB'), 'CENTEGRA_KEY_DISABLED')).toBe('Gift card key switched off');
    expect(errorHeading(intlFor('en-GB'), 'BAD_REQUEST')).toBe('Check the number');
  });

  it('names every link state in words with a shape', () => {
    expect(Object.values(linkWording).map((w) => en.formatMessage({ id: w.message }))).toEqual([
      'Online',
      'Offline',
      'Key switched off',
      'Factor4 down',
    ]);
    expect(new Set(Object.values(linkWording).map((w) => w.shape)).size).toBeGreaterThan(2);
  });
});
