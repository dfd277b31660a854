// The card vault's key under the OS keychain (safeStorage), or an owner-only file where there is none.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/agent';
import { keychainProtector } from '../../main/electron/keys';
import { loadVaultKey } from '../../main/agent/vault';
import { tempDir } from '../helpers/tmp';
import { electron } from './fake-electron';

describe('the vault key under the OS keychain', () => {
  it('is stored wrapped by safeStorage and comes back the same', () => {
    const t = tempDir();
    try {
      const protector = keychainProtector(electron.safeStorage, 'linux', silentLogger)!;
      expect(protector.name).toContain('gnome_libsecret');
      const first = loadVaultKey(t.dir, protector);
      expect(first.created).toBe(true);
      expect(path.basename(first.file)).toBe('vault.key.protected');
      const stored = fs.readFileSync(first.file);
      expect(stored.includes(first.key)).toBe(false);
      expect(stored.toString()).not.toContain(first.key.toString('base64'));
      expect(loadVaultKey(t.dir, protector).key.equals(first.key)).toBe(true);
      expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    } finally {
      t.remove();
    }
  });

  it('falls back to an owner-only file, saying so, where Linux has no real keychain', () => {
    const warn = vi.fn();
    const basic = { ...electron.safeStorage, getSelectedStorageBackend: () => 'basic_text' };
    expect(keychainProtector(basic, 'linux', { ...silentLogger, warn })).toBeUndefined();
    expect(warn).toHaveBeenCalled();
    const none = { ...electron.safeStorage, isEncryptionAvailable: () => false };
    expect(keychainProtector(none, 'win32', silentLogger)).toBeUndefined();
    expect(keychainProtector(electron.safeStorage, 'win32', silentLogger)?.name).toContain('DPAPI');
  });
});
