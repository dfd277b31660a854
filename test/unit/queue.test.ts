// The outbox on a real SQLite file: order, card clashes, crash recovery, settlement, pruning;
// and what each Centegra answer means for an item.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CentegraFailure } from '../../main/agent/centegra';
import { openDatabase } from '../../main/agent/db';
import { classify, OutboxStore } from '../../main/agent/queue';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function store() {
  const t = tempDir();
  const db = openDatabase(path.join(t.dir, 'q.db'));
  cleanups.push(() => (db.close(), t.remove()));
  return { db, outbox: new OutboxStore(db) };
}

const item = (basketId: string, cardKeys: string[], extra: object = {}) => ({
  kind: 'CLOSE' as const,
  basketId,
  requestId: `req-${basketId}`,
  body: Buffer.from('{}'),
  createdAt: '2026-01-01T00:00:00.000Z',
  giftCardTotalMinor: 100,
  currency: 'GBP',
  cardsMasked: ['••••1234'],
  cardKeys,
  ...extra,
});

describe('the outbox', () => {
  it('hands out items oldest first, never two for the same card together', () => {
    const { outbox } = store();
    const a = outbox.insert(item('a', ['card1']));
    const b = outbox.insert(item('b', ['card1']));
    const c = outbox.insert(item('c', ['card2']));
    const first = outbox.claim(Date.now(), 10).map((i) => i.itemId);
    expect(first).toEqual([a, c]);
    expect(outbox.claim(Date.now(), 10)).toEqual([]);
    outbox.settle([{ itemId: a, state: 'DELIVERED', transactions: [], at: '2026-01-01T00:00:01.000Z' }]);
    expect(outbox.claim(Date.now(), 10).map((i) => i.itemId)).toEqual([b]);
  });

  it('a void waits for its close to be settled', () => {
    const { outbox } = store();
    const close = outbox.insert(item('a', ['card1']));
    const voidItem = outbox.insert({
      ...item('a', []),
      kind: 'VOID',
      requestId: 'void-a',
      afterItemId: close,
    });
    expect(outbox.claim(Date.now(), 10).map((i) => i.itemId)).toEqual([close]);
    outbox.settle([
      { itemId: close, state: 'PENDING', code: 'OFFLINE', message: 'x', unknown: true, nextAttemptMs: 0 },
    ]);
    expect(outbox.claim(Date.now(), 10).map((i) => i.itemId)).toEqual([close]);
    outbox.settle([
      { itemId: close, state: 'FAILED', code: 'INSUFFICIENT_FUNDS', message: 'x', defect: false },
    ]);
    expect(outbox.claim(Date.now(), 10).map((i) => i.itemId)).toEqual([voidItem]);
  });

  it('after a crash, IN_FLIGHT items are PENDING again with the same request id and attempts counted', () => {
    const { outbox } = store();
    const a = outbox.insert(item('a', ['k']));
    outbox.claim(Date.now(), 10);
    expect(outbox.get(a)).toMatchObject({ state: 'IN_FLIGHT', attempts: 1 });
    expect(outbox.resetInFlight()).toBe(1);
    expect(outbox.get(a)).toMatchObject({ state: 'PENDING', attempts: 1, requestId: 'req-a' });
  });

  it('waits for the attempt time, and wakeSlice brings pending items forward, oldest first, a slice at a time', () => {
    const { outbox } = store();
    const later = Date.now() + 60_000;
    const ids = ['a', 'b', 'c', 'd', 'e'].map((b) =>
      outbox.insert(item(b, [`k-${b}`], { nextAttemptMs: later })),
    );
    expect(outbox.claim(Date.now(), 10)).toEqual([]);
    expect(outbox.nextDueMs()).toBe(later);
    const first = outbox.wakeSlice(0, 2);
    expect(first).toMatchObject({ woken: 2, full: true });
    expect(outbox.claim(Date.now(), 10).map((i) => i.itemId)).toEqual(ids.slice(0, 2));
    const second = outbox.wakeSlice(first.lastSeq, 2);
    expect(second).toMatchObject({ woken: 2, full: true });
    const third = outbox.wakeSlice(second.lastSeq, 2);
    expect(third).toMatchObject({ woken: 1, full: false });
    expect(outbox.wakeSlice(third.lastSeq, 2)).toMatchObject({ woken: 0, full: false });
    expect(outbox.claim(Date.now(), 10).map((i) => i.itemId)).toEqual(ids.slice(2));
  });

  it('knows when the next pending item is due from an index, whatever else the queue holds', () => {
    const { db, outbox } = store();
    expect(outbox.nextDueMs()).toBeUndefined();
    const now = Date.now();
    const late = outbox.insert(item('late', ['k1'], { nextAttemptMs: now + 90_000 }));
    outbox.insert(item('soon', ['k2'], { nextAttemptMs: now + 30_000 }));
    const early = outbox.insert(item('early', ['k3'], { nextAttemptMs: now + 10_000 }));
    expect(outbox.nextDueMs()).toBe(now + 10_000);
    // An item that is no longer PENDING does not count, however early it was due.
    expect(outbox.claim(now + 10_000, 10).map((i) => i.itemId)).toEqual([early]); // now IN_FLIGHT
    expect(outbox.nextDueMs()).toBe(now + 30_000);
    expect(outbox.get(late)?.state).toBe('PENDING');
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT min(next_attempt_ms) AS due FROM outbox INDEXED BY outbox_pending_due WHERE state = 'PENDING'`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/outbox_pending_due/);
  });

  it('claims items as a read finds them, and answers each settled item as a read then finds it', () => {
    const { outbox } = store();
    const close = outbox.insert(item('a', ['k1']));
    const ids = [
      outbox.insert(item('b', ['k2'], { refundId: 'rf_1', kind: 'REFUND' })),
      outbox.insert(item('c', ['k3'], { topUpId: 'tu_1', kind: 'VOID', afterItemId: close })),
      outbox.insert(item('d', ['k4', 'k5'])),
      outbox.insert(item('e', ['k6'])),
      outbox.insert(item('f', ['k7'])),
    ];
    // Tried once before, each with an error and its details kept from then.
    const details = { availableMinor: 40 };
    outbox.claim(Date.now(), 10);
    outbox.settle([
      { itemId: close, state: 'FAILED', code: 'INSUFFICIENT_FUNDS', message: 'no', defect: false, details },
      ...ids.slice(1, 4).map((itemId) => ({
        itemId,
        state: 'PENDING' as const,
        code: 'OFFLINE',
        message: 'away',
        unknown: true,
        nextAttemptMs: 0,
      })),
      // Refused, then sent again by hand (Retry now): the refusal's details stay on the row.
      ...[ids[0]!, ids[4]!].map((itemId) => ({
        itemId,
        state: 'FAILED' as const,
        code: 'CARD_NOT_ACTIVE',
        message: 'not active',
        defect: false,
        details,
      })),
    ]);
    for (const id of [ids[0]!, ids[4]!]) expect(outbox.retryNow(id)).toBe(true);
    const claimed = outbox.claim(Date.now(), 10);
    expect(claimed.map((c) => c.itemId)).toEqual(ids);
    for (const c of claimed) {
      const { cardKeys, ...rest } = c;
      expect(rest).toStrictEqual(outbox.get(c.itemId));
      expect(cardKeys.length).toBeGreaterThan(0);
    }
    const settlements = [
      { itemId: ids[0]!, state: 'DELIVERED' as const, transactions: [], at: '2026-01-02T00:00:00.000Z' },
      {
        itemId: ids[1]!,
        state: 'DELIVERED' as const,
        transactions: [],
        at: '2026-01-02T00:00:00.000Z',
        note: 'Centegra Plus says it was already voided.',
      },
      {
        itemId: ids[2]!,
        state: 'FAILED' as const,
        code: 'BAD_REQUEST',
        message: 'bad',
        defect: true,
        details,
      },
      { itemId: ids[3]!, state: 'FAILED' as const, code: 'CARD_NOT_FOUND', message: 'gone', defect: false },
      {
        itemId: ids[4]!,
        state: 'PENDING' as const,
        code: 'TIMEOUT',
        message: 'slow',
        unknown: false,
        nextAttemptMs: 123,
      },
    ];
    const { settled } = outbox.exchange(
      claimed.map((c, i) => ({ item: c, settlement: settlements[i]! })),
      { nowMs: Date.now(), limit: 0, busyCards: new Set() },
    );
    for (const s of settled) expect(s).toStrictEqual(outbox.get(s.itemId));
    expect(settled.map((s) => s.state)).toEqual(['DELIVERED', 'DELIVERED', 'FAILED', 'FAILED', 'PENDING']);
  });

  it('a delivered item keeps only masked data: its body is gone', () => {
    const { outbox } = store();
    const a = outbox.insert(item('a', ['k']));
    outbox.claim(Date.now(), 10);
    outbox.settle([
      {
        itemId: a,
        state: 'DELIVERED',
        transactions: [
          {
            cardNumberMasked: '••••1234',
            kind: 'REDEMPTION',
            amountMinor: 100,
            currency: 'GBP',
            transactionId: 'T1',
            balanceAfterMinor: 0,
          },
        ],
        at: '2026-01-02T00:00:00.000Z',
      },
    ]);
    const got = outbox.get(a)!;
    expect(got.body).toBeUndefined();
    expect(got.transactions?.[0]?.transactionId).toBe('T1');
  });

  it('prunes delivered items older than the retention period, never pending or failed ones', () => {
    const { outbox, db } = store();
    const old = outbox.insert(item('old', ['k1']));
    const fresh = outbox.insert(item('fresh', ['k2']));
    const failed = outbox.insert(item('failed', ['k3']));
    const pending = outbox.insert(item('pending', ['k4']));
    outbox.settle([
      { itemId: old, state: 'DELIVERED', transactions: [], at: '2025-01-01T00:00:00.000Z' },
      { itemId: fresh, state: 'DELIVERED', transactions: [], at: '2026-11-20T00:00:00.000Z' },
      { itemId: failed, state: 'FAILED', code: 'X', message: 'x', defect: false },
    ]);
    expect(outbox.prune('2026-08-01T00:00:00.000Z')).toBe(1);
    expect([old, fresh, failed, pending].map((i) => outbox.get(i)?.state)).toEqual([
      undefined,
      'DELIVERED',
      'FAILED',
      'PENDING',
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 3 });
  });

  it('empties the WAL when it prunes, so a dropped sealed card stays there at most a day', () => {
    const { outbox, db } = store();
    const wal = `${db.name}-wal`;
    const sealed = Buffer.from('a-sealed-card-that-was-dropped');
    const id = outbox.insert(item('gone', ['k1'], { body: sealed }));
    outbox.settle([{ itemId: id, state: 'DELIVERED', transactions: [], at: '2026-11-20T00:00:00.000Z' }]);
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    expect(fs.readFileSync(wal).includes(sealed)).toBe(true);
    outbox.prune('2026-08-01T00:00:00.000Z');
    expect(fs.statSync(wal).size).toBe(0);
  });

  it('counts pending and unresolved failed items for /health', () => {
    const { outbox } = store();
    const a = outbox.insert(item('a', ['k1']));
    const b = outbox.insert(item('b', ['k2']));
    outbox.insert(item('c', ['k3']));
    outbox.settle([
      { itemId: a, state: 'FAILED', code: 'X', message: 'x', defect: false },
      { itemId: b, state: 'FAILED', code: 'X', message: 'x', defect: false },
    ]);
    outbox.resolve(b, 'WRITTEN_OFF', '2026-01-01T00:00:00.000Z');
    expect(outbox.summary()).toEqual({ pending: 1, failed: 1, oldestPendingAt: '2026-01-01T00:00:00.000Z' });
  });
});

describe('what an answer means for a queued item', () => {
  const failure = (
    cause: string,
    extra: Partial<CentegraFailure> = {},
  ): { ok: false; error: CentegraFailure } => ({
    ok: false,
    error: { code: 'CENTEGRA_ERROR', message: 'm', cause, outcomeUnknown: false, link: 'ONLINE', ...extra },
  });

  it.each([
    ['a 2xx, replayed or not', { ok: true as const, value: [], replayed: true }, 'delivered'],
    ['IDEMPOTENCY_CONFLICT (a defect)', failure('IDEMPOTENCY_CONFLICT', { httpStatus: 409 }), 'failed'],
    [
      'INSUFFICIENT_FUNDS',
      failure('INSUFFICIENT_FUNDS', { code: 'INSUFFICIENT_FUNDS', httpStatus: 422 }),
      'failed',
    ],
    ['CARD_NOT_ACTIVE', failure('CARD_NOT_ACTIVE', { code: 'CARD_NOT_ACTIVE', httpStatus: 422 }), 'failed'],
    ['a network error', failure('ECONNRESET', { code: 'OFFLINE', outcomeUnknown: true }), 'retry'],
    ['a timeout', failure('TIMEOUT', { code: 'OFFLINE', outcomeUnknown: true }), 'retry'],
    ['a 500', failure('INTERNAL', { httpStatus: 500, outcomeUnknown: true }), 'retry'],
    [
      'a 504 from Factor4',
      failure('FACTOR4_TIMEOUT', { code: 'FACTOR4_UNAVAILABLE', httpStatus: 504, outcomeUnknown: true }),
      'retry',
    ],
    [
      '429 with Retry-After',
      failure('RATE_LIMITED', { code: 'RATE_LIMITED', httpStatus: 429, retryAfterMs: 5000 }),
      'retry',
    ],
    [
      'the key switched off',
      failure('KEY_DISABLED', { code: 'CENTEGRA_KEY_DISABLED', httpStatus: 403 }),
      'retry',
    ],
  ] as const)('%s → %s', (_name, result, kind) => {
    expect(classify({ kind: 'CLOSE' }, result as Parameters<typeof classify>[1]).kind).toBe(kind);
  });

  it('never fails an unclear outcome: it is sent again with the same request id', () => {
    const o = classify({ kind: 'CLOSE' }, failure('ECONNRESET', { code: 'OFFLINE', outcomeUnknown: true }));
    expect(o).toMatchObject({ kind: 'retry', unknown: true });
  });

  it('flags a 409 conflict as a defect, and honours Retry-After', () => {
    expect(classify({ kind: 'CLOSE' }, failure('IDEMPOTENCY_CONFLICT', { httpStatus: 409 }))).toMatchObject({
      kind: 'failed',
      defect: true,
    });
    expect(
      classify({ kind: 'CLOSE' }, failure('RATE_LIMITED', { code: 'RATE_LIMITED', retryAfterMs: 5000 })),
    ).toMatchObject({ retryAfterMs: 5000 });
  });

  it('a void Centegra already voided is done', () => {
    expect(classify({ kind: 'VOID' }, failure('ALREADY_VOIDED', { httpStatus: 409 })).kind).toBe('delivered');
  });
});
