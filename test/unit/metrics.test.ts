// Fleet metrics without the agent: the queue's counts kept by triggers on a real SQLite file (and
// read without a scan), the contract's names and labels as prom-client exposes them, what feeds
// each counter, and the bridge that gives the same registry to OpenTelemetry.
import path from 'node:path';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, ScannerState } from '../../main/agent';
import { ConfigSchema, validateConfig } from '../../main/agent/config';
import { migrations, openDatabase } from '../../main/agent/db';
import { silentLogger } from '../../main/agent/logger';
import { AgentMetrics, type MetricsSources } from '../../main/agent/metrics';
import { otelMetrics } from '../../main/agent/metrics/otlp';
import { OutboxStore, type QueueGauges } from '../../main/agent/queue';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function database(list = migrations) {
  const t = tempDir();
  const file = path.join(t.dir, 'q.db');
  const db = openDatabase(file, { migrations: list });
  cleanups.push(() => (db.close(), t.remove()));
  return { db, file };
}

const item = (basketId: string, createdAt = '2026-01-01T00:00:00.000Z') => ({
  kind: 'CLOSE' as const,
  basketId,
  requestId: `req-${basketId}`,
  body: Buffer.from('{}'),
  createdAt,
  giftCardTotalMinor: 100,
  currency: 'GBP',
  cardsMasked: ['••••1234'],
  cardKeys: [basketId],
});

/** The same figures counted the slow way, to hold the kept ones against. */
function counted(db: ReturnType<typeof openDatabase>): Omit<QueueGauges, 'oldestWaitingAt'> {
  const n = (where: string) =>
    (db.prepare(`SELECT count(*) AS n FROM outbox WHERE ${where}`).get() as { n: number }).n;
  return {
    pending: n(`state = 'PENDING'`),
    inFlight: n(`state = 'IN_FLIGHT'`),
    failed: n(`state = 'FAILED' AND resolution IS NULL`),
  };
}

describe('the queue counts metrics read (migration 6)', () => {
  it('stay equal to a count of the outbox through every change the queue makes', () => {
    const { db } = database();
    const outbox = new OutboxStore(db);
    const check = () => expect(outbox.gauges()).toMatchObject(counted(db));
    const ids = Array.from({ length: 8 }, (_, i) => outbox.insert(item(`b${i}`)));
    check();
    expect(outbox.gauges()).toMatchObject({ pending: 8, inFlight: 0, failed: 0 });
    const claimed = outbox.claim(Date.now(), 5).map((i) => i.itemId);
    check();
    expect(outbox.gauges()).toMatchObject({ pending: 3, inFlight: 5 });
    outbox.settle([
      { itemId: claimed[0]!, state: 'DELIVERED', transactions: [], at: '2026-01-01T00:00:01.000Z' },
      { itemId: claimed[1]!, state: 'FAILED', code: 'CARD_NOT_FOUND', message: 'x', defect: false },
      { itemId: claimed[2]!, state: 'FAILED', code: 'CARD_NOT_FOUND', message: 'x', defect: false },
      {
        itemId: claimed[3]!,
        state: 'PENDING',
        code: 'OFFLINE',
        message: 'x',
        unknown: false,
        nextAttemptMs: 0,
      },
    ]);
    check();
    expect(outbox.gauges()).toMatchObject({ pending: 4, inFlight: 1, failed: 2 });
    outbox.resolve(claimed[1]!, 'COLLECTED', '2026-01-01T00:00:02.000Z');
    check();
    expect(outbox.gauges().failed).toBe(1);
    expect(outbox.retryNow(claimed[2]!)).toBe(true);
    check();
    expect(outbox.resetInFlight()).toBe(1);
    check();
    expect(outbox.gauges()).toMatchObject({ pending: 6, inFlight: 0, failed: 0 });
    expect(outbox.prune('2027-01-01T00:00:00.000Z')).toBe(1);
    db.prepare('DELETE FROM outbox WHERE seq = ?').run(Number(ids[7]!.slice(4)));
    check();
    expect(outbox.gauges()).toMatchObject({ pending: 5 });
  });

  it('are worked out once for a queue that was there before the upgrade', () => {
    const { db, file } = database(migrations.filter((m) => m.version <= 5));
    const insert = db.prepare(
      `INSERT INTO outbox (kind, basket_id, request_id, state, created_at, gift_card_total_minor, currency, cards_masked, resolution)
       VALUES ('CLOSE', ?, ?, ?, '2026-01-01T00:00:00.000Z', 100, 'GBP', '[]', ?)`,
    );
    const states = ['PENDING', 'PENDING', 'IN_FLIGHT', 'IN_FLIGHT', 'FAILED', 'FAILED', 'DELIVERED'];
    states.forEach((state, i) => insert.run(`b${i}`, `r${i}`, state, i === 5 ? 'WRITTEN_OFF' : null));
    db.close();
    const upgraded = openDatabase(file);
    cleanups.unshift(() => upgraded.close());
    expect(new OutboxStore(upgraded).gauges()).toMatchObject({ pending: 2, inFlight: 2, failed: 1 });
  });

  it('are read without a scan of the outbox, and give when the oldest waiting item was accepted', () => {
    const { db } = database();
    const outbox = new OutboxStore(db);
    for (let i = 0; i < 3; i++) outbox.insert(item(`b${i}`, `2026-01-01T00:00:0${i}.000Z`));
    outbox.claim(Date.now(), 1);
    expect(outbox.gauges().oldestWaitingAt).toBe('2026-01-01T00:00:00.000Z');
    const plans = [
      'SELECT bucket, items FROM outbox_counts',
      `SELECT created_at FROM outbox WHERE seq = (SELECT min(seq) FROM (
         SELECT min(seq) AS seq FROM outbox WHERE state = 'PENDING'
         UNION ALL SELECT min(seq) FROM outbox WHERE state = 'IN_FLIGHT'))`,
    ].flatMap((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail),
    );
    expect(plans.filter((p) => /^SCAN outbox\b/.test(p))).toEqual([]);
    expect(plans).toContain('SEARCH outbox USING COVERING INDEX outbox_by_state (state=?)');
    db.exec(`UPDATE outbox SET state = 'DELIVERED'`);
    expect(outbox.gauges()).toEqual({ pending: 0, inFlight: 0, failed: 0 });
  });
});

function sources(overrides: Partial<MetricsSources> = {}): MetricsSources {
  return {
    version: '1.2.3',
    till: { siteId: 'S001', tillId: 'T03' },
    online: () => true,
    queue: () => ({ pending: 4, inFlight: 1, failed: 2, oldestWaitingAt: '2026-01-01T00:00:00.000Z' }),
    scanners: () =>
      [
        { deviceId: 'hid:1', kind: 'hid', connected: true },
        { deviceId: 'serial:/dev/ttyACM0', kind: 'serial', connected: false },
        { deviceId: 'keyboard', kind: 'keyboard', connected: true },
      ] satisfies ScannerState[],
    storageOk: () => true,
    now: () => new Date('2026-01-01T00:01:30.000Z'),
    log: silentLogger,
    ...overrides,
  };
}

/** `name{labels} value` lines of an exposition, without HELP and TYPE. */
const samples = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe("the agent's metrics", () => {
  it("carry the contract's names and labels, read from the agent when scraped", async () => {
    let online = true;
    const metrics = new AgentMetrics(sources({ online: () => online }));
    const text = await metrics.exposition();
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(samples(text).filter((l) => l.startsWith('till_agent_'))).toEqual([
      'till_agent_info{version="1.2.3",site_id="S001",till_id="T03"} 1',
      'till_agent_centegra_online 1',
      'till_agent_queue_items{state="pending"} 4',
      'till_agent_queue_items{state="in_flight"} 1',
      'till_agent_queue_items{state="failed"} 2',
      'till_agent_queue_oldest_pending_age_seconds 90',
      'till_agent_deliveries_total{result="delivered"} 0',
      'till_agent_deliveries_total{result="refused"} 0',
      'till_agent_deliveries_total{result="retry"} 0',
      'till_agent_scans_total{result="card"} 0',
      'till_agent_scans_total{result="refused"} 0',
      'till_agent_scanners_connected 1',
      'till_agent_storage_ok 1',
    ]);
    for (const standard of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ])
      expect(text).toMatch(new RegExp(`^${standard} `, 'm'));
    online = false;
    expect(await metrics.exposition()).toMatch(/^till_agent_centegra_online 0$/m);
  });

  it('count deliveries by result, scans by whether they were a gift card, and time Centegra by operation', async () => {
    const metrics = new AgentMetrics(sources());
    metrics.delivered([
      { settlement: { state: 'DELIVERED' } },
      { settlement: { state: 'DELIVERED' } },
      { settlement: { state: 'FAILED' } },
      { settlement: { state: 'PENDING' } },
    ]);
    const scan = (valid: boolean) =>
      ({
        id: 'x.1',
        type: 'scan',
        data: {
          scanId: 's',
          at: '2026-01-01T00:00:00.000Z',
          source: { kind: 'keyboard', deviceId: 'keyboard' },
          valid,
        },
      }) satisfies AgentEvent;
    metrics.onEvent(scan(true));
    metrics.onEvent(scan(false));
    metrics.onEvent(scan(false));
    metrics.onEvent({ id: 'x.2', type: 'resync', data: { reason: 'r' } });
    metrics.centegraCall('close_basket', 0.04);
    metrics.centegraCall('close_basket', 3);
    const lines = samples(await metrics.exposition());
    expect(lines).toEqual(
      expect.arrayContaining([
        'till_agent_deliveries_total{result="delivered"} 2',
        'till_agent_deliveries_total{result="refused"} 1',
        'till_agent_deliveries_total{result="retry"} 1',
        'till_agent_scans_total{result="card"} 1',
        'till_agent_scans_total{result="refused"} 2',
        'till_agent_centegra_request_duration_seconds_bucket{le="0.05",operation="close_basket"} 1',
        'till_agent_centegra_request_duration_seconds_bucket{le="2.5",operation="close_basket"} 1',
        'till_agent_centegra_request_duration_seconds_bucket{le="5",operation="close_basket"} 2',
        'till_agent_centegra_request_duration_seconds_count{operation="close_basket"} 2',
      ]),
    );
  });

  it('still answers a scrape when a source fails (the database gone), keeping the last figure', async () => {
    let broken = false;
    const metrics = new AgentMetrics(
      sources({
        queue: () => {
          if (broken) throw new TypeError('The database connection is not open');
          return { pending: 7, inFlight: 0, failed: 0 };
        },
      }),
    );
    expect(await metrics.exposition()).toMatch(/^till_agent_queue_items\{state="pending"\} 7$/m);
    broken = true;
    expect(await metrics.exposition()).toMatch(/^till_agent_queue_items\{state="pending"\} 7$/m);
  });

  it('keep two agents in one process apart, sharing the process metrics', async () => {
    const a = new AgentMetrics(sources());
    const b = new AgentMetrics(sources({ till: { siteId: 'S002', tillId: 'T01' } }));
    a.delivered([{ settlement: { state: 'DELIVERED' } }]);
    expect(await a.exposition()).toMatch(/^till_agent_deliveries_total\{result="delivered"\} 1$/m);
    expect(await b.exposition()).toMatch(/^till_agent_deliveries_total\{result="delivered"\} 0$/m);
    expect(await b.exposition()).toContain('till_id="T01"');
  });
});

describe('the bridge to OpenTelemetry', () => {
  it('gives counters as monotonic sums, gauges as gauges and histograms with per-bucket counts, names unchanged', async () => {
    const metrics = new AgentMetrics(sources());
    metrics.delivered([{ settlement: { state: 'DELIVERED' } }]);
    for (const s of [0.01, 0.04, 0.04, 0.3, 20]) metrics.centegraCall('inquire', s);
    const data = otelMetrics(
      (await metrics.registry.getMetricsAsJSON()) as never,
      { AggregationTemporality, DataPointType },
      {
        now: Date.parse('2026-01-01T00:01:30.000Z'),
        agentStartedAt: Date.parse('2026-01-01T00:00:00.000Z'),
        processStartedAt: Date.parse('2025-12-31T23:59:00.000Z'),
      },
    );
    const named = (name: string) => data.find((m) => m.descriptor.name === name)!;
    const deliveries = named('till_agent_deliveries_total');
    expect(deliveries).toMatchObject({
      dataPointType: DataPointType.SUM,
      isMonotonic: true,
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
    });
    expect(deliveries.dataPoints).toContainEqual(
      expect.objectContaining({ attributes: { result: 'delivered' }, value: 1, startTime: [1767225600, 0] }),
    );
    const queue = named('till_agent_queue_items');
    expect(queue.dataPointType).toBe(DataPointType.GAUGE);
    expect(queue.dataPoints.map((p) => [p.attributes.state, p.value])).toEqual([
      ['pending', 4],
      ['in_flight', 1],
      ['failed', 2],
    ]);
    const histogram = named('till_agent_centegra_request_duration_seconds');
    expect(histogram.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(histogram.dataPoints).toEqual([
      expect.objectContaining({
        attributes: { operation: 'inquire' },
        value: {
          buckets: {
            boundaries: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            counts: [1, 2, 0, 0, 1, 0, 0, 0, 0, 1],
          },
          sum: expect.closeTo(20.39, 9),
          count: 5,
        },
      }),
    ]);
    expect(named('process_cpu_seconds_total').dataPoints[0]!.startTime).toEqual([1767225540, 0]);
  });
});

describe('the metrics keys of the config', () => {
  const problems = (metrics: unknown) => {
    const checked = validateConfig({ metrics });
    return checked.ok ? [] : checked.problems;
  };

  it('take a token of 24 characters or more, and an OTLP push with its defaults', () => {
    expect(
      problems({ token: 'x'.repeat(24), otlp: { endpoint: 'https://collector.example/v1/metrics' } }),
    ).toEqual([]);
    const config = ConfigSchema.parse({
      metrics: { otlp: { endpoint: 'http://127.0.0.1:4318/v1/metrics' } },
    });
    expect(config.metrics.otlp).toEqual({
      endpoint: 'http://127.0.0.1:4318/v1/metrics',
      headers: {},
      intervalS: 60,
    });
    expect(ConfigSchema.parse({}).metrics).toEqual({});
  });

  it('refuse a short token, plain http beyond this machine, credentials in the address, a bad header and an interval out of range', () => {
    expect(problems({ token: 'short' })).toEqual([expect.stringMatching(/^metrics\.token: .*at least 24/)]);
    expect(problems({ otlp: { endpoint: 'http://collector.example/v1/metrics' } })).toEqual([
      expect.stringMatching(/^metrics\.otlp\.endpoint: must start with https:\/\//),
    ]);
    expect(problems({ otlp: { endpoint: 'https://user:pass@collector.example/v1/metrics' } })).toEqual([
      expect.stringMatching(/metrics\.otlp\.headers/),
    ]);
    expect(
      problems({ otlp: { endpoint: 'https://c.example/v1/metrics', headers: { 'bad header': 'x' } } }),
    ).toHaveLength(1);
    expect(
      problems({
        otlp: { endpoint: 'https://c.example/v1/metrics', headers: { authorization: 'a\r\nb: c' } },
      }),
    ).toHaveLength(1);
    for (const intervalS of [4, 3601, 1.5])
      expect(
        problems({ otlp: { endpoint: 'https://c.example/v1/metrics', intervalS } }),
        String(intervalS),
      ).toHaveLength(1);
    expect(problems({ otlp: { endpoint: 'https://c.example/v1/metrics', extra: 1 } })).toHaveLength(1);
  });
});
