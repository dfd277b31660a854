// A Prometheus scrape of a till with 100,000 sales queued: GET /v1/metrics with the metrics token,
// over a kept-alive connection as Prometheus scrapes, timed from this process (the scraper) to the
// last byte of the exposition. The agent is `serve` (the bundled build) in its own process, on a
// copy of a till's data folder with 100,000 closures queued (see queue-template.ts: one real close,
// copied in one transaction), Centegra Plus down so the queue stays as it is. The queue's gauges
// come from counts kept by triggers (db migration 6): for contrast, the detail gives what counting
// the queue's PENDING items takes on the same file, which is what a scrape must never do.
// Floor, taking turns with each scrape: a bare Node process (node -e, node:http) answering the same
// exposition text over its own kept-alive connection. Budget (issue 17): p99 <= 1 ms.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Agent as HttpAgent, request } from 'undici';
import { listeningProcess, spawnAgent, spawnSimulator, type SimulatorProcess } from './agent-process';
import { round, stats, type Row } from './lib';
import { copyTemplate, makeTemplate } from './queue-template';

const QUEUED = 100_000;
const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

async function setDown(sim: SimulatorProcess, down: boolean): Promise<void> {
  const r = await request(`${sim.origin}/__sim/faults`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ down }),
  });
  await r.body.dump();
}

/** node:http answering GET with `text`, as the agent's metrics would be served bare. */
async function startBareExposition(text: string) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const http = require('node:http');
const body = Buffer.from(process.argv[1]);
const server = http.createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }); s.end(body); });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));`,
      text,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return listeningProcess(child, 'the bare exposition server');
}

/** Microseconds per run of `sql` on the file (read-only, beside the running agent), median of `n`. */
function timeQuery(file: string, sql: string, n: number): number {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db.prepare(sql);
    const runs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      statement.all();
      runs.push((performance.now() - t0) * 1000);
    }
    return stats(runs).p50;
  } finally {
    db.close();
  }
}

export async function metricsScrape(rounds = 3, perRound = 1000, warmUp = 500): Promise<Row[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const sim = await spawnSimulator();
  const dispatcher = new HttpAgent({ keepAliveTimeout: 60_000 });
  const bareDispatcher = new HttpAgent({ keepAliveTimeout: 60_000 });
  let agent: Awaited<ReturnType<typeof spawnAgent>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareExposition>> | undefined;
  try {
    const seeded = performance.now();
    const template = await makeTemplate(path.join(root, 'template'), sim, QUEUED);
    const seedS = (performance.now() - seeded) / 1000;
    const { configFile, dataDir } = copyTemplate(template, path.join(root, 'run'));
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(configFile, JSON.stringify({ ...config, metrics: { token: METRICS_TOKEN } }));
    await setDown(sim, true);
    agent = await spawnAgent(['--config', configFile, '--data-dir', dataDir]);
    const scrape = async () => {
      const t0 = performance.now();
      const r = await request(`${agent!.origin}/v1/metrics`, {
        dispatcher,
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      const text = await r.body.text();
      const ms = performance.now() - t0;
      if (r.statusCode !== 200) throw new Error(`GET /v1/metrics answered ${r.statusCode}: ${text}`);
      return { ms, text };
    };
    const { text } = await scrape();
    const gauge = (state: string) =>
      Number(new RegExp(`^till_agent_queue_items\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    if (gauge('pending') + gauge('in_flight') !== QUEUED)
      throw new Error(
        `the agent exposes ${gauge('pending')} pending, ${gauge('in_flight')} in flight, not ${QUEUED}`,
      );
    bare = await startBareExposition(text);
    const bareScrape = async () => {
      const t0 = performance.now();
      const r = await request(`${bare!.origin}/v1/metrics`, { dispatcher: bareDispatcher });
      await r.body.text();
      return performance.now() - t0;
    };
    for (let i = 0; i < warmUp; i++) {
      await scrape();
      await bareScrape();
    }
    const times: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < rounds * perRound; i++) {
      times.push((await scrape()).ms);
      bareTimes.push(await bareScrape());
    }
    const s = stats(times);
    const b = stats(bareTimes);
    const rounds99 = Array.from(
      { length: rounds },
      (_, r) => stats(times.slice(r * perRound, (r + 1) * perRound)).p99,
    );
    const db = path.join(dataDir, 'till-agent.db');
    const keptUs = timeQuery(db, 'SELECT bucket, items FROM outbox_counts', 200);
    const countUs = timeQuery(db, `SELECT count(*) FROM outbox WHERE state = 'PENDING'`, 20);
    return [
      {
        figure: 'metrics scrape with 100,000 queued (GET /v1/metrics), p50',
        value: round(s.p50, 3),
        unit: 'ms',
        floor: round(b.p50, 3),
        detail: `n=${s.n} after ${warmUp} not kept; scraper and agent (serve) in separate processes, kept-alive connection; exposition ${round(Buffer.byteLength(text) / 1024, 1)} KB`,
      },
      {
        figure: 'metrics scrape with 100,000 queued (GET /v1/metrics), p99',
        value: round(s.p99, 3),
        unit: 'ms',
        budget: 1,
        floor: round(b.p99, 3),
        detail: `rounds of ${perRound}: ${rounds99.map((x) => round(x, 2)).join(', ')} ms; the queue's counts read in ${round(keptUs, 1)} µs (kept by triggers), where counting PENDING would take ${round(countUs / 1000, 2)} ms a scrape; queue made in ${round(seedS, 1)} s; load average ${round(os.loadavg()[0]!, 1)}`,
      },
    ];
  } finally {
    await dispatcher.close();
    await bareDispatcher.close();
    await bare?.stop();
    await agent?.stop();
    await sim.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
