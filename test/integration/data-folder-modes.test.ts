// Everything in the data folder is owner-only (issue 15 item 11): the agent started as a user
// starts it (`serve --config F`), under umask 022, runs a day (inquiry, a sale closed, the support
// bundle over HTTP and from the command line, diagnose, a log rotated at start-up), and then every
// folder in its data folder is 0700 and every file 0600. A folder left wider by an older version
// is tightened at start-up and the log says what was. In the till group's shared folder (setgid
// 2770, made by the deb) "owner-only" is the owner and the till group: 2770 / 0660, nothing for others.
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCards, startSimulator } from '../../main/centegra-sim';
import { runCli, startCli } from '../helpers/cli';
import { tillFolder } from '../helpers/till-folder';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const API_KEY = 'the-factor4-key-for-this-till-31415926';
const READY = /Press Ctrl\+C to stop/;
/** A start, a day and a stop, each through real processes (the first may rebuild the bundle). */
const A_DAY_MS = 90_000;
const card = demoCards.find((c) => c.label.startsWith('active, £50.00'))!;

/** Every folder and file under `dir` (itself included), with its permission bits. */
function walk(dir: string): Array<{ path: string; kind: 'dir' | 'file' | 'socket' | 'other'; mode: number }> {
  const out: Array<{ path: string; kind: 'dir' | 'file' | 'socket' | 'other'; mode: number }> = [];
  const visit = (p: string) => {
    const s = fs.lstatSync(p);
    const kind = s.isDirectory() ? 'dir' : s.isFile() ? 'file' : s.isSocket() ? 'socket' : 'other';
    out.push({ path: path.relative(dir, p) || '.', kind, mode: s.mode & 0o7777 });
    if (s.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return out;
}

/** The entries whose mode is not the one wanted: [] when the folder is as it should be. */
function wider(dir: string, wanted: { dir: number; file: number }): string[] {
  return walk(dir)
    .filter((e) => {
      if (e.kind === 'dir') return e.mode !== wanted.dir;
      // The control channel's key and socket, and a bundle the command line wrote, are the
      // user's alone, even in a group's folder.
      if (['control.key', 'support.zip'].includes(e.path) || e.kind === 'socket') return e.mode !== 0o600;
      return e.mode !== wanted.file;
    })
    .map((e) => `${e.path} ${e.kind} ${e.mode.toString(8)}`);
}

/** The whole folder may hold nothing another user can read, write or enter. */
function forOthers(dir: string): string[] {
  return walk(dir)
    .filter((e) => (e.mode & 0o007) !== 0)
    .map((e) => `${e.path} ${e.mode.toString(8)}`);
}

async function till(options: { prepare?: (dataDir: string) => void } = {}) {
  const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
  cleanups.push(() => sim.close());
  const folder = tillFolder(
    {
      centegra: { baseUrl: sim.baseUrl, apiKey: API_KEY, timeoutMs: 1000 },
      till: { siteId: 'S1', tillId: 'T1' },
      posApi: { port: 0 },
      log: { maxFileMB: 1, keepFiles: 2 },
    },
    { mode: 0o600 },
  );
  cleanups.push(folder.remove);
  options.prepare?.(folder.dataDir);
  // As a user's shell has it: files made without a mode of their own would be 0644, folders 0755.
  const umask = process.umask(0o022);
  cleanups.push(() => void process.umask(umask));
  const args = ['--config', folder.file, '--data-dir', folder.dataDir];
  const served = await startCli(['serve', ...args], READY);
  cleanups.push(() => served.stop());
  const origin = /POS API: +(\S+)/.exec(served.output())![1]!.replace(/\/v1\/?$/, '');
  const token = /POS API token: +(\S+)/.exec(served.output())![1]!;
  const api = async (method: string, url: string, body?: unknown) => {
    const r = await request(origin + url, {
      method: method as 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.body.text();
    return { status: r.statusCode, text };
  };
  return { folder, served, api, args };
}

/** A day at the till: an inquiry, a sale paid by gift card and cash, both support bundles, diagnose. */
async function aDay(t: Awaited<ReturnType<typeof till>>) {
  const { api, folder, args } = t;
  expect((await api('POST', '/v1/cards/inquiry', { cardNumber: card.cardNumber })).status).toBe(200);
  const lines = [{ sku: 'A', description: 'Lunch', quantity: 1, unitPriceMinor: 6000, lineTotalMinor: 6000 }];
  let r = await api('PUT', '/v1/baskets/b1', { currency: 'GBP', totalMinor: 6000, lines });
  expect(r.status, r.text).toBe(200);
  r = await api('POST', '/v1/baskets/b1/gift-cards', { cardNumber: card.cardNumber });
  expect(r.status, r.text).toBe(200);
  r = await api('POST', '/v1/baskets/b1/close', { otherTenders: [{ kind: 'CASH', amountMinor: 1000 }] });
  expect(r.status, r.text).toBe(200);
  expect((await api('GET', '/v1/support-bundle')).status).toBe(200);
  const out = path.join(folder.dataDir, 'support.zip');
  const bundle = await runCli(['support-bundle', ...args, '--out', out]);
  expect(bundle.code, bundle.stderr).toBe(0);
  const diagnose = await runCli(['diagnose', ...args]);
  expect(diagnose.stderr).toBe('');
}

describe.skipIf(process.platform === 'win32')('the data folder is owner-only', () => {
  it(
    'a new data folder, after a day under umask 022: every folder 0700, every file 0600 (database, WAL, lock, logs, keys, bundle)',
    async () => {
      const t = await till();
      await aDay(t);
      const names = walk(t.folder.dataDir).map((e) => e.path);
      expect(names).toEqual(
        expect.arrayContaining([
          'till-agent.db',
          'till-agent.db-wal',
          'till-agent.db-shm',
          'instance.lock',
          'agent.lock',
          'vault.key',
          'secrets.sealed',
          'control.key',
          'logs',
          'logs/agent.log',
          'support.zip',
        ]),
      );
      // While it runs (the WAL and the socket are there) and after it stopped.
      expect(wider(t.folder.dataDir, { dir: 0o700, file: 0o600 })).toEqual([]);
      expect(await t.served.stop()).not.toBeNull();
      expect(wider(t.folder.dataDir, { dir: 0o700, file: 0o600 })).toEqual([]);
    },
    A_DAY_MS,
  );

  it(
    'a data folder an older version left wide (0755, 0644, a log rotated at start) is tightened at start-up, and the log says so',
    async () => {
      const t = await till({
        prepare: (dataDir) => {
          fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
          fs.chmodSync(dataDir, 0o755);
          fs.chmodSync(path.join(dataDir, 'logs'), 0o755);
          // Over logs.maxFileMB: rotated to agent.log.1 as the agent starts, keeping its old mode.
          fs.writeFileSync(path.join(dataDir, 'logs', 'agent.log'), `${'{"msg":"old"}\n'.repeat(80_000)}`, {
            mode: 0o644,
          });
          fs.writeFileSync(path.join(dataDir, 'vault.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`, {
            mode: 0o644,
          });
          fs.writeFileSync(path.join(dataDir, 'agent.lock'), '1', { mode: 0o644 });
          fs.writeFileSync(path.join(dataDir, 'instance.lock'), '', { mode: 0o666 });
          // A bundle written there before, which the command line now writes anew.
          fs.writeFileSync(path.join(dataDir, 'support.zip'), 'old', { mode: 0o644 });
        },
      });
      await aDay(t);
      expect(walk(t.folder.dataDir).map((e) => e.path)).toContain('logs/agent.log.1');
      expect(wider(t.folder.dataDir, { dir: 0o700, file: 0o600 })).toEqual([]);
      await t.served.stop();
      expect(wider(t.folder.dataDir, { dir: 0o700, file: 0o600 })).toEqual([]);
      const log = fs.readFileSync(path.join(t.folder.dataDir, 'logs', 'agent.log'), 'utf8');
      expect(log).toContain('made owner-only');
      expect(log).toContain(t.folder.dataDir);
      expect(log).toContain('agent.log 644 -> 600');
    },
    A_DAY_MS,
  );

  it(
    "in the till group's shared folder (setgid 2770): folders 2770, files 0660 (the control key and a written bundle 0600), nothing for others",
    async () => {
      const t = await till({
        prepare: (dataDir) => {
          fs.mkdirSync(dataDir);
          fs.chmodSync(dataDir, 0o2770);
        },
      });
      await aDay(t);
      expect(forOthers(t.folder.dataDir)).toEqual([]);
      expect(wider(t.folder.dataDir, { dir: 0o2770, file: 0o660 })).toEqual([]);
      await t.served.stop();
      expect(forOthers(t.folder.dataDir)).toEqual([]);
      expect(wider(t.folder.dataDir, { dir: 0o2770, file: 0o660 })).toEqual([]);
    },
    A_DAY_MS,
  );
});
