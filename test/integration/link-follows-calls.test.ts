// The link's state follows the calls the till really makes, against the real simulator over
// loopback: the first call that meets a dead Centegra marks the link down at once (and tells the
// screen), a rate limit is "busy" rather than plain online, /status is asked every few seconds
// while it says ONLINE but calls fail, and applying a card carries the same code as checking one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent, type AgentEvent } from '../../main/agent';
import { loadConfig } from '../../main/agent/config';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { ACTIVE_50, ACTIVE_250, PIN_CARD } from '../helpers/sim-http';
import { tempDir } from '../helpers/tmp';

let sim: Simulator;
let agent: Agent;
let dir: { dir: string; remove: () => void };
const events: AgentEvent[] = [];
let n = 0;

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
    // Online, /status is asked only once a minute: anything faster below is the link's own doing.
    onlineProbeMs: 60_000,
  });
  agent.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await agent.close();
  await sim.close();
  dir.remove();
});
afterEach(async () => {
  sim.clearFaults();
  // Back to ONLINE with no rate limit left over, from a call that answers.
  await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
});

const link = async () => {
  const h = await agent.call('health', {});
  if (!h.ok) throw new Error(h.error.message);
  return h.value.centegra;
};
const linkEvents = () => events.filter((e) => e.type === 'centegra').map((e) => e.data);
const statusCalls = () => sim.requests().filter((r) => r.path === '/status').length;

async function openBasket(): Promise<string> {
  const basketId = `link-${Date.now()}-${++n}`;
  const lines = [{ sku: 'A', description: 'A', quantity: 1, unitPriceMinor: 3000, lineTotalMinor: 3000 }];
  const r = await agent.call('putBasket', { basketId, currency: 'GBP', totalMinor: 3000, lines });
  expect(r.ok).toBe(true);
  return basketId;
}

describe('the link follows the first failed call', () => {
  it('Centegra goes down: the next inquiry marks the link OFFLINE at once and tells the screen', async () => {
    expect((await link()).state).toBe('ONLINE');
    events.length = 0;
    sim.setFaults({ down: true });
    const r = await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    // No probe was needed: the failed call itself changed the state and sent the event.
    expect(linkEvents()[0]).toMatchObject({ state: 'OFFLINE' });
    expect((await link()).state).toBe('OFFLINE');
  });

  it('an HTTP 500 or a timeout does the same', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 500 });
    await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
    expect((await link()).state).toBe('OFFLINE');
    sim.clearFaults();
    await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
    expect((await link()).state).toBe('ONLINE');
    sim.setFaults({ latencyMs: 2000 });
    await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
    expect((await link()).state).toBe('OFFLINE');
  });

  it('a rate limit is "busy": ONLINE with busyUntil, told at once, gone when a call answers again', async () => {
    events.length = 0;
    sim.setFaults({ rateLimited: { retryAfterS: 30 } });
    const r = await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const busy = await link();
    expect(busy.state).toBe('ONLINE');
    expect(Date.parse(busy.busyUntil ?? '')).toBeGreaterThan(Date.now() + 20_000);
    expect(linkEvents().at(-1)).toMatchObject({ busyUntil: busy.busyUntil });
    sim.clearFaults();
    expect((await agent.call('inquireCard', { cardNumber: ACTIVE_50 })).ok).toBe(true);
    expect((await link()).busyUntil).toBeUndefined();
    expect(linkEvents().at(-1)?.busyUntil).toBeUndefined();
  });

  it('probes /status every few seconds while it says ONLINE but card calls fail', async () => {
    // Only the inquiry path fails: /status keeps saying all is well.
    sim.setFaults({ errorRate: 1, errorStatus: 500, paths: ['/cards/inquiry'] });
    await agent.call('inquireCard', { cardNumber: ACTIVE_50 });
    // Wait for the backed-off probe to bring the state back to ONLINE, then count the probes after.
    await expect.poll(async () => (await link()).state, { timeout: 5000 }).toBe('ONLINE');
    sim.clearRequests();
    await new Promise((r) => setTimeout(r, 7000));
    expect(statusCalls()).toBeGreaterThanOrEqual(2);
  }, 20_000);
});

describe('applying a card says what checking its balance says', () => {
  it.each([
    ['key switched off', { keyDisabled: true }, 'CENTEGRA_KEY_DISABLED'],
    ['Factor4 down', { factor4Down: true }, 'FACTOR4_UNAVAILABLE'],
    ['an HTTP 500', { errorRate: 1, errorStatus: 500 as const }, 'CENTEGRA_ERROR'],
    ['a rate limit', { rateLimited: { retryAfterS: 20 } }, 'RATE_LIMITED'],
    ['Centegra down', { down: true }, 'OFFLINE'],
  ])('%s: apply answers %s, as the balance check does', async (_what, faults, code) => {
    const basketId = await openBasket();
    sim.setFaults(faults);
    const balance = await agent.call('inquireCard', { cardNumber: ACTIVE_250 });
    expect(balance).toMatchObject({ ok: false, error: { code } });
    // The first apply meets the fault itself; the second finds the link already down and says why.
    for (let i = 0; i < 2; i++) {
      const applied = await agent.call('applyGiftCard', { basketId, cardNumber: ACTIVE_250 });
      expect(applied).toMatchObject({ ok: false, error: { code } });
    }
  });
});

describe('a top-up while the link is down says why, as the balance check did', () => {
  it.each([
    ['key switched off', { keyDisabled: true }, 'CENTEGRA_KEY_DISABLED'],
    ['Factor4 down', { factor4Down: true }, 'FACTOR4_UNAVAILABLE'],
    ['Centegra down', { down: true }, 'OFFLINE'],
  ])('%s: %s', async (_what, faults, code) => {
    sim.setFaults(faults);
    expect(await agent.call('inquireCard', { cardNumber: ACTIVE_250 })).toMatchObject({
      ok: false,
      error: { code },
    });
    const topUp = await agent.call('topUp', { cardNumber: ACTIVE_250, amountMinor: 500, currency: 'GBP' });
    expect(topUp).toMatchObject({
      ok: false,
      error: { code, message: expect.stringContaining('give the money back') },
    });
  });
});

describe('a card with a PIN', () => {
  it('keyed without its PIN: PIN_REQUIRED on balance and apply (ask for it); a wrong PIN: CARD_NOT_FOUND', async () => {
    const basketId = await openBasket();
    for (const call of [
      () => agent.call('inquireCard', { cardNumber: PIN_CARD }),
      () => agent.call('applyGiftCard', { basketId, cardNumber: PIN_CARD }),
    ])
      expect(await call()).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } });
    expect(await agent.call('applyGiftCard', { basketId, cardNumber: PIN_CARD, pin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'CARD_NOT_FOUND', message: expect.stringMatching(/^Card number or PIN not recognised/) },
    });
    expect((await agent.call('applyGiftCard', { basketId, cardNumber: PIN_CARD, pin: '1234' })).ok).toBe(
      true,
    );
  });
});
