// Top-ups as a POS drives them over real HTTP against the simulator: recorded before Centegra is
// asked and answered 200 DONE with the card's fields; the same topUpId again answers the first
// result (409 CONFLICT for another body); topUps.maxMinor refused as TOPUP_LIMIT; an answer lost
// on the wire is 202 PENDING, settled in the background with a `topup` event and never loaded
// twice; listed by day and read by id; voided through the queue (VOIDING, then VOIDED, and
// Factor4's VOID); refused as OFFLINE, recording nothing, while Centegra is away.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../main/centegra-sim';
import { GBP, ledgerSum, masked, newCard, until } from '../helpers/money';
import { startDemo, type Started } from '../helpers/runtime';
import { openEvents } from '../helpers/sse';

const MAX_MINOR = 25_000;
const APPROVAL_ABOVE_MINOR = 10_000;
let demo: Started;
let sim: Simulator;
let n = 0;
const newTopUpId = () => `tu-test-${Date.now().toString(36)}-${++n}`;

const issuancesOf = (cardNumber: string) =>
  sim
    .requests()
    .filter(
      (q) =>
        q.path === '/cards/issuance' &&
        (q.body as { card?: { cardNumber?: string } } | undefined)?.card?.cardNumber === cardNumber,
    );

beforeAll(async () => {
  demo = await startDemo({
    config: {
      posApi: { port: 0 },
      centegra: { timeoutMs: 1000 },
      topUps: { maxMinor: MAX_MINOR, approvalAboveMinor: APPROVAL_ABOVE_MINOR },
    },
    onlineProbeMs: 500,
  });
  sim = demo.runtime.simulator!;
});
afterAll(async () => {
  await demo.stop();
});
beforeEach(() => {
  sim.clearFaults();
});

describe('POST /v1/topups', () => {
  it('200 DONE: the top-up with the card fields, loaded once at Factor4', async () => {
    const card = newCard(sim, 1000);
    const topUpId = newTopUpId();

    const r = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 2000, currency: GBP, posReference: 'SALE-1001' },
    });

    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({
      topUpId,
      state: 'DONE',
      amountMinor: 2000,
      currency: GBP,
      cardNumberMasked: masked(card),
      status: 'ACTIVE',
      balanceMinor: 3000,
      checkedAt: expect.any(String),
      transactionId: expect.any(String),
      posReference: 'SALE-1001',
      createdAt: expect.any(String),
      receiptLines: [
        `Gift card ending ${card.slice(-4)}`,
        'Topped up                 £20.00',
        'New balance               £30.00',
      ],
    });
    expect(JSON.stringify(r.json)).not.toContain(card);
    const issued = sim.ledger().filter((e) => e.operation === 'ISSUANCE' && e.cardNumber === card);
    expect(issued).toEqual([
      expect.objectContaining({ amountMinor: 2000, transactionId: r.json.transactionId }),
    ]);
    expect(sim.card(card)!.balanceMinor).toBe(3000);
  });

  it('without a topUpId the agent names the top-up, and GET /topups/{id} reads it back', async () => {
    const card = newCard(sim, 0, { status: 'INACTIVE' });

    const r = await demo.api('POST', '/v1/topups', {
      body: { cardNumber: card, amountMinor: 500, currency: GBP },
    });

    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ state: 'DONE', status: 'ACTIVE', balanceMinor: 500 });
    const got = await demo.api('GET', `/v1/topups/${r.json.topUpId}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      topUpId: r.json.topUpId,
      state: 'DONE',
      amountMinor: 500,
      cardNumberMasked: masked(card),
      transactionId: r.json.transactionId,
    });
  });

  it('the same topUpId with the same body answers the first result, asking Centegra nothing', async () => {
    const card = newCard(sim, 1000);
    const body = { topUpId: newTopUpId(), cardNumber: card, amountMinor: 700, currency: GBP };
    const first = await demo.api('POST', '/v1/topups', { body });
    expect(first.status, first.text).toBe(200);

    const again = await demo.api('POST', '/v1/topups', { body });

    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(issuancesOf(card)).toHaveLength(1);
    expect(sim.card(card)!.balanceMinor).toBe(1700);
  });

  it('the same topUpId with another body is 409 CONFLICT, and nothing more is loaded', async () => {
    const card = newCard(sim, 1000);
    const topUpId = newTopUpId();
    await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 700, currency: GBP },
    });

    const other = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 900, currency: GBP },
    });
    const otherSale = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 700, currency: GBP, posReference: 'ANOTHER' },
    });

    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('CONFLICT');
    expect(otherSale.status).toBe(409);
    expect(issuancesOf(card)).toHaveLength(1);
    expect(sim.card(card)!.balanceMinor).toBe(1700);
  });

  it('over topUps.maxMinor is 422 TOPUP_LIMIT, recording and loading nothing; the limit itself is fine', async () => {
    const card = newCard(sim, 0);
    const topUpId = newTopUpId();

    const over = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: MAX_MINOR + 1, currency: GBP },
    });

    expect(over.status).toBe(422);
    expect(over.json.error).toMatchObject({
      code: 'TOPUP_LIMIT',
      message: expect.stringContaining('£250.00'),
      details: { maxMinor: MAX_MINOR },
    });
    expect((await demo.api('GET', `/v1/topups/${topUpId}`)).status).toBe(404);
    expect(issuancesOf(card)).toEqual([]);
    const atLimit = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: MAX_MINOR, currency: GBP },
    });
    expect(atLimit.status, atLimit.text).toBe(200);
    expect(sim.card(card)!.balanceMinor).toBe(MAX_MINOR);
  });

  it('202 PENDING when every answer is lost; settled in the background with a topup event, loaded once', async () => {
    const card = newCard(sim, 1000);
    const topUpId = newTopUpId();
    const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
    try {
      // Centegra applies the load and the connection drops before the till hears: every time.
      sim.setFaults({ dropAfterProcessingRate: 1, paths: ['/cards/issuance'] });

      const r = await demo.api('POST', '/v1/topups', {
        body: { topUpId, cardNumber: card, amountMinor: 1500, currency: GBP },
      });

      expect(r.status, r.text).toBe(202);
      expect(r.json).toMatchObject({ topUpId, state: 'PENDING', amountMinor: 1500 });
      expect(r.json.balanceMinor).toBeUndefined();
      expect((await demo.api('GET', `/v1/topups/${topUpId}`)).json.state).toBe('PENDING');
      const tries = issuancesOf(card);
      expect(tries.length).toBeGreaterThanOrEqual(2);
      expect(new Set(tries.map((q) => q.requestId)).size, 'one requestId on every try').toBe(1);
      const requestId = tries[0]!.requestId!;
      expect(sim.applied().get(requestId)).toEqual({ operation: 'issuance', count: 1 });
      // A POS asking again meanwhile hears PENDING, and nothing more is loaded.
      const asked = await demo.api('POST', '/v1/topups', {
        body: { topUpId, cardNumber: card, amountMinor: 1500, currency: GBP },
      });
      expect(asked.status).toBe(202);

      sim.clearFaults();

      const settled = await events.waitFor(
        (e) => e.event === 'topup' && e.data.topUpId === topUpId && e.data.state === 'DONE',
        25_000,
      );
      expect(settled.data).toMatchObject({ balanceMinor: 2500, transactionId: expect.any(String) });
      expect((await demo.api('GET', `/v1/topups/${topUpId}`)).json).toMatchObject({
        state: 'DONE',
        balanceMinor: 2500,
      });
      expect(new Set(issuancesOf(card).map((q) => q.requestId))).toEqual(new Set([requestId]));
      expect(sim.applied().get(requestId)).toEqual({ operation: 'issuance', count: 1 });
      expect(ledgerSum(sim, 'ISSUANCE', (e) => e.cardNumber === card)).toEqual({
        count: 1,
        amountMinor: 1500,
      });
      expect(sim.card(card)!.balanceMinor).toBe(2500);
    } finally {
      events.close();
    }
  }, 40_000);

  it('503 OFFLINE while Centegra is known to be away: nothing recorded, nothing loaded', async () => {
    const card = newCard(sim, 1000);
    const topUpId = newTopUpId();
    sim.setFaults({ down: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: card } }); // the link learns it is down

    const r = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 1000, currency: GBP },
    });

    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('OFFLINE');
    expect((await demo.api('GET', `/v1/topups/${topUpId}`)).status).toBe(404);
    const today = (await demo.api('GET', '/v1/topups')).json.topUps;
    expect(today.map((t: { topUpId: string }) => t.topUpId)).not.toContain(topUpId);
    sim.clearFaults();
    await until(
      async () => (await demo.api('GET', '/v1/health')).json.centegra.state === 'ONLINE',
      'the link back',
    );
    expect(issuancesOf(card).filter((q) => q.status !== null)).toEqual([]);
    expect(sim.card(card)!.balanceMinor).toBe(1000);
  });
});

describe('GET /v1/topups', () => {
  it("lists today's top-ups newest first; another day has none of them", async () => {
    const card = newCard(sim, 0);
    const ids = [newTopUpId(), newTopUpId()];
    for (const [i, topUpId] of ids.entries()) {
      const r = await demo.api('POST', '/v1/topups', {
        body: { topUpId, cardNumber: card, amountMinor: 100 * (i + 1), currency: GBP },
      });
      expect(r.status, r.text).toBe(200);
      await new Promise((res) => setTimeout(res, 5)); // distinct createdAt
    }

    const today = (await demo.api('GET', '/v1/topups')).json.topUps as Array<{
      topUpId: string;
      createdAt: string;
    }>;
    const longAgo = await demo.api('GET', '/v1/topups?date=2001-02-03');

    const mine = today.filter((t) => ids.includes(t.topUpId)).map((t) => t.topUpId);
    expect(mine).toEqual([...ids].reverse());
    const times = today.map((t) => t.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(longAgo.status).toBe(200);
    expect(longAgo.json.topUps).toEqual([]);
  });
});

describe('POST /v1/topups/{id}/void', () => {
  it('VOIDING, then VOIDED once Factor4 voided the load; a second void changes nothing', async () => {
    const card = newCard(sim, 1000);
    const topUpId = newTopUpId();
    const done = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 1200, currency: GBP },
    });
    expect(done.json.state).toBe('DONE');
    const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
    try {
      const r = await demo.api('POST', `/v1/topups/${topUpId}/void`);

      expect(r.status, r.text).toBe(200);
      expect(['VOIDING', 'VOIDED']).toContain(r.json.state);
      await events.waitFor(
        (e) => e.event === 'topup' && e.data.topUpId === topUpId && e.data.state === 'VOIDED',
      );
      expect((await demo.api('GET', `/v1/topups/${topUpId}`)).json.state).toBe('VOIDED');
      const issuanceRequestId = issuancesOf(card)[0]!.requestId;
      const voids = sim.ledger().filter((e) => e.operation === 'VOID' && e.cardNumber === card);
      expect(voids).toEqual([
        expect.objectContaining({
          reverses: 'ISSUANCE',
          amountMinor: 1200,
          originalRequestId: issuanceRequestId,
        }),
      ]);
      expect(sim.card(card)!.balanceMinor).toBe(1000);

      const again = await demo.api('POST', `/v1/topups/${topUpId}/void`);
      expect(again.json.state).toBe('VOIDED');
      await new Promise((res) => setTimeout(res, 200));
      expect(sim.ledger().filter((e) => e.operation === 'VOID' && e.cardNumber === card)).toHaveLength(1);
    } finally {
      events.close();
    }
  });

  it('a void Factor4 refuses (the load already spent) leaves the top-up DONE, and says so', async () => {
    const card = newCard(sim, 0);
    const topUpId = newTopUpId();
    expect(
      (
        await demo.api('POST', '/v1/topups', {
          body: { topUpId, cardNumber: card, amountMinor: 1200, currency: GBP },
        })
      ).status,
    ).toBe(200);
    sim.spend(card, 1000);
    const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
    try {
      await demo.api('POST', `/v1/topups/${topUpId}/void`);

      await events.waitFor(
        (e) => e.event === 'topup' && e.data.topUpId === topUpId && e.data.state === 'DONE',
      );
      expect((await demo.api('GET', `/v1/topups/${topUpId}`)).json.state).toBe('DONE');
      expect(sim.ledger().filter((e) => e.operation === 'VOID' && e.cardNumber === card)).toEqual([]);
      expect(sim.card(card)!.balanceMinor).toBe(200);
      const failed = (await demo.api('GET', '/v1/queue?state=FAILED')).json.items.filter(
        (i: { topUpId?: string }) => i.topUpId === topUpId,
      );
      expect(failed).toEqual([
        expect.objectContaining({ kind: 'VOID', lastErrorCode: 'INSUFFICIENT_FUNDS' }),
      ]);
    } finally {
      events.close();
    }
  });

  it('a PENDING top-up cannot be voided yet (409 CONFLICT); an unknown one is 404', async () => {
    const card = newCard(sim, 1000);
    const topUpId = newTopUpId();
    sim.setFaults({ dropAfterProcessingRate: 1, paths: ['/cards/issuance'] });
    const pending = await demo.api('POST', '/v1/topups', {
      body: { topUpId, cardNumber: card, amountMinor: 300, currency: GBP },
    });
    expect(pending.status).toBe(202);

    const r = await demo.api('POST', `/v1/topups/${topUpId}/void`);

    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('CONFLICT');
    expect((await demo.api('POST', '/v1/topups/no-such-topup/void')).status).toBe(404);
    sim.clearFaults();
    await until(
      async () => (await demo.api('GET', `/v1/topups/${topUpId}`)).json.state === 'DONE',
      'the pending top-up settled',
      25_000,
    );
  }, 40_000);
});

describe('a large top-up on the Till Agent screen', () => {
  it('over topUps.approvalAboveMinor needs a manager session: refused without one (nothing loaded), done and audited with one', async () => {
    const { agent } = demo.runtime;
    const card = newCard(sim, 0);
    const topUpId = newTopUpId();
    const input = { topUpId, cardNumber: card, amountMinor: APPROVAL_ABOVE_MINOR + 1, currency: GBP };

    const refused = await agent.call('screenTopUp', input);

    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_SESSION_EXPIRED', details: { approvalAboveMinor: APPROVAL_ABOVE_MINOR } },
    });
    expect((await demo.api('GET', `/v1/topups/${topUpId}`)).status).toBe(404);
    expect(issuancesOf(card)).toEqual([]);
    const unlocked = await agent.call('managerUnlock', { pin: '1234' }); // the demo PIN
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const { session } = unlocked.value;

    const approved = await agent.call('screenTopUp', { ...input, session });

    expect(approved).toMatchObject({
      ok: true,
      value: { state: 'DONE', balanceMinor: APPROVAL_ABOVE_MINOR + 1 },
    });
    const audit = await agent.call('managerAudit', { session });
    expect(audit.ok && audit.value.entries.find((e) => e.action === 'APPROVE_TOPUP')).toMatchObject({
      detail: expect.stringContaining(topUpId),
    });
    // The top-up's own entry, written in the commit that recorded Centegra's answer, says how it ended.
    const entry =
      audit.ok && audit.value.entries.find((e) => e.action === 'TOPUP' && e.detail?.includes(topUpId));
    expect(entry && entry.detail).toMatch(/to the card ending \d{4}, DONE$/);
    // At the threshold no manager is needed.
    const small = await agent.call('screenTopUp', {
      ...input,
      topUpId: newTopUpId(),
      amountMinor: APPROVAL_ABOVE_MINOR,
    });
    expect(small).toMatchObject({ ok: true, value: { state: 'DONE' } });
  });
});
