// Idempotency by requestId: canonical comparison of bodies, what is kept and what is replayed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, IdempotencyStore } from '../../main/centegra-sim/idempotency';
import { errorAnswer } from '../../main/centegra-sim/answers';

describe('canonicalJson', () => {
  it('ignores key order at every depth but not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });

  it('is the same for any object and its keys reversed', () => {
    const reverse = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(reverse);
      if (v !== null && typeof v === 'object') {
        return Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reverse(x)]),
        );
      }
      return v;
    };
    fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(reverse(value)) === canonicalJson(value)));
  });
});

describe('IdempotencyStore', () => {
  const body = { requestId: 'r1', amount: { amountMinor: 100, currency: 'GBP' } };
  const ok = { status: 200, body: { transactionId: 'F4-000001' } };

  it('replays the first kept answer for the same endpoint and body, whatever the key order', () => {
    const store = new IdempotencyStore();
    expect(store.lookup('r1', '/cards/issuance', body)).toEqual({ kind: 'new' });
    store.remember('r1', '/cards/issuance', body, ok);
    const again = { amount: { currency: 'GBP', amountMinor: 100 }, requestId: 'r1' };
    expect(store.lookup('r1', '/cards/issuance', again)).toEqual({ kind: 'replay', answer: ok });
  });

  it('is a conflict with another body or another endpoint', () => {
    const store = new IdempotencyStore();
    store.remember('r1', '/cards/issuance', body, ok);
    expect(
      store.lookup('r1', '/cards/issuance', { ...body, amount: { amountMinor: 101, currency: 'GBP' } }).kind,
    ).toBe('conflict');
    expect(store.lookup('r1', '/baskets/close', body)).toEqual({
      kind: 'conflict',
      endpoint: '/cards/issuance',
    });
  });

  it('keeps business outcomes and forgets refusals a retry could get past', () => {
    const store = new IdempotencyStore();
    store.remember('a', '/x', {}, errorAnswer(422, 'INSUFFICIENT_FUNDS', 'no'));
    store.remember('b', '/x', {}, errorAnswer(404, 'CARD_NOT_FOUND', 'no'));
    store.remember('c', '/x', {}, errorAnswer(409, 'ALREADY_VOIDED', 'no'));
    for (const [id, status, code] of [
      ['d', 400, 'BAD_REQUEST'],
      ['e', 401, 'KEY_INVALID'],
      ['f', 403, 'KEY_DISABLED'],
      ['g', 409, 'IDEMPOTENCY_CONFLICT'],
      ['h', 429, 'RATE_LIMITED'],
      ['i', 500, 'INTERNAL'],
      ['j', 503, 'FACTOR4_UNAVAILABLE'],
      ['k', 504, 'FACTOR4_TIMEOUT'],
    ] as const) {
      store.remember(id, '/x', {}, errorAnswer(status, code, 'no'));
    }
    expect(store.size).toBe(3);
    expect(store.lookup('a', '/x', {}).kind).toBe('replay');
    expect(store.lookup('d', '/x', {}).kind).toBe('new');
  });

  it('keeps the first answer and hands out copies', () => {
    const store = new IdempotencyStore();
    store.remember('r1', '/x', {}, ok);
    store.remember('r1', '/x', {}, { status: 200, body: { transactionId: 'other' } });
    const first = store.lookup('r1', '/x', {});
    if (first.kind !== 'replay') throw new Error('expected a replay');
    (first.answer.body as { transactionId: string }).transactionId = 'changed';
    expect(store.lookup('r1', '/x', {})).toEqual({ kind: 'replay', answer: ok });
  });
});
