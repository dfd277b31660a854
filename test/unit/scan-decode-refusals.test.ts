// Every way a scan is refused, each with its code and the words the cashier reads; product
// barcodes told apart from cards; and no reason ever repeating the number that was scanned.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../main/agent/scan/decode';
import * as code from './fixtures/scan/codes';
import { CARD, CARD_13_ALSO_EAN, OPTIONS, rawScan, utf8 } from './fixtures/scan/helpers';

const decodeText = (text: string, options = OPTIONS) => decodeScan(rawScan(utf8(text)), options);
const PRODUCT = "This is a product barcode, not a gift card. Scan the gift card's barcode.";

describe('refusals, each with its reason', () => {
  it.each([
    ['EMPTY', new Uint8Array(), 'The scanner sent an empty code. Scan the card again.'],
    [
      'TOO_LARGE',
      new Uint8Array(5000),
      "This code is far too long to be a gift card. Scan the gift card's barcode.",
    ],
    [
      'INVALID_UTF8',
      code.latin1,
      "The scanner sent characters that cannot be read. Check the scanner's character set, then scan again.",
    ],
    [
      'CONTROL_CHARACTERS',
      code.bidi,
      "This code contains hidden control characters, so it cannot be trusted. Scan again; if it keeps happening, check the scanner's prefix and suffix settings.",
    ],
    ['PRODUCT_BARCODE', code.ean13, PRODUCT],
    [
      'TOO_SHORT',
      utf8('12345678901'),
      'This number is too short for a gift card: it has 11 digits, a gift card has 15 to 19 digits.',
    ],
    [
      'TOO_LONG',
      utf8('12345678901234567890'),
      'This number is too long for a gift card: it has 20 digits, a gift card has 15 to 19 digits.',
    ],
    [
      'PATTERN',
      utf8('6280ABC0000000011'),
      'This code has characters outside those a gift card number can contain.',
    ],
    [
      'LUHN',
      utf8('6280390000000012'),
      "This card number's check digit is wrong, so it was probably misread. Scan it again or key it in.",
    ],
    ['UNRECOGNISED', utf8('https://example.com/'), 'This code does not contain a gift card number.'],
  ])('%s', (expected, bytes, reason) => {
    expect(decodeScan(rawScan(bytes), OPTIONS).card).toEqual({ ok: false, code: expected, reason });
  });

  it('refuses C0 and C1 controls, DEL and every bidi override or isolate', () => {
    for (const c of ['\u0000', '\u0007', '\u001b', '\u001d', '\u007f', '\u0085', '\u009f']) {
      expect(decodeText(`6280${c}390000000011`).card, JSON.stringify(c)).toMatchObject({
        code: 'CONTROL_CHARACTERS',
      });
    }
    for (let cp = 0x202a; cp <= 0x202e; cp++) {
      expect(decodeText(`6280${String.fromCodePoint(cp)}390000000011`).card).toMatchObject({
        code: 'CONTROL_CHARACTERS',
      });
    }
    for (let cp = 0x2066; cp <= 0x2069; cp++) {
      expect(decodeText(`6280${String.fromCodePoint(cp)}390000000011`).card).toMatchObject({
        code: 'CONTROL_CHARACTERS',
      });
    }
  });

  it('refuses control characters hidden in a link or JSON too', () => {
    expect(decodeText('https://x.example/?card=6280%0A390000000011').card).toMatchObject({
      code: 'CONTROL_CHARACTERS',
    });
    expect(decodeText('{"card":"6280\\u202e390000000011"}').card).toMatchObject({
      code: 'CONTROL_CHARACTERS',
    });
  });

  it('allows GS only as the separator of GS1 data', () => {
    expect(decodeScan(rawScan(code.gs1DataMatrix), OPTIONS).card).toMatchObject({ ok: true });
    expect(decodeText(`]Q1${CARD}\u001d`).card).toMatchObject({ code: 'CONTROL_CHARACTERS' });
  });

  it('says PATTERN, not too short or long, when the pattern is not a simple digit range', () => {
    const options = { ...OPTIONS, pattern: '^(62|63)[0-9]{14}$', luhn: false };

    expect(decodeText('64' + CARD.slice(2), options).card).toEqual({
      ok: false,
      code: 'PATTERN',
      reason: "This number is not in the format of this shop's gift cards.",
    });
  });

  it('derives the lengths from ^\\d{m,n}$, ^[0-9]{n}$ and ^[0-9]{m,}$ too', () => {
    expect(decodeText('12345', { ...OPTIONS, pattern: '^\\d{6,8}$', luhn: false }).card).toMatchObject({
      code: 'TOO_SHORT',
      reason: 'This number is too short for a gift card: it has 5 digits, a gift card has 6 to 8 digits.',
    });
    expect(decodeText('1234567', { ...OPTIONS, pattern: '^[0-9]{6}$', luhn: false }).card).toMatchObject({
      code: 'TOO_LONG',
      reason: 'This number is too long for a gift card: it has 7 digits, a gift card has 6 digits.',
    });
    expect(decodeText('12345', { ...OPTIONS, pattern: '^[0-9]{6,}$', luhn: false }).card).toMatchObject({
      code: 'TOO_SHORT',
      reason: 'This number is too short for a gift card: it has 5 digits, a gift card has at least 6 digits.',
    });
  });

  it('refuses every card, without throwing, when cards.pattern does not compile', () => {
    expect(decodeText(CARD, { ...OPTIONS, pattern: '([0-9' }).card).toEqual({
      ok: false,
      code: 'UNRECOGNISED',
      reason: "The gift card format in this till's settings (cards.pattern) is not valid. Ask a manager.",
    });
  });
});

describe('product barcodes', () => {
  it.each([
    ['EAN-13', '5012345678900'],
    ['UPC-A', '036000291452'],
    ['EAN-8', '96385074'],
  ])('refuses the %s %s, with or without an identifier', (_kind, digits) => {
    expect(decodeText(digits).card).toEqual({ ok: false, code: 'PRODUCT_BARCODE', reason: PRODUCT });
    const aim = digits.length === 8 ? ']E4' : ']E0';
    const sent = digits.length === 12 ? '0' + digits : digits;
    expect(decodeText(aim + sent).card).toEqual({ ok: false, code: 'PRODUCT_BARCODE', reason: PRODUCT });
  });

  it('refuses a UPC-E and an EAN-13 with its add-on', () => {
    expect(decodeText(']E001234565').card).toMatchObject({ code: 'PRODUCT_BARCODE' });
    expect(decodeText(']E3501234567890012345').card).toMatchObject({ code: 'PRODUCT_BARCODE' });
  });

  it('does not call 13 digits with a wrong EAN check digit a product', () => {
    expect(decodeText('5012345678901').card).toMatchObject({ code: 'TOO_SHORT' });
  });

  describe('a 13-digit card number that is also a valid EAN-13', () => {
    const thirteen = { ...OPTIONS, pattern: '^[0-9]{13}$' };

    it('is a card when it arrives without an identifier and the card scheme accepts it', () => {
      expect(decodeText(CARD_13_ALSO_EAN, thirteen).card).toEqual({
        ok: true,
        cardNumber: CARD_13_ALSO_EAN,
        form: 'bare',
      });
    });

    it('is a card when the scanner says it is not EAN/UPC (e.g. Code 128)', () => {
      expect(decodeText(`]C0${CARD_13_ALSO_EAN}`, thirteen).card).toMatchObject({ ok: true });
    });

    it('is a product when the scanner says EAN-13', () => {
      expect(decodeText(`]E0${CARD_13_ALSO_EAN}`, thirteen).card).toMatchObject({ code: 'PRODUCT_BARCODE' });
    });

    it('is a product, not "too short", when the card scheme refuses it', () => {
      expect(decodeText(CARD_13_ALSO_EAN).card).toMatchObject({ code: 'PRODUCT_BARCODE' });
    });

    it('can still be taken from an EAN-13 by an extractor the shop writes', () => {
      const options = {
        ...thirteen,
        extractors: [{ name: 'in-store EAN', regex: '^(?<card>628039\\d{7})$' }],
      };

      expect(decodeText(`]E0${CARD_13_ALSO_EAN}`, options).card).toMatchObject({ ok: true, form: 'custom' });
    });
  });
});

describe('reasons', () => {
  it('never contain the card number that was scanned', () => {
    const cardNumber = fc.stringMatching(/^[1-9][0-9]{9,22}$/);
    const wrap = fc.constantFrom(
      (n: string) => n,
      (n: string) => `]E0${n}`,
      (n: string) => `${n}\u0007`,
      (n: string) => `${n};12`,
      (n: string) => `https://x.example/?card=${n}&pin=x`,
      (n: string) => `{"card":${n}}`,
      (n: string) => `]C18004${n}`,
      (n: string) => `${n}A`,
      (n: string) => `]C1${n}`,
    );
    fc.assert(
      fc.property(cardNumber, wrap, fc.boolean(), (n, w, luhn) => {
        const { card } = decodeText(w(n), { ...OPTIONS, luhn });
        if (!card.ok) expect(card.reason).not.toContain(n);
      }),
      { numRuns: 500 },
    );
  });
});
