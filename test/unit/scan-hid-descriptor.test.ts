import { describe, expect, it } from 'vitest';
import {
  ACCESS_IS_LAYOUT,
  HONEYWELL_LAYOUT,
  INFERRED_POS_LAYOUT,
  NEWLAND_LAYOUT,
  VENDOR_ACCESS_IS,
  VENDOR_DATALOGIC,
  VENDOR_HONEYWELL,
  VENDOR_LAYOUTS,
  VENDOR_NEWLAND,
  VENDOR_ZEBRA,
  choosePosLayout,
  classifyDevice,
  classifyUsage,
  derivePosLayout,
  osOwnsDevice,
  parseReportDescriptor,
  usageOf,
  type PosLayout,
} from '../../main/agent/scan/hid';
import {
  ACCESS_IS_STYLE_DESCRIPTOR,
  AMBIGUOUS_POS_DESCRIPTOR,
  BOOT_KEYBOARD_DESCRIPTOR,
  HONEYWELL_HID_POS_DESCRIPTOR,
  NUMBERED_KEYBOARD_DESCRIPTOR,
  PARSER_CORNERS_DESCRIPTOR,
  UNNUMBERED_POS_DESCRIPTOR,
} from './fixtures/hid/descriptors';

/** A layout without its provenance, to compare where the bytes are. */
function shape(layout: PosLayout | null | undefined) {
  if (!layout) return layout;
  const { source: _source, reference: _reference, ...rest } = layout;
  return rest;
}

describe('parseReportDescriptor', () => {
  it("reads Honeywell's HID POS descriptor into its scanned data report, field by field", () => {
    const d = parseReportDescriptor(HONEYWELL_HID_POS_DESCRIPTOR);

    expect(d.problems).toEqual([]);
    expect(d.numbered).toBe(true);
    expect(d.collections).toEqual([{ usagePage: 0x8c, usage: 0x02, kind: 0x01 }]);
    const input = d.reports.find((r) => r.type === 'input' && r.reportId === 2);
    expect(input?.bitLength).toBe(63 * 8);
    expect(
      input?.fields.map((f) => ({
        at: f.bitOffset,
        size: f.bitSize,
        count: f.count,
        usages: f.usages,
        flags: f.flags,
      })),
    ).toEqual([
      { at: 0, size: 8, count: 1, usages: [0x0001003b], flags: 0x02 },
      { at: 8, size: 8, count: 3, usages: [0x008c00fb, 0x008c00fc, 0x008c00fd], flags: 0x02 },
      { at: 32, size: 8, count: 56, usages: [0x008c00fe], flags: 0x102 },
      { at: 480, size: 8, count: 2, usages: [0xff660004, 0xff660000], flags: 0x02 },
      { at: 496, size: 1, count: 8, usages: [0x008c00ff], flags: 0x02 },
    ]);
    expect(input?.fields.every((f) => f.collectionUsage === 0x008c0012)).toBe(true);
    expect(d.reports.map((r) => [r.type, r.reportId, r.bitLength])).toEqual([
      ['input', 2, 504],
      ['output', 4, 8],
      ['feature', 254, 8],
      ['output', 253, 504],
    ]);
  });

  it('reads the HID 1.11 Appendix B.1 boot keyboard: modifiers, reserved byte, six key slots, LEDs', () => {
    const d = parseReportDescriptor(BOOT_KEYBOARD_DESCRIPTOR);

    expect(d.problems).toEqual([]);
    expect(d.numbered).toBe(false);
    expect(d.collections).toEqual([{ usagePage: 0x01, usage: 0x06, kind: 0x01 }]);
    const input = d.reports.find((r) => r.type === 'input');
    expect(input?.reportId).toBe(0);
    expect(input?.bitLength).toBe(64);
    const [mods, reserved, keys] = input?.fields ?? [];
    expect(mods).toMatchObject({
      bitOffset: 0,
      bitSize: 1,
      count: 8,
      usageMin: 0x000700e0,
      usageMax: 0x000700e7,
    });
    expect(mods && usageOf(mods, 5)).toBe(0x000700e5); // Right Shift
    expect(reserved).toMatchObject({ bitOffset: 8, bitSize: 8, count: 1, flags: 0x01 });
    expect(keys).toMatchObject({ bitOffset: 16, bitSize: 8, count: 6, flags: 0x00, logicalMax: 101 });
    expect(d.reports.find((r) => r.type === 'output')?.bitLength).toBe(8);
  });

  it('skips long items, honours Push/Pop, and lets a 4-byte usage name its own page', () => {
    const d = parseReportDescriptor(PARSER_CORNERS_DESCRIPTOR);

    expect(d.problems).toEqual([]);
    const fields = d.reports[0]?.fields ?? [];
    expect(fields.map((f) => [f.bitOffset, f.bitSize, f.count, f.usages])).toEqual([
      [0, 1, 8, [0x008c00ff]],
      [8, 8, 32, [0x008c00fe]], // Pop restored 8 bits x 32 after the 1-bit field
    ]);
    expect(fields[1]?.usagePage).toBe(0x01); // the global page, which the extended usage overrides
  });

  it('reads logical minimum and maximum as signed numbers of their own size', () => {
    const d = parseReportDescriptor(
      new Uint8Array([0x15, 0x81, 0x26, 0xff, 0x7f, 0x75, 0x08, 0x95, 0x01, 0x09, 0x30, 0x81, 0x02]),
    );
    expect(d.reports[0]?.fields[0]).toMatchObject({ logicalMin: -127, logicalMax: 32767 });
  });

  it('lists what it could not read instead of throwing', () => {
    expect(parseReportDescriptor(new Uint8Array([0x05])).problems).toEqual(['truncated item 0x05 at byte 0']);
    expect(parseReportDescriptor(new Uint8Array([0x26, 0xff])).problems).toEqual([
      'truncated item 0x26 at byte 0',
    ]);
    expect(parseReportDescriptor(new Uint8Array([0xb4])).problems).toEqual(['Pop without Push at byte 0']);
    expect(parseReportDescriptor(new Uint8Array([0xc0])).problems).toEqual([
      'End Collection without Collection at byte 0',
    ]);
    expect(parseReportDescriptor(new Uint8Array([0xfe, 0x05, 0x00])).problems).toEqual([
      'truncated long item at byte 0',
    ]);
    expect(parseReportDescriptor(new Uint8Array([0xa1, 0x01])).problems).toEqual([
      'descriptor ended inside an open collection',
    ]);
    expect(parseReportDescriptor(new Uint8Array()).reports).toEqual([]);
  });
});

describe('classifyDevice', () => {
  it('calls a Bar Code Scanner collection HID POS and reads its layout: the same bytes Honeywell documents', () => {
    const c = classifyDevice(HONEYWELL_HID_POS_DESCRIPTOR);

    expect(c.kind).toBe('hid-pos');
    if (c.kind !== 'hid-pos') return;
    expect(c.layout?.source).toBe('descriptor');
    expect(shape(c.layout)).toEqual(shape(HONEYWELL_LAYOUT));
  });

  it('reads the Access-IS style descriptor into the Access-IS manual layout (continued on bit 0 only)', () => {
    const c = classifyDevice(ACCESS_IS_STYLE_DESCRIPTOR);

    expect(c.kind === 'hid-pos' && shape(c.layout)).toEqual(shape(ACCESS_IS_LAYOUT));
    expect(c.kind === 'hid-pos' && c.layout?.continued).toEqual({ byte: 62, mask: 0x01 });
  });

  it('derives an unnumbered layout with AIM bytes and no length byte', () => {
    const c = classifyDevice(UNNUMBERED_POS_DESCRIPTOR);

    expect(c.kind === 'hid-pos' && c.layout).toEqual({
      reportId: 0,
      reportLength: 60,
      aimOffsets: [0, 1, 2],
      dataOffset: 3,
      dataLength: 56,
      continued: { byte: 59, mask: 0x01 },
      source: 'descriptor',
      reference: 'read from the device report descriptor',
    });
  });

  it('derives the layout from the corner-case descriptor: eight continued bits in byte 0, data after', () => {
    const c = classifyDevice(PARSER_CORNERS_DESCRIPTOR);

    expect(c.kind === 'hid-pos' && shape(c.layout)).toEqual({
      reportId: 7,
      reportLength: 33,
      dataOffset: 1,
      dataLength: 32,
      continued: { byte: 0, mask: 0xff },
    });
  });

  it('says why when the descriptor is ambiguous, and leaves the layout to the vendor tables', () => {
    const c = classifyDevice(AMBIGUOUS_POS_DESCRIPTOR);

    expect(c).toEqual({
      kind: 'hid-pos',
      layout: null,
      reason: 'ambiguous: reports 2, 3 all carry Decoded Data',
    });
    expect(choosePosLayout(VENDOR_HONEYWELL, AMBIGUOUS_POS_DESCRIPTOR)).toBe(HONEYWELL_LAYOUT);
  });

  it('calls a Generic Desktop Keyboard a keyboard, with the report id its key reports carry', () => {
    expect(classifyDevice(BOOT_KEYBOARD_DESCRIPTOR)).toEqual({
      kind: 'keyboard',
      reportId: 0,
      bootReport: true,
    });
    expect(classifyDevice(NUMBERED_KEYBOARD_DESCRIPTOR)).toEqual({
      kind: 'keyboard',
      reportId: 1,
      bootReport: true,
    });
  });

  it('tells a keyboard whose key report is not the boot layout (an N-key-rollover bitmap)', () => {
    // Written for this test: 8 modifier bits, then 104 one-bit keys (usages 0..103) instead of 6 slots.
    // prettier-ignore
    const nkro = new Uint8Array([
      0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, //       Generic Desktop, Keyboard, Collection (Application)
      0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02,
      0x19, 0x00, 0x29, 0x67, 0x95, 0x68, 0x81, 0x02, // 104 x 1 bit, Input (Variable): a bitmap
      0xc0,
    ]);
    expect(classifyDevice(nkro)).toEqual({ kind: 'keyboard', reportId: 0, bootReport: false });
  });

  it('calls anything else unknown', () => {
    const mouse = new Uint8Array([0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x01, 0xa1, 0x00, 0xc0, 0xc0]);
    const vendor = new Uint8Array([0x06, 0x8c, 0xff, 0x09, 0x02, 0xa1, 0x01, 0xc0]); // Honeywell REM interface
    expect(classifyDevice(mouse)).toEqual({ kind: 'unknown' });
    expect(classifyDevice(vendor)).toEqual({ kind: 'unknown' });
    expect(classifyDevice(new Uint8Array())).toEqual({ kind: 'unknown' });
  });

  it('classifies node-hid usage pairs the same way', () => {
    expect(classifyUsage(0x8c, 0x02)).toBe('hid-pos');
    expect(classifyUsage(0x01, 0x06)).toBe('keyboard');
    expect(classifyUsage(0xff8c, 0x02)).toBe('unknown');
    expect(classifyUsage(undefined, undefined)).toBe('unknown');
  });
});

describe('vendor layouts', () => {
  it('are keyed by USB vendor id, documented where a manual says so and inferred where none was found', () => {
    expect(VENDOR_LAYOUTS.get(VENDOR_HONEYWELL)).toBe(HONEYWELL_LAYOUT);
    expect(VENDOR_LAYOUTS.get(VENDOR_ACCESS_IS)).toBe(ACCESS_IS_LAYOUT);
    expect(VENDOR_LAYOUTS.get(VENDOR_NEWLAND)).toBe(NEWLAND_LAYOUT);
    expect([HONEYWELL_LAYOUT, ACCESS_IS_LAYOUT, NEWLAND_LAYOUT].map((l) => l.source)).toEqual([
      'documented',
      'documented',
      'documented',
    ]);
    expect(VENDOR_LAYOUTS.get(VENDOR_ZEBRA)?.source).toBe('inferred');
    expect(VENDOR_LAYOUTS.get(VENDOR_DATALOGIC)?.source).toBe('inferred');
  });

  it('put Honeywell and Access-IS data in the same bytes (the manuals number them with the id byte: +1)', () => {
    for (const layout of [HONEYWELL_LAYOUT, ACCESS_IS_LAYOUT]) {
      expect(layout).toMatchObject({
        reportId: 2,
        reportLength: 63,
        lengthOffset: 0, // manual byte 1
        aimOffsets: [1, 2, 3], // bytes 2-4
        dataOffset: 4, // bytes 5-60
        dataLength: 56,
        vendorSymbologyOffset: 60, // byte 61
      });
      expect(layout.continued?.byte).toBe(62); // byte 63
    }
  });

  it('prefer what the descriptor says over the vendor table', () => {
    // A Zebra whose descriptor is the unnumbered one: the descriptor wins over the inferred layout.
    expect(choosePosLayout(VENDOR_ZEBRA, UNNUMBERED_POS_DESCRIPTOR)).toMatchObject({
      reportId: 0,
      source: 'descriptor',
    });
    expect(choosePosLayout(VENDOR_ZEBRA).source).toBe('inferred');
    expect(choosePosLayout(0x1234)).toBe(INFERRED_POS_LAYOUT);
    expect(
      choosePosLayout(VENDOR_HONEYWELL, parseReportDescriptor(HONEYWELL_HID_POS_DESCRIPTOR)).source,
    ).toBe('descriptor');
  });

  it('name Honeywell symbology bytes from the descriptor even without the vendor id', () => {
    const derived = derivePosLayout(parseReportDescriptor(HONEYWELL_HID_POS_DESCRIPTOR));
    expect(derived.ok && derived.layout.symbologyTable).toBe('honeywell');
    const accessIs = derivePosLayout(parseReportDescriptor(ACCESS_IS_STYLE_DESCRIPTOR));
    expect(accessIs.ok && accessIs.layout.symbologyTable).toBeUndefined();
  });

  it('cannot be derived from a keyboard', () => {
    expect(derivePosLayout(parseReportDescriptor(BOOT_KEYBOARD_DESCRIPTOR))).toEqual({
      ok: false,
      reason: 'no input report carries Decoded Data (0x8C 0xFE)',
    });
  });
});

describe('osOwnsDevice', () => {
  const message =
    "Windows keeps keyboard-mode scanners for itself, so Till Agent can't read Voyager 1450g directly. " +
    'Switch the scanner to HID POS mode (or USB serial/CDC mode) with the programming barcode in its manual; ' +
    'until then it works as a keyboard wedge in the Till Agent window.';

  it('explains that Windows keeps keyboard-mode scanners (and mice) for itself', () => {
    expect(osOwnsDevice('win32', { usagePage: 0x01, usage: 0x06, product: 'Voyager 1450g' })).toEqual({
      code: 'OS_OWNS_DEVICE',
      message,
    });
    expect(osOwnsDevice('win32', { usagePage: 0x01, usage: 0x02, product: 'Mouse' })?.code).toBe(
      'OS_OWNS_DEVICE',
    );
  });

  it('says the same for keyboards on macOS, naming macOS', () => {
    expect(osOwnsDevice('darwin', { usagePage: 0x01, usage: 0x06 })?.message).toBe(
      "macOS keeps keyboard-mode scanners for itself, so Till Agent can't read this scanner directly. " +
        'Switch the scanner to HID POS mode (or USB serial/CDC mode) with the programming barcode in its manual; ' +
        'until then it works as a keyboard wedge in the Till Agent window.',
    );
    expect(osOwnsDevice('darwin', { usagePage: 0x01, usage: 0x02 })).toBeNull();
  });

  it('lets HID POS through everywhere, and keyboards on Linux (hidraw, with a udev rule)', () => {
    expect(osOwnsDevice('win32', { usagePage: 0x8c, usage: 0x02 })).toBeNull();
    expect(osOwnsDevice('darwin', { usagePage: 0x8c, usage: 0x02 })).toBeNull();
    expect(osOwnsDevice('linux', { usagePage: 0x01, usage: 0x06 })).toBeNull();
    expect(osOwnsDevice('win32', {})).toBeNull();
  });
});
