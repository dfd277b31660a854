// GS1: element strings (GS1-128, GS1 DataMatrix, GS1 QR) and Digital Link URIs. A gift card is
// read from 8004 (GIAI), else the serial of 8003 (GRAI), 253 (GDTI) or 255 (GCN); a GTIN alone is
// a product.
import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../main/agent/scan/decode';
import { parseElementString } from '../../main/agent/scan/decode/gs1';
import * as code from './fixtures/scan/codes';
import { CARD, CARD_15, OPTIONS, rawScan, utf8 } from './fixtures/scan/helpers';

const GS = '\u001d';
const decodeText = (text: string, options = OPTIONS) => decodeScan(rawScan(utf8(text)), options);

describe('GS1 element strings', () => {
  it('parses fixed-length AIs without separators and variable ones up to GS', () => {
    expect(parseElementString(`0109506000134352172512311${'0'}LOT42${GS}21S1${GS}8004ABC-1`)).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '17', value: '251231' },
      { ai: '10', value: 'LOT42' },
      { ai: '21', value: 'S1' },
      { ai: '8004', value: 'ABC-1' },
    ]);
  });

  it('tolerates a leading GS and a GS after a fixed-length value', () => {
    expect(parseElementString(`${GS}0109506000134352${GS}414${'5012345000009'}`)).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '414', value: '5012345000009' },
    ]);
  });

  it('rejects what is not an element string', () => {
    expect(parseElementString('')).toBeUndefined();
    expect(parseElementString('6280390000000011')).toBeUndefined(); // 62: no such AI
    expect(parseElementString('01123')).toBeUndefined(); // GTIN too short
    expect(parseElementString(`10${GS}`)).toBeUndefined(); // empty value
    expect(parseElementString(`10${'X'.repeat(21)}`)).toBeUndefined(); // batch over 20
    expect(parseElementString('10A B')).toBeUndefined(); // space is outside GS1's characters
  });

  it('reads the GIAI (8004) of a GS1-128 as the card', () => {
    const { scan, card } = decodeScan(rawScan(code.gs1_128), OPTIONS);

    expect(scan).toMatchObject({ aim: ']C1', symbology: 'GS1_128', text: `8004${CARD_15}` });
    expect(card).toEqual({ ok: true, cardNumber: CARD_15, form: 'gs1' });
  });

  it('reads the GIAI of a GS1 DataMatrix that also names the product it came with', () => {
    expect(decodeScan(rawScan(code.gs1DataMatrix), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      form: 'gs1',
    });
  });

  it('reads the serial of a GRAI (8003) in a GS1 QR', () => {
    expect(decodeScan(rawScan(code.gs1QrGrai), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      form: 'gs1',
    });
  });

  it('reads the serial of a GDTI (253) and of a GCN (255, whose serial is at most 12 digits)', () => {
    const twelveDigits = { ...OPTIONS, pattern: '^[0-9]{12,19}$', luhn: false };

    expect(decodeText(`]C12535012345000009${CARD}`).card).toMatchObject({ ok: true, cardNumber: CARD });
    expect(decodeText(']C12555012345000009628039000001', twelveDigits).card).toMatchObject({
      ok: true,
      cardNumber: '628039000001',
    });
    expect(decodeText(`]C12555012345000009${CARD}`).card).toMatchObject({ ok: false, code: 'UNRECOGNISED' });
  });

  it('prefers GIAI, then GRAI, then GDTI, then GCN', () => {
    const gcn = `255${'5012345000009'}628039000001`;
    const gdti = `253${'5012345000009'}${CARD_15}`;
    const grai = `8003${'05012345000009'}${CARD_15}`;
    const giai = `8004${CARD}`;

    expect(decodeText(`]C1${gcn}${GS}${gdti}${GS}${grai}${GS}${giai}`).card).toMatchObject({
      cardNumber: CARD,
    });
    expect(decodeText(`]C1${gcn}${GS}8003${'05012345000009'}${CARD}`).card).toMatchObject({
      cardNumber: CARD,
    });
  });

  it('passes over a GRAI without a serial: it names a card programme, not a card', () => {
    expect(decodeText(`]C18003${'05012345000009'}${GS}8004${CARD}`).card).toMatchObject({ cardNumber: CARD });
    expect(decodeText(`]C18003${'05012345000009'}`).card).toMatchObject({ ok: false, code: 'UNRECOGNISED' });
  });

  it('calls a GS1 code with only a GTIN, batch and expiry a product barcode', () => {
    expect(decodeScan(rawScan(code.gs1_128Product), OPTIONS).card).toEqual({
      ok: false,
      code: 'PRODUCT_BARCODE',
      reason: "This is a product barcode, not a gift card. Scan the gift card's barcode.",
    });
  });

  it('reads GS1 data with GS separators even without an identifier (keyboard wedge)', () => {
    const { scan, card } = decodeScan(rawScan(code.gs1NoAimGs), OPTIONS);

    expect(scan.symbology).toBeUndefined();
    expect(card).toEqual({ ok: true, cardNumber: CARD_15, form: 'gs1' });
  });

  it('refuses a code that says GS1 but is not a well-formed element string', () => {
    expect(decodeText(']C1hello').card).toEqual({
      ok: false,
      code: 'UNRECOGNISED',
      reason: 'This GS1 barcode is not formed correctly, so no card number can be read from it.',
    });
  });

  it('refuses a GS1 code without a card or product', () => {
    expect(decodeText(']C1414' + '5012345000009').card).toEqual({
      ok: false,
      code: 'UNRECOGNISED',
      reason: 'This GS1 barcode does not contain a gift card number.',
    });
  });

  it('checks the card it found against the card scheme like any other', () => {
    expect(decodeText(']C18004123456').card).toMatchObject({ ok: false, code: 'TOO_SHORT' });
    expect(decodeText(']C18004ABCDEFGHIJKLMNOP').card).toMatchObject({ ok: false, code: 'PATTERN' });
  });
});

describe('GS1 Digital Link', () => {
  it('reads a GIAI in the path', () => {
    const { scan, card } = decodeScan(rawScan(code.digitalLinkPath), OPTIONS);

    expect(scan.symbology).toBe('QR');
    expect(card).toEqual({ ok: true, cardNumber: CARD_15, form: 'digital-link' });
  });

  it('reads a GIAI in the query after a product path, with the PIN', () => {
    expect(decodeScan(rawScan(code.digitalLinkQuery), OPTIONS).card).toEqual({
      ok: true,
      cardNumber: CARD,
      pin: '4321',
      form: 'digital-link',
    });
  });

  it('finds the AIs after any path stem, in upper case links too', () => {
    expect(decodeText(`HTTPS://ID.EXAMPLE.COM/GIFT/CARDS/8003/05012345000009${CARD}`).card).toMatchObject({
      ok: true,
      cardNumber: CARD,
      form: 'digital-link',
    });
  });

  it('percent-decodes values', () => {
    expect(decodeText(`https://id.example/8004/${CARD.slice(0, 4)}%20${CARD.slice(4)}`).card).toMatchObject({
      cardNumber: CARD,
    });
    expect(decodeText('https://id.example/8004/12%zz').card).toMatchObject({
      ok: false,
      code: 'UNRECOGNISED',
    });
  });

  it('calls a Digital Link to a product a product barcode', () => {
    expect(decodeText('https://id.gs1.org/01/09506000134352/10/ABC?17=251231').card).toMatchObject({
      ok: false,
      code: 'PRODUCT_BARCODE',
    });
  });
});
