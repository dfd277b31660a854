// Start-up and resident memory of the headless agent, as a till runs it: `node scripts/agent.mjs
// serve --config FILE` (the launcher and its bundled build), Centegra Plus being `centegra-sim` in
// its own process. Each start gets a fresh copy of a till's data folder (see queue-template.ts):
// nothing queued, or 100,000 closures queued during an outage.
//
// Start-up: from spawning the process until GET /v1/health answers 200 with the POS's token,
// polled every 5 ms. With 100,000 queued, Centegra is back, so the agent also wakes and starts
// sending the queue while it starts (the harder case). `serve --demo` (simulator inside, fresh
// folder) is timed the same way until the POS API answers at all. The three alternate; each
// figure is the median. Before every timed start (untimed) the bundle and the renderer are brought
// up to date and the copied folder is flushed to disk, so no start pays for a build or for
// writing back the copy.
// Memory: VmRSS of the `serve` process (/proc/<pid>/status) after start-up and 5 s without POS
// traffic, median of the runs: nothing queued; 100,000 queued with Centegra unreachable (the agent
// holds the queue, idle); and, for information, 100,000 queued while they are being sent.
// Floors, taking turns with the agent's runs: a bare Node start (`node -e` with a node:http server,
// timed the same way until it answers at all) and a bare idle `node -e` process's VmRSS after the
// same 5 s.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { ensureRendererBuilt } from '../main/headless/assets';
import { launcher, repoRoot, residentBytes, spawnSimulator, type SimulatorProcess } from './agent-process';
import { bareNodeRss, pollUntil, spawnBareServer } from './floors';
import { demoCards } from '../main/centegra-sim';
import { round, stats, type Row } from './lib';
import { copyTemplate, makeTemplate, type Template } from './queue-template';

const QUEUED = 100_000;

interface Started {
  ms: number;
  rssAfterIdle?: number;
}

/** GET /v1/health answered 200 with the POS's token, or (no token) answered at all with 401; `'any'`: any answer. */
export async function answering(origin: string, token: string | undefined | 'any'): Promise<boolean> {
  try {
    const r = await request(`${origin}/v1/health`, {
      headers: token && token !== 'any' ? { authorization: `Bearer ${token}` } : {},
      headersTimeout: 2000,
    });
    await r.body.dump();
    return token === 'any' ? true : token ? r.statusCode === 200 : r.statusCode === 401;
  } catch {
    return false; // not listening yet
  }
}

/** Below Linux's ephemeral range (32768 and up), so no outgoing connection holds it. */
export const freePort = () => 20_000 + Math.floor(Math.random() * 12_000);

/** The floor of a start: a bare Node process with a node:http server, until it answers, timed as a start is. */
export async function bareStartOnce(): Promise<number> {
  execFileSync('sync');
  const port = freePort();
  const started = performance.now();
  const bare = spawnBareServer(port);
  try {
    await pollUntil(
      () => answering(`http://127.0.0.1:${port}`, 'any'),
      bare.exited,
      () => 'the bare server',
    );
    return performance.now() - started;
  } finally {
    await bare.stop();
  }
}

/** Spawns `serve`, times it until the POS API answers, optionally idles and reads its memory. */
async function startOnce(args: string[], token: string | undefined, idleMs?: number): Promise<Started> {
  // Untimed: other engineers may have changed main/ or renderer/ since the last start.
  execFileSync(process.execPath, [launcher, '--build-only'], { cwd: repoRoot, stdio: 'inherit' });
  await ensureRendererBuilt();
  execFileSync('sync');
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [launcher, 'serve', ...args, '--port', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await pollUntil(
      () => answering(origin, token),
      () => exited,
      () => `serve ${args.join(' ')}:\n${stderr}\n`,
    );
    const ms = performance.now() - started;
    if (idleMs === undefined) return { ms };
    await new Promise((r) => setTimeout(r, idleMs));
    return { ms, rssAfterIdle: residentBytes(child.pid!) };
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

async function startFromTemplate(
  template: Template,
  sim: SimulatorProcess,
  runDir: string,
  options: { idleMs?: number; centegraDown?: boolean } = {},
): Promise<Started> {
  await resetSimulator(sim, options.centegraDown);
  fs.rmSync(runDir, { recursive: true, force: true });
  const { configFile, dataDir } = copyTemplate(template, runDir);
  try {
    return await startOnce(['--config', configFile, '--data-dir', dataDir], template.token, options.idleMs);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

const MB = 2 ** 20;

/** Between starts: the simulator as new (no faults, nothing remembered), the queue's card funded for all of it. */
async function resetSimulator(sim: SimulatorProcess, down = false): Promise<void> {
  const send = async (method: 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) => {
    const r = await request(`${sim.origin}/__sim${url}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await r.body.dump();
    if (r.statusCode >= 300) throw new Error(`the simulator answered ${r.statusCode} to ${method} ${url}`);
  };
  await send('POST', '/reset');
  const card = demoCards[0]!;
  await send('PUT', `/cards/${card.cardNumber}`, {
    status: 'ACTIVE',
    balanceMinor: 100_000_000,
    currency: 'GBP',
  });
  if (down) await send('PATCH', '/faults', { down: true });
}

export async function startup(runs = 9, memoryRuns = 3): Promise<Row[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const sim = await spawnSimulator();
  try {
    const seedStarted = performance.now();
    const empty = await makeTemplate(path.join(root, 'empty'), sim, 0);
    const full = await makeTemplate(path.join(root, 'full'), sim, QUEUED);
    const seedMs = performance.now() - seedStarted;
    const dbBytes = fs.statSync(path.join(full.dir, 'data', 'till-agent.db')).size;
    const run = path.join(root, 'run');

    // Warm the OS's file cache for the bundle and node_modules, as on a till after its first start.
    await startFromTemplate(empty, sim, run);
    await startFromTemplate(full, sim, run);
    const emptyMs: number[] = [];
    const fullMs: number[] = [];
    const demoMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      bareMs.push(await bareStartOnce());
      emptyMs.push((await startFromTemplate(empty, sim, run)).ms);
      fullMs.push((await startFromTemplate(full, sim, run)).ms);
      const demoDir = path.join(root, `demo-${i}`);
      demoMs.push((await startOnce(['--demo', '--data-dir', demoDir], undefined)).ms);
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
    const rssEmpty: number[] = [];
    const rssHeld: number[] = [];
    const rssDraining: number[] = [];
    const rssBare: number[] = [];
    for (let i = 0; i < memoryRuns; i++) {
      rssBare.push(await bareNodeRss(5000));
      rssEmpty.push((await startFromTemplate(empty, sim, run, { idleMs: 5000 })).rssAfterIdle!);
      rssHeld.push(
        (await startFromTemplate(full, sim, run, { idleMs: 5000, centegraDown: true })).rssAfterIdle!,
      );
      rssDraining.push((await startFromTemplate(full, sim, run, { idleMs: 5000 })).rssAfterIdle!);
    }
    await resetSimulator(sim);

    const e = stats(emptyMs);
    const f = stats(fullMs);
    const d = stats(demoMs);
    const re = stats(rssEmpty);
    const rh = stats(rssHeld);
    const rd = stats(rssDraining);
    const max = (xs: number[]) => round(Math.max(...xs), 0);
    const bareStart = round(stats(bareMs).p50, 0);
    const bareRss = round(stats(rssBare).p50 / MB, 1);
    return [
      {
        figure: 'start-up until the POS API answers (empty queue), median',
        value: round(e.p50, 0),
        unit: 'ms',
        budget: 250, // issue 17 (it was 800)
        floor: bareStart,
        detail: `n=${e.n}, max ${max(emptyMs)} ms; serve --config through scripts/agent.mjs; floor: a bare Node start (node -e, node:http), median of ${bareMs.length}, max ${max(bareMs)} ms`,
      },
      {
        figure: 'start-up until the POS API answers (100,000 queued), median',
        value: round(f.p50, 0),
        unit: 'ms',
        budget: 350, // issue 17, the OS's cache warm (it was 1500)
        floor: bareStart,
        detail: `n=${f.n}, max ${max(fullMs)} ms; database ${round(dbBytes / MB, 0)} MB, made in ${round(seedMs / 1000, 1)} s`,
      },
      {
        figure: 'start-up until the POS API answers (serve --demo), median',
        value: round(d.p50, 0),
        unit: 'ms',
        budget: 800,
        floor: bareStart,
        detail: `n=${d.n}, max ${max(demoMs)} ms; fresh data folder, simulator inside`,
      },
      {
        figure: 'resident memory after start + 5 s idle (empty queue), median',
        value: round(re.p50 / MB, 1),
        unit: 'MB',
        budget: 75, // issue 17 (it was 120)
        floor: bareRss,
        detail: `n=${re.n}, VmRSS of the serve process; max ${round(Math.max(...rssEmpty) / MB, 1)} MB; floor: a bare idle node -e process, median of ${rssBare.length}, max ${round(Math.max(...rssBare) / MB, 1)} MB`,
      },
      {
        figure: 'resident memory after start + 5 s idle (100,000 queued), median',
        value: round(rh.p50 / MB, 1),
        unit: 'MB',
        budget: 85, // issue 17 (it was 160)
        floor: bareRss,
        detail: `n=${rh.n}, Centegra unreachable, the queue held; max ${round(Math.max(...rssHeld) / MB, 1)} MB`,
      },
      {
        figure: 'resident memory 5 s into sending 100,000 queued, median',
        value: round(rd.p50 / MB, 1),
        unit: 'MB',
        floor: bareRss,
        detail: `n=${rd.n}, max ${round(Math.max(...rssDraining) / MB, 1)} MB; mostly V8's young generation grown to its default maximum under the allocation rate`,
      },
    ];
  } finally {
    await sim.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
