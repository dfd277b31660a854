// The manager's side: PIN, sessions, audit, and what to do about items that did not go through.
export { ManagerService, DEMO_PIN, type AuditEntry, type ManagerOptions } from './manager';
export { hashPin, verifyPin, PIN_PATTERN } from './pin';
export { adviceFor, queueCsv } from './advice';
