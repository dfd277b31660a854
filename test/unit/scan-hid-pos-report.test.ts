import { describe, expect, it } from 'vitest';
import {
  ACCESS_IS_LAYOUT,
  HONEYWELL_LAYOUT,
  NEWLAND_LAYOUT,
  PosReportAssembler,
  classifyDevice,
  type PosLayout,
  type PosPushResult,
} from '../../main/agent/scan/hid';
import { MAX_SCAN_BYTES } from '../../main/agent/contract';
import { HONEYWELL_HID_POS_DESCRIPTOR, UNNUMBERED_POS_DESCRIPTOR } from './fixtures/hid/descriptors';
import {
  ACCESS_IS_BCBP_REPORT_1,
  ACCESS_IS_BCBP_REPORT_2,
  ACCESS_IS_MALFORMED_LENGTH_REPORT,
  HONEYWELL_EAN13_REPORT,
  HONEYWELL_GIFT_CARD_REPORT,
  HONEYWELL_URL_REPORT_1,
  HONEYWELL_URL_REPORT_2,
  NEWLAND_GIFT_CARD_REPORT,
  UNNUMBERED_GIFT_CARD_REPORT,
  WRONG_ID_REPORT,
} from './fixtures/hid/pos-reports';

const ascii = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
const URL = 'https://gift.example.co.uk/redeem?card=6280390000000011&pin=1234&ref=till-42';
const BCBP = 'M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23    100';

function layoutFrom(descriptor: Uint8Array): PosLayout {
  const c = classifyDevice(descriptor);
  if (c.kind !== 'hid-pos' || !c.layout) throw new Error('fixture descriptor has no POS layout');
  return c.layout;
}

/** A 64-byte report in the common layout: id 2, length, AIM, data, vendor byte, continued flag. */
function commonReport(data: Uint8Array, continued: boolean, length = data.length): Uint8Array {
  const r = new Uint8Array(64);
  r[0] = 0x02;
  r[1] = length;
  r.set([0x5d, 0x43, 0x30], 2);
  r.set(data.subarray(0, 56), 5);
  r[63] = continued ? 1 : 0;
  return r;
}

describe('PosReportAssembler', () => {
  it('returns a single-report code with its AIM id and Honeywell symbology name', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);

    const result = assembler.push(HONEYWELL_EAN13_REPORT);

    expect(result.done).toBe(true);
    if (!result.done) return;
    expect(ascii(result.bytes)).toBe('5012345678900');
    expect(result.aim).toBe(']E0');
    expect(result.symbologyHint).toBe('EAN13');
  });

  it('reads the gift card the same with or without the report id byte in front', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);

    const withId = assembler.push(HONEYWELL_GIFT_CARD_REPORT);
    const withoutId = assembler.push(HONEYWELL_GIFT_CARD_REPORT.subarray(1));

    expect(withId).toEqual({
      done: true,
      bytes: new TextEncoder().encode('6280390000000011'),
      aim: ']C0',
      symbologyHint: 'CODE128',
    });
    expect(withoutId).toEqual(withId);
  });

  it('joins continued reports until the flag clears', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);

    const first = assembler.push(HONEYWELL_URL_REPORT_1);
    const mid = assembler.bufferedBytes;
    const last = assembler.push(HONEYWELL_URL_REPORT_2);

    expect(first).toEqual({ done: false });
    expect(mid).toBe(56);
    expect(last.done && ascii(last.bytes)).toBe(URL);
    expect(last.done && [last.aim, last.symbologyHint]).toEqual([']Q1', 'QR']);
    expect(assembler.bufferedBytes).toBe(0);
  });

  it("reads Access-IS's two-report example, naming an unknown vendor byte by its value", () => {
    const assembler = new PosReportAssembler(ACCESS_IS_LAYOUT);

    expect(assembler.push(ACCESS_IS_BCBP_REPORT_1)).toEqual({ done: false });
    const result = assembler.push(ACCESS_IS_BCBP_REPORT_2);

    expect(result.done && ascii(result.bytes)).toBe(BCBP);
    expect(result.done && result.aim).toBe(']Q0');
    expect(result.done && result.symbologyHint).toBe('vendor:0x73');
  });

  it('reads the Newland layout, which has no AIM bytes', () => {
    const result = new PosReportAssembler(NEWLAND_LAYOUT).push(NEWLAND_GIFT_CARD_REPORT);

    expect(result).toEqual({
      done: true,
      bytes: new TextEncoder().encode('6280390000000011'),
      symbologyHint: 'vendor:0x31',
    });
  });

  it('reads Honeywell reports identically with the layout read from its descriptor', () => {
    const assembler = new PosReportAssembler(layoutFrom(HONEYWELL_HID_POS_DESCRIPTOR));

    assembler.push(HONEYWELL_URL_REPORT_1);
    const result = assembler.push(HONEYWELL_URL_REPORT_2);

    expect(result.done && ascii(result.bytes)).toBe(URL);
    expect(result.done && result.symbologyHint).toBe('QR');
  });

  it('reads unnumbered reports without a length byte up to their zero padding', () => {
    const assembler = new PosReportAssembler(layoutFrom(UNNUMBERED_POS_DESCRIPTOR));

    const result = assembler.push(UNNUMBERED_GIFT_CARD_REPORT);

    expect(result).toEqual({ done: true, bytes: new TextEncoder().encode('6280390000000011'), aim: ']C0' });
  });

  it('drops a code whose length byte points past the data field, and reads the next one', () => {
    const assembler = new PosReportAssembler(ACCESS_IS_LAYOUT);

    const bad = assembler.push(ACCESS_IS_MALFORMED_LENGTH_REPORT);
    const next = assembler.push(HONEYWELL_GIFT_CARD_REPORT);

    expect(bad).toEqual({
      done: false,
      dropped: { code: 'MALFORMED_LENGTH', message: 'The scanner said 57 bytes but its report holds 56.' },
    });
    expect(next.done && ascii(next.bytes)).toBe('6280390000000011');
    expect(assembler.droppedCount).toBe(1);
  });

  it('takes the length only as far as the report actually reaches', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);

    // Cut short after 15 of the 16 data bytes: the length can't be honoured.
    const cut = assembler.push(HONEYWELL_GIFT_CARD_REPORT.subarray(0, 20));
    // Cut short after the data but before the padding: fine.
    const short = assembler.push(HONEYWELL_GIFT_CARD_REPORT.subarray(0, 21));

    expect(cut.done === false && cut.dropped?.code).toBe('MALFORMED_LENGTH');
    expect(short.done && ascii(short.bytes)).toBe('6280390000000011');
  });

  it('drops the partial code when a continued report is malformed, and the tail that follows it', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);
    const badMiddle = commonReport(new Uint8Array(56).fill(0x41), true, 99);

    expect(assembler.push(HONEYWELL_URL_REPORT_1)).toEqual({ done: false });
    expect(assembler.push(badMiddle)).toMatchObject({ done: false, dropped: { code: 'MALFORMED_LENGTH' } });
    expect(assembler.bufferedBytes).toBe(0);
    expect(assembler.push(HONEYWELL_URL_REPORT_2)).toEqual({ done: false, ignored: 'DISCARDING' });
    const next = assembler.push(HONEYWELL_EAN13_REPORT);
    expect(next.done && ascii(next.bytes)).toBe('5012345678900');
  });

  it('ignores a report with another id, even in the middle of a code', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);

    assembler.push(HONEYWELL_URL_REPORT_1);
    const stray = assembler.push(WRONG_ID_REPORT);
    const last = assembler.push(HONEYWELL_URL_REPORT_2);

    expect(stray).toEqual({ done: false, ignored: 'WRONG_REPORT_ID' });
    expect(last.done && ascii(last.bytes)).toBe(URL);
  });

  it('insists on the id byte when told reports carry it', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT, { reportIdByte: 'present' });

    expect(assembler.push(HONEYWELL_GIFT_CARD_REPORT.subarray(1))).toEqual({
      done: false,
      ignored: 'WRONG_REPORT_ID',
    });
    expect(assembler.push(HONEYWELL_GIFT_CARD_REPORT).done).toBe(true);
  });

  it(`keeps codes up to ${MAX_SCAN_BYTES} bytes and drops longer ones whole`, () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);
    const chunk = new Uint8Array(56).fill(0x37);
    const full = 73; // 73 x 56 = 4088 bytes

    for (let i = 0; i < full; i++) expect(assembler.push(commonReport(chunk, true))).toEqual({ done: false });
    const exact = assembler.push(commonReport(chunk.subarray(0, 8), false)); // 4096

    for (let i = 0; i < full; i++) assembler.push(commonReport(chunk, true));
    const over = assembler.push(commonReport(chunk.subarray(0, 9), false)); // 4097

    expect(exact.done && exact.bytes.length).toBe(MAX_SCAN_BYTES);
    expect(over).toEqual({
      done: false,
      dropped: { code: 'TOO_LONG', message: 'The code is longer than 4096 bytes, so it was not read.' },
    });
    expect(assembler.bufferedBytes).toBe(0);
  });

  it('ignores an empty report rather than returning an empty code', () => {
    const assembler = new PosReportAssembler(NEWLAND_LAYOUT);
    const empty = new Uint8Array(64);
    empty[0] = 0x02;

    expect(assembler.push(empty)).toEqual({ done: false, ignored: 'EMPTY' });
  });

  it('forgets a partial code on reset()', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);

    assembler.push(HONEYWELL_URL_REPORT_1);
    assembler.reset();

    expect(assembler.bufferedBytes).toBe(0);
    const next = assembler.push(HONEYWELL_GIFT_CARD_REPORT);
    expect(next.done && ascii(next.bytes)).toBe('6280390000000011');
  });

  it('hands out a copy, not its own buffer', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);
    const first = assembler.push(HONEYWELL_GIFT_CARD_REPORT) as Extract<PosPushResult, { done: true }>;

    assembler.push(HONEYWELL_EAN13_REPORT);

    expect(ascii(first.bytes)).toBe('6280390000000011');
  });
});
