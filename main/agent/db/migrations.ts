// Schema history. Append only: a released migration is never edited, a change is a new one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'meta',
    up: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];
