// The agent core against the real simulator over loopback HTTP: inquiries, error mapping, link
// state, and the adapter's 1.1 calls (capabilities, holds, capture at close, refunds).
import https from 'node:https';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Agent, type AgentEvent } from '../../main/agent';
import {
  createCentegraClient,
  type CardRef,
  type Centegra,
  type Closure,
  type ClosureTender,
} from '../../main/agent/centegra';
import { loadConfig } from '../../main/agent/config';
import { demoCards, startSimulator, type Simulator } from '../../main/centegra-sim';
import { KEY_FIX } from '../../main/agent/contract';
import { selfSignedCert } from '../helpers/tls';
import { tempDir } from '../helpers/tmp';

let sim: Simulator;
let agent: Agent;
let dir: { dir: string; remove: () => void };
const events: AgentEvent[] = [];

const card = (label: string) => {
  const c = demoCards.find((d) => d.label.startsWith(label));
  if (!c) throw new Error(`no demo card "${label}"`);
  return c;
};

beforeAll(async () => {
  sim = await startSimulator({ quiet: true });
  dir = tempDir();
  const loaded = loadConfig(
    { demo: true, dataDir: dir.dir },
    { platform: 'linux', env: {}, homedir: dir.dir },
  );
  loaded.config.centegra.timeoutMs = 1000;
  agent = await Agent.start({
    loaded,
    version: 'test',
    centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
  });
  agent.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await agent.close();
  await sim.close();
  dir.remove();
});
afterEach(() => {
  sim.clearFaults();
});

describe('card inquiry through the simulator', () => {
  it('reads an active card: masked number, status, balance in pence', async () => {
    const r = await agent.call('inquireCard', { cardNumber: card('active, £50.00').cardNumber });
    expect(r).toEqual({
      ok: true,
      value: {
        cardNumberMasked: '••••••••••••0011',
        status: 'ACTIVE',
        balanceMinor: 5000,
        currency: 'GBP',
        checkedAt: expect.any(String),
      },
    });
  });

  it('sends what the contract says: till, card, entry type KEYED, and the API key', async () => {
    sim.clearRequests();
    await agent.call('inquireCard', { cardNumber: '6280 3900 0000 0011' });
    const [seen] = sim.requests();
    expect(seen).toMatchObject({ method: 'POST', path: '/cards/inquiry', status: 200, apiKeyPresent: true });
    expect(seen?.body).toEqual({
      till: { siteId: 'DEMO', tillId: 'T01' },
      card: { cardNumber: '6280390000000011', entryType: 'KEYED' },
    });
  });

  it.each([
    ['not activated yet', 'INACTIVE'],
    ['blocked', 'BLOCKED'],
    ['expired', 'EXPIRED'],
  ])('reports a %s card with its status', async (label, status) => {
    const r = await agent.call('inquireCard', { cardNumber: card(label).cardNumber });
    expect(r.ok && r.value.status).toBe(status);
  });

  it('passes a PIN and refuses a wrong one as not recognised', async () => {
    const c = card('active, £4.20');
    expect(await agent.call('inquireCard', { cardNumber: c.cardNumber, pin: c.pin })).toMatchObject({
      ok: true,
      value: { balanceMinor: 420 },
    });
    expect(await agent.call('inquireCard', { cardNumber: c.cardNumber, pin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'CARD_NOT_FOUND' },
    });
  });

  it('refuses an unknown card with a message saying what to do', async () => {
    const r = await agent.call('inquireCard', { cardNumber: '6280390000009999' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CARD_NOT_FOUND', message: expect.stringMatching(/Check the number/) },
    });
  });

  it('refuses a number that is not a gift card before asking Centegra', async () => {
    sim.clearRequests();
    const r = await agent.call('inquireCard', { cardNumber: '5012345678900' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_GIFT_CARD', message: expect.stringContaining('15 to 19 digits') },
    });
    expect(sim.requests()).toHaveLength(0);
  });

  it('refuses input outside the contract as BAD_REQUEST', async () => {
    expect(await agent.call('inquireCard', { cardNumber: 1234 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await agent.call('inquireCard', { cardNumber: '6280390000000011', pin: '12' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('PIN') },
    });
    expect(await agent.call('inquireCard', { cardNumber: '6280390000000011', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await agent.call('nope' as 'health', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('a scanId that was never scanned is NOT_FOUND, and says to scan again', async () => {
    expect(await agent.call('inquireCard', { scanId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('Scan the card again') },
    });
  });
});

describe('Centegra faults as the cashier sees them', () => {
  const active = () => card('active, £50.00').cardNumber;

  it('key disabled: names where to enable it, and the link says KEY_DISABLED', async () => {
    sim.setFaults({ keyDisabled: true });
    const r = await agent.call('inquireCard', { cardNumber: active() });
    expect(r).toMatchObject({ ok: false, error: { code: 'CENTEGRA_KEY_DISABLED' } });
    if (!r.ok) expect(r.error.message).toContain(KEY_FIX);
    const health = await agent.call('health', {});
    expect(health.ok && health.value.centegra.state).toBe('KEY_DISABLED');
    expect(events.at(-1)).toMatchObject({ type: 'centegra', data: { state: 'KEY_DISABLED' } });
  });

  it('a wrong key: KEY_INVALID, and the message names the key setting', async () => {
    const client = createCentegraClient({
      baseUrl: sim.baseUrl,
      apiKey: 'not-the-key',
      timeoutMs: 1000,
      till: { siteId: 'S', tillId: 'T' },
    });
    try {
      const r = await client.inquire({ cardNumber: active(), entryType: 'KEYED' });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'CENTEGRA_KEY_DISABLED',
          cause: 'KEY_INVALID',
          message: expect.stringContaining('centegra.apiKey'),
        },
      });
    } finally {
      await client.close();
    }
  });

  it('Factor4 down: FACTOR4_UNAVAILABLE, link FACTOR4_DOWN; back up: ONLINE', async () => {
    sim.setFaults({ factor4Down: true });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'FACTOR4_UNAVAILABLE' },
    });
    let h = await agent.call('health', {});
    expect(h.ok && h.value).toMatchObject({ status: 'DEGRADED', centegra: { state: 'FACTOR4_DOWN' } });
    sim.clearFaults();
    expect((await agent.call('inquireCard', { cardNumber: active() })).ok).toBe(true);
    h = await agent.call('health', {});
    expect(h.ok && h.value).toMatchObject({
      status: 'OK',
      centegra: { state: 'ONLINE', lastOkAt: expect.any(String) },
    });
  });

  it('site not configured: says to contact Centegra', async () => {
    sim.setFaults({ siteNotConfigured: true });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'SITE_NOT_CONFIGURED', message: expect.stringContaining('Contact Centegra') },
    });
  });

  it('Centegra down: OFFLINE, link OFFLINE', async () => {
    sim.setFaults({ down: true });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE' },
    });
    const h = await agent.call('health', {});
    expect(h.ok && h.value.centegra.state).toBe('OFFLINE');
  });

  it('too slow: gives up after timeoutMs and says so', async () => {
    sim.setFaults({ latencyMs: 3000 });
    const started = Date.now();
    const r = await agent.call('inquireCard', { cardNumber: active() });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: expect.stringContaining("didn't answer in time") },
    });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('rate limited: RATE_LIMITED with the wait', async () => {
    sim.setFaults({ rateLimited: { retryAfterS: 12 } });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('12 seconds') },
    });
  });

  it('Centegra internal error: CENTEGRA_ERROR', async () => {
    sim.setFaults({ errorRate: 1 });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'CENTEGRA_ERROR' },
    });
  });
});

describe('TLS', () => {
  it('refuses plain http to anything but this machine', () => {
    expect(() =>
      createCentegraClient({
        baseUrl: 'http://api.example.com/v1',
        apiKey: 'k',
        timeoutMs: 1000,
        till: { siteId: 'S', tillId: 'T' },
      }),
    ).toThrow(/https/);
  });

  it('refuses a certificate it cannot verify, even with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const t = tempDir();
    const { key, cert } = selfSignedCert(t.dir);
    const server = https.createServer(
      { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
      (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            centegra: 'UP',
            factor4: 'UP',
            key: 'ENABLED',
            serverTime: new Date().toISOString(),
          }),
        );
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const client = createCentegraClient({
      baseUrl: `https://127.0.0.1:${port}/giftcards/v1`,
      apiKey: 'k'.repeat(10),
      timeoutMs: 2000,
      till: { siteId: 'S', tillId: 'T' },
    });
    try {
      const r = await client.status();
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'OFFLINE',
          cause: 'DEPTH_ZERO_SELF_SIGNED_CERT',
          message: expect.stringContaining('certificate'),
        },
      });
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
      await client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      t.remove();
    }
  });
});

describe('the adapter speaks Centegra Plus 1.1', () => {
  const till = { siteId: 'S1', tillId: 'T9' };
  const A: CardRef = { cardNumber: card('active, £50.00').cardNumber, entryType: 'BARCODE' };
  const B: CardRef = { cardNumber: card('active, £250.00').cardNumber, entryType: 'KEYED' };
  let client: Centegra;

  const holdFor = (requestId: string, c: CardRef, amountMinor: number, basketId = 'B-1') => ({
    requestId,
    basketId,
    card: c,
    amountMinor,
    currency: 'GBP',
    ttlSeconds: 600,
  });
  const closure = (requestId: string, tenders: ClosureTender[], basketId = 'B-1'): Closure => {
    const totalMinor = tenders.reduce((sum, t) => sum + t.amountMinor, 0);
    return {
      requestId,
      basketId,
      closedAt: '2026-03-01T10:15:00Z',
      currency: 'GBP',
      totalMinor,
      lines: [
        {
          sku: 'MUG-1',
          description: 'Mug',
          quantity: 1,
          unitPriceMinor: totalMinor,
          lineTotalMinor: totalMinor,
        },
      ],
      tenders,
    };
  };
  const refundOf = (requestId: string, c: CardRef, amountMinor: number, originalRequestId?: string) => ({
    requestId,
    refundId: `R-${requestId}`,
    card: c,
    amountMinor,
    currency: 'GBP',
    ...(originalRequestId ? { originalRequestId } : {}),
  });
  /** What the adapter sent, leaving out the agent's own link probes. */
  const sent = (path: string) => sim.requests().filter((r) => r.path === path);

  beforeAll(() => {
    client = createCentegraClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, timeoutMs: 2000, till });
  });
  afterAll(async () => {
    await client.close();
    sim.reset();
  });
  beforeEach(() => sim.reset());

  it('reads the capabilities from /status: both, one, or none as on 1.0', async () => {
    expect(await client.status()).toMatchObject({ ok: true, value: { capabilities: ['HOLDS', 'REFUNDS'] } });
    sim.setFaults({ noHolds: true });
    expect(await client.status()).toMatchObject({ ok: true, value: { capabilities: ['REFUNDS'] } });
    sim.setFaults({ noRefunds: true });
    expect(await client.status()).toMatchObject({ ok: true, value: { capabilities: [] } });
  });

  it('holds part of a card, sending what the contract says, and the same requestId answers the same hold', async () => {
    const first = await client.hold(holdFor('h1', A, 3000));
    expect(first).toEqual({
      ok: true,
      replayed: false,
      value: {
        holdId: expect.stringMatching(/^H-/),
        cardNumber: A.cardNumber,
        state: 'HELD',
        amountMinor: 3000,
        currency: 'GBP',
        balanceAfterMinor: 2000,
        expiresAt: expect.any(String),
      },
    });
    expect(sent('/cards/holds')[0]?.body).toEqual({
      requestId: 'h1',
      till,
      basketId: 'B-1',
      card: { cardNumber: A.cardNumber, entryType: 'BARCODE' },
      amount: { amountMinor: 3000, currency: 'GBP' },
      ttlSeconds: 600,
    });
    const again = await client.hold(holdFor('h1', A, 3000));
    expect(again).toMatchObject({ ok: true, replayed: true });
    expect(again.ok && first.ok && again.value.holdId).toBe(first.ok && first.value.holdId);
    expect(sim.card(A.cardNumber)?.balanceMinor).toBe(2000);
  });

  it('a hold the card cannot cover: INSUFFICIENT_FUNDS with what is available', async () => {
    const r = await client.hold(holdFor('h1', A, 5001));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_FUNDS', details: { availableMinor: 5000 }, link: 'ONLINE' },
    });
  });

  it('releases a hold; an already released or expired one answers ok with its state', async () => {
    const held = await client.hold(holdFor('h1', A, 3000));
    if (!held.ok) throw new Error(held.error.message);
    expect(await client.releaseHold('r1', held.value.holdId)).toMatchObject({
      ok: true,
      value: { state: 'RELEASED', balanceAfterMinor: 5000 },
    });
    expect(await client.releaseHold('r2', held.value.holdId)).toMatchObject({
      ok: true,
      value: { state: 'RELEASED' },
    });
    expect(sent('/cards/holds/release')[0]?.body).toEqual({
      requestId: 'r1',
      till,
      holdId: held.value.holdId,
    });

    const lapsing = await client.hold(holdFor('h2', A, 1000, 'B-2'));
    if (!lapsing.ok) throw new Error(lapsing.error.message);
    sim.advanceClock(600_000);
    expect(await client.releaseHold('r3', lapsing.value.holdId)).toMatchObject({
      ok: true,
      value: { state: 'EXPIRED', balanceAfterMinor: 5000 },
    });
  });

  it('an unknown hold is NOT_FOUND (cause HOLD_NOT_FOUND)', async () => {
    expect(await client.releaseHold('r1', 'H-424242')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', cause: 'HOLD_NOT_FOUND', httpStatus: 404, outcomeUnknown: false },
    });
  });

  it('captures a hold on close: holdId sent and named by the REDEMPTION; the rest released; then HOLD_CAPTURED', async () => {
    const held = await client.hold(holdFor('h1', A, 3000));
    if (!held.ok) throw new Error(held.error.message);
    const { holdId } = held.value;
    const closed = await client.closeBasket(
      closure('c1', [
        { kind: 'GIFT_CARD', amountMinor: 2500, card: A, holdId },
        { kind: 'GIFT_CARD', amountMinor: 1000, card: B },
        { kind: 'CASH', amountMinor: 100 },
      ]),
    );
    expect(closed).toMatchObject({
      ok: true,
      value: [
        { kind: 'REDEMPTION', cardNumber: A.cardNumber, amountMinor: 2500, holdId, balanceAfterMinor: 2500 },
        { kind: 'REDEMPTION', cardNumber: B.cardNumber, amountMinor: 1000 },
      ],
    });
    expect(closed.ok && closed.value[1]?.holdId).toBeUndefined();
    const body = sent('/baskets/close')[0]?.body as { tenders: unknown[] };
    expect(body.tenders).toEqual([
      {
        kind: 'GIFT_CARD',
        amountMinor: 2500,
        card: { cardNumber: A.cardNumber, entryType: 'BARCODE' },
        holdId,
      },
      { kind: 'GIFT_CARD', amountMinor: 1000, card: { cardNumber: B.cardNumber, entryType: 'KEYED' } },
      { kind: 'CASH', amountMinor: 100 },
    ]);
    expect(await client.releaseHold('r1', holdId)).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        cause: 'HOLD_CAPTURED',
        httpStatus: 409,
        message: expect.stringContaining('void'),
      },
    });
  });

  it('a hold protects the sale from a spend at another till', async () => {
    const held = await client.hold(holdFor('h1', A, 4000));
    if (!held.ok) throw new Error(held.error.message);
    sim.spend(A.cardNumber, 1000);
    const closed = await client.closeBasket(
      closure('c1', [{ kind: 'GIFT_CARD', amountMinor: 4000, card: A, holdId: held.value.holdId }]),
    );
    expect(closed.ok).toBe(true);
    expect(sim.card(A.cardNumber)?.balanceMinor).toBe(0);
  });

  it('refunds within the original close, and refuses more with what is still refundable', async () => {
    await client.closeBasket(closure('c1', [{ kind: 'GIFT_CARD', amountMinor: 3000, card: A }]));
    const refunded = await client.refund({ ...refundOf('f1', A, 1000, 'c1'), reason: 'mug chipped' });
    expect(refunded).toEqual({
      ok: true,
      replayed: false,
      value: {
        cardNumber: A.cardNumber,
        kind: 'REFUND',
        amountMinor: 1000,
        currency: 'GBP',
        transactionId: expect.any(String),
        approvalCode: expect.any(String),
        balanceAfterMinor: 3000,
      },
    });
    expect(sent('/cards/refunds')[0]?.body).toEqual({
      requestId: 'f1',
      till,
      refundId: 'R-f1',
      card: { cardNumber: A.cardNumber, entryType: 'BARCODE' },
      amount: { amountMinor: 1000, currency: 'GBP' },
      originalRequestId: 'c1',
      reason: 'mug chipped',
    });
    expect(await client.refund({ ...refundOf('f1', A, 1000, 'c1'), reason: 'mug chipped' })).toMatchObject({
      ok: true,
      replayed: true,
    });
    // The same requestId for another refund is a conflict, not a second refund.
    expect(await client.refund(refundOf('f1', A, 1000, 'c1'))).toMatchObject({
      ok: false,
      error: { cause: 'IDEMPOTENCY_CONFLICT' },
    });
    expect(await client.refund(refundOf('f2', A, 2001, 'c1'))).toMatchObject({
      ok: false,
      error: {
        code: 'REFUND_EXCEEDS_ORIGINAL',
        cause: 'REFUND_EXCEEDS_ORIGINAL',
        details: { refundableMinor: 2000 },
        outcomeUnknown: false,
      },
    });
    expect(await client.refund(refundOf('f3', A, 1, 'never-closed'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', cause: 'TRANSACTION_NOT_FOUND' },
    });
    // Without an original, a refund is not capped.
    expect(await client.refund(refundOf('f4', B, 700))).toMatchObject({
      ok: true,
      value: { kind: 'REFUND' },
    });
  });

  it('voids a refund: the money comes off the card and may be refunded again', async () => {
    await client.closeBasket(closure('c1', [{ kind: 'GIFT_CARD', amountMinor: 3000, card: A }]));
    await client.refund(refundOf('f1', A, 3000, 'c1'));
    expect(await client.voidTransaction('v1', 'f1')).toMatchObject({
      ok: true,
      value: [{ kind: 'VOID', cardNumber: A.cardNumber, amountMinor: 3000, balanceAfterMinor: 2000 }],
    });
    expect(await client.refund(refundOf('f2', A, 3000, 'c1'))).toMatchObject({ ok: true });
  });

  it('an older Centegra without holds or refunds: NOT_SUPPORTED, nothing moved', async () => {
    sim.setFaults({ noHolds: true, noRefunds: true });
    for (const r of [
      await client.hold(holdFor('h1', A, 100)),
      await client.releaseHold('r1', 'H-1'),
      await client.refund(refundOf('f1', A, 100)),
    ]) {
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'NOT_SUPPORTED', httpStatus: 404, link: 'ONLINE' },
      });
    }
    expect(sim.card(A.cardNumber)?.balanceMinor).toBe(5000);
  });

  it("Centegra's own maintenance: OFFLINE with its Retry-After, nothing applied", async () => {
    sim.setFaults({ centegraUnavailable: { retryAfterS: 90 } });
    const r = await client.hold(holdFor('h1', A, 100));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', cause: 'CENTEGRA_UNAVAILABLE', retryAfterMs: 90_000, outcomeUnknown: false },
    });
    expect(await client.status()).toMatchObject({ ok: false, error: { cause: 'CENTEGRA_UNAVAILABLE' } });
    expect(sim.holds()).toEqual([]);
  });
});
