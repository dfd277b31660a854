// Windows' equivalent of owner-only modes: a per-user data folder the agent makes gets an ACL of
// its own (inheritance removed; the user, SYSTEM and Administrators only), and a config file is
// asked who can read it. Both through icacls; the argument building and the parsing are pure.
// (The machine-wide folder's ACL is the installer's: resources/installer.nsh.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Well-known SIDs, written as icacls takes them (`*SID`): names are localized, SIDs are not. */
export const SYSTEM_SID = '*S-1-5-18';
export const ADMINISTRATORS_SID = '*S-1-5-32-544';

/** The current user as icacls names them: DOMAIN\user (the machine's name for a local account). */
export function currentWindowsUser(env: NodeJS.ProcessEnv = process.env): string {
  const user = env.USERNAME ?? os.userInfo().username;
  return env.USERDOMAIN ? `${env.USERDOMAIN}\\${user}` : user;
}

/**
 * icacls arguments that make `folder` owner-only: the inherited entries (Users may read
 * C:\ and what it holds) removed, and full control for the user, SYSTEM and Administrators,
 * inherited by everything made inside it.
 */
export function ownerOnlyAclArgs(folder: string, user: string): string[] {
  const inherited = '(OI)(CI)F';
  return [
    folder,
    '/inheritance:r',
    '/grant:r',
    `${user}:${inherited}`,
    `${SYSTEM_SID}:${inherited}`,
    `${ADMINISTRATORS_SID}:${inherited}`,
    '/q',
  ];
}

export interface AclRunner {
  platform: NodeJS.Platform;
  run: (command: string, args: string[]) => void;
  env: NodeJS.ProcessEnv;
}

const hostRunner = (): AclRunner => ({
  platform: process.platform,
  env: process.env,
  run: (command, args) => {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10_000, windowsHide: true });
  },
});

/**
 * Gives a data folder the agent has just made an owner-only ACL (Windows only; elsewhere its
 * mode, 0700, does). Throws when icacls fails: a folder others could read is not used.
 */
export function restrictFolderToOwner(folder: string, runner: AclRunner = hostRunner()): boolean {
  if (runner.platform !== 'win32') return false;
  try {
    runner.run('icacls', ownerOnlyAclArgs(folder, currentWindowsUser(runner.env)));
  } catch (e) {
    throw new Error(
      `Could not make the data folder ${folder} readable by this user only (icacls: ${(e as Error).message}). Check the folder's permissions, or give Till Agent another data folder.`,
      { cause: e },
    );
  }
  return true;
}

/** Who else can read a file: "yes", "no", or "unknown" (asked, but no answer). */
export type ReadableByOthers = 'yes' | 'no' | 'unknown';

/** SDDL trustees that stand for "other users": Users, Everyone, Authenticated Users (and their SIDs). */
const OTHERS = new Set(['BU', 'WD', 'AU', 'S-1-5-32-545', 'S-1-1-0', 'S-1-5-11']);

/** Access-mask bits for each SDDL right string a file's ACE can carry. */
const RIGHTS: Record<string, number> = {
  GA: 0x10000000,
  GR: 0x80000000,
  GW: 0x40000000,
  GX: 0x20000000,
  FA: 0x1f01ff,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
  RC: 0x20000,
  SD: 0x10000,
  WD: 0x40000,
  WO: 0x80000,
  // The directory-service letters SDDL prints for a file's specific rights: CC is FILE_READ_DATA.
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  RP: 0x10,
  WP: 0x20,
  DT: 0x40,
  LO: 0x80,
  CR: 0x100,
};
/** Reading the file's contents: FILE_READ_DATA, GENERIC_READ or GENERIC_ALL. */
const READS = 0x1 | 0x80000000 | 0x10000000;

function maskOf(rights: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(rights)) return Number.parseInt(rights.slice(2), 16);
  let mask = 0;
  for (let i = 0; i < rights.length; i += 2) {
    const bits = RIGHTS[rights.slice(i, i + 2).toUpperCase()];
    if (bits === undefined) return undefined;
    mask |= bits;
  }
  return mask;
}

/**
 * Whether a DACL in SDDL (as `icacls FILE /save` writes it, a SID or alias per entry whatever
 * the system's language) lets Users, Everyone or Authenticated Users read the file. Allow
 * entries only: a deny is not subtracted, so a doubt warns rather than reassures.
 */
export function sddlReadableByOthers(sddl: string): boolean {
  const dacl = /D:[A-Z]*((?:\([^)]*\))*)/.exec(sddl)?.[1] ?? '';
  for (const [, ace] of dacl.matchAll(/\(([^)]*)\)/g)) {
    const [type, flags = '', rights = '', , , trustee = ''] = ace!.split(';');
    if (type !== 'A') continue;
    // Inherit-only: for what a folder holds, not itself. Flags are two letters each (OICIIO).
    if ((flags.match(/../g) ?? ([] as string[])).includes('IO')) continue;
    if (!OTHERS.has(trustee.toUpperCase())) continue;
    const mask = maskOf(rights);
    if (mask === undefined || (mask & READS) !== 0) return true;
  }
  return false;
}

/** The SDDL line of an `icacls /save` file (UTF-16, the file's name then its DACL). */
export function sddlOfSavedAcl(saved: Buffer): string | undefined {
  const utf16 = saved.length > 1 && (saved[1] === 0 || (saved[0] === 0xff && saved[1] === 0xfe));
  const text = saved.toString(utf16 ? 'utf16le' : 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith('D:'));
}

export interface AclReader {
  run: (command: string, args: string[]) => void;
  tmpdir: string;
}

const hostReader = (): AclReader => ({ ...hostRunner(), tmpdir: os.tmpdir() });

/** Asks icacls who can read `file` (Windows): its DACL saved as SDDL, then read. */
export function windowsReadableByOthers(file: string, reader: AclReader = hostReader()): ReadableByOthers {
  const saved = path.join(reader.tmpdir, `till-agent-acl-${process.pid}-${Date.now()}.txt`);
  try {
    reader.run('icacls', [file, '/save', saved, '/q']);
    const sddl = sddlOfSavedAcl(fs.readFileSync(saved));
    if (sddl === undefined) return 'unknown';
    return sddlReadableByOthers(sddl) ? 'yes' : 'no';
  } catch {
    return 'unknown';
  } finally {
    fs.rmSync(saved, { force: true });
  }
}
