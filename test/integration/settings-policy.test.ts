// IT's policy on a running till (issue 14): with the user's file merged under the machine-wide
// file, the Settings screen's API shows IT's keys as "set by IT" and refuses to change a secret
// IT's file sets, naming the file; a secret the user's file held is sealed and taken out of that
// file only; the user's key IT overrides is named among the things to fix.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type Environment } from '../../main/agent/config';
import { hashPin } from '../../main/agent/manager';
import { startSimulator } from '../../main/centegra-sim';
import { startRuntime } from '../../main/runtime';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const IT_KEY = 'it-factor4-gift-card-key-0001';
const USER_TOKEN = 'pos-token-from-the-users-file-000002';

describe("a till under IT's machine-wide file", () => {
  it('shows IT\'s keys as "set by IT" and will not take a new key IT\'s file sets', async () => {
    const sim = await startSimulator({ quiet: true, apiKey: IT_KEY });
    cleanups.push(() => sim.close());
    const t = tempDir();
    cleanups.push(t.remove);
    const env: Environment = {
      platform: 'linux',
      env: { XDG_CONFIG_HOME: path.join(t.dir, 'home', '.config') },
      homedir: path.join(t.dir, 'home'),
      hostname: 'S001-T03',
      machineFile: path.join(t.dir, 'etc', 'config.json'),
    };
    const machineFile = env.machineFile!;
    const userFile = path.join(t.dir, 'home', '.config', 'till-agent', 'config.json');
    const itPolicy = {
      centegra: { baseUrl: sim.baseUrl, apiKey: IT_KEY },
      till: { tillIdFromHostname: '^(?<site>S[0-9]+)-(?<till>T[0-9]+)$' },
      closeWaitMs: 1000,
      manager: { pinHash: hashPin('4862') },
    };
    fs.mkdirSync(path.dirname(machineFile), { recursive: true });
    fs.writeFileSync(machineFile, JSON.stringify(itPolicy), { mode: 0o640 });
    fs.mkdirSync(path.dirname(userFile), { recursive: true });
    fs.writeFileSync(userFile, JSON.stringify({ closeWaitMs: 50, posApi: { port: 0, token: USER_TOKEN } }));
    const machineBefore = fs.readFileSync(machineFile, 'utf8');

    const loaded = loadConfig({ dataDir: path.join(t.dir, 'data') }, env);
    const runtime = await startRuntime({ loaded, version: 'test' });
    cleanups.push(() => runtime.close());
    const agent = runtime.agent;

    // IT's file is never rewritten; the user's loses only the secret it held, now sealed.
    expect(fs.readFileSync(machineFile, 'utf8')).toBe(machineBefore);
    expect(JSON.parse(fs.readFileSync(userFile, 'utf8'))).toEqual({ closeWaitMs: 50, posApi: { port: 0 } });
    expect(runtime.token.value).toBe(USER_TOKEN);

    const s = await agent.call('managerUnlock', { pin: '4862' });
    if (!s.ok) throw new Error(s.error.message);
    const session = s.value.session;
    const settings = await agent.call('managerSettings', { session });
    if (!settings.ok) throw new Error(settings.error.message);
    expect(settings.value).toMatchObject({ file: machineFile, userFile, fileKind: 'merged' });
    const entry = (key: string) => settings.value.entries.find((e) => e.key === key);
    expect(entry('centegra.baseUrl')).toMatchObject({ source: 'set by IT' });
    expect(entry('centegra.apiKey')).toMatchObject({
      value: 'set (ends …0001)',
      source: 'set by IT',
      secret: true,
    });
    expect(entry('closeWaitMs')).toMatchObject({ value: '1000', source: 'set by IT' });
    // Read from the user's file at this start (sealed now, and gone from the file at the next).
    expect(entry('posApi.token')).toMatchObject({ source: 'your file' });
    expect(entry('till.tillId')).toMatchObject({ value: '"T03"', source: 'host name' });
    expect(entry('till.tillIdFromHostname')).toMatchObject({ source: 'set by IT' });
    expect(entry('currency')).toMatchObject({ source: 'default' });
    expect(settings.value.warnings).toContain(
      `${userFile}: closeWaitMs is ignored: IT's ${machineFile} sets closeWaitMs, and a key IT sets cannot be changed. Remove it from ${userFile}.`,
    );

    // The key IT set: refused, saying who can change it; nothing stored, nothing audited.
    const refused = await agent.call('managerSetSecret', {
      session,
      name: 'centegra.apiKey',
      value: 'a-key-typed-at-the-till',
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: `The Factor4 Gift Card key is set by IT in ${machineFile}; ask IT to change it.`,
      },
    });
    expect(runtime.secrets.get('centegra.apiKey')).toBe(IT_KEY);
    expect((await agent.call('inquireCard', { cardNumber: '6280390000000011' })).ok).toBe(true);

    // A secret IT leaves to the till: changed as before, and audited.
    const NEW_TOKEN = 'a-new-pos-token-for-this-till-000003';
    expect(await agent.call('managerSetSecret', { session, name: 'posApi.token', value: NEW_TOKEN })).toEqual(
      {
        ok: true,
        value: {},
      },
    );
    expect(runtime.secrets.get('posApi.token')).toBe(NEW_TOKEN);
    const audit = await agent.call('managerAudit', { session });
    expect(audit.ok && audit.value.entries.filter((e) => e.action === 'SET_SECRET')).toEqual([
      expect.objectContaining({ detail: 'posApi.token' }),
    ]);
  });
});
