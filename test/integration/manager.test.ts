// The manager view's rules: a PIN (scrypt, never stored in clear), lockout after 5 wrong tries that
// survives a restart, short sessions, and an audit line for every action; the queue with what to
// do about each item; CSV export with masked numbers only.
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import { loadConfig } from '../../main/agent/config';
import { hashPin } from '../../main/agent/manager';
import { demoCards, startSimulator, type Simulator } from '../../main/centegra-sim';
import { tempDir } from '../helpers/tmp';
import { runCli } from '../helpers/cli';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { pinHash?: string; demo?: boolean; now?: () => Date } = {}) {
  const t = tempDir();
  cleanups.push(t.remove);
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const loaded = loadConfig(
    { demo: options.demo ?? true, dataDir: t.dir },
    { platform: 'linux', env: {}, homedir: t.dir },
  );
  if (options.pinHash) loaded.config.manager.pinHash = options.pinHash;
  // Without a Centegra URL the config means demo; these tests want the real-till rules too.
  loaded.demo = options.demo ?? true;
  loaded.config.closeWaitMs = 0;
  // A sale that fails at delivery (the card spent elsewhere) is what these tests need: no holds.
  loaded.config.holds.enabled = false;
  const start = async () => {
    const agent = await Agent.start({
      loaded,
      version: 'test',
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      ...(options.now ? { now: options.now } : {}),
    });
    cleanups.push(() => agent.close());
    return agent;
  };
  return { sim, start, dir: t.dir };
}

async function failedSale(agent: Agent, sim: Simulator, basketId: string) {
  const card = demoCards.find((c) => c.label.startsWith('active, £50.00'))!.cardNumber;
  await agent.call('putBasket', {
    basketId,
    currency: 'GBP',
    totalMinor: 3000,
    lines: [{ sku: 'A', description: 'Item', quantity: 1, unitPriceMinor: 3000, lineTotalMinor: 3000 }],
  });
  await agent.call('applyGiftCard', { basketId, cardNumber: card });
  sim.setFaults({ down: true });
  await agent.call('inquireCard', { cardNumber: card });
  const closed = await agent.call('closeBasket', { basketId, otherTenders: [] });
  if (!closed.ok || closed.value.state !== 'QUEUED') throw new Error('expected QUEUED');
  sim.setCard({ ...sim.card(card)!, balanceMinor: 0 });
  sim.clearFaults();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const q = await agent.call('listQueue', { state: 'FAILED', limit: 10 });
    if (q.ok && q.value.items.length) return closed.value.itemId;
    if (Date.now() > deadline) throw new Error('the item never failed');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('manager PIN', () => {
  it('is stored as a scrypt hash, and the CLI makes one', async () => {
    const r = await runCli(['hash-pin'], {}, '482913\n');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(r.stdout).not.toContain('482913');
    const bad = await runCli(['hash-pin'], {}, '12\n');
    expect(bad.code).toBe(1);
  });

  it('opens a session with the right PIN; every call checks it', async () => {
    const { start } = await setup({ pinHash: hashPin('4862'), demo: false });
    const agent = await start();
    expect(await agent.call('managerStatus', {})).toMatchObject({
      ok: true,
      value: { pinSet: true, demoPin: false },
    });
    const unlocked = await agent.call('managerUnlock', { pin: '4862' });
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    expect((await agent.call('managerQueue', { session: unlocked.value.session })).ok).toBe(true);
    expect(await agent.call('managerQueue', { session: 'forged' })).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_SESSION_EXPIRED' },
    });
    await agent.call('managerLock', { session: unlocked.value.session });
    expect(await agent.call('managerQueue', { session: unlocked.value.session })).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_SESSION_EXPIRED' },
    });
  });

  it('a session expires after 10 idle minutes', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const { start } = await setup({ now: () => new Date(now) });
    const agent = await start();
    const s = await agent.call('managerUnlock', { pin: '1234' });
    if (!s.ok) throw new Error('unlock');
    now += 9 * 60_000;
    expect((await agent.call('managerAudit', { session: s.value.session })).ok).toBe(true);
    now += 11 * 60_000;
    expect((await agent.call('managerAudit', { session: s.value.session })).ok).toBe(false);
  });

  it('locks for a while after 5 wrong tries, even across a restart, and says how many are left', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const { start } = await setup({ pinHash: hashPin('4862'), demo: false, now: () => new Date(now) });
    let agent = await start();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await agent.call('managerUnlock', { pin: '0000' }));
    expect(answers[0]).toMatchObject({
      ok: false,
      // The figure for a screen to say in its own language, as well as the English sentence.
      error: {
        code: 'MANAGER_PIN_INCORRECT',
        message: expect.stringContaining('4 tries left'),
        details: { triesLeft: 4 },
      },
    });
    expect(answers[3]).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('1 try left') },
    });
    await agent.close();
    agent = await start();
    expect(await agent.call('managerUnlock', { pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_LOCKED' },
    });
    // Locked: even the right PIN is refused until the time is up.
    expect(await agent.call('managerUnlock', { pin: '4862' })).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_LOCKED' },
    });
    expect(await agent.call('managerStatus', {})).toMatchObject({
      ok: true,
      value: { lockedUntil: expect.any(String) },
    });
    now += 6 * 60_000;
    expect((await agent.call('managerUnlock', { pin: '4862' })).ok).toBe(true);
  });

  it('without a PIN outside demo mode, says IT must set one', async () => {
    const { start } = await setup({ demo: false });
    const agent = await start();
    expect(await agent.call('managerUnlock', { pin: '1234' })).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_PIN_NOT_SET', message: expect.stringContaining('hash-pin') },
    });
  });
});

describe('manager actions on the queue', () => {
  it('shows what to do, resolves, retries, exports masked CSV, and audits each action', async () => {
    const { start, sim } = await setup();
    const agent = await start();
    const itemId = await failedSale(agent, sim, 'mgr-1');
    const s = await agent.call('managerUnlock', { pin: '1234' });
    if (!s.ok) throw new Error('unlock');
    const session = s.value.session;
    const page = await agent.call('managerQueue', { session, state: 'FAILED' });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.items[0]).toMatchObject({
      itemId,
      state: 'FAILED',
      advice: expect.stringContaining('Collect £30.00 from the customer, or write it off'),
      // Which advice, for a screen to say it in its own language.
      adviceCode: expect.stringMatching(/^(SPENT_ELSEWHERE|CARD_NOT_USABLE|CARD_UNKNOWN|REFUSED)$/),
    });
    expect(page.value.summary.failed).toBe(1);

    const csv = await agent.call('managerExport', { session });
    if (!csv.ok) throw new Error(csv.error.message);
    expect(csv.value.filename).toMatch(/^till-agent-queue-demo-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.value.csv.split('\r\n')[0]).toContain('itemId,kind,basketId,state');
    expect(csv.value.csv).toContain('••••••••••••0011');
    expect(csv.value.csv).not.toContain('6280390000000011');

    // Retry now sends it again at once (same request id): Factor4 refuses it again.
    expect((await agent.call('managerRetry', { session, itemId })).ok).toBe(true);
    for (let i = 0; i < 100; i++) {
      const again = await agent.call('listQueue', { state: 'FAILED', limit: 1 });
      if (again.ok && again.value.items[0]?.attempts === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const resolved = await agent.call('managerResolve', {
      session,
      itemId,
      resolution: 'COLLECTED',
      note: 'paid cash £30',
    });
    expect(resolved).toMatchObject({ ok: true, value: { resolution: expect.stringContaining('COLLECTED') } });
    expect((await agent.call('health', {})).ok && (await agent.call('health', {}))).toMatchObject({
      value: { queue: { failed: 0 } },
    });

    // Settled by the manager: never sent again (the card could be charged after the cash was taken).
    expect(await agent.call('managerRetry', { session, itemId })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('already settled') },
    });
    expect(
      (await agent.call('managerExport', { session })).ok && (await agent.call('managerExport', { session })),
    ).toMatchObject({ value: { csv: expect.stringMatching(/^\uFEFF/) } });

    const audit = await agent.call('managerAudit', { session });
    expect(audit.ok && audit.value.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['UNLOCK', 'EXPORT_CSV', 'RETRY', 'COLLECTED']),
    );
  }, 30_000);

  it('a CSV cell is never taken for a formula', async () => {
    const { queueCsv } = await import('../../main/agent/queue');
    const csv = queueCsv([
      {
        seq: 1,
        itemId: 'itm_1',
        kind: 'CLOSE',
        basketId: '=HYPERLINK("x")',
        requestId: 'r',
        state: 'FAILED',
        createdAt: 'now',
        attempts: 1,
        nextAttemptMs: 0,
        outcomeUnknown: false,
        defect: false,
        giftCardTotalMinor: 100,
        currency: 'GBP',
        cardsMasked: ['•••1234'],
        lastError: 'a "quoted", text',
      },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"a ""quoted"", text"');
  });
});
