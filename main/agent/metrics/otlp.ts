// metrics.otlp: the same metrics a scrape reads, pushed every intervalS to an OpenTelemetry
// collector with the official OTLP/HTTP exporter (JSON), for estates whose tills cannot be
// scraped. The OpenTelemetry packages are imported here, dynamically, and this module itself only
// when metrics.otlp is set: a till without it never loads them (and the bundles keep them out).
//
// The bridge: a MetricProducer (the SDK's interface for "another source of metric data", as its
// OpenCensus bridge and Go's Prometheus bridge are) that reads the prom-client registry with
// getMetricsAsJSON() at each collection and gives its counters, gauges and histograms as OTel
// sums, gauges and histograms, names and labels unchanged. One registry is the truth for both
// paths, so a pushed figure is a scraped figure; re-recording every metric through OTel
// instruments as well would be a second set to keep in step.
import type { ValueType } from '@opentelemetry/api';
import type {
  CollectionResult,
  MetricData,
  MetricProducer,
  PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import type * as SdkMetrics from '@opentelemetry/sdk-metrics';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger';

export interface OtlpConfig {
  /** The collector's OTLP/HTTP metrics address, e.g. https://collector.example/v1/metrics. */
  endpoint: string;
  headers: Record<string, string>;
  intervalS: number;
}

export interface OtlpPushOptions {
  registry: Registry;
  otlp: OtlpConfig;
  /** Who is pushing: the resource's service.* and till attributes. */
  version: string;
  till: { siteId: string; tillId: string };
  /** When the agent's counters started (process_* and nodejs_* count from the process's start). */
  agentStartedAt: Date;
  log: Logger;
}

export interface OtlpPush {
  /** Pushes what there is now, then stops. */
  close(): Promise<void>;
}

type HrTime = [number, number];
const hrTime = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/** prom-client's JSON of one metric (its typings call `type` an enum; at run time it is a string). */
interface PromMetric {
  name: string;
  help: string;
  type: unknown;
  values: Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
}

type Sdk = typeof SdkMetrics;

/** The registry's metrics as OTel metric data (summaries, which none of ours is, are left out). */
export function otelMetrics(
  metrics: readonly PromMetric[],
  sdk: Pick<Sdk, 'AggregationTemporality' | 'DataPointType'>,
  times: { now: number; agentStartedAt: number; processStartedAt: number },
): MetricData[] {
  const { AggregationTemporality, DataPointType } = sdk;
  const endTime = hrTime(times.now);
  const out: MetricData[] = [];
  for (const m of metrics) {
    const startTime = hrTime(
      m.name.startsWith('till_agent_') ? times.agentStartedAt : times.processStartedAt,
    );
    const descriptor = { name: m.name, description: m.help, unit: '', valueType: 1 as ValueType.DOUBLE };
    const base = { descriptor, aggregationTemporality: AggregationTemporality.CUMULATIVE };
    const point = (v: PromMetric['values'][number]) => ({
      startTime,
      endTime,
      attributes: v.labels,
      value: v.value,
    });
    switch (String(m.type)) {
      case 'counter':
        out.push({
          ...base,
          dataPointType: DataPointType.SUM,
          isMonotonic: true,
          dataPoints: m.values.map(point),
        });
        break;
      case 'gauge':
        out.push({
          ...base,
          dataPointType: DataPointType.GAUGE,
          dataPoints: m.values.map((v) => ({ ...point(v), startTime: endTime })),
        });
        break;
      case 'histogram':
        out.push({
          ...base,
          dataPointType: DataPointType.HISTOGRAM,
          dataPoints: histogramPoints(m, startTime, endTime),
        });
        break;
    }
  }
  return out;
}

/** prom-client gives a histogram as cumulative _bucket{le} series, _sum and _count, per label set. */
function histogramPoints(m: PromMetric, startTime: HrTime, endTime: HrTime) {
  const series = new Map<
    string,
    { attributes: Record<string, string | number>; le: Array<[number, number]>; sum: number; count: number }
  >();
  for (const v of m.values) {
    const { le, ...attributes } = v.labels;
    const key = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)));
    let s = series.get(key);
    if (!s) series.set(key, (s = { attributes, le: [], sum: 0, count: 0 }));
    if (v.metricName === `${m.name}_sum`) s.sum = v.value;
    else if (v.metricName === `${m.name}_count`) s.count = v.value;
    else if (le !== undefined && le !== '+Inf') s.le.push([Number(le), v.value]);
  }
  return [...series.values()].map((s) => {
    const bounds = s.le.sort(([a], [b]) => a - b);
    // OTLP counts each bucket on its own; Prometheus counts everything up to its bound.
    const counts = bounds.map(([, cumulative], i) => cumulative - (i > 0 ? bounds[i - 1]![1] : 0));
    counts.push(s.count - (bounds.at(-1)?.[1] ?? 0));
    return {
      startTime,
      endTime,
      attributes: s.attributes,
      value: { buckets: { boundaries: bounds.map(([b]) => b), counts }, sum: s.sum, count: s.count },
    };
  });
}

export async function startOtlpPush(options: OtlpPushOptions): Promise<OtlpPush> {
  const { registry, otlp, log } = options;
  const [sdk, { OTLPMetricExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/exporter-metrics-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const intervalMs = otlp.intervalS * 1000;
  const timeoutMs = Math.min(10_000, intervalMs);
  const exporter = new OTLPMetricExporter({
    url: otlp.endpoint,
    headers: otlp.headers,
    timeoutMillis: timeoutMs,
  });
  // The SDK reports a failed push only to its diagnostics logger, silent unless set globally:
  // the agent's log says when pushing starts failing and when it works again, once each.
  let failing = false;
  const reporting: PushMetricExporter = {
    export: (metrics, done) =>
      exporter.export(metrics, (result) => {
        const failed = result.code !== 0;
        if (failed && !failing)
          log.warn(
            { endpoint: otlp.endpoint, err: result.error?.message },
            'could not push metrics to the OpenTelemetry collector (metrics.otlp); will try again',
          );
        else if (!failed && failing)
          log.info({ endpoint: otlp.endpoint }, 'metrics pushed again (metrics.otlp)');
        failing = failed;
        done(result);
      }),
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
    selectAggregationTemporality: (type) => exporter.selectAggregationTemporality(type),
  };
  const processStartedAt = Date.now() - process.uptime() * 1000;
  const producer: MetricProducer = {
    collect: async (): Promise<CollectionResult> => ({
      resourceMetrics: {
        // Ignored: the reader gives the MeterProvider's resource.
        resource: resourceFromAttributes({}),
        scopeMetrics: [
          {
            scope: { name: 'till-agent', version: options.version },
            metrics: otelMetrics((await registry.getMetricsAsJSON()) as PromMetric[], sdk, {
              now: Date.now(),
              agentStartedAt: options.agentStartedAt.getTime(),
              processStartedAt,
            }),
          },
        ],
      },
      errors: [],
    }),
  };
  const reader = new sdk.PeriodicExportingMetricReader({
    exporter: reporting,
    exportIntervalMillis: intervalMs,
    exportTimeoutMillis: timeoutMs,
    metricProducers: [producer],
  });
  const provider = new sdk.MeterProvider({
    resource: resourceFromAttributes({
      'service.name': 'till-agent',
      'service.version': options.version,
      'service.instance.id': `${options.till.siteId}/${options.till.tillId}`,
      'till_agent.site_id': options.till.siteId,
      'till_agent.till_id': options.till.tillId,
    }),
    readers: [reader],
  });
  log.info(
    { endpoint: otlp.endpoint, intervalS: otlp.intervalS },
    'pushing metrics by OTLP/HTTP (metrics.otlp)',
  );
  return { close: () => provider.shutdown() };
}
