// Storage faults: a full disk while accepting answers 507 STORAGE_FAILED and accepts nothing;
// a damaged database is kept aside untouched, a fresh one opened, and the file named until a
// manager acknowledges it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import { loadConfig } from '../../main/agent/config';
import { demoCards, startSimulator } from '../../main/centegra-sim';
import { startDemo, type Started } from '../helpers/runtime';
import { openEvents } from '../helpers/sse';
import { tempDir } from '../helpers/tmp';

const big = demoCards.find((c) => c.label.startsWith('active, £250.00'))!.cardNumber;
let demo: Started | undefined;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await demo?.stop();
  demo = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a full disk while accepting a close', () => {
  it('answers 507 STORAGE_FAILED, accepts nothing, turns the health red, and recovers when there is room', async () => {
    demo = await startDemo({ config: { posApi: { port: 0 }, closeWaitMs: 0 } });
    const db = demo.runtime.agent.db;
    const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
    cleanups.push(() => events.close());
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `full-${i}`;
      await demo.api('PUT', `/v1/baskets/${id}`, {
        body: {
          currency: 'GBP',
          totalMinor: 100,
          lines: [{ sku: 'A', description: 'Item', quantity: 1, unitPriceMinor: 100, lineTotalMinor: 100 }],
        },
      });
      await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big } });
      ids.push(id);
    }
    // The disk is full: the database may not grow by a single page.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const itemsBefore = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    let refused: { id: string; json: any } | undefined;
    for (const id of ids) {
      const r = await demo.api('POST', `/v1/baskets/${id}/close`, { body: { otherTenders: [] } });
      if (r.status === 507) {
        refused = { id, json: r.json };
        break;
      }
      expect(r.status).toBe(202);
    }
    expect(refused, 'the database never filled up').toBeDefined();
    expect(refused!.json.error).toMatchObject({
      code: 'STORAGE_FAILED',
      message: expect.stringContaining('disk is full'),
    });
    // Nothing half-written: the basket is still open and no item was queued for it.
    expect((await demo.api('GET', `/v1/baskets/${refused!.id}`)).json.state).toBe('OPEN');
    expect(db.prepare('SELECT count(*) AS n FROM outbox WHERE basket_id = ?').get(refused!.id)).toEqual({
      n: 0,
    });
    expect((db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBeGreaterThanOrEqual(
      itemsBefore,
    );
    const health = (await demo.api('GET', '/v1/health')).json;
    expect(health).toMatchObject({
      status: 'DEGRADED',
      storage: { ok: false, problem: expect.stringContaining('disk is full') },
    });
    await events.waitFor((e) => e.event === 'storage' && e.data.ok === false);

    db.pragma('max_page_count = 1073741823');
    const retried = await demo.api('POST', `/v1/baskets/${refused!.id}/close`, {
      body: { otherTenders: [] },
    });
    expect(retried.status).toBe(202);
    expect((await demo.api('GET', '/v1/health')).json.storage).toEqual({ ok: true });
    await events.waitFor((e) => e.event === 'storage' && e.data.ok === true);
  });
});

describe('a damaged database at start-up', () => {
  it('is kept aside untouched, a fresh one opened, and named until a manager acknowledges it', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const sim = await startSimulator({ quiet: true });
    cleanups.push(() => sim.close());
    const loaded = loadConfig({ demo: true, dataDir: t.dir }, { platform: 'linux', env: {}, homedir: t.dir });
    const start = () =>
      Agent.start({ loaded, version: 'test', centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey } });
    let agent = await start();
    await agent.call('putBasket', {
      basketId: 'kept-1',
      currency: 'GBP',
      totalMinor: 100,
      lines: [{ sku: 'A', description: 'Item', quantity: 1, unitPriceMinor: 100, lineTotalMinor: 100 }],
    });
    await agent.close();
    // A power cut mid-write, or a failing disk: pages of the file are garbage.
    const file = path.join(t.dir, 'till-agent.db');
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096);
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 8192);
    fs.closeSync(fd);
    const damagedHash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

    agent = await start();
    cleanups.push(() => agent.close());
    const health = await agent.call('health', {});
    expect(health.ok && health.value.storage).toMatchObject({
      ok: false,
      keptFile: expect.stringContaining('till-agent.db.damaged-'),
    });
    expect(health.ok && health.value.status).toBe('DEGRADED');
    if (!health.ok) throw new Error(health.error.message);
    const keptFile = health.value.storage.keptFile!;
    // Untouched: the same bytes, never deleted.
    expect(crypto.createHash('sha256').update(fs.readFileSync(keptFile)).digest('hex')).toBe(damagedHash);
    // The fresh database works.
    expect(
      (
        await agent.call('putBasket', {
          basketId: 'new-1',
          currency: 'GBP',
          totalMinor: 100,
          lines: [{ sku: 'A', description: 'Item', quantity: 1, unitPriceMinor: 100, lineTotalMinor: 100 }],
        })
      ).ok,
    ).toBe(true);

    const session = await agent.call('managerUnlock', { pin: '1234' });
    if (!session.ok) throw new Error(session.error.message);
    expect((await agent.call('managerAcknowledgeStorage', { session: session.value.session })).ok).toBe(true);
    const after = await agent.call('health', {});
    expect(after.ok && after.value.storage).toEqual({ ok: true });
    expect(fs.existsSync(keptFile)).toBe(true);
    const audit = await agent.call('managerAudit', { session: session.value.session, limit: 10 });
    expect(audit.ok && audit.value.entries.map((e) => e.action)).toContain('ACK_DAMAGED_DB');
  });
});
