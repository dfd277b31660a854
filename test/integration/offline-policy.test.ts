// The offline policy: "block" refuses gift cards while Centegra Plus is unreachable, saying why;
// "allow" takes up to the last known balance minus what this till has queued on the card, within
// offline.maxPerCardMinor and offline.maxTotalMinor, and says which limit stopped it.
import { afterEach, describe, expect, it } from 'vitest';
import { demoCards } from '../../main/centegra-sim';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started | undefined;
afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

const big = demoCards.find((c) => c.label.startsWith('active, £250.00'))!.cardNumber;
const fifty = demoCards.find((c) => c.label.startsWith('active, £50.00'))!.cardNumber;
let n = 0;
async function basket(d: Started, totalMinor: number) {
  const id = `off-${++n}`;
  await d.api('PUT', `/v1/baskets/${id}`, {
    body: {
      currency: 'GBP',
      totalMinor,
      lines: [
        {
          sku: 'A',
          description: 'Thing',
          quantity: 1,
          unitPriceMinor: totalMinor,
          lineTotalMinor: totalMinor,
        },
      ],
    },
  });
  return id;
}
async function goOffline(d: Started) {
  d.runtime.simulator!.setFaults({ down: true });
  await d.api('POST', '/v1/cards/inquiry', { body: { cardNumber: big } });
  expect((await d.api('GET', '/v1/health')).json.centegra.state).toBe('OFFLINE');
}

describe('offline policy "block" (the default)', () => {
  it('refuses gift card tender while Centegra is unreachable, saying why', async () => {
    demo = await startDemo();
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: big } });
    await goOffline(demo);
    const id = await basket(demo, 1000);
    const r = await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big } });
    expect(r.status).toBe(503);
    expect(r.json.error).toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining("Centegra Plus can't be reached"),
    });
  });
});

describe('offline policy "allow"', () => {
  const allow = (maxPerCardMinor: number, maxTotalMinor: number) => ({
    posApi: { port: 0 },
    closeWaitMs: 0,
    offline: { giftCardTender: 'allow' as const, maxPerCardMinor, maxTotalMinor },
  });

  it("takes up to the last known balance, marks the tender offline with the balance's age, and queues the close", async () => {
    demo = await startDemo({ config: allow(100_000, 1_000_000) });
    const checked = await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } });
    await goOffline(demo);
    const id = await basket(demo, 8000);
    const r = await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: fifty } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.giftCardTenders[0]).toMatchObject({
      amountMinor: 5000,
      balanceBeforeMinor: 5000,
      offline: true,
      balanceCheckedAt: checked.json.checkedAt,
    });
    const close = await demo.api('POST', `/v1/baskets/${id}/close`, {
      body: { otherTenders: [{ kind: 'CASH', amountMinor: 3000 }] },
    });
    expect(close.status).toBe(202);
  });

  it('subtracts what this till already queued on the card', async () => {
    demo = await startDemo({ config: allow(100_000, 1_000_000) });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } });
    await goOffline(demo);
    const first = await basket(demo, 3000);
    await demo.api('POST', `/v1/baskets/${first}/gift-cards`, { body: { cardNumber: fifty } });
    expect(
      (await demo.api('POST', `/v1/baskets/${first}/close`, { body: { otherTenders: [] } })).status,
    ).toBe(202);
    const second = await basket(demo, 3000);
    const r = await demo.api('POST', `/v1/baskets/${second}/gift-cards`, { body: { cardNumber: fifty } });
    expect(r.json.giftCardTenders[0]).toMatchObject({ amountMinor: 2000 });
    await demo.api('POST', `/v1/baskets/${second}/close`, {
      body: { otherTenders: [{ kind: 'CASH', amountMinor: 1000 }] },
    });
    const third = await basket(demo, 3000);
    const refused = await demo.api('POST', `/v1/baskets/${third}/gift-cards`, {
      body: { cardNumber: fifty },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: 'ZERO_BALANCE',
      message: expect.stringContaining('already queued'),
    });
  });

  it('keeps within offline.maxPerCardMinor', async () => {
    demo = await startDemo({ config: allow(1500, 1_000_000) });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: big } });
    await goOffline(demo);
    const id = await basket(demo, 5000);
    const r = await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: big } });
    expect(r.json.giftCardTenders[0].amountMinor).toBe(1500);
    expect(r.json.dueMinor).toBe(3500);
  });

  it('stops at offline.maxTotalMinor, and the message names the limit', async () => {
    demo = await startDemo({ config: allow(100_000, 2000) });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: big } });
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } });
    await goOffline(demo);
    const a = await basket(demo, 2000);
    expect(
      (await demo.api('POST', `/v1/baskets/${a}/gift-cards`, { body: { cardNumber: big } })).json
        .giftCardTotalMinor,
    ).toBe(2000);
    const b = await basket(demo, 1000);
    const r = await demo.api('POST', `/v1/baskets/${b}/gift-cards`, { body: { cardNumber: fifty } });
    expect(r.status).toBe(503);
    expect(r.json.error.message).toContain('offline.maxTotalMinor');
    expect(r.json.error.message).toContain('£20.00');
  });

  it('refuses a card this till has never seen', async () => {
    demo = await startDemo({ config: allow(100_000, 1_000_000) });
    await goOffline(demo);
    const id = await basket(demo, 1000);
    const r = await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: fifty } });
    expect(r.status).toBe(503);
    expect(r.json.error.message).toContain('never seen');
  });

  it('a card spent elsewhere meanwhile fails when the queue reaches Factor4, and the manager is told what to do', async () => {
    demo = await startDemo({ config: allow(100_000, 1_000_000) });
    const sim = demo.runtime.simulator!;
    await demo.api('POST', '/v1/cards/inquiry', { body: { cardNumber: fifty } });
    await goOffline(demo);
    const id = await basket(demo, 4000);
    await demo.api('POST', `/v1/baskets/${id}/gift-cards`, { body: { cardNumber: fifty } });
    const close = await demo.api('POST', `/v1/baskets/${id}/close`, { body: { otherTenders: [] } });
    sim.setCard({ ...sim.card(fifty)!, balanceMinor: 1000 }); // spent elsewhere during the outage
    sim.clearFaults();
    const deadline = Date.now() + 20_000;
    let item: any;
    do {
      await new Promise((r) => setTimeout(r, 200));
      item = (await demo.api('GET', '/v1/queue')).json.items.find(
        (i: { itemId: string }) => i.itemId === close.json.itemId,
      );
    } while (item.state !== 'FAILED' && Date.now() < deadline);
    expect(item).toMatchObject({ state: 'FAILED', lastErrorCode: 'INSUFFICIENT_FUNDS' });
    const unlocked = await demo.runtime.agent.call('managerUnlock', { pin: '1234' });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const page = await demo.runtime.agent.call('managerQueue', {
      session: unlocked.value.session,
      state: 'FAILED',
    });
    expect(page.ok && page.value.items[0]!.advice).toContain(
      'Collect £40.00 from the customer, or write it off',
    );
    expect(sim.card(fifty)!.balanceMinor).toBe(1000);
  }, 30_000);
});
