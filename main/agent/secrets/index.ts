// Secrets at rest: the sealed store, and adopting secrets found in clear in a config file.
export { SecretStore, secretInUse, type SecretName } from './store';
export { adoptSecrets, readableByOthers, type Adopted } from './adopt';
