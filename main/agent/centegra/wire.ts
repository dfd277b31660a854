// Centegra Plus on the wire: every path and field name the agent uses, and nowhere else.
// See centegra-giftcards.openapi.yaml beside this file; a change of the real API changes this file.
import { z } from 'zod';
// Types only: the client's request shapes, which the bodies below put on the wire.
import type { HoldRequest, RefundRequest } from './client';

export const paths = {
  status: '/status',
  inquiry: '/cards/inquiry',
  issuance: '/cards/issuance',
  closeBasket: '/baskets/close',
  voidTransaction: '/transactions/void',
  // 1.1, offered only where /status lists the capability.
  hold: '/cards/holds',
  releaseHold: '/cards/holds/release',
  refund: '/cards/refunds',
} as const;

export const API_KEY_HEADER = 'x-api-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

const Money = z.object({ amountMinor: z.int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) });

export const StatusResponse = z.object({
  centegra: z.string(),
  factor4: z.enum(['UP', 'DEGRADED', 'DOWN']),
  key: z.string(),
  serverTime: z.string(),
  // 1.1; a 1.0 Centegra sends none. Unknown names are dropped, not refused: a later Centegra may offer more.
  capabilities: z.array(z.string()).optional(),
});

export const capabilityNames = ['HOLDS', 'REFUNDS'] as const;

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
  kind: z.enum(['REDEMPTION', 'ISSUANCE', 'REFUND', 'VOID']),
  amount: Money,
  transactionId: z.string(),
  approvalCode: z.string().optional(),
  balanceAfter: Money,
  holdId: z.string().optional(),
});

export const HoldResponse = z.object({
  holdId: z.string(),
  cardNumber: z.string(),
  state: z.enum(['HELD', 'CAPTURED', 'RELEASED', 'EXPIRED']),
  amount: Money,
  balanceAfter: Money,
  expiresAt: z.string(),
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
  | { kind: 'GIFT_CARD'; amountMinor: number; card: CardRef; holdId?: string }
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
        ? {
            kind: t.kind,
            amountMinor: t.amountMinor,
            card: cardRef(t.card),
            ...(t.holdId ? { holdId: t.holdId } : {}),
          }
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

export function holdBody(till: Till, h: HoldRequest) {
  return {
    requestId: h.requestId,
    till: { siteId: till.siteId, tillId: till.tillId },
    basketId: h.basketId,
    card: cardRef(h.card),
    amount: { amountMinor: h.amountMinor, currency: h.currency },
    ttlSeconds: h.ttlSeconds,
  };
}

export function releaseHoldBody(till: Till, requestId: string, holdId: string) {
  return { requestId, till: { siteId: till.siteId, tillId: till.tillId }, holdId };
}

export function refundBody(till: Till, r: RefundRequest) {
  return {
    requestId: r.requestId,
    till: { siteId: till.siteId, tillId: till.tillId },
    refundId: r.refundId,
    card: cardRef(r.card),
    amount: { amountMinor: r.amountMinor, currency: r.currency },
    ...(r.originalRequestId ? { originalRequestId: r.originalRequestId } : {}),
    // The contract caps a reason at 200 characters (code points); a longer note is cut rather than refused.
    ...(r.reason ? { reason: Array.from(r.reason).slice(0, 200).join('') } : {}),
  };
}
