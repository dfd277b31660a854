// The link's /status probe keeps its own schedule while calls keep answering: it is also how the
// till learns what Centegra offers, so a busy till must not put it off for ever.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkMonitor, type Centegra } from '../../main/agent/centegra';

afterEach(() => vi.useRealTimers());

describe('LinkMonitor', () => {
  it('probes /status every onlineProbeMs however many calls answer in between', async () => {
    vi.useFakeTimers();
    let probes = 0;
    const centegra = {
      status: async () => {
        probes++;
        return { ok: true as const, value: { factor4: 'UP' as const, serverTime: '', capabilities: [] } };
      },
    } as unknown as Centegra;
    const link = new LinkMonitor({ centegra, onChange: () => {}, onlineProbeMs: 1000 });
    await link.start();
    expect(probes).toBe(1);
    // An answer every 100 ms for ten seconds, as a busy till sends card inquiries.
    for (let t = 0; t < 10_000; t += 100) {
      link.record({ ok: true });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(probes).toBeGreaterThanOrEqual(10);
    link.stop();
  });
});

describe('LinkMonitor follows the calls', () => {
  const up = { ok: true as const, value: { factor4: 'UP' as const, serverTime: '', capabilities: [] } };
  const failure = (code: string, link: string, extra: object = {}) =>
    ({ code, link, message: `${code} words`, cause: code, outcomeUnknown: false, ...extra }) as never;

  function monitor() {
    let probes = 0;
    const changes: Array<{ state: string; busyUntil?: string }> = [];
    const centegra = {
      status: async () => {
        probes++;
        return up;
      },
    } as unknown as Centegra;
    const link = new LinkMonitor({
      centegra,
      onChange: (l) => changes.push(l),
      onlineProbeMs: 60_000,
      suspectProbeMs: 3000,
    });
    return { link, changes, probes: () => probes };
  }

  it('a failed call marks the link down at once and says why an operation is refused', async () => {
    vi.useFakeTimers();
    const { link, changes } = monitor();
    await link.start();
    link.record({ ok: false, error: failure('CENTEGRA_KEY_DISABLED', 'KEY_DISABLED') });
    expect(changes.at(-1)?.state).toBe('KEY_DISABLED');
    expect(link.refusal()).toEqual({ code: 'CENTEGRA_KEY_DISABLED', message: 'CENTEGRA_KEY_DISABLED words' });
    link.stop();
  });

  it('a rate limit is told as busy until Retry-After, then over at the next probe', async () => {
    vi.useFakeTimers();
    const { link, changes } = monitor();
    await link.start();
    link.record({ ok: false, error: failure('RATE_LIMITED', 'ONLINE', { retryAfterMs: 10_000 }) });
    expect(changes.at(-1)).toMatchObject({ state: 'ONLINE', busyUntil: expect.any(String) });
    expect(link.refusal().code).toBe('RATE_LIMITED');
    await vi.advanceTimersByTimeAsync(10_500);
    expect(changes.at(-1)?.busyUntil).toBeUndefined();
    link.stop();
  });

  it('probes every few seconds while /status says ONLINE but calls fail, then once a minute again', async () => {
    vi.useFakeTimers();
    const { link, probes } = monitor();
    await link.start();
    link.record({ ok: false, error: failure('CENTEGRA_ERROR', 'ONLINE') });
    const before = probes();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probes() - before).toBeGreaterThanOrEqual(3);
    link.record({ ok: true });
    const calm = probes();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(probes()).toBe(calm);
    link.stop();
  });
});
