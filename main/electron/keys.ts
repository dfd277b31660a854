// The vault key wrapped by the OS keychain (Electron's safeStorage: DPAPI on Windows, Keychain on
// macOS, libsecret/kwallet on Linux), so a copied data folder alone cannot open the queued cards.
// Where the OS offers no real keychain (Linux "basic_text"), the agent falls back to an
// owner-only key file and says so in the log.
import type { KeyProtector, Logger } from '../agent';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function keychainProtector(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  log: Logger,
): KeyProtector | undefined {
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    log.warn(
      { backend },
      'no OS keychain: the card vault key is kept in an owner-only file in the data folder',
    );
    return undefined;
  }
  return {
    name: `OS keychain (${platform === 'win32' ? 'DPAPI' : platform === 'darwin' ? 'Keychain' : (backend ?? 'secret service')})`,
    protect: (key) => safeStorage.encryptString(key.toString('base64')),
    unprotect: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
