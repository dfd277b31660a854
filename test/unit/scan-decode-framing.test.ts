// Framing: the prefix and suffix a scanner adds are removed exactly once, and the byte-level gates
// (empty, too large, not UTF-8) refuse before anything is parsed.
import { describe, expect, it } from 'vitest';
import { decodeScan, stripAffixes } from '../../main/agent/scan/decode';
import * as code from './fixtures/scan/codes';
import { CARD, OPTIONS, rawScan } from './fixtures/scan/helpers';

describe('stripAffixes', () => {
  it('removes one of the default suffixes (CRLF, CR, LF, Tab), preferring CRLF whole', () => {
    expect(stripAffixes('123\r\n', undefined, undefined)).toBe('123');
    expect(stripAffixes('123\r', undefined, undefined)).toBe('123');
    expect(stripAffixes('123\n', undefined, undefined)).toBe('123');
    expect(stripAffixes('123\t', undefined, undefined)).toBe('123');
  });

  it('removes a suffix only at the end and only once', () => {
    expect(stripAffixes('1\r23', undefined, undefined)).toBe('1\r23');
    expect(stripAffixes('123\r\n\r\n', undefined, undefined)).toBe('123\r\n');
    expect(stripAffixes('123\t\t', undefined, undefined)).toBe('123\t');
  });

  it('uses the configured suffixes instead of the defaults', () => {
    expect(stripAffixes('123\u0003', undefined, ['\u0003'])).toBe('123');
    expect(stripAffixes('123\r', undefined, ['\u0003'])).toBe('123\r');
    expect(stripAffixes('123\r', undefined, [])).toBe('123\r');
  });

  it('removes the configured prefix only at the start and only once', () => {
    expect(stripAffixes('##123\r', '#', undefined)).toBe('#123');
    expect(stripAffixes('1#23', '#', undefined)).toBe('1#23');
    expect(stripAffixes('123', '', undefined)).toBe('123');
  });
});

describe('decodeScan framing', () => {
  it.each([
    ['CRLF', code.bareCrLf],
    ['CR', code.bareCr],
    ['LF', code.bareLf],
    ['Tab', code.bareTab],
  ])('reads a bare card ended by %s', (_name, bytes) => {
    const { scan, card } = decodeScan(rawScan(bytes), OPTIONS);

    expect(scan.text).toBe(CARD);
    expect(card).toEqual({ ok: true, cardNumber: CARD, form: 'bare' });
  });

  it('removes a configured ETX suffix and STX prefix', () => {
    const options = { ...OPTIONS, prefix: '\u0002', suffix: ['\u0003'] };

    expect(decodeScan(rawScan(code.bareEtx), options).card).toMatchObject({ ok: true, cardNumber: CARD });
    expect(decodeScan(rawScan(code.prefixedStx), options).card).toMatchObject({ ok: true, cardNumber: CARD });
  });

  it('leaves an unconfigured suffix in place, where it is a control character', () => {
    const { card } = decodeScan(rawScan(code.bareEtx), OPTIONS);

    expect(card).toMatchObject({ ok: false, code: 'CONTROL_CHARACTERS' });
  });

  it('removes only one suffix: a second CRLF is refused', () => {
    expect(decodeScan(rawScan(code.doubleCrLf), OPTIONS).card).toMatchObject({
      ok: false,
      code: 'CONTROL_CHARACTERS',
    });
  });

  it('gives the raw bytes as lower-case hex', () => {
    expect(decodeScan(rawScan(code.bareCr), OPTIONS).scan.rawHex).toBe(
      '36323830333930303030303030303131' + '0d',
    );
  });

  it('refuses nothing at all, and a code that is only a suffix, as EMPTY', () => {
    expect(decodeScan(rawScan(new Uint8Array()), OPTIONS).card).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(decodeScan(rawScan(Uint8Array.of(0x0d, 0x0a)), OPTIONS).card).toMatchObject({
      ok: false,
      code: 'EMPTY',
    });
  });

  it('refuses more than 4096 bytes before reading them, keeping only the first 64 in hex', () => {
    const huge = new Uint8Array(4097).fill(0x31);

    const { scan, card } = decodeScan(rawScan(huge), OPTIONS);

    expect(card).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(scan.text).toBe('');
    expect(scan.rawHex).toBe('31'.repeat(64) + '…');
    expect(decodeScan(rawScan(new Uint8Array(4096).fill(0x31)), OPTIONS).card).not.toMatchObject({
      code: 'TOO_LARGE',
    });
  });

  it('refuses bytes that are not UTF-8 rather than guessing at them', () => {
    const { scan, card } = decodeScan(rawScan(code.latin1), OPTIONS);

    expect(card).toMatchObject({ ok: false, code: 'INVALID_UTF8' });
    expect(scan).toEqual({ text: '', rawHex: '36323830e90d' });
  });
});
