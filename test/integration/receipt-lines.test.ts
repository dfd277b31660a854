// Receipt lines as the POS reads them over real HTTP (issue 16): a close answers the card's ending,
// what it paid and what is left; a queued close says the balance follows; a top-up and a refund
// say what they put on the card. Never more than the last four digits of a card.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../main/centegra-sim';
import { GBP, lines, newCard, until } from '../helpers/money';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started;
let sim: Simulator;
let n = 0;
const id = (what: string) => `rl-${what}-${Date.now().toString(36)}-${++n}`;

beforeAll(async () => {
  demo = await startDemo({
    config: { posApi: { port: 0 }, centegra: { timeoutMs: 1000 }, closeWaitMs: 1500 },
    onlineProbeMs: 500,
  });
  sim = demo.runtime.simulator!;
});
afterAll(async () => {
  await demo.stop();
});
beforeEach(async () => {
  sim.clearFaults();
  // A test that failed Centegra's calls on purpose leaves the link down until the next probe.
  await until(
    async () => (await demo.api('GET', '/v1/health')).json.centegra.state === 'ONLINE',
    'Centegra Plus back online',
  );
});

async function saleWith(card: string, totalMinor: number): Promise<string> {
  const basketId = id('sale');
  const put = await demo.api('PUT', `/v1/baskets/${basketId}`, {
    body: { basketId, currency: GBP, totalMinor, lines: lines(totalMinor) },
  });
  expect(put.status, put.text).toBe(200);
  const applied = await demo.api('POST', `/v1/baskets/${basketId}/gift-cards`, {
    body: { cardNumber: card },
  });
  expect(applied.status, applied.text).toBe(200);
  return basketId;
}

describe('receipt lines', () => {
  it('a delivered close: the card ending, what it paid and what is left on it', async () => {
    const card = newCard(sim, 2000);
    const basketId = await saleWith(card, 1250);
    const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(200);
    expect(close.json.state).toBe('DELIVERED');
    expect(close.json.receiptLines).toEqual([
      `Gift card ending ${card.slice(-4)}`,
      'Paid                      £12.50',
      'Balance left               £7.50',
    ]);
    expect(JSON.stringify(close.json.receiptLines)).not.toContain(card.slice(-5));
  });

  it('a queued close: what each card paid, and that the balance updates when the sale is sent', async () => {
    const card = newCard(sim, 2000);
    const basketId = await saleWith(card, 500);
    sim.setFaults({ paths: ['/baskets/close'], errorRate: 1, errorStatus: 503 });
    const close = await demo.api('POST', `/v1/baskets/${basketId}/close`, { body: { otherTenders: [] } });
    expect(close.status, close.text).toBe(202);
    expect(close.json.state).toBe('QUEUED');
    expect(close.json.receiptLines).toEqual([
      `Gift card ending ${card.slice(-4)}`,
      'Paid                       £5.00',
      'Balance updates when the sale',
      'reaches Factor4.',
    ]);
  });

  it('a top-up and a refund: the amount put on the card and its new balance', async () => {
    const card = newCard(sim, 1000);
    const topUp = await demo.api('POST', '/v1/topups', {
      body: { topUpId: id('tu'), cardNumber: card, amountMinor: 2000, currency: GBP },
    });
    expect(topUp.status, topUp.text).toBe(200);
    expect(topUp.json.receiptLines).toEqual([
      `Gift card ending ${card.slice(-4)}`,
      'Topped up                 £20.00',
      'New balance               £30.00',
    ]);
    const refund = await demo.api('POST', '/v1/refunds', {
      body: { refundId: id('rf'), cardNumber: card, amountMinor: 300, currency: GBP },
    });
    expect([200, 202], refund.text).toContain(refund.status);
    expect(refund.json.receiptLines[0]).toBe(`Gift card ending ${card.slice(-4)}`);
    expect(refund.json.receiptLines[1]).toBe('Refunded                   £3.00');
    if (refund.status === 200) expect(refund.json.receiptLines[2]).toBe('New balance               £33.00');
  });
});
