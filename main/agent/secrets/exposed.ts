// A config file holding a secret (the Factor4 key, the POS token, the metrics token) in clear that
// other users of the till can read: said to IT by the agent at start-up, by `check-config` and by
// `diagnose`, with the fix. POSIX asks the file's mode; Windows its ACL, through icacls.
import fs from 'node:fs';
import { windowsReadableByOthers, type ReadableByOthers } from '../windows-acl';

export type { ReadableByOthers } from '../windows-acl';

/**
 * Whether users other than the owner (and the owner's group) can read the file: "unknown" when
 * that could not be asked (Windows: icacls failed), which is never taken for "no".
 */
export function readableByOthers(
  file: string,
  platform: NodeJS.Platform = process.platform,
  onWindows: (file: string) => ReadableByOthers = windowsReadableByOthers,
): ReadableByOthers {
  if (platform === 'win32') return onWindows(file);
  try {
    return (fs.statSync(file).mode & 0o004) !== 0 ? 'yes' : 'no';
  } catch {
    return 'unknown';
  }
}

/** The secret keys a config file's JSON sets, by their dotted names. */
export function secretKeysIn(raw: unknown): string[] {
  const section = (name: string) => {
    const value = (raw as Record<string, unknown> | null)?.[name];
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  };
  return [
    ['centegra', 'apiKey'],
    ['posApi', 'token'],
    ['metrics', 'token'],
  ]
    .filter(([s, k]) => typeof section(s!)[k!] === 'string' && section(s!)[k!] !== '')
    .map(([s, k]) => `${s}.${k}`);
}

const FIX =
  "Make it readable by administrators and Till Agent's group only (chmod 640, or remove the Users group on Windows), or enter the secrets on the Settings screen instead.";

/** IT's warning, with the fix, when `file` holds `keys` and others can (or may) read it; else undefined. */
export function exposedSecretsWarning(
  file: string,
  keys: readonly string[],
  readable: ReadableByOthers = readableByOthers(file),
): string | undefined {
  if (keys.length === 0 || readable === 'no') return undefined;
  const who =
    readable === 'yes'
      ? 'every user on this till can read it'
      : 'who can read it could not be checked (icacls did not answer)';
  return `${file} holds secrets (${keys.join(', ')}) and ${who}. ${FIX}`;
}

/** The warning for each of `files` (config files, read again here) that holds secrets others can read. */
export function exposedSecretWarnings(files: ReadonlyArray<string | undefined>): string[] {
  const warnings: string[] = [];
  for (const file of new Set(files)) {
    if (file === undefined) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch {
      continue; // unreadable or not JSON: the config check says so itself
    }
    const warning = exposedSecretsWarning(file, secretKeysIn(raw));
    if (warning) warnings.push(warning);
  }
  return warnings;
}
