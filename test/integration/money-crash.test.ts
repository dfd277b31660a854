// Crash safety of money in flight, with the agent as a real child process SIGKILLed while its
// request to Centegra Plus is on the wire (the simulator holds it back with latency, then applies
// it after the agent has died): on restart a hold is asked for again with the same request id,
// learnt and given back (its basket never got the tender), and a top-up is settled with the same
// request id: the card loaded exactly once, and GET /topups/{id} says DONE.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { AgentProcess, pickFixedPort, PosClient, seededRng } from '../helpers/chaos';
import { GBP, ledgerSum, lines, newCard, until } from '../helpers/money';
import { tempDir } from '../helpers/tmp';

const TOKEN = 'money-crash-pos-api-token-0123456789abcdef';
/** Long enough to kill the agent while the request waits at the simulator; the agent waits longer. */
const IN_FLIGHT_MS = 2500;

let sim: Simulator;
let tmp: { dir: string; remove: () => void };
let dataDir: string;
let pos: PosClient;
let agent: AgentProcess;
const killNow = () => agent?.killNow();

/** Reads the agent's database as it stands, from outside the process (read-only). */
function readDb<T>(sql: string, ...params: unknown[]): T | undefined {
  const file = path.join(dataDir, 'till-agent.db');
  if (!fs.existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

async function waitOnline(): Promise<void> {
  await until(
    async () => (await pos.get('/v1/health')).json?.centegra?.state === 'ONLINE',
    'the agent sees Centegra Plus',
  );
}

beforeAll(async () => {
  process.once('exit', killNow);
  tmp = tempDir('till-agent-money-crash-');
  dataDir = path.join(tmp.dir, 'data');
  sim = await startSimulator({ quiet: true });
  const port = await pickFixedPort(seededRng(process.pid));
  pos = new PosClient(`http://127.0.0.1:${port}`, TOKEN);
  const configFile = path.join(tmp.dir, 'config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey, timeoutMs: 10_000 },
      till: { siteId: 'S1', tillId: 'T1' },
      posApi: { port, token: TOKEN },
      closeWaitMs: 1500,
    }),
  );
  agent = new AgentProcess({ configFile, dataDir, port, pos });
  await agent.start(240_000);
}, 270_000);

afterAll(async () => {
  await agent?.stop(5000);
  await pos?.close();
  await sim?.close();
  tmp?.remove();
  process.off('exit', killNow);
}, 30_000);

describe('SIGKILL while a hold is in flight', () => {
  it('on restart the hold is learnt with the same request id and given back; nothing is doubled', async () => {
    await waitOnline();
    const card = newCard(sim, 5000);
    const basketId = 'crash-hold-1';
    const put = await pos.call('PUT', `/v1/baskets/${basketId}`, {
      currency: GBP,
      totalMinor: 3000,
      lines: lines(3000),
    });
    expect(put.status, put.text).toBe(200);
    sim.setFaults({ latencyMs: IN_FLIGHT_MS, paths: ['/cards/holds'] });

    const applying = pos.call('POST', `/v1/baskets/${basketId}/gift-cards`, { cardNumber: card }).then(
      (r) => r,
      (e: Error) => e,
    );
    let requestId: string | undefined;
    await until(() => {
      requestId = readDb<{ request_id: string }>(
        `SELECT request_id FROM holds WHERE basket_id = ? AND state = 'REQUESTED'`,
        basketId,
      )?.request_id;
      return requestId !== undefined;
    }, 'the hold request on disk');
    await sleep(300); // on the wire, waiting at the simulator
    await agent.kill();

    expect(await applying, 'the POS lost its answer with the agent').toBeInstanceOf(Error);
    // The simulator applies it after the agent died: Centegra holds money the till never recorded.
    await until(
      () => sim.ledger().some((e) => e.operation === 'HOLD_PLACED' && e.requestId === requestId),
      'the hold placed after the kill',
      IN_FLIGHT_MS + 5000,
    );
    sim.clearFaults();
    await agent.start();

    await until(
      () =>
        sim
          .holds()
          .filter((h) => h.basketId === basketId)
          .every((h) => h.state !== 'HELD'),
      'the hold given back after the restart',
      20_000,
    );
    const asked = sim
      .requests()
      .filter((q) => q.path === '/cards/holds' && (q.body as { basketId?: string })?.basketId === basketId);
    expect(asked.length, 'the first ask and the one after the restart').toBeGreaterThanOrEqual(2);
    expect(new Set(asked.map((q) => q.requestId))).toEqual(new Set([requestId]));
    expect(asked.some((q) => q.replayed)).toBe(true);
    expect(ledgerSum(sim, 'HOLD_PLACED', (e) => e.basketId === basketId)).toEqual({
      count: 1,
      amountMinor: 3000,
    });
    expect(ledgerSum(sim, 'HOLD_RELEASED', (e) => e.basketId === basketId)).toEqual({
      count: 1,
      amountMinor: 3000,
    });
    expect(sim.card(card)!.balanceMinor).toBe(5000);
    const basket = (await pos.get(`/v1/baskets/${basketId}`)).json;
    expect(basket).toMatchObject({ state: 'OPEN', giftCardTenders: [], dueMinor: 3000 });

    // The cashier applies the card again and closes: one new hold, captured once.
    const again = await pos.call('POST', `/v1/baskets/${basketId}/gift-cards`, { cardNumber: card });
    expect(again.status, again.text).toBe(200);
    const close = await pos.call('POST', `/v1/baskets/${basketId}/close`, { otherTenders: [] });
    expect(close.status, close.text).toBe(200);
    expect(ledgerSum(sim, 'HOLD_CAPTURED', (e) => e.basketId === basketId).amountMinor).toBe(3000);
    expect(ledgerSum(sim, 'REDEMPTION', (e) => e.basketId === basketId)).toEqual({
      count: 1,
      amountMinor: 3000,
    });
    expect(sim.card(card)!.balanceMinor).toBe(2000);
  }, 60_000);
});

describe('SIGKILL while a top-up is in flight', () => {
  it('on restart it is settled with the same request id: loaded exactly once, and DONE', async () => {
    await waitOnline();
    const card = newCard(sim, 1000);
    const topUpId = 'crash-topup-1';
    const body = { topUpId, cardNumber: card, amountMinor: 2500, currency: GBP, posReference: 'POS-77' };
    sim.setFaults({ latencyMs: IN_FLIGHT_MS, paths: ['/cards/issuance'] });

    const toppingUp = pos.call('POST', '/v1/topups', body).then(
      (r) => r,
      (e: Error) => e,
    );
    let requestId: string | undefined;
    await until(() => {
      requestId = readDb<{ request_id: string }>(
        `SELECT request_id FROM topups WHERE top_up_id = ? AND state = 'PENDING'`,
        topUpId,
      )?.request_id;
      return requestId !== undefined;
    }, 'the top-up on disk before Centegra is asked');
    await sleep(300);
    await agent.kill();

    expect(await toppingUp, 'the POS lost its answer with the agent').toBeInstanceOf(Error);
    await until(
      () => sim.ledger().some((e) => e.operation === 'ISSUANCE' && e.requestId === requestId),
      'the card loaded after the kill',
      IN_FLIGHT_MS + 5000,
    );
    sim.clearFaults();
    await agent.start();

    await until(
      async () => (await pos.get(`/v1/topups/${topUpId}`)).json?.state === 'DONE',
      'the top-up settled after the restart',
      20_000,
    );
    const got = (await pos.get(`/v1/topups/${topUpId}`)).json;
    expect(got).toMatchObject({
      topUpId,
      state: 'DONE',
      amountMinor: 2500,
      currency: GBP,
      balanceMinor: 3500,
      posReference: 'POS-77',
      transactionId: expect.any(String),
    });
    const sent = sim
      .requests()
      .filter(
        (q) =>
          q.path === '/cards/issuance' &&
          (q.body as { card?: { cardNumber?: string } })?.card?.cardNumber === card,
      );
    expect(new Set(sent.map((q) => q.requestId))).toEqual(new Set([requestId]));
    expect(sim.applied().get(requestId!)).toEqual({ operation: 'issuance', count: 1 });
    expect(ledgerSum(sim, 'ISSUANCE', (e) => e.cardNumber === card)).toEqual({ count: 1, amountMinor: 2500 });
    expect(sim.card(card)!.balanceMinor).toBe(3500);

    // The POS asks again with its own id (its answer was lost): the same top-up, not a second load.
    const retried = await pos.call('POST', '/v1/topups', body);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json).toMatchObject({ topUpId, state: 'DONE', balanceMinor: 3500 });
    expect(ledgerSum(sim, 'ISSUANCE', (e) => e.cardNumber === card).count).toBe(1);
    expect(sim.card(card)!.balanceMinor).toBe(3500);
  }, 60_000);
});
