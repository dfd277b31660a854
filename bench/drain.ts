// Drain after an outage: 10,000 closures queued while Centegra Plus was down, then sent to the
// simulator on loopback once it is back: closures per second, from the moment the link is back
// until the queue is empty. Closes are taken offline under the "allow" policy, as a till would.
// Floor (a ceiling here): the simulator's own rate for the same closes sent bare with undici from
// this process, 16 at a time in batches as the agent once sent them, right after the drain.
// Then the same after a second outage with 1,000 closures, against a simulator that answers each
// close 50 ms late (as a Centegra far away would): there the limit is the round trip, not the CPU,
// and the floor is window / RTT, the agent's window of requests in flight over the mean round trip
// of the same closes sent bare, the same number in flight, to the same slow simulator.
import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request } from 'undici';
import { DELIVERY_WINDOW } from '../main/agent/queue';
import { DEMO_API_KEY, luhnCheckDigit } from '../main/centegra-sim';
import { startDemo } from '../test/helpers/runtime';
import { round, stats, type Row } from './lib';

export type DemoAgent = Awaited<ReturnType<typeof startDemo>>['runtime']['agent'];

/** The slow simulator's delay on each close, and how many closures that drain sends. */
const LATENCY_MS = 50;
const SLOW_CLOSURES = 1000;

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
  // Each card checked once while online.
  const cards = drainCards();
  for (const cardNumber of cards) {
    sim.setCard({ cardNumber, status: 'ACTIVE', balanceMinor: 1_000_000, currency: 'GBP' });
    await agent.call('inquireCard', { cardNumber });
  }
  const setDown: SetDown = (down) => {
    sim.setFaults({ down });
    if (!down) sim.clearRequests();
  };
  try {
    await queueWhileDown(agent, setDown, cards, 0, closures);
    const seconds = await drainAfterOutage(agent, setDown, cards);
    const closesApplied = () => [...sim.applied().values()].filter((a) => a.operation === 'close').length;
    const delivered = closesApplied();
    if (delivered !== closures)
      throw new Error(`only ${delivered} of ${closures} closures reached the simulator`);
    const bare = await bareCloses(sim.baseUrl, cards, closures);

    const beforeSlow = closesApplied(); // with the bare ones
    await queueWhileDown(agent, setDown, cards, closures, SLOW_CLOSURES);
    sim.setFaults({ latencyMs: LATENCY_MS, paths: ['/baskets/close'] });
    const slowSeconds = await drainAfterOutage(agent, setDown, cards);
    const slowDelivered = closesApplied() - beforeSlow;
    if (slowDelivered !== SLOW_CLOSURES)
      throw new Error(`only ${slowDelivered} of ${SLOW_CLOSURES} slow closures reached the simulator`);
    const rtt = await bareRoundTrips(sim.baseUrl, cards, 400);
    sim.clearFaults();
    // By Little's law a window of requests in flight goes at most window / mean round trip.
    const windowOverRtt = DELIVERY_WINDOW / (rtt.mean / 1000);
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
      {
        figure: `drain of 1,000 queued closures, simulator ${LATENCY_MS} ms away`,
        value: round(SLOW_CLOSURES / slowSeconds, 0),
        unit: 'per s',
        atLeast: true,
        floor: round(windowOverRtt, 0),
        relative: { times: 0.9 },
        detail: `${round(slowSeconds, 2)} s (1,000 closures, not 10,000, to keep the run short); floor: window / RTT = ${DELIVERY_WINDOW} in flight / ${round(rtt.mean, 1)} ms, the mean round trip of ${rtt.n} bare closes ${DELIVERY_WINDOW} at a time (p50 ${round(rtt.p50, 1)} ms, p99 ${round(rtt.p99, 1)} ms; bare rate ${round(rtt.perSecond, 0)} per s)`,
      },
    ];
  } finally {
    await demo.stop();
  }
}

/**
 * Five hundred customers' cards (a till's queue after a long outage holds many customers, rarely
 * one card many times).
 */
export function drainCards(): string[] {
  return Array.from({ length: 500 }, (_, i) => {
    const body = `628039${String(100_000 + i).padStart(9, '0')}`;
    return body + luhnCheckDigit(body);
  });
}

/** Takes Centegra Plus down (true) or brings it back (false, with whatever other faults are set). */
export type SetDown = (down: boolean) => void | Promise<void>;

/** Centegra down; `count` sales closed with a gift card (offline) and cash, numbered from `from`. */
export async function queueWhileDown(
  agent: DemoAgent,
  setDown: SetDown,
  cards: string[],
  from: number,
  count: number,
) {
  await setDown(true);
  await agent.call('inquireCard', { cardNumber: cards[0]! });
  for (let i = from; i < from + count; i++) {
    const basketId = `drain-${i}`;
    await agent.call('putBasket', {
      basketId,
      currency: 'GBP',
      totalMinor: 700,
      lines: [{ sku: 'SKU', description: 'Sandwich', quantity: 1, unitPriceMinor: 700, lineTotalMinor: 700 }],
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
    // A turn of the event loop, as between two sales on a till: what a close leaves for after its
    // answer (its log lines, its basket event; after-answer.ts) runs now. Without it, nothing here
    // yielded, and the work of every close queued piled up and ran when the drain began, timed
    // as the drain's own (~4,000 log lines per 2,000 closes).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Centegra back (with whatever faults are set on top of `down`): seconds until the queue is empty. */
export async function drainAfterOutage(agent: DemoAgent, setDown: SetDown, cards: string[]): Promise<number> {
  await setDown(false);
  const started = performance.now();
  await agent.call('inquireCard', { cardNumber: cards[0]! }); // the link sees Centegra back and wakes the queue
  for (;;) {
    const h = await agent.call('health', {});
    if (h.ok && h.value.queue.pending === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return (performance.now() - started) / 1000;
}

/** One close as the agent sends it (same shape, same cards), for the bare senders. */
function bareClose(baseUrl: string, dispatcher: HttpAgent, cards: string[], basketId: string, i: number) {
  return request(`${baseUrl}/baskets/close`, {
    method: 'POST',
    dispatcher,
    headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({
      requestId: randomUUID(),
      till: { siteId: 'BENCH', tillId: 'BARE' },
      basketId,
      closedAt: new Date().toISOString(),
      currency: 'GBP',
      totalMinor: 700,
      lines: [{ sku: 'SKU', description: 'Sandwich', quantity: 1, unitPriceMinor: 700, lineTotalMinor: 700 }],
      tenders: [
        {
          kind: 'GIFT_CARD',
          amountMinor: 500,
          card: { cardNumber: cards[i % cards.length]!, entryType: 'KEYED' },
        },
        { kind: 'CASH', amountMinor: 200 },
      ],
    }),
  }).then(async (r) => {
    await r.body.dump();
    if (r.statusCode !== 200) throw new Error(`a bare close answered ${r.statusCode}`);
  });
}

/** The same closes, bare, 16 in flight per batch. */
async function bareCloses(baseUrl: string, cards: string[], closures: number) {
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000, connections: 16 });
  const send = (i: number) => bareClose(baseUrl, dispatcher, cards, `bare-drain-${i}`, i);
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

/** Round trips of `n` bare closes, DELIVERY_WINDOW in flight (a new one as each ends), as the agent sends. */
export async function bareRoundTrips(baseUrl: string, cards: string[], n: number) {
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000, connections: DELIVERY_WINDOW });
  const rtts: number[] = [];
  let next = 0;
  const sender = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await bareClose(baseUrl, dispatcher, cards, `bare-slow-${i}`, i);
      rtts.push(performance.now() - t);
    }
  };
  try {
    const started = performance.now();
    await Promise.all(Array.from({ length: DELIVERY_WINDOW }, sender));
    const mean = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    return { ...stats(rtts), mean, perSecond: n / ((performance.now() - started) / 1000) };
  } finally {
    await dispatcher.close();
  }
}
