// What this till last heard of each card's balance (by keyed fingerprint, never the number), and
// what it has queued against it: the offline policy "allow" spends only the difference.
import type { Db } from '../db';
import type { StoredClosure } from '../queue';

export interface KnownBalance {
  cardMasked: string;
  status: string;
  balanceMinor: number;
  currency: string;
  checkedAt: string;
}

export class BalanceBook {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO card_balances (fingerprint, card_masked, status, balance_minor, currency, checked_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET card_masked = excluded.card_masked, status = excluded.status, balance_minor = excluded.balance_minor,
           currency = excluded.currency, checked_at = excluded.checked_at WHERE excluded.checked_at >= card_balances.checked_at`,
      ),
      get: db.prepare(
        'SELECT card_masked, status, balance_minor, currency, checked_at FROM card_balances WHERE fingerprint = ?',
      ),
      queued: db.prepare(
        `SELECT body, card_keys FROM outbox WHERE kind = 'CLOSE' AND state IN ('PENDING', 'IN_FLIGHT') AND instr(card_keys, ?) > 0`,
      ),
      offlineOpen: db.prepare(
        `SELECT coalesce(sum(amount_minor), 0) AS total FROM tenders t JOIN baskets b ON b.basket_id = t.basket_id WHERE t.offline = 1 AND b.state = 'OPEN'`,
      ),
      offlineQueued: db.prepare(
        `SELECT coalesce(sum(t.amount_minor), 0) AS total FROM tenders t JOIN baskets b ON b.basket_id = t.basket_id JOIN outbox o ON o.seq = CAST(substr(b.close_item_id, 5) AS INTEGER)
          WHERE t.offline = 1 AND b.state = 'CLOSED' AND o.state IN ('PENDING', 'IN_FLIGHT')`,
      ),
    };
  }

  record(fingerprint: string, b: KnownBalance): void {
    this.s.upsert.run(fingerprint, b.cardMasked, b.status, b.balanceMinor, b.currency, b.checkedAt);
  }

  lastKnown(fingerprint: string): KnownBalance | undefined {
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
    let total = 0;
    for (const row of this.s.queued.all(fingerprint) as Array<{ body: Buffer | null; card_keys: string }>) {
      if (!row.body) continue;
      const keys = row.card_keys.split(',');
      const closure = JSON.parse(row.body.toString('utf8')) as StoredClosure;
      // Gift card tenders come first in a stored closure, in the order of card_keys.
      closure.tenders.forEach((t, i) => {
        if (t.kind === 'GIFT_CARD' && keys[i] === fingerprint) total += t.amountMinor;
      });
    }
    return total;
  }

  /** Gift card value this till has taken without Factor4's word, not yet confirmed. */
  offlineExposure(): number {
    return (
      (this.s.offlineOpen.get() as { total: number }).total +
      (this.s.offlineQueued.get() as { total: number }).total
    );
  }
}
