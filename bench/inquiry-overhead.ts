// Agent overhead of a card inquiry through the POS API: each POS API call is paired with a direct
// call to the simulator for the same card, interleaved, and the difference is what the agent adds
// (HTTP in, contract validation, the adapter, the second hop's client side, HTTP out).
import { Agent as HttpAgent, request } from 'undici';
import { demoCards } from '../main/centegra-sim';
import { startDemo } from '../test/helpers/runtime';
import { round, stats, type Row } from './lib';

export async function inquiryOverhead(iterations = 2000): Promise<Row[]> {
  const demo = await startDemo();
  const dispatcher = new HttpAgent({ keepAliveTimeout: 30_000 });
  const sim = demo.runtime.simulator!;
  const cardNumber = demoCards[0]!.cardNumber;
  const direct = async () => {
    const r = await request(`${sim.baseUrl}/cards/inquiry`, {
      method: 'POST',
      dispatcher,
      headers: { 'x-api-key': sim.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        till: { siteId: 'DEMO', tillId: 'T01' },
        card: { cardNumber, entryType: 'KEYED' },
      }),
    });
    await r.body.dump();
  };
  const viaAgent = async () => {
    const r = await request(`${demo.runtime.origin}/v1/cards/inquiry`, {
      method: 'POST',
      dispatcher,
      headers: { authorization: `Bearer ${demo.runtime.token.value}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber }),
    });
    if (r.statusCode !== 200) throw new Error(`inquiry answered ${r.statusCode}`);
    await r.body.dump();
  };
  try {
    for (let i = 0; i < 300; i++) {
      await direct();
      await viaAgent();
    }
    sim.clearRequests();
    const overhead: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      await direct();
      const t1 = performance.now();
      await viaAgent();
      const t2 = performance.now();
      overhead.push(t2 - t1 - (t1 - t0));
      total.push(t2 - t1);
      if (i % 500 === 0) sim.clearRequests();
    }
    const o = stats(overhead);
    const t = stats(total);
    return [
      {
        figure: 'card inquiry via POS API, agent overhead p50',
        value: round(o.p50, 3),
        unit: 'ms',
        detail: `n=${o.n}`,
      },
      {
        figure: 'card inquiry via POS API, agent overhead p99',
        value: round(o.p99, 3),
        unit: 'ms',
        budget: 2,
        detail: `POS API total p50 ${round(t.p50, 3)} ms, p99 ${round(t.p99, 3)} ms`,
      },
    ];
  } finally {
    await dispatcher.close();
    await demo.stop();
  }
}
