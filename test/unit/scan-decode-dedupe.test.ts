// ScanDeduper: the same card from the same scanner within the window is one scan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanDeduper } from '../../main/agent/scan/decode';
import { CARD, CARD_15 } from './fixtures/scan/helpers';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 10) + ms);

describe('ScanDeduper', () => {
  it('suppresses a repeat within the window and accepts it after', () => {
    const deduper = new ScanDeduper(1500);

    expect(deduper.isRepeat('hid:1', CARD, at(0))).toBe(false);
    expect(deduper.isRepeat('hid:1', CARD, at(1499))).toBe(true);
    expect(deduper.isRepeat('hid:1', CARD, at(1499 + 1500))).toBe(false);
  });

  it('restarts the window on every read, so a card left on a presentation scanner is one scan', () => {
    const deduper = new ScanDeduper(1500);

    const repeats = [0, 400, 800, 1200, 1600, 2000, 2400].map((ms) =>
      deduper.isRepeat('hid:1', CARD, at(ms)),
    );

    expect(repeats).toEqual([false, true, true, true, true, true, true]);
  });

  it('keeps devices and cards apart', () => {
    const deduper = new ScanDeduper(1500);

    expect(deduper.isRepeat('hid:1', CARD, at(0))).toBe(false);
    expect(deduper.isRepeat('serial:/dev/ttyACM0', CARD, at(10))).toBe(false);
    expect(deduper.isRepeat('hid:1', CARD_15, at(20))).toBe(false);
    expect(deduper.isRepeat('hid:1', CARD, at(30))).toBe(true);
  });

  it('is off with a window of 0 and ignores an invalid time', () => {
    const off = new ScanDeduper(0);
    expect(off.isRepeat('k', CARD, at(0))).toBe(false);
    expect(off.isRepeat('k', CARD, at(0))).toBe(false);

    const deduper = new ScanDeduper(1500);
    expect(deduper.isRepeat('k', CARD, new Date(Number.NaN))).toBe(false);
    expect(deduper.isRepeat('k', CARD, new Date(Number.NaN))).toBe(false);
  });

  it('forgets what is older than the window and never holds more than 1,000 entries', () => {
    const deduper = new ScanDeduper(1500);
    for (let i = 0; i < 5000; i++) deduper.isRepeat('hid:1', String(i), at(i));
    expect(deduper.size).toBeLessThanOrEqual(1000);

    deduper.isRepeat('hid:1', CARD, at(100_000));
    expect(deduper.size).toBe(1);
  });

  it('property: a repeat is exactly "same device and card, less than the window since its last read"', () => {
    const event = fc.record({
      device: fc.constantFrom('hid:1', 'hid:2', 'keyboard'),
      card: fc.constantFrom(CARD, CARD_15, '1234'),
      gap: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2500 }),
        fc.array(event, { maxLength: 60 }),
        (windowMs, events) => {
          const deduper = new ScanDeduper(windowMs);
          const lastSeen = new Map<string, number>();
          let now = 0;
          for (const e of events) {
            now += e.gap;
            const key = `${e.device}|${e.card}`;
            const previous = lastSeen.get(key);
            const expected = previous !== undefined && now - previous < windowMs;
            expect(deduper.isRepeat(e.device, e.card, at(now))).toBe(expected);
            lastSeen.set(key, now);
          }
        },
      ),
    );
  });
});
