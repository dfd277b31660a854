// The manager PIN after the security review (issue 15, item 5): hash-pin makes only PINs of 6 to
// 12 digits; a till whose PIN is shorter, or whose hash an older Till Agent made, still opens and
// is told (Settings' "Needs fixing", diagnose's warnings) to change it; each further run of 5
// wrong tries locks twice as long, up to a day, kept in the database across restarts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from '../../main/agent';
import { loadConfig } from '../../main/agent/config';
import { hashPin } from '../../main/agent/manager';
import { startSimulator } from '../../main/centegra-sim';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Made by hash-pin before issue 15 (N=16384, PIN 4862). */
const OLD_HASH = 'scrypt$16384$8$1$c2FsdC1mb3ItdGhlLXRlc3Q=$mkOLWho4Vbq9l2sL/8/FzW8+T/RLcdSXUslS7LlYRrE=';
/** A hash at a low cost, where the cost is not what a test is about (the cost is in the hash). */
const quickHash = (pin: string) => hashPin(pin, { N: 2 ** 10, r: 8, p: 1 });

async function setup(options: { pinHash?: string; demo?: boolean; now?: () => Date } = {}) {
  const t = tempDir();
  cleanups.push(t.remove);
  const sim = await startSimulator({ quiet: true });
  cleanups.push(() => sim.close());
  const loaded = loadConfig({ demo: true, dataDir: t.dir }, { platform: 'linux', env: {}, homedir: t.dir });
  loaded.config.manager.pinHash = options.pinHash;
  loaded.demo = options.demo ?? false;
  const start = async (pinHash = options.pinHash) => {
    loaded.config.manager.pinHash = pinHash;
    const agent = await Agent.start({
      loaded,
      version: 'test',
      centegra: { baseUrl: sim.baseUrl, apiKey: sim.apiKey },
      ...(options.now ? { now: options.now } : {}),
    });
    cleanups.push(() => agent.close());
    return agent;
  };
  return { start, dir: t.dir };
}

async function settingsWarnings(agent: Agent, pin: string): Promise<string[]> {
  const s = await agent.call('managerUnlock', { pin });
  if (!s.ok) throw new Error(s.error.message);
  const settings = await agent.call('managerSettings', { session: s.value.session });
  if (!settings.ok) throw new Error(settings.error.message);
  return settings.value.warnings;
}

async function diagnosticsWarnings(agent: Agent): Promise<string[]> {
  const d = await agent.call('diagnostics', {});
  if (!d.ok) throw new Error(d.error.message);
  return d.value.warnings;
}

describe('hash-pin', () => {
  it('refuses a PIN of 5 digits and writes nothing; takes 6', async () => {
    const short = await runCli(['hash-pin'], {}, '48291\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('A new manager PIN is 6 to 12 digits');
    expect(short.stdout).toBe('');
    const six = await runCli(['hash-pin'], {}, '482913\n');
    expect(six.code).toBe(0);
    expect(six.stdout.trim()).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(six.stdout).not.toContain('482913');
  });
});

describe('a PIN set before the 6-digit rule', () => {
  it('a 4-digit PIN still opens; from then on Settings and diagnostics say to change it, across a restart', async () => {
    const { start } = await setup({ pinHash: hashPin('4862') });
    let agent = await start();
    // Its hash does not tell its length: nothing to say until a manager has typed it.
    expect(await diagnosticsWarnings(agent)).toEqual([]);
    const short = expect.stringContaining('The manager PIN is shorter than 6 digits');
    expect(await settingsWarnings(agent, '4862')).toContainEqual(short);
    expect(await diagnosticsWarnings(agent)).toContainEqual(short);
    await agent.close();
    agent = await start();
    expect(await diagnosticsWarnings(agent)).toContainEqual(short);
    await agent.close();
    // IT set a new PIN: the note was about the old one.
    agent = await start(quickHash('48291370'));
    expect((await diagnosticsWarnings(agent)).join('\n')).not.toContain('The manager PIN is shorter');
  });

  it('a hash an older Till Agent made verifies, and diagnose (the real CLI) says to make a new one', async () => {
    const { start, dir } = await setup({ pinHash: OLD_HASH });
    const agent = await start();
    const older = expect.stringContaining('manager.pinHash was made by an older Till Agent');
    expect(await diagnosticsWarnings(agent)).toContainEqual(older);
    expect(await settingsWarnings(agent, '4862')).toContainEqual(
      expect.stringContaining('shorter than 6 digits'),
    );
    await agent.close();

    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ manager: { pinHash: OLD_HASH } }));
    const r = await runCli(['diagnose', '--demo', '--config', config, '--data-dir', path.join(dir, 'cli')], {
      TILL_AGENT_CONFIG: '',
    });
    expect(r.stdout).toContain('Warnings:');
    expect(r.stdout).toContain('manager.pinHash was made by an older Till Agent');
    expect(r.stdout).toContain('till-agent hash-pin');
  });

  it('the demo PIN is no PIN IT set: no warning about it', async () => {
    const { start } = await setup({ demo: true });
    const agent = await start();
    expect(await settingsWarnings(agent, '1234')).toEqual([]);
  });
});

describe('lockout', () => {
  it('5, then 10, then 20 minutes after each further 5 wrong tries, kept across restarts, back to 5 after the right PIN', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const minutes = (n: number) => (now += n * 60_000);
    const { start } = await setup({ pinHash: quickHash('482913'), now: () => new Date(now) });
    let agent = await start();
    const fiveWrong = async () => {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await agent.call('managerUnlock', { pin: '000000' }));
      expect(answers.slice(0, 4).every((a) => !a.ok && a.error.code === 'MANAGER_PIN_INCORRECT')).toBe(true);
      const last = answers[4]!;
      if (last.ok) throw new Error('unlocked with a wrong PIN');
      expect(last.error.code).toBe('MANAGER_LOCKED');
      // The figures a screen words in its own language: the try that locked, and for how long.
      const minutes = Number(/locked for (\d+) (minutes|hours)/.exec(last.error.message)?.[1]);
      const unit = /locked for \d+ hours/.test(last.error.message) ? 60 : 1;
      expect(last.error.details).toEqual({ tries: 5, lockedMinutes: minutes * unit });
      return last.error.message;
    };
    const restart = async () => {
      await agent.close();
      agent = await start();
    };
    const lockedUntil = async () => {
      const s = await agent.call('managerStatus', {});
      return s.ok ? s.value.lockedUntil : undefined;
    };

    expect(await fiveWrong()).toContain('locked for 5 minutes');
    expect(await lockedUntil()).toBe('2026-11-27T10:05:00.000Z');
    await restart();
    minutes(6);
    expect(await fiveWrong()).toContain('locked for 10 minutes');
    await restart();
    minutes(9);
    // Still locked after a restart: even the right PIN is refused until the time is up.
    expect(await agent.call('managerUnlock', { pin: '482913' })).toMatchObject({
      ok: false,
      error: { code: 'MANAGER_LOCKED' },
    });
    minutes(2);
    expect(await fiveWrong()).toContain('locked for 20 minutes');
    await restart();
    minutes(21);
    expect((await agent.call('managerUnlock', { pin: '482913' })).ok).toBe(true);
    expect(await fiveWrong()).toContain('locked for 5 minutes');
  });

  it('never longer than 24 hours', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const { start } = await setup({ pinHash: quickHash('482913'), now: () => new Date(now) });
    const agent = await start();
    let last = '';
    for (let round = 0; round < 11; round++) {
      for (let i = 0; i < 5; i++) {
        const r = await agent.call('managerUnlock', { pin: '000000' });
        if (!r.ok) last = r.error.message;
      }
      now += 25 * 60 * 60_000;
    }
    expect(last).toContain('locked for 24 hours');
  });
});
