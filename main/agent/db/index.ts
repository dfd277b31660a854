// Storage: the SQLite database, its migrations, and the one guarded write path.
export {
  openDatabase,
  CHECKPOINT_CEILING_PAGES,
  migrate,
  schemaVersion,
  sqliteVersion,
  withRelaxedDurability,
  DatabaseError,
  type Db,
} from './database';
export { IdleCheckpoints } from './checkpoints';
export { migrations, type Migration } from './migrations';
export {
  CHECK_ALONGSIDE_ABOVE_BYTES,
  integrityProblem,
  openCheckedDatabase,
  type OpenedDatabase,
} from './integrity';
export { bindSealedCards, type BindResult, type Sealer } from './sealed-cards';
export { Storage, describeStorageError, type KeptDatabase, type StorageOptions } from './storage';
