// From a scanner's bytes to a gift card number or a cashier-ready refusal. Pure and total: no I/O,
// no clock, and every input, however hostile, gets an answer rather than an exception.
import { MAX_SCAN_BYTES } from '../../contract';
import type { CardExtraction, DecodedScan, DecodeOptions, RawScan } from '../types';
import { describeAim, describeSymbologyHint, normaliseAimHint, splitAim, undoEciEscapes } from './aim';
import { parseDigitalLink } from './digital-link';
import { stripAffixes } from './affixes';
import { decodeUtf8, toHex } from './bytes';
import { findGiftCard, GS, parseElementString, type Gs1Element } from './gs1';
import type { Found } from './found';
import { fromDelimited, fromExtractors, fromJson, fromUrlQuery, pinFromUrlQuery } from './payload';
import { isRetailProductCode, looksLikeGtin } from './product-codes';
import { acceptCard, hasControlCharacters, REASONS, refuse } from './refusals';
import { splitHttpUrl } from './url';

export interface DecodeResult {
  scan: DecodedScan;
  card: CardExtraction;
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

  // [prefix][AIM identifier][data][suffix], the order scanners send them in.
  let text = stripAffixes(decoded, options.prefix, options.suffix);
  let aim = normaliseAimHint(raw.aimHint);
  if (aim === undefined) {
    const split = splitAim(text);
    if (split) {
      aim = split.aim;
      text = split.rest;
    }
  }
  const meaning = aim !== undefined ? describeAim(aim, text) : describeSymbologyHint(raw.symbologyHint);
  if (meaning.eci) text = undoEciEscapes(text);

  const scan: DecodedScan = { text, rawHex };
  if (meaning.symbology !== undefined) scan.symbology = meaning.symbology;
  if (aim !== undefined) scan.aim = aim;
  return { scan, card: extract(text, meaning.symbology, meaning.gs1, options) };
}

function extract(
  text: string,
  symbology: string | undefined,
  gs1: boolean,
  options: DecodeOptions,
): CardExtraction {
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
  if (elements !== undefined) return fromGs1(elements, 'gs1', undefined, options);

  if (isRetailProductCode(text, symbology)) return refuse('PRODUCT_BARCODE', REASONS.product);

  const url = splitHttpUrl(text);
  if (url) {
    const link = parseDigitalLink(url);
    if (link === 'malformed') return refuse('UNRECOGNISED', REASONS.undecodableLink);
    if (link !== undefined && findGiftCard(link.elements).kind !== 'none') {
      const pin = pinFromUrlQuery(url);
      if ('ok' in pin) return pin;
      return fromGs1(link.elements, 'digital-link', pin.pin, options);
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
  elements: readonly Gs1Element[],
  form: 'gs1' | 'digital-link',
  pin: string | undefined,
  options: DecodeOptions,
): CardExtraction {
  const verdict = findGiftCard(elements);
  switch (verdict.kind) {
    case 'card':
      return acceptCard({ card: verdict.cardNumber, pin, form }, options);
    case 'product':
      return refuse('PRODUCT_BARCODE', REASONS.product);
    case 'malformed':
      return refuse('UNRECOGNISED', REASONS.malformedGs1);
    case 'none':
      return refuse('UNRECOGNISED', REASONS.noCardInGs1);
  }
}
