// The headless host: the cashier screen in a browser, and the WebSocket bridge behind window.tillAgent.
import { request, WebSocket } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCards } from '../../main/centegra-sim';
import { MAX_BRIDGES } from '../../main/headless';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started;
let cookie: string;

beforeAll(async () => {
  demo = await startDemo({ headless: true });
  const r = await request(demo.headless!.uiUrl);
  const setCookie = r.headers['set-cookie'];
  cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
  await r.body.dump();
});
afterAll(async () => {
  await demo.stop();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await request(demo.runtime.origin + path, { headers });
  return { status: r.statusCode, headers: r.headers, text: await r.body.text() };
};

describe('headless UI pages', () => {
  it('the printed session link sets a strict, HttpOnly cookie and goes to /', async () => {
    const r = await request(demo.headless!.uiUrl);
    await r.body.dump();
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(String(r.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
  });

  it('without the session the page only says how to get in', async () => {
    const r = await get('/');
    expect(r.status).toBe(401);
    expect(r.text).toContain('Open the address Till Agent printed');
    expect((await get('/?session=wrong')).status).toBe(401);
  });

  it('serves the cashier screen with a strict CSP and the bridge before the app', async () => {
    const r = await get('/', { cookie });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(r.text.indexOf('./bridge.js')).toBeGreaterThan(0);
    expect(r.text.indexOf('./bridge.js')).toBeLessThan(r.text.indexOf('type="module"'));
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(r.text)?.[1];
    expect(asset).toBeTruthy();
    expect((await get(`/${asset}`)).status).toBe(200);
    expect((await get('/bridge.js')).text).toContain('tillAgent');
  });

  it("answers a screen file's type, range and revalidation as a static file server does", async () => {
    const page = await get('/', { cookie });
    const asset = `/${/src="\.\/(assets\/[^"]+\.js)"/.exec(page.text)![1]!}`;
    const file = await get(asset);
    expect(file.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(file.headers.etag).toBeTruthy();
    expect(file.headers['accept-ranges']).toBe('bytes');
    const part = await get(asset, { range: 'bytes=0-9' });
    expect([part.status, part.text]).toEqual([206, file.text.slice(0, 10)]);
    expect((await get(asset, { 'if-none-match': String(file.headers.etag) })).status).toBe(304);
    const head = await request(demo.runtime.origin + asset, { method: 'HEAD' });
    await head.body.dump();
    expect([head.statusCode, head.headers['content-length']]).toEqual([200, String(file.text.length)]);
    for (const missing of ['/assets/nope.js', '/assets/', '/assets/index.html'])
      expect((await get(missing)).status, missing).not.toBe(200);
    expect((await get('/assets/nope.js')).status).toBe(404);
  });

  it('refuses paths outside the assets folder', async () => {
    expect((await get('/assets/../../package.json')).status).toBe(404);
    expect((await get('/assets/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });

  it('the UI is subject to the same Host check as the POS API', async () => {
    expect((await get('/', { cookie, host: 'evil.example:7420' })).status).toBe(403);
  });
});

describe('the UI bridge', () => {
  function connect(headers: Record<string, string>): Promise<{
    ws: WebSocket;
    messages: any[];
    next: (pred: (m: any) => boolean) => Promise<any>;
    closed: Promise<number>;
  }> {
    return new Promise((resolve, reject) => {
      const url = demo.runtime.origin.replace('http', 'ws') + '/ui/bridge';
      const ws = new WebSocket(url, { headers } as never);
      const messages: any[] = [];
      const waiters: Array<{ pred: (m: any) => boolean; resolve: (m: any) => void }> = [];
      const closed = new Promise<number>((r) => ws.addEventListener('close', (e) => r(e.code)));
      ws.addEventListener('message', (e) => {
        const m = JSON.parse(String(e.data));
        messages.push(m);
        for (const w of [...waiters])
          if (w.pred(m)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(m);
          }
      });
      ws.addEventListener('open', () =>
        resolve({
          ws,
          messages,
          closed,
          next: (pred) => {
            const found = messages.find(pred);
            return found ? Promise.resolve(found) : new Promise((r) => waiters.push({ pred, resolve: r }));
          },
        }),
      );
      ws.addEventListener('error', () =>
        resolve({ ws, messages, closed, next: () => Promise.reject(new Error('closed')) }),
      );
      setTimeout(() => reject(new Error('timeout')), 5000).unref();
    });
  }

  it('calls operations from the contract and returns their Result', async () => {
    const c = await connect({ origin: demo.runtime.origin, cookie });
    c.ws.send(JSON.stringify({ type: 'call', id: 1, op: 'health', input: {} }));
    c.ws.send(
      JSON.stringify({
        type: 'call',
        id: 2,
        op: 'inquireCard',
        input: { cardNumber: demoCards[0]!.cardNumber },
      }),
    );
    c.ws.send(JSON.stringify({ type: 'call', id: 3, op: 'dropDatabase', input: {} }));
    expect(await c.next((m) => m.id === 1)).toMatchObject({
      type: 'result',
      result: { ok: true, value: { demo: true } },
    });
    expect(await c.next((m) => m.id === 2)).toMatchObject({
      result: { ok: true, value: { balanceMinor: 5000, cardNumberMasked: '••••••••••••0011' } },
    });
    expect(await c.next((m) => m.id === 3)).toMatchObject({
      result: { ok: false, error: { code: 'NOT_FOUND' } },
    });
    c.ws.close();
  });

  it(`accepts at most ${MAX_BRIDGES} screens at once, and another once one has gone`, async () => {
    const headers = { origin: demo.runtime.origin, cookie };
    const open = [];
    for (let i = 0; i < MAX_BRIDGES; i++) open.push(await connect(headers));
    const last = open.at(-1)!;
    last.ws.send(JSON.stringify({ type: 'call', id: 1, op: 'health', input: {} }));
    expect(await last.next((m) => m.id === 1)).toMatchObject({ result: { ok: true } });
    const extra = await connect(headers);
    expect(await extra.closed).toBe(1013);
    const first = open.shift()!;
    first.ws.close();
    await first.closed;
    await new Promise((r) => setTimeout(r, 50)); // the server sees the close
    const again = await connect(headers);
    again.ws.send(JSON.stringify({ type: 'call', id: 2, op: 'health', input: {} }));
    expect(await again.next((m) => m.id === 2)).toMatchObject({ result: { ok: true } });
    for (const c of [...open, again]) c.ws.close();
    await Promise.all([...open, again].map((c) => c.closed));
  });

  it('pushes agent events after subscribe', async () => {
    const c = await connect({ origin: demo.runtime.origin, cookie });
    c.ws.send(JSON.stringify({ type: 'subscribe' }));
    await new Promise((r) => setTimeout(r, 50));
    demo.runtime.agent.emit({ type: 'centegra', data: { state: 'OFFLINE', detail: 'test' } });
    expect(await c.next((m) => m.type === 'event')).toMatchObject({
      event: { type: 'centegra', data: { state: 'OFFLINE' } },
    });
    c.ws.close();
  });

  it('refuses a page from another origin, and a browser without the session', async () => {
    // A foreign Origin is refused before the upgrade (403), so the socket never opens.
    const foreign = await connect({ origin: 'https://evil.example', cookie });
    expect(await foreign.closed).toBe(1006);
    expect(foreign.messages).toEqual([]);
    const noSession = await connect({ origin: demo.runtime.origin });
    expect(await noSession.closed).toBe(1008);
  });

  it('closes on a message that is not the protocol', async () => {
    const c = await connect({ origin: demo.runtime.origin, cookie });
    c.ws.send('{"type":"call","id":"one"}');
    expect(await c.closed).toBe(1003);
  });
});
