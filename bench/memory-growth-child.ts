// Run by memory-growth.ts as `node --expose-gc --max-semi-space-size=1 --import tsx
// bench/memory-growth-child.ts`: a demo runtime in this process, a warm-up, then 100,000 scans
// (through the agent API's submitKeyboardScan: gift cards the simulator knows, well-formed numbers
// it does not, and text that is no card at all) and 10,000 sales (putBasket, applyGiftCard,
// closeBasket); memory after forced garbage collections at the end against after the warm-up.
// Prints one JSON line.
//
// The in-process simulator stands in for Centegra and is not the agent: its request log, applied
// list and idempotency store (which keep every request, up to a bound) are cleared before each
// reading, so what is compared is the agent's own memory.
import fs from 'node:fs';
import v8 from 'node:v8';
import { demoCards, luhnCheckDigit } from '../main/centegra-sim';
import type { AgentEvent } from '../main/agent';
import { startDemo } from '../test/helpers/runtime';
import { basketWithGiftCard } from './basket';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const demo = await startDemo({ config: { posApi: { port: 0 } } });
const { agent } = demo.runtime;
const sim = demo.runtime.simulator!;
const saleCard = demoCards[6]!.cardNumber;
const fundSaleCard = () =>
  sim.setCard({ ...sim.card(saleCard)!, status: 'ACTIVE', balanceMinor: 100_000_000 });
fundSaleCard();

// Inquiries run in the background after a scan; the loop waits for them so they do not pile up.
let announced = 0;
let answered = 0;
agent.subscribe((event: AgentEvent) => {
  if (event.type === 'scan' && event.data.valid) announced++;
  else if (event.type === 'card' || event.type === 'cardError') answered++;
});
async function settled(): Promise<void> {
  // A gift card's scan is announced once its inquiry is on the wire (a turn after the scan): wait
  // for that turn, or the scans just made would not be counted yet.
  await new Promise((r) => setImmediate(r));
  const started = Date.now();
  while (answered < announced) {
    if (Date.now() - started > 30_000) throw new Error(`${announced - answered} inquiries never answered`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

let unknownCards = 0;
function scanText(i: number): string {
  switch (i % 10) {
    case 0:
    case 1:
    case 2: {
      // A well-formed number the simulator does not know: a new one every time (no deduplication).
      const body = `628039${String(unknownCards++ % 1_000_000_000).padStart(9, '0')}`;
      return body + luhnCheckDigit(body);
    }
    case 3:
      return demoCards[i % demoCards.length]!.cardNumber; // known; repeats within 1.5 s are one scan
    case 4:
      return `ORDER-${i}`;
    case 5:
      return String(i).padStart(8, '0'); // too short for a card
    case 6:
      return `]C1010${String(5_000_000_000_000 + i)}`; // a GS1 product code, not a card
    case 7:
      return `https://example.com/p/${i}`;
    case 8:
      return '';
    default:
      return `${i}-${'x'.repeat(i % 60)}`;
  }
}

async function scans(from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const r = await agent.call('submitKeyboardScan', { text: scanText(i) });
    if (!r.ok && r.error.code !== 'BAD_REQUEST') throw new Error(`scan answered ${r.error.code}`);
    if (i % 200 === 199) await settled();
  }
  await settled();
}

async function sales(from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const basketId = `mem-${i}`;
    const { cashMinor } = await basketWithGiftCard(agent, basketId, saleCard);
    const closed = await agent.call('closeBasket', {
      basketId,
      otherTenders: [{ kind: 'CASH', amountMinor: cashMinor }],
    });
    if (!closed.ok) throw new Error(closed.error.message);
    // The simulator's idempotency store keeps every closure; it is Centegra's memory, not ours.
    if (i % 1000 === 999) {
      sim.reset();
      fundSaleCard();
    }
  }
}

/** RSS of malloc's main heap (the brk [heap] mapping): SQLite's page cache is there, V8 never is. */
function mallocMainHeap(): number {
  try {
    const smaps = fs.readFileSync('/proc/self/smaps', 'utf8');
    const rss = / \[heap\]\n(?:.*\n)*?Rss:\s+(\d+) kB/.exec(smaps);
    return rss ? Number(rss[1]) * 1024 : NaN;
  } catch {
    return NaN; // not Linux
  }
}

/** The physical size of V8's young generation, which V8 sizes by the recent rate of allocation. */
function youngGeneration(): number {
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return young?.physical_space_size ?? 0;
}

async function reading() {
  sim.reset();
  fundSaleCard();
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return {
    heapUsed: m.heapUsed,
    rss: m.rss,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    v8Heap: v8.getHeapStatistics().total_physical_size,
    youngGeneration: youngGeneration(),
    mallocMainHeap: mallocMainHeap(),
  };
}

const SCANS = 100_000;
const SALES = 10_000;
const startedAt = performance.now();
// Warm-up: code optimised, caches and pools at their working size.
await scans(0, 10_000);
await sales(0, 1_000);
const afterWarmUp = await reading();
const interleave = 10;
for (let k = 0; k < interleave; k++) {
  await scans(10_000 + (k * SCANS) / interleave, SCANS / interleave);
  await sales(1_000 + (k * SALES) / interleave, SALES / interleave);
}
const atEnd = await reading();
const queue = await agent.call('health', {});
await demo.stop();
console.log(
  JSON.stringify({
    afterWarmUp,
    atEnd,
    scans: SCANS,
    sales: SALES,
    inquiries: answered,
    seconds: (performance.now() - startedAt) / 1000,
    pending: queue.ok ? queue.value.queue.pending : undefined,
  }),
);
