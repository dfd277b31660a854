// The agent core's public face: hosts import from here only.
export { Agent } from './agent';
export type { AgentOptions } from './options';
export * from './contract';
export {
  loadConfig,
  ConfigError,
  findConfigFile,
  readConfigFile,
  configJsonSchema,
  describeTill,
  hostEnvironment,
  originOf,
  readEffectiveConfig,
  resolveTill,
  settingsEntries,
  type ConfigSource,
  type Environment,
  type LoadedConfig,
  type Config,
  describeDataDir,
  isMachineDataDir,
  machineDataDir,
  takenOverBy,
  takeOverUserDataFolder,
  userDataDir,
  type TakeoverOutcome,
} from './config';
export { loadOrCreateSecret, dataFolderModes, makeDataFolder, tightenDataFolder } from './files';
export { lockHolder, AlreadyRunningError, type LockHolder } from './lock';
export { formatChecks, type Check } from './diagnostics';
export { silentLogger, type Logger } from './logger';
export { maskCardNumber } from './cards';
export { DatabaseError } from './db';
export { dayReportCsv } from './reports';
export type { DeviceBackends } from './scan';
export { loadVaultKey, Vault, VaultKeyError, type KeyProtector } from './vault';
export {
  adoptSecrets,
  exposedSecretsWarning,
  exposedSecretWarnings,
  SecretStore,
  secretInUse,
  secretKeysIn,
} from './secrets';
export { hashPin, PIN_PATTERN } from './manager';
