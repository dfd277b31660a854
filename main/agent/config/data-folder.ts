// Where the till's data (the queue database, sealed secrets, logs) lives when the config names no
// dataDir: one machine-wide folder for every account that logs in to the till, which the
// all-users installers make (Windows %ProgramData%\TillAgent\data, Linux /var/lib/till-agent),
// when it is there and this user may write to it; otherwise the user's own folder, as before.
// One queue per till: a queue split across the accounts that log in cannot be seen or sent whole.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Environment } from './load';

/** The user's own data folder: what every till used before the machine-wide one. */
export function userDataDir(e: Environment): string {
  if (e.platform === 'win32') {
    return path.win32.join(e.env.LOCALAPPDATA ?? path.win32.join(e.homedir, 'AppData', 'Local'), 'TillAgent');
  }
  if (e.platform === 'darwin')
    return path.join(e.homedir, 'Library', 'Application Support', 'TillAgent', 'data');
  return path.join(e.env.XDG_DATA_HOME || path.join(e.homedir, '.local', 'share'), 'till-agent');
}

/** The machine-wide data folder the installers make; none on macOS, which has no installer. */
export function machineDataDir(e: Pick<Environment, 'platform' | 'env'>): string | undefined {
  if (e.platform === 'win32') {
    const programData = e.env.ProgramData ?? e.env.PROGRAMDATA ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'TillAgent', 'data');
  }
  if (e.platform === 'darwin') return undefined;
  return '/var/lib/till-agent';
}

export type DataFolderChoice =
  { dir: string; kind: 'machine' } | { dir: string; kind: 'user'; warning?: string };

/**
 * The folder to use and why. A machine-wide folder this user may not write to is a till user left
 * out of the till's group: the queue would split, so the choice says so (IT's fix in the words).
 */
export function describeDataDir(e: Environment, machine = machineDataDir(e)): DataFolderChoice {
  const user = userDataDir(e);
  if (!machine || !isDirectory(machine)) return { dir: user, kind: 'user' };
  if (writable(machine)) return { dir: machine, kind: 'machine' };
  return {
    dir: user,
    kind: 'user',
    warning: `This user may not write to the till's machine-wide data folder ${machine}, so Till Agent keeps this user's own queue in ${user}: the till's sales are split. ${
      e.platform === 'win32'
        ? 'Give the till users modify access to that folder (docs/installing.md, "Data folder").'
        : 'Add this user to the till-agent group (sudo usermod -aG till-agent <user>) and log in again.'
    }`,
  };
}

/** The data folder when the config names none. */
export function chooseDataDir(e: Environment, machine = machineDataDir(e)): string {
  return describeDataDir(e, machine).dir;
}

/** True when `dir` is the machine-wide data folder, or a folder inside it (its demo folder). */
export function isMachineDataDir(
  dir: string,
  e: Pick<Environment, 'platform' | 'env'>,
  machine = machineDataDir(e),
): boolean {
  if (!machine) return false;
  const p = e.platform === 'win32' ? path.win32 : path.posix;
  const norm = (d: string) => (e.platform === 'win32' ? p.resolve(d).toLowerCase() : p.resolve(d));
  const rel = p.relative(norm(machine), norm(dir));
  return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Tried, not guessed from mode bits: on Windows only the folder's ACL knows, and only a write asks it. */
function writable(dir: string): boolean {
  const probe = path.join(dir, `.write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, '', { flag: 'wx', mode: 0o600 });
    fs.rmSync(probe, { force: true });
    return true;
  } catch {
    return false;
  }
}
