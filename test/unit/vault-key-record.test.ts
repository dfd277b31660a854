// The vault key's recorded place (vault.json), step by step: a move into the keychain cut short at
// any step finishes at the next desktop start with the same key; the record, not whichever file
// happens to be there, decides; a damaged record, another user's keychain or a look at a stopped
// till never make a key.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadVaultKey, VaultKeyError, type KeyProtector } from '../../main/agent/vault';
import { keyIdOf } from '../../main/agent/vault/record';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

const keychain: KeyProtector = {
  name: 'OS keychain (test)',
  protect: (k) => Buffer.concat([Buffer.from('kc:'), Buffer.from(k).reverse()]),
  unprotect: (w) => {
    if (!w.subarray(0, 3).equals(Buffer.from('kc:'))) throw new Error('not this keychain');
    return Buffer.from(w.subarray(3)).reverse();
  },
};

const files = (dir: string) => fs.readdirSync(dir).sort();
const recordOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8')) as { source: string; keyId: string };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VaultKeyError);
    return (e as VaultKeyError).code;
  }
  return undefined;
}

describe('the vault key record', () => {
  it('a move into the keychain cut short after the wrapped key was written: the next desktop start finishes it', () => {
    const dir = folder();
    const { key } = loadVaultKey(dir);
    // As a crash left it: the wrapped key written, the record still naming the file.
    fs.writeFileSync(path.join(dir, 'vault.key.protected'), keychain.protect(key));
    expect(loadVaultKey(dir).key.equals(key)).toBe(true); // serve still opens its file key
    const desktop = loadVaultKey(dir, keychain);
    expect(desktop.key.equals(key)).toBe(true);
    expect(recordOf(dir)).toMatchObject({ source: 'keychain', keyId: keyIdOf(key) });
    expect(files(dir)).toEqual(['vault.json', 'vault.key.protected']);
  });

  it('cut short after the record named the keychain: the desktop removes the file key; serve is refused', () => {
    const dir = folder();
    const { key } = loadVaultKey(dir);
    fs.writeFileSync(path.join(dir, 'vault.key.protected'), keychain.protect(key));
    const rec = recordOf(dir);
    fs.writeFileSync(path.join(dir, 'vault.json'), JSON.stringify({ ...rec, source: 'keychain' }));
    expect(codeOf(() => loadVaultKey(dir))).toBe('VAULT_KEY_IN_KEYCHAIN');
    expect(loadVaultKey(dir, keychain).key.equals(key)).toBe(true);
    expect(files(dir)).toEqual(['vault.json', 'vault.key.protected']);
  });

  it('a keychain key of an earlier install that is not this folder’s is kept aside, never overwritten', () => {
    const dir = folder();
    const { key } = loadVaultKey(dir);
    const earlier = keychain.protect(Buffer.alloc(32, 7));
    fs.writeFileSync(path.join(dir, 'vault.key.protected'), earlier);
    expect(loadVaultKey(dir, keychain).key.equals(key)).toBe(true);
    const aside = files(dir).find((f) => f.startsWith('vault.key.protected.replaced-'));
    expect(aside).toBeDefined();
    expect(fs.readFileSync(path.join(dir, aside!))).toEqual(earlier);
  });

  it('another user’s keychain, a damaged record, a damaged key: refused, and no key made', () => {
    const dir = folder();
    loadVaultKey(dir, keychain);
    const otherUser: KeyProtector = { ...keychain, unprotect: () => Buffer.from('x') };
    expect(codeOf(() => loadVaultKey(dir, otherUser))).toBe('VAULT_KEY_UNREADABLE');

    const plain = folder();
    loadVaultKey(plain);
    fs.writeFileSync(path.join(plain, 'vault.key'), 'not a key\n');
    expect(codeOf(() => loadVaultKey(plain))).toBe('VAULT_KEY_DAMAGED');
    fs.writeFileSync(path.join(plain, 'vault.json'), '{ half a rec');
    expect(codeOf(() => loadVaultKey(plain))).toBe('VAULT_KEY_DAMAGED');
    expect(files(plain)).toEqual(['vault.json', 'vault.key']);
  });

  it('a folder from before the record has its key recorded where it is; a look at a stopped till writes nothing', () => {
    const dir = folder();
    const { key } = loadVaultKey(dir);
    fs.rmSync(path.join(dir, 'vault.json'));
    expect(loadVaultKey(dir, undefined, { readOnly: true }).key.equals(key)).toBe(true);
    expect(files(dir)).toEqual(['vault.key']);
    expect(loadVaultKey(dir).key.equals(key)).toBe(true);
    expect(recordOf(dir)).toMatchObject({ source: 'file', keyId: keyIdOf(key) });

    // Sealed secrets and no key at all: refused, nothing made.
    const empty = folder();
    fs.writeFileSync(path.join(empty, 'secrets.sealed'), 'sealed before the key went');
    expect(codeOf(() => loadVaultKey(empty))).toBe('VAULT_KEY_MISSING');
    expect(files(empty)).toEqual(['secrets.sealed']);
  });
});
