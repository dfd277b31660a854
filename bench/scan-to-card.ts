// Scan to balance, with every party in its own process as on a till: the agent is `serve` (the
// bundled build, through scripts/agent.mjs) with a till's config, a serial scanner on one end of a
// socat pty pair, and Centegra Plus = `centegra-sim`, its own process. This process is the
// scanner and the POS: it writes a barcode to the pty's other end, and reads the POS API's event
// stream (with the POS's token) until the `card` event of that scan. The time runs from just
// before the bytes are written to the moment the chunk that completes that `card` event is read
// (its scanId is the scanId of the one `scan` event since the write). Scans are 45 ms apart: the
// agent drops codes from a scanner sending more than 25 a second (a flooding device), and no
// person scans faster.
//
// Floor, in the same layout and run, taking turns with the scans 15 ms apart, each also every
// 45 ms: a bare read of the same code over a second socat pty pair by a bare Node process with the
// real serialport bindings, which writes one byte back over a loopback socket when the code is
// complete (the bare pty read, seen from the POS: one pty hop and one hop back, as the scan path
// has), plus a bare undici request of the same inquiry from this process to the same simulator
// process (the Centegra round trip). Per turn, floor = read + request; the budget on p50 is the
// agent's own share: total p50 <= floor p50 + 0.6 ms.
//
// SCAN_BENCH_TRACE=1 (or =<file>, to keep the marks): the agent also loads
// bench/scan-trace-preload.mjs, and each scan's legs (pty hop, the agent's work before and after
// Centegra, Centegra, the hop back) are printed to stderr.
// SCAN_BENCH_CPU_PROF=<dir>: the agent runs with --cpu-prof into <dir> (written when it stops), sampling
// every SCAN_BENCH_CPU_PROF_INTERVAL µs (V8's default 1,000).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent as HttpAgent, request } from 'undici';
import { demoCards, DEMO_API_KEY } from '../main/centegra-sim';
import { ptyPair } from '../test/helpers/pty';
import { spawnAgent, spawnSimulator, writeTillConfig } from './agent-process';
import { bareSerialProcess } from './floors';
import { monotonicMs, traceReport, type Mark, type TimedScan } from './scan-trace';
import { round, stats, type Row } from './lib';

const SCAN_SPACING_MS = 45;
const WARM_UP = 200;

interface CardStream {
  /** Resolves with monotonicMs() when the chunk completing the `card` event of the next scan is read. */
  nextCard(): Promise<number>;
  close(): void;
}

/**
 * The POS's side of the event stream, lean: blocks are split and only `scan` and `card` events
 * parsed; the time is taken as the chunk arrives, before any parsing.
 */
function openCardStream(origin: string, token: string): Promise<CardStream> {
  return new Promise((resolve, reject) => {
    let waiting: { resolve: (at: number) => void; reject: (e: Error) => void } | undefined;
    let scanIds: string[] = [];
    const req = http.get(`${origin}/v1/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`/v1/events answered ${res.statusCode}`));
      res.socket.setNoDelay(true);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = monotonicMs();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event !== 'scan' && event !== 'card') continue;
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as { scanId?: string };
          if (event === 'scan') {
            scanIds.push(data.scanId ?? '');
            continue;
          }
          const w = waiting;
          waiting = undefined;
          if (!w) throw new Error(`a card event nobody waited for (scan ${data.scanId})`);
          if (scanIds.length !== 1 || data.scanId !== scanIds[0])
            w.reject(new Error(`card event of scan ${data.scanId}, after scans ${scanIds.join(', ')}`));
          else w.resolve(at);
        }
      });
      resolve({
        nextCard: () => {
          scanIds = [];
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error('no card event in 5 s')), 5000);
            waiting = {
              resolve: (at) => (clearTimeout(timer), ok(at)),
              reject: (e) => (clearTimeout(timer), fail(e)),
            };
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** Waits until the agent's metrics say its scanner is open. */
async function scannerConnected(origin: string, token: string, dispatcher: HttpAgent) {
  const started = performance.now();
  for (;;) {
    const r = await request(`${origin}/v1/metrics`, {
      dispatcher,
      headers: { authorization: `Bearer ${token}` },
    });
    if (/^till_agent_scanners_connected 1$/m.test(await r.body.text())) return;
    if (performance.now() - started > 30_000) throw new Error('the agent did not open its scanner in 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function scanToCard(scans = 1000): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const loadStart = os.loadavg()[0]!;
  const pty = ptyPair(dir);
  await pty.start();
  const sim = await spawnSimulator();
  // dedupeMs 0: the same card over and over is a new scan each time here.
  const { file, token } = writeTillConfig(dir, sim.baseUrl, {
    scanners: [{ kind: 'serial', path: pty.device }],
    cards: { dedupeMs: 0 },
  });
  const profileDir = process.env.SCAN_BENCH_CPU_PROF;
  const trace = process.env.SCAN_BENCH_TRACE;
  const traceFile = trace ? (trace === '1' ? path.join(dir, 'trace.json') : path.resolve(trace)) : undefined;
  if (traceFile) {
    // Read by the preload in the agent (this process's environment is the agent's).
    process.env.SCAN_TRACE_FILE = traceFile;
    process.env.SCAN_TRACE_SIM_PORT = new URL(sim.origin).port;
  }
  const preload = pathToFileURL(path.join(import.meta.dirname, 'scan-trace-preload.mjs')).href;
  const agent = await spawnAgent(['--config', file, '--data-dir', path.join(dir, 'data')], {
    nodeArgs: [
      ...(traceFile ? ['--import', preload] : []),
      ...(profileDir
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${path.resolve(profileDir)}`,
            `--cpu-prof-interval=${process.env.SCAN_BENCH_CPU_PROF_INTERVAL ?? 1000}`,
          ]
        : []),
    ],
  });
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000 });
  const serial = await bareSerialProcess(dir);
  let stream: CardStream | undefined;
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
    await r.body.dump();
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`the bare inquiry answered ${r.statusCode}`);
    return ms;
  };
  try {
    await scannerConnected(agent.origin, token, dispatcher);
    const events = (stream = await openCardStream(agent.origin, token));
    const timed: TimedScan[] = [];
    const scan = async () => {
      const card = events.nextCard();
      const written = monotonicMs();
      pty.write(code);
      const read = await card;
      timed.push({ written, read });
      return read - written;
    };
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
    const loadEnd = os.loadavg()[0]!;
    if (traceFile) {
      await agent.stop();
      const marks = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as Mark[];
      process.stderr.write(`${traceReport(marks, timed.slice(WARM_UP))}\n`);
    }
    const floors = reads.map((r, i) => r + requests[i]!);
    const s = stats(total);
    const f = stats(floors);
    const rd = stats(reads);
    const rq = stats(requests);
    const first = stats(total.slice(0, 100));
    const last = stats(total.slice(-100));
    const load = `load average ${round(loadStart, 1)} at the start, ${round(loadEnd, 1)} at the end`;
    return [
      {
        figure: 'scan -> card event over a pty, p50',
        value: round(s.p50, 2),
        unit: 'ms',
        floor: round(f.p50, 2),
        relative: { plus: 0.6 },
        detail: `n=${s.n} after ${WARM_UP}; agent (serve), simulator, bare reader in separate processes; floor = bare pty read by a separate Node process, back over loopback (p50 ${round(rd.p50, 3)} ms) + bare request to the same simulator process (p50 ${round(rq.p50, 3)} ms), per turn; first 100 scans p50 ${round(first.p50, 2)} ms, last 100 ${round(last.p50, 2)} ms; ${load}`,
      },
      {
        figure: 'scan -> card event over a pty, p99',
        value: round(s.p99, 2),
        unit: 'ms',
        budget: 4,
        floor: round(f.p99, 2),
        detail: `bare pty read p99 ${round(rd.p99, 3)} ms, bare request p99 ${round(rq.p99, 3)} ms; ${load}`,
      },
    ];
  } finally {
    stream?.close();
    await dispatcher.close();
    await serial.close();
    await agent.stop();
    await sim.stop();
    await pty.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
