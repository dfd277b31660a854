// Properties over generated input: decodeScan answers everything without throwing, accepts only
// what the card scheme accepts, and reads a card the same through every form and suffix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../main/agent/cards';
import { decodeScan } from '../../main/agent/scan/decode';
import type { DecodeOptions } from '../../main/agent/scan/types';
import { rawScan, utf8 } from './fixtures/scan/helpers';

const options: fc.Arbitrary<DecodeOptions> = fc.record(
  {
    pattern: fc.constantFrom(
      '^[0-9]{15,19}$',
      '^\\d{16}$',
      '^[0-9]{8,}$',
      '^[A-Z0-9]{6,24}$',
      '^.+$',
      '[0-9]',
    ),
    luhn: fc.boolean(),
    extractors: fc.constantFrom(
      [],
      [{ name: 'shop', regex: '^GC:(?<card>[0-9]+)/(?<pin>[0-9]+)$' }],
      [{ name: 'loose', regex: '(?<card>[0-9]{4,})(?:[^0-9](?<pin>[0-9]{4}))?' }],
    ),
    prefix: fc.constantFrom('#', '\u0002', '~~'),
    suffix: fc.constantFrom(['\r\n', '\r'], ['\u0003'], ['\t', '\n'], []),
  },
  { requiredKeys: ['pattern', 'luhn', 'extractors'] },
);

/** Bytes that are often text and sometimes scanner-ish, not only noise. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 5 * 1024 }),
  fc.string({ unit: 'binary', maxLength: 300 }).map(utf8),
  fc
    .tuple(
      fc.constantFrom('', ']C0', ']C1', ']E0', ']E4', ']Q1', ']Q3', ']d2', ']X0', ']e0', ']Q2'),
      fc.string({ unit: fc.constantFrom(...'0123456789\u001d;=|{}":,abcpz/.?&%+ -'), maxLength: 80 }),
      fc.constantFrom('', '\r', '\r\n', '\t', '\u0003'),
    )
    .map(([aim, body, suffix]) => utf8(aim + body + suffix)),
);

describe('decodeScan properties', () => {
  it('never throws and always answers with a decoded scan and a verdict', () => {
    fc.assert(
      fc.property(
        bytes,
        options,
        fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
        (b, o, aimHint) => {
          const { scan, card } = decodeScan(rawScan(b, aimHint === undefined ? {} : { aimHint }), o);
          expect(typeof scan.text).toBe('string');
          expect(typeof scan.rawHex).toBe('string');
          expect(typeof card.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts a card only when it matches the pattern, and the Luhn check when asked', () => {
    fc.assert(
      fc.property(bytes, options, (b, o) => {
        const { card } = decodeScan(rawScan(b), o);
        if (!card.ok) return;
        expect(card.cardNumber).toMatch(new RegExp(o.pattern));
        if (o.luhn) expect(luhnValid(card.cardNumber)).toBe(true);
        if (card.pin !== undefined) expect(card.pin).toMatch(/^[0-9]{4,8}$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a valid card the same in every form and with every suffix', () => {
    const card = fc
      .stringMatching(/^[1-9][0-9]{13,17}$/)
      .map((body) => body + [...'0123456789'].find((d) => luhnValid(body + d)));
    const pin = fc.option(fc.stringMatching(/^[0-9]{4,8}$/), { nil: undefined });
    const grouped = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');
    const q = (key: string, p: string | undefined, sep = '&') => (p ? `${sep}${key}=${p}` : '');
    interface Wrapping {
      form: string;
      wrap: (n: string, p: string | undefined) => string;
      /** The form carries a PIN when given one. */
      pin?: true;
      /** The form has room for this number (a GRAI serial is at most 16 characters). */
      fits?: (n: string) => boolean;
    }
    const wrappings: Wrapping[] = [
      { form: 'bare', wrap: (n) => n },
      { form: 'bare', wrap: (n) => `]C0${n}` },
      { form: 'bare', wrap: (n) => `]Q1${grouped(n)}` },
      { form: 'bare', wrap: (n) => `]X0${n}` },
      { form: 'gs1', wrap: (n) => `]C18004${n}` },
      { form: 'gs1', wrap: (n) => `]d20109506000134352\u001d8004${n}` },
      { form: 'gs1', wrap: (n) => `]Q3800305012345000009${n}`, fits: (n) => n.length <= 16 },
      { form: 'url', pin: true, wrap: (n, p) => `https://wallet.example/r?card=${n}${q('pin', p)}` },
      {
        form: 'url',
        pin: true,
        wrap: (n, p) => `]Q1HTTPS://W.EXAMPLE/?Number=${grouped(n).replace(/ /g, '+')}${q('P', p)}`,
      },
      {
        form: 'json',
        pin: true,
        wrap: (n, p) => `{"cardNumber":"${grouped(n)}"${p ? `,"pin":"${p}"` : ''}}`,
      },
      {
        form: 'digital-link',
        pin: true,
        wrap: (n, p) => `]Q1https://id.example/8004/${n}${q('pin', p, '?')}`,
      },
      {
        form: 'digital-link',
        pin: true,
        wrap: (n, p) => `https://d.example/01/09506000134352/21/abc?8004=${n}${q('pin', p)}`,
      },
      ...[';', '=', '|'].map((d): Wrapping => ({
        form: 'delimited',
        pin: true,
        wrap: (n, p) => `${n}${d}${p ?? '1234'}`,
      })),
    ];
    const suffix = fc.constantFrom<[string, string[] | undefined]>(
      ['', undefined],
      ['\r', undefined],
      ['\n', undefined],
      ['\r\n', undefined],
      ['\t', undefined],
      ['\u0003', ['\u0003']],
    );
    const opts: DecodeOptions = { pattern: '^[0-9]{15,19}$', luhn: true, extractors: [] };

    fc.assert(
      fc.property(card, pin, fc.constantFrom(...wrappings), suffix, (n, p, w, [sfx, suffixes]) => {
        fc.pre(w.fits?.(n) ?? true);
        const expectedPin = w.pin ? (w.form === 'delimited' ? (p ?? '1234') : p) : undefined;

        const { card: result } = decodeScan(rawScan(utf8(w.wrap(n, p) + sfx)), { ...opts, suffix: suffixes });

        expect(result).toEqual({
          ok: true,
          cardNumber: n,
          ...(expectedPin === undefined ? {} : { pin: expectedPin }),
          form: w.form,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('stays fast on 4 KB of adversarial text (no catastrophic backtracking)', () => {
    const hostile = [
      '1'.repeat(4090),
      '1;'.repeat(2045),
      ' -'.repeat(2045) + 'x',
      'https://x' + '/01'.repeat(1360),
      'https://x/?' + 'card=1&'.repeat(580),
      ']C1' + '10A\u001d'.repeat(1020),
      '{"card":' + '['.repeat(4000),
      ']Q2' + '\\'.repeat(4090),
      ']Q1' + '\u202e'.repeat(1360),
    ];
    for (const text of hostile) {
      const started = performance.now();
      decodeScan(rawScan(utf8(text)), { pattern: '^[0-9]{15,19}$', luhn: true, extractors: [] });
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(50);
    }
  });
});
