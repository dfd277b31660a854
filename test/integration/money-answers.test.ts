// An accepted close, top-up or refund answers from what it wrote (not read back), and tells the
// screens once its answer is out. What it answers is what the rows say: the same as reading them
// afresh (the basket's cached copy equals its rows; getRefund and getTopUp read theirs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../main/agent/contract';
import { demoCards } from '../../main/centegra-sim';
import { BasketRows, type FoundBasket } from '../../main/agent/sale/basket-rows';
import { startDemo, type Started } from '../helpers/runtime';

let demo: Started;
const events: AgentEvent[] = [];
let stopListening: () => void;
const cardNumber = demoCards[6]!.cardNumber;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const COFFEE = {
  sku: 'SKU-1',
  description: 'Coffee',
  quantity: 1,
  unitPriceMinor: 1250,
  lineTotalMinor: 1250,
};

beforeAll(async () => {
  demo = await startDemo({ config: { posApi: { port: 0 }, closeWaitMs: 0 } });
  const sim = demo.runtime.simulator!;
  sim.setCard({ ...sim.card(cardNumber)!, balanceMinor: 1_000_000 });
  stopListening = demo.runtime.agent.subscribe((e) => events.push(e));
});
afterAll(async () => {
  stopListening();
  await demo.stop();
});

describe('answers from what was written', () => {
  it('a top-up: DONE as getTopUp reads it, its first try counted in the commit that wrote it; the event after', async () => {
    const { agent } = demo.runtime;
    events.length = 0;
    const r = await agent.call('topUp', {
      cardNumber,
      amountMinor: 500,
      currency: 'GBP',
      topUpId: 'ma-tu-1',
    });
    expect(r.ok && r.value.state).toBe('DONE');
    expect(events.filter((e) => e.type === 'topup')).toEqual([]);
    await nextTurn();
    const told = events.filter((e) => e.type === 'topup');
    expect(told.map((e) => e.data)).toEqual([r.ok && r.value]);
    expect(await agent.call('getTopUp', { topUpId: 'ma-tu-1' })).toEqual(r);
    const row = agent.db
      .prepare('SELECT attempts, card_sealed FROM topups WHERE top_up_id = ?')
      .get('ma-tu-1');
    expect(row).toEqual({ attempts: 1, card_sealed: null });
  });

  it('a close, queued: its basket as the rows say, announced after the answer', async () => {
    const { agent } = demo.runtime;
    const basketId = 'ma-close-1';
    expect(
      (await agent.call('putBasket', { basketId, currency: 'GBP', totalMinor: 1250, lines: [COFFEE] })).ok,
    ).toBe(true);
    expect((await agent.call('applyGiftCard', { basketId, cardNumber, maxAmountMinor: 1000 })).ok).toBe(true);
    demo.runtime.simulator!.setFaults({ down: true });
    await agent.call('inquireCard', { cardNumber });
    events.length = 0;

    const r = await agent.call('closeBasket', {
      basketId,
      otherTenders: [{ kind: 'CASH', amountMinor: 250 }],
    });

    expect(r.ok && r.value.state).toBe('QUEUED');
    expect(events.filter((e) => e.type === 'basket')).toEqual([]);
    await nextTurn();
    expect(events.filter((e) => e.type === 'basket').map((e) => e.data)).toEqual([r.ok && r.value.basket]);
    // The copy the agent keeps (and answers from) is the rows, field by field.
    const sale = (agent as unknown as { sale: { baskets: { find(id: string): FoundBasket } } }).sale;
    expect(sale.baskets.find(basketId)).toEqual(new BasketRows(agent.db).read(basketId));
    expect((await agent.call('getBasket', { basketId })).ok).toBe(true);
  });

  it('a refund, queued: as getRefund reads it, and asked again, the same', async () => {
    const { agent } = demo.runtime;
    const r = await agent.call('refund', {
      refundId: 'ma-rf-1',
      cardNumber,
      amountMinor: 300,
      currency: 'GBP',
      reason: 'returned',
    });
    expect(r.ok && r.value.state).toBe('QUEUED');
    expect(await agent.call('getRefund', { refundId: 'ma-rf-1' })).toEqual(r);
    // Asked again (a lost answer): the same answer, read from the rows.
    expect(
      await agent.call('refund', {
        refundId: 'ma-rf-1',
        cardNumber,
        amountMinor: 300,
        currency: 'GBP',
        reason: 'returned',
      }),
    ).toEqual(r);
  });
});
