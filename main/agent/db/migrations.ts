// Schema history. Append only: a released migration is never edited, a change is a new one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'meta',
    up: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'baskets, tenders and the outbox',
    // Card numbers appear only sealed (card_sealed, body); masked numbers in clear.
    up: `
      CREATE TABLE baskets (
        basket_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('OPEN', 'CLOSED', 'VOIDED')),
        currency TEXT NOT NULL,
        total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
        lines TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        closed_at TEXT,
        close_item_id TEXT,
        close_request TEXT,
        void_item_id TEXT
      );
      CREATE TABLE tenders (
        tender_id TEXT PRIMARY KEY,
        basket_id TEXT NOT NULL REFERENCES baskets (basket_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        card_sealed BLOB,
        card_fingerprint TEXT NOT NULL,
        card_masked TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        balance_before_minor INTEGER NOT NULL,
        balance_checked_at TEXT NOT NULL,
        offline INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX tenders_by_basket ON tenders (basket_id, position);
      CREATE INDEX tenders_by_card ON tenders (card_fingerprint);
      CREATE INDEX tenders_offline ON tenders (basket_id) WHERE offline = 1;
      -- Lean on purpose: every index is written and fsync'd with each accepted close.
      -- seq is the rowid (the order of acceptance); an item's id is derived from it.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('CLOSE', 'VOID')),
        basket_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        after_seq INTEGER,
        body BLOB,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'FAILED')),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_code TEXT,
        last_error_details TEXT,
        outcome_unknown INTEGER NOT NULL DEFAULT 0,
        defect INTEGER NOT NULL DEFAULT 0,
        gift_card_total_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        cards_masked TEXT NOT NULL,
        card_keys TEXT NOT NULL DEFAULT '',
        transactions TEXT,
        delivered_at TEXT,
        resolution TEXT,
        resolved_at TEXT
      );
      -- Oldest first within a state; the queue walks it in order and skips items backing off.
      CREATE INDEX outbox_by_state ON outbox (state, seq);
    `,
  },
  {
    version: 3,
    name: 'last known balances, manager audit',
    up: `
      -- What Factor4 last said a card held, by keyed fingerprint (never the number): the offline
      -- policy 'allow' spends against it, minus what this till has queued on the card.
      CREATE TABLE card_balances (
        fingerprint TEXT PRIMARY KEY,
        card_masked TEXT NOT NULL,
        status TEXT NOT NULL,
        balance_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        checked_at TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Every manager action, append only.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        item_id TEXT,
        detail TEXT
      );
    `,
  },
  {
    version: 4,
    name: 'when the next queued item is due, without a scan',
    up: `
      -- The delivery worker asks after every pass that ends early (Centegra away) when the next
      -- item is due: min(next_attempt_ms) over PENDING read every row of a big queue (36 ms with
      -- 100,000 queued, the event loop held each time); this partial index answers at once.
      CREATE INDEX outbox_pending_due ON outbox (next_attempt_ms) WHERE state = 'PENDING';
    `,
  },
  {
    version: 5,
    name: 'holds, durable top-ups, refunds; the outbox sends refunds and hold releases',
    up: `
      -- The outbox gains two kinds (a CHECK cannot be altered in SQLite: the table is made again,
      -- keeping every seq, so item ids and the balance joins stay as they were).
      CREATE TABLE outbox_v5 (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('CLOSE', 'VOID', 'REFUND', 'HOLD_RELEASE')),
        basket_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        after_seq INTEGER,
        body BLOB,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'FAILED')),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_ms INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_code TEXT,
        last_error_details TEXT,
        outcome_unknown INTEGER NOT NULL DEFAULT 0,
        defect INTEGER NOT NULL DEFAULT 0,
        gift_card_total_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        cards_masked TEXT NOT NULL,
        card_keys TEXT NOT NULL DEFAULT '',
        transactions TEXT,
        delivered_at TEXT,
        resolution TEXT,
        resolved_at TEXT,
        -- What a VOID or REFUND is about when it is not a basket's close.
        top_up_id TEXT,
        refund_id TEXT
      );
      INSERT INTO outbox_v5 (seq, kind, basket_id, request_id, after_seq, body, state, created_at, attempts,
        next_attempt_ms, last_error, last_error_code, last_error_details, outcome_unknown, defect,
        gift_card_total_minor, currency, cards_masked, card_keys, transactions, delivered_at, resolution, resolved_at)
      SELECT seq, kind, basket_id, request_id, after_seq, body, state, created_at, attempts,
        next_attempt_ms, last_error, last_error_code, last_error_details, outcome_unknown, defect,
        gift_card_total_minor, currency, cards_masked, card_keys, transactions, delivered_at, resolution, resolved_at
      FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_v5 RENAME TO outbox;
      CREATE INDEX outbox_by_state ON outbox (state, seq);
      CREATE INDEX outbox_pending_due ON outbox (next_attempt_ms) WHERE state = 'PENDING';

      -- A hold on a card for a basket (Factor4 Hold), from the moment it is asked for: its request
      -- id is on disk before Centegra hears of it, so a crash in between is resent and settled.
      CREATE TABLE holds (
        request_id TEXT PRIMARY KEY,
        basket_id TEXT NOT NULL,
        tender_id TEXT,
        card_fingerprint TEXT NOT NULL,
        card_masked TEXT NOT NULL,
        -- The card sealed, to resend the same request after a crash; forgotten once it is settled.
        card_sealed BLOB,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('REQUESTED', 'HELD', 'RELEASING', 'RELEASED', 'CAPTURED', 'REFUSED')),
        hold_id TEXT,
        expires_at TEXT,
        release_item_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX holds_by_basket ON holds (basket_id);
      CREATE INDEX holds_unsettled ON holds (state) WHERE state IN ('REQUESTED', 'HELD', 'RELEASING');
      ALTER TABLE tenders ADD COLUMN hold_id TEXT;
      ALTER TABLE tenders ADD COLUMN hold_expires_at TEXT;

      -- A top-up (money taken at the till for a card load), written before Centegra is asked.
      CREATE TABLE topups (
        top_up_id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'DONE', 'FAILED', 'VOIDING', 'VOIDED')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        card_masked TEXT NOT NULL,
        card_fingerprint TEXT NOT NULL,
        -- The card sealed, to resend while the outcome is not known; forgotten once settled.
        card_sealed BLOB,
        pos_reference TEXT,
        -- What the POS sent, to tell its retry (same answer) from a reuse of the id (CONFLICT).
        request_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        settled_at TEXT,
        transaction_id TEXT,
        balance_after_minor INTEGER,
        error_code TEXT,
        error_message TEXT,
        void_item_id TEXT
      );
      CREATE INDEX topups_by_time ON topups (created_at);
      CREATE INDEX topups_pending ON topups (created_at) WHERE state = 'PENDING';

      -- A refund onto a card (Factor4 Adjustment); its delivery is its outbox item.
      CREATE TABLE refunds (
        refund_id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        card_masked TEXT NOT NULL,
        card_fingerprint TEXT NOT NULL,
        original_basket_id TEXT,
        reason TEXT,
        request_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        void_item_id TEXT
      );
      CREATE INDEX refunds_by_time ON refunds (created_at);
      CREATE INDEX refunds_by_basket ON refunds (original_basket_id, card_fingerprint) WHERE original_basket_id IS NOT NULL;
      CREATE INDEX baskets_by_close ON baskets (closed_at) WHERE state IN ('CLOSED', 'VOIDED');
    `,
  },
  {
    version: 6,
    name: 'how many queued items are in each state, kept as the outbox changes',
    up: `
      -- Fleet metrics read the queue's size on every scrape: counting a state even through
      -- outbox_by_state reads every entry of a big queue (100,000 queued), so the counts are kept
      -- here by triggers, in the same transaction as each change, and a scrape reads three rows.
      -- Buckets: PENDING, IN_FLIGHT, and FAILED not yet resolved by a manager (what needs one).
      -- A migration that makes the outbox table again must make these triggers again too.
      CREATE TABLE outbox_counts (
        bucket TEXT PRIMARY KEY CHECK (bucket IN ('PENDING', 'IN_FLIGHT', 'FAILED')),
        items INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO outbox_counts (bucket, items)
        SELECT 'PENDING', count(*) FROM outbox WHERE state = 'PENDING'
        UNION ALL SELECT 'IN_FLIGHT', count(*) FROM outbox WHERE state = 'IN_FLIGHT'
        UNION ALL SELECT 'FAILED', count(*) FROM outbox WHERE state = 'FAILED' AND resolution IS NULL;
      -- A row's bucket: its state, but a FAILED item a manager resolved counts in none.
      CREATE TRIGGER outbox_counts_insert AFTER INSERT ON outbox
      BEGIN
        UPDATE outbox_counts SET items = items + 1
          WHERE bucket = CASE WHEN NEW.resolution IS NULL OR NEW.state <> 'FAILED' THEN NEW.state END;
      END;
      CREATE TRIGGER outbox_counts_delete AFTER DELETE ON outbox WHEN OLD.state <> 'DELIVERED'
      BEGIN
        UPDATE outbox_counts SET items = items - 1
          WHERE bucket = CASE WHEN OLD.resolution IS NULL OR OLD.state <> 'FAILED' THEN OLD.state END;
      END;
      CREATE TRIGGER outbox_counts_update AFTER UPDATE OF state, resolution ON outbox
        WHEN OLD.state IS NOT NEW.state OR (OLD.resolution IS NULL) IS NOT (NEW.resolution IS NULL)
      BEGIN
        UPDATE outbox_counts SET items = items - 1
          WHERE bucket = CASE WHEN OLD.resolution IS NULL OR OLD.state <> 'FAILED' THEN OLD.state END;
        UPDATE outbox_counts SET items = items + 1
          WHERE bucket = CASE WHEN NEW.resolution IS NULL OR NEW.state <> 'FAILED' THEN NEW.state END;
      END;
    `,
  },
  {
    version: 7,
    name: 'closed baskets found by their age, for the daily prune',
    up: `
      -- prune() deletes closed and voided baskets last changed before the retention cut-off:
      -- through baskets_by_close (closed_at) it read every closed basket (100,000 queued: 19 ms
      -- at each start); on updated_at it reads only those old enough to go.
      CREATE INDEX baskets_prunable ON baskets (updated_at) WHERE state IN ('CLOSED', 'VOIDED');
    `,
  },
  {
    version: 8,
    name: 'open baskets found without reading the closed ones',
    up: `
      -- The lapse of untouched baskets and their holds (at start-up, then every minute) looks only
      -- at open baskets: with 100,000 closed ones queued it read them all (~100 ms at each start).
      CREATE INDEX baskets_open ON baskets (updated_at) WHERE state = 'OPEN';
    `,
  },
];
