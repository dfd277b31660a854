// Files in the data folder the agent owns: owner-only secrets and the folder's modes. (The lock
// that keeps two agents off one queue is lock.ts.)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { restrictFolderToOwner, type AclRunner } from './windows-acl';

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

/**
 * Makes the data folder when it is not there: owner-only from its first moment (0700; on Windows
 * an ACL of the user, SYSTEM and Administrators, not what it would inherit). Every place that
 * may be first to touch a data folder makes it through here.
 */
export function makeDataFolder(dataDir: string, acl?: AclRunner): void {
  const made = fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (made === undefined) return;
  try {
    restrictFolderToOwner(path.resolve(dataDir), acl);
  } catch (e) {
    // Not left behind with what it inherited: the next start makes it, and tries, again.
    fs.rmSync(made, { recursive: true, force: true });
    throw e;
  }
}

/**
 * What the agent keeps in a data folder, by name: only these are tightened at start-up (a data
 * folder pointed at somewhere shared by mistake must not have its other contents changed).
 * Prefixes: the database and its journals, kept-aside and replaced copies, support bundles.
 */
const AGENT_FILES = [
  'till-agent',
  'instance.lock',
  'agent.lock',
  'vault.key',
  'secrets.sealed',
  'control.',
  'logs',
  'electron',
  '.takeover',
];

/**
 * Takes from the data folder and what the agent keeps in it any access wider than its modes
 * (an older version's 0755 folder, a 0644 database made under umask 022, a rotated log): group
 * and other bits only, on what this user owns, never following a link. POSIX only: Windows
 * folders get their ACL when made. Returns what was tightened, "path 755 -> 700", for the log.
 * `folderItself: false` leaves the folder's own mode alone (the machine-wide one's is IT's).
 */
export function tightenDataFolder(dataDir: string, options: { folderItself?: boolean } = {}): string[] {
  if (process.platform === 'win32') return [];
  const modes = dataFolderModes(dataDir);
  const uid = process.getuid?.();
  const tightened: string[] = [];
  const tighten = (p: string, recurse: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(p);
    } catch {
      return; // gone meanwhile
    }
    if (stat.isSymbolicLink() || stat.uid !== uid) return;
    const wanted = stat.isDirectory() ? modes.dir : modes.file;
    const extra = stat.mode & 0o077 & ~wanted;
    if (extra !== 0) {
      const mode = stat.mode & 0o7777 & ~extra;
      fs.chmodSync(p, mode);
      tightened.push(`${p} ${(stat.mode & 0o7777).toString(8)} -> ${mode.toString(8)}`);
    }
    if (recurse && stat.isDirectory())
      for (const name of fs.readdirSync(p)) tighten(path.join(p, name), true);
  };
  if (options.folderItself !== false) tighten(dataDir, false);
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch {
    return tightened;
  }
  for (const name of names)
    if (AGENT_FILES.some((prefix) => name.startsWith(prefix))) tighten(path.join(dataDir, name), true);
  return tightened;
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
  makeDataFolder(dataDir);
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
