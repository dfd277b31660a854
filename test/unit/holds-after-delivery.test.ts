// What the queue's deliveries do to holds: a delivered close captures its basket's held holds and a
// delivered release marks its hold released, while a batch of closes with no hold among them opens
// no transaction at all (the drain after an outage is mostly such closes).
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, Storage } from '../../main/agent/db';
import { Holds, type HoldsDeps } from '../../main/agent/holds';
import { HoldRows } from '../../main/agent/holds/rows';
import { silentLogger } from '../../main/agent/logger';
import type { OutboxItem, SendResult } from '../../main/agent/queue';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const at = '2026-12-06T09:00:00.000Z';

function holds() {
  const t = tempDir();
  const db = openDatabase(path.join(t.dir, 'till-agent.db'));
  cleanups.push(() => (db.close(), t.remove()));
  const storage = new Storage(db, { announce: () => {}, log: silentLogger, now: () => new Date(at) });
  const transactions = vi.spyOn(storage, 'transaction');
  const service = new Holds({
    storage,
    config: { enabled: true, ttlMinutes: 30 },
    log: silentLogger,
    now: () => new Date(at),
  } as unknown as HoldsDeps);
  const rows = new HoldRows(db);
  const held = (requestId: string, basketId: string) => {
    rows.insert({
      requestId,
      basketId,
      cardFingerprint: 'fp',
      cardMasked: '628039******0001',
      cardSealed: Buffer.from('sealed'),
      amountMinor: 500,
      currency: 'GBP',
      at,
    });
    rows.markHeld(requestId, `hold-${requestId}`, '2026-12-07T09:00:00.000Z', `tnd-${requestId}`, at);
  };
  return { service, rows, held, transactions };
}

/** An item as the queue hands it to afterDelivery once settled. */
const settled = (kind: OutboxItem['kind'], basketId: string, itemId = `itm_${basketId}`) => ({
  item: { itemId, kind, basketId, state: 'DELIVERED' } as OutboxItem,
  result: { ok: true, value: [] } as SendResult,
});

describe('holds after a delivery', () => {
  it('opens no transaction for delivered closes whose baskets hold nothing', () => {
    const { service, transactions } = holds();
    service.afterDelivery([settled('CLOSE', 'b1'), settled('CLOSE', 'b2'), settled('CLOSE', 'b3')]);
    expect(transactions).not.toHaveBeenCalled();
  });

  it("still captures a delivered close's held holds, and only its own, in one transaction", () => {
    const { service, rows, held, transactions } = holds();
    held('h1', 'b1');
    held('h2', 'b1');
    held('h3', 'b9'); // another sale's, still open
    service.afterDelivery([settled('CLOSE', 'b0'), settled('CLOSE', 'b1'), settled('CLOSE', 'b2')]);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(rows.get('h1')).toMatchObject({ state: 'CAPTURED' });
    expect(rows.get('h2')).toMatchObject({ state: 'CAPTURED' });
    expect(rows.get('h3')).toMatchObject({ state: 'HELD' });
  });

  it('marks a hold released when its release is delivered', () => {
    const { service, rows, held } = holds();
    held('h1', 'b1');
    rows.markReleasing('h1', 'itm_7', at);
    service.afterDelivery([settled('HOLD_RELEASE', 'b1', 'itm_7')]);
    expect(rows.get('h1')).toMatchObject({ state: 'RELEASED' });
  });
});
