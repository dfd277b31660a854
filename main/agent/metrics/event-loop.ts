// nodejs_eventloop_lag_*, as prom-client's default metrics name them, without their cost on the
// scrape: prom-client reads its event loop delay histogram's mean and standard deviation while
// the scrape waits, and Node computes those by walking every bucket (~240 µs on a till, longer
// than all the other metrics together). Here each scrape reports the figures of the interval
// between the two scrapes before it, read (and the histogram reset) just after a scrape has been
// answered. nodejs_eventloop_lag_seconds is measured as prom-client does (one setImmediate).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

const LAG = 'nodejs_eventloop_lag_seconds';
const FIGURES = {
  min: ['nodejs_eventloop_lag_min_seconds', 'The minimum recorded event loop delay.'],
  max: ['nodejs_eventloop_lag_max_seconds', 'The maximum recorded event loop delay.'],
  mean: ['nodejs_eventloop_lag_mean_seconds', 'The mean of the recorded event loop delays.'],
  stddev: [
    'nodejs_eventloop_lag_stddev_seconds',
    'The standard deviation of the recorded event loop delays.',
  ],
  p50: ['nodejs_eventloop_lag_p50_seconds', 'The 50th percentile of the recorded event loop delays.'],
  p90: ['nodejs_eventloop_lag_p90_seconds', 'The 90th percentile of the recorded event loop delays.'],
  p99: ['nodejs_eventloop_lag_p99_seconds', 'The 99th percentile of the recorded event loop delays.'],
} as const;
type Figure = keyof typeof FIGURES;

/** The figures of a histogram, in seconds (0 before it has a sample, as prom-client reports). */
export function lagFigures(h: IntervalHistogram): Record<Figure, number> {
  const s = (ns: number) => (Number.isFinite(ns) && h.count > 0 ? ns / 1e9 : 0);
  return {
    min: s(h.min),
    max: s(h.max),
    mean: s(h.mean),
    stddev: s(h.stddev),
    p50: s(h.percentile(50)),
    p90: s(h.percentile(90)),
    p99: s(h.percentile(99)),
  };
}

/**
 * Replaces prom-client's event loop lag gauges in `registry` (made by collectDefaultMetrics, whose
 * own sampler the caller slows to a crawl) with these. Sampled every `resolutionMs`.
 */
export function eventLoopLag(registry: Registry, resolutionMs: number): void {
  for (const name of [LAG, ...Object.values(FIGURES).map(([n]) => n)]) registry.removeSingleMetric(name);
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let last = lagFigures(histogram);
  let readPending = false;
  const gauges = {} as Record<Figure, Gauge>;
  // First, as prom-client has it: its collect sets the others before they are written out.
  new Gauge({
    name: LAG,
    help: 'Lag of event loop in seconds.',
    registers: [registry],
    aggregator: 'average',
    collect() {
      const start = process.hrtime.bigint();
      setImmediate(() => this.set(Number(process.hrtime.bigint() - start) / 1e9));
      for (const figure of Object.keys(gauges) as Figure[]) gauges[figure].set(last[figure]);
      // After this scrape is answered: the interval's figures for the next one, and a new interval.
      if (readPending) return;
      readPending = true;
      setImmediate(() => {
        readPending = false;
        last = lagFigures(histogram);
        histogram.reset();
      });
    },
  });
  for (const [figure, [name, help]] of Object.entries(FIGURES) as Array<[Figure, readonly [string, string]]>)
    gauges[figure] = new Gauge({
      name,
      help,
      registers: [registry],
      aggregator: figure === 'min' ? 'min' : figure === 'max' ? 'max' : 'average',
    });
}
