// The sale flow: baskets, gift card tenders, close through the outbox, void, top-up.
export { SaleService, describeStorageError, queueItemView, type ResolvedCard, type SaleDeps } from './sale';
export { BasketStore, type BasketRecord, type TenderRecord } from './baskets';
