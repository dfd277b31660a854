// GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar): Application Identifier (AI)
// and value pairs, FNC1 sent as GS (0x1D) after each variable-length value; and which AI in them
// holds a gift card number.

export const GS = '\u001d';

export interface Gs1Element {
  ai: string;
  value: string;
}

/**
 * How many digits the AI has, from its first two digits (GS1 General Specifications, the AI
 * table is arranged so that this prefix decides it). Undefined: not an assigned AI range.
 */
function aiLength(prefix: number): number | undefined {
  if (prefix <= 4 || (prefix >= 10 && prefix <= 22) || prefix === 30 || prefix === 37 || prefix >= 90)
    return 2;
  if ((prefix >= 23 && prefix <= 25) || (prefix >= 40 && prefix <= 42) || prefix === 71) return 3;
  if (
    (prefix >= 31 && prefix <= 36) ||
    prefix === 39 ||
    prefix === 43 ||
    prefix === 70 ||
    prefix === 72 ||
    (prefix >= 80 && prefix <= 82)
  ) {
    return 4;
  }
  return undefined;
}

/**
 * Values of predefined length, by the AI's first two digits (GS1 General Specifications figure
 * "element strings with predefined length"): these need no GS after them, all others do.
 * 00 SSCC; 01 GTIN; 02 content GTIN; 03/04 reserved; 11-19 dates; 20 variant; 31-36 measures;
 * 41x GLNs (410-417, e.g. 414).
 */
function predefinedLength(prefix: number): number | undefined {
  if (prefix === 0) return 18;
  if (prefix >= 1 && prefix <= 3) return 14;
  if (prefix === 4) return 16;
  if (prefix >= 11 && prefix <= 19) return 6;
  if (prefix === 20) return 2;
  if (prefix >= 31 && prefix <= 36) return 6;
  if (prefix === 41) return 13;
  return undefined;
}

/** Longest value of the variable-length AIs this agent may meet; others get GS1's ceiling, 90. */
const MAX_VALUE_LENGTH: Readonly<Record<string, number>> = {
  '10': 20, // batch/lot
  '21': 20, // serial number
  '22': 20,
  '30': 8, // count
  '37': 8, // count of trade items
  '240': 30,
  '241': 30,
  '250': 30,
  '251': 30,
  '253': 30, // GDTI: 13 digits + serial up to 17
  '254': 20,
  '255': 25, // GCN: 13 digits + serial up to 12
  '400': 30,
  '401': 30,
  '402': 17,
  '403': 30,
  '8003': 30, // GRAI: 14 digits + serial up to 16
  '8004': 30, // GIAI
  '8006': 18,
  '8010': 30,
  '8013': 25,
  '8017': 18,
  '8018': 18,
  '8020': 25,
};

/** Printable ASCII without space: GS1's character sets are subsets of it. */
const VALUE_CHARS = /^[\x21-\x7e]+$/;
const DIGITS = /^[0-9]+$/;

/**
 * Parses an element string. A leading GS (some readers send FNC1 first as GS) and a GS after a
 * predefined-length value are tolerated. Undefined when it is not a well-formed element string:
 * an unassigned AI, a short or non-numeric fixed value, an empty or over-long value.
 */
export function parseElementString(text: string): Gs1Element[] | undefined {
  const elements: Gs1Element[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i += 1;
      continue;
    }
    const head = text.slice(i, i + 2);
    if (!/^[0-9]{2}$/.test(head)) return undefined;
    const prefix = Number(head);
    const length = aiLength(prefix);
    if (length === undefined) return undefined;
    const ai = text.slice(i, i + length);
    if (ai.length !== length || !DIGITS.test(ai)) return undefined;
    i += length;
    const fixed = predefinedLength(prefix);
    let value: string;
    if (fixed !== undefined) {
      value = text.slice(i, i + fixed);
      if (value.length !== fixed || !DIGITS.test(value)) return undefined;
      i += fixed;
    } else {
      const end = text.indexOf(GS, i);
      value = text.slice(i, end === -1 ? text.length : end);
      i += value.length;
      if (value.length > (MAX_VALUE_LENGTH[ai] ?? 90)) return undefined;
    }
    if (!VALUE_CHARS.test(value)) return undefined;
    elements.push({ ai, value });
  }
  return elements.length > 0 ? elements : undefined;
}

export type Gs1Verdict =
  | { kind: 'card'; ai: string; cardNumber: string }
  | { kind: 'product' }
  | { kind: 'malformed'; ai: string }
  | { kind: 'none' };

/**
 * Where a gift card number sits, most specific first, with how many leading characters are the
 * key that names the card scheme rather than the card (the serial follows them):
 * - 8004 GIAI identifies one individual asset by itself: the whole value is this card.
 * - 8003 GRAI: 14 digits name the kind of returnable asset (the card programme); the serial
 *   after them is this card.
 * - 253 GDTI: 13 digits name the document type (a voucher); the serial is this voucher.
 * - 255 GCN: 13 digits name the coupon offer; the serial is this coupon. Last, because a coupon
 *   is more often an offer than a stored balance.
 * A key without its serial names a programme, not a card, and is passed over.
 */
const CARD_AIS: ReadonlyArray<{ ai: string; keyLength: number }> = [
  { ai: '8004', keyLength: 0 },
  { ai: '8003', keyLength: 14 },
  { ai: '253', keyLength: 13 },
  { ai: '255', keyLength: 13 },
];

/**
 * The gift card in a set of elements; else a product (a GTIN, AI 01, with no card AI: 01, 10
 * batch, 17 expiry and the like describe a trade item); else nothing.
 */
export function findGiftCard(elements: readonly Gs1Element[]): Gs1Verdict {
  for (const { ai, keyLength } of CARD_AIS) {
    const element = elements.find((e) => e.ai === ai);
    if (!element) continue;
    const key = element.value.slice(0, keyLength);
    if (keyLength > 0 && (key.length !== keyLength || !DIGITS.test(key))) return { kind: 'malformed', ai };
    const serial = element.value.slice(keyLength);
    if (serial) return { kind: 'card', ai, cardNumber: serial };
  }
  return elements.some((e) => e.ai === '01') ? { kind: 'product' } : { kind: 'none' };
}
