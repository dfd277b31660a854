// Storage: the SQLite database and its migrations.
export {
  openDatabase,
  migrate,
  schemaVersion,
  withRelaxedDurability,
  DatabaseError,
  type Db,
} from './database';
export { migrations, type Migration } from './migrations';
export { integrityProblem, openCheckedDatabase, type OpenedDatabase } from './integrity';
