// Why a scan is not a gift card, in a cashier's words, and the final check every candidate card
// number passes. No reason ever quotes the scanned text: it may be a card number.
import { checkCardNumber, digitLengths, digitSpan, normaliseKeyedCardNumber } from '../../cards';
import type { CardExtraction, DecodeOptions, NotACardCode } from '../types';
import type { Found } from './found';
import { compile } from './regex-cache';

/** A card extraction that failed: the code is not a gift card, and why. */
export type NotACard = Extract<CardExtraction, { ok: false }>;

export function refuse(code: NotACardCode, reason: string): NotACard {
  return { ok: false, code, reason };
}

export const REASONS = {
  empty: 'The scanner sent an empty code. Scan the card again.',
  tooLarge: "This code is far too long to be a gift card. Scan the gift card's barcode.",
  invalidUtf8:
    "The scanner sent characters that cannot be read. Check the scanner's character set, then scan again.",
  control:
    "This code contains hidden control characters, so it cannot be trusted. Scan again; if it keeps happening, check the scanner's prefix and suffix settings.",
  product: "This is a product barcode, not a gift card. Scan the gift card's barcode.",
  characters: 'This code has characters outside those a gift card number can contain.',
  format: "This number is not in the format of this shop's gift cards.",
  luhn: "This card number's check digit is wrong, so it was probably misread. Scan it again or key it in.",
  noCardInCode: 'This code does not contain a gift card number.',
  noCardInGs1: 'This GS1 barcode does not contain a gift card number.',
  malformedGs1: 'This GS1 barcode is not formed correctly, so no card number can be read from it.',
  undecodableLink: 'This link is not formed correctly, so no card number can be read from it.',
  badPin: 'The PIN in this code is not 4 to 8 digits, so the code cannot be used. Key the card in by hand.',
  inexactJsonNumber:
    'The card number in this code is written in a way that cannot be read exactly. Key the card number in by hand.',
  badPattern: "The gift card format in this till's settings (cards.pattern) is not valid. Ask a manager.",
  internal: 'This code could not be read. Scan it again or key the card in.',
} as const;

export function tooShort(length: number, min: number, max: number): string {
  return `This number is too short for a gift card: it has ${digitSpan(length, length)}, a gift card has ${digitSpan(min, max)}.`;
}

export function tooLong(length: number, min: number, max: number): string {
  return `This number is too long for a gift card: it has ${digitSpan(length, length)}, a gift card has ${digitSpan(min, max)}.`;
}

/**
 * C0 and C1 controls and DEL; and the bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which would let a code reorder what the cashier sees. GS is allowed only in GS1
 * data, where it is the FNC1 separator.
 */
export function hasControlCharacters(text: string, gsAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(c === 0x1d && gsAllowed)) return true;
    if ((c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

const DIGITS = /^[0-9]+$/;
const PIN = /^[0-9]{4,8}$/;

/** The last word on a candidate: control characters, the card scheme (pattern, Luhn), the PIN. */
export function acceptCard(found: Found, options: DecodeOptions): CardExtraction {
  // Before normalising: the spaces and dashes it removes include \t, \n and the like.
  if (hasControlCharacters(found.card, false)) return refuse('CONTROL_CHARACTERS', REASONS.control);
  const cardNumber = normaliseKeyedCardNumber(found.card);
  if (cardNumber === '') return refuse('UNRECOGNISED', REASONS.noCardInCode);
  if (compile(options.pattern) === null) return refuse('UNRECOGNISED', REASONS.badPattern);
  const problem = checkCardNumber(cardNumber, { pattern: options.pattern, luhn: options.luhn });
  if (problem === 'PATTERN') {
    if (!DIGITS.test(cardNumber)) return refuse('PATTERN', REASONS.characters);
    const lengths = digitLengths(options.pattern);
    if (lengths && cardNumber.length < lengths.min) {
      return refuse('TOO_SHORT', tooShort(cardNumber.length, lengths.min, lengths.max));
    }
    if (lengths && cardNumber.length > lengths.max) {
      return refuse('TOO_LONG', tooLong(cardNumber.length, lengths.min, lengths.max));
    }
    return refuse('PATTERN', REASONS.format);
  }
  if (problem === 'LUHN') return refuse('LUHN', REASONS.luhn);
  if (problem === 'EMPTY') return refuse('UNRECOGNISED', REASONS.noCardInCode);
  if (found.pin !== undefined && !PIN.test(found.pin)) return refuse('UNRECOGNISED', REASONS.badPin);
  return found.pin === undefined
    ? { ok: true, cardNumber, form: found.form }
    : { ok: true, cardNumber, pin: found.pin, form: found.form };
}
