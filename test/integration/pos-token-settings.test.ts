// The POS token the Settings screen changes (issue 15, item 10): the POS API takes the new token
// at once and no longer the old one, with no restart; where IT's machine-wide file sets the token
// the change is refused, naming the file; and "reveal" shows the token the POS API checks.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type Environment } from '../../main/agent/config';
import { hashPin } from '../../main/agent/manager';
import { startSimulator } from '../../main/centegra-sim';
import { startRuntime, type Runtime } from '../../main/runtime';
import { until } from '../helpers/money';
import { tempDir } from '../helpers/tmp';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PIN = '486213';
// A low scrypt cost keeps the test quick; the cost is not what is tested here.
const PIN_HASH = hashPin(PIN, { N: 2 ** 10, r: 8, p: 1 });
const NEW_TOKEN = 'a-new-pos-token-typed-on-settings-0001';

/** GET /v1/health over real HTTP with a bearer token: the status the POS would see. */
async function healthWith(runtime: Runtime, token: string): Promise<number> {
  const r = await fetch(`${runtime.origin}/v1/health`, { headers: { authorization: `Bearer ${token}` } });
  await r.arrayBuffer();
  return r.status;
}

async function managerSession(runtime: Runtime, pin = PIN): Promise<string> {
  const s = await runtime.agent.call('managerUnlock', { pin });
  if (!s.ok) throw new Error(s.error.message);
  return s.value.session;
}

async function revealed(runtime: Runtime, session: string): Promise<string | undefined> {
  const r = await runtime.agent.call('managerRevealPosToken', { session });
  return r.ok ? r.value.token : undefined;
}

/** The POS's event stream with a token: what it received, and whether the agent ended it. */
function eventStream(runtime: Runtime, token: string) {
  const seen = { text: '', ended: false };
  const ended = new Promise<void>((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port: runtime.port,
        path: '/v1/events',
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        expect(res.statusCode).toBe(200);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (seen.text += chunk));
        res.on('end', () => {
          seen.ended = true;
          resolve();
        });
      },
    );
    req.on('error', reject);
    cleanups.push(() => void req.destroy());
  });
  return { seen, ended };
}

const coffee = (basketId: string) => ({
  basketId,
  currency: 'GBP',
  totalMinor: 250,
  lines: [{ sku: 'C', description: 'Coffee', quantity: 1, unitPriceMinor: 250, lineTotalMinor: 250 }],
});

/** A till on the simulator with a manager PIN and no token in its file, closed after the test. */
async function startTill() {
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const folder = tillFolder({
    centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
    till: { siteId: 'S1', tillId: 'T1' },
    manager: { pinHash: PIN_HASH },
  });
  cleanups.push(folder.remove);
  const runtime = await startRuntime({ loaded: folder.load({ port: 0 }), version: 'test' });
  cleanups.push(() => runtime.close());
  return runtime;
}

describe('the POS token on the Settings screen', () => {
  it('a changed token is the one the POS API takes at once, the old one is refused, and reveal shows it', async () => {
    const runtime = await startTill();
    const oldToken = runtime.token.value;
    expect(await healthWith(runtime, oldToken)).toBe(200);

    const session = await managerSession(runtime);
    expect(
      await runtime.agent.call('managerSetSecret', { session, name: 'posApi.token', value: NEW_TOKEN }),
    ).toEqual({ ok: true, value: {} });

    // No restart: the next request is checked against the new token.
    expect(await healthWith(runtime, NEW_TOKEN)).toBe(200);
    expect(await healthWith(runtime, oldToken)).toBe(401);
    expect(await revealed(runtime, session)).toBe(NEW_TOKEN);
  });

  it('an event stream opened with the old token ends at its next event, sending nothing more', async () => {
    const runtime = await startTill();
    const stream = eventStream(runtime, runtime.token.value);
    await until(() => stream.seen.text.includes('retry:'), 'the event stream open');
    await runtime.agent.call('putBasket', coffee('before-the-change'));
    await until(() => stream.seen.text.includes('before-the-change'), 'the event sent with the old token');

    const session = await managerSession(runtime);
    expect(
      (await runtime.agent.call('managerSetSecret', { session, name: 'posApi.token', value: NEW_TOKEN })).ok,
    ).toBe(true);
    await runtime.agent.call('putBasket', coffee('after-the-change'));
    await stream.ended;
    expect(stream.seen.text).not.toContain('after-the-change');
  });

  it('a token the user’s file gave is replaced on Settings at once too: the file’s old token stops working', async () => {
    const sim = await startSimulator({ quiet: true });
    cleanups.push(() => sim.close());
    const FILE_TOKEN = 'pos-token-from-the-users-own-file-0002';
    const folder = tillFolder({
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      till: { siteId: 'S1', tillId: 'T1' },
      posApi: { token: FILE_TOKEN },
      manager: { pinHash: PIN_HASH },
    });
    cleanups.push(folder.remove);
    const runtime = await startRuntime({ loaded: folder.load({ port: 0 }), version: 'test' });
    cleanups.push(() => runtime.close());
    expect(await healthWith(runtime, FILE_TOKEN)).toBe(200);
    const session = await managerSession(runtime);
    expect(
      (await runtime.agent.call('managerSetSecret', { session, name: 'posApi.token', value: NEW_TOKEN })).ok,
    ).toBe(true);
    expect(await healthWith(runtime, FILE_TOKEN)).toBe(401);
    expect(await healthWith(runtime, NEW_TOKEN)).toBe(200);
    expect(await revealed(runtime, session)).toBe(NEW_TOKEN);
  });

  it('where IT’s machine-wide file sets the token, a change is refused naming the file; IT’s token stays in use and is the one revealed', async () => {
    const sim = await startSimulator({ quiet: true });
    cleanups.push(() => sim.close());
    const t = tempDir();
    cleanups.push(t.remove);
    const IT_TOKEN = 'pos-token-set-by-it-for-this-till-0003';
    const env: Environment = {
      platform: 'linux',
      env: { XDG_CONFIG_HOME: path.join(t.dir, 'home', '.config') },
      homedir: path.join(t.dir, 'home'),
      machineFile: path.join(t.dir, 'etc', 'config.json'),
    };
    fs.mkdirSync(path.dirname(env.machineFile!), { recursive: true });
    fs.writeFileSync(
      env.machineFile!,
      JSON.stringify({
        centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
        till: { siteId: 'S1', tillId: 'T1' },
        posApi: { port: 0, token: IT_TOKEN },
        manager: { pinHash: PIN_HASH },
      }),
      { mode: 0o640 },
    );
    const runtime = await startRuntime({
      loaded: loadConfig({ dataDir: path.join(t.dir, 'data') }, env),
      version: 'test',
    });
    cleanups.push(() => runtime.close());
    const session = await managerSession(runtime);
    const settings = await runtime.agent.call('managerSettings', { session });
    expect(settings.ok && settings.value.entries.find((e) => e.key === 'posApi.token')).toMatchObject({
      source: 'set by IT',
    });

    expect(
      await runtime.agent.call('managerSetSecret', { session, name: 'posApi.token', value: NEW_TOKEN }),
    ).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: `The POS API token is set by IT in ${env.machineFile}; ask IT to change it.`,
      },
    });
    expect(await healthWith(runtime, IT_TOKEN)).toBe(200);
    expect(await healthWith(runtime, NEW_TOKEN)).toBe(401);
    expect(await revealed(runtime, session)).toBe(IT_TOKEN);
  });

  it('reveal shows the token the POS API checks, also when a demo’s config names a token after one was made', async () => {
    const folder = tillFolder({ posApi: { port: 0 } });
    cleanups.push(folder.remove);
    const load = (config: object) => {
      fs.writeFileSync(folder.file, JSON.stringify(config));
      return loadConfig(
        { configFile: folder.file, dataDir: folder.dataDir, demo: true },
        { platform: 'linux', env: {}, homedir: folder.dir },
      );
    };
    // A first demo start makes and seals a token of its own.
    const first = await startRuntime({ loaded: load({ posApi: { port: 0 } }), version: 'test' });
    const made = first.token.value;
    await first.close();

    const CONFIG_TOKEN = 'pos-token-named-in-the-demo-config-0004';
    const runtime = await startRuntime({
      loaded: load({ posApi: { port: 0, token: CONFIG_TOKEN } }),
      version: 'test',
    });
    cleanups.push(() => runtime.close());
    const inUse = (await healthWith(runtime, CONFIG_TOKEN)) === 200 ? CONFIG_TOKEN : made;
    expect(await healthWith(runtime, inUse)).toBe(200);
    expect(await revealed(runtime, await managerSession(runtime, '1234'))).toBe(inUse);
  });
});
