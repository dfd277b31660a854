// The start-up check of a large database runs on a thread of its own, on real SQLite files: it
// finds a sound file sound and a damaged one damaged, exactly as the check on the agent's thread
// does, and a thread that cannot run it (SQLite not loadable there) does not skip it.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOnThread } from '../../main/agent/db/check-thread';
import { checkHere, integrityProblem, integrityProblemOffThread } from '../../main/agent/db/integrity';
import { tempDatabase } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A database with enough pages that damage in its middle lands in a table's b-tree. */
function filledDatabase(): string {
  const { db, file } = tempDatabase(cleanups);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 4000; i++) insert.run(`row ${i} `.repeat(20));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 8192) * 4096);
  fs.closeSync(fd);
}

describe('the start-up check on its own thread', () => {
  it('runs on another thread and finds a sound file sound', async () => {
    const file = filledDatabase();
    const answer = await checkOnThread(file, () => checkHere(file));
    expect(answer).toEqual({ rows: ['ok'], thread: expect.any(Number) });
    expect(answer.thread).not.toBe(0);
    expect(await integrityProblemOffThread(file)).toBeNull();
  });

  it('finds a damaged file damaged, in the same words as the check on the agent thread', async () => {
    const file = filledDatabase();
    damage(file);
    const here = integrityProblem(file);
    expect(here).toBeTruthy();
    expect(await integrityProblemOffThread(file)).toBe(here);
  });

  it('answers null for a file that is not there yet (a first start)', async () => {
    expect(await integrityProblemOffThread('/nonexistent/folder/till-agent.db')).toBeNull();
  });

  it('runs the check on the agent thread when the thread cannot load SQLite, rather than skip it', async () => {
    const file = filledDatabase();
    damage(file);
    const answer = await checkOnThread(file, () => checkHere(file), '/nonexistent/better-sqlite3.js');
    expect(answer.thread).toBe(0);
    expect(answer).toEqual(checkHere(file));
    expect(JSON.stringify(answer)).toMatch(/btree|page|malformed|corrupt/i);
  });

  it('throws, as the check here does, when the file cannot be opened at all (not damage)', async () => {
    const { file } = tempDatabase(cleanups);
    // A folder where the file should be: SQLite cannot open it (SQLITE_CANTOPEN), which is no damage.
    const folder = `${file}.folder`;
    fs.mkdirSync(folder);
    let here = '';
    try {
      integrityProblem(folder);
    } catch (e) {
      here = (e as Error).message;
    }
    expect(here).not.toBe('');
    await expect(integrityProblemOffThread(folder)).rejects.toThrow(here);
  });
});
