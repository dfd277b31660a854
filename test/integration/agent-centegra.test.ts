// The agent core against the real simulator over loopback HTTP: inquiries, error mapping, link state.
import https from 'node:https';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent, type AgentEvent } from '../../main/agent';
import { createCentegraClient } from '../../main/agent/centegra';
import { loadConfig } from '../../main/agent/config';
import { demoCards, startSimulator, type Simulator } from '../../main/centegra-sim';
import { KEY_FIX } from '../../main/agent/contract';
import { selfSignedCert } from '../helpers/tls';
import { tempDir } from '../helpers/tmp';

let sim: Simulator;
let agent: Agent;
let dir: { dir: string; remove: () => void };
const events: AgentEvent[] = [];

const card = (label: string) => {
  const c = demoCards.find((d) => d.label.startsWith(label));
  if (!c) throw new Error(`no demo card "${label}"`);
  return c;
};

beforeAll(async () => {
  sim = await startSimulator({ quiet: true });
  dir = tempDir();
  const loaded = loadConfig(
    { demo: true, dataDir: dir.dir },
    { platform: 'linux', env: {}, homedir: dir.dir },
  );
  loaded.config.centegra.timeoutMs = 1000;
  agent = await Agent.start({
    loaded,
    version: 'test',
    centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
  });
  agent.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await agent.close();
  await sim.close();
  dir.remove();
});
afterEach(() => {
  sim.clearFaults();
});

describe('card inquiry through the simulator', () => {
  it('reads an active card: masked number, status, balance in pence', async () => {
    const r = await agent.call('inquireCard', { cardNumber: card('active, £50.00').cardNumber });
    expect(r).toEqual({
      ok: true,
      value: {
        cardNumberMasked: '••••••••••••0011',
        status: 'ACTIVE',
        balanceMinor: 5000,
        currency: 'GBP',
        checkedAt: expect.any(String),
      },
    });
  });

  it('sends what the contract says: till, card, entry type KEYED, and the API key', async () => {
    sim.clearRequests();
    await agent.call('inquireCard', { cardNumber: '6280 3900 0000 0011' });
    const [seen] = sim.requests();
    expect(seen).toMatchObject({ method: 'POST', path: '/cards/inquiry', status: 200, apiKeyPresent: true });
    expect(seen?.body).toEqual({
      till: { siteId: 'DEMO', tillId: 'T01' },
      card: { cardNumber: '6280390000000011', entryType: 'KEYED' },
    });
  });

  it.each([
    ['not activated yet', 'INACTIVE'],
    ['blocked', 'BLOCKED'],
    ['expired', 'EXPIRED'],
  ])('reports a %s card with its status', async (label, status) => {
    const r = await agent.call('inquireCard', { cardNumber: card(label).cardNumber });
    expect(r.ok && r.value.status).toBe(status);
  });

  it('passes a PIN and refuses a wrong one as not recognised', async () => {
    const c = card('active, £4.20');
    expect(await agent.call('inquireCard', { cardNumber: c.cardNumber, pin: c.pin })).toMatchObject({
      ok: true,
      value: { balanceMinor: 420 },
    });
    expect(await agent.call('inquireCard', { cardNumber: c.cardNumber, pin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'CARD_NOT_FOUND' },
    });
  });

  it('refuses an unknown card with a message saying what to do', async () => {
    const r = await agent.call('inquireCard', { cardNumber: '6280390000009999' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CARD_NOT_FOUND', message: expect.stringMatching(/Check the number/) },
    });
  });

  it('refuses a number that is not a gift card before asking Centegra', async () => {
    sim.clearRequests();
    const r = await agent.call('inquireCard', { cardNumber: '5012345678900' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_GIFT_CARD', message: expect.stringContaining('15 to 19 digits') },
    });
    expect(sim.requests()).toHaveLength(0);
  });

  it('refuses input outside the contract as BAD_REQUEST', async () => {
    expect(await agent.call('inquireCard', { cardNumber: 1234 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await agent.call('inquireCard', { cardNumber: '6280390000000011', pin: '12' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('PIN') },
    });
    expect(await agent.call('inquireCard', { cardNumber: '6280390000000011', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await agent.call('nope' as 'health', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('a scanId that was never scanned is NOT_FOUND, and says to scan again', async () => {
    expect(await agent.call('inquireCard', { scanId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('Scan the card again') },
    });
  });
});

describe('Centegra faults as the cashier sees them', () => {
  const active = () => card('active, £50.00').cardNumber;

  it('key disabled: names where to enable it, and the link says KEY_DISABLED', async () => {
    sim.setFaults({ keyDisabled: true });
    const r = await agent.call('inquireCard', { cardNumber: active() });
    expect(r).toMatchObject({ ok: false, error: { code: 'CENTEGRA_KEY_DISABLED' } });
    if (!r.ok) expect(r.error.message).toContain(KEY_FIX);
    const health = await agent.call('health', {});
    expect(health.ok && health.value.centegra.state).toBe('KEY_DISABLED');
    expect(events.at(-1)).toMatchObject({ type: 'centegra', data: { state: 'KEY_DISABLED' } });
  });

  it('a wrong key: KEY_INVALID, and the message names the key setting', async () => {
    const client = createCentegraClient({
      baseUrl: sim.baseUrl,
      apiKey: 'not-the-key',
      timeoutMs: 1000,
      till: { siteId: 'S', tillId: 'T' },
    });
    try {
      const r = await client.inquire({ cardNumber: active(), entryType: 'KEYED' });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'CENTEGRA_KEY_DISABLED',
          cause: 'KEY_INVALID',
          message: expect.stringContaining('centegra.apiKey'),
        },
      });
    } finally {
      await client.close();
    }
  });

  it('Factor4 down: FACTOR4_UNAVAILABLE, link FACTOR4_DOWN; back up: ONLINE', async () => {
    sim.setFaults({ factor4Down: true });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'FACTOR4_UNAVAILABLE' },
    });
    let h = await agent.call('health', {});
    expect(h.ok && h.value).toMatchObject({ status: 'DEGRADED', centegra: { state: 'FACTOR4_DOWN' } });
    sim.clearFaults();
    expect((await agent.call('inquireCard', { cardNumber: active() })).ok).toBe(true);
    h = await agent.call('health', {});
    expect(h.ok && h.value).toMatchObject({
      status: 'OK',
      centegra: { state: 'ONLINE', lastOkAt: expect.any(String) },
    });
  });

  it('site not configured: says to contact Centegra', async () => {
    sim.setFaults({ siteNotConfigured: true });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'SITE_NOT_CONFIGURED', message: expect.stringContaining('Contact Centegra') },
    });
  });

  it('Centegra down: OFFLINE, link OFFLINE', async () => {
    sim.setFaults({ down: true });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE' },
    });
    const h = await agent.call('health', {});
    expect(h.ok && h.value.centegra.state).toBe('OFFLINE');
  });

  it('too slow: gives up after timeoutMs and says so', async () => {
    sim.setFaults({ latencyMs: 3000 });
    const started = Date.now();
    const r = await agent.call('inquireCard', { cardNumber: active() });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: expect.stringContaining("didn't answer in time") },
    });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('rate limited: RATE_LIMITED with the wait', async () => {
    sim.setFaults({ rateLimited: { retryAfterS: 12 } });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('12 seconds') },
    });
  });

  it('Centegra internal error: CENTEGRA_ERROR', async () => {
    sim.setFaults({ errorRate: 1 });
    expect(await agent.call('inquireCard', { cardNumber: active() })).toMatchObject({
      ok: false,
      error: { code: 'CENTEGRA_ERROR' },
    });
  });
});

describe('TLS', () => {
  it('refuses plain http to anything but this machine', () => {
    expect(() =>
      createCentegraClient({
        baseUrl: 'http://api.example.com/v1',
        apiKey: 'k',
        timeoutMs: 1000,
        till: { siteId: 'S', tillId: 'T' },
      }),
    ).toThrow(/https/);
  });

  it('refuses a certificate it cannot verify, even with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const t = tempDir();
    const { key, cert } = selfSignedCert(t.dir);
    const server = https.createServer(
      { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
      (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            centegra: 'UP',
            factor4: 'UP',
            key: 'ENABLED',
            serverTime: new Date().toISOString(),
          }),
        );
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const client = createCentegraClient({
      baseUrl: `https://127.0.0.1:${port}/giftcards/v1`,
      apiKey: 'k'.repeat(10),
      timeoutMs: 2000,
      till: { siteId: 'S', tillId: 'T' },
    });
    try {
      const r = await client.status();
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'OFFLINE',
          cause: 'DEPTH_ZERO_SELF_SIGNED_CERT',
          message: expect.stringContaining('certificate'),
        },
      });
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
      await client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      t.remove();
    }
  });
});
