import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DatabaseError,
  migrate,
  migrations,
  openDatabase,
  schemaVersion,
  withRelaxedDurability,
  type Migration,
} from '../../main/agent/db';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function file(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return path.join(t.dir, 'sub', 'till-agent.db');
}

describe('the database', () => {
  it('opens a real file in WAL mode with synchronous=FULL, migrated to the latest schema', () => {
    const f = file();
    const db = openDatabase(f);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('cache_size', { simple: true })).toBe(-2000); // 2 MB of page cache at most
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'meta'").get()).toBeTruthy();
    } finally {
      db.close();
    }
  });

  it('applies only new migrations, each once, and records them', () => {
    const f = file();
    const list: Migration[] = [
      { version: 1, name: 'one', up: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE b (y INTEGER)') },
    ];
    openDatabase(f, { migrations: list.slice(0, 1) }).close();
    const db = openDatabase(f, { migrations: list });
    try {
      expect(schemaVersion(db)).toBe(2);
      expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
        { version: 1, name: 'one' },
        { version: 2, name: 'two' },
      ]);
    } finally {
      db.close();
    }
  });

  it('rolls a failed migration back whole', () => {
    const f = file();
    const list: Migration[] = [
      { version: 1, name: 'one', up: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'broken', up: 'CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => openDatabase(f, { migrations: list })).toThrow(/nowhere/);
    const db = openDatabase(f, { migrations: list.slice(0, 1) });
    try {
      expect(schemaVersion(db)).toBe(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer version instead of damaging it', () => {
    const f = file();
    const db = openDatabase(f);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(f)).toThrow(DatabaseError);
    expect(() => openDatabase(f)).toThrow(/newer Till Agent.*do not delete the database/);
  });

  it('migrate() on an up-to-date database does nothing', () => {
    const db = openDatabase(file());
    try {
      const before = db.prepare('SELECT count(*) AS n FROM schema_migrations').get();
      migrate(db, migrations);
      expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('relaxes durability (NORMAL) only inside withRelaxedDurability, and is FULL again after it, even when the work throws', () => {
    const db = openDatabase(file());
    try {
      const sync = () => db.pragma('synchronous', { simple: true });
      expect(withRelaxedDurability(db, sync)).toBe(1); // NORMAL
      expect(sync()).toBe(2);
      expect(() =>
        withRelaxedDurability(db, () => {
          throw new Error('work failed');
        }),
      ).toThrow('work failed');
      expect(sync()).toBe(2);
      expect(withRelaxedDurability(db, sync)).toBe(1);
      expect(sync()).toBe(2);
    } finally {
      db.close();
    }
  });
});
