// Joins HID POS input reports into whole codes: data bytes by the length byte, continued reports
// until the flag clears, the AIM identifier and vendor symbology byte kept apart from the data.
// Bounded: one code is at most MAX_SCAN_BYTES, held in one fixed buffer; longer ones are dropped whole.

import { MAX_SCAN_BYTES } from '../../contract';
import { vendorSymbologyName, type PosLayout } from './pos-layouts';

export type PosDropCode = 'MALFORMED_LENGTH' | 'TOO_LONG';

/** Why a report added nothing: another report id, an empty report, or the tail of a dropped code. */
export type PosIgnoreCode = 'WRONG_REPORT_ID' | 'EMPTY' | 'DISCARDING';

export interface PosDrop {
  code: PosDropCode;
  message: string;
}

export type PosPushResult =
  | { done: false; dropped?: PosDrop; ignored?: PosIgnoreCode }
  | { done: true; bytes: Uint8Array; aim?: string; symbologyHint?: string };

export interface PosAssemblerOptions {
  /**
   * Whether reports start with the report id byte. node-hid (hidapi) puts it first for numbered
   * reports on every platform and omits it for unnumbered ones; 'auto' also accepts a numbered
   * report whose id byte was already stripped (recognised by its exact payload length).
   */
  reportIdByte?: 'auto' | 'present' | 'absent';
}

const AIM_FLAG = 0x5d; // ']'

function isAimChar(byte: number): boolean {
  return byte >= 0x21 && byte <= 0x7e;
}

/** ']' + code + modifier when the Symbology Identifier bytes hold an AIM identifier. */
function readAim(payload: Uint8Array, offsets: readonly number[] | undefined): string | undefined {
  if (!offsets || offsets.length === 0) return undefined;
  const bytes = offsets.map((o) => payload[o] ?? 0);
  const [a = 0, b = 0, c = 0] = bytes;
  if (a === AIM_FLAG && isAimChar(b) && isAimChar(c)) return String.fromCharCode(a, b, c);
  // Some engines fill only code and modifier: still an AIM identifier, without its flag character.
  if (a !== AIM_FLAG && isAimChar(a) && isAimChar(b) && c === 0) return String.fromCharCode(AIM_FLAG, a, b);
  return undefined;
}

export class PosReportAssembler {
  private readonly layout: PosLayout;
  private readonly idByte: 'auto' | 'present' | 'absent';
  private readonly buffer = new Uint8Array(MAX_SCAN_BYTES);
  private length = 0;
  private started = false;
  private discarding = false;
  private aim: string | undefined;
  private symbologyByte: number | undefined;
  private drops = 0;

  constructor(layout: PosLayout, options: PosAssemblerOptions = {}) {
    this.layout = layout;
    this.idByte = options.reportIdByte ?? 'auto';
  }

  /** Bytes held for the code being assembled (never more than MAX_SCAN_BYTES). */
  get bufferedBytes(): number {
    return this.length;
  }

  /** Codes dropped since construction (malformed or too long), for the Scanners panel. */
  get droppedCount(): number {
    return this.drops;
  }

  /** Forget any partial code (on detach, or when the device is reopened). */
  reset(): void {
    this.length = 0;
    this.started = false;
    this.discarding = false;
    this.aim = undefined;
    this.symbologyByte = undefined;
  }

  push(report: Uint8Array): PosPushResult {
    const payload = this.payloadOf(report);
    if (!payload) return { done: false, ignored: 'WRONG_REPORT_ID' };
    const { layout } = this;

    const continued = layout.continued
      ? ((payload[layout.continued.byte] ?? 0) & layout.continued.mask) !== 0
      : false;

    if (this.discarding) {
      // The rest of a code already dropped: swallow it up to its last report.
      if (!continued) this.reset();
      return { done: false, ignored: 'DISCARDING' };
    }

    const available = Math.max(0, Math.min(layout.dataLength, payload.length - layout.dataOffset));
    let count: number;
    if (layout.lengthOffset !== undefined) {
      const declared = payload[layout.lengthOffset];
      if (declared === undefined || declared > layout.dataLength || declared > available) {
        return this.drop(
          'MALFORMED_LENGTH',
          declared === undefined
            ? 'The scanner sent a report too short to hold its length byte.'
            : `The scanner said ${declared} bytes but its report holds ${Math.min(available, layout.dataLength)}.`,
          continued,
        );
      }
      count = declared;
    } else {
      // No length byte: the whole field, less the zero padding of the last report.
      count = available;
      if (!continued) while (count > 0 && payload[layout.dataOffset + count - 1] === 0) count--;
    }

    if (!this.started) {
      this.started = true;
      this.aim = readAim(payload, layout.aimOffsets);
      if (layout.vendorSymbologyOffset !== undefined) {
        const byte = payload[layout.vendorSymbologyOffset];
        this.symbologyByte = byte === undefined || byte === 0 ? undefined : byte;
      }
    }

    if (this.length + count > MAX_SCAN_BYTES) {
      return this.drop(
        'TOO_LONG',
        `The code is longer than ${MAX_SCAN_BYTES} bytes, so it was not read.`,
        continued,
      );
    }
    this.buffer.set(payload.subarray(layout.dataOffset, layout.dataOffset + count), this.length);
    this.length += count;

    if (continued) return { done: false };

    if (this.length === 0 && this.aim === undefined) {
      this.reset();
      return { done: false, ignored: 'EMPTY' };
    }
    const result: PosPushResult = { done: true, bytes: this.buffer.slice(0, this.length) };
    if (this.aim !== undefined) result.aim = this.aim;
    if (this.symbologyByte !== undefined) {
      result.symbologyHint = vendorSymbologyName(layout.symbologyTable, this.symbologyByte);
    }
    this.reset();
    return result;
  }

  private drop(code: PosDropCode, message: string, continued: boolean): PosPushResult {
    this.reset();
    this.drops++;
    // Later reports of the same code carry only its tail: discard them too.
    this.discarding = continued;
    return { done: false, dropped: { code, message } };
  }

  private payloadOf(report: Uint8Array): Uint8Array | null {
    const id = this.layout.reportId;
    if (id === 0) return report;
    switch (this.idByte) {
      case 'absent':
        return report;
      case 'present':
        return report[0] === id ? report.subarray(1) : null;
      case 'auto':
        // Exactly one payload long: the id byte was already taken off (its first byte is the length,
        // which may happen to equal the id). Anything else must start with our id.
        if (report.length === this.layout.reportLength) return report;
        return report[0] === id ? report.subarray(1) : null;
    }
  }
}
