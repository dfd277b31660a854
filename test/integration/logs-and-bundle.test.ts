// Logs and the support bundle leave the till without a card number or a secret in them: after a
// day's worth of scans, sales, refusals and faults, the files are searched for every card number
// used and every secret, and none is found. Logs rotate by size and keep a bounded number of files.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCards, startSimulator } from '../../main/centegra-sim';
import { createLog, startRuntime } from '../../main/runtime';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const API_KEY = 'the-real-factor4-gift-card-key-9f8e7d';
const TOKEN = 'pos-token-for-this-till-0123456789abcdef';
const CARDS = demoCards.map((c) => c.cardNumber);

async function busyTill() {
  const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
  cleanups.push(() => sim.close());
  const till = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: API_KEY, timeoutMs: 1000 },
    till: { siteId: 'S9', tillId: 'T9' },
    posApi: { port: 0, token: TOKEN },
    log: { level: 'debug' },
  });
  cleanups.push(till.remove);
  const loaded = till.load();
  const runtime = await startRuntime({ loaded, version: 'test' });
  cleanups.push(() => runtime.close());
  const agent = runtime.agent;
  // A day at the till: lookups, keyboard scans, sales, a refusal, an outage, a top-up.
  for (const cardNumber of CARDS) await agent.call('inquireCard', { cardNumber });
  await agent.call('inquireCard', { cardNumber: CARDS[1]!, pin: '9999' });
  await agent.call('submitKeyboardScan', { text: `https://gift.example/redeem?card=${CARDS[0]}&pin=1234` });
  await agent.call('submitKeyboardScan', { text: `${CARDS[6]};4321` });
  for (let i = 0; i < 3; i++) {
    const basketId = `day-${i}`;
    await agent.call('putBasket', {
      basketId,
      currency: 'GBP',
      totalMinor: 1200,
      lines: [{ sku: 'X', description: 'Lunch', quantity: 1, unitPriceMinor: 1200, lineTotalMinor: 1200 }],
    });
    await agent.call('applyGiftCard', { basketId, cardNumber: CARDS[6]!, maxAmountMinor: 1000 });
    if (i === 1) sim.setFaults({ down: true });
    await agent.call('closeBasket', { basketId, otherTenders: [{ kind: 'CASH', amountMinor: 200 }] });
    sim.clearFaults();
  }
  sim.setFaults({ keyDisabled: true });
  await agent.call('inquireCard', { cardNumber: CARDS[0]! });
  sim.clearFaults();
  await agent.call('topUp', { cardNumber: CARDS[3]!, amountMinor: 1500, currency: 'GBP' });
  // A careless caller logging raw fields: the logger's own redaction is the second guard.
  runtime.log.warn(
    { cardNumber: CARDS[0], pin: '1234', apiKey: API_KEY, token: TOKEN, card: { cardNumber: CARDS[1] } },
    'careless',
  );
  runtime.log.flush();
  return { runtime, loaded, dataDir: loaded.dataDir };
}

function leaks(text: string): string[] {
  return [...CARDS.filter((c) => text.includes(c)), ...[API_KEY, TOKEN].filter((s) => text.includes(s))];
}

describe('logs', () => {
  it('are JSON lines without a card number or a secret in them', async () => {
    const { runtime } = await busyTill();
    await new Promise((r) => setTimeout(r, 200));
    const text = runtime.log
      .files()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(text.length).toBeGreaterThan(1000);
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(text).toContain('••••••••••••0011');
    expect(text).toContain('[redacted]');
    expect(leaks(text)).toEqual([]);
  });

  it('rotate by size and keep a bounded number of files', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const log = createLog(t.dir, { maxFileMB: 1, keepFiles: 2, checkEveryMs: 20 });
    cleanups.push(() => log.close());
    const line = 'x'.repeat(1000);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1200; i++) log.info({ i }, line);
      log.flush();
      await new Promise((r) => setTimeout(r, 80));
    }
    const names = fs.readdirSync(path.join(t.dir, 'logs')).sort();
    expect(names).toEqual(['agent.log', 'agent.log.1', 'agent.log.2']);
    for (const n of names)
      expect(fs.statSync(path.join(t.dir, 'logs', n)).size).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('the support bundle', () => {
  it('holds the logs, config, diagnostics, queue, scanners and versions, and no card number or secret', async () => {
    const { runtime } = await busyTill();
    const bundle = await runtime.agent.supportBundle();
    expect(bundle.filename).toMatch(/^till-agent-support-S9-T9-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(bundle.zip);
    expect(Object.keys(entries).sort()).toEqual(
      expect.arrayContaining([
        'README.txt',
        'versions.json',
        'config.json',
        'health.json',
        'diagnostics.json',
        'queue.json',
        'scanners.json',
        'logs/agent.log',
      ]),
    );
    const all = Object.values(entries)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    expect(leaks(all)).toEqual([]);
    const config = JSON.parse(strFromU8(entries['config.json']!));
    expect(config.entries.find((e: { key: string }) => e.key === 'centegra.apiKey').value).toBe(
      'set (ends …7d)'.replace('7d', API_KEY.slice(-4)),
    );
    expect(JSON.parse(strFromU8(entries['queue.json']!)).recent.length).toBeGreaterThan(0);
    expect(JSON.parse(strFromU8(entries['versions.json']!))).toMatchObject({
      tillAgent: 'test',
      node: process.versions.node,
    });
  });

  it('the command asks a running agent for it', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const served = await startCli(
      ['serve', '--demo', '--port', '0', '--data-dir', t.dir],
      /Press Ctrl\+C to stop/,
    );
    cleanups.push(async () => void (await served.stop()));
    const port = /POS API: +http:\/\/127\.0\.0\.1:(\d+)/.exec(served.output())![1]!;
    const token = /POS API token: +(\S+)/.exec(served.output())![1]!;
    const file = path.join(t.dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ posApi: { port: Number(port), token } }));
    const out = path.join(t.dir, 'from-running.zip');
    const r = await runCli(['support-bundle', '--config', file, '--demo', '--data-dir', t.dir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const entries = unzipSync(fs.readFileSync(out));
    expect(Object.keys(entries)).toContain('logs/agent.log');
    // Made by the running agent: its own log says it started on that port.
    expect(strFromU8(entries['logs/agent.log']!)).toContain(`"port":${port}`);
  });

  it('the command writes it to a file', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const out = path.join(t.dir, 'bundle.zip');
    const r = await runCli([
      'support-bundle',
      '--demo',
      '--data-dir',
      path.join(t.dir, 'data'),
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('no card number and no secret');
    expect(Object.keys(unzipSync(fs.readFileSync(out)))).toContain('diagnostics.json');
  });
});
