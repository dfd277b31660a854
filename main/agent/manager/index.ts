// The manager's side: PIN, sessions, audit, what to do about items that did not go through, and
// the operations behind the PIN.
export {
  ManagerService,
  DEMO_PIN,
  MAX_LOCKOUT_MINUTES,
  describeMinutes,
  lockoutMinutes,
  type AuditEntry,
  type ManagerOptions,
} from './manager';
export {
  belowCurrentCost,
  costOf,
  hashPin,
  verifyPin,
  NEW_PIN_MIN_DIGITS,
  ENTERED_PIN_PATTERN,
  PIN_COST,
  PIN_PATTERN,
  type ScryptCost,
} from './pin';
export { adviceFor } from './advice';
export { managerOperations, type ManagerOperation, type ManagerOperationDeps } from './operations';
