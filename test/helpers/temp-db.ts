// A till's database in a temporary folder: closed and removed by the test's own clean-up list.
import path from 'node:path';
import { openDatabase, type Db } from '../../main/agent/db';
import { tempDir } from './tmp';

export function tempDatabase(cleanups: Array<() => void>): { db: Db; file: string } {
  const t = tempDir();
  const file = path.join(t.dir, 'till-agent.db');
  const db = openDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
    t.remove();
  });
  return { db, file };
}
