// Scan to balance: a barcode written to a pty configured as a serial scanner, until the `card`
// event (with the balance from the simulator on loopback) arrives on the POS API's event stream.
// Scans are 45 ms apart: the agent drops codes from a scanner sending more than 25 a second (a
// flooding device), and no person scans faster.
//
// Floor, in this process beside the agent, each also every 45 ms (the three take turns 15 ms
// apart): a bare read of the same code over a second socat pty pair with the real serialport
// bindings (write until the `data` event that completes it), plus a bare undici request of the
// same inquiry to the same in-process simulator. Per turn, floor = read + request; the budget on
// p50 is the agent's own share: total p50 <= floor p50 + 0.6 ms.
//
// The stream's events are cleared before each scan, so waiting for its `card` event looks at the
// few events of that scan only: the wait costs the same at the 1,000th scan as at the first.
import { Agent as HttpAgent, request } from 'undici';
import { demoCards, DEMO_API_KEY } from '../main/centegra-sim';
import { ptyPair } from '../test/helpers/pty';
import { startDemo } from '../test/helpers/runtime';
import { openEvents } from '../test/helpers/sse';
import { tempDir } from '../test/helpers/tmp';
import { bareSerial } from './floors';
import { round, stats, type Row } from './lib';

const SCAN_SPACING_MS = 45;
const WARM_UP = 50;

export async function scanToCard(scans = 1000): Promise<Row[]> {
  const dir = tempDir();
  const pty = ptyPair(dir.dir);
  await pty.start();
  // dedupeMs 0: the same card over and over is a new scan each time here.
  const demo = await startDemo({
    config: { posApi: { port: 0 }, scanners: [{ kind: 'serial', path: pty.device }], cards: { dedupeMs: 0 } },
  });
  const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
  const serial = await bareSerial(dir.dir);
  const sim = demo.runtime.simulator!;
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000 });
  const cardNumber = demoCards[0]!.cardNumber;
  const code = `${cardNumber}\r`;
  const inquiry = JSON.stringify({
    till: { siteId: 'BENCH', tillId: 'BARE' },
    card: { cardNumber, entryType: 'BARCODE' },
  });
  const bareRequest = async () => {
    const t0 = performance.now();
    const r = await request(`${sim.baseUrl}/cards/inquiry`, {
      method: 'POST',
      dispatcher,
      headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
      body: inquiry,
    });
    await r.body.json();
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`the bare inquiry answered ${r.statusCode}`);
    return ms;
  };
  const scan = async () => {
    events.events.length = 0;
    const started = performance.now();
    pty.write(code);
    await events.waitFor((e) => e.event === 'card', 5000);
    return performance.now() - started;
  };
  try {
    const total: number[] = [];
    const reads: number[] = [];
    const requests: number[] = [];
    const steps = [scan, () => serial.read(code), bareRequest];
    const kept = [total, reads, requests];
    let lastStart = -Infinity;
    for (let i = 0; i < scans + WARM_UP; i++) {
      for (const [k, step] of steps.entries()) {
        const wait = lastStart + SCAN_SPACING_MS / steps.length - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        lastStart = performance.now();
        const ms = await step();
        if (i >= WARM_UP) kept[k]!.push(ms);
      }
    }
    const floors = reads.map((r, i) => r + requests[i]!);
    const s = stats(total);
    const f = stats(floors);
    const rd = stats(reads);
    const rq = stats(requests);
    const first = stats(total.slice(0, 100));
    const last = stats(total.slice(-100));
    return [
      {
        figure: 'scan -> card event over a pty, p50',
        value: round(s.p50, 2),
        unit: 'ms',
        floor: round(f.p50, 2),
        relative: { plus: 0.6 },
        detail: `n=${s.n}; floor = bare serialport read (p50 ${round(rd.p50, 3)} ms) + bare request to the same simulator (p50 ${round(rq.p50, 3)} ms), per turn; first 100 scans p50 ${round(first.p50, 2)} ms, last 100 ${round(last.p50, 2)} ms`,
      },
      {
        figure: 'scan -> card event over a pty, p99',
        value: round(s.p99, 2),
        unit: 'ms',
        budget: 10,
        floor: round(f.p99, 2),
        detail: `bare serialport read p99 ${round(rd.p99, 3)} ms, bare request p99 ${round(rq.p99, 3)} ms`,
      },
    ];
  } finally {
    await dispatcher.close();
    await serial.close();
    events.close();
    await demo.stop();
    await pty.stop();
    dir.remove();
  }
}
