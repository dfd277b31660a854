// The agent's log: JSON lines in the data folder (pino), with card numbers and secrets redacted
// by key as a second guard behind the core, which only ever logs masked numbers.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Logger } from '../agent';

/**
 * Keys that must never reach the log with their values. Plain paths, no wildcards: the core only
 * logs masked numbers, this is the second guard, and wildcard redaction costs on every line.
 */
export const REDACT_PATHS = [
  'apiKey',
  'token',
  'pin',
  'cardNumber',
  'authorization',
  'card.cardNumber',
  'card.pin',
  'headers.authorization',
  'headers["x-api-key"]',
  'centegra.apiKey',
  'posApi.token',
];

export interface AgentLog extends Logger {
  readonly file: string;
  flush(): void;
}

export function createLog(dataDir: string, level: pino.Level = 'info'): AgentLog {
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'agent.log');
  // Written asynchronously, line by line: a crash (kill -9) loses at most what was in flight.
  const destination = pino.destination({ dest: file, mkdir: true, sync: false, mode: 0o600 });
  const logger = pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  return Object.assign(logger, {
    file,
    flush: () => {
      try {
        destination.flushSync();
      } catch {
        /* not ready yet: nothing buffered */
      }
    },
  }) as unknown as AgentLog;
}
