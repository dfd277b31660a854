// AIM symbology identifiers: each known one names the symbology and is removed from the text; an
// unknown one is removed all the same; an identifier the device gave out of band wins.
import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../main/agent/scan/decode';
import * as code from './fixtures/scan/codes';
import { CARD, OPTIONS, rawScan, utf8 } from './fixtures/scan/helpers';

describe('AIM symbology identifiers', () => {
  it.each([
    [']C0', code.code128, 'CODE128'],
    [']A0', code.code39, 'CODE39'],
    [']I0', code.itf, 'ITF'],
    [']Q0', code.qrModel1, 'QR'],
    [']Q1', code.qr, 'QR'],
    [']d1', code.dataMatrix, 'DATAMATRIX'],
  ])('%s names the symbology and is not part of the card', (aim, bytes, symbology) => {
    const { scan, card } = decodeScan(rawScan(bytes), OPTIONS);

    expect(scan).toMatchObject({ aim, symbology, text: CARD });
    expect(card).toEqual({ ok: true, cardNumber: CARD, form: 'bare' });
  });

  it.each([
    [']E0', code.ean13, 'EAN13', '5012345678900'],
    [']E0', code.upcA, 'UPCA', '0036000291452'],
    [']E4', code.ean8, 'EAN8', '96385074'],
  ])('%s names the retail symbology (%s) of a product code', (aim, bytes, symbology, text) => {
    const { scan, card } = decodeScan(rawScan(bytes), OPTIONS);

    expect(scan).toMatchObject({ aim, symbology, text });
    expect(card).toMatchObject({ ok: false, code: 'PRODUCT_BARCODE' });
  });

  it('reads ]C1, ]d2 and ]Q3 as GS1 (FNC1 in first position)', () => {
    expect(decodeScan(rawScan(code.gs1_128), OPTIONS).scan.symbology).toBe('GS1_128');
    expect(decodeScan(rawScan(code.gs1DataMatrix), OPTIONS).scan.symbology).toBe('GS1_DATAMATRIX');
    expect(decodeScan(rawScan(code.gs1QrGrai), OPTIONS).scan.symbology).toBe('GS1_QR');
  });

  it('reads the QR and Data Matrix modifiers as ISO/IEC 15424 defines them', () => {
    const symbologyOf = (aim: string) => decodeScan(rawScan(utf8(aim + CARD)), OPTIONS).scan.symbology;

    // Q3/Q4: FNC1 first (GS1); Q5/Q6: FNC1 second (an AIM application, not GS1).
    expect(['Q0', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'].map((m) => symbologyOf(`]${m}`))).toEqual([
      'QR',
      'QR',
      'QR',
      'GS1_QR',
      'GS1_QR',
      'QR',
      'QR',
    ]);
    // d2/d5: FNC1 first or fifth (GS1); d3/d6: FNC1 second or sixth.
    expect(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((m) => symbologyOf(`]${m}`))).toEqual([
      'DATAMATRIX',
      'DATAMATRIX',
      'GS1_DATAMATRIX',
      'DATAMATRIX',
      'DATAMATRIX',
      'GS1_DATAMATRIX',
      'DATAMATRIX',
    ]);
  });

  it('undoes the ECI escapes of ]Q2 (a "\\000026" designator, doubled backslashes)', () => {
    const { scan, card } = decodeScan(rawScan(code.qrEci), OPTIONS);

    expect(scan.text).toBe(CARD);
    expect(card).toMatchObject({ ok: true, cardNumber: CARD });
    expect(decodeScan(rawScan(utf8(']Q2a\\\\b')), OPTIONS).scan.text).toBe('a\\b');
  });

  it("takes Zebra's ]X0 as 'symbology not identified': removed, symbology left open", () => {
    const { scan, card } = decodeScan(rawScan(code.zebraX), OPTIONS);

    expect(scan).toMatchObject({ aim: ']X0', text: CARD });
    expect(scan.symbology).toBeUndefined();
    expect(card).toMatchObject({ ok: true, cardNumber: CARD });
  });

  it('still recognises a Bookland EAN (ISBN) under ]X0 as a product', () => {
    expect(decodeScan(rawScan(code.zebraBookland), OPTIONS).card).toMatchObject({ code: 'PRODUCT_BARCODE' });
  });

  it('removes an unknown identifier but names no symbology', () => {
    const { scan, card } = decodeScan(rawScan(code.unknownAim), OPTIONS);

    expect(scan).toMatchObject({ aim: ']Y9', text: CARD });
    expect(scan.symbology).toBeUndefined();
    expect(card).toMatchObject({ ok: true, cardNumber: CARD });
  });

  it('does not take a "]" that starts no identifier for one', () => {
    const { scan } = decodeScan(rawScan(utf8(']]1' + CARD)), OPTIONS);

    expect(scan.aim).toBeUndefined();
    expect(scan.text).toBe(']]1' + CARD);
  });

  it('lets an identifier from the device (HID POS) win over the text', () => {
    const fromHid = rawScan(utf8(']C0' + CARD), {
      source: { kind: 'hid', deviceId: 'hid:0c2e:0901' },
      aimHint: ']Q1',
    });

    const { scan } = decodeScan(fromHid, OPTIONS);

    expect(scan).toMatchObject({ aim: ']Q1', symbology: 'QR', text: ']C0' + CARD });
  });

  it('accepts the device identifier without its "]" and ignores one that is malformed', () => {
    expect(decodeScan(rawScan(utf8(CARD), { aimHint: 'E4' }), OPTIONS).scan.aim).toBe(']E4');
    expect(decodeScan(rawScan(utf8(']C0' + CARD), { aimHint: '??' }), OPTIONS).scan).toMatchObject({
      aim: ']C0',
      text: CARD,
    });
  });

  it('uses a symbology the device named out of band when there is no identifier', () => {
    const { scan, card } = decodeScan(rawScan(utf8('5012345678900'), { symbologyHint: 'EAN13' }), OPTIONS);

    expect(scan.symbology).toBe('EAN13');
    expect(card).toMatchObject({ code: 'PRODUCT_BARCODE' });
    expect(
      decodeScan(rawScan(utf8(CARD), { symbologyHint: 'vendor-0x0b' }), OPTIONS).scan.symbology,
    ).toBeUndefined();
  });
});
