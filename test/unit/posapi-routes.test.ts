// The route table is what fastify serves: every entry is a route, every /v1 route is an entry,
// each asks for the caller's token, and an operation route gathers its input and answers its
// outcome with the status the table gives. A fake agent stands in for the core.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok, silentLogger, type Agent } from '../../main/agent';
import { createPosApi, posRoutes } from '../../main/posapi';

const TOKEN = 'the-pos-token';
const HOST = '127.0.0.1:7420';
const calls: Array<{ op: string; input: unknown }> = [];
let answer: (op: string) => unknown = () => ok({});
const agent = {
  call: async (op: string, input: unknown) => {
    calls.push({ op, input });
    return answer(op);
  },
} as unknown as Agent;

let app: FastifyInstance;
beforeAll(async () => {
  app = createPosApi({
    agent,
    listen: { host: '127.0.0.1', port: 7420 },
    token: TOKEN,
    allowedOrigins: [],
    log: silentLogger,
    // More wrong tokens than the table has routes, all answered 401.
    throttle: { maxFailures: 100 },
  });
  await app.ready();
});
afterAll(() => app.close());

const send = (method: string, url: string, body?: unknown, authorization = `Bearer ${TOKEN}`) => {
  calls.length = 0;
  return app.inject({
    method: method as 'GET',
    url,
    headers: { host: HOST, authorization },
    payload: body as object,
  });
};

/** Method and path of each route fastify serves, read from its route tree (HEAD comes with GET). */
function servedRoutes(): string[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const prefixes: string[] = [];
  const routes: string[] = [];
  for (const line of lines) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    prefixes.length = depth;
    const path = (prefixes[depth - 1] ?? '') + m[2];
    prefixes[depth] = path;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('the route table and fastify', () => {
  it('serves every route in the table, and no /v1 route that is not in it', () => {
    const table = posRoutes.map((r) => `${r.method} ${r.path}`).sort();
    expect(table.length).toBeGreaterThan(10);
    for (const route of posRoutes)
      expect(app.hasRoute({ method: route.method, url: route.path }), route.path).toBe(true);
    expect(
      servedRoutes()
        .filter((r) => r.split(' ')[1]!.startsWith('/v1'))
        .sort(),
    ).toEqual(table);
  });

  it('asks for the POS token on every route in the table', async () => {
    for (const route of posRoutes) {
      const url = route.path.replace(/:(\w+)/g, 'x1');
      const r = await send(route.method, url, route.method === 'GET' ? undefined : {}, 'Bearer wrong');
      expect(r.statusCode, `${route.method} ${url}`).toBe(401);
      expect(r.json().error.code).toBe('UNAUTHORIZED');
    }
    expect(calls).toEqual([]);
  });
});

describe('an operation route', () => {
  it("joins the path's parameters to the body, and the path wins", async () => {
    answer = () => ok({ basketId: 'b1' });
    await send('PUT', '/v1/baskets/b1', { basketId: 'other', currency: 'GBP' });
    expect(calls).toEqual([{ op: 'putBasket', input: { basketId: 'b1', currency: 'GBP' } }]);
  });

  it('passes a body that is not an object as it is, for the contract to refuse', async () => {
    await send('POST', '/v1/baskets/b1/close', [1, 2]);
    expect(calls).toEqual([{ op: 'closeBasket', input: [1, 2] }]);
  });

  it('takes only the query parameters the table names, or all of them', async () => {
    await send('GET', '/v1/scans?after=s1&other=1');
    expect(calls).toEqual([{ op: 'listScans', input: { after: 's1' } }]);
    await send('GET', '/v1/queue?state=PENDING&limit=5');
    expect(calls).toEqual([{ op: 'listQueue', input: { state: 'PENDING', limit: '5' } }]);
    await send('GET', '/v1/health?x=1');
    expect(calls).toEqual([{ op: 'health', input: {} }]);
  });

  it('answers the close 200 when DELIVERED and 202 when QUEUED', async () => {
    answer = () => ok({ state: 'DELIVERED', basket: {}, transactions: [] });
    expect((await send('POST', '/v1/baskets/b1/close', { otherTenders: [] })).statusCode).toBe(200);
    answer = () => ok({ state: 'QUEUED', basket: {}, itemId: 'q1' });
    const queued = await send('POST', '/v1/baskets/b1/close', { otherTenders: [] });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toEqual({ state: 'QUEUED', basket: {}, itemId: 'q1' });
  });

  it("answers an error in the contract's envelope, with the code's status", async () => {
    answer = () => fail('BASKET_NOT_OPEN', 'That sale is already closed.');
    const r = await send('POST', '/v1/baskets/b1/gift-cards', { scanId: 's1' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ error: { code: 'BASKET_NOT_OPEN', message: 'That sale is already closed.' } });
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
