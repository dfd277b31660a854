// Where the card data of a scan stood: the characters of the payload text, and the raw bytes, that
// the card number and the PIN were read from. Traces hide exactly these, whatever the spelling
// (spaced, dashed, percent-encoded, in JSON, GS1 or a link), rather than guessing from digit runs.
import { normaliseKeyedCardNumber } from '../../cards';
import type { CardData, Range } from '../types';
import type { Found } from './found';

/**
 * For each UTF-16 index of `decoded`, the offset of its first byte in the raw bytes; the entry at
 * `decoded.length` is where the text ends. `skip` bytes came before the text (a UTF-8 BOM, which
 * the decoder drops). A surrogate pair's first half has no bytes of its own: its second holds all 4.
 */
export function byteOffsets(decoded: string, skip: number): number[] {
  const out = new Array<number>(decoded.length + 1);
  let b = skip;
  for (let i = 0; i < decoded.length; i++) {
    out[i] = b;
    const c = decoded.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < decoded.length) {
      out[i + 1] = b;
      b += 4;
      i += 1;
    } else b += 3;
  }
  out[decoded.length] = b;
  return out;
}

const isAlnum = (c: string) => /^[0-9A-Za-z]$/.test(c);
const SEPARATORS = /[\s+\-.]/g;

function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  if (needle === '') return at;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) at.push(i);
  return at;
}

function toRanges(indices: Iterable<number>): Range[] {
  const sorted = [...indices].sort((a, b) => a - b);
  const ranges: Range[] = [];
  for (const i of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] >= i) last[1] = Math.max(last[1], i + 1);
    else ranges.push([i, i + 1]);
  }
  return ranges;
}

/**
 * The characters of `text` (and the bytes, by `origin` from byteOffsets) holding the card number
 * and PIN a payload reader found: every place the number or PIN is written as the reader saw it,
 * all of the PIN and all of the number but its last 4 digits (which the till shows everywhere).
 * When one cannot be found as written, or the number or PIN still shows outside what is hidden
 * (written twice, differently), the whole payload is hidden: never less than the card data.
 */
export function cardDataAt(text: string, origin: readonly number[], found: Found): CardData {
  const hidden = new Set<number>();
  let whole = false;
  const cardNumber = normaliseKeyedCardNumber(found.card);
  const cardAt = occurrences(text, found.cardRaw ?? found.card);
  if (cardAt.length === 0) whole = true;
  const cardRawLength = (found.cardRaw ?? found.card).length;
  for (const start of cardAt) {
    const alnum: number[] = [];
    for (let i = start; i < start + cardRawLength; i++) {
      hidden.add(i);
      if (isAlnum(text[i] ?? '')) alnum.push(i);
    }
    const tail = alnum.slice(-4);
    const shown = tail.map((i) => text[i]).join('');
    // The tail shows as written, a space or dash inside it too.
    if (cardNumber.length > 8 && tail.length === 4 && shown === cardNumber.slice(-4)) {
      for (let i = tail[0] ?? 0; i <= (tail[3] ?? -1); i++) hidden.delete(i);
    }
  }
  const pinRaw = found.pinRaw ?? found.pin;
  if (pinRaw !== undefined) {
    const pinAt = occurrences(text, pinRaw);
    if (pinAt.length === 0) whole = true;
    for (const start of pinAt) for (let i = start; i < start + pinRaw.length; i++) hidden.add(i);
  }
  if (!whole) whole = stillShows(text, hidden, cardNumber, found.pin);
  if (whole) for (let i = 0; i < text.length; i++) hidden.add(i);

  const textRanges = toRanges(hidden);
  const byteIndices = new Set<number>();
  for (const [s, e] of textRanges) {
    for (let b = origin[s] ?? 0; b < (origin[e] ?? origin[origin.length - 1] ?? 0); b++) byteIndices.add(b);
  }
  return { text: textRanges, bytes: toRanges(byteIndices) };
}

/** The number (its last 8) or the PIN (a run of its own) is still readable in what stays shown. */
function stillShows(text: string, hidden: ReadonlySet<number>, cardNumber: string, pin?: string): boolean {
  const shown = Array.from(text, (c, i) => (hidden.has(i) ? '•' : c)).join('');
  const squeezed = shown.replace(SEPARATORS, '');
  if (cardNumber.length >= 8 && squeezed.includes(cardNumber.slice(-8))) return true;
  if (pin !== undefined && pin !== '') {
    for (const run of squeezed.match(/[0-9]+/g) ?? []) if (run.includes(pin)) return true;
  }
  return false;
}
