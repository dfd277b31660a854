// Configuration: the schema IT edits, the lookup order, and the problems check-config prints.
export {
  ConfigSchema,
  isLoopbackHost,
  type Config,
  type ConfigFile,
  type ConfigInput,
  type ScannerConfig,
  type TillIds,
} from './schema';
export {
  ConfigError,
  defaultDataDir,
  describeMerged,
  findConfigFile,
  hostEnvironment,
  loadConfig,
  machineConfigFile,
  machineFileOf,
  parseConfigText,
  readConfigFile,
  readEffectiveConfig,
  userConfigFile,
  validateConfig,
  type ConfigSource,
  type EffectiveConfig,
  type Environment,
  type KeyOrigin,
  type LoadedConfig,
  type LoadOptions,
} from './load';
export { leavesOf, mergeConfigFiles, type Merged } from './merge';
export {
  describeTill,
  resolveTill,
  SITE_ID_VARIABLE,
  TILL_ID_VARIABLE,
  type IdSource,
  type TillResolution,
} from './till';
export { configJsonSchema } from './json-schema';
export {
  chooseDataDir,
  describeDataDir,
  isMachineDataDir,
  machineDataDir,
  userDataDir,
  type DataFolderChoice,
} from './data-folder';
export {
  takenOverBy,
  takeOverUserDataFolder,
  TAKEN_OVER_MARKER,
  type TakeoverOptions,
  type TakeoverOutcome,
  type TakeoverState,
} from './takeover';
export {
  settingsEntries,
  maskSecret,
  originOf,
  policyFile,
  sourceOf,
  type Entry as SettingsEntry,
  type Source as SettingsSource,
} from './provenance';
