// Top-ups as SQLite rows: written PENDING (fsync'd) before Centegra is asked, then DONE or FAILED,
// and VOIDING / VOIDED when a manager or the POS voids one.
import type { Db } from '../db';

export type TopUpState = 'PENDING' | 'DONE' | 'FAILED' | 'VOIDING' | 'VOIDED';

export interface TopUpRecord {
  topUpId: string;
  requestId: string;
  state: TopUpState;
  amountMinor: number;
  currency: string;
  cardMasked: string;
  cardFingerprint: string;
  cardSealed?: Buffer;
  posReference?: string;
  requestKey: string;
  createdAt: string;
  attempts: number;
  settledAt?: string;
  transactionId?: string;
  balanceAfterMinor?: number;
  errorCode?: string;
  errorMessage?: string;
  voidItemId?: string;
}

interface Row {
  top_up_id: string;
  request_id: string;
  state: TopUpState;
  amount_minor: number;
  currency: string;
  card_masked: string;
  card_fingerprint: string;
  card_sealed: Buffer | null;
  pos_reference: string | null;
  request_key: string;
  created_at: string;
  attempts: number;
  settled_at: string | null;
  transaction_id: string | null;
  balance_after_minor: number | null;
  error_code: string | null;
  error_message: string | null;
  void_item_id: string | null;
}

const recordOf = (r: Row): TopUpRecord => ({
  topUpId: r.top_up_id,
  requestId: r.request_id,
  state: r.state,
  amountMinor: r.amount_minor,
  currency: r.currency,
  cardMasked: r.card_masked,
  cardFingerprint: r.card_fingerprint,
  ...(r.card_sealed ? { cardSealed: r.card_sealed } : {}),
  ...(r.pos_reference ? { posReference: r.pos_reference } : {}),
  requestKey: r.request_key,
  createdAt: r.created_at,
  attempts: r.attempts,
  ...(r.settled_at ? { settledAt: r.settled_at } : {}),
  ...(r.transaction_id ? { transactionId: r.transaction_id } : {}),
  ...(r.balance_after_minor !== null ? { balanceAfterMinor: r.balance_after_minor } : {}),
  ...(r.error_code ? { errorCode: r.error_code } : {}),
  ...(r.error_message ? { errorMessage: r.error_message } : {}),
  ...(r.void_item_id ? { voidItemId: r.void_item_id } : {}),
});

export class TopUpRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO topups (top_up_id, request_id, state, amount_minor, currency, card_masked, card_fingerprint, card_sealed, pos_reference, request_key, created_at, attempts)
         VALUES (@topUpId, @requestId, 'PENDING', @amountMinor, @currency, @cardMasked, @cardFingerprint, @cardSealed, @posReference, @requestKey, @createdAt, @attempts)`,
      ),
      get: db.prepare('SELECT * FROM topups WHERE top_up_id = ?'),
      between: db.prepare(
        'SELECT * FROM topups INDEXED BY topups_by_time WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC',
      ),
      pending: db.prepare(
        "SELECT * FROM topups INDEXED BY topups_pending WHERE state = 'PENDING' ORDER BY created_at LIMIT ?",
      ),
      attempt: db.prepare('UPDATE topups SET attempts = attempts + 1 WHERE top_up_id = ?'),
      done: db.prepare(
        `UPDATE topups SET state = 'DONE', card_sealed = NULL, settled_at = ?, transaction_id = ?, balance_after_minor = ?,
           error_code = NULL, error_message = NULL WHERE top_up_id = ? AND state = 'PENDING'`,
      ),
      failed: db.prepare(
        `UPDATE topups SET state = 'FAILED', card_sealed = NULL, settled_at = ?, error_code = ?, error_message = ?
          WHERE top_up_id = ? AND state = 'PENDING'`,
      ),
      voiding: db.prepare(
        `UPDATE topups SET state = 'VOIDING', void_item_id = ? WHERE top_up_id = ? AND state = 'DONE'`,
      ),
      voidSettled: db.prepare(`UPDATE topups SET state = ? WHERE void_item_id = ? AND state = 'VOIDING'`),
    };
  }

  /** A new top-up, PENDING; `attempts`: its first try counted with it (sent right after). */
  insert(t: {
    topUpId: string;
    requestId: string;
    amountMinor: number;
    currency: string;
    cardMasked: string;
    cardFingerprint: string;
    cardSealed: Buffer;
    posReference?: string;
    requestKey: string;
    createdAt: string;
    attempts: number;
  }): void {
    this.s.insert.run({
      topUpId: t.topUpId,
      requestId: t.requestId,
      amountMinor: t.amountMinor,
      currency: t.currency,
      cardMasked: t.cardMasked,
      cardFingerprint: t.cardFingerprint,
      cardSealed: t.cardSealed,
      posReference: t.posReference ?? null,
      requestKey: t.requestKey,
      createdAt: t.createdAt,
      attempts: t.attempts,
    });
  }

  get(topUpId: string): TopUpRecord | undefined {
    const r = this.s.get.get(topUpId) as Row | undefined;
    return r && recordOf(r);
  }

  /** Newest first. */
  between(from: string, to: string): TopUpRecord[] {
    return (this.s.between.all(from, to) as Row[]).map(recordOf);
  }

  pending(limit: number): TopUpRecord[] {
    return (this.s.pending.all(limit) as Row[]).map(recordOf);
  }

  countAttempt(topUpId: string): void {
    this.s.attempt.run(topUpId);
  }

  markDone(topUpId: string, at: string, transactionId: string, balanceAfterMinor: number): boolean {
    return this.s.done.run(at, transactionId, balanceAfterMinor, topUpId).changes === 1;
  }

  markFailed(topUpId: string, at: string, code: string, message: string): boolean {
    return this.s.failed.run(at, code, message, topUpId).changes === 1;
  }

  markVoiding(topUpId: string, voidItemId: string): boolean {
    return this.s.voiding.run(voidItemId, topUpId).changes === 1;
  }

  /** Its void was confirmed (VOIDED) or refused (DONE again: the load stands). */
  voidSettled(voidItemId: string, state: 'VOIDED' | 'DONE'): boolean {
    return this.s.voidSettled.run(state, voidItemId).changes === 1;
  }
}
