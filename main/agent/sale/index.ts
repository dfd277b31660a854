// The sale flow: baskets, gift card tenders, close through the outbox, void.
export { Sale, type SaleDeps, type SaleOperation } from './sale';
export {
  offlineAllowance,
  type OfflineAllowance,
  type OfflineKnowledge,
  type OfflinePolicy,
} from './offline-policy';
