// A config file holding a secret in clear that every user of the till can read (issue 15 item 8):
// `check-config` and `diagnose`, run as IT runs them (real processes, a 0644 file), say so with
// the fix, naming the key and never quoting its value; a file kept to its owner and group (0640)
// draws no warning. The machine-wide file is pointed at as the config tests do (Environment's
// machineFile), since a test cannot write /etc. On Windows the same warning comes from the file's
// ACL, and an ACL that could not be read is reported as such, never as "not readable".
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../main/centegra-sim';
import { checkConfigCommand } from '../../main/cli/config-command';
import { exposedSecretsWarning, readableByOthers } from '../../main/agent/secrets';
import { runCli, sandboxEnv } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const API_KEY = 'the-estate-factor4-key-271828182845';

function sandbox() {
  const t = tempDir();
  cleanups.push(t.remove);
  const env = sandboxEnv(t.dir);
  const write = (file: string, content: object, mode: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(content));
    fs.chmodSync(file, mode); // exactly this, whatever the umask
    return file;
  };
  return { dir: t.dir, env, write };
}

const readableWarning = (file: string) =>
  `warning: ${file} holds secrets (centegra.apiKey) and every user on this till can read it. Make it readable by administrators and Till Agent's group only (chmod 640, or remove the Users group on Windows), or enter the secrets on the Settings screen instead.`;

describe.skipIf(process.platform === 'win32')('a config file holding a secret every user can read', () => {
  const estate = (baseUrl = 'https://api.centegraplus.com/giftcards/v1') => ({
    centegra: { baseUrl, apiKey: API_KEY },
    till: { siteId: 'S1', tillId: 'T1' },
  });

  it('check-config FILE warns, with the fix, and quotes no part of the secret; at 0640 it does not', async () => {
    const { dir, env, write } = sandbox();
    const file = write(path.join(dir, 'etc', 'config.json'), estate(), 0o644);
    const r = await runCli(['check-config', file], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${file}: valid\n${readableWarning(file)}\n`);
    expect(r.stdout).not.toContain(API_KEY.slice(-6));
    fs.chmodSync(file, 0o640);
    const kept = await runCli(['check-config', file], env);
    expect(kept.stdout).not.toContain('warning');
  });

  it('check-config (the files this machine reads) warns about the machine-wide file', () => {
    const { dir, env, write } = sandbox();
    const machineFile = write(path.join(dir, 'etc', 'till-agent', 'config.json'), estate(), 0o644);
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const e = { platform: 'linux' as const, env, homedir: env.HOME, hostname: 'S1-T1', machineFile };
    expect(checkConfigCommand([], e, io)).toBe(0);
    expect(out).toContain(readableWarning(machineFile));
    fs.chmodSync(machineFile, 0o640);
    out.length = 0;
    expect(checkConfigCommand([], e, io)).toBe(0);
    expect(out.join('\n')).not.toContain('warning');
  });

  it('diagnose on a stopped till lists the warning under Warnings, with the fix; at 0640 it does not', async () => {
    const sim = await startSimulator({ quiet: true, apiKey: API_KEY });
    cleanups.push(() => sim.close());
    const { dir, env, write } = sandbox();
    const file = write(path.join(dir, 'etc', 'config.json'), estate(sim.baseUrl), 0o644);
    const data = path.join(dir, 'data');
    const r = await runCli(['diagnose', '--config', file, '--data-dir', data], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Warnings:\n  - ${readableWarning(file).slice('warning: '.length)}`);
    expect(r.stdout).not.toContain(API_KEY.slice(-6));
    fs.chmodSync(file, 0o640);
    const kept = await runCli(['diagnose', '--config', file, '--data-dir', data, '--json'], env);
    expect(JSON.parse(kept.stdout).warnings).toEqual([]);
  }, 60_000);
});

describe('on Windows, who can read the file is its ACL', () => {
  it('readableByOthers asks icacls there (no longer "no" whatever the file), and keeps the mode check elsewhere', () => {
    const { dir, write } = sandbox();
    const file = write(path.join(dir, 'config.json'), {}, 0o600);
    expect(readableByOthers(file, 'win32', () => 'yes')).toBe('yes');
    expect(readableByOthers(file, 'win32', () => 'unknown')).toBe('unknown');
    expect(readableByOthers(file, 'linux', () => 'yes')).toBe('no');
    fs.chmodSync(file, 0o644);
    expect(readableByOthers(file, 'linux', () => 'no')).toBe('yes');
  });

  it('an ACL that could not be read is warned about as unchecked, never passed as not readable', () => {
    const file = 'C:\\ProgramData\\TillAgent\\config.json';
    expect(exposedSecretsWarning(file, ['centegra.apiKey'], 'unknown')).toBe(
      `${file} holds secrets (centegra.apiKey) and who can read it could not be checked (icacls did not answer). Make it readable by administrators and Till Agent's group only (chmod 640, or remove the Users group on Windows), or enter the secrets on the Settings screen instead.`,
    );
    expect(exposedSecretsWarning(file, ['centegra.apiKey'], 'no')).toBeUndefined();
    expect(exposedSecretsWarning(file, [], 'yes')).toBeUndefined();
  });
});
