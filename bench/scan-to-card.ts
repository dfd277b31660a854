// Scan to balance: a barcode written to a pty configured as a serial scanner, until the `card`
// event (with the balance from the simulator on loopback) arrives on the POS API's event stream.
// Scans are 45 ms apart: the agent drops codes from a scanner sending more than 25 a second (a
// flooding device), and no person scans faster.
import { demoCards } from '../main/centegra-sim';
import { ptyPair } from '../test/helpers/pty';
import { startDemo } from '../test/helpers/runtime';
import { openEvents } from '../test/helpers/sse';
import { tempDir } from '../test/helpers/tmp';
import { round, stats, type Row } from './lib';

const SCAN_SPACING_MS = 45;

export async function scanToCard(scans = 1000): Promise<Row[]> {
  const dir = tempDir();
  const pty = ptyPair(dir.dir);
  await pty.start();
  // dedupeMs 0: the same card over and over is a new scan each time here.
  const demo = await startDemo({
    config: { posApi: { port: 0 }, scanners: [{ kind: 'serial', path: pty.device }], cards: { dedupeMs: 0 } },
  });
  const events = await openEvents(demo.runtime.port, demo.runtime.token.value);
  const code = `${demoCards[0]!.cardNumber}\r`;
  try {
    const samples: number[] = [];
    let lastWrite = -Infinity;
    for (let i = 0; i < scans + 50; i++) {
      const wait = lastWrite + SCAN_SPACING_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const before = events.events.length;
      const started = performance.now();
      lastWrite = started;
      pty.write(code);
      await events.waitFor((e) => e.event === 'card' && events.events.indexOf(e) >= before, 5000);
      if (i >= 50) samples.push(performance.now() - started);
      if (events.events.length > 10_000) events.events.splice(0);
    }
    const s = stats(samples);
    return [
      {
        figure: 'scan -> card event over a pty, p50',
        value: round(s.p50, 2),
        unit: 'ms',
        detail: `n=${s.n}`,
      },
      { figure: 'scan -> card event over a pty, p99', value: round(s.p99, 2), unit: 'ms', budget: 10 },
    ];
  } finally {
    events.close();
    await demo.stop();
    await pty.stop();
    dir.remove();
  }
}
