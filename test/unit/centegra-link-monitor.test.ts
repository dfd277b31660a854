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
