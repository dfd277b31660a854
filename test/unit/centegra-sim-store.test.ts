// Factor4's business rules as the simulator plays them, without HTTP: issuance, basket close,
// void, and a model-based property over random sequences of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardStore, type SimCard } from '../../main/centegra-sim/store';
import { Simulation } from '../../main/centegra-sim/simulation';
import { defaultFaults } from '../../main/centegra-sim/faults';
import type { CloseBody, IssuanceBody, VoidBody } from '../../main/centegra-sim/validate';

const till = { siteId: 'site-1', tillId: 'till-1' };
const A = '6280390000000011';
const B = '6280390000000029';
const cards: SimCard[] = [
  { cardNumber: A, status: 'ACTIVE', balanceMinor: 5000, currency: 'GBP' },
  { cardNumber: B, pin: '1234', status: 'ACTIVE', balanceMinor: 420, currency: 'GBP' },
  { cardNumber: '6280390000000045', status: 'INACTIVE', balanceMinor: 0, currency: 'GBP' },
  { cardNumber: '6280390000000052', status: 'BLOCKED', balanceMinor: 2500, currency: 'GBP' },
  { cardNumber: '9990000000000001', status: 'ACTIVE', balanceMinor: 5000, currency: 'EUR' },
];

const issuance = (requestId: string, cardNumber: string, amountMinor: number): IssuanceBody => ({
  requestId,
  till,
  card: { cardNumber },
  amount: { amountMinor, currency: 'GBP' },
});

function basket(requestId: string, tenders: CloseBody['tenders']): CloseBody {
  const totalMinor = tenders.reduce((s, t) => s + t.amountMinor, 0);
  return {
    requestId,
    till,
    basketId: `basket-${requestId}`,
    closedAt: '2026-03-01T10:00:00Z',
    currency: 'GBP',
    totalMinor,
    lines: [
      {
        sku: 'SKU1',
        description: 'Thing',
        quantity: 1,
        unitPriceMinor: totalMinor,
        lineTotalMinor: totalMinor,
      },
    ],
    tenders,
  };
}

const gift = (cardNumber: string, amountMinor: number, pin?: string): CloseBody['tenders'][number] => ({
  kind: 'GIFT_CARD',
  amountMinor,
  card: { cardNumber, ...(pin ? { pin } : {}) },
});

const voiding = (requestId: string, originalRequestId: string): VoidBody => ({
  requestId,
  till,
  originalRequestId,
});

const errorCode = (body: unknown): unknown => (body as { error?: { code?: unknown } }).error?.code;

describe('CardStore', () => {
  it('redeems several gift card tenders of one basket and answers one REDEMPTION each', () => {
    const store = new CardStore(cards);
    const answer = store.closeBasket(
      basket('c1', [gift(A, 1000), gift(B, 400, '1234'), { kind: 'CASH', amountMinor: 99 }]),
    );
    expect(answer.status).toBe(200);
    const { transactions } = answer.body as {
      transactions: { kind: string; balanceAfter: { amountMinor: number } }[];
    };
    expect(transactions.map((t) => [t.kind, t.balanceAfter.amountMinor])).toEqual([
      ['REDEMPTION', 4000],
      ['REDEMPTION', 20],
    ]);
    expect(store.card(A)?.balanceMinor).toBe(4000);
    expect(store.card(B)?.balanceMinor).toBe(20);
  });

  it('counts several tenders on one card together and then redeems nothing', () => {
    const store = new CardStore(cards);
    const answer = store.closeBasket(basket('c1', [gift(A, 3000), gift(A, 2001)]));
    expect(answer).toEqual({
      status: 422,
      body: {
        error: expect.objectContaining({
          code: 'INSUFFICIENT_FUNDS',
          details: { availableMinor: 5000, cardNumberLast4: '0011' },
        }),
      },
    });
    expect(store.card(A)?.balanceMinor).toBe(5000);
    expect(store.applied().size).toBe(0);
  });

  it('redeems nothing when a later tender fails (all or nothing)', () => {
    const store = new CardStore(cards);
    const answer = store.closeBasket(basket('c1', [gift(A, 1000), gift('6280390000000052', 100)]));
    expect(answer.status).toBe(422);
    expect(errorCode(answer.body)).toBe('CARD_NOT_ACTIVE');
    expect((answer.body as { error: { details: unknown } }).error.details).toMatchObject({
      cardNumberLast4: '0052',
    });
    expect(store.card(A)?.balanceMinor).toBe(5000);
  });

  it('wants the PIN of a card that has one (422 PIN_REQUIRED without), and says only "not found" when it is wrong', () => {
    const store = new CardStore(cards);
    for (const [pin, status] of [
      [undefined, 422],
      ['9999', 404],
    ] as const) {
      expect(store.closeBasket(basket('c1', [gift(B, 100, pin)])).status).toBe(status);
      expect(store.inquiry({ till, card: { cardNumber: B, ...(pin ? { pin } : {}) } }).status).toBe(status);
    }
    expect(store.inquiry({ till, card: { cardNumber: B, pin: '1234' } }).status).toBe(200);
    // A top-up needs no PIN, but a wrong one is still refused.
    expect(store.issue(issuance('i1', B, 100)).status).toBe(200);
    expect(store.issue({ ...issuance('i2', B, 100), card: { cardNumber: B, pin: '0000' } }).status).toBe(404);
  });

  it.each([
    ['tenders that do not add up to the total', { totalMinor: 999 }, 'tenders'],
    ['lines that do not add up to the total', { lines: [] }, 'lines'],
    [
      'a GIFT_CARD tender without a card',
      { tenders: [{ kind: 'GIFT_CARD', amountMinor: 100 }] as never },
      'tenders[0].card',
    ],
    ['a card in another currency', { tenders: [gift('9990000000000001', 100)] }, 'EUR'],
  ])('refuses %s with 400 naming it', (_what, change, mentions) => {
    const store = new CardStore(cards);
    const answer = store.closeBasket({ ...basket('c1', [gift(A, 100)]), ...change });
    expect(answer.status).toBe(400);
    expect(errorCode(answer.body)).toBe('BAD_REQUEST');
    expect(JSON.stringify(answer.body)).toContain(mentions);
    expect(store.card(A)?.balanceMinor).toBe(5000);
  });

  it('activates an INACTIVE card, tops up an ACTIVE one and refuses a BLOCKED one', () => {
    const store = new CardStore(cards);
    expect(store.issue(issuance('i1', '6280390000000045', 2500)).status).toBe(200);
    expect(store.card('6280390000000045')).toMatchObject({ status: 'ACTIVE', balanceMinor: 2500 });
    const topUp = store.issue(issuance('i2', A, 500));
    expect(topUp.body).toMatchObject({
      kind: 'ISSUANCE',
      balanceAfter: { amountMinor: 5500, currency: 'GBP' },
    });
    expect((topUp.body as { approvalCode: string }).approvalCode).toMatch(/^[0-9A-Z]{6}$/);
    const blocked = store.issue(issuance('i3', '6280390000000052', 500));
    expect([blocked.status, errorCode(blocked.body)]).toEqual([422, 'CARD_NOT_ACTIVE']);
    expect(store.issue(issuance('i4', '6280399999999999', 500)).status).toBe(404);
    expect(store.issue(issuance('i5', A, 0)).status).toBe(400);
  });

  it('voids a close by crediting every redemption back, once', () => {
    const store = new CardStore(cards);
    store.closeBasket(basket('c1', [gift(A, 1000), gift(A, 500), gift(B, 20, '1234')]));
    const voided = store.voidOperation(voiding('v1', 'c1'));
    expect(voided.status).toBe(200);
    expect((voided.body as { transactions: { kind: string }[] }).transactions.map((t) => t.kind)).toEqual([
      'VOID',
      'VOID',
      'VOID',
    ]);
    expect([store.card(A)?.balanceMinor, store.card(B)?.balanceMinor]).toEqual([5000, 420]);
    const again = store.voidOperation(voiding('v2', 'c1'));
    expect([again.status, errorCode(again.body)]).toEqual([409, 'ALREADY_VOIDED']);
    expect(store.card(A)?.balanceMinor).toBe(5000);
  });

  it('voids an activation back to INACTIVE, and refuses to void money already spent', () => {
    const store = new CardStore(cards);
    const fresh = '6280390000000045';
    store.issue(issuance('i1', fresh, 2000));
    store.closeBasket(basket('c1', [gift(fresh, 1500)]));
    const refused = store.voidOperation(voiding('v1', 'i1'));
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { code: 'INSUFFICIENT_FUNDS', details: { availableMinor: 500 } } },
    });
    store.voidOperation(voiding('v2', 'c1'));
    expect(store.voidOperation(voiding('v3', 'i1')).status).toBe(200);
    expect(store.card(fresh)).toMatchObject({ status: 'INACTIVE', balanceMinor: 0 });
  });

  it('answers TRANSACTION_NOT_FOUND for a requestId never applied', () => {
    const store = new CardStore(cards);
    store.closeBasket(basket('failed', [gift(A, 999_999)]));
    for (const original of ['nothing', 'failed']) {
      const answer = store.voidOperation(voiding(`v-${original}`, original));
      expect([answer.status, errorCode(answer.body)]).toEqual([404, 'TRANSACTION_NOT_FOUND']);
    }
  });

  it('gives every transaction its own id, across kinds', () => {
    const store = new CardStore(cards);
    type Tx = { transactionId: string };
    const ids = [
      (store.issue(issuance('i1', A, 1)).body as Tx).transactionId,
      ...(
        store.closeBasket(basket('c1', [gift(A, 1), gift(A, 1)])).body as { transactions: Tx[] }
      ).transactions.map((t) => t.transactionId),
      ...(store.voidOperation(voiding('v1', 'c1')).body as { transactions: Tx[] }).transactions.map(
        (t) => t.transactionId,
      ),
    ];
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });
});

/**
 * Random sequences of issuances, closes, voids and retries on one card, checked step by step
 * against a model: the balance is seed + issuances − redemptions ± void adjustments, and never negative.
 */
describe('the balance of a card under any sequence of operations', () => {
  type Op =
    | { kind: 'issue'; amountMinor: number }
    | { kind: 'close'; amountsMinor: number[]; cashMinor: number }
    | { kind: 'void'; target: number }
    | { kind: 'retry'; target: number };

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('issue' as const), amountMinor: fc.integer({ min: 1, max: 5000 }) }),
    fc.record({
      kind: fc.constant('close' as const),
      amountsMinor: fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 3 }),
      cashMinor: fc.integer({ min: 0, max: 1000 }),
    }),
    fc.record({ kind: fc.constant('void' as const), target: fc.nat(40) }),
    fc.record({ kind: fc.constant('retry' as const), target: fc.nat(40) }),
  );

  interface ModelOp {
    requestId: string;
    kind: 'issuance' | 'close';
    applied: boolean;
    deltaMinor: number;
    activation: boolean;
    voided: boolean;
  }

  it('matches the model and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'ACTIVE' | 'INACTIVE'>('ACTIVE', 'INACTIVE'),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(opArb, { maxLength: 30 }),
        (seedStatus, seedMinor, ops) => {
          const card: SimCard = {
            cardNumber: A,
            status: seedStatus,
            balanceMinor: seedMinor,
            currency: 'GBP',
          };
          const sim = new Simulation('key', [card]);
          const faults = defaultFaults();
          const send = (path: '/cards/issuance' | '/baskets/close' | '/transactions/void', value: unknown) =>
            sim.process(path, faults, { ok: true, value });

          let balanceMinor = seedMinor;
          let status = seedStatus;
          const history: ModelOp[] = [];
          const sent: {
            path: '/cards/issuance' | '/baskets/close' | '/transactions/void';
            body: unknown;
            answer: unknown;
          }[] = [];

          ops.forEach((op, step) => {
            const requestId = `r${step}`;
            if (op.kind === 'issue') {
              const body = issuance(requestId, A, op.amountMinor);
              const { answer } = send('/cards/issuance', body);
              expect(answer.status).toBe(200);
              history.push({
                requestId,
                kind: 'issuance',
                applied: true,
                deltaMinor: op.amountMinor,
                activation: status === 'INACTIVE',
                voided: false,
              });
              balanceMinor += op.amountMinor;
              status = 'ACTIVE';
              sent.push({ path: '/cards/issuance', body, answer: answer.body });
            } else if (op.kind === 'close') {
              const wantedMinor = op.amountsMinor.reduce((s, a) => s + a, 0);
              const tenders = op.amountsMinor.map((a) => gift(A, a));
              if (op.cashMinor > 0) tenders.push({ kind: 'CASH', amountMinor: op.cashMinor });
              const body = basket(requestId, tenders);
              const { answer } = send('/baskets/close', body);
              const expected = status !== 'ACTIVE' ? 422 : wantedMinor > balanceMinor ? 422 : 200;
              expect(answer.status).toBe(expected);
              if (expected === 200) balanceMinor -= wantedMinor;
              history.push({
                requestId,
                kind: 'close',
                applied: expected === 200,
                deltaMinor: -wantedMinor,
                activation: false,
                voided: false,
              });
              sent.push({ path: '/baskets/close', body, answer: answer.body });
            } else if (op.kind === 'void') {
              const target = history.length ? history[op.target % history.length] : undefined;
              const body = voiding(requestId, target?.requestId ?? 'none');
              const { answer } = send('/transactions/void', body);
              if (!target || !target.applied) expect(answer.status).toBe(404);
              else if (target.voided) expect(answer.status).toBe(409);
              else if (target.deltaMinor > balanceMinor) expect(answer.status).toBe(422);
              else {
                expect(answer.status).toBe(200);
                balanceMinor -= target.deltaMinor;
                target.voided = true;
                if (target.activation) status = 'INACTIVE';
              }
              sent.push({ path: '/transactions/void', body, answer: answer.body });
            } else {
              const earlier = sent.length ? sent[op.target % sent.length] : undefined;
              if (earlier) {
                const processed = send(earlier.path, structuredClone(earlier.body));
                expect(processed.replayed).toBe(true);
                expect(processed.answer.body).toEqual(earlier.answer);
              }
            }
            const actual = sim.store.card(A);
            expect(actual?.balanceMinor).toBe(balanceMinor);
            expect(actual?.status).toBe(status);
            expect(balanceMinor).toBeGreaterThanOrEqual(0);
          });
          // Every applied requestId was applied exactly once, retries notwithstanding.
          for (const { count } of sim.store.applied().values()) expect(count).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
