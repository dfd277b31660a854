// The Electron host's public face: the pieces main.ts wires together, for tests and packaging
// scripts. main.ts itself is the bundle's entry and is not exported (importing it starts the app).
export { parseHostArgs, HostUsageError, type HostArgs } from './args';
export { answerCommandLine, cliArguments, CLI_COMMANDS, type CliHost } from './cli';
export { followAgentEvents, routeAgentEvent, type EventTargets } from './events';
export { createCallHandler, registerIpc, type CallEvent, type CallHandler } from './ipc';
export {
  applyLoginItem,
  autostartEntry,
  autostartFile,
  execArgument,
  type LoginItemHost,
  type LoginItemOutcome,
} from './login-item';
export {
  contentTypeOf,
  createAppProtocolHandler,
  fileForUrl,
  registerAppProtocol,
  type AppRequest,
} from './protocol';
export {
  APP_ENTRY,
  APP_HOST,
  APP_PREFIX,
  APP_SCHEME,
  appScheme,
  csp,
  denyPermissions,
  hardenWebContents,
  isAppUrl,
  webPreferences,
} from './security';
export { closeOnQuit, describeStartupError, STARTUP_ERROR_TITLE } from './startup';
export {
  APP_SWITCHES,
  CHROMIUM_SWITCHES,
  DEVELOPMENT_SWITCHES,
  devToolsAllowed,
  refusedSwitches,
  refusedSwitchesMessage,
  type SwitchPolicy,
} from './switches';
export { createStatusTray, trayIconFile, trayTooltip, type StatusTray, type TrayDeps } from './tray';
export {
  createUpdater,
  electronUpdateHost,
  NO_AUTO_UPDATE_ENV,
  readUpdateFeed,
  readUpdateKey,
  refuseUnsignedDownload,
  startAutoUpdates,
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_KEY_FILE,
  updateSupport,
  type DownloadedUpdate,
  type SignatureCheck,
  type UpdateFeed,
  type UpdateHost,
  type UpdateKind,
  type UpdaterLike,
  type UpdateSupport,
} from './updates';
export {
  bringToFront,
  createMainWindow,
  hideOnClose,
  mainWindowOptions,
  type MainWindowOptions,
} from './window';
