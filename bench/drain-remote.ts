// Drain after an outage with Centegra Plus where a till has it, in another process: the simulator
// is `centegra-sim`, its own process (as apply-hold.ts has it), and the agent runs here with a
// till's config (not demo mode). In `drain` both share one thread, so the simulator's work on each
// close is charged to the agent's rate; here the agent's rate is its own, and the row also gives
// what a delivered closure costs the till: this process's CPU time (user + system) per closure.
// 2,000 closures are queued and drained first, untimed (the delivery path's JIT), then 10,000 timed.
// Floor (a ceiling): the same closes sent bare with undici from this process to the same simulator,
// DELIVERY_WINDOW in flight as the agent sends them (a new one as each ends), after 2,000 untimed.
// Budget: issue 17's >= 6,000 per s, which it gives against the simulator's own ceiling of ~9,000.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { loadConfig } from '../main/agent/config';
import { startRuntime } from '../main/runtime';
import { spawnSimulator, writeTillConfig } from './agent-process';
import { bareRoundTrips, drainAfterOutage, drainCards, queueWhileDown, type SetDown } from './drain';
import { round, type Row } from './lib';

const WARM_UP = 2000;

export async function drainRemote(closures = 10_000): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-bench-'));
  const sim = await spawnSimulator();
  const admin = async (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const r = await request(`${sim.origin}/__sim${url}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await r.body.text();
    if (r.statusCode >= 300) throw new Error(`${method} /__sim${url} answered ${r.statusCode}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const { file } = writeTillConfig(dir, sim.baseUrl, {
    closeWaitMs: 0,
    cards: { dedupeMs: 0 },
    offline: { giftCardTender: 'allow', maxPerCardMinor: 100_000_000, maxTotalMinor: 100_000_000 },
  });
  const loaded = loadConfig(
    { configFile: file, dataDir: path.join(dir, 'data') },
    { platform: process.platform, env: {}, homedir: dir },
  );
  const runtime = await startRuntime({ loaded, version: '0.0.0-bench' });
  const agent = runtime.agent;
  const closesApplied = async () =>
    ((await admin('GET', '/applied')) as { applied: Array<{ operation: string }> }).applied.filter(
      (a) => a.operation === 'close',
    ).length;
  try {
    const cards = drainCards();
    for (const cardNumber of cards) {
      await admin('PUT', `/cards/${cardNumber}`, {
        status: 'ACTIVE',
        balanceMinor: 1_000_000,
        currency: 'GBP',
      });
      await agent.call('inquireCard', { cardNumber });
    }
    const setDown: SetDown = async (down) => {
      await admin('PATCH', '/faults', { down });
      if (!down) await admin('DELETE', '/requests');
    };
    await queueWhileDown(agent, setDown, cards, 0, WARM_UP);
    await drainAfterOutage(agent, setDown, cards);
    await queueWhileDown(agent, setDown, cards, WARM_UP, closures);
    const cpu = process.cpuUsage();
    const seconds = await drainAfterOutage(agent, setDown, cards);
    const used = process.cpuUsage(cpu);
    const delivered = await closesApplied();
    if (delivered !== WARM_UP + closures)
      throw new Error(`only ${delivered} of ${WARM_UP + closures} closures reached the simulator`);
    await bareRoundTrips(sim.baseUrl, cards, WARM_UP);
    const bare = await bareRoundTrips(sim.baseUrl, cards, closures);
    const cpuPerClosure = (used.user + used.system) / closures; // microseconds
    return [
      {
        figure: 'drain of 10,000 queued closures, simulator in its own process',
        value: round(closures / seconds, 0),
        unit: 'per s',
        budget: 6000,
        atLeast: true,
        floor: round(bare.perSecond, 0),
        detail: `${round(seconds, 2)} s; the agent's CPU per closure ${round(cpuPerClosure, 0)} us (user ${round(used.user / closures, 0)}, system ${round(used.system / closures, 0)}); floor (a ceiling): the same closes sent bare to the same simulator, ${bare.n} with a window of the agent's, p50 ${round(bare.p50, 2)} ms a round trip`,
      },
    ];
  } finally {
    await runtime.close();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
