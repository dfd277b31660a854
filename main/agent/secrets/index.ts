// Secrets at rest: the sealed store, and adopting secrets found in clear in a config file.
export { SecretStore, secretInUse, type SecretName } from './store';
export { adoptSecrets, type Adopted } from './adopt';
export {
  exposedSecretsWarning,
  exposedSecretWarnings,
  readableByOthers,
  secretKeysIn,
  type ReadableByOthers,
} from './exposed';
