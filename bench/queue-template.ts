// A till's data folder, made once and copied for every start: the agent started once as a till
// does (config, database, card vault key, sealed secrets), with nothing queued or with N queued
// closures. The N closures are real rows: one sale closed through the Agent API while Centegra is
// down (so it is queued), then its basket, tenders and outbox item copied N - 1 times in one
// transaction, each copy with its own basket id, request id (in the row and in the sealed body)
// and sequence number.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { loadConfig } from '../main/agent';
import { openDatabase } from '../main/agent/db';
import { demoCards } from '../main/centegra-sim';
import { startRuntime } from '../main/runtime';
import { writeTillConfig, type SimulatorProcess } from './agent-process';
import { basketWithGiftCard, BRUSHES, COFFEE } from './basket';

export interface Template {
  /** Holds config.json and data/. */
  dir: string;
  token: string;
  queued: number;
}

async function setSimulatorDown(sim: SimulatorProcess, down: boolean): Promise<void> {
  const r = await request(`${sim.origin}/__sim/faults`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ down }),
  });
  await r.body.dump();
  if (r.statusCode !== 200) throw new Error(`the simulator's faults answered ${r.statusCode}`);
}

export async function makeTemplate(dir: string, sim: SimulatorProcess, queued: number): Promise<Template> {
  fs.mkdirSync(dir, { recursive: true });
  const { file, token } = writeTillConfig(dir, sim.baseUrl, { closeWaitMs: 0 });
  const dataDir = path.join(dir, 'data');
  const loaded = loadConfig(
    { configFile: file, dataDir },
    { platform: process.platform, env: {}, homedir: dir },
  );
  // The first start: the agent seals the secrets and rewrites config.json without them.
  const runtime = await startRuntime({ loaded, version: '0.0.0-bench' });
  try {
    if (queued > 0) {
      const { agent } = runtime;
      const basketId = 'seed-0';
      const { cashMinor } = await basketWithGiftCard(agent, basketId, demoCards[0]!.cardNumber, [
        COFFEE,
        BRUSHES,
      ]);
      await setSimulatorDown(sim, true);
      await agent.call('inquireCard', { cardNumber: demoCards[0]!.cardNumber }); // the link sees it down
      const closed = await agent.call('closeBasket', {
        basketId,
        otherTenders: [{ kind: 'CASH', amountMinor: cashMinor }],
      });
      if (!closed.ok || closed.value.state !== 'QUEUED')
        throw new Error(`the seed close answered ${JSON.stringify(closed)}`);
    }
  } finally {
    // Stopped before Centegra is back, so the queued sale stays queued.
    await runtime.close();
    if (queued > 0) await setSimulatorDown(sim, false);
  }
  // The config as the agent left it (no secrets), without the seeding's closeWaitMs.
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete config.closeWaitMs;
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  if (queued > 1) copyQueuedSale(path.join(dataDir, 'till-agent.db'), queued - 1);
  return { dir, token, queued };
}

type SqlRow = Record<string, unknown>;

function insertInto(db: ReturnType<typeof openDatabase>, table: string, sample: SqlRow, omit: string[] = []) {
  const cols = Object.keys(sample).filter((c) => !omit.includes(c));
  return db.prepare(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
  );
}

function copyQueuedSale(file: string, copies: number): void {
  const db = openDatabase(file);
  try {
    const item = db
      .prepare(`SELECT * FROM outbox WHERE kind = 'CLOSE' AND state = 'PENDING'`)
      .get() as SqlRow;
    const basket = db.prepare('SELECT * FROM baskets WHERE basket_id = ?').get(item.basket_id) as SqlRow;
    const tenders = db.prepare('SELECT * FROM tenders WHERE basket_id = ?').all(item.basket_id) as SqlRow[];
    const body = JSON.parse((item.body as Buffer).toString('utf8')) as Record<string, unknown>;
    const insertItem = insertInto(db, 'outbox', item, ['seq']);
    const insertBasket = insertInto(db, 'baskets', basket);
    const insertTender = tenders[0] ? insertInto(db, 'tenders', tenders[0]) : undefined;
    db.transaction(() => {
      for (let i = 1; i <= copies; i++) {
        const basketId = `seed-${i}`;
        const requestId = randomUUID();
        const { seq: _seq, ...values } = item;
        const seq = insertItem.run({
          ...values,
          basket_id: basketId,
          request_id: requestId,
          body: Buffer.from(JSON.stringify({ ...body, requestId, basketId }), 'utf8'),
        }).lastInsertRowid;
        insertBasket.run({ ...basket, basket_id: basketId, close_item_id: `itm_${seq}` });
        for (const t of tenders)
          insertTender!.run({ ...t, tender_id: `${String(t.tender_id)}-${i}`, basket_id: basketId });
      }
    })();
    const count = (
      db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'PENDING'`).get() as { n: number }
    ).n;
    if (count !== copies + 1) throw new Error(`the template holds ${count} queued items, not ${copies + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** A fresh copy of the template's folder (outside any timing). */
export function copyTemplate(template: Template, to: string): { configFile: string; dataDir: string } {
  fs.cpSync(template.dir, to, { recursive: true });
  fs.rmSync(path.join(to, 'data', 'agent.lock'), { force: true });
  return { configFile: path.join(to, 'config.json'), dataDir: path.join(to, 'data') };
}
