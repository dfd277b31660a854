// The QR forms gift cards and wallet apps use, and the operator's own extractors tried first.
import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../main/agent/scan/decode';
import * as code from './fixtures/scan/codes';
import { CARD, CARD_19, OPTIONS, rawScan, utf8 } from './fixtures/scan/helpers';

const decodeText = (text: string, options = OPTIONS) => decodeScan(rawScan(utf8(text)), options);
const BAD_PIN =
  'The PIN in this code is not 4 to 8 digits, so the code cannot be used. Key the card in by hand.';

describe('QR payloads', () => {
  it('reads a bare number', () => {
    expect(decodeScan(rawScan(code.qr), OPTIONS).card).toEqual({ ok: true, cardNumber: CARD, form: 'bare' });
  });

  it('reads a bare number grouped with spaces or dashes', () => {
    expect(decodeText('6280 3900-0000 0011').card).toMatchObject({ ok: true, cardNumber: CARD });
  });

  it('reads a link naming the card and PIN, with keys in any case and grouped digits', () => {
    expect(decodeScan(rawScan(code.qrUrl), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      pin: '1234',
      form: 'url',
    });
  });

  it.each(['card', 'cardNumber', 'GAN', 'c', 'number'])('reads the card from the query key %s', (key) => {
    expect(decodeText(`https://x.example/r?ref=7&${key}=${CARD}&p=12345678`).card).toEqual({
      ok: true,
      cardNumber: CARD,
      pin: '12345678',
      form: 'url',
    });
  });

  it('reads a "+"-spaced and percent-encoded card in a query', () => {
    expect(decodeText(`https://x.example/?card=6280+3900%2D0000+0011`).card).toMatchObject({
      cardNumber: CARD,
    });
  });

  it('refuses a link that names no card', () => {
    expect(decodeText('https://example.com/promo?id=42').card).toEqual({
      ok: false,
      code: 'UNRECOGNISED',
      reason: 'This code does not contain a gift card number.',
    });
  });

  it.each([
    ['number;pin', code.qrSemicolon],
    ['number=pin', code.qrEquals],
    ['number|pin', code.qrPipe],
  ])('reads %s', (_form, bytes) => {
    expect(decodeScan(rawScan(bytes), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      pin: '1234',
      form: 'delimited',
    });
  });

  it('reads JSON with the card and PIN as strings', () => {
    expect(decodeScan(rawScan(code.qrJson), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      pin: '1234',
      form: 'json',
    });
  });

  it('reads JSON with the card as a number JavaScript holds exactly', () => {
    expect(decodeScan(rawScan(code.qrJsonNumber), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      form: 'json',
    });
  });

  it('refuses a JSON number beyond 2^53 rather than a rounded card number', () => {
    const { card } = decodeScan(rawScan(code.qrJsonHuge), OPTIONS);

    expect(JSON.parse(`{"number":${CARD_19}}`).number.toString()).not.toBe(CARD_19); // what would go wrong
    expect(card).toEqual({
      ok: false,
      code: 'UNRECOGNISED',
      reason:
        'The card number in this code is written in a way that cannot be read exactly. Key the card number in by hand.',
    });
  });

  it('refuses a JSON number written in exponent or decimal form', () => {
    expect(decodeText('{"card":6.280390000000011e15}').card).toMatchObject({ code: 'UNRECOGNISED' });
    expect(decodeText(`{"card":${CARD}.0}`).card).toMatchObject({ code: 'UNRECOGNISED' });
  });

  it('refuses JSON without a card', () => {
    expect(decodeText('{"pin":"1234"}').card).toMatchObject({ ok: false, code: 'UNRECOGNISED' });
  });

  it('makes a malformed PIN, in any form, an unrecognised code that names the PIN', () => {
    for (const text of [
      `${CARD};12`,
      `${CARD}|123456789`,
      `${CARD}=12ab`,
      `https://x.example/?card=${CARD}&pin=1`,
      `{"card":"${CARD}","pin":"abcd"}`,
      `https://id.example/8004/${CARD}?pin=12`,
    ]) {
      expect(decodeText(text).card, text).toEqual({ ok: false, code: 'UNRECOGNISED', reason: BAD_PIN });
    }
  });
});

describe('config extractors', () => {
  const extractors = [
    { name: 'never', regex: '^NOPE(?<card>\\d+)$' },
    { name: 'shop', regex: '^GC:(?<card>[0-9]+)/(?<pin>[0-9]+)$' },
    { name: 'later', regex: '(?<card>[0-9]{16})' },
  ];

  it('tries them first and in order, taking the first match with a card group', () => {
    const { card } = decodeScan(rawScan(code.custom), { ...OPTIONS, extractors });

    expect(card).toEqual({ ok: true, cardNumber: CARD, pin: '9876', form: 'custom' });
  });

  it('tries them before the built-in forms', () => {
    const options = { ...OPTIONS, extractors: [{ name: 'all', regex: '(?<card>[0-9]{16})' }] };

    expect(decodeText(`${CARD};1234`, options).card).toEqual({ ok: true, cardNumber: CARD, form: 'custom' });
  });

  it('checks what they find against the card scheme', () => {
    const options = { ...OPTIONS, extractors: [{ name: 'x', regex: '^X(?<card>\\d+)$' }] };

    expect(decodeText('X6280390000000012', options).card).toMatchObject({ ok: false, code: 'LUHN' });
  });

  it('skips an expression that does not compile or has no card group', () => {
    const options = {
      ...OPTIONS,
      extractors: [
        { name: 'broken', regex: '(?<card>[0-9' },
        { name: 'no group', regex: '[0-9]+' },
      ],
    };

    expect(decodeText(CARD, options).card).toEqual({ ok: true, cardNumber: CARD, form: 'bare' });
  });

  it('without a match, leaves the code to the built-in forms', () => {
    expect(decodeScan(rawScan(code.qrSemicolon), { ...OPTIONS, extractors }).card).toMatchObject({
      form: 'custom', // "later" matches the 16 digits in "number;pin"
    });
    expect(
      decodeScan(rawScan(code.qrSemicolon), { ...OPTIONS, extractors: extractors.slice(0, 2) }).card,
    ).toMatchObject({ form: 'delimited' });
  });
});
