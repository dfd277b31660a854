// The POS API against hostile clients, over real HTTP on loopback: callers without the token or
// from the wrong page, bodies built to hurt a parser, clients that hold sockets open, and a
// configuration that would expose the API to the network.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Agent as HttpsAgent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../main/agent/config';
import {
  AuthThrottle,
  exposedWarning,
  HEADERS_TIMEOUT_MS,
  inexactNumber,
  isLoopbackHost,
  MAX_EVENT_STREAMS,
  REQUEST_TIMEOUT_MS,
} from '../../main/posapi';
import { startRuntime } from '../../main/runtime';
import { runCli } from '../helpers/cli';
import { startDemo, type Started } from '../helpers/runtime';
import { selfSignedCert } from '../helpers/tls';
import { tempDir } from '../helpers/tmp';

let demo: Started;
const card = '6280390000000011';

beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo.stop();
});

const json = (rawBody: string | Buffer, url = '/v1/cards/inquiry') =>
  demo.api('POST', url, { rawBody, headers: { 'content-type': 'application/json' } });

/**
 * Sends `head` on a raw socket, then `body` in chunks (await drain between them) until the
 * server answers or the body is all sent. Resolves with the status line and when it came.
 */
function rawExchange(
  port: number,
  head: string,
  body: { chunk: Buffer; count: number },
): Promise<{ status: number; ms: number; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let answered = false;
    let bytesSent = 0;
    let received = '';
    socket.on('error', (e) => {
      // The server may reset a socket whose body it refused; the answer is what counts.
      if (!answered) reject(e);
    });
    socket.on('data', (d) => {
      received += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (m && !answered) {
        answered = true;
        resolve({ status: Number(m[1]), ms: performance.now() - started, bytesSent });
        socket.destroy();
      }
    });
    socket.on('connect', async () => {
      socket.write(head);
      for (let i = 0; i < body.count && !answered && !socket.destroyed; i++) {
        const more = socket.write(body.chunk);
        bytesSent += body.chunk.length;
        if (!more) await new Promise((r) => socket.once('drain', r).once('close', r));
      }
    });
  });
}

describe('POS API against hostile callers: who may call it', () => {
  it('401 with no token and with a wrong one; 403 for a foreign Origin or Host, even with the token', async () => {
    expect((await demo.api('GET', '/v1/health', { headers: { authorization: '' } })).status).toBe(401);
    const wrong = await demo.api('GET', '/v1/health', { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('UNAUTHORIZED');
    const page = await demo.api('GET', '/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(page.status).toBe(403);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const rebound = await demo.api('GET', '/v1/health', { headers: { host: 'evil.example:7420' } });
    expect(rebound.status).toBe(403);
    expect(rebound.json.error.code).toBe('FORBIDDEN');
  });

  it('no spelling of a /v1 path gets past the token check', async () => {
    for (const url of ['/%76%31/health', '/v1/%68ealth', '/v1//health', '/v1/health/', '/V1/health']) {
      const r = await demo.api('GET', url, { headers: { authorization: '' } });
      expect([401, 404], url).toContain(r.status);
      expect(r.text).not.toContain('"demo"');
    }
    // Percent-encoding once reached /v1 routes without the token (find-my-way decodes the path).
    const topUp = await demo.api('POST', '/%76%31/topups', {
      body: { cardNumber: card, amountMinor: 100, currency: 'GBP' },
      headers: { authorization: '' },
    });
    expect(topUp.status).toBe(401);
  });

  it('slows repeated wrong tokens (429 with Retry-After, logged once) while the right token works at once', async () => {
    const own = await startDemo();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        const r = await own.api('GET', '/v1/health', { headers: { authorization: `Bearer guess-${i}` } });
        statuses.push(r.status);
        if (r.status === 429) {
          expect(r.json.error.code).toBe('RATE_LIMITED');
          expect(r.json.error.message).toMatch(/Too many wrong POS API tokens/);
          const retryAfter = Number(r.headers['retry-after']);
          expect(retryAfter).toBeGreaterThan(0);
          expect(retryAfter).toBeLessThanOrEqual(60);
        }
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual(Array(15).fill(429));

      // The POS shares 127.0.0.1 with the guesser: its right token is never held back.
      const started = performance.now();
      const good = await own.api('GET', '/v1/health');
      expect(good.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(
        (await own.api('GET', '/v1/health', { headers: { authorization: 'Bearer again' } })).status,
      ).toBe(429);

      // The log is written asynchronously: give a loaded machine a moment to get it to disk.
      let log = '';
      for (let i = 0; i < 50; i++) {
        own.runtime.log.flush();
        log = own.runtime.log
          .files()
          .map((f) => fs.readFileSync(f, 'utf8'))
          .join('');
        if ((log.match(/missing or wrong POS API token/g) ?? []).length >= 10) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(log.match(/holding this address back/g)).toHaveLength(1);
      expect(log.match(/missing or wrong POS API token/g)).toHaveLength(10);
      expect(log).not.toContain('guess-');
    } finally {
      await own.stop();
    }
  });

  it('the throttle remembers a bounded number of addresses and forgets a window once it has passed', () => {
    let now = 0;
    const throttle = new AuthThrottle({ maxFailures: 2, windowMs: 1000, maxClients: 100, now: () => now });
    for (let i = 0; i < 10_000; i++) throttle.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(throttle.size).toBeLessThanOrEqual(100);
    expect(throttle.fail('a').retryAfterMs).toBe(0);
    expect(throttle.fail('a').retryAfterMs).toBe(0);
    expect(throttle.fail('a')).toEqual({ retryAfterMs: 1000, burst: true });
    now = 400;
    expect(throttle.fail('a')).toEqual({ retryAfterMs: 600, burst: false });
    expect(throttle.retryAfterMs('a')).toBe(600);
    now = 1000;
    expect(throttle.retryAfterMs('a')).toBe(0);
    expect(throttle.fail('a')).toEqual({ retryAfterMs: 0, burst: false });
  });
});

describe('POS API against hostile bodies', () => {
  it('refuses a 10 MB body as soon as its length is known, without reading it into memory', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const rssBefore = process.memoryUsage().rss;
    const declared = await rawExchange(
      demo.runtime.port,
      `POST /v1/cards/inquiry HTTP/1.1\r\nHost: 127.0.0.1:${demo.runtime.port}\r\n` +
        `Authorization: Bearer ${demo.runtime.token.value}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${10 * 1024 * 1024}\r\n\r\n`,
      { chunk, count: 160 },
    );
    expect(declared.status).toBe(413);
    expect(declared.ms).toBeLessThan(3000);
    expect(declared.bytesSent).toBeLessThan(10 * 1024 * 1024);
    // Without a length (chunked), it is cut off once 64 KB have arrived.
    const chunked = await rawExchange(
      demo.runtime.port,
      `POST /v1/cards/inquiry HTTP/1.1\r\nHost: 127.0.0.1:${demo.runtime.port}\r\n` +
        `Authorization: Bearer ${demo.runtime.token.value}\r\nContent-Type: application/json\r\n` +
        `Transfer-Encoding: chunked\r\n\r\n`,
      {
        chunk: Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
        count: 160,
      },
    );
    expect(chunked.status).toBe(413);
    expect(chunked.ms).toBeLessThan(3000);
    expect(chunked.bytesSent).toBeLessThan(10 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(30 * 1024 * 1024);
    expect((await demo.api('GET', '/v1/health')).status).toBe(200);
  });

  it('survives deeply nested JSON: 100,000 levels is over the size limit, 30,000 is a plain 400', async () => {
    const tooBig = await json('['.repeat(100_000));
    expect(tooBig.status).toBe(413);
    const deep = await json('['.repeat(30_000) + ']'.repeat(30_000));
    expect(deep.status).toBe(400);
    expect(deep.json.error.code).toBe('BAD_REQUEST');
    const deepInside = await json(`{"cardNumber":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expect(deepInside.status).toBe(400);
    const deepObjects = await json(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(deepObjects.status).toBe(400);
    const unclosed = await json('{"a":'.repeat(10_000));
    expect(unclosed.status).toBe(400);
    expect((await demo.api('GET', '/v1/health')).status).toBe(200);
  });

  it('refuses __proto__ and constructor keys at any depth, and Object.prototype is untouched', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const body of [
      `{"cardNumber":"${card}","__proto__":{"admin":true}}`,
      `{"cardNumber":"${card}","x":{"y":{"__proto__":{"admin":true}}}}`,
      `{"cardNumber":"${card}","constructor":{"prototype":{"admin":true}}}`,
      `[{"__proto__":{"admin":true}}]`,
      `{"cardNumber":"${card}","\\u005f_proto__":{"admin":true}}`,
    ]) {
      const r = await json(body);
      expect(r.status, body).toBe(400);
      expect(r.json.error.code).toBe('BAD_REQUEST');
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('refuses a body that is not UTF-8 instead of reading it with replacement characters', async () => {
    const bad = [
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xc0, 0xaf]), // an overlong "/"
      Buffer.from([0xed, 0xa0, 0x80]), // a lone surrogate
      Buffer.from([0xe2, 0x82]), // cut short
    ];
    for (const bytes of bad) {
      const r = await json(
        Buffer.concat([Buffer.from('{"cardNumber":"628039000000'), bytes, Buffer.from('0011"}')]),
      );
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('UTF-8') });
    }
    // Real UTF-8 is fine, and gets the contract's own answer.
    expect((await json(`{"cardNumber":"${card}","pin":"١٢٣٤"}`)).status).toBe(400);
    expect((await json(`{"cardNumber":"${card}"}`)).status).toBe(200);
  });

  it('refuses numbers JavaScript would round (past 2^53, or too precise) rather than reading another value', async () => {
    for (const amount of [
      '9007199254740993',
      '9007199254740992',
      '-9007199254740993',
      '1e400',
      '1.00000000000000001',
    ]) {
      const r = await json(`{"cardNumber":"${card}","amountMinor":${amount},"currency":"GBP"}`, '/v1/topups');
      expect(r.status, amount).toBe(400);
      expect(r.json.error.message).toContain(`The number ${amount} cannot be read exactly`);
    }
    // The biggest exact integer is read as itself (and then the contract's range applies).
    const edge = await json(
      `{"cardNumber":"${card}","amountMinor":9007199254740991,"currency":"GBP"}`,
      '/v1/topups',
    );
    expect(edge.status).toBe(400);
    expect(edge.json.error.message).not.toContain('cannot be read exactly');
  });

  it('finds the inexact number in any JSON text, and never in strings', () => {
    expect(inexactNumber('{"a":1,"b":[2,3.5,-4e2],"c":"9007199254740993"}')).toBeUndefined();
    expect(inexactNumber('{"a":"\\"9007199254740993","b":9007199254740993}')).toBe('9007199254740993');
    expect(
      inexactNumber('[9007199254740991, -9007199254740991, 0, -0, 0.1, 123456789012345e-3]'),
    ).toBeUndefined();
    expect(inexactNumber('[1234567890.1234567]')).toBe('1234567890.1234567');
    expect(inexactNumber('[1e-400]')).toBe('1e-400');
    expect(inexactNumber('[0.000]')).toBeUndefined();
  });
});

describe('POS API against clients that hold sockets', () => {
  it('cuts off a client that sends its headers (or its body) too slowly, and keeps answering others', async () => {
    const slow = (head: string, drip: string) =>
      new Promise<{ closedAfterMs: number; answer: string }>((resolve) => {
        const started = performance.now();
        const socket = net.connect(demo.runtime.port, '127.0.0.1');
        let answer = '';
        let timer: NodeJS.Timeout | undefined;
        socket.on('connect', () => {
          socket.write(head);
          timer = setInterval(() => socket.write(drip), 250);
        });
        socket.on('data', (d) => (answer += d));
        socket.on('error', () => {});
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ closedAfterMs: performance.now() - started, answer });
        });
        setTimeout(() => socket.destroy(), REQUEST_TIMEOUT_MS + 10_000).unref();
      });
    const headers = slow(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${demo.runtime.port}\r\n`, 'X');
    const body = slow(
      `POST /v1/cards/inquiry HTTP/1.1\r\nHost: 127.0.0.1:${demo.runtime.port}\r\n` +
        `Authorization: Bearer ${demo.runtime.token.value}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 1000\r\n\r\n`,
      ' ',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect((await demo.api('GET', '/v1/health')).status).toBe(200);
    const [h, b] = await Promise.all([headers, body]);
    expect(h.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 3000);
    expect(h.answer).not.toContain('"demo"');
    expect(b.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    expect(b.answer).not.toMatch(/^HTTP\/1\.1 200/);
  }, 30_000);

  it(`allows ${MAX_EVENT_STREAMS} event streams at once; the next is told why (503), and a closed one frees its place`, async () => {
    const open = (): Promise<{ status: number; body: string; req: http.ClientRequest }> =>
      new Promise((resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: demo.runtime.port,
            path: '/v1/events',
            agent: false,
            headers: { authorization: `Bearer ${demo.runtime.token.value}` },
          },
          (res) => {
            if (res.statusCode === 200) {
              res.once('data', () => resolve({ status: 200, body: '', req }));
              return;
            }
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, req }));
          },
        );
        req.on('error', reject);
      });
    const streams: Array<{ req: http.ClientRequest }> = [];
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS; i++) {
        const s = await open();
        expect(s.status).toBe(200);
        streams.push(s);
      }
      const refused = await open();
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.body).error.message).toMatch(/already has 32 event streams open/);
      // Everything else still answers.
      expect((await demo.api('GET', '/v1/health')).status).toBe(200);
      streams.pop()!.req.destroy();
      let again: Awaited<ReturnType<typeof open>> | undefined;
      for (let i = 0; i < 50; i++) {
        again = await open();
        if (again.status === 200) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(again?.status).toBe(200);
      streams.push(again!);
    } finally {
      for (const s of streams) s.req.destroy();
    }
  });
});

describe('POS API beyond this machine', () => {
  // Made when the tests run (not when the file is read), so a filtered run leaves nothing behind.
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t.remove());
  const configFile = (name: string, config: unknown) => {
    const file = path.join(t.dir, name);
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const load = (config: unknown) =>
    loadConfig(
      { configFile: configFile('config.json', config), demo: true, dataDir: path.join(t.dir, 'data') },
      { platform: process.platform, env: {}, homedir: t.dir },
    );

  it('knows which addresses only this machine can reach', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.0.2.10', 'till-7.example', '128.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
    expect(exposedWarning({ host: '192.0.2.10', port: 7420 })).toMatch(
      /^THE POS API IS LISTENING ON 192\.0\.2\.10:7420/,
    );
  });

  it('refuses to start on a non-loopback address without posApi.tls, before binding anything', async () => {
    let error: unknown;
    try {
      load({ posApi: { host: '0.0.0.0', port: 0 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(
      /^posApi\.tls: is required when posApi\.host \(0\.0\.0\.0\)/,
    );
    // The runtime refuses too, should a config ever reach it unchecked.
    const loaded = load({ posApi: { port: 0 } });
    await expect(
      startRuntime({
        loaded: {
          ...loaded,
          config: { ...loaded.config, posApi: { ...loaded.config.posApi, host: '192.0.2.10' } },
        },
        version: '0.0.0-test',
      }),
    ).rejects.toThrow(/posApi\.tls/);
  });

  it('check-config names posApi.tls for an exposed address, and accepts one with a certificate', async () => {
    const exposed = await runCli([
      'check-config',
      configFile('exposed.json', { posApi: { host: '0.0.0.0' } }),
    ]);
    expect(exposed.code).toBe(1);
    expect(exposed.stdout).toMatch(
      /^posApi\.tls: is required when posApi\.host \(0\.0\.0\.0\) lets other machines in/m,
    );
    const withTls = await runCli([
      'check-config',
      configFile('tls.json', {
        posApi: { host: '0.0.0.0', tls: { certFile: '/etc/till/cert.pem', keyFile: '/etc/till/key.pem' } },
      }),
    ]);
    expect(withTls.code).toBe(0);
  });

  it('serves HTTPS with the configured certificate (self-signed here), still with the token', async () => {
    const { key, cert } = selfSignedCert(t.dir, { ipSan: true });
    const secure = await startDemo({
      config: { posApi: { port: 0, tls: { certFile: cert, keyFile: key } } },
    });
    // Verified against the certificate itself: nothing here turns verification off.
    const dispatcher = new HttpsAgent({ connect: { ca: fs.readFileSync(cert) } });
    try {
      expect(secure.runtime.origin).toBe(`https://127.0.0.1:${secure.runtime.port}`);
      const health = await request(`${secure.runtime.origin}/v1/health`, {
        dispatcher,
        headers: { authorization: `Bearer ${secure.runtime.token.value}` },
      });
      expect(health.statusCode).toBe(200);
      expect(await health.body.json()).toMatchObject({ demo: true });
      const noToken = await request(`${secure.runtime.origin}/v1/health`, { dispatcher });
      expect(noToken.statusCode).toBe(401);
      await noToken.body.dump();
      // Plain HTTP on the same port gets no answer.
      await expect(
        request(`http://127.0.0.1:${secure.runtime.port}/v1/health`, {
          headers: { authorization: `Bearer ${secure.runtime.token.value}` },
        }).then((r) => r.body.text()),
      ).rejects.toThrow();
    } finally {
      await dispatcher.close();
      await secure.stop();
    }
  });
});
