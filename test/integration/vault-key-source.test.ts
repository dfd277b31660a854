// The vault key of a till's data folder (issue 15, item 10), through `serve` as IT runs it: a key
// that went missing, or was replaced, after a sale was queued stops start-up with the fix named
// and an exit code, and no new key is made (a new key would leave the queued card unreadable).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../main/centegra-sim';
import { startRuntime } from '../../main/runtime';
import { runAgentFor, queuedSaleSent, tillWithQueuedSale } from '../helpers/queued-sale';
import type { TillFolder } from '../helpers/till-folder';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function queuedTill(): Promise<{ sim: Simulator; folder: TillFolder; keyFile: string }> {
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const folder = await tillWithQueuedSale(sim);
  cleanups.push(folder.remove);
  return { sim, folder, keyFile: path.join(folder.dataDir, 'vault.key') };
}

/** Every file of the folder the key seals or records, byte for byte (the log may grow). */
function sealedState(dataDir: string): Record<string, string | undefined> {
  const read = (name: string) => {
    const file = path.join(dataDir, name);
    return fs.existsSync(file) ? fs.readFileSync(file).toString('base64') : undefined;
  };
  return Object.fromEntries(
    ['vault.key', 'vault.key.protected', 'vault.json', 'secrets.sealed', 'till-agent.db'].map((n) => [
      n,
      read(n),
    ]),
  );
}

const serveArgs = (folder: TillFolder) => ['serve', '--config', folder.file, '--data-dir', folder.dataDir];

describe('serve on a folder whose vault key is not the one its queue was sealed with', () => {
  it('a key deleted after a sale was queued: start-up refused, the fix named, no new key made', async () => {
    const { sim, folder, keyFile } = await queuedTill();
    const key = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    const before = sealedState(folder.dataDir);

    const r = await runAgentFor(serveArgs(folder));
    expect(r.started, r.output).toBe(false);
    expect(r.code).toBe(1);
    expect(r.output).toContain('Till Agent could not start');
    expect(r.output).toMatch(/vault key .*vault\.key is missing/);
    expect(r.output).toContain('Restore vault.key from a backup of this data folder');
    expect(r.output).not.toMatch(/^\s+at /m); // a message, not a stack trace
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(sealedState(folder.dataDir)).toEqual(before);

    // The fix as named: the key put back, the till starts and the queued sale goes.
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    const runtime = await startRuntime({ loaded: folder.load(), version: 'test' });
    cleanups.push(() => runtime.close());
    await queuedSaleSent(runtime, sim);
  });

  it('a key replaced by another: start-up refused, naming the fix, and the file left as found', async () => {
    const { folder, keyFile } = await queuedTill();
    fs.writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    const before = sealedState(folder.dataDir);

    const r = await runAgentFor(serveArgs(folder));
    expect(r.started, r.output).toBe(false);
    expect(r.code).toBe(1);
    expect(r.output).toContain('is not the key this data folder');
    expect(r.output).toContain('from a backup of this data folder');
    expect(sealedState(folder.dataDir)).toEqual(before);
  });

  it('a new, empty folder still gets a key of its own, recorded as a file key', async () => {
    const sim = await startSimulator({ quiet: true });
    cleanups.push(() => sim.close());
    const folder = await tillWithQueuedSale(sim);
    cleanups.push(folder.remove);
    const record = JSON.parse(fs.readFileSync(path.join(folder.dataDir, 'vault.json'), 'utf8'));
    expect(record).toMatchObject({ source: 'file', keyId: expect.any(String) });
    // A fingerprint, not the key.
    const key = fs.readFileSync(path.join(folder.dataDir, 'vault.key'), 'utf8').trim();
    expect(JSON.stringify(record)).not.toContain(key);
    expect(fs.statSync(path.join(folder.dataDir, 'vault.key')).mode & 0o777).toBe(0o600);
  });
});
