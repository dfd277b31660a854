// Card data at rest: sealing, fingerprints, and the key that opens them.
export { Vault, VaultError } from './vault';
export { cardContext, LEGACY_CARD_CONTEXT } from './card-context';
export { loadVaultKey, VaultKeyError, type KeyProtector, type LoadedKey } from './keys';
