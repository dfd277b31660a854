// A gift card applied: the basket the POS is answered with is the one the screens are told of,
// once the answer is out (after-answer.ts), not on the way to it; with a hold and without.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../main/agent/contract';
import { demoCards } from '../../main/centegra-sim';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started;
const events: AgentEvent[] = [];
let stopListening: () => void;
const cardNumber = demoCards[6]!.cardNumber;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const TEA = { sku: 'SKU-2', description: 'Tea', quantity: 1, unitPriceMinor: 900, lineTotalMinor: 900 };

beforeAll(async () => {
  demo = await startDemo({ config: { posApi: { port: 0 } } });
  stopListening = demo.runtime.agent.subscribe((e) => events.push(e));
});
afterAll(async () => {
  stopListening();
  await demo.stop();
});

describe('applying a gift card', () => {
  it.each([
    ['held', true],
    ['not held', false],
  ])('%s: the basket event comes after the answer, and is the basket answered', async (_, held) => {
    const { agent, simulator } = demo.runtime;
    simulator!.setFaults({ noHolds: !held });
    const basketId = `aa-${held ? 'held' : 'plain'}`;
    await agent.call('putBasket', { basketId, currency: 'GBP', totalMinor: 900, lines: [TEA] });
    events.length = 0;
    const r = await agent.call('applyGiftCard', { basketId, cardNumber });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.giftCardTenders).toEqual([expect.objectContaining({ amountMinor: 900, held })]);
    expect(events.filter((e) => e.type === 'basket')).toEqual([]);
    await nextTurn();
    expect(events.filter((e) => e.type === 'basket').map((e) => e.data)).toEqual([r.value]);
    expect(await agent.call('getBasket', { basketId })).toEqual(r);
    simulator!.clearFaults();
  });
});
