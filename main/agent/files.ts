// Files in the data folder the agent owns: owner-only secrets and the folder's modes. (The lock
// that keeps two agents off one queue is lock.ts.)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Modes for the agent's files and folders in a data folder. A setgid, group-writable folder is
 * a till's shared one (/var/lib/till-agent, made so by the deb for the till-agent group): its
 * files are the group's too, so each till user's agent can open the one queue. Elsewhere they
 * are the user's alone. (Windows: the folder's inherited ACL decides; the mode is not used.)
 */
export function dataFolderModes(dataDir: string): { file: number; dir: number; shared: boolean } {
  let mode = 0;
  try {
    mode = fs.statSync(dataDir).mode;
  } catch {
    /* not made yet: the user's own */
  }
  const shared = process.platform !== 'win32' && (mode & 0o2000) !== 0 && (mode & 0o070) === 0o070;
  return shared ? { file: 0o660, dir: 0o2770, shared } : { file: 0o600, dir: 0o700, shared };
}

/** Puts a file of the data folder back to its mode, when this user may (the owner; in a shared folder another till user may own it). */
export function keepFileMode(file: string, dataDir: string): void {
  if (process.platform === 'win32') return;
  const wanted = dataFolderModes(dataDir).file;
  const stat = fs.statSync(file);
  if ((stat.mode & 0o777) !== wanted && stat.uid === process.getuid?.()) fs.chmodSync(file, wanted);
}

/** Reads a secret kept in the data folder, creating a random one (owner-only, 0600) if absent. */
export function loadOrCreateSecret(
  dataDir: string,
  name: string,
  bytes = 32,
): { value: string; file: string; created: boolean } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, name);
  try {
    const value = fs.readFileSync(file, 'utf8').trim();
    if (value.length >= 24) {
      keepFileMode(file, dataDir);
      return { value, file, created: false };
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const value = randomBytes(bytes).toString('base64url');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, value + '\n', { mode: dataFolderModes(dataDir).file });
  fs.renameSync(tmp, file);
  return { value, file, created: true };
}
