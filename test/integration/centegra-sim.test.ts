// The Centegra Plus simulator over real HTTP on 127.0.0.1: the contract's endpoints, request
// validation, idempotency, every fault, the admin API, recording and reset.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_API_KEY, demoCards, startSimulator, type Simulator } from '../../main/centegra-sim/index';
import {
  ACTIVE_50,
  ACTIVE_250,
  BLOCKED,
  call,
  EMPTY,
  errorOf,
  EXPIRED,
  INACTIVE,
  PIN_CARD,
  simDispatcher as dispatcher,
  till,
  type CallOptions,
  type Reply,
} from '../helpers/sim-http';

const api = (sim: Simulator, path: string, body?: unknown, options?: CallOptions) =>
  call(`${sim.baseUrl}${path}`, body, options);
const admin = (sim: Simulator, path: string, method: CallOptions['method'] = 'GET', body?: unknown) =>
  call(`${sim.origin}/__sim${path}`, body, { method, apiKey: null });

const inquiry = (cardNumber: string, pin?: string) => ({
  till,
  card: { cardNumber, ...(pin ? { pin } : {}), entryType: 'BARCODE' },
});
const issuance = (requestId: string, cardNumber: string, amountMinor: number) => ({
  requestId,
  till,
  card: { cardNumber },
  amount: { amountMinor, currency: 'GBP' },
});
type TenderIn = {
  kind: 'GIFT_CARD' | 'CARD' | 'CASH' | 'OTHER';
  amountMinor: number;
  card?: { cardNumber: string; pin?: string };
};
const gift = (cardNumber: string, amountMinor: number, pin?: string): TenderIn => ({
  kind: 'GIFT_CARD',
  amountMinor,
  card: { cardNumber, ...(pin ? { pin } : {}) },
});
function basket(requestId: string, tenders: TenderIn[]) {
  const totalMinor = tenders.reduce((s, t) => s + t.amountMinor, 0);
  return {
    requestId,
    till,
    basketId: `B-${requestId}`,
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
}
const voiding = (requestId: string, originalRequestId: string) => ({ requestId, till, originalRequestId });

/** Resolves to the error the client saw, or fails the test if an answer came back. */
async function connectionError(promise: Promise<Reply>): Promise<{ code?: string; message: string }> {
  try {
    const reply = await promise;
    throw new Error(`expected a connection error, got HTTP ${reply.status}`);
  } catch (error) {
    const e = error as { code?: string; message: string };
    if (e.message.startsWith('expected a connection error')) throw error;
    return e;
  }
}
const CONNECTION_ERRORS = ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'];

let sim: Simulator;
/** Simulators a single test starts besides the shared one; closed after each test. */
const extraSims: Simulator[] = [];

async function anotherSimulator(options: Parameters<typeof startSimulator>[0]): Promise<Simulator> {
  const started = await startSimulator(options);
  extraSims.push(started);
  return started;
}

beforeAll(async () => {
  sim = await startSimulator({ quiet: true });
});
afterEach(async () => {
  await Promise.all(extraSims.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await sim.close();
  await dispatcher.close();
});
beforeEach(() => sim.reset());

describe('startSimulator', () => {
  it('listens on 127.0.0.1 at a free port with the Centegra base path and the demo key', () => {
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.baseUrl).toBe(`${sim.origin}/giftcards/v1`);
    expect(sim.apiKey).toBe(DEMO_API_KEY);
  });

  it('takes another key and its own cards', async () => {
    const other = await anotherSimulator({
      quiet: true,
      apiKey: 'k-2',
      cards: [{ cardNumber: '12345678', status: 'ACTIVE', balanceMinor: 7, currency: 'EUR' }],
    });
    expect(other.port).not.toBe(sim.port);
    expect((await api(other, '/status')).status).toBe(401);
    const found = await api(other, '/cards/inquiry', inquiry('12345678'), { apiKey: 'k-2' });
    expect(found.body).toEqual({
      cardNumber: '12345678',
      status: 'ACTIVE',
      balance: { amountMinor: 7, currency: 'EUR' },
    });
    expect((await api(other, '/cards/inquiry', inquiry(ACTIVE_50), { apiKey: 'k-2' })).status).toBe(404);
  });

  it('prints one line per API request unless quiet', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    const loud = await anotherSimulator({});
    await api(loud, '/status');
    await api(loud, '/cards/inquiry', inquiry(ACTIVE_50), { apiKey: 'wrong' });
    spy.mockRestore();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/GET \/status 200 /);
    expect(lines[1]).toMatch(/POST \/cards\/inquiry 401 /);
  });

  it('refuses to start on a port already taken', async () => {
    await expect(startSimulator({ quiet: true, port: sim.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('closes promptly, even with a request waiting in latency, and then refuses connections', async () => {
    const other = await anotherSimulator({ quiet: true });
    other.setFaults({ latencyMs: 10_000 });
    const waiting = api(other, '/status');
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(CONNECTION_ERRORS).toContain((await connectionError(waiting)).code);
    const refused = await connectionError(api(other, '/status'));
    expect(refused.code).toBe('ECONNREFUSED');
  });
});

describe('GET /status', () => {
  it('reports Centegra, Factor4 and the key as up', async () => {
    const reply = await api(sim, '/status');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ centegra: 'UP', factor4: 'UP', key: 'ENABLED' });
    const { serverTime } = reply.body as { serverTime: string };
    expect(Math.abs(Date.parse(serverTime) - Date.now())).toBeLessThan(5_000);
  });
});

describe('authentication', () => {
  it.each([
    ['no key', null],
    ['an unknown key', 'not-the-key'],
  ])('answers 401 KEY_INVALID on every endpoint with %s', async (_what, apiKey) => {
    for (const [path, body] of [
      ['/status', undefined],
      ['/cards/inquiry', inquiry(ACTIVE_50)],
      ['/cards/issuance', issuance('i1', ACTIVE_50, 100)],
      ['/baskets/close', basket('c1', [gift(ACTIVE_50, 100)])],
      ['/transactions/void', voiding('v1', 'c1')],
    ] as const) {
      const reply = await api(sim, path, body, { apiKey });
      expect([path, reply.status, errorOf(reply).code]).toEqual([path, 401, 'KEY_INVALID']);
    }
    expect(sim.applied().size).toBe(0);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
  });
});

describe('POST /cards/inquiry', () => {
  it('answers the card with its status and balance', async () => {
    const reply = await api(sim, '/cards/inquiry', inquiry(ACTIVE_50));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      cardNumber: ACTIVE_50,
      status: 'ACTIVE',
      balance: { amountMinor: 5000, currency: 'GBP' },
    });
  });

  it('answers 200 for any status, with expiresOn when the card has one', async () => {
    expect((await api(sim, '/cards/inquiry', inquiry(BLOCKED))).body).toMatchObject({ status: 'BLOCKED' });
    expect((await api(sim, '/cards/inquiry', inquiry(INACTIVE))).body).toMatchObject({ status: 'INACTIVE' });
    expect((await api(sim, '/cards/inquiry', inquiry(EXPIRED))).body).toMatchObject({
      status: 'EXPIRED',
      expiresOn: '2025-12-31',
      balance: { amountMinor: 1000 },
    });
  });

  it('answers 404 CARD_NOT_FOUND for an unknown card or a wrong PIN, and 422 PIN_REQUIRED for a missing PIN', async () => {
    for (const body of [inquiry('6280399999999999'), inquiry(PIN_CARD, '4321')]) {
      const reply = await api(sim, '/cards/inquiry', body);
      expect([reply.status, errorOf(reply).code]).toEqual([404, 'CARD_NOT_FOUND']);
    }
    const missing = await api(sim, '/cards/inquiry', inquiry(PIN_CARD));
    expect([missing.status, errorOf(missing).code]).toEqual([422, 'PIN_REQUIRED']);
    const right = await api(sim, '/cards/inquiry', inquiry(PIN_CARD, '1234'));
    expect(right.body).toMatchObject({ balance: { amountMinor: 420 } });
  });
});

describe('POST /cards/issuance', () => {
  it('activates an INACTIVE card with the amount', async () => {
    const reply = await api(sim, '/cards/issuance', issuance('i1', INACTIVE, 2500));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      cardNumber: INACTIVE,
      kind: 'ISSUANCE',
      amount: { amountMinor: 2500, currency: 'GBP' },
      balanceAfter: { amountMinor: 2500, currency: 'GBP' },
    });
    const { transactionId, approvalCode } = reply.body as { transactionId: string; approvalCode: string };
    expect(transactionId).toMatch(/^F4-/);
    expect(approvalCode).toHaveLength(6);
    expect(sim.card(INACTIVE)).toMatchObject({ status: 'ACTIVE', balanceMinor: 2500 });
    expect(sim.applied().get('i1')).toEqual({ operation: 'issuance', count: 1 });
  });

  it('tops up an ACTIVE card', async () => {
    const reply = await api(sim, '/cards/issuance', issuance('i1', EMPTY, 1000));
    expect(reply.body).toMatchObject({ balanceAfter: { amountMinor: 1000 } });
    expect(sim.card(EMPTY)?.balanceMinor).toBe(1000);
  });

  it('refuses BLOCKED and EXPIRED cards with 422 and unknown ones with 404, changing nothing', async () => {
    for (const cardNumber of [BLOCKED, EXPIRED]) {
      const reply = await api(sim, '/cards/issuance', issuance(`i-${cardNumber}`, cardNumber, 100));
      expect([reply.status, errorOf(reply).code]).toEqual([422, 'CARD_NOT_ACTIVE']);
    }
    const unknown = await api(sim, '/cards/issuance', issuance('i-x', '6280399999999999', 100));
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'CARD_NOT_FOUND']);
    expect(sim.card(BLOCKED)?.balanceMinor).toBe(2500);
    expect(sim.applied().size).toBe(0);
  });

  it('refuses another currency than the card holds', async () => {
    const reply = await api(sim, '/cards/issuance', {
      ...issuance('i1', ACTIVE_50, 100),
      amount: { amountMinor: 100, currency: 'EUR' },
    });
    expect([reply.status, errorOf(reply).code]).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(reply).message).toContain('currency');
  });
});

describe('POST /baskets/close', () => {
  it('redeems every gift card tender and answers one REDEMPTION each', async () => {
    const body = basket('c1', [
      gift(ACTIVE_50, 1200),
      gift(PIN_CARD, 420, '1234'),
      { kind: 'CASH', amountMinor: 380 },
    ]);
    const reply = await api(sim, '/baskets/close', body);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      basketId: 'B-c1',
      transactions: [
        {
          cardNumber: ACTIVE_50,
          kind: 'REDEMPTION',
          amount: { amountMinor: 1200 },
          balanceAfter: { amountMinor: 3800 },
        },
        {
          cardNumber: PIN_CARD,
          kind: 'REDEMPTION',
          amount: { amountMinor: 420 },
          balanceAfter: { amountMinor: 0 },
        },
      ],
    });
    expect((reply.body as { transactions: unknown[] }).transactions).toHaveLength(2);
    expect([sim.card(ACTIVE_50)?.balanceMinor, sim.card(PIN_CARD)?.balanceMinor]).toEqual([3800, 0]);
  });

  it('closes a basket with no gift card at all', async () => {
    const reply = await api(sim, '/baskets/close', basket('c1', [{ kind: 'CARD', amountMinor: 999 }]));
    expect(reply.body).toEqual({ basketId: 'B-c1', transactions: [] });
  });

  it('counts two tenders on one card together and redeems nothing when they exceed it', async () => {
    const reply = await api(
      sim,
      '/baskets/close',
      basket('c1', [gift(ACTIVE_250, 3000), gift(ACTIVE_50, 3000), gift(ACTIVE_50, 2001)]),
    );
    expect(reply.status).toBe(422);
    expect(errorOf(reply)).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      details: { availableMinor: 5000, cardNumberLast4: '0011' },
    });
    expect([sim.card(ACTIVE_250)?.balanceMinor, sim.card(ACTIVE_50)?.balanceMinor]).toEqual([25000, 5000]);
  });

  it('refuses a card that is not ACTIVE with its last four digits', async () => {
    const reply = await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 100), gift(EXPIRED, 100)]));
    expect(reply.status).toBe(422);
    expect(errorOf(reply)).toMatchObject({
      code: 'CARD_NOT_ACTIVE',
      details: { cardNumberLast4: EXPIRED.slice(-4) },
    });
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
  });

  it('answers 404 for an unknown card or a wrong PIN, 422 PIN_REQUIRED for a missing one', async () => {
    for (const [tender, status, code] of [
      [gift('6280399999999999', 100), 404, 'CARD_NOT_FOUND'],
      [gift(PIN_CARD, 100), 422, 'PIN_REQUIRED'],
      [gift(PIN_CARD, 100, '0000'), 404, 'CARD_NOT_FOUND'],
    ] as const) {
      const reply = await api(
        sim,
        '/baskets/close',
        basket(`c-${tender.card?.pin ?? 'x'}-${tender.card?.cardNumber}`, [tender]),
      );
      expect([reply.status, errorOf(reply).code]).toEqual([status, code]);
    }
  });
});

describe('POST /transactions/void', () => {
  it('credits every redemption of a close back', async () => {
    await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000), gift(ACTIVE_250, 500)]));
    const reply = await api(sim, '/transactions/void', voiding('v1', 'c1'));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      transactions: [
        {
          cardNumber: ACTIVE_50,
          kind: 'VOID',
          amount: { amountMinor: 1000 },
          balanceAfter: { amountMinor: 5000 },
        },
        {
          cardNumber: ACTIVE_250,
          kind: 'VOID',
          amount: { amountMinor: 500 },
          balanceAfter: { amountMinor: 25000 },
        },
      ],
    });
    expect(sim.applied().get('v1')).toEqual({ operation: 'void', count: 1 });
  });

  it('debits an issuance, and sets an activated card back to INACTIVE', async () => {
    await api(sim, '/cards/issuance', issuance('i1', INACTIVE, 2000));
    const reply = await api(sim, '/transactions/void', voiding('v1', 'i1'));
    expect(reply.status).toBe(200);
    expect(sim.card(INACTIVE)).toMatchObject({ status: 'INACTIVE', balanceMinor: 0 });
  });

  it('refuses to void an issuance already spent', async () => {
    await api(sim, '/cards/issuance', issuance('i1', EMPTY, 2000));
    await api(sim, '/baskets/close', basket('c1', [gift(EMPTY, 1500)]));
    const reply = await api(sim, '/transactions/void', voiding('v1', 'i1'));
    expect(reply.status).toBe(422);
    expect(errorOf(reply)).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { availableMinor: 500 } });
    expect(sim.card(EMPTY)?.balanceMinor).toBe(500);
  });

  it('answers 409 ALREADY_VOIDED the second time and 404 TRANSACTION_NOT_FOUND for an unknown requestId', async () => {
    await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)]));
    expect((await api(sim, '/transactions/void', voiding('v1', 'c1'))).status).toBe(200);
    const twice = await api(sim, '/transactions/void', voiding('v2', 'c1'));
    expect([twice.status, errorOf(twice).code]).toEqual([409, 'ALREADY_VOIDED']);
    const unknown = await api(sim, '/transactions/void', voiding('v3', 'never-sent'));
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'TRANSACTION_NOT_FOUND']);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
  });
});

describe('request validation', () => {
  const close = () => basket('c1', [gift(ACTIVE_50, 1000)]);

  it.each([
    ['a missing field', '/cards/inquiry', { card: { cardNumber: ACTIVE_50 } }, 'till: is required'],
    [
      'a missing nested field',
      '/cards/issuance',
      { ...issuance('i1', ACTIVE_50, 1), amount: { amountMinor: 1 } },
      'amount.currency: is required',
    ],
    [
      'float money',
      '/cards/issuance',
      issuance('i1', ACTIVE_50, 10.5),
      'amount.amountMinor: must be integer',
    ],
    [
      'negative money',
      '/cards/issuance',
      issuance('i1', ACTIVE_50, -100),
      'amount.amountMinor: must be >= 0',
    ],
    [
      'a zero tender',
      '/baskets/close',
      { ...close(), tenders: [{ kind: 'CASH', amountMinor: 0 }] },
      'tenders[0].amountMinor: must be >= 1',
    ],
    [
      'money as a string',
      '/baskets/close',
      { ...close(), totalMinor: '1000' },
      'totalMinor: must be integer',
    ],
    [
      'a wrong type',
      '/cards/inquiry',
      { till: 'till-1', card: { cardNumber: ACTIVE_50 } },
      'till: must be object',
    ],
    [
      'an unknown tender kind',
      '/baskets/close',
      { ...close(), tenders: [{ kind: 'VOUCHER', amountMinor: 1000 }] },
      'tenders[0].kind: must be one of',
    ],
    ['a bad card number', '/cards/inquiry', inquiry('62-80'), 'card.cardNumber: must match pattern'],
    [
      'a bad timestamp',
      '/baskets/close',
      { ...close(), closedAt: 'yesterday' },
      'closedAt: must match format "date-time"',
    ],
    [
      'an empty requestId',
      '/transactions/void',
      voiding('', 'c1'),
      'requestId: must NOT have fewer than 1 characters',
    ],
    ['an array body', '/cards/inquiry', [], '(body): must be object'],
    ['tenders not adding up', '/baskets/close', { ...close(), totalMinor: 999 }, 'tenders'],
    ['lines not adding up', '/baskets/close', { ...close(), lines: [] }, 'lines'],
    [
      'a gift card tender without a card',
      '/baskets/close',
      { ...close(), tenders: [{ kind: 'GIFT_CARD', amountMinor: 1000 }] },
      'tenders[0].card',
    ],
  ])('answers 400 BAD_REQUEST naming the field for %s', async (_what, path, body, mentions) => {
    const reply = await api(sim, path, body);
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('BAD_REQUEST');
    expect(errorOf(reply).message).toContain(mentions);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
  });

  it.each([
    ['a body that is not JSON', { raw: '{"till": ' }, 'not valid JSON'],
    ['an empty body', { raw: '' }, 'is required'],
    [
      'a text/plain body',
      { raw: JSON.stringify(inquiry(ACTIVE_50)), contentType: 'text/plain' },
      'Content-Type',
    ],
    [
      'a body without Content-Type',
      { raw: JSON.stringify(inquiry(ACTIVE_50)), contentType: null },
      'Content-Type',
    ],
  ] as const)('answers 400 BAD_REQUEST for %s', async (_what, options, mentions) => {
    const reply = await api(sim, '/cards/inquiry', undefined, { method: 'POST', ...options });
    expect([reply.status, errorOf(reply).code]).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(reply).message).toContain(mentions);
  });

  it('accepts application/json with a charset', async () => {
    const reply = await api(sim, '/cards/inquiry', inquiry(ACTIVE_50), {
      contentType: 'application/json; charset=utf-8',
    });
    expect(reply.status).toBe(200);
  });

  it('answers 400 for a body over 1 MB and still serves the next request', async () => {
    const huge = { ...inquiry(ACTIVE_50), padding: 'x'.repeat(1_100_000) };
    const reply = await api(sim, '/cards/inquiry', huge);
    expect([reply.status, errorOf(reply).code]).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(reply).message).toContain('larger');
    expect((await api(sim, '/cards/inquiry', inquiry(ACTIVE_50))).status).toBe(200);
  });

  it('keeps no answer for a 400, so the corrected request with the same requestId goes through', async () => {
    expect((await api(sim, '/cards/issuance', issuance('i1', ACTIVE_50, 1.5))).status).toBe(400);
    const fixed = await api(sim, '/cards/issuance', issuance('i1', ACTIVE_50, 150));
    expect(fixed.status).toBe(200);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 404 for a path the contract does not have', async () => {
    const reply = await api(sim, '/cards/balance', inquiry(ACTIVE_50));
    expect(reply.status).toBe(404);
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same requestId and body, with Idempotent-Replayed', async () => {
    const body = basket('c1', [gift(ACTIVE_50, 1000)]);
    const first = await api(sim, '/baskets/close', body);
    // Same body, keys in another order: still the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await api(sim, '/baskets/close', reordered);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(4000);
    expect(sim.applied().get('c1')).toEqual({ operation: 'close', count: 1 });
  });

  it('replays business refusals too (422)', async () => {
    const body = basket('c1', [gift(ACTIVE_50, 9000)]);
    const first = await api(sim, '/baskets/close', body);
    expect(first.status).toBe(422);
    await api(sim, '/cards/issuance', issuance('i1', ACTIVE_50, 5000)); // now it would fit
    const second = await api(sim, '/baskets/close', body);
    expect([second.status, second.headers['idempotent-replayed'], second.text]).toEqual([
      422,
      'true',
      first.text,
    ]);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(10000);
  });

  it('answers 409 IDEMPOTENCY_CONFLICT for another body or another endpoint, and keeps the first', async () => {
    await api(sim, '/cards/issuance', issuance('r1', ACTIVE_50, 100));
    const otherBody = await api(sim, '/cards/issuance', issuance('r1', ACTIVE_50, 200));
    expect([otherBody.status, errorOf(otherBody).code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    const otherEndpoint = await api(sim, '/baskets/close', basket('r1', [gift(ACTIVE_50, 100)]));
    expect([otherEndpoint.status, errorOf(otherEndpoint).code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    const original = await api(sim, '/cards/issuance', issuance('r1', ACTIVE_50, 100));
    expect([original.status, original.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5100);
  });

  it('applies concurrent duplicates once, also while the first waits in latency', async () => {
    sim.setFaults({ latencyMs: 150, latencyJitterMs: 50 });
    const body = basket('c1', [gift(ACTIVE_50, 700)]);
    const replies = await Promise.all(Array.from({ length: 6 }, () => api(sim, '/baskets/close', body)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(4300);
    expect(sim.applied().get('c1')?.count).toBe(1);
  });

  it('keys voids by their own requestId', async () => {
    await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)]));
    const first = await api(sim, '/transactions/void', voiding('v1', 'c1'));
    const again = await api(sim, '/transactions/void', voiding('v1', 'c1'));
    expect([again.status, again.headers['idempotent-replayed'], again.text]).toEqual([
      200,
      'true',
      first.text,
    ]);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
  });
});

describe('faults', () => {
  it('down: resets the connection before anything is applied', async () => {
    sim.setFaults({ down: true });
    const error = await connectionError(api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)])));
    expect(CONNECTION_ERRORS).toContain(error.code);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
    expect(sim.applied().size).toBe(0);
    expect(sim.requests().at(-1)).toMatchObject({
      path: '/baskets/close',
      requestId: 'c1',
      status: null,
      fault: 'down',
    });
  });

  it('latency: delays the answer measurably', async () => {
    sim.setFaults({ latencyMs: 300 });
    const started = performance.now();
    const reply = await api(sim, '/status');
    const tookMs = performance.now() - started;
    expect(reply.status).toBe(200);
    expect(tookMs).toBeGreaterThanOrEqual(290);
    const recorded = sim.requests().at(-1);
    expect(recorded?.fault).toBe('latency');
    expect(recorded?.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('latency jitter: stays within latencyMs + latencyJitterMs', async () => {
    sim.setFaults({ latencyMs: 50, latencyJitterMs: 100 });
    const durations: number[] = [];
    for (let i = 0; i < 5; i++) {
      await api(sim, '/status');
      durations.push(sim.requests().at(-1)?.durationMs ?? -1);
    }
    for (const d of durations) {
      expect(d).toBeGreaterThanOrEqual(49);
      expect(d).toBeLessThan(400);
    }
    expect(new Set(durations.map((d) => Math.round(d / 5))).size).toBeGreaterThan(1);
  });

  it('errorRate 1: answers errorStatus before processing', async () => {
    sim.setFaults({ errorRate: 1 });
    const reply = await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)]));
    expect([reply.status, errorOf(reply).code]).toEqual([500, 'INTERNAL']);
    sim.setFaults({ errorStatus: 503 });
    expect((await api(sim, '/status')).status).toBe(503);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
    expect(sim.applied().size).toBe(0);
    expect(sim.requests().map((r) => r.fault)).toEqual(['error', 'error']);
    // Not kept: the retry after the fault is processed normally.
    sim.clearFaults();
    const retry = await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)]));
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, undefined]);
  });

  it('errorRate between 0 and 1: the same seed hits the same requests', async () => {
    const statuses = async (seed: number): Promise<number[]> => {
      const s = await anotherSimulator({ quiet: true, seed });
      s.setFaults({ errorRate: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await api(s, '/status')).status);
      return out;
    };
    const a = await statuses(1);
    expect(await statuses(1)).toEqual(a);
    expect(a).toContain(200);
    expect(a).toContain(500);
    expect(await statuses(2)).not.toEqual(a);
  });

  it('drop-after-processing: the client gets no answer, the close was applied, a retry replays it', async () => {
    sim.setFaults({ dropAfterProcessingRate: 1 });
    const body = basket('c1', [gift(ACTIVE_50, 1000)]);
    const error = await connectionError(api(sim, '/baskets/close', body));
    expect(CONNECTION_ERRORS).toContain(error.code);
    expect(sim.applied().get('c1')).toEqual({ operation: 'close', count: 1 });
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(4000);
    expect(sim.requests().at(-1)).toMatchObject({
      status: null,
      fault: 'drop-after-processing',
      replayed: false,
    });

    sim.clearFaults();
    const retry = await api(sim, '/baskets/close', body);
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(retry.body).toMatchObject({ transactions: [{ balanceAfter: { amountMinor: 4000 } }] });
    expect((await api(sim, '/baskets/close', body)).text).toBe(retry.text);
    expect(sim.applied().get('c1')?.count).toBe(1);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(4000);
  });

  it('drop-after-processing also drops replays (a retry can be unlucky too)', async () => {
    const body = issuance('i1', ACTIVE_50, 100);
    await api(sim, '/cards/issuance', body);
    sim.setFaults({ dropAfterProcessingRate: 1 });
    await connectionError(api(sim, '/cards/issuance', body));
    expect(sim.requests().at(-1)).toMatchObject({
      status: null,
      replayed: true,
      fault: 'drop-after-processing',
    });
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5100);
  });

  it('factor4TimeoutRate: answers 504 FACTOR4_TIMEOUT although the issuance was applied', async () => {
    sim.setFaults({ factor4TimeoutRate: 1 });
    const body = issuance('i1', INACTIVE, 3000);
    const reply = await api(sim, '/cards/issuance', body);
    expect([reply.status, errorOf(reply).code]).toEqual([504, 'FACTOR4_TIMEOUT']);
    expect(sim.applied().get('i1')?.count).toBe(1);
    expect(sim.card(INACTIVE)).toMatchObject({ status: 'ACTIVE', balanceMinor: 3000 });
    // /status does not go through Factor4's transaction path.
    expect((await api(sim, '/status')).status).toBe(200);
    sim.clearFaults();
    const retry = await api(sim, '/cards/issuance', body);
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(retry.body).toMatchObject({ balanceAfter: { amountMinor: 3000 } });
  });

  it('factor4TimeoutRate does not act on a request refused before Factor4 (400)', async () => {
    sim.setFaults({ factor4TimeoutRate: 1 });
    expect((await api(sim, '/cards/issuance', issuance('i1', INACTIVE, -1))).status).toBe(400);
  });

  it('keyDisabled: 403 KEY_DISABLED on every endpoint, /status included; an unknown key is still 401', async () => {
    sim.setFaults({ keyDisabled: true });
    const status = await api(sim, '/status');
    expect([status.status, errorOf(status).code]).toEqual([403, 'KEY_DISABLED']);
    const close = await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)]));
    expect([close.status, errorOf(close).code]).toEqual([403, 'KEY_DISABLED']);
    expect((await api(sim, '/status', undefined, { apiKey: 'wrong' })).status).toBe(401);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
  });

  it('siteNotConfigured: 403 SITE_NOT_CONFIGURED on card calls, /status still answers', async () => {
    sim.setFaults({ siteNotConfigured: true });
    const reply = await api(sim, '/cards/inquiry', inquiry(ACTIVE_50));
    expect([reply.status, errorOf(reply).code]).toEqual([403, 'SITE_NOT_CONFIGURED']);
    expect((await api(sim, '/status')).status).toBe(200);
  });

  it('factor4Down: /status says DOWN and card calls answer 503 FACTOR4_UNAVAILABLE', async () => {
    sim.setFaults({ factor4Down: true });
    const status = await api(sim, '/status');
    expect([status.status, (status.body as { factor4: string }).factor4]).toEqual([200, 'DOWN']);
    const reply = await api(sim, '/cards/inquiry', inquiry(ACTIVE_50));
    expect([reply.status, errorOf(reply).code]).toEqual([503, 'FACTOR4_UNAVAILABLE']);
    const voided = await api(sim, '/transactions/void', voiding('v1', 'x'));
    expect(voided.status).toBe(503);
  });

  it('rateLimited: 429 RATE_LIMITED with Retry-After, and back to normal when lifted', async () => {
    sim.setFaults({ rateLimited: { retryAfterS: 7 } });
    const reply = await api(sim, '/cards/inquiry', inquiry(ACTIVE_50));
    expect([reply.status, errorOf(reply).code, reply.headers['retry-after']]).toEqual([
      429,
      'RATE_LIMITED',
      '7',
    ]);
    sim.setFaults({ rateLimited: null });
    expect((await api(sim, '/cards/inquiry', inquiry(ACTIVE_50))).status).toBe(200);
  });

  it('paths: restricts every fault to the paths named', async () => {
    sim.setFaults({ errorRate: 1, down: false, paths: ['/baskets/close'] });
    expect((await api(sim, '/cards/inquiry', inquiry(ACTIVE_50))).status).toBe(200);
    expect((await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1)]))).status).toBe(500);
    sim.setFaults({ errorRate: 0, down: true, paths: ['/transactions/void'] });
    expect((await api(sim, '/status')).status).toBe(200);
    await connectionError(api(sim, '/transactions/void', voiding('v1', 'c1')));
  });

  it('in process: refuses bad values naming the field', () => {
    expect(() => sim.setFaults({ errorRate: 2 })).toThrow(/errorRate/);
    expect(() => sim.setFaults({ paths: ['/nope'] })).toThrow(/paths/);
    expect(sim.faults().errorRate).toBe(0);
  });
});

describe('admin API over HTTP', () => {
  it('GET, PATCH (merge), PUT (replace) and DELETE (clear) the faults', async () => {
    expect((await admin(sim, '/faults')).body).toEqual(sim.faults());
    const patched = await admin(sim, '/faults', 'PATCH', { latencyMs: 20 });
    expect(patched.body).toMatchObject({ latencyMs: 20, errorRate: 0 });
    const merged = await admin(sim, '/faults', 'PATCH', { errorRate: 0.25 });
    expect(merged.body).toMatchObject({ latencyMs: 20, errorRate: 0.25 });
    const replaced = await admin(sim, '/faults', 'PUT', { factor4Down: true });
    expect(replaced.body).toMatchObject({ latencyMs: 0, errorRate: 0, factor4Down: true });
    expect(sim.faults().factor4Down).toBe(true);
    expect((await api(sim, '/status')).body).toMatchObject({ factor4: 'DOWN' });
    const cleared = await admin(sim, '/faults', 'DELETE');
    expect(cleared.body).toMatchObject({ factor4Down: false });
    expect(sim.faults().factor4Down).toBe(false);
  });

  it.each([
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ errorStatus: 502 }, 'errorStatus'],
    [{ latencyMs: -5 }, 'latencyMs'],
    [{ paths: ['/cards/balance'] }, 'paths'],
    [{ lag: 5 }, 'lag'],
  ])('refuses %j with 400 naming the field, changing nothing', async (patch, field) => {
    const reply = await admin(sim, '/faults', 'PATCH', patch);
    expect([reply.status, errorOf(reply).code]).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(reply).message).toContain(field);
    expect(sim.faults()).toEqual((await admin(sim, '/faults', 'DELETE')).body);
  });

  it('refuses a fault body that is not JSON', async () => {
    const reply = await call(`${sim.origin}/__sim/faults`, undefined, {
      method: 'PATCH',
      raw: 'down',
      apiKey: null,
    });
    expect(reply.status).toBe(400);
  });

  it('lists and clears the recorded requests, and records no admin call', async () => {
    await api(sim, '/status');
    await admin(sim, '/faults');
    const listed = await admin(sim, '/requests');
    expect((listed.body as { requests: { path: string }[] }).requests.map((r) => r.path)).toEqual([
      '/status',
    ]);
    expect((await admin(sim, '/requests', 'DELETE')).status).toBe(204);
    expect(sim.requests()).toEqual([]);
  });

  it('lists cards, replaces one and refuses a bad one', async () => {
    const listed = (await admin(sim, '/cards')).body as { cards: { cardNumber: string }[] };
    expect(listed.cards.map((c) => c.cardNumber)).toEqual(demoCards.map((c) => c.cardNumber));
    const put = await admin(sim, `/cards/${ACTIVE_50}`, 'PUT', {
      status: 'BLOCKED',
      balanceMinor: 123,
      currency: 'GBP',
    });
    expect(put.body).toEqual({
      cardNumber: ACTIVE_50,
      status: 'BLOCKED',
      balanceMinor: 123,
      currency: 'GBP',
    });
    expect((await api(sim, '/cards/inquiry', inquiry(ACTIVE_50))).body).toMatchObject({
      status: 'BLOCKED',
      balance: { amountMinor: 123 },
    });
    const created = await admin(sim, '/cards/ABCD1234', 'PUT', {
      status: 'ACTIVE',
      balanceMinor: 1,
      currency: 'EUR',
      pin: '9999',
    });
    expect(created.status).toBe(200);
    expect(sim.card('ABCD1234')).toEqual({
      cardNumber: 'ABCD1234',
      status: 'ACTIVE',
      balanceMinor: 1,
      currency: 'EUR',
      pin: '9999',
    });
    const bad = await admin(sim, `/cards/${ACTIVE_50}`, 'PUT', {
      status: 'ACTIVE',
      balanceMinor: 1.5,
      currency: 'GBP',
    });
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'BAD_REQUEST']);
    expect(errorOf(bad).message).toContain('balanceMinor');
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(123);
  });

  it('lists applied operations and resets everything', async () => {
    await api(sim, '/cards/issuance', issuance('i1', EMPTY, 100));
    await api(sim, '/baskets/close', basket('c1', [gift(EMPTY, 100)]));
    const applied = await admin(sim, '/applied');
    expect(applied.body).toEqual({
      applied: [
        { requestId: 'i1', operation: 'issuance', count: 1 },
        { requestId: 'c1', operation: 'close', count: 1 },
      ],
    });
    await admin(sim, '/faults', 'PATCH', { keyDisabled: true });
    expect((await admin(sim, '/reset', 'POST')).status).toBe(204);
    expect(sim.applied().size).toBe(0);
    expect(sim.faults().keyDisabled).toBe(false);
    expect(sim.requests()).toEqual([]);
  });
});

describe('recording', () => {
  it('records each API request with what it carried and what it got', async () => {
    await api(sim, '/status', undefined, { apiKey: null });
    await api(sim, '/cards/issuance', issuance('i1', ACTIVE_50, 100));
    await api(sim, '/cards/issuance', issuance('i1', ACTIVE_50, 100));
    await api(sim, '/cards/inquiry', undefined, { method: 'POST', raw: 'not json' });
    const requests = sim.requests();
    expect(
      requests.map((r) => [r.seq, r.method, r.path, r.status, r.replayed, r.apiKeyPresent, r.requestId]),
    ).toEqual([
      [1, 'GET', '/status', 401, false, false, undefined],
      [2, 'POST', '/cards/issuance', 200, false, true, 'i1'],
      [3, 'POST', '/cards/issuance', 200, true, true, 'i1'],
      [4, 'POST', '/cards/inquiry', 400, false, true, undefined],
    ]);
    expect(requests[1]?.body).toEqual(issuance('i1', ACTIVE_50, 100));
    expect(requests[3]?.body).toBe('not json');
    for (const r of requests) {
      expect(Date.parse(r.at)).not.toBeNaN();
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.fault).toBeUndefined();
    }
  });

  it('hands out copies', async () => {
    await api(sim, '/cards/issuance', issuance('i1', ACTIVE_50, 100));
    const [first] = sim.requests();
    (first?.body as { requestId: string }).requestId = 'changed';
    expect(sim.requests()[0]?.requestId).toBe('i1');
    expect((sim.requests()[0]?.body as { requestId: string }).requestId).toBe('i1');
    sim.clearRequests();
    expect(sim.requests()).toEqual([]);
  });
});

describe('reset', () => {
  it('brings back the demo cards, clears faults, requests, applied and the idempotency store', async () => {
    const first = await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 1000)]));
    sim.setCard({ cardNumber: BLOCKED, status: 'ACTIVE', balanceMinor: 1, currency: 'GBP' });
    sim.setFaults({ latencyMs: 5, errorRate: 0.5 });
    sim.reset();
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(5000);
    expect(sim.card(BLOCKED)).toMatchObject({ status: 'BLOCKED', balanceMinor: 2500 });
    expect(sim.faults()).toMatchObject({ latencyMs: 0, errorRate: 0 });
    expect(sim.requests()).toEqual([]);
    expect(sim.applied().size).toBe(0);
    // The requestId is free again: another body is not a conflict. Transaction ids do not repeat.
    const reply = await api(sim, '/baskets/close', basket('c1', [gift(ACTIVE_50, 2000)]));
    expect([reply.status, reply.headers['idempotent-replayed']]).toEqual([200, undefined]);
    const [before] = (first.body as { transactions: { transactionId: string }[] }).transactions;
    const [after] = (reply.body as { transactions: { transactionId: string }[] }).transactions;
    expect(after?.transactionId).not.toBe(before?.transactionId);
    expect(sim.card(ACTIVE_50)?.balanceMinor).toBe(3000);
  });

  it('setCard refuses a card the contract could not carry', () => {
    expect(() =>
      sim.setCard({ cardNumber: 'x', status: 'ACTIVE', balanceMinor: 1, currency: 'GBP' }),
    ).toThrow(/cardNumber/);
    expect(() =>
      sim.setCard({ cardNumber: ACTIVE_50, status: 'ACTIVE', balanceMinor: -1, currency: 'GBP' }),
    ).toThrow(/balanceMinor/);
  });
});

describe('property: balance over HTTP', () => {
  type Op =
    | { kind: 'issue'; amountMinor: number }
    | { kind: 'close'; amountMinor: number }
    | { kind: 'void'; target: number };

  it('equals seed + issuances − redemptions + void adjustments, and never goes negative', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('issue' as const),
              amountMinor: fc.integer({ min: 1, max: 3000 }),
            }),
            fc.record({
              kind: fc.constant('close' as const),
              amountMinor: fc.integer({ min: 1, max: 4000 }),
            }),
            fc.record({ kind: fc.constant('void' as const), target: fc.nat(20) }),
          ),
          { maxLength: 10 },
        ),
        async (ops: Op[]) => {
          sim.reset();
          const applied: { requestId: string; deltaMinor: number; voided: boolean }[] = [];
          let expectedMinor = 5000;
          for (const [step, op] of ops.entries()) {
            const requestId = `p${step}`;
            if (op.kind === 'issue') {
              const reply = await api(sim, '/cards/issuance', issuance(requestId, ACTIVE_50, op.amountMinor));
              expect(reply.status).toBe(200);
              expectedMinor += op.amountMinor;
              applied.push({ requestId, deltaMinor: op.amountMinor, voided: false });
            } else if (op.kind === 'close') {
              const reply = await api(
                sim,
                '/baskets/close',
                basket(requestId, [gift(ACTIVE_50, op.amountMinor)]),
              );
              expect(reply.status).toBe(op.amountMinor <= expectedMinor ? 200 : 422);
              if (reply.status === 200) {
                expectedMinor -= op.amountMinor;
                applied.push({ requestId, deltaMinor: -op.amountMinor, voided: false });
              }
            } else {
              const target = applied.length ? applied[op.target % applied.length] : undefined;
              const reply = await api(
                sim,
                '/transactions/void',
                voiding(requestId, target?.requestId ?? 'none'),
              );
              if (reply.status === 200 && target) {
                expect(target.voided).toBe(false);
                expect(target.deltaMinor).toBeLessThanOrEqual(expectedMinor);
                expectedMinor -= target.deltaMinor;
                target.voided = true;
              } else {
                expect(target === undefined || target.voided || target.deltaMinor > expectedMinor).toBe(true);
              }
            }
            const balanceMinor = sim.card(ACTIVE_50)?.balanceMinor ?? -1;
            expect(balanceMinor).toBe(expectedMinor);
            expect(balanceMinor).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
