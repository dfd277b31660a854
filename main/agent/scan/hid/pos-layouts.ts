// Where a HID POS scanner puts the code inside its input report: read from the device's own
// report descriptor when we have it, else from what the vendor documents, else a stated guess.

import { MAX_SCAN_BYTES } from '../../contract';
import {
  PAGE_BARCODE_SCANNER,
  classifyUsage,
  extendedUsage,
  isBootKeyboardReport,
  keyboardReportId,
  parseReportDescriptor,
  usageOf,
  usagePageOf,
  type HidField,
  type HidReport,
  type ReportDescriptor,
} from './descriptor';

/** Byte offsets are into the report payload, i.e. after the report id byte (add 1 for the id-first buffer). */
export interface PosLayout {
  /** Report id of the Scanned Data Report; 0 when the device uses unnumbered reports. */
  reportId: number;
  /** Payload length in bytes, without the report id byte. */
  reportLength: number;
  /** Offset of the byte that counts the valid data bytes of this report, if the layout has one. */
  lengthOffset?: number;
  /** Offsets of Symbology Identifier 1..3 (0xFB..0xFD): the AIM identifier, e.g. ']', 'Q', '1'. */
  aimOffsets?: readonly number[];
  /** Decoded Data (0xFE): first byte and size of the field. */
  dataOffset: number;
  dataLength: number;
  /** Offset of the vendor's own symbology byte, if any. */
  vendorSymbologyOffset?: number;
  /** Which vendor table names that byte. */
  symbologyTable?: SymbologyTable;
  /** Decode Data Continued (0xFF): more reports follow while (payload[byte] & mask) !== 0. */
  continued?: { byte: number; mask: number };
  /** 'descriptor': read from the device; 'documented': the vendor's manual; 'inferred': our best guess. */
  source: 'descriptor' | 'documented' | 'inferred';
  /** Where the layout comes from, for the Scanners panel and for whoever debugs a new model. */
  reference: string;
}

export type SymbologyTable = 'honeywell';

// HID POS Usage Tables 1.02 / HUT 1.4, Bar Code Scanner page 0x8C.
export const USAGE_SCANNED_DATA_REPORT = extendedUsage(PAGE_BARCODE_SCANNER, 0x12);
export const USAGE_SYMBOLOGY_ID_1 = extendedUsage(PAGE_BARCODE_SCANNER, 0xfb);
export const USAGE_SYMBOLOGY_ID_2 = extendedUsage(PAGE_BARCODE_SCANNER, 0xfc);
export const USAGE_SYMBOLOGY_ID_3 = extendedUsage(PAGE_BARCODE_SCANNER, 0xfd);
export const USAGE_DECODED_DATA = extendedUsage(PAGE_BARCODE_SCANNER, 0xfe);
export const USAGE_DECODE_DATA_CONTINUED = extendedUsage(PAGE_BARCODE_SCANNER, 0xff);
/** Generic Desktop "Byte Count": what Honeywell's descriptor calls the length byte. */
export const USAGE_BYTE_COUNT = extendedUsage(0x01, 0x3b);
/** Honeywell (HHP) vendor page 0xFF66, usage 0x04 "Code ID". */
const USAGE_HHP_CODE_ID = extendedUsage(0xff66, 0x04);

export const VENDOR_HONEYWELL = 0x0c2e;
export const VENDOR_ZEBRA = 0x05e0;
export const VENDOR_DATALOGIC = 0x05f9;
export const VENDOR_ACCESS_IS = 0x0db5;
export const VENDOR_NEWLAND = 0x1eab;

// The 64-byte report most HID POS scanners send (numbered, id 2):
//   [id=2] [len] [AIM ']' c m] [56 data bytes] [vendor symbology] [reserved] [flags: bit0 continued]
// Payload offsets (without the id byte) are one less than the manuals' byte numbers.

/**
 * Honeywell (Hand Held Products), documented three ways that agree:
 *  - HHP "USB Interfaces User's Guide", HID POS Interface, "Getting Scanned Data": byte 0 Report ID = 2,
 *    1 length of Decoded Data, 2-4 AIM Symbology Identifier 0-2, 5-60 Decoded Data (1-56),
 *    61 Hand Held Products Symbology Identifier, 62 reserved, 63 Decode Data Continued.
 *  - The HID POS report descriptor in Honeywell scanner firmware (interfaces_usb2/hid_usb2/kbdpc_usb2,
 *    public copy on GitHub): Byte Count, FB/FC/FD, 56 x FE, vendor page 0xFF66 Code ID + 1 byte,
 *    then 8 one-bit fields all declared Decode Data Continued (so any set bit continues).
 *  - NielsLeenheer/WebHidBarcodeScanner: data[0] length, AIM data[1..3], symbology data[60],
 *    continued while data[62] != 0 (WebHID strips the id byte, so data[n] = payload[n]).
 */
export const HONEYWELL_LAYOUT: PosLayout = {
  reportId: 0x02,
  reportLength: 63,
  lengthOffset: 0,
  aimOffsets: [1, 2, 3],
  dataOffset: 4,
  dataLength: 56,
  vendorSymbologyOffset: 60,
  symbologyTable: 'honeywell',
  continued: { byte: 62, mask: 0xff },
  source: 'documented',
  reference:
    "Honeywell HHP USB Interfaces User's Guide (HID POS); Honeywell firmware HID POS report descriptor; NielsLeenheer/WebHidBarcodeScanner",
};

/**
 * Access-IS (ATR110, LSR116, LSR118 product manuals, "HID reports - Receive data"): byte 0 Report ID = 2,
 * 1 length of data field (<= 56), 2 AIM ']' , 3-4 AIM code and modifier, 5-60 data zero padded,
 * 61 further symbology identifier, 62 reserved, 63 bit0 data continued.
 */
export const ACCESS_IS_LAYOUT: PosLayout = {
  reportId: 0x02,
  reportLength: 63,
  lengthOffset: 0,
  aimOffsets: [1, 2, 3],
  dataOffset: 4,
  dataLength: 56,
  vendorSymbologyOffset: 60,
  continued: { byte: 62, mask: 0x01 },
  source: 'documented',
  reference: 'Access-IS ATR110 / LSR116 / LSR118 product manuals, appendix "HID reports"',
};

/**
 * Newland (NLS-FM420 integration guide, "HID-POS: Getting Scanned Data"; Unitech MS842N is the same):
 * byte 0 Report ID = 2, 1 length, 2-57 Decoded Data (1-56), 58-61 reserved, 62 Newland symbology id,
 * 63 bit0 Decode Data Continued. No AIM bytes.
 */
export const NEWLAND_LAYOUT: PosLayout = {
  reportId: 0x02,
  reportLength: 63,
  lengthOffset: 0,
  dataOffset: 1,
  dataLength: 56,
  vendorSymbologyOffset: 61,
  continued: { byte: 62, mask: 0x01 },
  source: 'documented',
  reference: 'Newland NLS-FM420 integration guide, HID-POS; Unitech MS842N user manual',
};

/**
 * For scanners whose HID POS report layout we found no public document for (Zebra "USB HID POS",
 * Datalogic "USB HID POS"): the common 64-byte layout above, continued on bit 0 only. Their own
 * descriptor always wins over this guess (see choosePosLayout).
 */
export const INFERRED_POS_LAYOUT: PosLayout = {
  ...ACCESS_IS_LAYOUT,
  source: 'inferred',
  reference:
    'No public report layout found; assumed the common HID POS layout (Honeywell/Access-IS). Prefer the device descriptor.',
};

/** Built-in layouts by USB vendor id, for when the descriptor is unavailable or ambiguous. */
export const VENDOR_LAYOUTS: ReadonlyMap<number, PosLayout> = new Map([
  [VENDOR_HONEYWELL, HONEYWELL_LAYOUT],
  [VENDOR_ACCESS_IS, ACCESS_IS_LAYOUT],
  [VENDOR_NEWLAND, NEWLAND_LAYOUT],
  [VENDOR_ZEBRA, { ...INFERRED_POS_LAYOUT, reference: `Zebra: ${INFERRED_POS_LAYOUT.reference}` }],
  [VENDOR_DATALOGIC, { ...INFERRED_POS_LAYOUT, reference: `Datalogic: ${INFERRED_POS_LAYOUT.reference}` }],
]);

// ---------------------------------------------------------------------------------------------
// Vendor symbology bytes

/**
 * Honeywell Code ID characters (Honeywell symbology charts; the same table NielsLeenheer's
 * WebHidBarcodeScanner uses). Names follow DecodedScan.symbology in ../types.ts.
 */
const HONEYWELL_CODE_IDS: ReadonlyMap<number, string> = new Map([
  [0x61, 'CODABAR'], // a
  [0x68, 'CODE11'], // h
  [0x6a, 'CODE128'], // j
  [0x3c, 'CODE32'], // <
  [0x62, 'CODE39'], // b
  [0x54, 'CODE39_TCIF'], // T
  [0x69, 'CODE93'], // i
  [0x64, 'EAN13'], // d
  [0x44, 'EAN8'], // D
  [0x79, 'GS1_DATABAR'], // y
  [0x7b, 'GS1_DATABAR_LIMITED'], // {
  [0x7d, 'GS1_DATABAR_EXPANDED'], // }
  [0x49, 'GS1_128'], // I
  [0x51, 'CHINA_POST'], // Q
  [0x65, 'ITF'], // e
  [0x6d, 'MATRIX_2OF5'], // m
  [0x59, 'NEC_2OF5'], // Y
  [0x66, 'STRAIGHT_2OF5'], // f
  [0x67, 'MSI'], // g
  [0x63, 'UPCA'], // c
  [0x45, 'UPCE'], // E
  [0x7a, 'AZTEC'], // z
  [0x48, 'CHINESE_SENSIBLE'], // H
  [0x56, 'CODABLOCK_A'], // V
  [0x71, 'CODABLOCK_F'], // q
  [0x6c, 'CODE49'], // l
  [0x77, 'DATAMATRIX'], // w
  [0x78, 'MAXICODE'], // x
  [0x72, 'PDF417'], // r
  [0x52, 'MICRO_PDF417'], // R
  [0x73, 'QR'], // s
]);

/** The vendor symbology byte as a name where we know the vendor's table, else 'vendor:0xNN'. */
export function vendorSymbologyName(table: SymbologyTable | undefined, byte: number): string {
  const known = table === 'honeywell' ? HONEYWELL_CODE_IDS.get(byte) : undefined;
  return known ?? `vendor:0x${byte.toString(16).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Deriving a layout from a descriptor

export type LayoutDerivation = { ok: true; layout: PosLayout } | { ok: false; reason: string };

interface Run {
  usage: number;
  /** Absolute bit offset of the first element of the run in the payload. */
  bitOffset: number;
  bitSize: number;
  count: number;
  constant: boolean;
  field: HidField;
}

const MAX_RUN_ELEMENTS = 8192;

/** A field's elements grouped by usage: one run per listed usage, the last one repeating to the end. */
function runsOf(field: HidField): Run[] {
  const runs: Run[] = [];
  const constant = (field.flags & 0x01) !== 0;
  const push = (usage: number, first: number, count: number) => {
    if (count > 0) {
      runs.push({
        usage,
        bitOffset: field.bitOffset + first * field.bitSize,
        bitSize: field.bitSize,
        count,
        constant,
        field,
      });
    }
  };
  if (field.usages.length > 0) {
    const n = Math.min(field.usages.length, field.count);
    for (let i = 0; i < n - 1; i++) push(field.usages[i] ?? 0, i, 1);
    push(field.usages[n - 1] ?? 0, n - 1, field.count - (n - 1));
  } else if (field.usageMin !== undefined && field.usageMax !== undefined) {
    const n = Math.min(field.count, Math.max(0, field.usageMax - field.usageMin + 1), MAX_RUN_ELEMENTS);
    for (let i = 0; i < n - 1; i++) push(usageOf(field, i) ?? 0, i, 1);
    if (n > 0) push(usageOf(field, n - 1) ?? 0, n - 1, field.count - (n - 1));
  } else if (field.count > 0) {
    push(0, 0, field.count);
  }
  return runs;
}

const isByte = (run: Run) => run.bitSize === 8 && run.bitOffset % 8 === 0;

function hasDecodedData(report: HidReport): boolean {
  return report.fields.some((f) => runsOf(f).some((r) => r.usage === USAGE_DECODED_DATA));
}

/**
 * Read a PosLayout from a parsed descriptor: the input report holding Decoded Data (0xFE), preferring
 * one inside a Scanned Data Report (0x12) collection. Fails (rather than guesses) when there is none,
 * when two reports qualify, or when the data is not whole bytes.
 */
export function derivePosLayout(descriptor: ReportDescriptor, vendorId?: number): LayoutDerivation {
  const candidates = descriptor.reports.filter((r) => r.type === 'input' && hasDecodedData(r));
  if (candidates.length === 0)
    return { ok: false, reason: 'no input report carries Decoded Data (0x8C 0xFE)' };
  const inScannedData = candidates.filter((r) =>
    r.fields.some(
      (f) =>
        f.collectionUsage === USAGE_SCANNED_DATA_REPORT &&
        runsOf(f).some((x) => x.usage === USAGE_DECODED_DATA),
    ),
  );
  const pool = inScannedData.length > 0 ? inScannedData : candidates;
  if (pool.length > 1) {
    return {
      ok: false,
      reason: `ambiguous: reports ${pool.map((r) => r.reportId).join(', ')} all carry Decoded Data`,
    };
  }
  const report = pool[0];
  if (!report) return { ok: false, reason: 'no input report carries Decoded Data (0x8C 0xFE)' };
  // A report bigger than the longest code is no scanner's: a broken or hostile descriptor.
  if (report.bitLength % 8 !== 0 || report.bitLength > 8 * MAX_SCAN_BYTES) {
    return {
      ok: false,
      reason: `scanned data report is ${report.bitLength} bits: not whole bytes or too long`,
    };
  }

  const runs = report.fields.flatMap(runsOf);
  const dataRuns = runs.filter((r) => r.usage === USAGE_DECODED_DATA);
  const first = dataRuns[0];
  if (!first || !dataRuns.every(isByte))
    return { ok: false, reason: 'Decoded Data is not a run of 8-bit fields' };
  // Join adjacent data runs (a descriptor may split the 56 bytes over several items).
  let dataEndBit = first.bitOffset + first.count * 8;
  for (const run of dataRuns.slice(1)) {
    if (run.bitOffset !== dataEndBit) break;
    dataEndBit += run.count * 8;
  }
  const layout: PosLayout = {
    reportId: report.reportId,
    reportLength: report.bitLength / 8,
    dataOffset: first.bitOffset / 8,
    dataLength: (dataEndBit - first.bitOffset) / 8,
    source: 'descriptor',
    reference: 'read from the device report descriptor',
  };

  const lengthRun = runs.find((r) => r.usage === USAGE_BYTE_COUNT && isByte(r));
  if (lengthRun) layout.lengthOffset = lengthRun.bitOffset / 8;

  const aim: number[] = [];
  for (const usage of [USAGE_SYMBOLOGY_ID_1, USAGE_SYMBOLOGY_ID_2, USAGE_SYMBOLOGY_ID_3]) {
    const run = runs.find((r) => r.usage === usage && isByte(r));
    if (run) aim.push(run.bitOffset / 8);
  }
  if (aim.length > 0) layout.aimOffsets = aim;

  const vendorRun = runs.find(
    (r) => usagePageOf(r.usage) >= 0xff00 && isByte(r) && !r.constant && r.bitOffset >= dataEndBit,
  );
  if (vendorRun) {
    layout.vendorSymbologyOffset = vendorRun.bitOffset / 8;
    if (vendorRun.usage === USAGE_HHP_CODE_ID || vendorId === VENDOR_HONEYWELL)
      layout.symbologyTable = 'honeywell';
  } else if (vendorId === VENDOR_HONEYWELL) {
    layout.symbologyTable = 'honeywell';
  }

  const continuedRuns = runs.filter((r) => r.usage === USAGE_DECODE_DATA_CONTINUED);
  const firstContinued = continuedRuns[0];
  if (firstContinued) {
    const byte = Math.floor(firstContinued.bitOffset / 8);
    // Every bit of that byte declared Decode Data Continued counts (Honeywell declares all eight).
    let mask = 0;
    for (const run of continuedRuns) {
      const end = Math.min(run.bitOffset + run.count * run.bitSize, (byte + 1) * 8);
      for (let bit = Math.max(run.bitOffset, byte * 8); bit < end; bit++) mask |= 1 << (bit % 8);
    }
    layout.continued = { byte, mask };
  }
  return { ok: true, layout };
}

/**
 * The layout to decode a HID POS scanner with: its descriptor's when that gives one unambiguous
 * answer, else the vendor's documented layout, else the common layout (marked 'inferred').
 */
export function choosePosLayout(vendorId: number, descriptor?: Uint8Array | ReportDescriptor): PosLayout {
  if (descriptor) {
    const parsed = descriptor instanceof Uint8Array ? parseReportDescriptor(descriptor) : descriptor;
    const derived = derivePosLayout(parsed, vendorId);
    if (derived.ok) return derived.layout;
  }
  return VENDOR_LAYOUTS.get(vendorId) ?? INFERRED_POS_LAYOUT;
}

// ---------------------------------------------------------------------------------------------
// Classification from a descriptor

export type DeviceClass =
  | { kind: 'hid-pos'; layout: PosLayout | null; reason?: string }
  | { kind: 'keyboard'; reportId: number; bootReport: boolean }
  | { kind: 'unknown' };

/**
 * What a device is, from its top-level collections: HID POS when any is a Bar Code Scanner (0x8C),
 * else a keyboard when any is Generic Desktop Keyboard (0x01 0x06). For HID POS the layout is read
 * from the descriptor (null with the reason when it can't be: use choosePosLayout's fallbacks); for
 * a keyboard, the id its key reports carry and whether they have the boot layout the decoder reads.
 */
export function classifyDevice(descriptor: Uint8Array | ReportDescriptor, vendorId?: number): DeviceClass {
  const parsed = descriptor instanceof Uint8Array ? parseReportDescriptor(descriptor) : descriptor;
  const kinds = parsed.collections.map((c) => classifyUsage(c.usagePage, c.usage));
  if (kinds.includes('hid-pos')) {
    const derived = derivePosLayout(parsed, vendorId);
    return derived.ok
      ? { kind: 'hid-pos', layout: derived.layout }
      : { kind: 'hid-pos', layout: null, reason: derived.reason };
  }
  if (kinds.includes('keyboard')) {
    return { kind: 'keyboard', reportId: keyboardReportId(parsed), bootReport: isBootKeyboardReport(parsed) };
  }
  return { kind: 'unknown' };
}
