// The agent API's data shapes, once: zod schemas with their inferred types. Every host
// (IPC, browser bridge, POS API) validates against these, so a shape changes in one place.
import { z } from 'zod';
import { MAX_SCAN_BYTES } from '../../common';
import { errorCodes } from './errors';

/** Money is always an integer number of minor units (pence). */
export const Minor = z.int().min(0).max(100_000_000);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as GBP');

export const CardStatus = z.enum(['ACTIVE', 'INACTIVE', 'BLOCKED', 'EXPIRED']);
export type CardStatus = z.infer<typeof CardStatus>;

export const LinkState = z.enum(['ONLINE', 'OFFLINE', 'KEY_DISABLED', 'FACTOR4_DOWN']);
export type LinkState = z.infer<typeof LinkState>;

export const ApiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Figures a POS can act on (TOPUP_LIMIT: maxMinor; REFUND_EXCEEDS_ORIGINAL: refundableMinor). */
  details: z.record(z.string(), z.int()).optional(),
});

export const Card = z.object({
  scanId: z.string().optional(),
  cardNumberMasked: z.string(),
  status: CardStatus,
  balanceMinor: z.int(),
  currency: Currency,
  /** Extension: when the card stops working, if Factor4 says. */
  expiresOn: z.string().optional(),
  /** Extension: when this balance was read from Factor4 (ISO 8601). */
  checkedAt: z.string(),
});
export type Card = z.infer<typeof Card>;

export const ScanSource = z.object({
  kind: z.enum(['hid', 'serial', 'keyboard']),
  deviceId: z.string(),
});

export const Scan = z.object({
  scanId: z.string(),
  at: z.string(),
  source: ScanSource,
  symbology: z.string().optional(),
  valid: z.boolean(),
  cardNumberMasked: z.string().optional(),
  reason: z.string().optional(),
});
export type Scan = z.infer<typeof Scan>;

/** The longest code a scanner may send (main/common: the keyboard wedge in the screens keeps to it too). */
export { MAX_SCAN_BYTES };

export const ScannerState = z.object({
  deviceId: z.string(),
  kind: ScanSource.shape.kind,
  name: z.string().optional(),
  connected: z.boolean(),
  lastScanAt: z.string().optional(),
  /** Extensions for the Scanners panel and diagnostics. */
  path: z.string().optional(),
  vendorId: z.int().optional(),
  productId: z.int().optional(),
  usagePage: z.int().optional(),
  /** Why it cannot be read, with the fix (permissions, the OS owns it, unplugged). */
  problem: z.string().optional(),
});
export type ScannerState = z.infer<typeof ScannerState>;

/** A device an enumeration found, configured or not, for the Scanners panel. */
export const FoundDevice = z.object({
  /** A keyboard wedge is read by the screen, so enumerations find only these. */
  kind: ScanSource.shape.kind.exclude(['keyboard']),
  path: z.string(),
  vendorId: z.int().optional(),
  productId: z.int().optional(),
  usagePage: z.int().optional(),
  usage: z.int().optional(),
  manufacturer: z.string().optional(),
  product: z.string().optional(),
  /** Tells two scanners of the same model apart; part of a HID scanner's deviceId when it has one. */
  serialNumber: z.string().optional(),
});
export type FoundDevice = z.infer<typeof FoundDevice>;

/** A code a scanner produced, as IT needs to see it: the bytes (card digits masked) beside the reading. */
export const ScanTrace = z.object({
  at: z.string(),
  deviceId: z.string(),
  /**
   * Hex of the bytes as received. For a gift card the bytes its number and PIN were read from are
   * •• (the number's last 4 digits aside); in a refused code, runs of 8 or more digits (grouped or
   * not) show only their last 4.
   */
  rawHex: z.string(),
  aim: z.string().optional(),
  symbology: z.string().optional(),
  /** The payload as text, with the same masking. */
  text: z.string(),
  valid: z.boolean(),
  form: z.string().optional(),
  reason: z.string().optional(),
  repeat: z.boolean(),
});
export type ScanTrace = z.infer<typeof ScanTrace>;

export const ScannersReport = z.object({
  scanners: z.array(ScannerState),
  found: z.array(FoundDevice),
  recent: z.array(ScanTrace),
});
export type ScannersReport = z.infer<typeof ScannersReport>;

export const KeyboardWedgeSettings = z.object({
  maxKeyGapMs: z.int(),
  minLength: z.int(),
  prefix: z.string().optional(),
  suffix: z.array(z.string()),
});

export const CentegraLink = z.object({
  state: LinkState,
  lastOkAt: z.string().optional(),
  /** Extension: the last problem, in plain words, while not ONLINE. */
  detail: z.string().optional(),
  /** Extension: Centegra Plus is up but asked the till to slow down (429) until then. */
  busyUntil: z.string().optional(),
});
export type CentegraLink = z.infer<typeof CentegraLink>;

export const QueueSummary = z.object({
  pending: z.int().min(0),
  failed: z.int().min(0),
  oldestPendingAt: z.string().optional(),
  /** Extension: while the queue drains after an outage, how far it has got ("Sending 120 of 500"). */
  sending: z.object({ sent: z.int().min(0), of: z.int().min(0) }).optional(),
});

/** Extension: whether the till can store sales, and a damaged database kept aside (until a manager acknowledges it). */
export const StorageHealth = z.object({
  ok: z.boolean(),
  problem: z.string().optional(),
  keptFile: z.string().optional(),
});
export type StorageHealth = z.infer<typeof StorageHealth>;

export const Health = z.object({
  status: z.enum(['OK', 'DEGRADED']),
  version: z.string(),
  demo: z.boolean(),
  centegra: CentegraLink,
  queue: QueueSummary,
  scanners: z.array(ScannerState),
  /** Extensions the cashier screen needs to label itself. */
  till: z.object({ siteId: z.string(), tillId: z.string() }),
  currency: Currency,
  storage: StorageHealth,
  /** Extension: the language the screens open in (config `ui.language`); the POS API's own words stay English. */
  language: z.enum(['en-GB', 'cy-GB']).optional(),
});
export type Health = z.infer<typeof Health>;

const CardNumberInput = z
  .string()
  .min(1, 'enter the card number')
  .max(64, 'a card number is at most 64 characters');
const PinInput = z.string().regex(/^[0-9]{4,8}$/, 'a PIN is 4 to 8 digits');

export const CardInquiryRequest = z.union([
  z.strictObject({ scanId: z.string().min(1).max(64) }),
  z.strictObject({ cardNumber: CardNumberInput, pin: PinInput.optional() }),
]);
export type CardInquiryRequest = z.infer<typeof CardInquiryRequest>;

export const ScansRequest = z.strictObject({ after: z.string().max(64).optional() });
export const ScansResponse = z.object({ scans: z.array(Scan) });

export const BasketId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a basket id is 1 to 64 letters, digits, _ or -');
const SignedMinor = z.int().min(-100_000_000).max(100_000_000);

export const Line = z.strictObject({
  sku: z.string().max(64),
  description: z.string().max(200),
  quantity: z.number().positive().max(1_000_000),
  unitPriceMinor: SignedMinor,
  lineTotalMinor: SignedMinor,
});
export type Line = z.infer<typeof Line>;

export const GiftCardTender = z.object({
  tenderId: z.string(),
  cardNumberMasked: z.string(),
  amountMinor: z.int(),
  balanceBeforeMinor: z.int(),
  /** Extensions for the screen. */
  balanceAfterMinor: z.int(),
  balanceCheckedAt: z.string(),
  /** Taken while Centegra Plus was unreachable, on the last known balance (offline policy "allow"). */
  offline: z.boolean(),
  /** 1.1: Centegra holds this amount on the card for this basket until it closes. */
  held: z.boolean().optional(),
  /** 1.1: when an untouched hold lapses; the agent releases it then and takes the tender off. */
  holdExpiresAt: z.string().optional(),
});

export const Basket = z.object({
  basketId: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'VOIDED']),
  currency: Currency,
  totalMinor: z.int(),
  lines: z.array(Line),
  giftCardTenders: z.array(GiftCardTender),
  giftCardTotalMinor: z.int(),
  dueMinor: z.int(),
  /** Extension: for a CLOSED basket, where its closure is: with Factor4, waiting to be sent, or refused. */
  closeState: z.enum(['DELIVERED', 'QUEUED', 'FAILED']).optional(),
});
export type Basket = z.infer<typeof Basket>;

export const CurrentBasket = z.object({ basket: Basket.optional() });

export const PutBasketRequest = z.strictObject({
  basketId: BasketId,
  currency: Currency,
  totalMinor: Minor,
  lines: z.array(Line).max(1000, 'at most 1000 lines'),
});
export const BasketRef = z.strictObject({ basketId: BasketId });

export const CardChoice = {
  scanId: z.string().min(1).max(64).optional(),
  cardNumber: z.string().min(1).max(64).optional(),
  pin: z
    .string()
    .regex(/^[0-9]{4,8}$/, 'a PIN is 4 to 8 digits')
    .optional(),
};
export const oneCard = (v: { scanId?: string; cardNumber?: string }) =>
  (v.scanId === undefined) !== (v.cardNumber === undefined);
export const ONE_CARD = { message: 'send either scanId or cardNumber' };

export const ApplyGiftCardRequest = z
  .strictObject({
    basketId: BasketId,
    ...CardChoice,
    maxAmountMinor: z.int().min(1).max(100_000_000).optional(),
  })
  .refine(oneCard, ONE_CARD);
export const RemoveGiftCardRequest = z.strictObject({
  basketId: BasketId,
  tenderId: z.string().min(1).max(64),
});

export const OtherTender = z.strictObject({
  kind: z.enum(['CARD', 'CASH', 'OTHER']),
  amountMinor: z.int().min(1).max(100_000_000),
});
export const CloseBasketRequest = z.strictObject({
  basketId: BasketId,
  otherTenders: z.array(OtherTender).max(20),
});

export const Transaction = z.object({
  cardNumberMasked: z.string(),
  kind: z.enum(['REDEMPTION', 'ISSUANCE', 'REFUND', 'VOID']),
  amountMinor: z.int(),
  currency: z.string(),
  transactionId: z.string(),
  approvalCode: z.string().optional(),
  balanceAfterMinor: z.int(),
  /** 1.1: a REDEMPTION that captured a hold names it. */
  holdId: z.string().optional(),
});

/**
 * Extension: lines for the customer's receipt (card ending, amount, balance left, or that the
 * balance follows while queued), at most 32 columns each, in English. Always sent by this agent.
 */
const ReceiptLines = z.array(z.string());

export const CloseResult = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('DELIVERED'),
    basket: Basket,
    transactions: z.array(Transaction),
    receiptLines: ReceiptLines.optional(),
  }),
  z.object({
    state: z.literal('QUEUED'),
    basket: Basket,
    itemId: z.string(),
    receiptLines: ReceiptLines.optional(),
  }),
]);
export type CloseResult = z.infer<typeof CloseResult>;

/** An id the POS chooses (a top-up's, a refund's): it makes a retry safe. */
export const PosId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is 1 to 64 letters, digits, _ or -');
/** A calendar day on the till's clock, such as 2026-12-06. */
export const LocalDate = z.iso.date('is a date such as 2026-12-06');

export const TopUpRequest = z
  .strictObject({
    ...CardChoice,
    amountMinor: z.int().min(1).max(100_000_000),
    currency: Currency,
    /** 1.1: the POS's own id for this top-up; the agent makes one when absent. */
    topUpId: PosId.optional(),
    /** Extension from 1.0, kept: the POS's idempotency key (the topUpId when that is absent). */
    requestId: z.string().min(1).max(64).optional(),
    /** 1.1: the POS sale that took the money for it. */
    posReference: z.string().min(1).max(64).optional(),
  })
  .refine(oneCard, ONE_CARD);

export const TopUpState = z.enum(['PENDING', 'DONE', 'FAILED', 'VOIDING', 'VOIDED']);
/** 1.1. DONE carries the Card fields too, so a 1.0 POS reading cardNumberMasked/status/balanceMinor still works. */
export const TopUp = z.object({
  topUpId: z.string(),
  state: TopUpState,
  amountMinor: z.int(),
  currency: Currency,
  cardNumberMasked: z.string(),
  status: CardStatus.optional(),
  /** After the top-up (DONE). */
  balanceMinor: z.int().optional(),
  checkedAt: z.string().optional(),
  scanId: z.string().optional(),
  transactionId: z.string().optional(),
  posReference: z.string().optional(),
  createdAt: z.string(),
  /** Why it FAILED. */
  error: ApiErrorSchema.optional(),
  /** Extension: receipt lines while PENDING or DONE. */
  receiptLines: ReceiptLines.optional(),
});
export type TopUp = z.infer<typeof TopUp>;
export const TopUpRef = z.strictObject({ topUpId: PosId });
export const TopUpsRequest = z.strictObject({ date: LocalDate.optional() });
export const TopUps = z.object({ topUps: z.array(TopUp) });

/** What a refund asks, from the POS or from the manager's screen (which adds its session). */
export const refundFields = {
  refundId: PosId,
  ...CardChoice,
  amountMinor: z.int().min(1).max(100_000_000),
  currency: Currency,
  originalBasketId: BasketId.optional(),
  reason: z.string().max(200).optional(),
};
export const RefundRequest = z.strictObject(refundFields).refine(oneCard, ONE_CARD);
export const RefundState = z.enum(['QUEUED', 'DELIVERED', 'FAILED', 'VOIDING', 'VOIDED']);
export const Refund = z.object({
  refundId: z.string(),
  state: RefundState,
  amountMinor: z.int(),
  currency: Currency,
  cardNumberMasked: z.string(),
  originalBasketId: z.string().optional(),
  reason: z.string().optional(),
  balanceAfterMinor: z.int().optional(),
  createdAt: z.string(),
  /** Extension: its queue item, while it waits to be sent. */
  itemId: z.string().optional(),
  /** Extension: why it FAILED. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Extension: receipt lines while QUEUED or DELIVERED. */
  receiptLines: ReceiptLines.optional(),
});
export type Refund = z.infer<typeof Refund>;
export const RefundRef = z.strictObject({ refundId: PosId });

export const Tally = z.object({ count: z.int().min(0), totalMinor: z.int() });
/** 1.1. One till's gift card activity on one local calendar day, from its own records. */
export const DayReport = z.object({
  date: z.string(),
  siteId: z.string(),
  tillId: z.string(),
  currency: Currency,
  redeemed: Tally,
  pending: Tally,
  failed: Tally,
  resolved: Tally,
  topUps: Tally,
  refunds: Tally,
  voided: Tally,
});
export type DayReport = z.infer<typeof DayReport>;
export const DayReportRequest = z.strictObject({ date: LocalDate.optional() });

export const QueueItemState = z.enum(['PENDING', 'IN_FLIGHT', 'DELIVERED', 'FAILED']);
export const QueueItem = z.object({
  itemId: z.string(),
  /** Empty for a top-up's void and a refund that names no basket. */
  basketId: z.string(),
  kind: z.enum(['CLOSE', 'VOID', 'REFUND', 'HOLD_RELEASE']),
  /** 1.1: a VOID of a top-up names it. */
  topUpId: z.string().optional(),
  /** 1.1: a REFUND, or a VOID of one, names it. */
  refundId: z.string().optional(),
  state: QueueItemState,
  createdAt: z.string(),
  attempts: z.int(),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  giftCardTotalMinor: z.int(),
  cardNumbersMasked: z.array(z.string()),
  /** Extensions for the manager view. */
  currency: z.string(),
  lastErrorCode: z.string().optional(),
  outcomeUnknown: z.boolean(),
  defect: z.boolean(),
  transactions: z.array(Transaction).optional(),
  deliveredAt: z.string().optional(),
  resolution: z.string().optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueRequest = z.strictObject({
  state: QueueItemState.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(32).optional(),
});
export const QueuePage = z.object({ items: z.array(QueueItem), nextCursor: z.string().optional() });
export const QueueItemRef = z.strictObject({ itemId: z.string().min(1).max(64) });

// ---- troubleshooting ----

export const DiagnosticCheck = z.object({
  id: z.enum(['online', 'centegra', 'factor4', 'key', 'scanners', 'queue', 'site']),
  title: z.string(),
  /** NOT_CHECKED: the check could not be run (its detail says why); never counted as passed. */
  status: z.enum(['PASS', 'FAIL', 'NOT_CHECKED']),
  detail: z.string(),
  fix: z.string().optional(),
});
export const Diagnostics = z.object({
  checks: z.array(DiagnosticCheck),
  allPassed: z.boolean(),
  at: z.string(),
  /** Things IT should fix that do not stop the till working (e.g. a config file with secrets others can read). */
  warnings: z.array(z.string()),
});

/** A keyboard-wedge scan the screen caught: the text typed at scanner speed. */
export const KeyboardScanRequest = z.strictObject({
  text: z.string().min(1).max(MAX_SCAN_BYTES, `a scan is at most ${MAX_SCAN_BYTES} characters`),
});

export const Empty = z.strictObject({});

/** Events, as on the POS API's /events stream and the UI bridges. */
export const AgentEvent = z.discriminatedUnion('type', [
  z.object({ id: z.string(), type: z.literal('scan'), data: Scan }),
  z.object({ id: z.string(), type: z.literal('card'), data: Card }),
  /** The automatic inquiry after a valid scan failed (offline, not found…): what to tell the cashier. */
  z.object({
    id: z.string(),
    type: z.literal('cardError'),
    data: z.object({ scanId: z.string(), error: ApiErrorSchema }),
  }),
  z.object({
    id: z.string(),
    type: z.literal('scanners'),
    data: z.object({ scanners: z.array(ScannerState) }),
  }),
  z.object({ id: z.string(), type: z.literal('centegra'), data: CentegraLink }),
  z.object({ id: z.string(), type: z.literal('queue'), data: QueueSummary }),
  z.object({ id: z.string(), type: z.literal('basket'), data: Basket }),
  /** Extension: the till could not store something (the screen turns red), or can again. */
  z.object({ id: z.string(), type: z.literal('storage'), data: StorageHealth }),
  /** 1.1: a top-up changed state (DONE, FAILED, VOIDING, VOIDED), e.g. one that answered 202 settled. */
  z.object({ id: z.string(), type: z.literal('topup'), data: TopUp }),
  /** Extension: a refund changed state (DELIVERED, FAILED, VOIDED…). */
  z.object({ id: z.string(), type: z.literal('refund'), data: Refund }),
  /** Sent first when a resumed stream missed events it can no longer replay: fetch state again. */
  z.object({ id: z.string(), type: z.literal('resync'), data: z.object({ reason: z.string() }) }),
]);
export type AgentEvent = z.infer<typeof AgentEvent>;
export type AgentEventType = AgentEvent['type'];
