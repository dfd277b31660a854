// The last known balances: noted in memory at once, written to SQLite within a second in one
// commit, and on close; a read sees a note before it is written; an older note never wins.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../main/agent/db';
import { BalanceBook, type KnownBalance } from '../../main/agent/cards';
import { tempDatabase } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  cleanups.splice(0).forEach((c) => c());
});

const database = () => tempDatabase(cleanups);

const note = (balanceMinor: number, checkedAt: string): KnownBalance => ({
  cardMasked: '•••• 0011',
  status: 'ACTIVE',
  balanceMinor,
  currency: 'GBP',
  checkedAt,
});

const written = (file: string) => {
  const other = openDatabase(file);
  try {
    return other.prepare('SELECT fingerprint, balance_minor, checked_at FROM card_balances').all();
  } finally {
    other.close();
  }
};

describe('the balance book', () => {
  it('answers from memory at once and writes within a second, many notes in one commit', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { db, file } = database();
    const book = new BalanceBook(db);
    book.record('fp-a', note(500, '2026-11-27T10:00:00.000Z'));
    book.record('fp-a', note(450, '2026-11-27T10:00:01.000Z'));
    book.record('fp-b', note(900, '2026-11-27T10:00:01.000Z'));
    expect(book.lastKnown('fp-a')?.balanceMinor).toBe(450);
    expect(written(file)).toEqual([]);
    vi.advanceTimersByTime(BalanceBook.FLUSH_AFTER_MS);
    expect(written(file)).toEqual([
      { fingerprint: 'fp-a', balance_minor: 450, checked_at: '2026-11-27T10:00:01.000Z' },
      { fingerprint: 'fp-b', balance_minor: 900, checked_at: '2026-11-27T10:00:01.000Z' },
    ]);
    // Read back from the database once written.
    expect(book.lastKnown('fp-b')).toEqual(note(900, '2026-11-27T10:00:01.000Z'));
    // The commit left the connection as durable as before.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('never lets an older note replace a newer one, in memory or on disk', () => {
    const { db, file } = database();
    const book = new BalanceBook(db);
    book.record('fp-a', note(300, '2026-11-27T11:00:00.000Z'));
    book.flush();
    book.record('fp-a', note(999, '2026-11-27T09:00:00.000Z'));
    expect(book.lastKnown('fp-a')?.balanceMinor).toBe(999); // pending, but the write below keeps the newer
    book.flush();
    expect(written(file)).toEqual([
      { fingerprint: 'fp-a', balance_minor: 300, checked_at: '2026-11-27T11:00:00.000Z' },
    ]);
    book.record('fp-a', note(200, '2026-11-27T12:00:00.000Z'));
    book.record('fp-a', note(100, '2026-11-27T10:00:00.000Z'));
    expect(book.lastKnown('fp-a')?.balanceMinor).toBe(200);
    book.close();
  });

  it('writes what is pending on close, and keeps notes it could not write for the next try', () => {
    const { db, file } = database();
    const errors: string[] = [];
    const book = new BalanceBook(db, (e) => errors.push(e.message));
    book.record('fp-a', note(700, '2026-11-27T10:00:00.000Z'));
    db.exec('DROP TABLE card_balances');
    book.flush();
    expect(errors).toHaveLength(1);
    expect(book.lastKnown('fp-a')?.balanceMinor).toBe(700);
    db.exec(
      'CREATE TABLE card_balances (fingerprint TEXT PRIMARY KEY, card_masked TEXT NOT NULL, status TEXT NOT NULL, balance_minor INTEGER NOT NULL, currency TEXT NOT NULL, checked_at TEXT NOT NULL)',
    );
    book.close();
    expect(written(file)).toEqual([
      { fingerprint: 'fp-a', balance_minor: 700, checked_at: '2026-11-27T10:00:00.000Z' },
    ]);
  });

  it('drops a note that arrives after close instead of writing to a closed database', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { db } = database();
    const errors: string[] = [];
    const book = new BalanceBook(db, (e) => errors.push(e.message));
    book.close();
    db.close();
    book.record('fp-a', note(100, '2026-11-27T10:00:00.000Z'));
    vi.advanceTimersByTime(BalanceBook.FLUSH_AFTER_MS * 2);
    expect(vi.getTimerCount()).toBe(0);
    expect(errors).toEqual([]);
  });
});
