// The Centegra client against a bare HTTP server on loopback: a call gives up timeoutMs after it
// started whether it waits for a connection, for the answer or for the rest of it; an answer over
// 1 MB is refused unread; the headers it reads (Retry-After, Idempotent-Replayed) come through.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCentegraClient, type Centegra } from '../../main/agent/centegra';

const till = { siteId: 'S', tillId: 'T' };
const card = { cardNumber: '6280000000000001', entryType: 'KEYED' as const };
const answer = JSON.stringify({
  cardNumber: card.cardNumber,
  status: 'ACTIVE',
  balance: { amountMinor: 1234, currency: 'GBP' },
});

let server: http.Server | undefined;
let client: Centegra | undefined;

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/giftcards/v1`;
}

afterEach(async () => {
  await client?.close();
  client = undefined;
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  }
});

describe('the Centegra client', () => {
  it('reads an answer, from the path under the base address, with the key sent', async () => {
    const seen: Array<{ url?: string; key?: string | string[] }> = [];
    const baseUrl = await serve((req, res) => {
      seen.push({ url: req.url, key: req.headers['x-api-key'] });
      res.setHeader('content-type', 'application/json');
      res.end(answer);
    });
    client = createCentegraClient({ baseUrl, apiKey: 'key-1234567890', timeoutMs: 1000, till });
    expect(await client.inquire(card)).toEqual({
      ok: true,
      value: { cardNumber: card.cardNumber, status: 'ACTIVE', balanceMinor: 1234, currency: 'GBP' },
    });
    expect(seen).toEqual([{ url: '/giftcards/v1/cards/inquiry', key: 'key-1234567890' }]);
  });

  it('gives up on calls that wait for an answer, each timeoutMs after it started', async () => {
    const baseUrl = await serve(() => {}); // never answers
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 300, till });
    const started = performance.now();
    const first = client.inquire(card).then((r) => ({ r, ms: performance.now() - started }));
    await new Promise((r) => setTimeout(r, 150));
    const second = client.inquire(card).then((r) => ({ r, ms: performance.now() - started }));
    const [a, b] = await Promise.all([first, second]);
    for (const { r } of [a, b])
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'OFFLINE', cause: 'TIMEOUT', outcomeUnknown: true },
      });
    // Each at its own deadline (the upper bounds leave room for a busy machine).
    expect(a.ms).toBeGreaterThanOrEqual(295);
    expect(a.ms).toBeLessThan(1500);
    expect(b.ms).toBeGreaterThanOrEqual(445);
    expect(b.ms).toBeLessThan(1650);
  });

  it('gives up on an answer that stops halfway', async () => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(answer.length) });
      res.write(answer.slice(0, 10)); // and the rest never comes
    });
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 300, till });
    expect(await client.inquire(card)).toMatchObject({ ok: false, error: { cause: 'TIMEOUT' } });
  });

  it('more calls than connections to a server that holds them all: every one gives up in time', async () => {
    const baseUrl = await serve(() => {}); // holds every connection
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 500, till });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => client!.inquire(card)));
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { cause: 'TIMEOUT' } });
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('refuses an answer over 1 MB without keeping it, and the next call still works', async () => {
    let calls = 0;
    const baseUrl = await serve((_req, res) => {
      calls += 1;
      res.setHeader('content-type', 'application/json');
      if (calls === 1) res.end(`{"pad":"${'x'.repeat(1024 * 1024)}"}`);
      else res.end(answer);
    });
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 2000, till });
    expect(await client.inquire(card)).toMatchObject({
      ok: false,
      error: { code: 'CENTEGRA_ERROR', cause: 'UNREADABLE_ANSWER', message: expect.stringContaining('1 MB') },
    });
    expect(await client.inquire(card)).toMatchObject({ ok: true });
  });

  it('reads Retry-After on a refusal and Idempotent-Replayed on a success', async () => {
    let calls = 0;
    const baseUrl = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
      res.end(
        JSON.stringify({
          cardNumber: card.cardNumber,
          kind: 'ISSUANCE',
          amount: { amountMinor: 500, currency: 'GBP' },
          transactionId: 'T-1',
          balanceAfter: { amountMinor: 1734, currency: 'GBP' },
        }),
      );
    });
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 1000, till });
    expect(await client.inquire(card)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', retryAfterMs: 7000 },
    });
    expect(await client.issue('R-1', card, 500, 'GBP')).toMatchObject({ ok: true, replayed: true });
  });

  it('refuses an answer of the wrong shape, and a refused connection is OFFLINE, not sent', async () => {
    const baseUrl = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"cardNumber": 1}');
    });
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 1000, till });
    expect(await client.inquire(card)).toMatchObject({
      ok: false,
      error: { code: 'CENTEGRA_ERROR', cause: 'UNREADABLE_ANSWER' },
    });
    await client.close();
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    client = createCentegraClient({ baseUrl, apiKey: 'k'.repeat(12), timeoutMs: 1000, till });
    expect(await client.inquire(card)).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', cause: 'ECONNREFUSED', outcomeUnknown: false },
    });
  });
});
