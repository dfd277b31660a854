// The event loop lag gauges keep prom-client's names and meaning (nodejs_eventloop_lag_*), but the
// scrape no longer waits while Node walks the delay histogram for its mean and standard deviation:
// a scrape reports the interval before the previous one, read just after that one was answered.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { eventLoopLag } from '../../main/agent/metrics/event-loop';

const NAMES = ['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'].map(
  (f) => `nodejs_eventloop_lag_${f}_seconds`,
);
const value = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const turn = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event loop lag metrics', () => {
  it('have the names prom-client gives them, and report the delays of the loop between earlier scrapes', async () => {
    const registry = new Registry();
    eventLoopLag(registry, 10);
    const first = await registry.metrics();
    for (const name of [...NAMES, 'nodejs_eventloop_lag_seconds'])
      expect(first, name).toMatch(new RegExp(`^# TYPE ${name} gauge$`, 'm'));
    // Nothing measured yet: zeros, as prom-client reports before its first sample.
    expect(value(first, 'nodejs_eventloop_lag_max_seconds')).toBe(0);

    // The loop held up 300 ms, sampled every 10 ms; the figures are read after the next scrape.
    await turn(30);
    busy(300);
    await turn(30);
    await registry.metrics();
    await turn();
    const after = await registry.metrics();
    const max = value(after, 'nodejs_eventloop_lag_max_seconds');
    expect(max).toBeGreaterThan(0.25);
    expect(max).toBeLessThan(5);
    expect(value(after, 'nodejs_eventloop_lag_min_seconds')).toBeLessThanOrEqual(max);
    expect(value(after, 'nodejs_eventloop_lag_mean_seconds')).toBeGreaterThan(0);
    expect(value(after, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0.25);
    expect(value(after, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    // A new interval began at that read: a quiet loop reports no such delay in it.
    await turn(50);
    await registry.metrics();
    await turn();
    const quiet = await registry.metrics();
    expect(value(quiet, 'nodejs_eventloop_lag_max_seconds')).toBeLessThan(0.25);
  });
});
