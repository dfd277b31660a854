// AIM symbology identifiers (ISO/IEC 15424): the three characters "]cm" a scanner can put before
// the data, naming the symbology (c) and options (m) such as "FNC1 in first position" (= GS1).

export interface AimMeaning {
  /** e.g. 'QR', 'GS1_128', 'EAN13'; undefined when the identifier does not say. */
  symbology?: string;
  /** The data is a GS1 element string (FNC1 in first position). */
  gs1: boolean;
  /** The data follows the AIM ECI protocol: backslashes doubled, "\nnnnnn" ECI designators. */
  eci: boolean;
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function isAimAt(text: string, at: number): boolean {
  return (
    text.charCodeAt(at) === 0x5d /* ] */ &&
    isLetter(text.charCodeAt(at + 1)) &&
    (isLetter(text.charCodeAt(at + 2)) || isDigit(text.charCodeAt(at + 2)))
  );
}

/** Splits a leading "]cm" off the text, known or not (an unknown one is still not card data). */
export function splitAim(text: string): { aim: string; rest: string } | undefined {
  return isAimAt(text, 0) ? { aim: text.slice(0, 3), rest: text.slice(3) } : undefined;
}

/** A HID POS report gives the identifier separately, with or without its "]". */
export function normaliseAimHint(hint: string | undefined): string | undefined {
  if (typeof hint !== 'string') return undefined;
  const withFlag = hint.length === 2 ? `]${hint}` : hint;
  return withFlag.length === 3 && isAimAt(withFlag, 0) ? withFlag : undefined;
}

const plain = (symbology: string | undefined): AimMeaning => ({ symbology, gs1: false, eci: false });

/**
 * What an identifier says. Modifier meanings from ISO/IEC 15424 and the symbology standards as
 * scanner manuals (Zebra, NCR, Datalogic, Opticon) print them:
 * - Code 128: C0 plain, C1 FNC1 first (GS1-128), C2 FNC1 second (AIM application), C4 ISBT concatenated.
 * - UPC/EAN: E0 EAN-13, or UPC-A sent as 13 digits with a leading 0 (UPC-E as 8 digits on some
 *   readers); E1/E2 a 2/5-digit add-on alone; E3 code + add-on; E4 EAN-8.
 * - QR: Q0 Model 1; Q1 Model 2; Q2 Model 2 + ECI; Q3 FNC1 first (GS1 QR); Q4 GS1 QR + ECI;
 *   Q5 FNC1 second (AIM application, not GS1); Q6 Q5 + ECI.
 * - Data Matrix: d0 ECC 000-140; d1 ECC 200; d2 FNC1 first/fifth (GS1); d3 FNC1 second/sixth;
 *   d4 ECI; d5 ECI + FNC1 first (GS1); d6 ECI + FNC1 second.
 * - Aztec: FNC1 first (GS1) in modifiers 1, 4, 7, A; ECI in 3, 4, 5, 9, A, B.
 * - GS1 DataBar (e) always carries an element string.
 * - X is "other": symbologies AIM assigns no letter to, the modifier being the maker's. Zebra
 *   sends ]X0 for Bookland EAN, ISSN EAN, Code 32, Chinese 2 of 5, Korean 3 of 5, Trioptic
 *   Code 39; Honeywell and Datalogic for Bookland/ISBN. It is taken as "symbology not
 *   identified, payload follows", so an ISBN under ]X0 still meets the product-code check.
 * - Z is non-barcode data (keyboard, magnetic stripe): also not identified.
 * Any other letter or modifier: undefined symbology, identifier still removed.
 */
export function describeAim(aim: string, text: string): AimMeaning {
  const code = aim[1];
  const mod = aim[2] ?? '';
  switch (code) {
    case 'A':
      return plain('CODE39');
    case 'C':
      return mod === '1' ? { symbology: 'GS1_128', gs1: true, eci: false } : plain('CODE128');
    case 'E':
      return plain(upcEanSymbology(mod, text));
    case 'F':
      return plain('CODABAR');
    case 'G':
      return plain('CODE93');
    case 'H':
      return plain('CODE11');
    case 'I':
      return plain('ITF');
    case 'L':
      return plain('PDF417');
    case 'M':
      return plain('MSI');
    case 'U':
      return plain('MAXICODE');
    case 'Q': {
      const gs1 = mod === '3' || mod === '4';
      return { symbology: gs1 ? 'GS1_QR' : 'QR', gs1, eci: mod === '2' || mod === '4' || mod === '6' };
    }
    case 'd': {
      const gs1 = mod === '2' || mod === '5';
      return {
        symbology: gs1 ? 'GS1_DATAMATRIX' : 'DATAMATRIX',
        gs1,
        eci: mod === '4' || mod === '5' || mod === '6',
      };
    }
    case 'e':
      return { symbology: 'GS1_DATABAR', gs1: true, eci: false };
    case 'z': {
      const gs1 = '147A'.includes(mod);
      return { symbology: gs1 ? 'GS1_AZTEC' : 'AZTEC', gs1, eci: '3459AB'.includes(mod) };
    }
    default:
      return plain(undefined);
  }
}

function upcEanSymbology(mod: string, text: string): string {
  if (mod === '4') return 'EAN8';
  if (mod === '1' || mod === '2') return 'EAN_ADDON';
  if (mod === '0' && text.length === 8) return 'UPCE';
  if (mod === '0' && text.length === 12) return 'UPCA';
  return text.length >= 13 && text.startsWith('0') ? 'UPCA' : 'EAN13';
}

/** Symbology names a device may give out of band and that this module understands. */
const KNOWN_SYMBOLOGIES = new Map<string, AimMeaning>(
  [
    'QR',
    'CODE128',
    'EAN13',
    'UPCA',
    'UPCE',
    'EAN8',
    'EAN_ADDON',
    'DATAMATRIX',
    'CODE39',
    'ITF',
    'CODABAR',
    'CODE93',
    'CODE11',
    'PDF417',
    'MSI',
    'MAXICODE',
    'AZTEC',
  ]
    .map((s): [string, AimMeaning] => [s, plain(s)])
    .concat(
      ['GS1_128', 'GS1_QR', 'GS1_DATAMATRIX', 'GS1_DATABAR', 'GS1_AZTEC'].map((s) => [
        s,
        { symbology: s, gs1: true, eci: false },
      ]),
    ),
);

/** A device's own symbology name, when it is one of ours (vendor codes mean nothing here). */
export function describeSymbologyHint(hint: string | undefined): AimMeaning {
  return (typeof hint === 'string' && KNOWN_SYMBOLOGIES.get(hint)) || plain(undefined);
}

/**
 * Undoes the AIM ECI protocol's transmission escapes: "\\" stands for one backslash and "\nnnnnn"
 * announces a character set (ECI). The designators are dropped: the bytes have already been
 * decoded as UTF-8, which is what gift card apps encode.
 */
export function undoEciEscapes(text: string): string {
  return undoEciEscapesAt(text).text;
}

/**
 * undoEciEscapes, also saying where each character of the result stood in the input:
 * `from[i]` is the input index of output character i, and `from[text.length]` the input's length.
 */
export function undoEciEscapesAt(input: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    if (c === '\\' && input[i + 1] === '\\') {
      from.push(i);
      text += '\\';
      i += 2;
    } else if (c === '\\' && /^[0-9]{6}$/.test(input.slice(i + 1, i + 7))) {
      i += 7;
    } else {
      from.push(i);
      text += c;
      i += 1;
    }
  }
  from.push(input.length);
  return { text, from };
}
