// The command line as IT uses it: check-config, serve --demo, centegra-sim, config-schema.
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

describe('check-config', () => {
  it('prints one `path: what is wrong` line per problem and exits 1', async () => {
    const file = path.join(dir(), 'config.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        centegra: { baseUrl: 'http://api.example.com', apiKey: 'abcdefghij' },
        till: { siteId: 'S1', tillId: 'T1' },
        posApi: { tokn: 'x' },
        closeWaitMs: 'soon',
      }),
    );
    const r = await runCli(['check-config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      'centegra.baseUrl: must start with https:// (plain http is allowed only to this machine, e.g. a local simulator)',
      'closeWaitMs: expected a number, got the text "soon"',
      'posApi.tokn: unknown key (did you mean "token"?); remove it',
    ]);
  });

  it('exits 0 for a valid file', async () => {
    const file = path.join(dir(), 'config.json');
    fs.writeFileSync(file, JSON.stringify({ currency: 'GBP' }));
    const r = await runCli(['check-config', file]);
    expect(r).toMatchObject({ code: 0, stdout: `${file}: valid\n` });
  });

  it('explains a missing file and bad usage', async () => {
    const missing = await runCli(['check-config', '/nonexistent/config.json']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('does not exist');
    // Without FILE it checks this machine's own files (cli-config.test.ts); two files are wrong usage.
    expect((await runCli(['check-config', 'a.json', 'b.json'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});

describe('serve --demo', () => {
  it('prints the UI address and the POS API token, answers /v1/health with demo: true, and stops cleanly', async () => {
    const data = dir();
    const served = await startCli(
      ['serve', '--demo', '--port', '0', '--data-dir', data],
      /Press Ctrl\+C to stop/,
    );
    try {
      const out = served.output();
      const ui = /Cashier screen: (http:\/\/127\.0\.0\.1:\d+\/\?session=\S+)/.exec(out)?.[1];
      const token = /POS API token: +(\S+)/.exec(out)?.[1];
      const api = /POS API: +(\S+)/.exec(out)?.[1];
      expect(ui).toBeTruthy();
      expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(out).toContain('6280390000000011');
      const r = await request(`${api}/health`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.statusCode).toBe(200);
      expect(await r.body.json()).toMatchObject({ demo: true, centegra: { state: 'ONLINE' } });
      // The token is kept sealed, owner-only, in the data folder: never in clear on disk.
      const sealed = path.join(data, 'secrets.sealed');
      expect(fs.statSync(sealed).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(sealed).includes(Buffer.from(token!))).toBe(false);
      expect(fs.existsSync(path.join(data, 'agent.lock'))).toBe(true);
    } finally {
      const code = await served.stop();
      if (code !== 0) console.log('OUTPUT', served.output());
      expect(code).toBe(0);
    }
    expect(fs.existsSync(path.join(data, 'agent.lock'))).toBe(false);
  });

  it('refuses to start a second agent on the same data folder', async () => {
    const data = dir();
    const first = await startCli(
      ['serve', '--demo', '--port', '0', '--data-dir', data],
      /Press Ctrl\+C to stop/,
    );
    try {
      const second = await runCli(['serve', '--demo', '--port', '0', '--data-dir', data]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('already running');
    } finally {
      await first.stop();
    }
  });

  it('names every problem in a bad config instead of starting', async () => {
    const file = path.join(dir(), 'config.json');
    fs.writeFileSync(file, '{"posApi": {"port": "7420"}}');
    const r = await runCli(['serve', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('posApi.port: expected a number');
  });
});

describe('centegra-sim and config-schema', () => {
  it('runs the simulator standalone on the given port', async () => {
    const sim = await startCli(['centegra-sim', '--port', '0'], /Press Ctrl\+C to stop/);
    try {
      const base = /simulator at (\S+)/.exec(sim.output())?.[1];
      const r = await request(`${base}/status`, { headers: { 'x-api-key': 'demo-factor4-gift-card-key' } });
      expect(r.statusCode).toBe(200);
      expect(await r.body.json()).toMatchObject({ centegra: 'UP', factor4: 'UP' });
    } finally {
      expect(await sim.stop()).toBe(0);
    }
  });

  it('prints the JSON Schema', async () => {
    const r = await runCli(['config-schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Till Agent configuration', type: 'object' });
  });
});
