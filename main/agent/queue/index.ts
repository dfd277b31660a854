// The outbox: durable closures and voids, their delivery to Centegra Plus, and their states.
export {
  OutboxStore,
  type ItemKind,
  type ItemState,
  type MaskedTransaction,
  type NewItem,
  type OutboxItem,
  type Settlement,
} from './store';
export {
  DeliveryWorker,
  backoffRetry,
  fixedRetry,
  maskTransactions,
  openClosure,
  TENDER_CONTEXT,
  type DeliveryOptions,
  type StoredClosure,
  type RetryPolicy,
  type SendResult,
  type VoidBody,
} from './delivery';
export { classify, type Outcome } from './outcome';
