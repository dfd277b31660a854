// Whether a data folder holds a demo's data or a real till's, so neither runs on the other's.
// Demo mode on a real till's folder would open its manager view with the demo PIN and show its
// real POS token; a real agent on a demo's folder would send the simulator's sales to Centegra
// Plus as real ones. The first start records which it is (meta `data_mode`); every start after
// must be of the same kind.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

export type DataMode = 'demo' | 'real';

const KEY = 'data_mode';
/** The folder demo mode picks for itself (`<data folder>/demo`): it has only ever held a demo's data. */
const DEMO_FOLDER_NAME = 'demo';

export class DataFolderModeError extends Error {
  readonly code = 'DATA_FOLDER_MODE';
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderModeError';
  }
}

export interface DataFolderFacts {
  /** This start is demo mode (--demo, or no centegra.baseUrl). */
  demo: boolean;
  /** The sealed secrets hold a Factor4 API key, which demo mode never seals. */
  sealedApiKey: boolean;
}

/**
 * Records the folder's kind at its first start, or refuses a start of the other kind, naming why
 * and what to do. A folder from before the record counts as a real till's when it holds a real
 * key, or a queue or sealed secrets outside demo mode's own folder.
 */
export function claimDataFolder(db: Db, dataDir: string, facts: DataFolderFacts): DataMode {
  const wanted: DataMode = facts.demo ? 'demo' : 'real';
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  const recorded = row?.value === 'demo' || row?.value === 'real' ? row.value : undefined;
  const found = recorded ?? (facts.demo && holdsRealTill(db, dataDir, facts) ? 'real' : undefined);
  if (found === 'real' && facts.demo)
    throw new DataFolderModeError(
      `The data folder ${dataDir} holds a real till's data${recorded ? '' : ' (its queue or sealed secrets)'}, so demo mode will not run on it: demo mode would open its manager view with the demo PIN and show its POS token. Run the demo with another data folder (--data-dir pointing to a new, empty folder, or no --data-dir), or start without --demo to run the real till.`,
    );
  if (found === 'demo' && !facts.demo)
    throw new DataFolderModeError(
      `The data folder ${dataDir} holds demo data (sales made against the built-in simulator), so the real till will not run on it: its queue would be sent to Centegra Plus as real sales. Give the real till another data folder (--data-dir, or the default one), or delete ${dataDir} if its demo data is not needed.`,
    );
  if (!recorded)
    db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY, wanted);
  return wanted;
}

function holdsRealTill(db: Db, dataDir: string, facts: DataFolderFacts): boolean {
  if (facts.sealedApiKey) return true;
  if (path.basename(path.resolve(dataDir)) === DEMO_FOLDER_NAME) return false;
  const queued = db.prepare('SELECT 1 FROM outbox LIMIT 1').get() !== undefined;
  return queued || fs.existsSync(path.join(dataDir, 'secrets.sealed'));
}
