// The screen's first questions, asked before it is drawn: subscribed before health and the current
// sale are read, the events that came meanwhile handed over first, and a wait for health that ends.
import { describe, expect, it, vi } from 'vitest';
import type { AgentEvent, Health, Result, TillAgentApi } from '../../main/agent/contract';
import { healthWithin, startFirstReads } from '../../renderer/src/first-reads';

const online = { ok: true, value: { language: 'cy-GB' } } as unknown as Result<Health>;
const queueEvent = (id: string): AgentEvent => ({ id, type: 'queue', data: { pending: 1, failed: 0 } });

function fakeAgent(health: () => Promise<Result<Health>>) {
  const order: string[] = [];
  let emit: (event: AgentEvent) => void = () => {};
  const agent = {
    onEvent(listener: (event: AgentEvent) => void) {
      order.push('subscribe');
      emit = listener;
      return () => order.push('unsubscribe');
    },
    health() {
      order.push('health');
      return health();
    },
    currentBasket() {
      order.push('currentBasket');
      return Promise.resolve({ ok: true, value: {} });
    },
  } as unknown as TillAgentApi;
  return { agent, order, emit: (event: AgentEvent) => emit(event) };
}

describe('startFirstReads', () => {
  it('subscribes before it reads, so no change falls between', async () => {
    const { agent, order } = fakeAgent(() => Promise.resolve(online));
    const reads = startFirstReads(agent);
    expect(order).toEqual(['subscribe', 'health', 'currentBasket']);
    expect(await reads.health).toBe(online);
  });

  it('hands over the events that came before the screen took them, in order, then each as it comes', () => {
    const { agent, order, emit } = fakeAgent(() => Promise.resolve(online));
    const reads = startFirstReads(agent);
    emit(queueEvent('e1'));
    emit(queueEvent('e2'));
    const seen: string[] = [];
    const stop = reads.follow((event) => seen.push(event.id));
    emit(queueEvent('e3'));
    expect(seen).toEqual(['e1', 'e2', 'e3']);
    stop();
    expect(order.at(-1)).toBe('unsubscribe');
  });
});

describe('healthWithin', () => {
  it("gives health's answer when it comes in time, and nothing once the wait is over", async () => {
    vi.useFakeTimers();
    try {
      const quick = startFirstReads(fakeAgent(() => Promise.resolve(online)).agent);
      expect(await healthWithin(quick, 1000)).toBe(online);
      const never = startFirstReads(fakeAgent(() => new Promise(() => {})).agent);
      const waited = healthWithin(never, 1000);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await waited).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
