// What a scan is on its way from bytes to a gift card: shared by the decoders (pure), the device
// readers (I/O) and the agent.
import type { z } from 'zod';
import type { ScanSource as ScanSourceSchema } from '../contract';

/** Where a scan came from. deviceId is stable for a device across replugs (e.g. "hid:0c2e:0901", "serial:/dev/ttyACM0", "keyboard"). */
export type ScanSource = z.infer<typeof ScanSourceSchema>;

/** One code as a device delivered it, framed but not yet interpreted. */
export interface RawScan {
  source: ScanSource;
  /** Exactly the bytes received for this code (for a keyboard: the text typed, UTF-8 encoded). */
  bytes: Uint8Array;
  /** When the last byte arrived. */
  at: Date;
  /** Symbology the device reported out of band (e.g. a HID POS vendor symbology byte), when it did. */
  symbologyHint?: string;
  /** True when the device already removed the AIM identifier and gave it separately. */
  aimHint?: string;
}

/** What a code is, before deciding whether it is a gift card. */
export interface DecodedScan {
  /** e.g. 'QR', 'CODE128', 'GS1_128', 'EAN13', 'UPCA', 'EAN8', 'DATAMATRIX', 'GS1_DATAMATRIX', 'CODE39', 'ITF'; absent when unknown. */
  symbology?: string;
  /** The AIM symbology identifier as sent, e.g. ']Q1', when there was one. */
  aim?: string;
  /** The payload: no AIM identifier, prefix or suffix. */
  text: string;
  /** The raw bytes in hex, for the Scanners panel ("how it was decoded"). */
  rawHex: string;
}

/** Half-open [start, end). */
export type Range = [number, number];

/**
 * Where a scan's card data stood, as the decoder found it: ranges of the payload text
 * (DecodedScan.text) and of the raw bytes (RawScan.bytes) holding the card number (all but its
 * last 4 digits) and the PIN. What a trace must hide.
 */
export interface CardData {
  text: Range[];
  bytes: Range[];
}

export type NotACardCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'INVALID_UTF8'
  | 'CONTROL_CHARACTERS'
  | 'PRODUCT_BARCODE'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'PATTERN'
  | 'LUHN'
  | 'UNRECOGNISED';

export type CardExtraction =
  | {
      ok: true;
      cardNumber: string;
      pin?: string;
      /** How the number was found, for the Scanners panel. */
      form: 'bare' | 'url' | 'delimited' | 'json' | 'gs1' | 'digital-link' | 'custom';
    }
  | {
      ok: false;
      code: NotACardCode;
      /** In a cashier's words, e.g. "This is a product barcode, not a gift card." */
      reason: string;
    };

export interface DecodeOptions {
  /** config cards.pattern */
  pattern: string;
  /** config cards.luhn */
  luhn: boolean;
  /** config cards.extractors: tried before the built-in forms. */
  extractors: ReadonlyArray<{ name: string; regex: string }>;
  /** config scanners[].prefix / suffix for this device. Default suffixes: CRLF, CR, LF, Tab. */
  prefix?: string;
  suffix?: readonly string[];
}
