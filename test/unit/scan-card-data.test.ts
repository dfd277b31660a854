// Card data out of the Scanners panel's traces: every form the decoder accepts a gift card in (its
// own fixtures, the forms of issue 15, JSON, GS1, links, extractors, alphanumeric schemes), through
// the scan service as a device or the keyboard delivers it, leaves neither the number in any
// spelling nor the PIN in the trace's text or hex; hidden by where the decoder found them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanTrace } from '../../main/agent/contract';
import { decodeScan } from '../../main/agent/scan/decode';
import { ScanService, type ScanOutcome } from '../../main/agent/scan/service';
import { maskedHex, maskedText, scrubTrace, TraceLog } from '../../main/agent/scan/trace';
import type { DecodeOptions, RawScan } from '../../main/agent/scan/types';
import { CARD_DATA_SCHEME, CARD_FORMS, leaksIn } from '../helpers/card-data';
import * as code from './fixtures/scan/codes';
import { OPTIONS, rawScan, utf8 } from './fixtures/scan/helpers';

/** The till's default scheme: any 15-19 digits, so that every generated number is a card. */
const ANY_DIGITS: DecodeOptions = { ...OPTIONS, luhn: false };

/** What the Scanners panel would show of these bytes, with the scan service's own decoding. */
function traceOf(
  raw: RawScan,
  options: DecodeOptions,
  affixes: Pick<DecodeOptions, 'prefix' | 'suffix'> = {},
) {
  const traces = new TraceLog();
  let outcome: ScanOutcome | undefined;
  const svc = new ScanService({
    decodeOptions: options,
    dedupeMs: 0,
    store: () => {},
    announceScan: () => {},
    inquire: () => new Promise(() => {}),
    announceCard: () => {},
    seen: (o, r) => {
      outcome = o;
      traces.add(o, r);
    },
  });
  svc.accept(raw, affixes);
  return { trace: traces.list()[0]!, outcome: outcome! };
}

const shown = (t: ScanTrace) => `${t.text}\n${t.rawHex}\n${JSON.stringify(t)}`;

describe("the decoder's own fixtures", () => {
  const fixtures = Object.entries(code).filter(([, v]) => v instanceof Uint8Array) as Array<
    [string, Uint8Array]
  >;
  const accepted = fixtures.flatMap(([name, bytes]) => {
    const options =
      name === 'custom'
        ? { ...OPTIONS, extractors: [{ name: 'gc', regex: '^GC:(?<card>[0-9]+)/(?<pin>[0-9]{4})$' }] }
        : OPTIONS;
    const { card } = decodeScan(rawScan(bytes), options);
    return card.ok ? [{ name, bytes, options, card: card.cardNumber, pin: card.pin }] : [];
  });

  it('include the accepted forms', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(20);
  });

  it.each(accepted)('$name: neither number nor PIN in the trace', ({ bytes, options, card, pin }) => {
    const { trace } = traceOf(rawScan(bytes), options);
    expect(trace.valid).toBe(true);
    expect(leaksIn(shown(trace), { card, ...(pin ? { pin } : {}) })).toEqual([]);
    expect(trace.text).toContain(card.slice(-4));
  });
});

describe('every accepted form, as the keyboard and a serial scanner (prefix, AIM, CR) send it', () => {
  it.each(CARD_FORMS)('$name', (row) => {
    const keyboard = traceOf(
      { source: { kind: 'keyboard', deviceId: 'keyboard' }, bytes: utf8(row.text), at: new Date(0) },
      CARD_DATA_SCHEME,
      { suffix: [] },
    );
    expect(keyboard.outcome.card).toMatchObject({
      ok: true,
      cardNumber: row.card,
      form: row.form,
      ...(row.pin ? { pin: row.pin } : {}),
    });
    expect(leaksIn(shown(keyboard.trace), row)).toEqual([]);

    const serial = traceOf(rawScan(utf8(`\u00a7${row.text}\r\n`)), CARD_DATA_SCHEME, { prefix: '\u00a7' });
    expect(serial.outcome.card).toMatchObject({ ok: true, cardNumber: row.card });
    expect(leaksIn(shown(serial.trace), row)).toEqual([]);
    // The frame around the code stays readable: that is what the panel is for.
    expect(serial.trace.rawHex).toMatch(/^c2 a7 .* 0d 0a$/);
  });

  it('keeps what is not card data readable: the link, the keys, the last 4 digits', () => {
    const row = CARD_FORMS[2]!;
    const { trace } = traceOf(rawScan(utf8(row.text)), CARD_DATA_SCHEME);
    expect(trace.text).toBe(`https://gift.example/r?card=${'•'.repeat(15)}${row.card.slice(-4)}&pin=••••••`);
  });

  it('hides a JSON number written in an escape it cannot point at: the whole payload', () => {
    const row = CARD_FORMS.find((r) => r.name === 'JSON with an escaped digit')!;
    const { trace } = traceOf(rawScan(utf8(row.text)), CARD_DATA_SCHEME);
    expect(trace.text).toBe('•'.repeat(row.text.length));
  });
});

describe('a refused code', () => {
  it.each([
    ['spaced, a digit short', '6280 1000 7000 000;12'],
    ['dashed, bad PIN', '6280-1000-7000-0000-123;12'],
    ['percent-encoded, refused link', 'https://x.example/?card=6280%201000%2D7000%2D0000&pin=%zz'],
    ['long digit run', 'LOT 62801000700000001234'],
  ])('%s: no card-like digit run shows', (_name, text) => {
    const { trace, outcome } = traceOf(rawScan(utf8(text)), CARD_DATA_SCHEME);
    expect(outcome.card.ok).toBe(false);
    const digits = trace.text.replace(/[ -]/g, '');
    expect(digits).not.toMatch(/[0-9]{5,}/);
    expect(trace.rawHex).not.toMatch(/(3[0-9] ){5}/);
  });

  it('keeps what is not a card as it was read', () => {
    expect(traceOf(rawScan(utf8('EAN 5012345\r')), OPTIONS).trace.text).toBe('EAN 5012345');
    expect(maskedText('card=6280390000000011&pin=1234')).toBe('card=••••••••••••0011&pin=1234');
  });
});

describe('the support bundle', () => {
  it('runs a trace through the digit-run net again, text and hex', () => {
    const text = '6280 1000 7000 0000 123';
    const trace: ScanTrace = {
      at: '2026-01-01T00:00:00.000Z',
      deviceId: 'keyboard',
      rawHex: maskedHex(utf8(text), []),
      text,
      valid: true,
      repeat: false,
    };
    const scrubbed = scrubTrace(trace);
    expect(leaksIn(shown(scrubbed), { card: '6280100070000000123' })).toEqual([]);
    expect(scrubbed.text).toBe('•••• •••• •••• •••0 123');
  });
});

describe('masking by position (property)', () => {
  const separators = fc.constantFrom('', ' ', '-', '  ', ' - ', '+');
  it('hides every digit of the number but its last 4, and every digit of the PIN, in text and hex', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9][0-9]{14,18}$/),
        fc.stringMatching(/^[0-9]{4,8}$/),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), separators), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(';', '=', '|'),
        fc.constantFrom('', ']Q1', ']C0'),
        fc.constantFrom('', '\r', '\r\n'),
        (card, pin, groups, delimiter, aim, suffix) => {
          // The number cut into groups with the generated separators between them.
          let written = '';
          let at = 0;
          for (const [size, sep] of groups) {
            if (at >= card.length) break;
            written += (at > 0 ? sep : '') + card.slice(at, at + size);
            at += size;
          }
          if (at < card.length) written += card.slice(at);
          if (written.includes('+')) return; // "+" is a space only in a link's query
          const bytes = utf8(`${aim}${written}${delimiter}${pin}${suffix}`);
          const { card: found, cardData, scan } = decodeScan(rawScan(bytes), ANY_DIGITS);
          if (!found.ok || found.cardNumber !== card) return; // e.g. a GS1-looking or product code
          expect(found.pin).toBe(pin);
          const text = maskedText(scan.text, cardData!.text);
          // At most the last 4 digits show (none when the PIN repeats them: then all is hidden).
          const shownDigits = text.replace(/[^0-9]/g, '');
          expect(['', card.slice(-4)]).toContain(shownDigits);
          const hex = maskedHex(bytes, cardData!.bytes).split(' ');
          const digitBytes = hex.filter((h) => /^3[0-9]$/.test(h)).length;
          expect(digitBytes).toBe(shownDigits.length + (aim === '' ? 0 : 1));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hides every digit of number and PIN in a link, whatever encodes the separators', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9][0-9]{14,18}$/),
        fc.stringMatching(/^[0-9]{4,8}$/),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('', '+', '%20', '%2D', '-')), {
          minLength: 1,
          maxLength: 6,
        }),
        (card, pin, groups) => {
          let written = '';
          let at = 0;
          for (const [size, sep] of groups) {
            if (at >= card.length) break;
            written += (at > 0 ? sep : '') + card.slice(at, at + size);
            at += size;
          }
          if (at < card.length) written += card.slice(at);
          const text = `https://g.example/r?card=${written}&pin=${pin}`;
          const { card: found, cardData, scan } = decodeScan(rawScan(utf8(text)), ANY_DIGITS);
          expect(found).toMatchObject({ ok: true, cardNumber: card, pin });
          const masked = maskedText(scan.text, cardData!.text);
          const query = masked.slice(masked.indexOf('?'));
          // The "20"/"2D" of an escape is not card data, but hidden with it; the last 4 may show.
          expect(query.replace(/[^0-9]/g, '')).not.toMatch(/[0-9]{5,}/);
          expect(query).toMatch(/&pin=•+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
