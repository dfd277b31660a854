// Fleet metrics through the real POS API on loopback, with the simulator: the contract's names,
// labels and values after scans, a delivered close, sales queued in an outage, one refused at
// delivery, and a full disk; the metrics token reads /v1/metrics and nothing else; no card
// number, secret or scanned text in the exposition; and metrics.otlp pushing the same metrics to
// a real HTTP receiver on 127.0.0.1 (OTLP/HTTP JSON), on its interval and when the agent stops.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../main/agent/config';
import { demoCards, startSimulator } from '../../main/centegra-sim';
import { posRoutes } from '../../main/posapi';
import { startRuntime } from '../../main/runtime';
import { startDemo, type Started } from '../helpers/runtime';
import { tillFolder } from '../helpers/till-folder';

const METRICS_TOKEN = 'metrics-only-token-for-this-test-0123';
const fifty = demoCards.find((c) => c.label === 'active, £50.00')!.cardNumber;
const big = demoCards.find((c) => c.label.startsWith('active, £250.00'))!.cardNumber;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(config: ConfigInput): Promise<Started> {
  const demo = await startDemo({ config: { posApi: { port: 0 }, ...config } });
  cleanups.push(() => demo.stop());
  return demo;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function scrape(demo: Started): Promise<string> {
  const r = await demo.api('GET', '/v1/metrics', { headers: bearer(METRICS_TOKEN) });
  expect(r.status, r.text).toBe(200);
  return r.text;
}

/** The value of one series (`name` or `name{labels}` exactly as exposed), or undefined. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const oneLine = (totalMinor: number) => ({
  currency: 'GBP',
  totalMinor,
  lines: [
    { sku: 'A', description: 'Item', quantity: 1, unitPriceMinor: totalMinor, lineTotalMinor: totalMinor },
  ],
});

async function basketWithCard(demo: Started, basketId: string, cardNumber: string, totalMinor: number) {
  expect((await demo.api('PUT', `/v1/baskets/${basketId}`, { body: oneLine(totalMinor) })).status).toBe(200);
  const applied = await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, { body: { cardNumber } });
  expect(applied.status, applied.text).toBe(200);
}

describe('GET /v1/metrics after real actions', () => {
  it('counts scans, deliveries, an outage, a refused sale and a full disk, as the contract names them', async () => {
    const demo = await start({
      metrics: { token: METRICS_TOKEN },
      holds: { enabled: false },
      closeWaitMs: 2000,
    });
    const { agent, simulator } = demo.runtime;
    const sim = simulator!;

    let text = await scrape(demo);
    expect(valueOf(text, 'till_agent_info{version="0.0.0-test",site_id="DEMO",till_id="T01"}')).toBe(1);
    expect(valueOf(text, 'till_agent_centegra_online')).toBe(1);
    for (const state of ['pending', 'in_flight', 'failed'])
      expect(valueOf(text, `till_agent_queue_items{state="${state}"}`)).toBe(0);
    expect(valueOf(text, 'till_agent_queue_oldest_pending_age_seconds')).toBe(0);
    expect(valueOf(text, 'till_agent_storage_ok')).toBe(1);
    expect(valueOf(text, 'till_agent_scanners_connected')).toBe(0);
    expect(valueOf(text, 'till_agent_centegra_request_duration_seconds_count{operation="status"}')).toBe(1);

    // A gift card and a product barcode, as a keyboard-wedge scanner reads them.
    await agent.call('submitKeyboardScan', { text: fifty });
    await agent.call('submitKeyboardScan', { text: '5012345678900' });
    // A sale closed while Centegra is there: delivered at once.
    await basketWithCard(demo, 'sale-1', fifty, 1000);
    const closed = await demo.api('POST', '/v1/baskets/sale-1/close', { body: { otherTenders: [] } });
    expect(closed.status, closed.text).toBe(200);
    text = await scrape(demo);
    expect(valueOf(text, 'till_agent_scans_total{result="card"}')).toBe(1);
    expect(valueOf(text, 'till_agent_scans_total{result="refused"}')).toBe(1);
    expect(valueOf(text, 'till_agent_deliveries_total{result="delivered"}')).toBe(1);
    expect(valueOf(text, 'till_agent_deliveries_total{result="refused"}')).toBe(0);
    expect(
      valueOf(text, 'till_agent_centegra_request_duration_seconds_count{operation="close_basket"}'),
    ).toBe(1);
    expect(
      valueOf(text, 'till_agent_centegra_request_duration_seconds_count{operation="inquire"}'),
    ).toBeGreaterThanOrEqual(2);

    // Centegra goes away with two sales on their way; one card is then spent elsewhere.
    await basketWithCard(demo, 'sale-2', fifty, 1500);
    await basketWithCard(demo, 'sale-3', big, 2500);
    sim.setFaults({ down: true });
    expect((await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } })).status).toBe(503);
    text = await scrape(demo);
    expect(valueOf(text, 'till_agent_centegra_online')).toBe(0);
    for (const id of ['sale-2', 'sale-3']) {
      const queued = await demo.api('POST', `/v1/baskets/${id}/close`, { body: { otherTenders: [] } });
      expect(queued.status, queued.text).toBe(202);
    }
    await new Promise((r) => setTimeout(r, 1100));
    text = await scrape(demo);
    expect(
      valueOf(text, 'till_agent_queue_items{state="pending"}')! +
        valueOf(text, 'till_agent_queue_items{state="in_flight"}')!,
    ).toBe(2);
    expect(valueOf(text, 'till_agent_queue_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(1);

    sim.setCard({ ...sim.card(big)!, balanceMinor: 0 });
    sim.clearFaults();
    expect((await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } })).status).toBe(200);
    text = await until('the queue sent', async () => {
      const t = await scrape(demo);
      return valueOf(t, 'till_agent_queue_items{state="failed"}') === 1 &&
        valueOf(t, 'till_agent_queue_items{state="pending"}') === 0
        ? t
        : undefined;
    });
    expect(valueOf(text, 'till_agent_centegra_online')).toBe(1);
    expect(valueOf(text, 'till_agent_queue_items{state="in_flight"}')).toBe(0);
    expect(valueOf(text, 'till_agent_queue_oldest_pending_age_seconds')).toBe(0);
    expect(valueOf(text, 'till_agent_deliveries_total{result="delivered"}')).toBe(2);
    expect(valueOf(text, 'till_agent_deliveries_total{result="refused"}')).toBe(1);

    // The disk is full: a write fails, and storage is not OK until one succeeds again.
    const db = agent.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let refused = false;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await demo.api('PUT', `/v1/baskets/full-${i}`, { body: oneLine(100) });
      expect([200, 507], r.text).toContain(r.status);
      refused = r.status === 507;
    }
    expect(refused, 'the database never filled up').toBe(true);
    expect(valueOf(await scrape(demo), 'till_agent_storage_ok')).toBe(0);
    db.pragma('max_page_count = 1073741823');
    expect((await demo.api('PUT', '/v1/baskets/room-again', { body: oneLine(100) })).status).toBe(200);
    expect(valueOf(await scrape(demo), 'till_agent_storage_ok')).toBe(1);
  }, 60_000);
});

describe('who reads /v1/metrics', () => {
  it('the metrics token reads /v1/metrics and is refused on every other route; the POS token reads it too', async () => {
    const demo = await start({ metrics: { token: METRICS_TOKEN } });
    const metrics = await demo.api('GET', '/v1/metrics', { headers: bearer(METRICS_TOKEN) });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toBe(demo.runtime.agent.metrics.contentType);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.text).toMatch(/^till_agent_info\{/m);
    expect((await demo.api('GET', '/v1/metrics')).status).toBe(200); // the POS token

    const others = posRoutes.filter((r) => !(r.method === 'GET' && r.path === '/v1/metrics'));
    expect(others.length).toBeGreaterThan(20);
    for (const route of [...others, { method: 'GET', path: '/v1/no-such-route' }]) {
      const url = route.path.replace(/:(\w+)/g, 'x');
      const r = await demo.api(route.method, url, {
        headers: bearer(METRICS_TOKEN),
        ...(route.method === 'POST' || route.method === 'PUT' ? { body: {} } : {}),
      });
      expect([401, 403], `${route.method} ${url}: ${r.status}`).toContain(r.status);
      expect(r.json.error.code, `${route.method} ${url}`).toBe('FORBIDDEN');
      expect(r.json.error.message).toContain('metrics.token');
    }
    for (const authorization of ['', 'Bearer wrong-token-wrong-token-wrong', `Basic ${METRICS_TOKEN}`]) {
      const r = await demo.api('GET', '/v1/metrics', { headers: { authorization } });
      expect(r.status, authorization).toBe(401);
    }
  });

  it("a scraper may name the till as the estate does (any Host) with a valid token; every other route, and no token, still need this till's Host", async () => {
    const demo = await start({ metrics: { token: METRICS_TOKEN } });
    const host = { host: 's001-t01.shop.example:7420' };
    const scraped = await demo.api('GET', '/v1/metrics', { headers: { ...host, ...bearer(METRICS_TOKEN) } });
    expect(scraped.status, scraped.text).toBe(200);
    expect(scraped.text).toMatch(/^till_agent_centegra_online /m);
    expect((await demo.api('GET', '/v1/metrics', { headers: host })).status).toBe(200); // the POS token
    const noToken = await demo.api('GET', '/v1/metrics', { headers: { ...host, authorization: '' } });
    expect(noToken.status).toBe(403);
    expect(noToken.json.error.code).toBe('FORBIDDEN');
    const wrong = await demo.api('GET', '/v1/metrics', {
      headers: { ...host, ...bearer('wrong-token-wrong-token-wrong') },
    });
    expect(wrong.status).toBe(403);
    // The POS's own routes keep the DNS-rebinding check whatever token comes with them.
    expect((await demo.api('GET', '/v1/health', { headers: host })).status).toBe(403);
  });

  it('without metrics.token only the POS token reads it', async () => {
    const demo = await start({});
    expect((await demo.api('GET', '/v1/metrics')).status).toBe(200);
    expect((await demo.api('GET', '/v1/metrics', { headers: bearer(METRICS_TOKEN) })).status).toBe(401);
  });
});

describe('metrics.token, a secret', () => {
  it("is sealed at the first start from a till's file, which loses it, and reads metrics after a restart; masked in the support bundle", async () => {
    const sim = await startSimulator({ quiet: true, apiKey: 'factor4-gift-card-key-for-metrics' });
    cleanups.push(() => sim.close());
    const collectorKey = 'collector-credential-0987654321';
    const folder = tillFolder(
      {
        centegra: { baseUrl: sim.baseUrl, apiKey: 'factor4-gift-card-key-for-metrics' },
        till: { siteId: 'S001', tillId: 'T03' },
        posApi: { port: 0 },
        metrics: {
          token: METRICS_TOKEN,
          otlp: { endpoint: 'http://127.0.0.1:9/v1/metrics', headers: { authorization: collectorKey } },
        },
      },
      { mode: 0o600 },
    );
    cleanups.push(folder.remove);
    const read = async (origin: string) => {
      const r = await fetch(`${origin}/v1/metrics`, { headers: bearer(METRICS_TOKEN) });
      return { status: r.status, text: await r.text() };
    };
    let runtime = await startRuntime({ loaded: folder.load(), version: 'test' });
    const rewritten = JSON.parse(fs.readFileSync(folder.file, 'utf8'));
    expect(rewritten.metrics).toEqual({
      otlp: { endpoint: 'http://127.0.0.1:9/v1/metrics', headers: { authorization: collectorKey } },
    });
    const first = await read(runtime.origin);
    expect(first.status).toBe(200);
    expect(first.text).toContain('till_agent_info{version="test",site_id="S001",till_id="T03"} 1');
    const bundle = await fetch(`${runtime.origin}/v1/support-bundle`, {
      headers: bearer(runtime.token.value),
    });
    const files = unzipSync(new Uint8Array(await bundle.arrayBuffer()));
    const config = JSON.parse(strFromU8(files['config.json']!)) as {
      entries: Array<{ key: string; value: string; secret: boolean }>;
    };
    expect(config.entries).toContainEqual(
      expect.objectContaining({
        key: 'metrics.token',
        value: `set (ends …${METRICS_TOKEN.slice(-4)})`,
        secret: true,
      }),
    );
    expect(config.entries).toContainEqual(
      expect.objectContaining({ key: 'metrics.otlp.headers.authorization', value: 'set', secret: true }),
    );
    for (const [name, content] of Object.entries(files)) {
      expect(strFromU8(content), name).not.toContain(METRICS_TOKEN);
      expect(strFromU8(content), name).not.toContain(collectorKey);
    }
    await runtime.close();

    runtime = await startRuntime({ loaded: folder.load(), version: 'test' });
    cleanups.push(() => runtime.close());
    expect((await read(runtime.origin)).status).toBe(200);
  });
});

describe('what the exposition may not hold', () => {
  it('has no card number, no secret and no scanned text, after every demo card was scanned and read', async () => {
    const demo = await start({ metrics: { token: METRICS_TOKEN } });
    const { agent, simulator } = demo.runtime;
    const scanned = 'PARCEL-REF-7731-CUSTOMER-SMITH';
    for (const c of demoCards) {
      await agent.call('submitKeyboardScan', { text: c.cardNumber });
      await agent.call('submitKeyboardScan', {
        text: `https://gift.example/redeem?card=${c.cardNumber}&pin=1234`,
      });
      await agent.call('submitKeyboardScan', { text: `${c.cardNumber};4321` });
      await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: c.cardNumber } });
    }
    await agent.call('submitKeyboardScan', { text: scanned });
    const text = await scrape(demo);
    expect(valueOf(text, 'till_agent_scans_total{result="card"}')).toBeGreaterThan(0);
    expect(valueOf(text, 'till_agent_scans_total{result="refused"}')).toBe(1);
    // A sample's value may by chance hold any 8 digits (0.100000029 s of event-loop lag): the
    // tail of a card number is looked for in the names, labels and help texts, not in the values.
    const words = text
      .split('\n')
      .map((line) => (line.startsWith('#') ? line : line.replace(/ [^ }]+$/, '')))
      .join('\n');
    for (const c of demoCards) {
      expect(text).not.toContain(c.cardNumber);
      expect(words).not.toContain(c.cardNumber.slice(-8));
    }
    // A run of 12 digits or more (a fraction of a second is not one).
    expect(words).not.toMatch(/(?<![.\d])\d{12,}/);
    for (const secret of [
      METRICS_TOKEN,
      demo.runtime.token.value,
      simulator!.apiKey,
      scanned,
      'gift.example',
    ])
      expect(text).not.toContain(secret);
    // Every label of the agent's own metrics is one of the contract's, with a value from its list.
    const allowed: Record<string, RegExp> = {
      version: /^0\.0\.0-test$/,
      site_id: /^DEMO$/,
      till_id: /^T01$/,
      state: /^(pending|in_flight|failed)$/,
      result: /^(delivered|refused|retry|card)$/,
      operation: /^(status|inquire|issue|close_basket|void|hold|release_hold|refund)$/,
      le: /^[0-9.+Inf]+$/,
    };
    for (const line of text.split('\n').filter((l) => l.startsWith('till_agent_'))) {
      for (const [, name, value] of line.matchAll(/(\w+)="([^"]*)"/g)) {
        expect(allowed[name!], `${line}: label ${name}`).toBeDefined();
        expect(value, line).toMatch(allowed[name!]!);
      }
    }
  });
});

/** An OTLP/HTTP receiver: what each push brought, as JSON. */
async function receiver() {
  const pushes: Array<{ path: string; headers: http.IncomingHttpHeaders; body: any }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushes.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { pushes, port: (server.address() as AddressInfo).port };
}

type Attribute = { key: string; value: { stringValue?: string } };
const attributes = (list: Attribute[] = []) =>
  Object.fromEntries(list.map((a) => [a.key, a.value.stringValue]));
const numberOf = (p: { asDouble?: number; asInt?: string | number }) => Number(p.asDouble ?? p.asInt);

/** A pushed metric by name, from the first resource and scope of an OTLP JSON body. */
function pushed(body: any, name: string): any {
  return body.resourceMetrics[0].scopeMetrics
    .flatMap((s: { metrics: unknown[] }) => s.metrics)
    .find((m: { name: string }) => m.name === name);
}

describe('metrics.otlp', () => {
  it('pushes the same metrics to an OTLP/HTTP receiver every intervalS, and once more when the agent stops', async () => {
    const { pushes, port } = await receiver();
    const demo = await startDemo({
      config: {
        posApi: { port: 0 },
        holds: { enabled: false },
        closeWaitMs: 0,
        metrics: {
          otlp: {
            endpoint: `http://127.0.0.1:${port}/v1/metrics`,
            headers: { 'x-collector-key': 'collector-secret-key' },
            intervalS: 5,
          },
        },
      },
    });
    let stopped = false;
    cleanups.push(() => (stopped ? undefined : demo.stop()));
    const { agent, simulator } = demo.runtime;
    await agent.call('submitKeyboardScan', { text: fifty });

    const first = await until('a push on the interval', async () => pushes[0], 9000);
    expect(first.path).toBe('/v1/metrics');
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['x-collector-key']).toBe('collector-secret-key');
    expect(attributes(first.body.resourceMetrics[0].resource.attributes)).toMatchObject({
      'service.name': 'till-agent',
      'service.version': '0.0.0-test',
      'service.instance.id': 'DEMO/T01',
    });
    const queue = pushed(first.body, 'till_agent_queue_items');
    expect(queue.gauge.dataPoints.map((p: any) => [attributes(p.attributes).state, numberOf(p)])).toEqual([
      ['pending', 0],
      ['in_flight', 0],
      ['failed', 0],
    ]);
    const scans = pushed(first.body, 'till_agent_scans_total');
    expect(scans.sum.isMonotonic).toBe(true);
    expect(scans.sum.dataPoints.find((p: any) => attributes(p.attributes).result === 'card')).toSatisfy(
      (p: any) => numberOf(p) === 1,
    );
    const latency = pushed(first.body, 'till_agent_centegra_request_duration_seconds');
    expect(latency.histogram.dataPoints[0].explicitBounds).toEqual([
      0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]);
    for (const name of [
      'till_agent_info',
      'till_agent_centegra_online',
      'till_agent_storage_ok',
      'process_cpu_seconds_total',
    ])
      expect(pushed(first.body, name), name).toBeDefined();

    // A sale queued in an outage, then the agent stops: the last push says so.
    await basketWithCard(demo, 'otlp-sale', fifty, 700);
    simulator!.setFaults({ down: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } });
    expect(
      (await demo.api('POST', '/v1/baskets/otlp-sale/close', { body: { otherTenders: [] } })).status,
    ).toBe(202);
    const before = pushes.length;
    stopped = true;
    await demo.stop();
    expect(pushes.length).toBeGreaterThan(before);
    const last = pushes.at(-1)!.body;
    const waiting = pushed(last, 'till_agent_queue_items').gauge.dataPoints.filter((p: any) =>
      ['pending', 'in_flight'].includes(attributes(p.attributes).state!),
    );
    expect(waiting.reduce((n: number, p: any) => n + numberOf(p), 0)).toBe(1);
    expect(numberOf(pushed(last, 'till_agent_centegra_online').gauge.dataPoints[0])).toBe(0);
  }, 30_000);
});
