// `diagnose`: the seven checks tell each simulated fault apart and name its fix.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent, type Check } from '../../main/agent';
import { loadConfig, type ConfigInput } from '../../main/agent/config';
import { openDatabase } from '../../main/agent/db';
import { KEY_FIX } from '../../main/agent/contract';
import { SITE_FIX } from '../../main/agent/diagnostics';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function diagnoseWith(
  sim: Simulator | undefined,
  config: ConfigInput = {},
  baseUrl = sim?.baseUrl ?? 'http://127.0.0.1:9/giftcards/v1',
) {
  const till = tillFolder({
    centegra: { baseUrl, apiKey: sim?.apiKey ?? 'abcdefghijk', timeoutMs: 1000 },
    till: { siteId: 'S1', tillId: 'T1' },
    ...config,
  });
  cleanups.push(till.remove);
  const agent = await Agent.start({
    loaded: till.load(),
    version: 'test',
    centegra: { baseUrl, apiKey: sim?.apiKey ?? 'abcdefghijk' },
  });
  cleanups.push(() => agent.close());
  const r = await agent.call('diagnostics', {});
  if (!r.ok) throw new Error(r.error.message);
  return { report: r.value, agent, by: (id: Check['id']) => r.value.checks.find((c) => c.id === id)! };
}

async function sim(faults = {}) {
  const s = await startSimulator({ quiet: true });
  cleanups.push(() => s.close());
  s.setFaults(faults);
  return s;
}

describe('diagnostics tell each fault apart and name its fix', () => {
  it("all pass when everything is well, in Centegra's order", async () => {
    const { report } = await diagnoseWith(await sim());
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['online', 'PASS'],
      ['centegra', 'PASS'],
      ['factor4', 'PASS'],
      ['key', 'PASS'],
      ['scanners', 'PASS'],
      ['queue', 'PASS'],
      ['site', 'PASS'],
    ]);
    expect(report.allPassed).toBe(true);
  });

  it('Factor4 not configured for the site: check 7 fails and says what Centegra needs', async () => {
    const s = await sim({ siteNotConfigured: true });
    const { by, report } = await diagnoseWith(s);
    // /status knows nothing of sites: 1-4 pass.
    expect(['online', 'centegra', 'factor4', 'key'].map((id) => by(id as Check['id']).status)).toEqual([
      'PASS',
      'PASS',
      'PASS',
      'PASS',
    ]);
    expect(by('site')).toEqual({
      id: 'site',
      title: 'Factor4 is configured for this site',
      status: 'FAIL',
      detail: 'Centegra Plus has no Factor4 set-up for site S1 (SITE_NOT_CONFIGURED).',
      fix: "Ask Centegra to configure the site's Factor4 Client ID, Location ID, Terminal ID, username and password.",
    });
    expect(by('site').fix).toBe(SITE_FIX);
    expect(report.allPassed).toBe(false);
    // Asked with an enquiry that moves no money, as this till's site.
    const asked = s.requests().filter((r) => r.path === '/cards/inquiry');
    expect(asked.length).toBeGreaterThan(0);
    expect(s.ledger()).toEqual([]);
  });

  it('the till offline (nothing listening): check 1 fails and says to check the network', async () => {
    const { by, report } = await diagnoseWith(undefined);
    expect(by('online')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('network') });
    // The checks after it were not run: "not checked", with why, never passed.
    for (const id of ['centegra', 'factor4', 'key', 'site'] as const)
      expect(by(id)).toMatchObject({ status: 'NOT_CHECKED', detail: 'Centegra Plus could not be reached.' });
    expect(report.allPassed).toBe(false);
  });

  it('a name that does not resolve: check 1 says DNS', async () => {
    const { by } = await diagnoseWith(undefined, {}, 'https://centegra.invalid/giftcards/v1');
    expect(by('online')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('DNS') });
  });

  it('Centegra Plus failing: check 2 fails', async () => {
    const { by } = await diagnoseWith(await sim({ errorRate: 1, errorStatus: 500, paths: ['/status'] }));
    expect(by('online').status).toBe('PASS');
    expect(by('centegra')).toMatchObject({ status: 'FAIL', fix: expect.stringContaining('status page') });
    // /status never got as far as the key: not "Passed" for a check that was not run.
    expect(by('key')).toMatchObject({ status: 'NOT_CHECKED', detail: expect.stringContaining('not tested') });
  });

  it('Factor4 down: check 3 fails, the rest of Centegra is fine', async () => {
    const { by } = await diagnoseWith(await sim({ factor4Down: true }));
    expect(by('centegra').status).toBe('PASS');
    expect(by('factor4')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('Factor4 is down'),
    });
    expect(by('key').status).toBe('PASS');
  });

  it('the key switched off: check 4 fails and names where to enable it', async () => {
    const { by } = await diagnoseWith(await sim({ keyDisabled: true }));
    expect(by('centegra').status).toBe('PASS');
    expect(by('key')).toMatchObject({ status: 'FAIL', fix: KEY_FIX });
    expect(by('site')).toMatchObject({ status: 'NOT_CHECKED', detail: 'The key was refused.' });
  });

  it('a wrong key: check 4 fails and says to copy the key into centegra.apiKey', async () => {
    const s = await sim();
    const t = tempDir();
    cleanups.push(t.remove);
    const loaded = loadConfig({ dataDir: t.dir }, { platform: 'linux', env: {}, homedir: t.dir });
    const agent = await Agent.start({
      loaded,
      version: 'test',
      centegra: { baseUrl: s.baseUrl, apiKey: 'not-the-right-key' },
    });
    cleanups.push(() => agent.close());
    const r = await agent.call('diagnostics', {});
    expect(r.ok && r.value.checks.find((c) => c.id === 'key')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('does not recognise'),
      fix: expect.stringContaining('centegra.apiKey'),
    });
  });

  it('a configured scanner that is not there: check 5 fails with its problem', async () => {
    const { by } = await diagnoseWith(await sim(), {
      scanners: [{ kind: 'serial', path: '/dev/ttyNOPE0', name: 'Counter scanner' }],
    });
    expect(by('scanners')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('Counter scanner: not connected'),
      fix: expect.stringContaining('plugged in'),
    });
  });

  it('a sale that did not go through: check 6 fails and sends a manager to the Manager view', async () => {
    const s = await sim();
    const { agent } = await diagnoseWith(s);
    agent.db
      .prepare(
        `INSERT INTO outbox (kind, basket_id, request_id, state, created_at, gift_card_total_minor, currency, cards_masked) VALUES ('CLOSE', 'b1', 'r1', 'FAILED', ?, 500, 'GBP', '[]')`,
      )
      .run(new Date().toISOString());
    const r = await agent.call('diagnostics', {});
    expect(r.ok && r.value.checks.find((c) => c.id === 'queue')).toMatchObject({
      status: 'FAIL',
      fix: expect.stringContaining('Manager view'),
    });
  });

  it('sales waiting too long: check 6 fails', async () => {
    const s = await sim();
    const { agent } = await diagnoseWith(s);
    agent.db
      .prepare(
        `INSERT INTO outbox (kind, basket_id, request_id, state, created_at, next_attempt_ms, gift_card_total_minor, currency, cards_masked) VALUES ('CLOSE', 'b1', 'r1', 'PENDING', ?, ?, 500, 'GBP', '[]')`,
      )
      .run(new Date(Date.now() - 40 * 60_000).toISOString(), Date.now() + 3_600_000);
    const r = await agent.call('diagnostics', {});
    expect(r.ok && r.value.checks.find((c) => c.id === 'queue')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('oldest for 40 minutes'),
    });
  });
});

describe('the diagnose command', () => {
  it('exits 1 with PASS/FAIL lines and fixes, or prints JSON for fleet tools', async () => {
    const s = await sim({ keyDisabled: true });
    const till = tillFolder({
      centegra: { baseUrl: s.baseUrl, apiKey: s.apiKey },
      till: { siteId: 'S1', tillId: 'T1' },
    });
    cleanups.push(till.remove);
    const text = await runCli(['diagnose', '--config', till.file, '--data-dir', till.dataDir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/4\. FAIL {2}The Factor4 Gift Card key is enabled/);
    expect(text.stdout).toContain(
      'What to do: In Centegra Plus, go to Company Settings > External Access & FTP > API Secure Keys',
    );
    const json = await runCli(['diagnose', '--config', till.file, '--data-dir', till.dataDir, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      allPassed: false,
      checks: expect.arrayContaining([expect.objectContaining({ id: 'key', status: 'FAIL' })]),
    });
  });

  it("looks at a stopped till's queue without sending any of it", async () => {
    const s = await sim();
    const till = tillFolder({
      centegra: { baseUrl: s.baseUrl, apiKey: s.apiKey },
      till: { siteId: 'S1', tillId: 'T1' },
    });
    cleanups.push(till.remove);
    const db = openDatabase(path.join(till.dataDir, 'till-agent.db'));
    db.prepare(
      `INSERT INTO outbox (kind, basket_id, request_id, state, body, created_at, next_attempt_ms, gift_card_total_minor, currency, cards_masked) VALUES ('CLOSE', 'b1', 'r1', 'PENDING', ?, ?, 0, 500, 'GBP', '[]')`,
    ).run(Buffer.from('{}'), new Date().toISOString());
    db.close();
    for (const command of ['diagnose', 'support-bundle']) {
      const args = [command, '--config', till.file, '--data-dir', till.dataDir];
      if (command === 'support-bundle') args.push('--out', path.join(till.dir, 'bundle.zip'));
      await runCli(args);
    }
    expect(s.requests().filter((r) => r.path === '/baskets/close')).toEqual([]);
    const after = openDatabase(path.join(till.dataDir, 'till-agent.db'));
    expect(after.prepare('SELECT state, attempts FROM outbox').all()).toEqual([
      { state: 'PENDING', attempts: 0 },
    ]);
    after.close();
  });

  it('asks the running agent when there is one', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const served = await startCli(
      ['serve', '--demo', '--port', '0', '--data-dir', t.dir],
      /Press Ctrl\+C to stop/,
    );
    cleanups.push(async () => void (await served.stop()));
    const port = /POS API: +http:\/\/127\.0\.0\.1:(\d+)/.exec(served.output())![1]!;
    const file = path.join(t.dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ posApi: { port: Number(port) } }));
    const r = await runCli(['diagnose', '--config', file, '--demo', '--data-dir', t.dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).allPassed).toBe(true);
  });
});
