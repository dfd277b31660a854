// Refunds onto gift cards: durable, exactly once, checked against the original sale, voidable.
export {
  Refunds,
  type OriginalSale,
  type RefundDeps,
  type RefundInput,
  type RefundOperation,
} from './refund';
