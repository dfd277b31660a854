// Secrets at rest: a key or token found in clear in the user's config is sealed at the first start
// and the file rewritten without it; the machine-wide file is never rewritten, and if others can
// read it the agent says so; the Settings screen shows where each value came from, secrets masked.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStore, adoptSecrets } from '../../main/agent/secrets';
import { loadVaultKey, Vault } from '../../main/agent/vault';
import { startSimulator } from '../../main/centegra-sim';
import { startRuntime } from '../../main/runtime';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const API_KEY = 'real-factor4-gift-card-key-0001';
const TOKEN = 'pos-token-that-is-long-enough-000001';

describe('secrets found in a user config file', () => {
  it('are sealed at the first start, the file loses them, and they keep working', async () => {
    const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
    cleanups.push(() => sim.close());
    const { file, dataDir, load, remove } = tillFolder(
      {
        centegra: { baseUrl: sim.baseUrl, apiKey: API_KEY },
        till: { siteId: 'S1', tillId: 'T1' },
        posApi: { port: 0, token: TOKEN },
      },
      { mode: 0o600 },
    );
    cleanups.push(remove);
    const runtime = await startRuntime({ loaded: load(), version: 'test' });
    cleanups.push(() => runtime.close());

    const rewritten = fs.readFileSync(file, 'utf8');
    expect(rewritten).not.toContain(API_KEY);
    expect(rewritten).not.toContain(TOKEN);
    expect(JSON.parse(rewritten)).toMatchObject({
      centegra: { baseUrl: sim.baseUrl },
      till: { siteId: 'S1' },
    });
    const sealed = fs.readFileSync(path.join(dataDir, 'secrets.sealed'));
    expect(sealed.includes(Buffer.from(API_KEY))).toBe(false);
    expect(sealed.includes(Buffer.from(TOKEN))).toBe(false);
    expect(fs.statSync(path.join(dataDir, 'secrets.sealed')).mode & 0o777).toBe(0o600);

    // The sealed key is used: a card lookup goes through with it.
    const r = await runtime.agent.call('inquireCard', { cardNumber: '6280390000000011' });
    expect(r.ok).toBe(true);
    expect(runtime.token.value).toBe(TOKEN);
  });
});

describe('the machine-wide config file', () => {
  function machineConfig(mode: number) {
    const { file, load, remove } = tillFolder({
      centegra: { baseUrl: 'https://api.example.com/giftcards/v1', apiKey: API_KEY },
      till: { siteId: 'S1', tillId: 'T1' },
    });
    cleanups.push(remove);
    fs.chmodSync(file, mode); // exactly this, whatever the umask
    const machine = { ...load(), source: { kind: 'machine' as const, file } };
    const store = new SecretStore(machine.dataDir, new Vault(loadVaultKey(machine.dataDir).key));
    return { file, machine, store };
  }

  it('is never rewritten, and a copy of its secrets is sealed', () => {
    const { file, machine, store } = machineConfig(0o640);
    const before = fs.readFileSync(file, 'utf8');
    const adopted = adoptSecrets(machine, store);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(adopted).toEqual({ apiKey: API_KEY, warnings: [] });
    expect(store.get('centegra.apiKey')).toBe(API_KEY);
  });

  it('holding secrets every user can read, is warned about', () => {
    const { machine, store } = machineConfig(0o644);
    const adopted = adoptSecrets(machine, store);
    expect(adopted.warnings).toHaveLength(1);
    expect(adopted.warnings[0]).toMatch(/every user on this till can read it.*chmod 640/);
  });
});

describe('the Settings screen', () => {
  it('shows each value with where it came from, never a secret in full; a new key applies at once and is audited', async () => {
    const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
    cleanups.push(() => sim.close());
    // No key in the file: it will be entered on the Settings screen.
    const { file, load, remove } = tillFolder({
      centegra: { baseUrl: sim.baseUrl },
      till: { siteId: 'S1', tillId: 'T1' },
      closeWaitMs: 1000,
      manager: { pinHash: (await import('../../main/agent/manager')).hashPin('4862') },
    });
    cleanups.push(remove);
    const runtime = await startRuntime({ loaded: load({ port: 0 }), version: 'test' });
    cleanups.push(() => runtime.close());
    const agent = runtime.agent;

    expect(await agent.call('inquireCard', { cardNumber: '6280390000000011' })).toMatchObject({
      ok: false,
      error: { code: 'CENTEGRA_KEY_DISABLED' },
    });
    const s = await agent.call('managerUnlock', { pin: '4862' });
    if (!s.ok) throw new Error(s.error.message);
    const session = s.value.session;
    const settings = await agent.call('managerSettings', { session });
    if (!settings.ok) throw new Error(settings.error.message);
    const entry = (key: string) => settings.value.entries.find((e) => e.key === key);
    expect(settings.value.file).toBe(file);
    expect(entry('centegra.baseUrl')).toMatchObject({ source: 'file', secret: false });
    expect(entry('closeWaitMs')).toMatchObject({ value: '1000', source: 'file' });
    expect(entry('centegra.timeoutMs')).toMatchObject({ value: '8000', source: 'default' });
    expect(entry('posApi.port')).toMatchObject({ source: 'command line' });
    expect(entry('centegra.apiKey')).toMatchObject({ value: 'not set', secret: true });
    expect(entry('posApi.token')).toMatchObject({
      value: `set (ends …${runtime.token.value.slice(-4)})`,
      source: 'secret store',
    });
    expect(JSON.stringify(settings.value)).not.toContain(runtime.token.value);
    expect(entry('manager.pinHash')).toMatchObject({ value: 'set', secret: true });
    expect(JSON.stringify(settings.value)).not.toContain('scrypt$');

    expect(
      (await agent.call('managerSetSecret', { session, name: 'centegra.apiKey', value: API_KEY })).ok,
    ).toBe(true);
    expect((await agent.call('inquireCard', { cardNumber: '6280390000000011' })).ok).toBe(true);
    const after = await agent.call('managerSettings', { session });
    expect(after.ok && after.value.entries.find((e) => e.key === 'centegra.apiKey')).toMatchObject({
      value: 'set (ends …0001)',
      source: 'secret store',
    });

    const revealed = await agent.call('managerRevealPosToken', { session });
    expect(revealed).toMatchObject({ ok: true, value: { token: runtime.token.value } });
    const audit = await agent.call('managerAudit', { session });
    expect(audit.ok && audit.value.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['SET_SECRET', 'REVEAL_POS_TOKEN']),
    );
    expect(JSON.stringify(audit)).not.toContain(API_KEY);
  });
});
