// Starting and stopping what every host runs: simulator (demo), agent core, POS API, log.
export { startRuntime, packageVersion, type Runtime, type StartOptions } from './start';
export { createLog, REDACT_PATHS, rotateFiles, type AgentLog, type LogOptions } from './log';
export { RENDERER_CSP } from './csp';
export { prepareDataFolder, type PreparedFolder } from './data-folder';
export {
  askRunningAgent,
  controlAddress,
  foreignSocketProblem,
  serveControl,
  CONTROL_OPERATIONS,
  type ControlAnswer,
  type ControlErrorCode,
  type ControlOperation,
  type ControlServer,
  type ControlTarget,
} from './control';
