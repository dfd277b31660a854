// `diagnose` and `support-bundle` without the POS token: a running agent is asked over its own
// owner-only channel in the data folder (main/runtime/control.ts), from another process as IT
// runs the command; a channel that is not the agent user's own is refused; a stopped till's key
// sealed from the Settings screen is the key the checks use.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { loadVaultKey, SecretStore, Vault, type KeyProtector } from '../../main/agent';
import { startSimulator } from '../../main/centegra-sim';
import { controlAddress, foreignSocketProblem } from '../../main/runtime';
import { runCli } from '../helpers/cli';
import { startDemo } from '../helpers/runtime';
import { tempDir } from '../helpers/tmp';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A config for the command that names no POS token and a POS port nothing listens on. */
function configWithoutToken(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  const file = path.join(t.dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ posApi: { port: 9 } }));
  return file;
}

function ask(
  address: string,
  line: string,
): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address, () => socket.write(line));
    let text = '';
    socket.on('data', (d) => (text += d));
    socket.on('end', () => resolve(JSON.parse(text)));
    socket.on('error', reject);
  });
}

describe('a running agent answers the command line over its own channel', () => {
  it('diagnose and support-bundle from another process, with no POS token and the POS port wrong', async () => {
    const till = await startDemo();
    cleanups.push(() => till.stop());
    const config = configWithoutToken();
    const address = controlAddress(till.dataDir);
    if (process.platform !== 'win32') expect(fs.statSync(address).mode & 0o777).toBe(0o600);

    const r = await runCli(['diagnose', '--config', config, '--demo', '--data-dir', till.dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.allPassed).toBe(true);
    expect(report.checks.map((c: { id: string }) => c.id)).toContain('site');

    const out = path.join(till.dataDir, '..', 'bundle.zip');
    const b = await runCli([
      'support-bundle',
      '--config',
      config,
      '--demo',
      '--data-dir',
      till.dataDir,
      '--out',
      out,
    ]);
    expect(b.code, b.stderr).toBe(0);
    const entries = unzipSync(fs.readFileSync(out));
    // Made by the running agent: its log says it started on its own port.
    expect(new TextDecoder().decode(entries['logs/agent.log']!)).toContain(`"port":${till.runtime.port}`);
  });

  it('answers nothing but those two, and nothing to a question without the data folder key', async () => {
    const till = await startDemo();
    cleanups.push(() => till.stop());
    const address = controlAddress(till.dataDir);
    const key = fs.readFileSync(path.join(till.dataDir, 'control.key'), 'utf8').trim();
    expect(await ask(address, JSON.stringify({ op: 'diagnostics', key: 'guessed' }) + '\n')).toMatchObject({
      ok: false,
      error: { code: 'CONTROL_REFUSED' },
    });
    expect(await ask(address, JSON.stringify({ op: 'closeBasket', key }) + '\n')).toMatchObject({
      ok: false,
      error: { code: 'CONTROL_REFUSED', message: 'Only diagnostics and support-bundle are answered here.' },
    });
    expect(await ask(address, JSON.stringify({ op: 'diagnostics', key }) + '\n')).toMatchObject({ ok: true });
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a socket others may use, or one another user made',
    async () => {
      const till = await startDemo();
      cleanups.push(() => till.stop());
      const address = controlAddress(till.dataDir);
      fs.chmodSync(address, 0o666);
      const r = await runCli([
        'diagnose',
        '--config',
        configWithoutToken(),
        '--demo',
        '--data-dir',
        till.dataDir,
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("is not this user's own owner-only socket");
      expect(r.stderr).toContain('mode 0666');

      fs.chmodSync(address, 0o600);
      const owner = fs.statSync(address).uid;
      expect(foreignSocketProblem(address, owner)).toBeUndefined();
      // Someone else asking (not root): the socket is not theirs.
      expect(foreignSocketProblem(address, owner + 1000)).toMatch(`owner uid ${owner}`);
      // Root may ask any user's agent, over that user's owner-only socket.
      expect(foreignSocketProblem(address, 0)).toBeUndefined();
      // Not a socket at all.
      const plain = path.join(till.dataDir, 'not-a-socket');
      fs.writeFileSync(plain, '', { mode: 0o600 });
      expect(foreignSocketProblem(plain, owner)).toContain('not a socket');
    },
  );
});

describe('a stopped till', () => {
  it('uses the key sealed from the Settings screen: the key check passes against the simulator', async () => {
    const sim = await startSimulator({ quiet: true });
    cleanups.push(() => sim.close());
    // The config has no key: it was entered on the Settings screen, sealed in the data folder.
    const till = tillFolder({ centegra: { baseUrl: sim.baseUrl }, till: { siteId: 'S1', tillId: 'T1' } });
    cleanups.push(till.remove);
    const vault = new Vault(loadVaultKey(till.dataDir).key);
    new SecretStore(till.dataDir, vault).set('centegra.apiKey', sim.apiKey);

    const r = await runCli(['diagnose', '--config', till.file, '--data-dir', till.dataDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.checks.find((c: { id: string }) => c.id === 'key')).toMatchObject({ status: 'PASS' });
    expect(sim.requests().filter((q) => q.path === '/status').length).toBeGreaterThan(0);
  });

  it('says so when the key is sealed with the desktop app’s OS keychain, which plain Node cannot open', async () => {
    const till = tillFolder({
      centegra: { baseUrl: 'http://127.0.0.1:9/giftcards/v1' },
      till: { siteId: 'S1', tillId: 'T1' },
    });
    cleanups.push(till.remove);
    const keychain: KeyProtector = {
      name: 'OS keychain (test)',
      protect: (k) => Buffer.from(k).reverse(),
      unprotect: (w) => Buffer.from(w).reverse(),
    };
    const vault = new Vault(loadVaultKey(till.dataDir, keychain).key);
    new SecretStore(till.dataDir, vault).set('centegra.apiKey', 'sealed-under-the-keychain');

    const r = await runCli(['diagnose', '--config', till.file, '--data-dir', till.dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("sealed with the desktop app's OS keychain");
    expect(r.stderr).toContain('plain Node cannot open');
    // Nothing made in its place: the desktop app still finds only its own key.
    expect(fs.existsSync(path.join(till.dataDir, 'vault.key'))).toBe(false);
  });
});
