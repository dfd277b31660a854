// Centegra Plus on the wire: every path and field name the agent uses, and nowhere else.
// See centegra-giftcards.openapi.yaml beside this file; a change of the real API changes this file.
import { z } from 'zod';

export const paths = {
  status: '/status',
  inquiry: '/cards/inquiry',
  issuance: '/cards/issuance',
  closeBasket: '/baskets/close',
  voidTransaction: '/transactions/void',
} as const;

export const API_KEY_HEADER = 'x-api-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

const Money = z.object({ amountMinor: z.int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) });

export const StatusResponse = z.object({
  centegra: z.string(),
  factor4: z.enum(['UP', 'DEGRADED', 'DOWN']),
  key: z.string(),
  serverTime: z.string(),
});

export const CardResponse = z.object({
  cardNumber: z.string(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'BLOCKED', 'EXPIRED']),
  balance: Money,
  expiresOn: z.string().optional(),
});

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type EntryType = 'BARCODE' | 'QR' | 'KEYED';

export interface Till {
  siteId: string;
  tillId: string;
}

export function inquiryBody(till: Till, card: CardRef) {
  return { till: { siteId: till.siteId, tillId: till.tillId }, card: cardRef(card) };
}

export const TransactionResponse = z.object({
  cardNumber: z.string(),
  kind: z.enum(['REDEMPTION', 'ISSUANCE', 'VOID']),
  amount: Money,
  transactionId: z.string(),
  approvalCode: z.string().optional(),
  balanceAfter: Money,
});

export const CloseResponse = z.object({ basketId: z.string(), transactions: z.array(TransactionResponse) });
export const VoidResponse = z.object({ transactions: z.array(TransactionResponse) });

/** A card as the agent holds it; the adapter turns it into Centegra's CardRef. */
export interface CardRef {
  cardNumber: string;
  pin?: string;
  entryType: EntryType;
}

function cardRef(card: CardRef) {
  return { cardNumber: card.cardNumber, ...(card.pin ? { pin: card.pin } : {}), entryType: card.entryType };
}

export interface ClosureLine {
  sku: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}

export type ClosureTender =
  | { kind: 'GIFT_CARD'; amountMinor: number; card: CardRef }
  | { kind: 'CARD' | 'CASH' | 'OTHER'; amountMinor: number };

/** A closed basket as the agent stores it in the outbox; sent as Centegra's /baskets/close body. */
export interface Closure {
  requestId: string;
  basketId: string;
  closedAt: string;
  currency: string;
  totalMinor: number;
  lines: ClosureLine[];
  tenders: ClosureTender[];
}

export function closeBody(till: Till, c: Closure) {
  return {
    requestId: c.requestId,
    till: { siteId: till.siteId, tillId: till.tillId },
    basketId: c.basketId,
    closedAt: c.closedAt,
    currency: c.currency,
    totalMinor: c.totalMinor,
    lines: c.lines.map((l) => ({
      sku: l.sku,
      description: l.description,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      lineTotalMinor: l.lineTotalMinor,
    })),
    tenders: c.tenders.map((t) =>
      t.kind === 'GIFT_CARD'
        ? { kind: t.kind, amountMinor: t.amountMinor, card: cardRef(t.card) }
        : { kind: t.kind, amountMinor: t.amountMinor },
    ),
  };
}

export function issuanceBody(
  till: Till,
  requestId: string,
  card: CardRef,
  amountMinor: number,
  currency: string,
) {
  return {
    requestId,
    till: { siteId: till.siteId, tillId: till.tillId },
    card: cardRef(card),
    amount: { amountMinor, currency },
  };
}

export function voidBody(till: Till, requestId: string, originalRequestId: string) {
  return { requestId, till: { siteId: till.siteId, tillId: till.tillId }, originalRequestId };
}
