// The basket service's view can never go stale: every write goes through `change`, which answers
// the basket as stored after the transaction; a refused or failed change leaves the last view.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../main/agent/contract';
import { openDatabase, Storage } from '../../main/agent/db';
import { silentLogger } from '../../main/agent/logger';
import { Baskets } from '../../main/agent/sale/baskets';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function service() {
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
    now: () => new Date(),
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
});
