// The manager's side: PIN, sessions, audit, what to do about items that did not go through, and
// the operations behind the PIN.
export { ManagerService, DEMO_PIN, type AuditEntry, type ManagerOptions } from './manager';
export { hashPin, verifyPin, PIN_PATTERN } from './pin';
export { adviceFor } from './advice';
export { managerOperations, type ManagerOperation, type ManagerOperationDeps } from './operations';
