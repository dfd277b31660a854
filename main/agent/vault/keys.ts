// Where the vault's key comes from. Each data folder has one key and one recorded place for it
// (vault.json): an owner-only file (vault.key), or the OS keychain (vault.key.protected, wrapped
// by Electron's safeStorage through a KeyProtector). The desktop app moves a file key into the
// keychain once; `serve` on a keychain folder, a missing key or a different key stops start-up
// with the fix named. A new key is made only for a folder that holds nothing sealed, because a
// new key would leave queued card payments and sealed secrets unreadable.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataFolderModes, keepFileMode, makeDataFolder } from '../files';
import { lockHolder } from '../lock';
import {
  KEY_FILE,
  keyIdOf,
  PROTECTED_KEY_FILE,
  readKeyRecord,
  RECORD_FILE,
  writeDurably,
  writeKeyRecord,
  type KeyRecord,
  type KeySource,
} from './record';
import { VaultError } from './vault';

/** Wraps and unwraps the key with something outside the data folder (the OS keychain). */
export interface KeyProtector {
  readonly name: string;
  protect(key: Buffer): Buffer;
  unprotect(wrapped: Buffer): Buffer;
}

export type VaultKeyProblem =
  | 'VAULT_KEY_MISSING'
  | 'VAULT_KEY_CHANGED'
  | 'VAULT_KEY_IN_KEYCHAIN'
  | 'VAULT_KEY_UNREADABLE'
  | 'VAULT_KEY_DAMAGED';

/** Start-up stops: the message names what is wrong and the fix. */
export class VaultKeyError extends VaultError {
  constructor(
    readonly code: VaultKeyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'VaultKeyError';
  }
}

export interface LoadedKey {
  key: Buffer;
  file: string;
  created: boolean;
  protectedBy: string;
  source: KeySource;
  /** For the log: what was done to the folder's key at this start (made, recorded, moved). */
  note?: string;
}

export interface LoadKeyOptions {
  /** Open only (a command looking at a stopped till): never make, record or move a key. */
  readOnly?: boolean;
}

const NEVER_NEW =
  'Till Agent does not make a new key here: queued card payments and sealed secrets would become unreadable.';

/** Loads the folder's vault key from its recorded place, making one only for a folder with nothing sealed. */
export function loadVaultKey(
  dataDir: string,
  protector?: KeyProtector,
  options: LoadKeyOptions = {},
): LoadedKey {
  if (!options.readOnly) makeDataFolder(dataDir);
  const plainFile = path.join(dataDir, KEY_FILE);
  const wrappedFile = path.join(dataDir, PROTECTED_KEY_FILE);
  const read = readKeyRecord(dataDir);
  if (read.state === 'damaged')
    throw new VaultKeyError(
      'VAULT_KEY_DAMAGED',
      `${path.join(dataDir, RECORD_FILE)} (where this folder's vault key is kept) is damaged. Restore it from a backup of the data folder; or, if ${KEY_FILE} or ${PROTECTED_KEY_FILE} is still there, delete ${RECORD_FILE} and start again to record it anew.`,
    );
  const plain = readIfThere(plainFile);
  const wrapped = readIfThere(wrappedFile);
  const host = { dataDir, protector, options };
  if (read.state === 'ok') return fromRecord(read.record, plain, wrapped, host);

  // A folder from before the record: whatever key it has is recorded where it is.
  if (wrapped && protector) {
    const key = unwrap(wrapped, protector, dataDir);
    if (!options.readOnly) record(dataDir, { source: 'keychain', keyId: keyIdOf(key), createdAt: now() });
    return loadedFrom(key, wrappedFile, 'keychain', protector);
  }
  if (plain) {
    const key = decodePlain(plain, plainFile, dataDir);
    if (options.readOnly) return loadedFrom(key, plainFile, 'file', undefined);
    const rec: KeyRecord = { source: 'file', keyId: keyIdOf(key), createdAt: now() };
    record(dataDir, rec);
    return moveToKeychainIfAny(key, rec, host) ?? loadedFrom(key, plainFile, 'file', undefined);
  }
  if (wrapped) throw inKeychain(dataDir);
  if (holdsSealedData(dataDir) || options.readOnly) throw missing(dataDir, KEY_FILE);

  // A new folder: its key, then the record naming it (a start cut short between the two records it next time).
  const key = randomBytes(32);
  const source: KeySource = protector ? 'keychain' : 'file';
  const file = protector ? wrappedFile : plainFile;
  writeDurably(
    file,
    protector ? protector.protect(key) : Buffer.from(key.toString('base64') + '\n', 'utf8'),
    dataFolderModes(dataDir).file,
  );
  record(dataDir, { source, keyId: keyIdOf(key), createdAt: now() });
  return { ...loadedFrom(key, file, source, protector), created: true, note: 'made the vault key' };
}

interface Host {
  dataDir: string;
  protector?: KeyProtector;
  options: LoadKeyOptions;
}

function fromRecord(rec: KeyRecord, plain: Buffer | undefined, wrapped: Buffer | undefined, host: Host) {
  const { dataDir, protector, options } = host;
  const plainFile = path.join(dataDir, KEY_FILE);
  const wrappedFile = path.join(dataDir, PROTECTED_KEY_FILE);
  if (rec.source === 'keychain') {
    if (!protector) throw inKeychain(dataDir);
    if (!wrapped) throw missing(dataDir, PROTECTED_KEY_FILE);
    const key = matching(unwrap(wrapped, protector, dataDir), rec, wrappedFile);
    // A move into the keychain cut short after the record: the file key it came from goes now.
    if (plain && !options.readOnly && sameKey(plain, key)) fs.rmSync(plainFile, { force: true });
    return loadedFrom(key, wrappedFile, 'keychain', protector);
  }
  if (!plain) {
    // The file is gone, but a move into the keychain had wrapped the same key: finish it.
    if (wrapped && protector && !options.readOnly) {
      const key = tryUnwrap(wrapped, protector);
      if (key && keyIdOf(key) === rec.keyId) {
        record(dataDir, { ...rec, source: 'keychain', movedToKeychainAt: now() });
        return loadedFrom(key, wrappedFile, 'keychain', protector);
      }
    }
    throw missing(dataDir, KEY_FILE);
  }
  const key = matching(decodePlain(plain, plainFile, dataDir), rec, plainFile);
  if (options.readOnly) return loadedFrom(key, plainFile, 'file', undefined);
  return moveToKeychainIfAny(key, rec, host) ?? loadedFrom(key, plainFile, 'file', undefined);
}

/**
 * The desktop app takes a file key into the keychain, once, in an order a crash cannot hurt: the
 * wrapped key is written and checked, then the record names the keychain, then the file goes.
 * Not while another agent runs on the folder (that start is refused anyway).
 */
function moveToKeychainIfAny(key: Buffer, rec: KeyRecord, host: Host): LoadedKey | undefined {
  const { dataDir, protector } = host;
  if (!protector || lockHolder(dataDir)) return undefined;
  const wrappedFile = path.join(dataDir, PROTECTED_KEY_FILE);
  const wrapped = protector.protect(key);
  if (!tryUnwrap(wrapped, protector)?.equals(key)) return undefined;
  // A keychain key of an earlier install that is not this one is kept aside, never overwritten.
  const earlier = readIfThere(wrappedFile);
  if (earlier && !tryUnwrap(earlier, protector)?.equals(key))
    fs.renameSync(wrappedFile, `${wrappedFile}.replaced-${now().replace(/[:.]/g, '-')}`);
  writeDurably(wrappedFile, wrapped, dataFolderModes(dataDir).file);
  record(dataDir, { ...rec, source: 'keychain', movedToKeychainAt: now() });
  fs.rmSync(path.join(dataDir, KEY_FILE), { force: true });
  return {
    ...loadedFrom(key, wrappedFile, 'keychain', protector),
    note: `moved the vault key from ${KEY_FILE} into the ${protector.name}`,
  };
}

function loadedFrom(
  key: Buffer,
  file: string,
  source: KeySource,
  protector: KeyProtector | undefined,
): LoadedKey {
  keepFileMode(file, path.dirname(file));
  return {
    key,
    file,
    created: false,
    source,
    protectedBy: source === 'keychain' && protector ? protector.name : 'file permissions',
  };
}

function record(dataDir: string, rec: KeyRecord): void {
  writeKeyRecord(dataDir, rec, dataFolderModes(dataDir).file);
}

function matching(key: Buffer, rec: KeyRecord, file: string): Buffer {
  if (keyIdOf(key) === rec.keyId) return key;
  throw new VaultKeyError(
    'VAULT_KEY_CHANGED',
    `The vault key in ${file} is not the key this data folder's card payments and secrets were sealed with (${RECORD_FILE} records another). Put back the folder's own ${path.basename(file)} from a backup of this data folder, then start again. ${NEVER_NEW}`,
  );
}

function decodePlain(stored: Buffer, file: string, dataDir: string): Buffer {
  const key = Buffer.from(stored.toString('utf8').trim(), 'base64');
  if (key.length === 32) return key;
  throw new VaultKeyError(
    'VAULT_KEY_DAMAGED',
    `The vault key in ${file} is damaged. Restore it from a backup of ${dataDir}; without it queued card payments cannot be sent. ${NEVER_NEW}`,
  );
}

function unwrap(wrapped: Buffer, protector: KeyProtector, dataDir: string): Buffer {
  const key = tryUnwrap(wrapped, protector);
  if (key?.length === 32) return key;
  throw new VaultKeyError(
    'VAULT_KEY_UNREADABLE',
    `The ${protector.name} cannot open the vault key of ${dataDir} (${PROTECTED_KEY_FILE}): it opens only for the user who first ran the desktop app on this folder, on this computer. Start Till Agent as that user, logged in at the till. A folder copied from another till or user cannot be opened. ${NEVER_NEW}`,
  );
}

function tryUnwrap(wrapped: Buffer, protector: KeyProtector): Buffer | undefined {
  try {
    return protector.unprotect(wrapped);
  } catch {
    return undefined;
  }
}

function sameKey(plain: Buffer, key: Buffer): boolean {
  return Buffer.from(plain.toString('utf8').trim(), 'base64').equals(key);
}

function inKeychain(dataDir: string): VaultKeyError {
  return new VaultKeyError(
    'VAULT_KEY_IN_KEYCHAIN',
    `The vault key of ${dataDir} is kept in the desktop app's OS keychain (${PROTECTED_KEY_FILE}), which only the desktop app can open. Start the Till Agent desktop app on this folder instead, as the till's user, logged in at the till (over SSH, or with no keychain unlocked, it cannot be opened). ${NEVER_NEW}`,
  );
}

function missing(dataDir: string, file: string): VaultKeyError {
  return new VaultKeyError(
    'VAULT_KEY_MISSING',
    `The vault key ${path.join(dataDir, file)} is missing, and this data folder holds data sealed with it (queued card payments, the POS token, the Factor4 key). Restore ${file} from a backup of this data folder (owner-only, as the till's user), then start again.${
      file === PROTECTED_KEY_FILE
        ? ' It opens only with the OS keychain of the user who ran the desktop app.'
        : ''
    } ${NEVER_NEW} To give up what is sealed here, move the data folder aside and start with an empty one.`,
  );
}

/** Whether anything in the folder was sealed with a key: the secrets, or a queued card in the database. */
function holdsSealedData(dataDir: string): boolean {
  if (fs.existsSync(path.join(dataDir, 'secrets.sealed'))) return true;
  const file = path.join(dataDir, 'till-agent.db');
  if (!fs.existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    for (const [table, column] of SEALED_COLUMNS) {
      try {
        if (db.prepare(`SELECT 1 FROM ${table} WHERE ${column} IS NOT NULL LIMIT 1`).get()) return true;
      } catch {
        /* a table this version does not have */
      }
    }
    return false;
  } catch {
    // Unreadable: nothing in it could be opened by any key.
    return false;
  } finally {
    db?.close();
  }
}

const SEALED_COLUMNS = [
  ['outbox', 'body'],
  ['tenders', 'card_sealed'],
  ['holds', 'card_sealed'],
  ['topups', 'card_sealed'],
] as const;

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function now(): string {
  return new Date().toISOString();
}
