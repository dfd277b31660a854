// Storage.sync: a relaxed commit made durable off the event loop (an fdatasync of the WAL on the
// thread pool). The WAL is opened once, for as long as the database is; close() waits for a sync
// in flight and lets the file go; a WAL that cannot be opened answers STORAGE_FAILED, as a failed
// write does, and turns the health red.
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Storage, withRelaxedDurability } from '../../main/agent/db';
import { silentLogger } from '../../main/agent/logger';
import { tempDatabase } from '../helpers/temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storage() {
  const { db, file } = tempDatabase(cleanups);
  const announced: unknown[] = [];
  const s = new Storage(db, { announce: (h) => announced.push(h), log: silentLogger, now: () => new Date() });
  return { db, file, storage: s, announced };
}

/** This process's descriptors open on the file. */
const handlesOn = (file: string) =>
  fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;

describe.skipIf(process.platform !== 'linux')('Storage.sync', () => {
  it('syncs a relaxed commit with one handle on the WAL, kept until close(), which waits for a sync in flight', async () => {
    const { db, file, storage: s } = storage();
    db.exec('CREATE TABLE t (x)');
    const wal = `${file}-wal`;
    const before = handlesOn(wal); // SQLite's own
    withRelaxedDurability(db, () => db.prepare('INSERT INTO t VALUES (1)').run());
    expect(await s.sync()).toEqual({ ok: true, value: undefined });
    expect(await s.sync()).toEqual({ ok: true, value: undefined });
    expect(handlesOn(wal)).toBe(before + 1);
    const inFlight = s.sync();
    await s.close();
    expect(await inFlight).toEqual({ ok: true, value: undefined });
    expect(handlesOn(wal)).toBe(before);
  });

  it('close() waits for every sync in flight, the slower first one too', async () => {
    const { storage: s } = storage();
    const real = fs.fdatasync.bind(fs);
    const done: string[] = [];
    vi.spyOn(fs, 'fdatasync')
      .mockImplementationOnce((fd, cb) => {
        setTimeout(() => real(fd, (e) => (done.push('first'), cb(e))), 50);
      })
      .mockImplementationOnce((fd, cb) => real(fd, (e) => (done.push('second'), cb(e))));
    void s.sync();
    void s.sync();
    await s.close();
    expect(done.sort()).toEqual(['first', 'second']);
    vi.restoreAllMocks();
  });

  it('keeps nothing of a sync once it has finished (a till runs thousands of holds a day)', async () => {
    const { storage: s } = storage();
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // What each finished sync answered, watched without keeping it.
    const answers: Array<WeakRef<object>> = [];
    for (let i = 0; i < 20; i++) answers.push(new WeakRef(await s.sync()));
    const last = s.sync(); // one still in flight is kept, for close()
    await new Promise((r) => setTimeout(r, 10)); // out of the job that made the WeakRefs
    gc();
    expect(answers.filter((a) => a.deref() !== undefined)).toHaveLength(0);
    expect(await last).toEqual({ ok: true, value: undefined });
  });

  it('answers STORAGE_FAILED and turns the health red when the WAL cannot be opened', async () => {
    const { file, storage: s, announced } = storage();
    fs.rmSync(`${file}-wal`);
    const r = await s.sync();
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    expect(s.health().ok).toBe(false);
    expect(announced).toEqual([{ ok: false, problem: expect.stringMatching(/nothing was accepted/) }]);
  });
});
