// The logger the core writes to: pino's calling convention, so a host passes pino itself.
// Card numbers and secrets are never passed in; the host's logger redacts them as a second guard.
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
