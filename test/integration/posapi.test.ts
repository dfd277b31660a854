// The POS API over real HTTP on loopback: auth, Host/Origin checks, bodies, SSE, the OpenAPI document.
import http from 'node:http';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../main/centegra-sim';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started;
const active = demoCards[0]!.cardNumber;

beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo.stop();
});

/** Validates a response against the schema the OpenAPI document gives for it. */
function conformsTo(doc: any, path: string, method: string, status: number, body: unknown): void {
  const op = doc.paths[path][method];
  const schema =
    op.responses[String(status)]?.content?.['application/json']?.schema ?? doc.components.schemas.Error;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'pos.json', components: doc.components });
  const rewrite = (s: unknown): unknown =>
    JSON.parse(JSON.stringify(s).replace(/"#\/components\//g, '"pos.json#/components/'));
  const validate = ajv.compile(rewrite(schema) as object);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

describe('POS API: who may call it', () => {
  it('answers /v1/health with demo: true to a caller with the token', async () => {
    const r = await demo.api('GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'OK',
      demo: true,
      version: '0.0.0-test',
      queue: { pending: 0, failed: 0 },
      scanners: [],
    });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('401 without a token, with a wrong one, or with another scheme', async () => {
    for (const authorization of ['', 'Bearer wrong-token', `Basic ${demo.runtime.token.value}`]) {
      const r = await demo.api('GET', '/v1/health', { headers: { authorization } });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('UNAUTHORIZED');
    }
  });

  it("403 for a foreign Origin, even with the right token (a web page in the till's browser)", async () => {
    const r = await demo.api('GET', '/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('allowedOrigins'),
    });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('403 for a foreign Host (DNS rebinding)', async () => {
    const r = await demo.api('GET', '/v1/health', { headers: { host: 'evil.example:7420' } });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('FORBIDDEN');
  });

  it('403 with no Host header at all', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = http.request(
        {
          host: '127.0.0.1',
          port: demo.runtime.port,
          path: '/v1/health',
          setHost: false,
          headers: { authorization: `Bearer ${demo.runtime.token.value}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      socket.on('error', reject);
      socket.end();
    });
    // Node's HTTP parser answers 400 to an HTTP/1.1 request without Host before any route runs; either way, refused.
    expect([400, 403]).toContain(status);
  });

  it('CORS only for an origin IT configured', async () => {
    const other = await startDemo({
      config: { posApi: { port: 0, allowedOrigins: ['https://pos.example'] } },
    });
    try {
      const r = await other.api('GET', '/v1/health', { headers: { origin: 'https://pos.example' } });
      expect(r.status).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBe('https://pos.example');
      // A browser's preflight carries no token; it learns only which methods and headers it may send.
      const pre = await other.api('OPTIONS', '/v1/cards/inquiry', {
        headers: { origin: 'https://pos.example', authorization: '' },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toContain('authorization');
      expect(
        (
          await other.api('POST', '/v1/cards/inquiry', {
            body: { cardNumber: active },
            headers: { origin: 'https://pos.example', authorization: '' },
          })
        ).status,
      ).toBe(401);
      const evil = await other.api('OPTIONS', '/v1/cards/inquiry', {
        headers: { origin: 'https://evil.example', authorization: '' },
      });
      expect(evil.status).toBe(403);
    } finally {
      await other.stop();
    }
  });
});

describe('POS API: bodies', () => {
  it('looks up a keyed card', async () => {
    const r = await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: active } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      cardNumberMasked: '••••••••••••0011',
      status: 'ACTIVE',
      balanceMinor: 5000,
      currency: 'GBP',
    });
    expect(r.text).not.toContain(active);
  });

  it.each([
    ['malformed JSON', '{"cardNumber": ', 400, 'BAD_REQUEST'],
    ['wrong type', JSON.stringify({ cardNumber: 6280390000000011 }), 400, 'BAD_REQUEST'],
    ['__proto__ key', '{"cardNumber":"6280390000000011","__proto__":{"admin":true}}', 400, 'BAD_REQUEST'],
    [
      'constructor key',
      '{"cardNumber":"6280390000000011","constructor":{"prototype":{"x":1}}}',
      400,
      'BAD_REQUEST',
    ],
    ['a body over 64 KB', JSON.stringify({ cardNumber: 'x'.repeat(70_000) }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s with a clear error', async (_name, rawBody, status, code) => {
    const r = await demo.api('POST', '/v1/cards/inquiry', {
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.message.length).toBeGreaterThan(10);
  });

  it('refuses a body that is not JSON (415)', async () => {
    const r = await demo.api('POST', '/v1/cards/inquiry', {
      rawBody: 'cardNumber=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(415);
    expect(r.json.error.code).toBe('BAD_REQUEST');
  });

  it("404 in the contract's envelope for an unknown path", async () => {
    const r = await demo.api('GET', '/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('NOT_FOUND');
  });

  it('maps card refusals to 422 and Centegra faults to 5xx', async () => {
    expect(
      (await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: '6280390000009999' } })).status,
    ).toBe(422);
    demo.runtime.simulator!.setFaults({ keyDisabled: true });
    try {
      const r = await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: active } });
      expect(r.status).toBe(502);
      expect(r.json.error.code).toBe('CENTEGRA_KEY_DISABLED');
    } finally {
      demo.runtime.simulator!.clearFaults();
    }
  });
});

describe('POS API: the contract document', () => {
  it('serves /v1/openapi.json and answers as it says', async () => {
    const doc = (await demo.api('GET', '/v1/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    conformsTo(doc, '/health', 'get', 200, (await demo.api('GET', '/v1/health')).json);
    conformsTo(doc, '/scans', 'get', 200, (await demo.api('GET', '/v1/scans')).json);
    conformsTo(
      doc,
      '/cards/inquiry',
      'post',
      200,
      (await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: active } })).json,
    );
    conformsTo(
      doc,
      '/cards/inquiry',
      'post',
      422,
      (await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: '6280390000009999' } })).json,
    );
  });
});

describe('POS API: events (SSE)', () => {
  function openStream(lastEventId?: string): Promise<{
    events: Array<{ id: string; event: string; data: any }>;
    close: () => void;
    waitFor: (
      pred: (e: { event: string; data: any }) => boolean,
    ) => Promise<{ id: string; event: string; data: any }>;
  }> {
    return new Promise((resolve, reject) => {
      const events: Array<{ id: string; event: string; data: any }> = [];
      const waiters: Array<{ pred: (e: any) => boolean; resolve: (e: any) => void }> = [];
      const req = http.get(
        {
          host: '127.0.0.1',
          port: demo.runtime.port,
          path: '/v1/events',
          headers: {
            authorization: `Bearer ${demo.runtime.token.value}`,
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) !== -1) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const fields = Object.fromEntries(
                block
                  .split('\n')
                  .filter((l) => !l.startsWith(':') && l.includes(': '))
                  .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
              );
              if (!fields.event) continue;
              const e = { id: fields.id!, event: fields.event, data: JSON.parse(fields.data!) };
              events.push(e);
              for (const w of [...waiters])
                if (w.pred(e)) {
                  waiters.splice(waiters.indexOf(w), 1);
                  w.resolve(e);
                }
            }
          });
          resolve({
            events,
            close: () => req.destroy(),
            waitFor: (pred) => {
              const found = events.find(pred);
              return found ? Promise.resolve(found) : new Promise((r) => waiters.push({ pred, resolve: r }));
            },
          });
        },
      );
      req.on('error', reject);
    });
  }

  it('streams centegra events and resumes with Last-Event-ID', async () => {
    const stream = await openStream();
    demo.runtime.simulator!.setFaults({ keyDisabled: true });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: active } });
    const disabled = await stream.waitFor((e) => e.event === 'centegra' && e.data.state === 'KEY_DISABLED');
    stream.close();
    demo.runtime.simulator!.clearFaults();
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: active } });
    const resumed = await openStream(disabled.id);
    const online = await resumed.waitFor((e) => e.event === 'centegra' && e.data.state === 'ONLINE');
    expect(Number(online.id.split('.')[1])).toBeGreaterThan(Number(disabled.id.split('.')[1]));
    resumed.close();
  });

  it('tells a client from before a restart to resync', async () => {
    const stream = await openStream('00000000.5');
    const e = await stream.waitFor((x) => x.event === 'resync');
    expect(e.data.reason).toBe('the agent restarted');
    stream.close();
  });
});
