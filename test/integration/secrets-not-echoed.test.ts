// Secrets are never echoed (issue 15, item 3): check-config and `config` name a bad secret without
// quoting it, a refused request is logged by its path alone (no query string), and the browser
// UI's session is new at every start with a cookie that expires.
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/agent/config';
import { startHeadless, type Headless } from '../../main/headless';
import { runCli, sandboxEnv } from '../helpers/cli';
import { startDemo } from '../helpers/runtime';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder() {
  const t = tempDir();
  cleanups.push(t.remove);
  const env = sandboxEnv(t.dir);
  return { dir: t.dir, env };
}

/** Every run of 3 characters of a secret: none of them may be printed. */
const pieces = (secret: string) =>
  Array.from({ length: secret.length - 2 }, (_, i) => secret.slice(i, i + 3));

const SECRETS = {
  'centegra.apiKey': 'Xq7Zk9',
  'posApi.token': 'Wv3Jy8',
  'metrics.token': 'Pm5Rt2',
  'manager.pinHash': 'Hd4Ns6',
  'metrics.otlp.headers.Authorization': 'Gk8\nLw2Fz',
};
const BAD_SECRETS = {
  centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1', apiKey: SECRETS['centegra.apiKey'] },
  posApi: { token: SECRETS['posApi.token'] },
  metrics: {
    token: SECRETS['metrics.token'],
    otlp: {
      endpoint: 'https://collector.example/v1/metrics',
      headers: { Authorization: SECRETS['metrics.otlp.headers.Authorization'] },
    },
  },
  manager: { pinHash: SECRETS['manager.pinHash'] },
};

describe('a rejected secret in the config', () => {
  it.each([
    ['check-config', (file: string) => ['check-config', file]],
    ['config', (file: string) => ['config', '--config', file]],
  ])('%s names each bad secret key and prints no part of its value', async (_name, args) => {
    const { dir, env } = folder();
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(BAD_SECRETS));
    const r = await runCli(args(file), env);
    const output = r.stdout + r.stderr;
    expect(r.code).not.toBe(0);
    for (const key of ['centegra.apiKey', 'posApi.token', 'metrics.token', 'manager.pinHash'])
      expect(output).toContain(key);
    expect(output).toContain('metrics.otlp.headers.Authorization');
    for (const secret of Object.values(SECRETS))
      for (const piece of pieces(secret.replace('\n', ''))) expect(output).not.toContain(piece);
  });
});

describe('a refused request in agent.log', () => {
  it('a request refused for its Host is logged without its query string', async () => {
    const demo = await startDemo();
    cleanups.push(() => demo.stop());
    const r = await demo.api('GET', '/v1/health?session=abc123&card=6280001234567890123', {
      headers: { host: 'rebind.example' },
    });
    expect(r.status).toBe(403);
    const origin = await demo.api('GET', '/v1/health?session=abc123', {
      headers: { origin: 'https://evil.example' },
    });
    expect(origin.status).toBe(403);
    const token = await demo.api('GET', '/v1/health?session=abc123', {
      headers: { authorization: 'Bearer no' },
    });
    expect(token.status).toBe(401);
    await demo.runtime.close();
    const log = fs.readFileSync(path.join(demo.dataDir, 'logs', 'agent.log'), 'utf8');
    expect(log).toContain('refused: foreign Host header');
    expect(log).toContain('"path":"/v1/health"');
    expect(log).not.toContain('abc123');
    expect(log).not.toContain('6280001234567890123');
  });
});

describe('the browser UI session', () => {
  async function serve(dataDir: string, configFile: string): Promise<Headless> {
    const loaded = loadConfig(
      { configFile, demo: true, dataDir },
      { platform: process.platform, env: {}, homedir: path.dirname(dataDir) },
    );
    const headless = await startHeadless({ loaded, version: '0.0.0-test' });
    cleanups.push(() => headless.close());
    return headless;
  }
  const signIn = async (headless: Headless) => {
    const r = await request(headless.uiUrl);
    await r.body.dump();
    return String(r.headers['set-cookie']);
  };
  const page = async (headless: Headless, cookie: string) => {
    const r = await request(`${headless.runtime.origin}/`, { headers: { cookie } });
    await r.body.dump();
    return r.statusCode;
  };

  it('the cookie expires, and a restart signs every browser out', async () => {
    const { dir } = folder();
    const configFile = path.join(dir, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify({ posApi: { port: 0 } }));
    const dataDir = path.join(dir, 'data');

    const first = await serve(dataDir, configFile);
    const setCookie = await signIn(first);
    expect(setCookie).toMatch(/; Max-Age=\d+; HttpOnly; SameSite=Strict; Path=\//);
    expect(Number(/Max-Age=(\d+)/.exec(setCookie)![1])).toBeLessThanOrEqual(24 * 60 * 60);
    const cookie = setCookie.split(';')[0]!;
    // The cookie is not the printed link's key.
    expect(cookie).not.toContain(new URL(first.uiUrl).searchParams.get('session')!);
    expect(await page(first, cookie)).toBe(200);
    const oldLink = first.uiUrl;
    await first.close();

    const second = await serve(dataDir, configFile);
    expect(second.uiUrl).not.toBe(oldLink);
    expect(await page(second, cookie)).toBe(401);
    const stale = await request(second.runtime.origin + new URL(oldLink).search);
    await stale.body.dump();
    expect(stale.statusCode).toBe(401);
    expect(await page(second, (await signIn(second)).split(';')[0]!)).toBe(200);
  });
});
