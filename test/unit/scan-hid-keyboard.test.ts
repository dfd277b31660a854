import { describe, expect, it } from 'vitest';
import {
  KEYBOARD_LAYOUT_NAMES,
  KeyboardReportDecoder,
  type KeyboardProblem,
} from '../../main/agent/scan/hid';
import {
  CAPS_LOCK,
  ENTER,
  EN_US_GIFT_CARD_REPORTS,
  FR_FR_GIFT_CARD_REPORTS,
  LALT,
  LAYOUT_STROKES,
  LCTRL,
  LSHIFT,
  NONE,
  RALT,
  RELEASE,
  TAB,
  report,
  strokes,
  typeText,
} from './fixtures/hid/keystrokes';

/** Feed reports; collect finished scans, the text still open, and every problem. */
function feed(decoder: KeyboardReportDecoder, reports: readonly Uint8Array[]) {
  const scans: string[] = [];
  const problems: KeyboardProblem[] = [];
  let open = '';
  for (const r of reports) {
    const result = decoder.push(r);
    open += result.text;
    problems.push(...result.problems);
    if (result.ended) {
      scans.push(open);
      open = '';
    }
  }
  return { scans, open, problems };
}

const CARD = '6280390000000011';
const URL = 'https://x.example/?card=6280390000000011&pin=1234';
const SYMBOLS = '{"card":"6280390000000011","pin":"1234"}@x|#\\';
const enter = [report(NONE, ENTER), RELEASE];

describe('KeyboardReportDecoder', () => {
  it('decodes the gift card typed on en-US, byte for byte, ending at Enter', () => {
    const decoder = new KeyboardReportDecoder('en-US');

    const out = feed(decoder, EN_US_GIFT_CARD_REPORTS);

    expect(out).toEqual({ scans: [CARD], open: '', problems: [] });
  });

  it('decodes the gift card typed on fr-FR, where digits need Shift', () => {
    expect(feed(new KeyboardReportDecoder('fr-FR'), FR_FR_GIFT_CARD_REPORTS).scans).toEqual([CARD]);
    // The same reports read as en-US are the Shift+digit symbols: why the layout must match the till.
    expect(feed(new KeyboardReportDecoder('en-US'), FR_FR_GIFT_CARD_REPORTS).scans).toEqual([
      '^@*)#())))))))!!',
    ]);
  });

  for (const layout of KEYBOARD_LAYOUT_NAMES) {
    describe(layout, () => {
      const map = LAYOUT_STROKES[layout];

      it('decodes the gift card number', () => {
        expect(feed(new KeyboardReportDecoder(layout), [...typeText(map, CARD), ...enter]).scans).toEqual([
          CARD,
        ]);
      });

      it('decodes a URL that needs Shift', () => {
        const out = feed(new KeyboardReportDecoder(layout), [...typeText(map, URL), ...enter]);
        expect(out).toEqual({ scans: [URL], open: '', problems: [] });
      });

      it('decodes JSON-ish text with AltGr characters', () => {
        const out = feed(new KeyboardReportDecoder(layout), [...typeText(map, SYMBOLS), ...enter]);
        expect(out).toEqual({ scans: [SYMBOLS], open: '', problems: [] });
      });
    });
  }

  it('types the characters only its layout has', () => {
    expect(feed(new KeyboardReportDecoder('en-GB'), typeText(LAYOUT_STROKES['en-GB'], '£5 ~€')).open).toBe(
      '£5 ~€',
    );
    expect(
      feed(new KeyboardReportDecoder('de-DE'), typeText(LAYOUT_STROKES['de-DE'], 'Straße yz ä~€')).open,
    ).toBe('Straße yz ä~€');
    expect(
      feed(new KeyboardReportDecoder('fr-FR'), typeText(LAYOUT_STROKES['fr-FR'], 'àé amqzw €')).open,
    ).toBe('àé amqzw €');
  });

  it('types en-GB non-US # as # and ~, and 0x64 as backslash', () => {
    const out = feed(
      new KeyboardReportDecoder('en-GB'),
      strokes([
        [NONE, 0x32],
        [LSHIFT, 0x32],
        [NONE, 0x64],
        [LSHIFT, 0x1f],
        [LSHIFT, 0x20],
      ]),
    );
    expect(out.open).toBe('#~\\"£');
  });

  it('types a key held across reports once', () => {
    const out = feed(new KeyboardReportDecoder('en-US'), [
      report(NONE, 0x04),
      report(NONE, 0x04),
      report(NONE, 0x04, 0x05),
      report(NONE, 0x05),
      RELEASE,
      report(NONE, 0x04),
    ]);
    expect(out.open).toBe('aba');
  });

  it('ignores a rollover error report and does not retype the keys it hid', () => {
    const rollover = new Uint8Array([0, 0, 1, 1, 1, 1, 1, 1]);
    const out = feed(new KeyboardReportDecoder('en-US'), [
      report(NONE, 0x04),
      rollover,
      report(NONE, 0x04, 0x05),
      RELEASE,
    ]);
    expect(out).toEqual({ scans: [], open: 'ab', problems: [] });
  });

  it('turns Ctrl+] into GS (FNC1), as scanners send it, in every layout', () => {
    const gs1 = (layout: (typeof KEYBOARD_LAYOUT_NAMES)[number]) => {
      const map = LAYOUT_STROKES[layout];
      return [
        ...typeText(map, '0109501101530008'),
        ...strokes([[LCTRL, 0x30]]),
        ...typeText(map, '10ABC'),
        ...enter,
      ];
    };
    for (const layout of KEYBOARD_LAYOUT_NAMES) {
      expect(feed(new KeyboardReportDecoder(layout), gs1(layout)).scans).toEqual([
        '0109501101530008\u001d10ABC',
      ]);
    }
  });

  it('turns Ctrl+letter into its control character, keeping the ones a scan may carry', () => {
    const decoder = new KeyboardReportDecoder('en-US');
    // Ctrl+D (EOT, ISO 15434 trailer) is kept; Ctrl+C is not something a code carries.
    const out = feed(
      decoder,
      strokes([
        [LCTRL, 0x07],
        [LCTRL, 0x06],
        [LCTRL | LSHIFT, 0x23],
      ]),
    );
    expect(out.open).toBe('\u0004\u001e');
    expect(out.problems).toEqual([{ code: 'CONTROL_CHARACTER', usage: 0x06 }]);
    expect(decoder.problemCounts.get('CONTROL_CHARACTER')).toBe(1);
  });

  it('tracks Caps Lock: letters flip case, Shift flips them back, digits and accents stay', () => {
    const decoder = new KeyboardReportDecoder('de-DE');
    const out = feed(decoder, [
      ...strokes([[NONE, CAPS_LOCK]]),
      ...typeText(LAYOUT_STROKES['de-DE'], 'abc1ä'),
      ...strokes([[LSHIFT, 0x04]]),
      ...strokes([[NONE, CAPS_LOCK]]),
      ...typeText(LAYOUT_STROKES['de-DE'], 'a'),
    ]);
    expect(out.open).toBe('ABC1Äaa');
    expect(decoder.capsLockOn).toBe(false);

    const fr = feed(new KeyboardReportDecoder('fr-FR'), [
      ...strokes([[NONE, CAPS_LOCK]]),
      ...strokes([
        [NONE, 0x1f],
        [NONE, 0x14],
      ]),
    ]);
    expect(fr.open).toBe('éA');
  });

  it('ends a scan at Enter, keypad Enter and Tab, saying which', () => {
    const decoder = new KeyboardReportDecoder('en-US');
    expect(decoder.push(report(NONE, ENTER))).toMatchObject({ ended: true, terminator: '\r' });
    decoder.push(RELEASE);
    expect(decoder.push(report(NONE, 0x58))).toMatchObject({ ended: true, terminator: '\r' });
    decoder.push(RELEASE);
    expect(decoder.push(report(NONE, TAB))).toMatchObject({ ended: true, terminator: '\t' });
  });

  it('keeps keys typed after Enter in the same report for the next scan', () => {
    const decoder = new KeyboardReportDecoder('en-US');

    const first = decoder.push(report(NONE, 0x04, ENTER, 0x05));
    const second = decoder.push(RELEASE);

    expect(first).toMatchObject({ text: 'a', ended: true });
    expect(second).toMatchObject({ text: 'b', ended: false });
  });

  it('reads keypad digits with Num Lock assumed on (and the German keypad comma)', () => {
    const keypad = strokes([
      [NONE, 0x59],
      [NONE, 0x61],
      [NONE, 0x62],
      [NONE, 0x63],
      [NONE, 0x56],
    ]);
    expect(feed(new KeyboardReportDecoder('en-US'), keypad).open).toBe('190.-');
    expect(feed(new KeyboardReportDecoder('de-DE'), keypad).open).toBe('190,-');
  });

  it('accepts Ctrl+Left Alt as AltGr, as Windows does', () => {
    expect(feed(new KeyboardReportDecoder('de-DE'), strokes([[LCTRL | LALT, 0x14]])).open).toBe('@');
    expect(feed(new KeyboardReportDecoder('fr-FR'), strokes([[RALT, 0x27]])).open).toBe('@');
  });

  it('composes Alt + keypad codes when Alt is released', () => {
    const decoder = new KeyboardReportDecoder('en-US');
    const out = feed(decoder, [
      report(LALT),
      report(LALT, 0x62), // 0
      report(LALT),
      report(LALT, 0x62), // 0
      report(LALT),
      report(LALT, 0x5a), // 2
      report(LALT),
      report(LALT, 0x61), // 9
      report(LALT),
      RELEASE,
    ]);
    expect(out.open).toBe('\u001d');
  });

  it('counts unknown, non-text and dead keys as problems and types nothing for them', () => {
    const decoder = new KeyboardReportDecoder('de-DE');

    const out = feed(
      decoder,
      strokes([
        [NONE, 0x70],
        [NONE, 0x3a],
        [NONE, 0x35],
        [NONE, 0x04],
      ]),
    );

    expect(out.open).toBe('a');
    expect(out.problems).toEqual([
      { code: 'UNKNOWN_KEY', usage: 0x70 },
      { code: 'NON_TEXT_KEY', usage: 0x3a },
      { code: 'DEAD_KEY', usage: 0x35 },
    ]);
    expect(decoder.problemCount).toBe(3);
  });

  it('reads 9-byte reports with a leading report id when the descriptor numbers them', () => {
    const decoder = new KeyboardReportDecoder('en-US', { reportId: 1 });

    const typed = decoder.push(new Uint8Array([0x01, 0x02, 0x00, 0x04, 0, 0, 0, 0, 0]));
    const other = decoder.push(new Uint8Array([0x02, 0x00, 0x00, 0x05, 0, 0, 0, 0, 0]));

    expect(typed.text).toBe('A');
    expect(other).toEqual({ text: '', ended: false, problems: [{ code: 'WRONG_REPORT_ID' }] });
  });

  it('reports a short report as a problem', () => {
    expect(new KeyboardReportDecoder('en-US').push(new Uint8Array([0, 0, 4]))).toEqual({
      text: '',
      ended: false,
      problems: [{ code: 'SHORT_REPORT' }],
    });
  });

  it('forgets held keys and Caps Lock on reset()', () => {
    const decoder = new KeyboardReportDecoder('en-US');
    decoder.push(report(NONE, CAPS_LOCK));
    decoder.push(report(NONE, 0x04));

    decoder.reset();

    expect(decoder.capsLockOn).toBe(false);
    expect(decoder.push(report(NONE, 0x04)).text).toBe('a');
  });
});
