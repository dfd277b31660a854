// What the POS prints for a gift card: the receipt lines of a sale, a top-up or a refund.
export { RECEIPT_WIDTH, creditReceiptLines, saleReceiptLines, type ReceiptCard } from './lines';
