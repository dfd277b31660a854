// SIGKILL to the POS API answering again: the agent (`serve` through scripts/agent.mjs, a till's
// config, Centegra Plus the `centegra-sim` process) is killed with SIGKILL just after a POS call, and
// started again at once on the same data folder and port, as a service manager restarts it; timed
// from the kill until GET /v1/health answers 200 with the POS's token, polled every 5 ms. The
// restart pays for what a crash leaves: a lock file and a WAL to recover.
// Floor, taking turns with it: a bare Node process (node -e, node:http) killed the same way and
// started again on its port, until it answers at all.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { ensureRendererBuilt } from '../main/headless/assets';
import { launcher, repoRoot, spawnSimulator } from './agent-process';
import { pollUntil, spawnBareServer } from './floors';
import { round, stats, type Row } from './lib';
import { copyTemplate, makeTemplate } from './queue-template';
import { answering, freePort } from './startup';

function serve(configFile: string, dataDir: string, port: number) {
  const child = spawn(
    process.execPath,
    [launcher, 'serve', '--config', configFile, '--data-dir', dataDir, '--port', String(port)],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  let exited = false;
  const gone = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  return { child, gone, exited: () => exited, stderr: () => stderr };
}

type Started = ReturnType<typeof serve> | ReturnType<typeof spawnBareServer>;

/** SIGKILL, wait for the exit a supervisor sees, start again; ms from the kill until it answers. */
async function killAndRestart(
  running: Started,
  start: () => Started,
  answered: () => Promise<boolean>,
): Promise<{ ms: number; next: Started }> {
  const exited = new Promise((r) => (running.exited() ? r(undefined) : running.child.once('exit', r)));
  const t0 = performance.now();
  running.child.kill('SIGKILL');
  await exited;
  const next = start();
  await pollUntil(
    answered,
    next.exited,
    () => `the restarted process${'stderr' in next ? `:\n${next.stderr()}` : ''}`,
  );
  return { ms: performance.now() - t0, next };
}

export async function restartAfterKill(runs = 7): Promise<Row[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const sim = await spawnSimulator();
  const running: Started[] = [];
  try {
    const template = await makeTemplate(path.join(root, 'template'), sim, 0);
    const { configFile, dataDir } = copyTemplate(template, path.join(root, 'run'));
    const port = freePort();
    const origin = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${template.token}`, 'content-type': 'application/json' };
    let agent: Started = serve(configFile, dataDir, port);
    running[0] = agent;
    const up = () => answering(origin, template.token);
    await pollUntil(up, agent.exited, () => `serve:\n${'stderr' in agent ? agent.stderr() : ''}`);
    const barePort = freePort();
    let bare: Started = spawnBareServer(barePort);
    running[1] = bare;
    const bareUp = () => answering(`http://127.0.0.1:${barePort}`, 'any');
    await pollUntil(bareUp, bare.exited, () => 'the bare server');

    const agentMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A till at work: the POS has just written a basket, then the agent is killed.
      const r = await request(`${origin}/v1/baskets/kill-${i}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          currency: 'GBP',
          totalMinor: 100,
          lines: [{ sku: 'K', description: 'Tea', quantity: 1, unitPriceMinor: 100, lineTotalMinor: 100 }],
        }),
      });
      await r.body.dump();
      // Untimed, as before every timed start: others may have changed main/ or renderer/ meanwhile.
      execFileSync(process.execPath, [launcher, '--build-only'], { cwd: repoRoot, stdio: 'inherit' });
      await ensureRendererBuilt();
      execFileSync('sync');
      const a = await killAndRestart(agent, () => serve(configFile, dataDir, port), up);
      agent = running[0] = a.next;
      agentMs.push(a.ms);
      const b = await killAndRestart(bare, () => spawnBareServer(barePort), bareUp);
      bare = running[1] = b.next;
      bareMs.push(b.ms);
    }
    const a = stats(agentMs);
    const b = stats(bareMs);
    return [
      {
        figure: 'SIGKILL to the POS API answering again, median',
        value: round(a.p50, 0),
        unit: 'ms',
        budget: 1000,
        floor: round(b.p50, 0),
        detail: `n=${a.n}, max ${round(Math.max(...agentMs), 0)} ms; restarted at once on the same folder and port, empty queue; floor: a bare Node process (node -e, node:http) killed and restarted the same way, max ${round(Math.max(...bareMs), 0)} ms`,
      },
    ];
  } finally {
    for (const p of running) {
      if (p.exited()) continue;
      const gone = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      await gone;
    }
    await sim.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
