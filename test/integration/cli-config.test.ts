// One estate file from the command line, run as IT runs it (a real process, this machine's real
// host name): check-config says which till a file makes of this machine (or of a till named with
// --hostname), `config` prints every key with its value and source, secrets masked, and a till
// whose host name does not fit the pattern refuses to start until $TILL_AGENT_TILL_ID names it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli, sandboxEnv } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A home of its own, so the user's real config folder is never read; no config named by the environment. */
function sandbox() {
  const t = tempDir();
  cleanups.push(t.remove);
  const env = sandboxEnv(t.dir);
  const write = (file: string, content: object) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };
  return { dir: t.dir, env, write };
}

const ESTATE_PATTERN = '^(?<site>S[0-9]+)-(?<till>T[0-9]+)$';
/** No machine is named this: the pattern of a till whose host name does not fit. */
const NEVER_PATTERN = '^(?<site>S[0-9]+)-(?<till>T[0-9]+)\\.till-agent\\.invalid$';
const HOST = os.hostname();

describe('check-config and the host name', () => {
  it("names this machine's ids, and which setting gave each", async () => {
    const { dir, env, write } = sandbox();
    const file = write(path.join(dir, 'estate.json'), {
      centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1' },
      till: { siteId: 'S001', tillIdFromHostname: '^(?<till>[^.]{1,32})' },
    });
    const r = await runCli(['check-config', file], env);
    const tillId = /^[^.]{1,32}/.exec(HOST)![0];
    expect(r).toMatchObject({
      code: 0,
      stdout: `${file}: valid\nOn this machine (host ${HOST}): siteId S001 (from till.siteId), tillId ${tillId} (from till.tillIdFromHostname)\n`,
    });
  });

  it('checks an estate file for a till named with --hostname, and names a name that does not fit', async () => {
    const { dir, env, write } = sandbox();
    const file = write(path.join(dir, 'estate.json'), {
      centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1' },
      till: { tillIdFromHostname: ESTATE_PATTERN },
    });
    expect(await runCli(['check-config', file, '--hostname', 'S001-T03'], env)).toMatchObject({
      code: 0,
      stdout: `${file}: valid\nOn the till named S001-T03: siteId S001, tillId T03 (from till.tillIdFromHostname)\n`,
    });
    expect(await runCli(['check-config', file, '--hostname', 'BACKOFFICE'], env)).toMatchObject({
      code: 1,
      stdout: `till.tillIdFromHostname: this till's host name "BACKOFFICE" does not match ${ESTATE_PATTERN}. Rename the till to fit the pattern, fix the pattern, or set $TILL_AGENT_TILL_ID and $TILL_AGENT_SITE_ID for this till.\n`,
    });
  });

  it.skipIf(fs.existsSync('/etc/till-agent/config.json'))(
    'without FILE checks the files this machine reads',
    async () => {
      const { env, write } = sandbox();
      const user = write(path.join(env.XDG_CONFIG_HOME, 'till-agent', 'config.json'), {
        centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1' },
        till: { siteId: 'S001', tillId: 'T01' },
      });
      expect(await runCli(['check-config'], env)).toMatchObject({
        code: 0,
        stdout: `Config on this machine: ${user} (your file)\nvalid\nOn this machine (host ${HOST}): siteId S001, tillId T01 (from till.siteId and till.tillId)\n`,
      });
      write(user, { till: { siteId: 'S001' } });
      const bad = await runCli(['check-config'], env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain(
        'till.tillId: is required: this till as set up in Centegra Plus, or tillIdFromHostname to read it from the host name',
      );
    },
  );
});

describe('config', () => {
  it('prints each key with its value and source, secrets masked; --json for tools', async () => {
    const { dir, env, write } = sandbox();
    const file = write(path.join(dir, 'estate.json'), {
      centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1', apiKey: 'estate-key-00000001' },
      till: { tillIdFromHostname: NEVER_PATTERN },
      closeWaitMs: 1500,
    });
    const vars = { ...env, TILL_AGENT_TILL_ID: 'T42', TILL_AGENT_SITE_ID: 'S042' };
    const data = path.join(dir, 'data');
    const r = await runCli(['config', '--config', file, '--data-dir', data], vars);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`# Till Agent config on this machine (host ${HOST}): ${file} (--config)`);
    const line = (key: string) => lines.find((l) => l.startsWith(`${key} `))?.replace(/ +=/, ' =');
    expect(line('centegra.apiKey')).toBe('centegra.apiKey = set (ends …0001)  (file)');
    expect(line('closeWaitMs')).toBe('closeWaitMs = 1500  (file)');
    expect(line('currency')).toBe('currency = "GBP"  (default)');
    expect(line('till.siteId')).toBe('till.siteId = "S042"  (environment $TILL_AGENT_SITE_ID)');
    expect(line('till.tillId')).toBe('till.tillId = "T42"  (environment $TILL_AGENT_TILL_ID)');
    expect(line('dataDir')).toBe(`dataDir = ${JSON.stringify(data)}  (command line)`);
    expect(r.stdout).not.toContain('estate-key-00000001');
    // Nothing is made in the data folder just to look.
    expect(fs.existsSync(data)).toBe(false);

    const json = await runCli(['config', '--config', file, '--json'], vars);
    const parsed = JSON.parse(json.stdout) as {
      keys: Array<{ key: string; value: unknown; source: string }>;
    };
    expect(parsed.keys.find((k) => k.key === 'till.tillId')).toEqual({
      key: 'till.tillId',
      value: 'T42',
      source: 'environment',
      origin: { kind: 'environment', variable: 'TILL_AGENT_TILL_ID' },
    });
    expect(parsed.keys.find((k) => k.key === 'closeWaitMs')).toMatchObject({ value: 1500, source: 'file' });
    expect(json.stdout).not.toContain('estate-key-00000001');
  });
});

describe('a till whose host name does not fit the pattern', () => {
  it('refuses to start, naming the name and the pattern; $TILL_AGENT_TILL_ID and _SITE_ID let it start', async () => {
    const { dir, env, write } = sandbox();
    const file = write(path.join(dir, 'estate.json'), { till: { tillIdFromHostname: NEVER_PATTERN } });
    const data = path.join(dir, 'data');
    const refused = await runCli(
      ['serve', '--demo', '--config', file, '--port', '0', '--data-dir', data],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The config file ${file} has problems:`);
    expect(refused.stderr).toContain(
      `till.tillIdFromHostname: this till's host name "${HOST}" does not match ${NEVER_PATTERN}. Rename the till to fit the pattern, fix the pattern, or set $TILL_AGENT_TILL_ID and $TILL_AGENT_SITE_ID for this till.`,
    );
    expect(refused.stdout).not.toContain('Cashier screen');

    const named = await startCli(
      ['serve', '--demo', '--config', file, '--port', '0', '--data-dir', data],
      /Press Ctrl\+C to stop/,
      { ...env, TILL_AGENT_TILL_ID: 'T42', TILL_AGENT_SITE_ID: 'S042' },
    );
    try {
      // Started, as the till the variables name.
      const api = /POS API: +(\S+)/.exec(named.output())?.[1];
      const token = /POS API token: +(\S+)/.exec(named.output())?.[1];
      const health = await request(`${api}/health`, { headers: { authorization: `Bearer ${token}` } });
      expect(health.statusCode).toBe(200);
      await health.body.dump();
    } finally {
      const code = await named.stop();
      if (code !== 0) console.log('OUTPUT', named.output());
      expect(code).toBe(0);
    }
  });
});
