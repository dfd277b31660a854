// From a scanner's bytes to a gift card number or a cashier-ready refusal. Pure and total: no I/O,
// no clock, and every input, however hostile, gets an answer rather than an exception.
import { MAX_SCAN_BYTES } from '../../contract';
import type { CardData, CardExtraction, DecodedScan, DecodeOptions, RawScan } from '../types';
import { describeAim, describeSymbologyHint, normaliseAimHint, splitAim, undoEciEscapesAt } from './aim';
import { parseDigitalLink, type LinkElement } from './digital-link';
import { stripAffixes } from './affixes';
import { decodeUtf8, toHex } from './bytes';
import { findGiftCard, GS, parseElementString, type Gs1Element } from './gs1';
import type { Found } from './found';
import { fromDelimited, fromExtractors, fromJson, fromUrlQuery, pinFromUrlQuery } from './payload';
import { isRetailProductCode, looksLikeGtin } from './product-codes';
import { acceptCard as acceptFound, hasControlCharacters, REASONS, refuse } from './refusals';
import { splitHttpUrl } from './url';
import { byteOffsets, cardDataAt } from './positions';

export interface DecodeResult {
  scan: DecodedScan;
  card: CardExtraction;
  /** For a gift card: where its number and PIN stood in the text and in the raw bytes. */
  cardData?: CardData;
}

/**
 * Decodes one scan. `scan.text` is the payload without prefix, AIM identifier or suffix; it is
 * empty when the bytes were refused before they were read (too large, not UTF-8). `scan.rawHex`
 * is every byte, except for a code over MAX_SCAN_BYTES where only the first 64 are kept,
 * followed by "…". Both hold the card number in full: they must stay in the core like it.
 */
export function decodeScan(raw: RawScan, options: DecodeOptions): DecodeResult {
  try {
    return decode(raw, options);
  } catch {
    // Not expected: a safety net so that no input can take the scanner pipeline down.
    return { scan: { text: '', rawHex: safeHex(raw) }, card: refuse('UNRECOGNISED', REASONS.internal) };
  }
}

function safeHex(raw: RawScan): string {
  try {
    return toHex(raw.bytes.subarray(0, 64)) + (raw.bytes.length > 64 ? '…' : '');
  } catch {
    return '';
  }
}

function decode(raw: RawScan, options: DecodeOptions): DecodeResult {
  const { bytes } = raw;
  if (bytes.length > MAX_SCAN_BYTES) {
    return { scan: { text: '', rawHex: safeHex(raw) }, card: refuse('TOO_LARGE', REASONS.tooLarge) };
  }
  const rawHex = toHex(bytes);
  if (bytes.length === 0) return { scan: { text: '', rawHex }, card: refuse('EMPTY', REASONS.empty) };
  const decoded = decodeUtf8(bytes);
  if (decoded === undefined) {
    return { scan: { text: '', rawHex }, card: refuse('INVALID_UTF8', REASONS.invalidUtf8) };
  }

  // [prefix][AIM identifier][data][suffix], the order scanners send them in. `origin` follows
  // each step: origin[i] is the raw byte where text[i] starts.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let origin = byteOffsets(decoded, bom);
  let text = stripAffixes(decoded, options.prefix, options.suffix);
  const start = options.prefix && decoded.startsWith(options.prefix) ? options.prefix.length : 0;
  origin = origin.slice(start, start + text.length + 1);
  let aim = normaliseAimHint(raw.aimHint);
  if (aim === undefined) {
    const split = splitAim(text);
    if (split) {
      aim = split.aim;
      text = split.rest;
      origin = origin.slice(3);
    }
  }
  const meaning = aim !== undefined ? describeAim(aim, text) : describeSymbologyHint(raw.symbologyHint);
  if (meaning.eci) {
    const unescaped = undoEciEscapesAt(text);
    const before = origin;
    origin = unescaped.from.map((i) => before[i] ?? 0);
    text = unescaped.text;
  }

  const scan: DecodedScan = { text, rawHex };
  if (meaning.symbology !== undefined) scan.symbology = meaning.symbology;
  if (aim !== undefined) scan.aim = aim;
  const found: { candidate?: Found } = {};
  const card = extract(text, meaning.symbology, meaning.gs1, options, found);
  // A refusal reports none: what it shows stays as read, a card-like digit run aside (trace.ts).
  return card.ok && found.candidate
    ? { scan, card, cardData: cardDataAt(text, origin, found.candidate) }
    : { scan, card };
}

function extract(
  text: string,
  symbology: string | undefined,
  gs1: boolean,
  options: DecodeOptions,
  found: { candidate?: Found },
): CardExtraction {
  // Every candidate goes through here, so the caller learns where its card data stood.
  const acceptCard = (candidate: Found, opts: DecodeOptions) => {
    found.candidate = candidate;
    return acceptFound(candidate, opts);
  };
  if (text === '') return refuse('EMPTY', REASONS.empty);

  // GS is FNC1 in GS1 data, and a control character anywhere else. Without an identifier saying
  // "GS1", text with GS is GS1 only if it reads as an element string.
  let elements: Gs1Element[] | undefined;
  if (gs1 || (symbology === undefined && text.includes(GS))) elements = parseElementString(text);
  if (hasControlCharacters(text, gs1 || elements !== undefined)) {
    return refuse('CONTROL_CHARACTERS', REASONS.control);
  }

  // The operator's own forms come first, even before the product-code check, so that a shop
  // whose cards carry an in-store EAN-13 can still take them by writing an extractor.
  const custom = fromExtractors(text, options.extractors, MAX_SCAN_BYTES);
  if (custom) return acceptCard(custom, options);

  if (gs1 && elements === undefined) return refuse('UNRECOGNISED', REASONS.malformedGs1);
  if (elements !== undefined) return fromGs1(elements, 'gs1', undefined, options, acceptCard);

  if (isRetailProductCode(text, symbology)) return refuse('PRODUCT_BARCODE', REASONS.product);

  const url = splitHttpUrl(text);
  if (url) {
    const link = parseDigitalLink(url);
    if (link === 'malformed') return refuse('UNRECOGNISED', REASONS.undecodableLink);
    if (link !== undefined && findGiftCard(link.elements).kind !== 'none') {
      const pin = pinFromUrlQuery(url);
      if ('ok' in pin) return pin;
      return fromGs1(link.elements, 'digital-link', pin, options, acceptCard);
    }
    const query = fromUrlQuery(url);
    if (query === undefined) return refuse('UNRECOGNISED', REASONS.noCardInCode);
    return 'ok' in query ? query : acceptCard(query, options);
  }

  const json = fromJson(text);
  if (json) return 'ok' in json ? json : acceptCard(json, options);

  const delimited = fromDelimited(text);
  if (delimited) return acceptCard(delimited, options);

  const bare: Found = { card: text, pin: undefined, form: 'bare' };
  const result = acceptCard(bare, options);
  // Without an identifier, 8/12/13 digits with a good check digit may be EAN/UPC. A number the
  // card scheme accepts stays a card (a 13-digit card scheme would otherwise be unusable on
  // scanners without AIM identifiers); one it refuses is more helpfully called a product code.
  if (!result.ok && symbology === undefined && looksLikeGtin(text)) {
    return refuse('PRODUCT_BARCODE', REASONS.product);
  }
  return result;
}

function fromGs1(
  elements: ReadonlyArray<Gs1Element | LinkElement>,
  form: 'gs1' | 'digital-link',
  pin: { pin: string | undefined; pinRaw?: string } | undefined,
  options: DecodeOptions,
  acceptCard: (found: Found, options: DecodeOptions) => CardExtraction,
): CardExtraction {
  const verdict = findGiftCard(elements);
  switch (verdict.kind) {
    case 'card': {
      // In a link the value is as written there (maybe percent-encoded): all of it is card data.
      const element = elements.find((e) => e.ai === verdict.ai);
      const written = element && 'raw' in element ? element.raw : undefined;
      const cardRaw = written !== undefined && written !== element?.value ? written : verdict.cardNumber;
      return acceptCard(
        {
          card: verdict.cardNumber,
          pin: pin?.pin,
          form,
          cardRaw,
          ...(pin?.pinRaw ? { pinRaw: pin.pinRaw } : {}),
        },
        options,
      );
    }
    case 'product':
      return refuse('PRODUCT_BARCODE', REASONS.product);
    case 'malformed':
      return refuse('UNRECOGNISED', REASONS.malformedGs1);
    case 'none':
      return refuse('UNRECOGNISED', REASONS.noCardInGs1);
  }
}
