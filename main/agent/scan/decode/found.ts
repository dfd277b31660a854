// A card number a payload reader found, before the card scheme has its say: what payload.ts and
// decode.ts hand to acceptCard (refusals.ts). Its own file, so that payload.ts and refusals.ts
// need not import each other.
import type { CardExtraction } from '../types';

export type Form = Extract<CardExtraction, { ok: true }>['form'];

/** A card number (and PIN) found in a payload, not yet checked against the card scheme. */
export interface Found {
  card: string;
  pin: string | undefined;
  form: Form;
  /**
   * The card and PIN as they stand in the payload text, before percent-decoding, JSON unescaping
   * or normalising (absent: as `card` / `pin`). The decoder finds them there to report where in
   * the raw bytes the card data came from, so that traces can hide exactly those bytes.
   */
  cardRaw?: string;
  pinRaw?: string;
}
