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

export function inquiryBody(till: Till, card: { cardNumber: string; pin?: string; entryType: EntryType }) {
  return {
    till: { siteId: till.siteId, tillId: till.tillId },
    card: { cardNumber: card.cardNumber, ...(card.pin ? { pin: card.pin } : {}), entryType: card.entryType },
  };
}
