// The secrets a stopped till keeps sealed in its data folder (the Factor4 key entered on the
// Settings screen, the POS token), opened for `diagnose` and `support-bundle` the way the agent
// itself would open them, and never by making a new key: a command must not leave a key file
// behind that the agent would then trust or trip over.
import fs from 'node:fs';
import path from 'node:path';
import { loadVaultKey, SecretStore, Vault, type KeyProtector } from '../agent';

export type Sealed =
  /** No vault key yet: nothing has been sealed in this folder. */
  | { state: 'none' }
  | { state: 'open'; vault: Vault; secrets: SecretStore; protectedBy: string }
  /** There is a vault, but this process cannot open it; `message` says why and what to do. */
  | { state: 'locked'; message: string };

/**
 * Opens the folder's vault as the agent would: with the OS keychain when the host has one (the
 * desktop app keeps `vault.key.protected`), else the owner-only `vault.key`.
 * `keychain` is asked only when the folder holds a keychain-protected key.
 */
export async function openSealed(
  dataDir: string,
  keychain?: () => Promise<KeyProtector | undefined>,
): Promise<Sealed> {
  const protectedFile = path.join(dataDir, 'vault.key.protected');
  const plainFile = path.join(dataDir, 'vault.key');
  const protector = fs.existsSync(protectedFile) ? await keychain?.() : undefined;
  if (!protector && !fs.existsSync(plainFile)) {
    if (!fs.existsSync(protectedFile)) return { state: 'none' };
    return {
      state: 'locked',
      message: `The till's secrets (the Factor4 key entered on the Settings screen, the POS token) are sealed with the desktop app's OS keychain (${protectedFile}), which ${
        keychain
          ? 'this session cannot open (no OS keychain is unlocked for it: over SSH, log in at the till instead)'
          : 'plain Node cannot open (only the installed app, as the till user, can)'
      }. Run \`till-agent diagnose\` as the till's user at the till, or start Till Agent and run this again: a running agent answers for itself.`,
    };
  }
  try {
    const loaded = loadVaultKey(dataDir, protector, { readOnly: true });
    const vault = new Vault(loaded.key);
    return {
      state: 'open',
      vault,
      secrets: new SecretStore(dataDir, vault),
      protectedBy: loaded.protectedBy,
    };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      state: 'locked',
      message:
        code === 'EACCES' || code === 'EPERM'
          ? `This user may not read the till's vault key in ${dataDir}. Run this command as the till's user (or as an administrator).`
          : `The till's sealed secrets in ${dataDir} could not be opened (${(e as Error).message}).`,
    };
  }
}
