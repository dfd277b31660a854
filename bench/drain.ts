// Drain after an outage: 10,000 closures queued while Centegra Plus was down, then sent to the
// simulator on loopback once it is back: closures per second, from the moment the link is back
// until the queue is empty. Closes are taken offline under the "allow" policy, as a till would.
import { luhnCheckDigit } from '../main/centegra-sim';
import { startDemo } from '../test/helpers/runtime';
import { round, type Row } from './lib';

export async function drain(closures = 10_000): Promise<Row[]> {
  const demo = await startDemo({
    config: {
      posApi: { port: 0 },
      closeWaitMs: 0,
      cards: { dedupeMs: 0 },
      offline: { giftCardTender: 'allow', maxPerCardMinor: 100_000_000, maxTotalMinor: 100_000_000 },
    },
  });
  const agent = demo.runtime.agent;
  const sim = demo.runtime.simulator!;
  // Five hundred customers' cards, each checked once while online (a till's queue after a long
  // outage holds many customers, rarely one card many times).
  const cards = Array.from({ length: 500 }, (_, i) => {
    const body = `628039${String(100_000 + i).padStart(9, '0')}`;
    return body + luhnCheckDigit(body);
  });
  for (const cardNumber of cards) {
    sim.setCard({ cardNumber, status: 'ACTIVE', balanceMinor: 1_000_000, currency: 'GBP' });
    await agent.call('inquireCard', { cardNumber });
  }
  try {
    sim.setFaults({ down: true });
    await agent.call('inquireCard', { cardNumber: cards[0]! });
    for (let i = 0; i < closures; i++) {
      const basketId = `drain-${i}`;
      await agent.call('putBasket', {
        basketId,
        currency: 'GBP',
        totalMinor: 700,
        lines: [
          { sku: 'SKU', description: 'Sandwich', quantity: 1, unitPriceMinor: 700, lineTotalMinor: 700 },
        ],
      });
      const applied = await agent.call('applyGiftCard', {
        basketId,
        cardNumber: cards[i % cards.length]!,
        maxAmountMinor: 500,
      });
      if (!applied.ok) throw new Error(applied.error.message);
      const closed = await agent.call('closeBasket', {
        basketId,
        otherTenders: [{ kind: 'CASH', amountMinor: 200 }],
      });
      if (!closed.ok || closed.value.state !== 'QUEUED')
        throw new Error(`close answered ${JSON.stringify(closed)}`);
    }
    sim.clearFaults();
    sim.clearRequests();
    const started = performance.now();
    await agent.call('inquireCard', { cardNumber: cards[0]! }); // the link sees Centegra back and wakes the queue
    for (;;) {
      const h = await agent.call('health', {});
      if (h.ok && h.value.queue.pending === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const delivered = [...sim.applied().values()].filter((a) => a.operation === 'close').length;
    if (delivered !== closures)
      throw new Error(`only ${delivered} of ${closures} closures reached the simulator`);
    return [
      {
        figure: 'drain of 10,000 queued closures to the simulator',
        value: round(closures / seconds, 0),
        unit: 'per s',
        budget: 1000,
        atLeast: true,
        detail: `${round(seconds, 2)} s`,
      },
    ];
  } finally {
    await demo.stop();
  }
}
