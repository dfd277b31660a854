// Drain after an outage: 10,000 closures queued while Centegra Plus was down, then sent to the
// simulator on loopback once it is back: closures per second, from the moment the link is back
// until the queue is empty. Closes are taken offline under the "allow" policy, as a till would.
// Floor (a ceiling here): the simulator's own rate for the same closes sent bare with undici from
// this process, 16 at a time in batches as the agent sends them, right after the drain.
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request } from 'undici';
import { DEMO_API_KEY, luhnCheckDigit } from '../main/centegra-sim';
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
    const bare = await bareCloses(sim.baseUrl, cards, closures);
    return [
      {
        figure: 'drain of 10,000 queued closures to the simulator',
        value: round(closures / seconds, 0),
        unit: 'per s',
        budget: 1000,
        atLeast: true,
        floor: round(bare.perSecond, 0),
        detail: `${round(seconds, 2)} s; floor (a ceiling): the same closes sent bare to the same simulator, 16 at a time, ${round(bare.seconds, 2)} s`,
      },
    ];
  } finally {
    await demo.stop();
  }
}

/** The same closes as the agent sends them (same shape, same cards), bare, 16 in flight per batch. */
async function bareCloses(baseUrl: string, cards: string[], closures: number) {
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000, connections: 16 });
  const send = async (i: number) => {
    const r = await request(`${baseUrl}/baskets/close`, {
      method: 'POST',
      dispatcher,
      headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({
        requestId: randomUUID(),
        till: { siteId: 'BENCH', tillId: 'BARE' },
        basketId: `bare-drain-${i}`,
        closedAt: new Date().toISOString(),
        currency: 'GBP',
        totalMinor: 700,
        lines: [
          { sku: 'SKU', description: 'Sandwich', quantity: 1, unitPriceMinor: 700, lineTotalMinor: 700 },
        ],
        tenders: [
          {
            kind: 'GIFT_CARD',
            amountMinor: 500,
            card: { cardNumber: cards[i % cards.length]!, entryType: 'KEYED' },
          },
          { kind: 'CASH', amountMinor: 200 },
        ],
      }),
    });
    await r.body.dump();
    if (r.statusCode !== 200) throw new Error(`a bare close answered ${r.statusCode}`);
  };
  try {
    const started = performance.now();
    for (let from = 0; from < closures; from += 16)
      await Promise.all(Array.from({ length: Math.min(16, closures - from) }, (_, k) => send(from + k)));
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: closures / seconds, seconds };
  } finally {
    await dispatcher.close();
  }
}
