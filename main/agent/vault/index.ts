// Card data at rest: sealing, fingerprints, and the key that opens them.
export { Vault, VaultError } from './vault';
export { loadVaultKey, type KeyProtector, type LoadedKey } from './keys';
