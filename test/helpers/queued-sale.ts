// A till's folder with one gift card sale queued (closed while Centegra Plus was down), as a till
// leaves it after an outage: the sale's card sealed with the folder's vault key. For the tests of
// what happens to that key between hosts (serve, the desktop app) and when it goes missing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import type { KeyProtector } from '../../main/agent';
import { openDatabase } from '../../main/agent/db';
import { demoCards, type Simulator } from '../../main/centegra-sim';
import { startRuntime, type Runtime } from '../../main/runtime';
import { repoRoot } from './cli';
import { until } from './money';
import { tillFolder, type TillFolder } from './till-folder';

const card = demoCards[6]!.cardNumber;
export const QUEUED_SALE = 'sale-queued-in-an-outage';

export async function tillWithQueuedSale(
  sim: Simulator,
  options: { keyProtector?: KeyProtector } = {},
): Promise<TillFolder> {
  const folder = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey, timeoutMs: 1000 },
    till: { siteId: 'S1', tillId: 'T1' },
    posApi: { port: 0 },
    closeWaitMs: 0,
  });
  const runtime = await startRuntime({ loaded: folder.load(), version: 'test', ...options });
  try {
    const { agent } = runtime;
    await agent.call('putBasket', {
      basketId: QUEUED_SALE,
      currency: 'GBP',
      totalMinor: 500,
      lines: [{ sku: 'X', description: 'Coffee', quantity: 1, unitPriceMinor: 500, lineTotalMinor: 500 }],
    });
    expect((await agent.call('applyGiftCard', { basketId: QUEUED_SALE, cardNumber: card })).ok).toBe(true);
    sim.setFaults({ down: true });
    await agent.call('inquireCard', { cardNumber: card }); // the link sees it down
    const closed = await agent.call('closeBasket', { basketId: QUEUED_SALE, otherTenders: [] });
    expect(closed).toMatchObject({ ok: true, value: { state: 'QUEUED' } });
  } finally {
    await runtime.close();
    sim.setFaults({ down: false });
  }
  // The till stayed off longer than the hold on sales closed offline: the sale is due at start.
  const db = openDatabase(path.join(folder.dataDir, 'till-agent.db'));
  db.prepare(`UPDATE outbox SET next_attempt_ms = 0 WHERE state = 'PENDING'`).run();
  db.close();
  return folder;
}

/** Waits until the queued sale reached Factor4: the agent opened its sealed card to send it. */
export async function queuedSaleSent(runtime: Runtime, sim: Simulator): Promise<void> {
  await until(
    () => [...sim.applied().values()].some((a) => a.operation === 'close'),
    'the queued sale sent to Factor4',
    15_000,
  );
  const pending = await runtime.agent.call('listQueue', { state: 'PENDING' });
  expect(pending).toMatchObject({ ok: true, value: { items: [] } });
}

/**
 * Runs `npm run agent -- <args>` and returns its exit code and output; a command still running
 * after `ms` (a serve that started) is stopped and its code is null.
 */
export function runAgentFor(
  args: string[],
  ms = 20_000,
): Promise<{ code: number | null; output: string; started: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'agent.mjs'), ...args], {
      cwd: repoRoot,
    });
    let output = '';
    let started = false;
    const timer = setTimeout(() => child.kill('SIGTERM'), ms);
    const onData = (d: Buffer) => {
      output += d;
      if (!started && /Press Ctrl\+C to stop/.test(output)) {
        started = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: started ? null : code, output, started });
    });
  });
}
