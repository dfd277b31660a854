// Start-up check of the database: a file SQLite says is damaged is never deleted and never
// written to again. It is moved aside whole (with its WAL), a fresh database is opened, and the
// agent says which file was kept until a manager acknowledges it (IT may recover sales from it).
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase, type Db, type OpenOptions } from './database';

export interface OpenedDatabase {
  db: Db;
  /** When the previous file was damaged: where it was kept, and what SQLite said. */
  kept?: { file: string; problem: string };
}

/** What SQLite says is wrong with the file, or null when it is sound (or does not exist yet). */
export function integrityProblem(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    // The check reads every page once: a small cache costs it nothing, while the default (2 MB)
    // filled during the check left ~20 MB more resident, and some of it kept after the close.
    db.pragma('cache_size = -256');
    const rows = db.pragma('integrity_check(5)') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return problems.length ? problems.join('; ') : null;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    // Only damage is quarantined; a busy or unreadable file is a different problem, reported as it is.
    if (
      code === 'SQLITE_CORRUPT' ||
      code === 'SQLITE_NOTADB' ||
      /malformed|not a database/i.test((e as Error).message)
    )
      return (e as Error).message;
    throw e;
  } finally {
    db?.close();
  }
}

export function openCheckedDatabase(
  file: string,
  now: Date = new Date(),
  options: OpenOptions = {},
): OpenedDatabase {
  const problem = integrityProblem(file);
  if (problem === null) return { db: openDatabase(file, options) };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const keptFile = `${file}.damaged-${stamp}`;
  fs.renameSync(file, keptFile);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, keptFile + suffix);
  }
  return { db: openDatabase(file, options), kept: { file: keptFile, problem } };
}
