// The agent's log: JSON lines in the data folder (pino), with card numbers and secrets redacted
// by key as a second guard behind the core, which only ever logs masked numbers.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { dataFolderModes, makeDataFolder, type Logger } from '../agent';

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
  'metrics.token',
];

export interface AgentLog extends Logger {
  readonly file: string;
  /** Every log file, newest first (agent.log, agent.log.1, ...), for the support bundle. */
  files(): string[];
  flush(): void;
  close(): void;
}

export interface LogOptions {
  level?: pino.Level;
  maxFileMB?: number;
  keepFiles?: number;
  /** How often the file size is looked at (tests shorten it). */
  checkEveryMs?: number;
}

/** agent.log → agent.log.1 → … → agent.log.<keep>; the oldest goes. */
export function rotateFiles(file: string, keep: number): void {
  fs.rmSync(`${file}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (fs.existsSync(`${file}.${n}`)) fs.renameSync(`${file}.${n}`, `${file}.${n + 1}`);
  }
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`);
}

export function createLog(dataDir: string, options: LogOptions = {}): AgentLog {
  const dir = path.join(dataDir, 'logs');
  makeDataFolder(dataDir);
  const modes = dataFolderModes(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: modes.dir });
  const file = path.join(dir, 'agent.log');
  const maxBytes = (options.maxFileMB ?? 10) * 1024 * 1024;
  const keep = options.keepFiles ?? 5;
  const sizeOf = () => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  if (sizeOf() >= maxBytes) rotateFiles(file, keep);
  // Written asynchronously, line by line: a crash (kill -9) loses at most what was in flight.
  const destination = pino.destination({ dest: file, mkdir: true, sync: false, mode: modes.file });
  const logger = pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  // Rotated by size, looked at every few seconds: cheaper than counting every line's bytes.
  const timer = setInterval(() => {
    if (sizeOf() < maxBytes) return;
    try {
      destination.flushSync();
    } catch {
      /* nothing buffered */
    }
    rotateFiles(file, keep);
    destination.reopen();
  }, options.checkEveryMs ?? 10_000);
  timer.unref();
  return Object.assign(logger, {
    file,
    files: () =>
      [file, ...Array.from({ length: keep }, (_, i) => `${file}.${i + 1}`)].filter((f) => fs.existsSync(f)),
    flush: () => {
      try {
        destination.flushSync();
      } catch {
        /* not ready yet: nothing buffered */
      }
    },
    close: () => {
      clearInterval(timer);
      try {
        destination.flushSync();
      } catch {
        /* nothing buffered */
      }
      destination.end();
    },
  }) as unknown as AgentLog;
}
