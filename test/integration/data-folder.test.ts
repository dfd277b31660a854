// One queue per till, with real folders: the machine-wide data folder is chosen when it is there
// and this user may write to it; a user's folder from an earlier install is taken over once (also
// when the takeover is cut short by a kill at any step: both folders stay usable), never into a
// folder that already has a queue, and never used again; in the till group's shared folder every
// file the agent makes is the group's too.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadVaultKey, SecretStore, Vault, type KeyProtector } from '../../main/agent';
import {
  chooseDataDir,
  describeDataDir,
  isMachineDataDir,
  loadConfig,
  machineDataDir,
  TAKEN_OVER_MARKER,
  takeOverUserDataFolder,
  userDataDir,
  type Environment,
} from '../../main/agent/config';
import { openDatabase } from '../../main/agent/db';
import { prepareDataFolder, startRuntime } from '../../main/runtime';
import { repoRoot } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

const keychain: KeyProtector = {
  name: 'OS keychain (test)',
  protect: (k) => Buffer.from(k).reverse(),
  unprotect: (w) => Buffer.from(w).reverse(),
};

/** A user's data folder as an earlier install left it: a sale waiting, a key sealed from Settings, a log. */
function userFolderWithQueue(folder: string, protector?: KeyProtector): void {
  // The key first, as the agent makes it before anything is sealed.
  const vault = new Vault(loadVaultKey(folder, protector).key);
  const db = openDatabase(path.join(folder, 'till-agent.db'));
  db.prepare(
    `INSERT INTO outbox (kind, basket_id, request_id, state, body, created_at, next_attempt_ms, gift_card_total_minor, currency, cards_masked) VALUES ('CLOSE', 'b-1', 'r-1', 'PENDING', ?, ?, 0, 1250, 'GBP', '[]')`,
  ).run(Buffer.from('{}'), new Date().toISOString());
  db.close();
  new SecretStore(folder, vault).set('centegra.apiKey', 'the-sealed-factor4-key');
  fs.mkdirSync(path.join(folder, 'logs'));
  fs.writeFileSync(path.join(folder, 'logs', 'agent.log'), '{"msg":"from before"}\n');
}

/** What a folder holds, read the way the agent would: the waiting sales and the sealed key. */
function readQueue(folder: string): { waiting: string[]; apiKey: string | undefined } {
  const db = openDatabase(path.join(folder, 'till-agent.db'));
  const waiting = (
    db.prepare('SELECT request_id FROM outbox ORDER BY request_id').all() as Array<{ request_id: string }>
  ).map((r) => r.request_id);
  db.close();
  const vault = new Vault(loadVaultKey(folder).key);
  return { waiting, apiKey: new SecretStore(folder, vault).get('centegra.apiKey') };
}

describe('which data folder', () => {
  it('the machine-wide folder when it is there and writable, else the user’s own, as before', () => {
    const home = dir();
    const e: Environment = { platform: 'linux', env: {}, homedir: home };
    const machine = path.join(home, 'var-lib-till-agent');
    expect(chooseDataDir(e, machine)).toBe(path.join(home, '.local', 'share', 'till-agent'));
    fs.mkdirSync(machine);
    expect(describeDataDir(e, machine)).toEqual({ dir: machine, kind: 'machine' });
    // No probe file is left behind.
    expect(fs.readdirSync(machine)).toEqual([]);
    // The installers' places, and the user's own as before 1.1.
    expect(machineDataDir({ platform: 'linux', env: {} })).toBe('/var/lib/till-agent');
    expect(machineDataDir({ platform: 'win32', env: { ProgramData: 'D:\\PD' } })).toBe(
      'D:\\PD\\TillAgent\\data',
    );
    expect(
      userDataDir({
        platform: 'win32',
        env: { LOCALAPPDATA: 'C:\\Users\\till\\AppData\\Local' },
        homedir: '',
      }),
    ).toBe('C:\\Users\\till\\AppData\\Local\\TillAgent');
    // A config that names dataDir still wins; the demo folder sits inside the chosen one.
    const loaded = loadConfig({ demo: true }, { ...e, env: {} });
    expect(loaded.dataDir.endsWith(path.join('till-agent', 'demo'))).toBe(true);
  });

  it('a till user the machine-wide folder leaves out keeps a folder of their own, and is told the queue splits', async () => {
    const home = dir();
    const machine = path.join(home, 'machine');
    fs.mkdirSync(machine, { mode: 0o755 });
    fs.chmodSync(home, 0o755);
    const e: Environment = { platform: 'linux', env: {}, homedir: home };
    let choice: ReturnType<typeof describeDataDir>;
    if (process.getuid?.() === 0) {
      // Root may write anywhere: ask as another user, as a till user outside the group would.
      const code = `import { describeDataDir } from ${JSON.stringify(path.join(repoRoot, 'main/agent/config/index.ts'))};
        console.log(JSON.stringify(describeDataDir(${JSON.stringify(e)}, ${JSON.stringify(machine)})));`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: repoRoot,
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        env: { ...process.env, HOME: '/tmp' },
      });
      expect(r.status, r.stderr).toBe(0);
      choice = JSON.parse(r.stdout);
    } else {
      fs.chmodSync(machine, 0o555);
      choice = describeDataDir(e, machine);
    }
    expect(choice).toMatchObject({ dir: path.join(home, '.local', 'share', 'till-agent'), kind: 'user' });
    expect(choice.kind === 'user' && choice.warning).toContain('Add this user to the till-agent group');
  });

  it('knows the machine-wide folder and its demo folder, on Windows without regard to case', () => {
    const linux = { platform: 'linux' as const, env: {} };
    expect(isMachineDataDir('/var/lib/till-agent', linux)).toBe(true);
    expect(isMachineDataDir('/var/lib/till-agent/demo', linux)).toBe(true);
    expect(isMachineDataDir('/var/lib/till-agent-other', linux)).toBe(false);
    expect(isMachineDataDir('/home/till/.local/share/till-agent', linux)).toBe(false);
    const win = { platform: 'win32' as const, env: { ProgramData: 'C:\\ProgramData' } };
    expect(isMachineDataDir('c:\\programdata\\tillagent\\DATA', win)).toBe(true);
    expect(isMachineDataDir('C:\\Users\\till\\AppData\\Local\\TillAgent', win)).toBe(false);
  });
});

describe('taking over a user’s folder from an earlier install', () => {
  function folders() {
    const root = dir();
    const from = path.join(root, 'home', '.local', 'share', 'till-agent');
    const to = path.join(root, 'var-lib-till-agent');
    fs.mkdirSync(from, { recursive: true });
    fs.mkdirSync(to);
    return { root, from, to };
  }

  it('moves the queue, the sealed secrets and the logs in, once, and marks the user’s folder', () => {
    const { from, to } = folders();
    userFolderWithQueue(from);
    const outcome = takeOverUserDataFolder({ from, to });
    expect(outcome).toMatchObject({ state: 'taken', dataDir: to });
    expect(readQueue(to)).toEqual({ waiting: ['r-1'], apiKey: 'the-sealed-factor4-key' });
    expect(fs.readFileSync(path.join(to, 'logs', 'agent.log'), 'utf8')).toContain('from before');
    expect(fs.readFileSync(path.join(from, TAKEN_OVER_MARKER), 'utf8')).toContain(`Taken over by: ${to}`);
    // Nothing of the move is left lying about: no intent, no staging, no holder. (The lock's file
    // stays, unheld: a lock is never taken on a file that could be deleted under it. vault.json is
    // the machine folder's own record of the key it was given, written when the queue was read.)
    expect(fs.readdirSync(to).sort()).toEqual([
      'instance.lock',
      'logs',
      'secrets.sealed',
      'till-agent.db',
      'vault.json',
      'vault.key',
    ]);
    expect(fs.existsSync(path.join(from, 'agent.lock'))).toBe(false);
    // Not twice.
    expect(takeOverUserDataFolder({ from, to })).toMatchObject({ state: 'already', dataDir: to });
  });

  it('unwraps a vault key the desktop app sealed with the user’s keychain; without the keychain it waits', () => {
    const { from, to } = folders();
    userFolderWithQueue(from, keychain);
    expect(takeOverUserDataFolder({ from, to })).toMatchObject({
      state: 'needs-keychain',
      dataDir: from,
      warning: expect.stringContaining('Start the desktop app once as this user'),
    });
    expect(fs.existsSync(path.join(to, 'till-agent.db'))).toBe(false);
    expect(takeOverUserDataFolder({ from, to, keyProtector: keychain })).toMatchObject({ state: 'taken' });
    // The machine folder's key is kept by its permissions, readable by every till user's agent.
    expect(fs.existsSync(path.join(to, 'vault.key.protected'))).toBe(false);
    expect(readQueue(to)).toEqual({ waiting: ['r-1'], apiKey: 'the-sealed-factor4-key' });
  });

  it('never into a machine folder that has a queue of its own: it says what to do instead', () => {
    const { root, from, to } = folders();
    userFolderWithQueue(from);
    const other = path.join(root, 'other-user');
    fs.mkdirSync(other);
    userFolderWithQueue(other);
    expect(takeOverUserDataFolder({ from: other, to })).toMatchObject({ state: 'taken' });
    const outcome = takeOverUserDataFolder({ from, to });
    expect(outcome).toMatchObject({ state: 'machine-has-queue', dataDir: to });
    expect(outcome.warning).toContain(`--data-dir "${from}"`);
    expect(fs.existsSync(path.join(from, TAKEN_OVER_MARKER))).toBe(false);
    expect(readQueue(from).waiting).toEqual(['r-1']);
  });

  it('an empty database left in the machine folder (a diagnose before the first start) makes way', () => {
    const { from, to } = folders();
    userFolderWithQueue(from);
    openDatabase(path.join(to, 'till-agent.db')).close();
    expect(takeOverUserDataFolder({ from, to })).toMatchObject({ state: 'taken' });
    expect(readQueue(to).waiting).toEqual(['r-1']);
    expect(fs.readdirSync(to).some((f) => f.startsWith('till-agent.db.replaced-'))).toBe(true);
  });

  it('not while an agent runs on either folder', async () => {
    const { from, to } = folders();
    userFolderWithQueue(from);
    // An agent's lock, held by a live process.
    const code = `import { acquireLock } from ${JSON.stringify(path.join(repoRoot, 'main/agent/lock.ts'))};
      acquireLock(${JSON.stringify(from)}); console.log('held'); setTimeout(() => {}, 60000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code]);
    cleanups.push(() => void holder.kill());
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    expect(takeOverUserDataFolder({ from, to })).toMatchObject({ state: 'busy', dataDir: from });
    expect(fs.existsSync(path.join(to, 'till-agent.db'))).toBe(false);
  });

  for (const step of ['intent', 'copied', 'moving', 'moved'] as const) {
    it(`cut short by a kill (${step}): both folders stay usable, and the next start finishes it`, () => {
      const { from, to } = folders();
      userFolderWithQueue(from);
      const code = `import { takeOverUserDataFolder } from ${JSON.stringify(path.join(repoRoot, 'main/agent/config/index.ts'))};
        takeOverUserDataFolder({ from: ${JSON.stringify(from)}, to: ${JSON.stringify(to)},
          onStep: (s) => { if (s === ${JSON.stringify(step)}) process.kill(process.pid, 'SIGKILL'); } });`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      expect(r.signal, r.stderr).toBe('SIGKILL');

      // The user's folder: whole, unmarked (the lock the killed process held is a dead one).
      expect(fs.existsSync(path.join(from, TAKEN_OVER_MARKER))).toBe(false);
      expect(readQueue(from)).toEqual({ waiting: ['r-1'], apiKey: 'the-sealed-factor4-key' });
      // The machine folder: no queue yet, or the whole queue.
      if (fs.existsSync(path.join(to, 'till-agent.db'))) expect(readQueue(to).waiting).toEqual(['r-1']);

      const again = takeOverUserDataFolder({ from, to });
      expect(again).toMatchObject({ state: 'taken', dataDir: to });
      expect(readQueue(to)).toEqual({ waiting: ['r-1'], apiKey: 'the-sealed-factor4-key' });
      expect(fs.existsSync(path.join(from, TAKEN_OVER_MARKER))).toBe(true);
      expect(fs.readdirSync(to).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  }
});

describe('at start-up (the runtime)', () => {
  function till() {
    const root = dir();
    const env: Environment = { platform: 'linux', env: {}, homedir: path.join(root, 'home') };
    const machine = path.join(root, 'machine');
    fs.mkdirSync(machine);
    const user = userDataDir(env);
    fs.mkdirSync(user, { recursive: true });
    const configFile = path.join(root, 'config.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        centegra: { baseUrl: 'http://127.0.0.1:9/giftcards/v1' },
        till: { siteId: 'S1', tillId: 'T1' },
        posApi: { port: 0 },
      }),
    );
    // As loadConfig chooses it on a till whose machine-wide folder this is (defaultDataDir).
    const loaded = {
      ...loadConfig({ configFile }, { ...env, machineFile: path.join(root, 'no-machine-file.json') }),
      dataDir: chooseDataDir(env, machine),
    };
    return { root, env, machine, user, loaded };
  }

  it('takes the user’s queue over, and the agent starts on it in the machine folder', async () => {
    const t = till();
    expect(t.loaded.dataDir).toBe(t.machine);
    userFolderWithQueue(t.user);
    const prepared = prepareDataFolder(t.loaded, keychain, { env: t.env, machine: t.machine });
    expect(prepared.loaded.dataDir).toBe(t.machine);
    expect(prepared.notes).toEqual([`took over the queue of ${t.user}`]);
    // The machine folder's vault key is not one user's keychain's.
    expect(prepared.keyProtector).toBeUndefined();

    const runtime = await startRuntime({ loaded: prepared.loaded, version: 'test' });
    cleanups.push(() => runtime.close());
    // The log opens in the background: let it, before anything is looked at or removed.
    await vi.waitFor(() => expect(fs.readFileSync(runtime.log.file, 'utf8')).toContain('Till Agent started'));
    const health = await runtime.agent.call('health', {});
    // The sale from before is in this till's queue (sent, or tried, from here on).
    const queue = health.ok ? health.value.queue : undefined;
    expect((queue?.pending ?? 0) + (queue?.failed ?? 0)).toBe(1);
    expect(runtime.secrets.get('centegra.apiKey')).toBe('the-sealed-factor4-key');
  });

  it('never runs on a folder that was taken over, and says why', () => {
    const t = till();
    userFolderWithQueue(t.user);
    prepareDataFolder(t.loaded, undefined, { env: t.env, machine: t.machine });
    const onTheOld = { ...t.loaded, dataDir: t.user };
    expect(() => prepareDataFolder(onTheOld, undefined, { env: t.env, machine: t.machine })).toThrow(
      `The data folder ${t.user} was taken over by ${t.machine}`,
    );
  });

  it.skipIf(process.platform === 'win32')(
    "in the till group's shared folder (2770), every file the agent makes is the group's, read-write",
    async () => {
      const t = till();
      fs.chmodSync(t.machine, 0o2770);
      const before = process.umask();
      cleanups.push(() => void process.umask(before));
      const prepared = prepareDataFolder(t.loaded, undefined, { env: t.env, machine: t.machine });
      const runtime = await startRuntime({ loaded: prepared.loaded, version: 'test' });
      cleanups.push(() => runtime.close());
      await vi.waitFor(() =>
        expect(fs.readFileSync(runtime.log.file, 'utf8')).toContain('Till Agent started'),
      );
      runtime.secrets.set('centegra.apiKey', 'set-on-the-settings-screen');
      const mode = (f: string) => fs.statSync(path.join(t.machine, f)).mode & 0o7777;
      for (const file of [
        'vault.key',
        'secrets.sealed',
        'till-agent.db',
        'instance.lock',
        'agent.lock',
        'logs/agent.log',
      ])
        expect([file, mode(file)]).toEqual([file, 0o660]);
      expect(mode('logs') & 0o2770).toBe(0o2770);
      // The control channel stays the agent user's alone.
      expect(mode('control.key')).toBe(0o600);
    },
  );
});
