// The start-up check of a large database on a thread of its own, so the agent answers the POS
// while SQLite reads every page (~300 ms for 100,000 queued sales, seconds when the file is not in
// the OS's cache). The thread opens the file read-only, with its own small page cache, and ends
// when the check has: its memory goes with it.
//
// Only the check runs there; what its answer means (sound, damaged, or some other problem that is
// thrown as it is) is read here, by the same code as the check on this thread. A thread that
// cannot run it (SQLite not loadable there, say) is no reason to skip it: it then runs here.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The check, on either thread. It reads every page once: a small cache costs it nothing, while the
 * default (2 MB) filled during the check left ~20 MB more resident, some of it kept after the close.
 */
export const CHECK_PRAGMAS = { cacheSize: 'cache_size = -256', check: 'integrity_check(5)' } as const;

/** What the thread answers: the check's rows, or the error SQLite threw (its message and code). */
export type ThreadAnswer = ({ rows: string[] } | { error: { message: string; code?: string } }) & {
  /** The thread that ran it (0: the agent's own). */
  thread: number;
};

/** The thread's code, CommonJS as an eval'd worker runs it; SQLite is loaded from where the agent loads it. */
const SOURCE = `
const { parentPort, workerData, threadId } = require('node:worker_threads');
// Outside the try: SQLite that cannot be loaded here fails the thread, and the check runs on the agent's.
const Database = require(workerData.sqlite);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma(workerData.cacheSize);
  const rows = db.pragma(workerData.check).map((r) => r.integrity_check);
  parentPort.postMessage({ rows, thread: threadId });
} catch (e) {
  parentPort.postMessage({ error: { message: String(e && e.message), code: e && e.code }, thread: threadId });
} finally {
  if (db) db.close();
}
`;

let sqliteEntry: string | undefined;

/** better-sqlite3's entry, resolved as this module resolves it (the bundle's node_modules, or app.asar's). */
function sqliteModule(): string {
  sqliteEntry ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return sqliteEntry;
}

/**
 * Runs the check on its own thread and answers what it found; `onThisThread` when the thread could
 * not run it at all (it is not skipped). Never keeps the process alive on its own.
 */
export function checkOnThread(
  file: string,
  onThisThread: () => ThreadAnswer,
  /** Where the thread loads SQLite from (a test names one it cannot load). */
  sqlite = sqliteModule(),
): Promise<ThreadAnswer> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (a: ThreadAnswer) => {
      if (answered) return;
      answered = true;
      resolve(a);
    };
    let worker: Worker;
    try {
      worker = new Worker(SOURCE, { eval: true, workerData: { file, sqlite, ...CHECK_PRAGMAS } });
    } catch {
      answer(onThisThread());
      return;
    }
    worker.unref();
    worker.once('message', (m: ThreadAnswer) => answer(m));
    // The thread itself failed (not the check): the check runs here instead.
    worker.once('error', () => answer(onThisThread()));
    worker.once('exit', () => answer(onThisThread()));
  });
}
