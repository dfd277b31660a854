// Walks a HID report descriptor (HID 1.11 §6.2.2) into per-report field lists, so a scanner's own
// descriptor can say where its data sits instead of us guessing from its vendor id.
// Pure and total: any byte string parses to something (with problems listed), nothing throws.

export type ReportType = 'input' | 'output' | 'feature';

/** One Input/Output/Feature main item: `count` elements of `bitSize` bits each. */
export interface HidField {
  type: ReportType;
  /** 0 when the device uses unnumbered reports. */
  reportId: number;
  /** Offset of the first element from the start of the report payload (after the report id byte). */
  bitOffset: number;
  bitSize: number;
  count: number;
  /** Main item data bits: bit0 Constant, bit1 Variable, bit2 Relative, ... bit8 Buffered Bytes. */
  flags: number;
  /** The usage page in force when the main item was read. */
  usagePage: number;
  /** Extended usages (page * 0x10000 + id) in declaration order; the last one repeats for the remaining elements. */
  usages: readonly number[];
  /** Extended usage range, when the item declared Usage Minimum/Maximum instead of a list. */
  usageMin?: number;
  usageMax?: number;
  logicalMin: number;
  logicalMax: number;
  /** Extended usage of the innermost enclosing collection, e.g. 0x008c0012 (Scanned Data Report). */
  collectionUsage?: number;
}

export interface HidReport {
  type: ReportType;
  reportId: number;
  /** Payload length in bits, excluding the report id byte. */
  bitLength: number;
  fields: readonly HidField[];
}

/** A top-level collection: what the device says it is. */
export interface HidCollection {
  usagePage: number;
  usage: number;
  /** Collection type: 0x01 Application, 0x02 Logical, ... */
  kind: number;
}

export interface ReportDescriptor {
  collections: readonly HidCollection[];
  reports: readonly HidReport[];
  /** True when any Report ID item appeared: reports then start with their id byte. */
  numbered: boolean;
  /** Why parts of the descriptor were skipped (truncated item, pop without push, ...). */
  problems: readonly string[];
}

/** Extended usage: page in the high 16 bits. Multiplication keeps it positive for vendor pages >= 0x8000. */
export function extendedUsage(page: number, id: number): number {
  return (page & 0xffff) * 0x10000 + (id & 0xffff);
}

export function usagePageOf(extended: number): number {
  return Math.floor(extended / 0x10000) & 0xffff;
}

/** The usage that applies to element `index` of a field (HID 1.11 §6.2.2.8: the last usage repeats). */
export function usageOf(field: HidField, index: number): number | undefined {
  if (field.usages.length > 0) return field.usages[Math.min(index, field.usages.length - 1)];
  if (field.usageMin !== undefined && field.usageMax !== undefined) {
    return Math.min(field.usageMin + index, field.usageMax);
  }
  return undefined;
}

// Bounds: a real descriptor is at most 4096 bytes (HID_API_MAX_REPORT_DESCRIPTOR_SIZE); these keep a
// hostile one from costing more than that.
const MAX_DESCRIPTOR_BYTES = 4096;
const MAX_FIELDS = 1024;
const MAX_USAGES_PER_ITEM = 1024;
const MAX_GLOBAL_STACK = 16;
const MAX_COLLECTION_DEPTH = 32;

interface GlobalState {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

interface LocalState {
  /** Raw usages: extended when declared with 4 bytes, else the page is added at the main item. */
  usages: Array<{ value: number; extended: boolean }>;
  usageMin?: { value: number; extended: boolean };
  usageMax?: { value: number; extended: boolean };
}

const MAIN_INPUT = 0x8;
const MAIN_OUTPUT = 0x9;
const MAIN_FEATURE = 0xb;
const MAIN_COLLECTION = 0xa;
const MAIN_END_COLLECTION = 0xc;

function readUnsigned(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}

function toSigned(value: number, size: number): number {
  if (size === 1) return value >= 0x80 ? value - 0x100 : value;
  if (size === 2) return value >= 0x8000 ? value - 0x10000 : value;
  if (size === 4) return value >= 0x80000000 ? value - 0x100000000 : value;
  return value;
}

/** Parse a report descriptor. Long items are skipped; offsets are tracked per (type, report id). */
export function parseReportDescriptor(input: Uint8Array): ReportDescriptor {
  const bytes = input.length > MAX_DESCRIPTOR_BYTES ? input.subarray(0, MAX_DESCRIPTOR_BYTES) : input;
  const problems: string[] = [];
  if (input.length > MAX_DESCRIPTOR_BYTES)
    problems.push(`descriptor longer than ${MAX_DESCRIPTOR_BYTES} bytes: rest ignored`);

  let global: GlobalState = {
    usagePage: 0,
    logicalMin: 0,
    logicalMax: 0,
    reportSize: 0,
    reportCount: 0,
    reportId: 0,
  };
  const globalStack: GlobalState[] = [];
  let local: LocalState = { usages: [] };
  const collectionStack: number[] = []; // extended usages of open collections
  const collections: HidCollection[] = [];
  const reports = new Map<
    string,
    { type: ReportType; reportId: number; bitLength: number; fields: HidField[] }
  >();
  let numbered = false;
  let fieldCount = 0;

  const resolve = (u: { value: number; extended: boolean }): number =>
    u.extended ? u.value : extendedUsage(global.usagePage, u.value);

  const reportFor = (type: ReportType, reportId: number) => {
    const key = `${type}:${reportId}`;
    let report = reports.get(key);
    if (!report) {
      report = { type, reportId, bitLength: 0, fields: [] };
      reports.set(key, report);
    }
    return report;
  };

  let pos = 0;
  while (pos < bytes.length) {
    const prefix = bytes[pos] ?? 0;
    if (prefix === 0xfe) {
      // Long item: [0xFE, bDataSize, bLongItemTag, data...]. None are defined; skip it.
      const dataSize = bytes[pos + 1];
      if (dataSize === undefined || pos + 3 + dataSize > bytes.length) {
        problems.push(`truncated long item at byte ${pos}`);
        break;
      }
      pos += 3 + dataSize;
      continue;
    }
    const sizeCode = prefix & 0x03;
    const size = sizeCode === 3 ? 4 : sizeCode;
    const itemType = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (pos + 1 + size > bytes.length) {
      problems.push(`truncated item 0x${prefix.toString(16).padStart(2, '0')} at byte ${pos}`);
      break;
    }
    const data = readUnsigned(bytes, pos + 1, size);
    const itemAt = pos;
    pos += 1 + size;

    if (itemType === 0) {
      // Main item
      if (tag === MAIN_INPUT || tag === MAIN_OUTPUT || tag === MAIN_FEATURE) {
        const type: ReportType = tag === MAIN_INPUT ? 'input' : tag === MAIN_OUTPUT ? 'output' : 'feature';
        const report = reportFor(type, global.reportId);
        const bits = global.reportSize * global.reportCount;
        if (fieldCount < MAX_FIELDS) {
          const field: HidField = {
            type,
            reportId: global.reportId,
            bitOffset: report.bitLength,
            bitSize: global.reportSize,
            count: global.reportCount,
            flags: data,
            usagePage: global.usagePage,
            usages: local.usages.map(resolve),
            logicalMin: global.logicalMin,
            logicalMax: global.logicalMax,
          };
          if (local.usageMin !== undefined && local.usageMax !== undefined) {
            field.usageMin = resolve(local.usageMin);
            field.usageMax = resolve(local.usageMax);
          }
          const innermost = collectionStack[collectionStack.length - 1];
          if (innermost !== undefined) field.collectionUsage = innermost;
          report.fields.push(field);
          fieldCount++;
        } else if (fieldCount === MAX_FIELDS) {
          problems.push(`more than ${MAX_FIELDS} fields: the rest are not listed`);
          fieldCount++;
        }
        report.bitLength += bits;
      } else if (tag === MAIN_COLLECTION) {
        const first = local.usages[0];
        const usage = first ? resolve(first) : extendedUsage(global.usagePage, 0);
        if (collectionStack.length === 0) {
          collections.push({ usagePage: usagePageOf(usage), usage: usage & 0xffff, kind: data & 0xff });
        }
        if (collectionStack.length < MAX_COLLECTION_DEPTH) collectionStack.push(usage);
        else problems.push(`collections nested deeper than ${MAX_COLLECTION_DEPTH} at byte ${itemAt}`);
      } else if (tag === MAIN_END_COLLECTION) {
        if (collectionStack.length > 0) collectionStack.pop();
        else problems.push(`End Collection without Collection at byte ${itemAt}`);
      } else {
        problems.push(`unknown main item tag 0x${tag.toString(16)} at byte ${itemAt}`);
      }
      local = { usages: [] };
    } else if (itemType === 1) {
      // Global item
      switch (tag) {
        case 0x0:
          global.usagePage = data & 0xffff;
          break;
        case 0x1:
          global.logicalMin = toSigned(data, size);
          break;
        case 0x2:
          global.logicalMax = toSigned(data, size);
          break;
        case 0x7:
          global.reportSize = data;
          break;
        case 0x8:
          global.reportId = data & 0xff;
          numbered = true;
          if (global.reportId === 0) problems.push(`Report ID 0 (reserved) at byte ${itemAt}`);
          break;
        case 0x9:
          global.reportCount = data;
          break;
        case 0xa:
          if (globalStack.length < MAX_GLOBAL_STACK) globalStack.push({ ...global });
          else problems.push(`Push deeper than ${MAX_GLOBAL_STACK} at byte ${itemAt}`);
          break;
        case 0xb: {
          const popped = globalStack.pop();
          if (popped) global = popped;
          else problems.push(`Pop without Push at byte ${itemAt}`);
          break;
        }
        default:
          // Physical min/max, unit exponent, unit: not needed to locate fields.
          break;
      }
    } else if (itemType === 2) {
      // Local item
      const usage = { value: size === 4 ? data : data & 0xffff, extended: size === 4 };
      if (tag === 0x0) {
        if (local.usages.length < MAX_USAGES_PER_ITEM) local.usages.push(usage);
      } else if (tag === 0x1) {
        local.usageMin = usage;
      } else if (tag === 0x2) {
        local.usageMax = usage;
      }
      // Designators, strings and delimiters do not move fields.
    } else {
      problems.push(`reserved item type at byte ${itemAt}`);
    }
  }
  if (collectionStack.length > 0) problems.push('descriptor ended inside an open collection');

  return { collections, reports: [...reports.values()], numbered, problems };
}

// ---------------------------------------------------------------------------------------------
// Classification

export const PAGE_GENERIC_DESKTOP = 0x01;
export const PAGE_KEYBOARD = 0x07;
export const PAGE_BARCODE_SCANNER = 0x8c;
export const USAGE_KEYBOARD = 0x06;
export const USAGE_KEYPAD = 0x07;
export const USAGE_MOUSE = 0x02;
export const USAGE_BARCODE_SCANNER = 0x02;

export type UsageKind = 'hid-pos' | 'keyboard' | 'unknown';

/**
 * What a top-level collection (or node-hid's `usagePage`/`usage` pair) is. Bar Code Badge Reader,
 * Dumb Scanner, Cordless Base and Cradle (0x8C 0x01, 0x03-0x05) report scans the same way as 0x02.
 */
export function classifyUsage(usagePage: number | undefined, usage: number | undefined): UsageKind {
  if (usagePage === PAGE_BARCODE_SCANNER && usage !== undefined && usage >= 0x01 && usage <= 0x05)
    return 'hid-pos';
  if (usagePage === PAGE_GENERIC_DESKTOP && usage === USAGE_KEYBOARD) return 'keyboard';
  return 'unknown';
}

function keyReport(descriptor: ReportDescriptor): HidReport | undefined {
  return descriptor.reports.find(
    (report) =>
      report.type === 'input' &&
      report.fields.some(
        (f) => f.usagePage === PAGE_KEYBOARD || usagePageOf(usageOf(f, 0) ?? 0) === PAGE_KEYBOARD,
      ),
  );
}

/** The report id a keyboard's key reports carry (0 when unnumbered), read from its descriptor. */
export function keyboardReportId(descriptor: ReportDescriptor): number {
  return keyReport(descriptor)?.reportId ?? 0;
}

/**
 * Whether the key report has the boot layout KeyboardReportDecoder reads: 8 modifier bits, a
 * reserved byte, then six 8-bit key slots (HID 1.11 Appendix B.1), 64 bits in all. Keyboards in
 * report protocol may send something else (e.g. an N-key-rollover bitmap) on Linux hidraw.
 */
export function isBootKeyboardReport(descriptor: ReportDescriptor): boolean {
  const report = keyReport(descriptor);
  if (!report || report.bitLength !== 64) return false;
  const mods = report.fields.find((f) => f.bitOffset === 0);
  const keys = report.fields.find((f) => f.bitOffset === 16);
  return (
    mods?.bitSize === 1 &&
    mods.count === 8 &&
    usageOf(mods, 0) === extendedUsage(PAGE_KEYBOARD, 0xe0) &&
    keys?.bitSize === 8 &&
    keys.count === 6 &&
    (keys.flags & 0x02) === 0
  );
}
