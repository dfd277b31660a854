// Where the vault's key comes from. Headless: a key file in the data folder that only the agent's
// user can read. Electron: the same file, but holding the key encrypted by the OS keychain
// (safeStorage), supplied by the Electron host through a KeyProtector.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataFolderModes, keepFileMode } from '../files';
import { VaultError } from './vault';

/** Wraps and unwraps the key with something outside the data folder (the OS keychain). */
export interface KeyProtector {
  readonly name: string;
  protect(key: Buffer): Buffer;
  unprotect(wrapped: Buffer): Buffer;
}

export interface LoadedKey {
  key: Buffer;
  file: string;
  created: boolean;
  protectedBy: string;
}

/** Loads the vault key, creating it (owner-only file) on first start. */
export function loadVaultKey(dataDir: string, protector?: KeyProtector): LoadedKey {
  const file = path.join(dataDir, protector ? 'vault.key.protected' : 'vault.key');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let stored: Buffer | undefined;
  try {
    stored = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (stored) {
    keepFileMode(file, dataDir);
    const key = protector
      ? protector.unprotect(stored)
      : Buffer.from(stored.toString('utf8').trim(), 'base64');
    if (key.length !== 32)
      throw new VaultError(
        `The vault key in ${file} is damaged. Restore it from a backup; without it queued card payments cannot be sent.`,
      );
    return { key, file, created: false, protectedBy: protector?.name ?? 'file permissions' };
  }
  const key = randomBytes(32);
  const content = protector ? protector.protect(key) : Buffer.from(key.toString('base64') + '\n', 'utf8');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: dataFolderModes(dataDir).file });
  fs.renameSync(tmp, file);
  return { key, file, created: true, protectedBy: protector?.name ?? 'file permissions' };
}
