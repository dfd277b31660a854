// From a framed code to what the cashier and the POS see: decode it, drop a repeat of the same
// card from the same scanner, for a gift card start the balance inquiry at once, then keep the
// scan (full number inside the core only) and announce the `scan` event; the inquiry's answer is
// announced as `card` (or `cardError`).
import { afterAnswer } from '../after-answer';
import type { Card, Result, Scan } from '../contract';
import { maskCardNumber } from '../cards';
import type { StoredScan } from './recent-scans';
import { decodeScan, ScanDeduper } from './decode';
import type { CardData, CardExtraction, DecodeOptions, DecodedScan, RawScan } from './types';

export interface ScanOutcome {
  scan: Scan;
  decoded: DecodedScan;
  card: CardExtraction;
  /** For a gift card, where its number and PIN stood: what a trace hides. */
  cardData?: CardData;
  /** True when this was the same card from the same scanner again within the window: not a new scan. */
  repeat: boolean;
}

export interface ScanServiceDeps {
  /** The card scheme (pattern, Luhn, extractors); each device adds its own prefix and suffix. */
  decodeOptions: DecodeOptions;
  dedupeMs: number;
  store(stored: StoredScan): void;
  announceScan(scan: Scan): void;
  inquire(stored: StoredScan): Promise<Result<Card>>;
  announceCard(scanId: string, result: Result<Card>): void;
  /** Every code a device produced, decoded or not, for the Scanners panel. */
  seen(outcome: ScanOutcome, raw: RawScan): void;
}

let sequence = 0;
/** Sortable, unique within a run and across restarts: time first, then a counter. */
export function newScanId(at: Date): string {
  sequence = (sequence + 1) % 1_000_000;
  return `scan_${at.getTime().toString(36)}${sequence.toString(36).padStart(4, '0')}`;
}

export class ScanService {
  private readonly deduper: ScanDeduper;

  constructor(private readonly deps: ScanServiceDeps) {
    this.deduper = new ScanDeduper(deps.dedupeMs);
  }

  /** Decodes and announces a code; the inquiry that follows a gift card runs in the background. */
  accept(raw: RawScan, affixes: Pick<DecodeOptions, 'prefix' | 'suffix'> = {}): ScanOutcome {
    const { scan: decoded, card, cardData } = decodeScan(raw, { ...this.deps.decodeOptions, ...affixes });
    const repeat = card.ok && this.deduper.isRepeat(raw.source.deviceId, card.cardNumber, raw.at);
    const scan: Scan = {
      scanId: newScanId(raw.at),
      at: raw.at.toISOString(),
      source: raw.source,
      ...(decoded.symbology ? { symbology: decoded.symbology } : {}),
      valid: card.ok,
      ...(card.ok ? { cardNumberMasked: maskCardNumber(card.cardNumber) } : { reason: card.reason }),
    };
    const outcome: ScanOutcome = { scan, decoded, card, repeat, ...(cardData ? { cardData } : {}) };
    if (repeat) {
      this.deps.seen(outcome, raw);
      return outcome;
    }
    const stored: StoredScan = card.ok
      ? { scan, cardNumber: card.cardNumber, ...(card.pin ? { pin: card.pin } : {}) }
      : { scan };
    if (!card.ok) {
      this.deps.store(stored);
      this.deps.seen(outcome, raw);
      this.deps.announceScan(scan);
      return outcome;
    }
    // The inquiry goes out first, and the scan is announced once it is on the wire: undici writes
    // a request on a kept-alive connection in the next check phase (it first reads what the server
    // may have sent meanwhile), so an event formatted and written now would go before it. `card`
    // still follows `scan` on the stream, even for an inquiry refused at once.
    const inquiry = this.deps.inquire(stored);
    this.deps.store(stored);
    this.deps.seen(outcome, raw);
    const announced = new Promise<void>((resolve) =>
      afterAnswer(() => {
        this.deps.announceScan(scan);
        resolve();
      }),
    );
    void Promise.all([inquiry, announced]).then(([result]) => this.deps.announceCard(scan.scanId, result));
    return outcome;
  }
}
