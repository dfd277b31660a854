// The daily prune of delivered sales: at start-up it runs only after the POS API answers and the
// first sales are served (a minute later; 20 ms here), and finding the baskets old enough to go reads an index on their age, not
// every closed basket (100,000 queued).
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../main/agent/db';
import { BasketRows } from '../../main/agent/sale/basket-rows';
import { FIRST_PRUNE_DELAY_MS, QueueService, type QueueServiceDeps } from '../../main/agent/queue/service';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function queueService(prune: () => number): QueueService {
  const log = { info: vi.fn(), warn: vi.fn() };
  const deps = {
    outbox: { prune },
    retentionDays: 30,
    firstPruneDelayMs: 20,
    log,
    now: () => new Date('2026-12-06T12:00:00.000Z'),
  } as unknown as QueueServiceDeps;
  const service = new QueueService(deps);
  cleanups.push(() => service.close());
  return service;
}

describe('pruning old sales', () => {
  it('starts after the current start-up work, once however often it is asked', async () => {
    const prune = vi.fn(() => 0);
    const service = queueService(prune);
    service.startPruning();
    service.startPruning();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(prune).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(prune).toHaveBeenCalledTimes(1);
    expect(prune).toHaveBeenCalledWith('2026-11-06T12:00:00.000Z');
    service.startPruning();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(prune).toHaveBeenCalledTimes(1);
  });

  it('waits a minute after start-up unless told otherwise', () => {
    vi.useFakeTimers();
    try {
      const prune = vi.fn(() => 0);
      const log = { info: vi.fn(), warn: vi.fn() };
      const deps = { outbox: { prune }, retentionDays: 30, log, now: () => new Date() };
      const service = new QueueService(deps as unknown as QueueServiceDeps);
      service.startPruning();
      vi.advanceTimersByTime(FIRST_PRUNE_DELAY_MS - 1);
      expect(prune).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(prune).toHaveBeenCalledTimes(1);
      service.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not start once the queue is closed', async () => {
    const prune = vi.fn(() => 0);
    const service = queueService(prune);
    service.close();
    service.startPruning();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(prune).not.toHaveBeenCalled();
  });

  it('finds the closed baskets old enough to go through an index on their age', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const db = openDatabase(path.join(t.dir, 'till-agent.db'));
    try {
      // The baskets' half of OutboxStore.prune (main/agent/queue/store.ts).
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN DELETE FROM baskets WHERE state IN ('CLOSED', 'VOIDED') AND updated_at < ?
             AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.basket_id = baskets.basket_id)`,
        )
        .all('2026-11-06T12:00:00.000Z') as Array<{ detail: string }>;
      const baskets = plan.map((r) => r.detail).find((d) => / baskets /.test(d));
      expect(baskets).toMatch(/^SEARCH baskets USING INDEX baskets_prunable \(updated_at<\?\)/);
    } finally {
      db.close();
    }
  });

  it('finds the open baskets to lapse through an index of open baskets, not every basket', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const db = openDatabase(path.join(t.dir, 'till-agent.db'));
    try {
      // The statement BasketRows.lapsing runs (at start-up, then every minute).
      const rows = new BasketRows(db) as unknown as { s: { lapsing: { source: string } } };
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${rows.s.lapsing.source}`)
        .all('2026-11-06T12:00:00.000Z', '2026-11-06T12:00:00.000Z') as Array<{ detail: string }>;
      const baskets = plan.map((r) => r.detail).find((d) => / b /.test(d));
      expect(baskets).toMatch(/^SCAN b USING INDEX baskets_open\b/);
    } finally {
      db.close();
    }
  });
});
