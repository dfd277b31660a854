// The one-time upgrade to cards bound to their rows, run at start-up where the vault is at hand
// (a migration has no key). Before it, every card and PIN was sealed under one shared context, so
// a sealed value could be copied from one queued sale to another and still open. In one
// transaction it drops the sealed cards no row needs any more, then re-seals each one left under
// its own row's context; the meta row `cards_bound_to_rows` marks it done. Re-sealing (rather than
// opening old rows with the shared context as a fallback) leaves no path that still accepts it.
import type { Logger } from '../logger';
import { cardContext, LEGACY_CARD_CONTEXT } from '../vault';
import type { Db } from './database';

/** What the upgrade needs of the vault. */
export interface Sealer {
  open(sealed: Buffer | Uint8Array, context: string): string;
  seal(plaintext: string, context: string): Buffer;
}

const DONE_KEY = 'cards_bound_to_rows';

/** Sealed cards no row needs: what today's code drops as each row settles, for older databases. */
const DROP_UNNEEDED = [
  // Delivered, or settled by hand (a manager, a refusal at the till): never sent again.
  `UPDATE outbox SET body = NULL WHERE body IS NOT NULL AND (state = 'DELIVERED' OR resolution IS NOT NULL)`,
  // A refused close whose sale was then voided.
  `UPDATE outbox SET body = NULL WHERE body IS NOT NULL AND state = 'FAILED' AND kind = 'CLOSE'
     AND basket_id IN (SELECT basket_id FROM baskets WHERE state = 'VOIDED')`,
  // A basket's cards are needed until its closure is with Factor4 or settled by hand.
  `UPDATE tenders SET card_sealed = NULL WHERE card_sealed IS NOT NULL AND basket_id IN (
     SELECT b.basket_id FROM baskets b
       LEFT JOIN outbox o ON o.seq = CAST(substr(b.close_item_id, 5) AS INTEGER)
      WHERE b.state = 'VOIDED'
         OR (b.state = 'CLOSED' AND (o.seq IS NULL OR o.state = 'DELIVERED' OR o.resolution IS NOT NULL)))`,
  // A hold's card is asked again only while its request's answer is unknown.
  `UPDATE holds SET card_sealed = NULL WHERE card_sealed IS NOT NULL AND state <> 'REQUESTED'`,
  `UPDATE topups SET card_sealed = NULL WHERE card_sealed IS NOT NULL AND state <> 'PENDING'`,
];

type GiftCardEntry = { kind: 'GIFT_CARD'; cardSealed: string; tenderId?: string };
type StoredBody = { refundId?: string; cardSealed?: string; tenders?: Array<{ kind: string }> };

export interface BindResult {
  /** Values re-sealed under their row's context. */
  rebound: number;
  /** Values that opened under neither context (another key?): left as they are, tried again next start. */
  unreadable: number;
}

/** Runs the upgrade unless this database has had it; safe to run again after a crash part-way. */
export function bindSealedCards(db: Db, vault: Sealer, log: Logger): BindResult {
  const done = db.prepare('SELECT value FROM meta WHERE key = ?').get(DONE_KEY);
  if (done) return { rebound: 0, unreadable: 0 };
  const result = { rebound: 0, unreadable: 0 };
  /** The value under `context`, re-sealed if it was sealed the old way; undefined when it opens under neither. */
  const bound = (sealed: Buffer, context: string): Buffer | undefined => {
    for (const [from, reseal] of [
      [context, false],
      [LEGACY_CARD_CONTEXT, true],
    ] as const) {
      let plain: string;
      try {
        plain = vault.open(sealed, from);
      } catch {
        continue;
      }
      if (!reseal) return sealed;
      result.rebound += 1;
      return vault.seal(plain, context);
    }
    result.unreadable += 1;
    return undefined;
  };
  const rebindColumn = (table: string, idColumns: string[], context: (...ids: string[]) => string) => {
    const rows = db
      .prepare(
        `SELECT rowid AS r, ${idColumns.join(', ')}, card_sealed FROM ${table} WHERE card_sealed IS NOT NULL`,
      )
      .all() as Array<Record<string, string> & { r: number; card_sealed: Buffer }>;
    const update = db.prepare(`UPDATE ${table} SET card_sealed = ? WHERE rowid = ?`);
    for (const row of rows) {
      const next = bound(row.card_sealed, context(...idColumns.map((c) => row[c]!)));
      if (next && next !== row.card_sealed) update.run(next, row.r);
    }
  };

  db.transaction(() => {
    for (const sql of DROP_UNNEEDED) db.exec(sql);
    rebindColumn('tenders', ['basket_id', 'tender_id'], cardContext.tender);
    rebindColumn('holds', ['request_id'], cardContext.hold);
    rebindColumn('topups', ['top_up_id'], cardContext.topUp);
    const items = db
      .prepare(
        `SELECT seq, kind, basket_id, refund_id, body FROM outbox WHERE body IS NOT NULL AND kind IN ('CLOSE', 'REFUND')`,
      )
      .all() as Array<{
      seq: number;
      kind: string;
      basket_id: string;
      refund_id: string | null;
      body: Buffer;
    }>;
    const setBody = db.prepare('UPDATE outbox SET body = ? WHERE seq = ?');
    for (const item of items) {
      let body: StoredBody;
      try {
        body = JSON.parse(item.body.toString('utf8')) as StoredBody;
      } catch {
        continue; // delivery reports it as unreadable, as before
      }
      const rebind = (cardSealed: string, context: string): string => {
        const next = bound(Buffer.from(cardSealed, 'base64'), context);
        return next ? next.toString('base64') : cardSealed;
      };
      if (item.kind === 'REFUND' && body.cardSealed && item.refund_id) {
        body.cardSealed = rebind(body.cardSealed, cardContext.refund(item.refund_id));
      } else if (item.kind === 'CLOSE') {
        // A closure queued before tenders were named in it: each card is bound to its place.
        (body.tenders ?? []).forEach((t, i) => {
          if (t.kind !== 'GIFT_CARD') return;
          const card = t as GiftCardEntry;
          card.tenderId ??= `legacy-${i}`;
          card.cardSealed = rebind(card.cardSealed, cardContext.tender(item.basket_id, card.tenderId));
        });
      }
      setBody.run(Buffer.from(JSON.stringify(body), 'utf8'), item.seq);
    }
    if (result.unreadable === 0)
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(DONE_KEY, new Date().toISOString());
  })();
  if (result.rebound > 0) log.info({ rebound: result.rebound }, 'sealed cards bound to their rows');
  if (result.unreadable > 0)
    log.warn(
      { unreadable: result.unreadable },
      'some sealed cards open with neither their row nor the old shared context (another vault key?): left as they are',
    );
  return result;
}
