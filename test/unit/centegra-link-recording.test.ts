// The link is told of every answer Centegra gives to the services (inquiries, top-ups, closes,
// voids, holds and their release, refunds), through one wrapper; the /status probe is the link monitor's own and is not recorded.
import { describe, expect, it } from 'vitest';
import { networkFailure, recordingLink, type Centegra } from '../../main/agent/centegra';

const down = networkFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), false);
const card = { cardNumber: '6280001234567890', entryType: 'KEYED' as const };

function fake(ok: boolean): Centegra {
  const answer = async () =>
    ok ? { ok: true as const, value: [] as never } : { ok: false as const, error: down };
  return {
    status: async () => ({ ok: true, value: { factor4: 'UP', serverTime: '', capabilities: [] } }),
    inquire: answer,
    issue: answer,
    closeBasket: answer,
    voidTransaction: answer,
    hold: answer,
    releaseHold: answer,
    refund: answer,
    close: async () => {},
  };
}

describe('recordingLink', () => {
  it('records the outcome of every call that moves or reads money', async () => {
    for (const ok of [true, false]) {
      const seen: unknown[] = [];
      const client = recordingLink(fake(ok), { record: (o) => void seen.push(o) });
      await client.inquire(card);
      await client.issue('r1', card, 100, 'GBP');
      await client.closeBasket({} as never);
      await client.voidTransaction('r2', 'r1');
      await client.hold({
        requestId: 'h1',
        basketId: 'b1',
        card,
        amountMinor: 100,
        currency: 'GBP',
        ttlSeconds: 600,
      });
      await client.releaseHold('h2', 'HOLD-1');
      await client.refund({ requestId: 'f1', refundId: 'R1', card, amountMinor: 100, currency: 'GBP' });
      expect(seen).toHaveLength(7);
      expect(seen).toEqual(Array(7).fill(ok ? { ok: true } : { ok: false, error: down }));
    }
  });

  it('leaves the status probe to the link monitor', async () => {
    const seen: unknown[] = [];
    await recordingLink(fake(true), { record: (o) => void seen.push(o) }).status();
    expect(seen).toEqual([]);
  });
});
