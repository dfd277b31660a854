// What this till last heard of each card's balance (by keyed fingerprint, never the number), and
// what it has queued against it: the offline policy "allow" spends only the difference.
import { withRelaxedDurability, type Db } from '../db';

export interface KnownBalance {
  cardMasked: string;
  status: string;
  balanceMinor: number;
  currency: string;
  checkedAt: string;
}

export class BalanceBook {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly onError: (e: Error) => void = () => {},
  ) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO card_balances (fingerprint, card_masked, status, balance_minor, currency, checked_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET card_masked = excluded.card_masked, status = excluded.status, balance_minor = excluded.balance_minor,
           currency = excluded.currency, checked_at = excluded.checked_at WHERE excluded.checked_at >= card_balances.checked_at`,
      ),
      get: db.prepare(
        'SELECT card_masked, status, balance_minor, currency, checked_at FROM card_balances WHERE fingerprint = ?',
      ),
      // What the till's queued closures will still take from a card: its tenders on closed
      // baskets whose closure has not settled yet.
      queued: db.prepare(
        `SELECT coalesce(sum(t.amount_minor), 0) AS total FROM tenders t
           JOIN baskets b ON b.basket_id = t.basket_id
           JOIN outbox o ON o.seq = CAST(substr(b.close_item_id, 5) AS INTEGER)
          WHERE t.card_fingerprint = ? AND b.state = 'CLOSED' AND o.state IN ('PENDING', 'IN_FLIGHT')`,
      ),
      offline: db.prepare(
        `SELECT coalesce(sum(t.amount_minor), 0) AS total FROM tenders t
           JOIN baskets b ON b.basket_id = t.basket_id
           LEFT JOIN outbox o ON o.seq = CAST(substr(b.close_item_id, 5) AS INTEGER)
          WHERE t.offline = 1 AND (b.state = 'OPEN' OR (b.state = 'CLOSED' AND o.state IN ('PENDING', 'IN_FLIGHT')))`,
      ),
    };
  }

  /** Notes not yet written: the newest per card. */
  private readonly pending = new Map<string, KnownBalance>();
  private flushTimer: NodeJS.Timeout | undefined;

  /**
   * A note, not a record of money: kept in memory at once and written within a second, many notes
   * in one commit that does not wait for the disk (the next durable commit carries it). Losing the
   * last second of notes to a crash or power cut only means the offline policy knows a slightly
   * older balance, or none. Writing (and fsync'ing) here put a disk wait inside every card inquiry.
   */
  record(fingerprint: string, b: KnownBalance): void {
    if (this.closed) return; // the database is closing: nowhere to write it
    const earlier = this.pending.get(fingerprint);
    if (earlier && earlier.checkedAt > b.checkedAt) return;
    this.pending.set(fingerprint, b);
    this.flushTimer ??= setTimeout(() => this.flush(), BalanceBook.FLUSH_AFTER_MS).unref();
  }

  static readonly FLUSH_AFTER_MS = 1000;

  /** Writes the pending notes now; a failure is logged and the notes kept for the next try. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size === 0 || !this.db.open) return;
    const notes = [...this.pending];
    try {
      withRelaxedDurability(this.db, () =>
        this.db.transaction(() => {
          for (const [fingerprint, b] of notes)
            this.s.upsert.run(fingerprint, b.cardMasked, b.status, b.balanceMinor, b.currency, b.checkedAt);
        })(),
      );
      for (const [fingerprint, b] of notes)
        if (this.pending.get(fingerprint) === b) this.pending.delete(fingerprint);
    } catch (e) {
      // Only notes: the sale goes on. They are tried again with the next note (or at close).
      this.onError(e as Error);
    }
  }

  private closed = false;

  /** Writes what is pending and stops the timer; the sale calls this before the database closes. */
  close(): void {
    this.flush();
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  lastKnown(fingerprint: string): KnownBalance | undefined {
    const noted = this.pending.get(fingerprint);
    if (noted) return noted;
    const r = this.s.get.get(fingerprint) as
      | { card_masked: string; status: string; balance_minor: number; currency: string; checked_at: string }
      | undefined;
    return (
      r && {
        cardMasked: r.card_masked,
        status: r.status,
        balanceMinor: r.balance_minor,
        currency: r.currency,
        checkedAt: r.checked_at,
      }
    );
  }

  /** What this till's queued closures will still take from the card. */
  queuedAgainst(fingerprint: string): number {
    return (this.s.queued.get(fingerprint) as { total: number }).total;
  }

  /** Gift card value this till has taken without Factor4's word, not yet confirmed. */
  offlineExposure(): number {
    return (this.s.offline.get() as { total: number }).total;
  }
}
