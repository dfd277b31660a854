// The offline tender policy, as properties: whatever the till knows, a card taken while Centegra
// cannot be asked never pays more than its last known balance less what is queued against it,
// nor more than the per-card and till limits allow; "block" takes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offlineAllowance, type OfflineKnowledge, type OfflinePolicy } from '../../main/agent/sale';
import { amountToTake } from '../../main/agent/tender';

const minor = fc.integer({ min: 0, max: 100_000_000 });
const policy = fc.record({
  giftCardTender: fc.constantFrom<'allow' | 'block'>('allow', 'block'),
  maxPerCardMinor: minor,
  maxTotalMinor: minor,
});
const knowledge = fc.record(
  {
    known: fc.record({
      status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'BLOCKED', 'EXPIRED', 'INACTIVE'),
      balanceMinor: minor,
      currency: fc.constantFrom('GBP', 'GBP', 'GBP', 'EUR'),
      checkedAt: fc.constant('2026-12-06T09:00:00.000Z'),
    }),
    queuedAgainstMinor: minor,
    offlineExposureMinor: minor,
  },
  { requiredKeys: ['queuedAgainstMinor', 'offlineExposureMinor'] },
);
const sale = { currency: 'GBP', cardEnding: '0011' };

describe('offlineAllowance', () => {
  it('under "block" refuses every card, saying Centegra cannot be reached', () => {
    fc.assert(
      fc.property(policy, knowledge, (p, k) => {
        const r = offlineAllowance({ ...p, giftCardTender: 'block' }, k, sale);
        expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
        if (!r.ok) expect(r.error.message).toContain("can't be reached");
      }),
    );
  });

  it('allows exactly when the till knows an active card in this currency with something left, within both limits', () => {
    fc.assert(
      fc.property(policy, knowledge, (p: OfflinePolicy, k: OfflineKnowledge) => {
        const r = offlineAllowance(p, k, sale);
        const expectOk =
          p.giftCardTender === 'allow' &&
          k.known !== undefined &&
          k.known.status === 'ACTIVE' &&
          k.known.currency === 'GBP' &&
          k.known.balanceMinor - k.queuedAgainstMinor > 0 &&
          p.maxTotalMinor - k.offlineExposureMinor > 0 &&
          p.maxPerCardMinor > 0;
        expect(r.ok).toBe(expectOk);
        if (!r.ok) {
          expect(r.error.message).toMatch(/Take another way to pay|this sale is in|queued sales/);
          return;
        }
        expect(r.value.minor).toBe(k.known!.balanceMinor - k.queuedAgainstMinor);
        expect(r.value.capMinor).toBe(Math.min(p.maxPerCardMinor, p.maxTotalMinor - k.offlineExposureMinor));
        expect(r.value.checkedAt).toBe(k.known!.checkedAt);
      }),
    );
  });

  it('what a tender then takes stays within the balance left, each limit and what is due, in whole pence', () => {
    fc.assert(
      fc.property(
        policy,
        knowledge,
        minor,
        fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: undefined }),
        (p, k, due, maxAmount) => {
          const r = offlineAllowance({ ...p, giftCardTender: 'allow' }, k, sale);
          if (!r.ok) return;
          const take = amountToTake(r.value.minor, due, Math.min(maxAmount ?? Infinity, r.value.capMinor));
          expect(Number.isSafeInteger(take)).toBe(true);
          expect(take).toBeGreaterThanOrEqual(0);
          expect(take).toBeLessThanOrEqual(k.known!.balanceMinor - k.queuedAgainstMinor);
          expect(take).toBeLessThanOrEqual(p.maxPerCardMinor);
          expect(k.offlineExposureMinor + take).toBeLessThanOrEqual(p.maxTotalMinor);
          expect(take).toBeLessThanOrEqual(due);
          if (maxAmount !== undefined) expect(take).toBeLessThanOrEqual(maxAmount);
        },
      ),
    );
  });

  it('names the card and the amounts in its refusals', () => {
    const known = {
      status: 'ACTIVE',
      balanceMinor: 1500,
      currency: 'GBP',
      checkedAt: '2026-12-06T09:00:00Z',
    };
    const allow: OfflinePolicy = { giftCardTender: 'allow', maxPerCardMinor: 5000, maxTotalMinor: 20000 };
    const spent = offlineAllowance(allow, { known, queuedAgainstMinor: 1500, offlineExposureMinor: 0 }, sale);
    expect(spent.ok || spent.error).toMatchObject({
      code: 'ZERO_BALANCE',
      message: expect.stringMatching(/ending 0011 .*£15\.00/),
    });
    const full = offlineAllowance(allow, { known, queuedAgainstMinor: 0, offlineExposureMinor: 20000 }, sale);
    expect(full.ok || full.error).toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining('£200.00, offline.maxTotalMinor'),
    });
    const never = offlineAllowance(allow, { queuedAgainstMinor: 0, offlineExposureMinor: 0 }, sale);
    expect(never.ok || never.error).toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining('never seen the card ending 0011'),
    });
  });

  it("refused because Centegra could not be asked, carries the reason's own code and words", () => {
    const keyOff = {
      code: 'CENTEGRA_KEY_DISABLED' as const,
      message: 'The Factor4 Gift Card key is switched off.',
    };
    fc.assert(
      fc.property(policy, knowledge, (p, k) => {
        const r = offlineAllowance(p, k, sale, keyOff);
        // Never the generic "can't be reached": either the card's own refusal, or the key's.
        if (!r.ok) expect(r.error.code).not.toBe('OFFLINE');
        if (!r.ok && r.error.code === 'CENTEGRA_KEY_DISABLED')
          expect(r.error.message).toMatch(/^The Factor4 Gift Card key is switched off\./);
      }),
    );
    const never = offlineAllowance(
      { ...policyBlock },
      { queuedAgainstMinor: 0, offlineExposureMinor: 0 },
      sale,
      {
        code: 'OFFLINE',
        message: 'ignored',
      },
    );
    expect(never.ok || never.error).toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining("can't be reached"),
    });
  });
});

const policyBlock: OfflinePolicy = { giftCardTender: 'block', maxPerCardMinor: 0, maxTotalMinor: 0 };
