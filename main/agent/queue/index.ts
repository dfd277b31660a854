// The outbox: durable closures and voids, their delivery to Centegra Plus, their states, and the
// queue as the POS, the screens and the manager see it.
export {
  OutboxStore,
  type ItemKind,
  type ItemState,
  type MaskedTransaction,
  type NewItem,
  type OutboxItem,
  type ClaimedItem,
  type QueueGauges,
  type Settlement,
} from './store';
export {
  DeliveryWorker,
  DELIVERY_WINDOW,
  maskTransactions,
  openClosure,
  type DeliveryOptions,
  type StoredClosure,
  type SendResult,
  type VoidBody,
  type StoredRefund,
  type HoldReleaseBody,
} from './delivery';
export { backoffRetry, fixedRetry, type RetryPolicy } from './retry';
export { classify, type Outcome } from './outcome';
export { QueueService, queueItemView, type QueueServiceDeps, type QueueSummary } from './service';
export { queueCsv } from './csv';
