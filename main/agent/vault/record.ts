// The data folder's record of its vault key (vault.json): where the key is kept (an owner-only
// file, or the OS keychain) and a fingerprint that tells the key that sealed this folder's data
// from any other, without being the key. Written once when the key is made, and again when the
// desktop app moves a file key into the keychain.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'vault.key';
export const PROTECTED_KEY_FILE = 'vault.key.protected';
export const RECORD_FILE = 'vault.json';

export type KeySource = 'file' | 'keychain';

export interface KeyRecord {
  source: KeySource;
  /** HMAC of a fixed label under the key: equal for the same key, and no help in finding it. */
  keyId: string;
  createdAt: string;
  movedToKeychainAt?: string;
}

export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('till-agent/vault-key-id/v1').digest('base64url').slice(0, 22);
}

export type ReadRecord = { state: 'none' } | { state: 'ok'; record: KeyRecord } | { state: 'damaged' };

export function readKeyRecord(dataDir: string): ReadRecord {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, RECORD_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'none' };
    throw e;
  }
  try {
    const parsed = JSON.parse(text) as Partial<KeyRecord>;
    if (
      (parsed.source === 'file' || parsed.source === 'keychain') &&
      typeof parsed.keyId === 'string' &&
      typeof parsed.createdAt === 'string'
    )
      return { state: 'ok', record: parsed as KeyRecord };
  } catch {
    /* below */
  }
  return { state: 'damaged' };
}

export function writeKeyRecord(dataDir: string, record: KeyRecord, mode: number): void {
  writeDurably(path.join(dataDir, RECORD_FILE), JSON.stringify(record, null, 2) + '\n', mode);
}

/** Written to a temporary file, flushed to disk, then renamed: never half there after a power cut. */
export function writeDurably(file: string, content: string | Buffer, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    /* Windows cannot open a folder to flush it; the rename is durable there */
  }
}
