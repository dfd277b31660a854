// One vault key per data folder between the hosts (issue 15, item 10), with Electron's safeStorage
// faked: a folder first run by `serve` and then by the desktop app keeps its key (moved into the
// OS keychain once) and its queued sale still opens; `serve` on that folder afterwards is refused,
// naming the fix; a keychain key that went missing stops the desktop app with the fix in its
// error box, never with a new key.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadVaultKey, SecretStore, silentLogger, Vault, VaultKeyError } from '../../main/agent';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { describeStartupError } from '../../main/electron/startup';
import { keychainProtector } from '../../main/electron/keys';
import { startRuntime } from '../../main/runtime';
import { queuedSaleSent, runAgentFor, tillWithQueuedSale } from '../helpers/queued-sale';
import type { TillFolder } from '../helpers/till-folder';
import { electron, resetFakeElectron } from './fake-electron';

const cleanups: Array<() => Promise<void> | void> = [];
beforeEach(() => resetFakeElectron());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The desktop app's keychain, as main.ts makes it. */
const desktopKeychain = () => keychainProtector(electron.safeStorage, 'linux', silentLogger)!;

const file = (folder: TillFolder, name: string) => path.join(folder.dataDir, name);
const record = (folder: TillFolder) =>
  JSON.parse(fs.readFileSync(file(folder, 'vault.json'), 'utf8')) as { source: string; keyId: string };

async function servedFolderWithQueuedSale(): Promise<{ sim: Simulator; folder: TillFolder }> {
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  // Run first by serve: the key in an owner-only file.
  const folder = await tillWithQueuedSale(sim);
  cleanups.push(folder.remove);
  expect(fs.existsSync(file(folder, 'vault.key'))).toBe(true);
  return { sim, folder };
}

describe('one vault key per data folder, between serve and the desktop app', () => {
  it('serve first, then the desktop app: the file key moves into the keychain once, and the queued sale still opens', async () => {
    const { sim, folder } = await servedFolderWithQueuedSale();
    const { keyId } = record(folder);
    // The POS token serve sealed, read with the file key before the move.
    const fileKey = loadVaultKey(folder.dataDir, undefined, { readOnly: true }).key;
    const token = new SecretStore(folder.dataDir, new Vault(fileKey)).get('posApi.token');
    expect(token).toBeDefined();

    const desktop = await startRuntime({
      loaded: folder.load(),
      version: 'test',
      keyProtector: desktopKeychain(),
    });
    cleanups.push(() => desktop.close());
    // Moved: wrapped by the keychain, recorded so, the plain file gone; the same key.
    expect(fs.existsSync(file(folder, 'vault.key'))).toBe(false);
    expect(fs.existsSync(file(folder, 'vault.key.protected'))).toBe(true);
    expect(record(folder)).toMatchObject({ source: 'keychain', keyId });
    // What the first host sealed opens: the POS token, and the queued sale's card, which is sent.
    expect(desktop.token.value).toBe(token);
    await queuedSaleSent(desktop, sim);
    await desktop.close();

    // Once: the next desktop start opens the keychain's key and moves nothing.
    const wrapped = fs.readFileSync(file(folder, 'vault.key.protected'));
    const again = await startRuntime({
      loaded: folder.load(),
      version: 'test',
      keyProtector: desktopKeychain(),
    });
    expect(again.token.value).toBe(token);
    await again.close();
    expect(fs.readFileSync(file(folder, 'vault.key.protected'))).toEqual(wrapped);
    expect(fs.existsSync(file(folder, 'vault.key'))).toBe(false);

    // serve on the desktop app's folder: refused, naming the fix; no key of its own made.
    const r = await runAgentFor(['serve', '--config', folder.file, '--data-dir', folder.dataDir]);
    expect(r.started, r.output).toBe(false);
    expect(r.code).toBe(1);
    expect(r.output).toContain("kept in the desktop app's OS keychain");
    expect(r.output).toContain('Start the Till Agent desktop app on this folder');
    expect(fs.existsSync(file(folder, 'vault.key'))).toBe(false);
    expect(record(folder)).toMatchObject({ source: 'keychain', keyId });
  });

  it('a keychain key that went missing stops the desktop app with the fix in its error box, and no new key', async () => {
    const { folder } = await servedFolderWithQueuedSale();
    const desktop = await startRuntime({
      loaded: folder.load(),
      version: 'test',
      keyProtector: desktopKeychain(),
    });
    await desktop.close();
    fs.rmSync(file(folder, 'vault.key.protected'));

    const error = await startRuntime({
      loaded: folder.load(),
      version: 'test',
      keyProtector: desktopKeychain(),
    }).then(
      async (r) => {
        await r.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    // The log a refused start opened (asynchronously) settles before the folder is removed.
    await new Promise((r) => setTimeout(r, 500));
    expect(error).toBeInstanceOf(VaultKeyError);
    const box = describeStartupError(error);
    expect(box).toContain('vault.key.protected is missing');
    expect(box).toContain('Restore vault.key.protected from a backup of this data folder');
    expect(fs.existsSync(file(folder, 'vault.key.protected'))).toBe(false);
    expect(fs.existsSync(file(folder, 'vault.key'))).toBe(false);
  });
});
