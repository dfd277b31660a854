// The last codes each scanner produced, as the Scanners panel shows them: raw bytes in hex beside
// how they were read, so a wrong suffix or keyboard layout can be fixed on site. Card data is money:
// for a gift card the bytes and characters the decoder read its number and PIN from are hidden
// (the number's last 4 digits aside), whatever the spelling. A refused code has no card data, but
// may still hold a card the scheme refused (a misread digit): there any digit run of 8 or more,
// even grouped with spaces, dashes or "+"/"%20"/"%2D", keeps only its last 4 digits.
import type { ScanTrace } from '../contract';
import type { ScanOutcome } from './service';
import type { Range, RawScan } from './types';

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const SPACE = 0x20;
const DASH = 0x2d;
const PLUS = 0x2b;
const PERCENT = 0x25;

/** How many code units after `i` separate two digit groups there (0: none). */
function separatorAt(at: (i: number) => number, i: number): number {
  const c = at(i);
  if (c === SPACE || c === DASH || c === PLUS) return 1;
  if (c === PERCENT && at(i + 1) === 0x32) {
    const d = at(i + 2);
    if (d === 0x30 || d === 0x44 || d === 0x64) return 3; // %20, %2D, %2d
  }
  return 0;
}

/**
 * The digits in runs of 8+ (grouped or not) that are not among the run's last 4 digits, of those
 * before `limit`: runs are read over all the code, so a cut never shows more. No copy of the code
 * is made: a 4 KB refusal costs a pass over it and nothing kept.
 */
function digitRunPositions(length: number, at: (i: number) => number, limit = length): Set<number> {
  const hidden = new Set<number>();
  const codes = { length, get: (i: number) => (i < length ? at(i) : -1) };
  let i = 0;
  while (i < length && i < limit) {
    if (!isDigit(codes.get(i))) {
      i += 1;
      continue;
    }
    const start = i;
    let count = 0;
    for (;;) {
      while (i < length && isDigit(codes.get(i))) {
        count += 1;
        i += 1;
      }
      const gap = separatorAt(codes.get, i);
      if (gap === 0 || !isDigit(codes.get(i + gap))) break;
      i += gap;
    }
    if (count < 8) continue;
    // Walk back to the 4th digit from the end: everything before it in the run is hidden.
    let shown = 0;
    let end = i;
    while (shown < 4) if (isDigit(codes.get(--end))) shown += 1;
    for (let d = start; d < end && d < limit; d++) if (isDigit(codes.get(d))) hidden.add(d);
  }
  return hidden;
}

function inRanges(ranges: readonly Range[], limit: number): Set<number> {
  const out = new Set<number>();
  for (const [s, e] of ranges) for (let i = s; i < e && i < limit; i++) out.add(i);
  return out;
}

/**
 * The first `limit` bytes in hex; hidden: the given ranges, or without them card-like digit runs
 * (found over all the bytes, so a cut never shows more).
 */
export function maskedHex(bytes: Uint8Array, hide?: readonly Range[], limit = bytes.length): string {
  const hidden = hide ? inRanges(hide, limit) : digitRunPositions(bytes.length, (i) => bytes[i] ?? -1, limit);
  const out: string[] = [];
  for (let i = 0; i < Math.min(limit, bytes.length); i++) {
    out.push(hidden.has(i) ? '••' : (bytes[i] ?? 0).toString(16).padStart(2, '0'));
  }
  return out.join(' ');
}

/** The first `limit` characters of the text, hidden as maskedHex hides bytes. */
export function maskedText(text: string, hide?: readonly Range[], limit = text.length): string {
  const hidden = hide
    ? inRanges(hide, limit)
    : digitRunPositions(text.length, (i) => text.charCodeAt(i), limit);
  const out: string[] = [];
  for (let i = 0; i < Math.min(limit, text.length); i++) out.push(hidden.has(i) ? '•' : (text[i] ?? ''));
  return out.join('');
}

/**
 * A trace's text and hex once more through the digit-run net: what the support bundle applies to
 * every trace it holds, a second guard after the decoder's positions.
 */
export function scrubTrace(trace: ScanTrace): ScanTrace {
  const tokens = trace.rawHex.split(' ');
  const codes = tokens.map((t) => (/^[0-9a-f]{2}$/.test(t) ? parseInt(t, 16) : -1));
  const hidden = digitRunPositions(codes.length, (i) => codes[i] ?? -1);
  return {
    ...trace,
    rawHex: tokens.map((t, i) => (hidden.has(i) ? '••' : t)).join(' '),
    text: maskedText(trace.text),
  };
}

export class TraceLog {
  private readonly traces: ScanTrace[] = [];

  constructor(private readonly capacity = 50) {}

  add(outcome: ScanOutcome, raw: RawScan): void {
    const { decoded, card, repeat, cardData } = outcome;
    this.traces.unshift({
      at: raw.at.toISOString(),
      deviceId: raw.source.deviceId,
      rawHex:
        maskedHex(raw.bytes, cardData?.bytes, 512) +
        (raw.bytes.length > 512 ? ` … (${raw.bytes.length} bytes)` : ''),
      ...(decoded.aim ? { aim: decoded.aim } : {}),
      ...(decoded.symbology ? { symbology: decoded.symbology } : {}),
      text: maskedText(decoded.text, cardData?.text, 512),
      valid: card.ok,
      ...(card.ok ? { form: card.form } : { reason: card.reason }),
      repeat,
    });
    if (this.traces.length > this.capacity) this.traces.pop();
  }

  list(): ScanTrace[] {
    return this.traces.map((t) => ({ ...t }));
  }
}
