// The manager view's shapes (PIN session, queue settlement, settings and secrets, the screen's
// own top-ups and refunds, exports): the part of the contract only the Till Agent screen calls.
import { z } from 'zod';
import {
  BasketId,
  CardChoice,
  Currency,
  DayReport,
  LocalDate,
  ONE_CARD,
  PosId,
  QueueItem,
  QueueItemState,
  QueueSummary,
  TopUps,
  oneCard,
  refundFields,
} from './schemas';

const Session = z.string().min(1).max(64);
export const ManagerStatus = z.object({
  pinSet: z.boolean(),
  demoPin: z.boolean(),
  lockedUntil: z.string().optional(),
});
export const ManagerUnlockRequest = z.strictObject({ pin: z.string().max(32) });
export const ManagerSession = z.strictObject({ session: Session });
export const ManagerUnlocked = z.object({ session: z.string(), expiresAt: z.string() });
export const ManagerQueueRequest = z.strictObject({
  session: Session,
  state: QueueItemState.optional(),
  limit: z.int().min(1).max(500).default(50),
  cursor: z.string().max(32).optional(),
});
/** Which advice a queued item has (main/agent/manager/advice.ts), for a screen to word in its language. */
export const adviceCodes = [
  'SPENT_ELSEWHERE',
  'CARD_NOT_USABLE',
  'CARD_UNKNOWN',
  'REQUEST_CONFLICT',
  'NOT_ACCEPTED',
  'UNREADABLE',
  'REFUSED',
  'KEY_DISABLED',
  'MAY_HAVE_REACHED',
  'WAITING_LONG',
] as const;
export type AdviceCode = (typeof adviceCodes)[number];

export const ManagerQueuePage = z.object({
  items: z.array(
    QueueItem.extend({ advice: z.string().optional(), adviceCode: z.enum(adviceCodes).optional() }),
  ),
  nextCursor: z.string().optional(),
  summary: QueueSummary.extend({ oldestPendingAgeMs: z.int().optional() }),
});
export const ManagerItemRequest = z.strictObject({ session: Session, itemId: z.string().min(1).max(64) });
export const ManagerResolveRequest = z.strictObject({
  session: Session,
  itemId: z.string().min(1).max(64),
  resolution: z.enum(['COLLECTED', 'WRITTEN_OFF']),
  note: z.string().max(200).optional(),
});
export const ManagerExportRequest = z.strictObject({ session: Session, state: QueueItemState.optional() });
export const CsvExport = z.object({ filename: z.string(), csv: z.string() });
export const ManagerAuditRequest = z.strictObject({
  session: Session,
  limit: z.int().min(1).max(500).default(100),
});
export const ManagerAudit = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      itemId: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});
export const Done = z.object({});

export const SettingsEntry = z.object({
  key: z.string(),
  /** Secrets never in full: "set (ends …a1b2)" or "not set". */
  value: z.string(),
  /** 'set by IT': the machine-wide file sets it, and it cannot be changed on this till. */
  source: z.enum([
    'file',
    'default',
    'command line',
    'secret store',
    'simulator',
    'set by IT',
    'your file',
    'environment',
    'host name',
  ]),
  secret: z.boolean(),
});
export const Settings = z.object({
  /** The file read; 'merged': the machine-wide file (IT's policy), with `userFile` under it. */
  file: z.string().optional(),
  userFile: z.string().optional(),
  fileKind: z.enum(['flag', 'env', 'user', 'machine', 'merged', 'defaults']),
  demo: z.boolean(),
  dataDir: z.string(),
  entries: z.array(SettingsEntry),
  warnings: z.array(z.string()),
});
export const SecretName = z.enum(['centegra.apiKey', 'posApi.token']);
export const ManagerSetSecretRequest = z.strictObject({
  session: Session,
  name: SecretName,
  value: z.string().min(8).max(512),
});
export const RevealedToken = z.object({ token: z.string() });
export const ManagerBasketRequest = z.strictObject({ session: Session, basketId: BasketId });
export const ManagerTopUpRequest = z.strictObject({ session: Session, topUpId: PosId });
export const ManagerRefundRef = z.strictObject({ session: Session, refundId: PosId });
export const ManagerDayRequest = z.strictObject({ session: Session, date: LocalDate.optional() });
export const ManagerRefundRequest = z
  .strictObject({ session: Session, ...refundFields })
  .refine(oneCard, ONE_CARD);
/** A top-up from the Till Agent screen: above topUps.approvalAboveMinor it needs a manager's session. */
export const ScreenTopUpRequest = z
  .strictObject({
    ...CardChoice,
    amountMinor: z.int().min(1).max(100_000_000),
    currency: Currency,
    topUpId: PosId.optional(),
    session: Session.optional(),
  })
  .refine(oneCard, ONE_CARD);
export const DayReportExport = DayReport.extend({ filename: z.string(), csv: z.string() });
/** The day's top-ups for the manager, and the same as a spreadsheet. */
export const TopUpsExport = TopUps.extend({ filename: z.string(), csv: z.string() });
export const SupportBundle = z.object({ filename: z.string(), zipBase64: z.string() });
