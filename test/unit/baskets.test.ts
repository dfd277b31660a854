// The basket service's view can never go stale: every write goes through `change`, which answers
// the basket as stored after the transaction; a refused or failed change leaves the last view.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../main/agent/contract';
import { openDatabase, Storage } from '../../main/agent/db';
import { silentLogger } from '../../main/agent/logger';
import { Baskets, HOLD_LEAD_MS } from '../../main/agent/sale/baskets';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function service(clock: { now: () => Date } = { now: () => new Date() }) {
  const t = tempDir();
  const db = openDatabase(path.join(t.dir, 'till-agent.db'));
  cleanups.push(() => {
    if (db.open) db.close();
    t.remove();
  });
  const events: Array<{ type: string; data: any }> = [];
  const storage = new Storage(db, { announce: () => {}, log: silentLogger, now: () => new Date() });
  const baskets = new Baskets({
    storage,
    outbox: { get: () => undefined },
    emit: (e) => events.push(e),
    holdTtlMinutes: 30,
    now: () => clock.now(),
  });
  return { db, baskets, events };
}

const line = (totalMinor: number) => ({
  sku: 'A',
  description: 'A thing',
  quantity: 1,
  unitPriceMinor: totalMinor,
  lineTotalMinor: totalMinor,
});
const at = '2026-12-06T09:00:00.000Z';

describe('Baskets', () => {
  it('answers every write with the basket as stored, and reads agree (lines and total replaced)', () => {
    const { baskets } = service();
    const opened = baskets.change('b1', (rows) => {
      rows.create({ basketId: 'b1', currency: 'GBP', totalMinor: 3300, lines: [line(3300)], at });
      return ok(undefined);
    });
    expect(opened.ok && opened.value.basket.totalMinor).toBe(3300);
    expect(baskets.find('b1')?.basket.totalMinor).toBe(3300);

    const replaced = baskets.change('b1', (rows) => {
      rows.replaceLines({ basketId: 'b1', currency: 'GBP', totalMinor: 4100, lines: [line(4100)], at });
      return ok(undefined);
    });
    expect(replaced.ok && replaced.value.basket.totalMinor).toBe(4100);
    expect(baskets.find('b1')?.basket.totalMinor).toBe(4100);
    expect(baskets.view(baskets.find('b1')!)).toMatchObject({ totalMinor: 4100, dueMinor: 4100 });
  });

  it('a change that refuses part-way leaves nothing behind and the view as it was', () => {
    const { baskets, db } = service();
    baskets.change('b1', (rows) => {
      rows.create({ basketId: 'b1', currency: 'GBP', totalMinor: 3300, lines: [line(3300)], at });
      return ok(undefined);
    });
    const refused = baskets.change('b1', (rows) => {
      rows.replaceLines({ basketId: 'b1', currency: 'GBP', totalMinor: 9900, lines: [line(9900)], at });
      return fail('TENDER_MISMATCH', 'no');
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TENDER_MISMATCH' } });
    expect(baskets.find('b1')?.basket.totalMinor).toBe(3300);
    const row = db.prepare('SELECT total_minor FROM baskets WHERE basket_id = ?').get('b1') as {
      total_minor: number;
    };
    expect(row.total_minor).toBe(3300);
  });

  it('a storage failure answers STORAGE_FAILED and the view is read again from disk', () => {
    const { baskets, db } = service();
    baskets.change('b1', (rows) => {
      rows.create({ basketId: 'b1', currency: 'GBP', totalMinor: 3300, lines: [line(3300)], at });
      return ok(undefined);
    });
    const failed = baskets.change('b1', (rows) => {
      rows.replaceLines({ basketId: 'b1', currency: 'GBP', totalMinor: 4100, lines: [line(4100)], at });
      db.prepare('INSERT INTO no_such_table VALUES (1)').run();
      return ok(undefined);
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(baskets.find('b1')?.basket.totalMinor).toBe(3300);
  });

  it('announcing makes it the current basket', () => {
    const { baskets, events } = service();
    const opened = baskets.change('b2', (rows) => {
      rows.create({ basketId: 'b2', currency: 'GBP', totalMinor: 500, lines: [line(500)], at });
      return ok(undefined);
    });
    expect(baskets.current()?.basketId).toBe('b2');
    baskets.announce(opened.ok ? opened.value : (undefined as never));
    expect(events.at(-1)).toMatchObject({ type: 'basket', data: { basketId: 'b2', totalMinor: 500 } });
  });

  it('a held tender lapses at one moment for the view, the keeper and a POS call: untouched for the ttl, or a minute before Centegra lets go', () => {
    let nowMs = Date.parse(at);
    const { baskets } = service({ now: () => new Date(nowMs) });
    const centegraLetsGo = Date.parse(at) + 120 * 60_000;
    const opened = baskets.change('b3', (rows) => {
      rows.create({ basketId: 'b3', currency: 'GBP', totalMinor: 900, lines: [line(900)], at });
      const tender = { basketId: 'b3', cardFingerprint: 'f', cardMasked: '•••• 1234', balanceCheckedAt: at };
      rows.addTender(
        { ...tender, tenderId: 't1', amountMinor: 400, balanceBeforeMinor: 5000, offline: false },
        at,
      );
      rows.addTender(
        {
          ...tender,
          tenderId: 't2',
          cardFingerprint: 'g',
          amountMinor: 300,
          balanceBeforeMinor: 5000,
          offline: false,
          holdId: 'hold-2',
          holdExpiresAt: new Date(centegraLetsGo).toISOString(),
        },
        at,
      );
      return ok(undefined);
    });
    const found = opened.ok ? opened.value : (undefined as never);
    const says = (ms: number) => {
      nowMs = ms;
      return {
        due: baskets.dueToLapse(found, ms),
        keeper: baskets.lapsing(ms).includes('b3'),
        held: baskets.view(found).giftCardTenders.map((t) => t.held),
      };
    };
    const untouchedUntil = Date.parse(at) + 30 * 60_000;
    expect(baskets.view(found).giftCardTenders[1]?.holdExpiresAt).toBe(
      new Date(untouchedUntil).toISOString(),
    );
    // Abandoned at the ttl, to the millisecond: both tenders come off (the one not held too).
    expect(says(untouchedUntil - 1)).toEqual({ due: false, keeper: false, held: [false, true] });
    expect(says(untouchedUntil)).toEqual({ due: true, keeper: true, held: [false, false] });

    // Touched all along (the basket's updatedAt keeps up): the hold's own end, less the keeper's minute.
    baskets.change('b3', (rows) => {
      rows.replaceLines({
        basketId: 'b3',
        currency: 'GBP',
        totalMinor: 900,
        lines: [line(900)],
        at: new Date(centegraLetsGo).toISOString(),
      });
      return ok(undefined);
    });
    const touched = baskets.find('b3')!;
    const lead = centegraLetsGo - HOLD_LEAD_MS;
    expect(baskets.view(touched).giftCardTenders[1]?.holdExpiresAt).toBe(new Date(lead).toISOString());
    nowMs = lead - 1;
    expect([baskets.dueToLapse(touched, lead - 1), baskets.lapsing(lead - 1)]).toEqual([false, []]);
    expect([baskets.dueToLapse(touched, lead), baskets.lapsing(lead)]).toEqual([true, ['b3']]);
  });
});
