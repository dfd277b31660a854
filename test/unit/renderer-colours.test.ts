// Every colour pair the cashier screen draws meets WCAG AA, and styles.css uses exactly these colours.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  minimumRatio,
  pairsInUse,
  palette,
  type ColourName,
} from '../../renderer/src/colours';
import { intlFor } from '../../renderer/src/i18n/words';
import { describeClose } from '../../renderer/src/sale-words';

const stylesPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../renderer/src/styles.css',
);

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
  });

  it('does not care which colour comes first', () => {
    expect(contrastRatio('#0a58a8', '#eef1f5')).toBe(contrastRatio('#eef1f5', '#0a58a8'));
  });

  it('refuses what is not a hex colour', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow(RangeError);
  });
});

describe('palette', () => {
  it.each(pairsInUse.map((p) => [`${p.fg} on ${p.bg} (${p.where})`, p] as const))(
    '%s meets AA',
    (_, pair) => {
      expect(contrastRatio(palette[pair.fg], palette[pair.bg])).toBeGreaterThanOrEqual(
        minimumRatio[pair.kind],
      );
    },
  );

  it('is what styles.css declares, name for name', () => {
    const css = fs.readFileSync(stylesPath, 'utf8');
    const declared = new Map(
      [...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{3,6})\s*;/gi)].map((m) => [m[1], m[2]]),
    );
    for (const [name, hex] of Object.entries(palette)) {
      const cssName = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(declared.get(cssName), `--${cssName}`).toBe(hex);
    }
    expect(declared.size).toBe(Object.keys(palette).length);
  });

  it('uses no colour in styles.css outside the palette', () => {
    const css = fs.readFileSync(stylesPath, 'utf8').replace(/--[a-z-]+:\s*#[0-9a-f]{3,6}\s*;/gi, '');
    expect(css.match(/#[0-9a-f]{3,6}\b/gi) ?? []).toEqual([]);
  });
});

describe('the sale', () => {
  const drawn = (fg: ColourName, bg: ColourName) => pairsInUse.some((p) => p.fg === fg && p.bg === bg);

  it('draws what is still to pay, its labels and the focus ring readably on the sale’s background', () => {
    expect(drawn('text', 'saleBg')).toBe(true);
    expect(drawn('textMuted', 'saleBg')).toBe(true);
    expect(drawn('focus', 'saleBg')).toBe(true);
    // The amount due is the figure the cashier reads from furthest away: AAA, not just AA.
    expect(contrastRatio(palette.text, palette.saleBg)).toBeGreaterThanOrEqual(7);
  });

  it('has a checked pair for every tone a closed sale or the queue line is drawn in', () => {
    const closes = [
      describeClose(intlFor('en-GB'), {
        state: 'CLOSED',
        closeState: 'DELIVERED',
        giftCardTenders: [tender],
      }),
      describeClose(intlFor('en-GB'), { state: 'CLOSED', closeState: 'QUEUED', giftCardTenders: [tender] }),
      describeClose(intlFor('en-GB'), { state: 'CLOSED', closeState: 'FAILED', giftCardTenders: [tender] }),
      describeClose(intlFor('en-GB'), { state: 'VOIDED', giftCardTenders: [] }),
    ];
    for (const { tone } of closes) expect(drawn(tone, `${tone}Bg` as ColourName), tone).toBe(true);
  });
});

const tender = {
  tenderId: 't1',
  cardNumberMasked: '••••••••••••0011',
  amountMinor: 100,
  balanceBeforeMinor: 100,
  balanceAfterMinor: 0,
  balanceCheckedAt: '2025-03-03T14:30:00Z',
  offline: false,
};
