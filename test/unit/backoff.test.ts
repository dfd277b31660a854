import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryDelay, retryWhile } from '../../main/agent/backoff';

const policy = { baseMs: 1000, capMs: 300_000, floorMs: 250 };

describe('backoff', () => {
  it('full jitter: uniform between 0 and min(cap, base * 2^attempt)', () => {
    expect(backoffDelay(0, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(4000);
    expect(backoffDelay(30, policy, () => 0.999)).toBe(299_700);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  it('never exceeds the cap, never negative, for any attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 10_000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const d = backoffDelay(attempt, policy, () => r);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(policy.capMs);
        },
      ),
    );
  });

  it('the queue waits at least the floor, and never less than Retry-After', () => {
    expect(retryDelay(1, undefined, policy, () => 0)).toBe(250);
    expect(retryDelay(1, 7000, policy, () => 0.5)).toBe(7000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined }),
        (attempts, retryAfter) => {
          const d = retryDelay(attempts, retryAfter, policy);
          expect(d).toBeGreaterThanOrEqual(Math.max(policy.floorMs, retryAfter ?? 0));
          expect(d).toBeLessThanOrEqual(Math.max(policy.floorMs + policy.capMs, retryAfter ?? 0));
        },
      ),
    );
  });

  it('spreads a fleet: 1,000 tills retrying the same attempt do not all come back at once', () => {
    const delays = Array.from({ length: 1000 }, () => retryDelay(5, undefined, policy));
    const buckets = new Set(delays.map((d) => Math.floor(d / 1000)));
    expect(buckets.size).toBeGreaterThan(10);
  });
});

describe('retryWhile', () => {
  const quick = { tries: 3, policy: { floorMs: 1, baseMs: 1, capMs: 2 } };

  it('sends again while the answer is unclear, at most `tries` times in all', async () => {
    const answers = ['unclear', 'unclear', 'unclear', 'clear'];
    let sent = 0;
    const result = await retryWhile(
      async () => answers[sent++]!,
      (a) => a === 'unclear',
      quick,
    );
    expect(result).toBe('unclear');
    expect(sent).toBe(3);
  });

  it('stops at the first clear answer', async () => {
    const answers = ['unclear', 'clear', 'unclear'];
    let sent = 0;
    const result = await retryWhile(
      async () => answers[sent++]!,
      (a) => a === 'unclear',
      quick,
    );
    expect(result).toBe('clear');
    expect(sent).toBe(2);
  });
});
