import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_CONTROL_CHARS,
  HONEYWELL_LAYOUT,
  KEYBOARD_LAYOUT_NAMES,
  VENDOR_LAYOUTS,
  KeyboardReportDecoder,
  PosReportAssembler,
  choosePosLayout,
  classifyDevice,
  derivePosLayout,
  osOwnsDevice,
  parseReportDescriptor,
  type PosLayout,
} from '../../main/agent/scan/hid';
import { MAX_SCAN_BYTES } from '../../main/agent/contract';
import { HONEYWELL_HID_POS_DESCRIPTOR, UNNUMBERED_POS_DESCRIPTOR } from './fixtures/hid/descriptors';

/** A real descriptor with a few bytes overwritten: closer to the inputs that break parsers. */
const mutatedDescriptor = fc
  .array(
    fc.tuple(fc.nat({ max: HONEYWELL_HID_POS_DESCRIPTOR.length - 1 }), fc.integer({ min: 0, max: 255 })),
    {
      maxLength: 8,
    },
  )
  .map((edits) => {
    const bytes = HONEYWELL_HID_POS_DESCRIPTOR.slice();
    for (const [at, value] of edits) bytes[at] = value;
    return bytes;
  });

const anyDescriptor = fc.oneof(fc.uint8Array({ maxLength: 600 }), mutatedDescriptor);

/** Reports shaped like a scanner's (64 bytes, id 2 first) plus arbitrary ones. */
const anyReport = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  fc.uint8Array({ minLength: 63, maxLength: 63 }).map((payload) => new Uint8Array([0x02, ...payload])),
);

const layouts: PosLayout[] = [
  ...VENDOR_LAYOUTS.values(),
  choosePosLayout(0, UNNUMBERED_POS_DESCRIPTOR),
  choosePosLayout(0, HONEYWELL_HID_POS_DESCRIPTOR),
];

describe('HID decoding never throws', () => {
  it('on arbitrary descriptor bytes', () => {
    fc.assert(
      fc.property(anyDescriptor, fc.integer({ min: 0, max: 0xffff }), (bytes, vendorId) => {
        const parsed = parseReportDescriptor(bytes);
        classifyDevice(bytes, vendorId);
        derivePosLayout(parsed, vendorId);
        const layout = choosePosLayout(vendorId, bytes);
        expect(layout.dataLength).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary reports, through any layout, including ones read from arbitrary descriptors', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...layouts),
          anyDescriptor.map((d) => choosePosLayout(0x0c2e, d)),
        ),
        fc.array(anyReport, { maxLength: 40 }),
        (layout, reports) => {
          const assembler = new PosReportAssembler(layout);
          for (const report of reports) {
            const result = assembler.push(report);
            if (result.done) expect(result.bytes.length).toBeLessThanOrEqual(MAX_SCAN_BYTES);
            expect(assembler.bufferedBytes).toBeLessThanOrEqual(MAX_SCAN_BYTES);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary device summaries', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('win32', 'darwin', 'linux', 'freebsd'),
        fc.record(
          { usagePage: fc.integer(), usage: fc.integer(), product: fc.string() },
          { requiredKeys: [] },
        ),
        (platform, device) => {
          const owned = osOwnsDevice(platform, device);
          if (owned) expect(owned.message).toContain('HID POS mode');
        },
      ),
    );
  });
});

describe('PosReportAssembler memory', () => {
  it('stays within 4 KB however many continued reports arrive, and says it dropped the code', () => {
    const assembler = new PosReportAssembler(HONEYWELL_LAYOUT);
    const continued = new Uint8Array(64);
    continued[0] = 0x02;
    continued[1] = 56;
    continued.fill(0x41, 5, 61);
    continued[63] = 0x01;

    const drops: string[] = [];
    let maxBuffered = 0;
    for (let i = 0; i < 10_000; i++) {
      const result = assembler.push(continued);
      expect(result.done).toBe(false);
      if (!result.done && result.dropped) drops.push(result.dropped.code);
      maxBuffered = Math.max(maxBuffered, assembler.bufferedBytes);
    }

    expect(drops).toEqual(['TOO_LONG']);
    expect(maxBuffered).toBeLessThanOrEqual(4096);
    expect(assembler.bufferedBytes).toBe(0); // the dropped code's tail is discarded, not kept
  });
});

describe('KeyboardReportDecoder output', () => {
  const isAllowed = (ch: string) => {
    const code = ch.charCodeAt(0);
    return (
      ALLOWED_CONTROL_CHARS.has(code) || (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f))
    );
  };

  /** Boot reports with keys drawn from the whole usage range and any modifiers. */
  const bootReport = fc
    .tuple(
      fc.integer({ min: 0, max: 255 }),
      fc.array(
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0x04, max: 0x65 })),
        {
          minLength: 6,
          maxLength: 6,
        },
      ),
    )
    .map(([mods, keys]) => new Uint8Array([mods, 0, ...keys]));

  it('on random report streams never throws and types only printable or allowed control characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEYBOARD_LAYOUT_NAMES),
        fc.array(fc.oneof(bootReport, fc.uint8Array({ maxLength: 12 })), { maxLength: 60 }),
        (layout, reports) => {
          const decoder = new KeyboardReportDecoder(layout);
          for (const report of reports) {
            const result = decoder.push(report);
            for (const ch of result.text)
              expect(isAllowed(ch), `U+${ch.charCodeAt(0).toString(16)}`).toBe(true);
            if (result.ended) expect(['\r', '\n', '\t']).toContain(result.terminator);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
