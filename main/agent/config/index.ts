// Configuration: the schema IT edits, the lookup order, and the problems check-config prints.
export { ConfigSchema, isLoopbackHost, type Config, type ConfigInput, type ScannerConfig } from './schema';
export {
  ConfigError,
  defaultDataDir,
  findConfigFile,
  loadConfig,
  machineConfigFile,
  parseConfigText,
  readConfigFile,
  userConfigFile,
  validateConfig,
  type ConfigSource,
  type Environment,
  type LoadedConfig,
  type LoadOptions,
} from './load';
export { configJsonSchema } from './json-schema';
export {
  settingsEntries,
  maskSecret,
  type Entry as SettingsEntry,
  type Source as SettingsSource,
} from './provenance';
