// The agent API: one typed operation per entry, each with its input and output schema.
// The Electron IPC bridge, the browser bridge and the POS API all dispatch through this table.
import type { z } from 'zod';
import {
  ApplyGiftCardRequest,
  Basket,
  BasketRef,
  CloseBasketRequest,
  CloseResult,
  CurrentBasket,
  Diagnostics,
  PutBasketRequest,
  QueueItem,
  QueueItemRef,
  QueuePage,
  QueueRequest,
  RemoveGiftCardRequest,
  TopUpRequest,
  TopUp,
  TopUpRef,
  TopUps,
  TopUpsRequest,
  RefundRequest,
  Refund,
  RefundRef,
  DayReport,
  DayReportRequest,
  CardInquiryRequest,
  Card,
  Empty,
  Health,
  KeyboardScanRequest,
  KeyboardWedgeSettings,
  Scan,
  ScannersReport,
  ScansRequest,
  ScansResponse,
} from './schemas';
import {
  CsvExport,
  DayReportExport,
  Done,
  ManagerAudit,
  ManagerAuditRequest,
  ManagerBasketRequest,
  ManagerDayRequest,
  ManagerExportRequest,
  ManagerItemRequest,
  ManagerQueuePage,
  ManagerQueueRequest,
  ManagerRefundRef,
  ManagerRefundRequest,
  ManagerResolveRequest,
  ManagerSession,
  ManagerSetSecretRequest,
  ManagerStatus,
  ManagerTopUpRequest,
  ManagerUnlockRequest,
  ManagerUnlocked,
  RevealedToken,
  ScreenTopUpRequest,
  Settings,
  SupportBundle,
  TopUpsExport,
} from './manager-schemas';
import type { AgentEvent } from './schemas';
import type { OperationName } from './operations';
import type { Result } from './errors';

export const operations = {
  health: { input: Empty, output: Health },
  inquireCard: { input: CardInquiryRequest, output: Card },
  listScans: { input: ScansRequest, output: ScansResponse },
  submitKeyboardScan: { input: KeyboardScanRequest, output: Scan },
  keyboardWedgeSettings: { input: Empty, output: KeyboardWedgeSettings },
  scannersReport: { input: Empty, output: ScannersReport },
  putBasket: { input: PutBasketRequest, output: Basket },
  getBasket: { input: BasketRef, output: Basket },
  currentBasket: { input: Empty, output: CurrentBasket },
  applyGiftCard: { input: ApplyGiftCardRequest, output: Basket },
  removeGiftCard: { input: RemoveGiftCardRequest, output: Basket },
  closeBasket: { input: CloseBasketRequest, output: CloseResult },
  voidBasket: { input: BasketRef, output: Basket },
  topUp: { input: TopUpRequest, output: TopUp },
  screenTopUp: { input: ScreenTopUpRequest, output: TopUp },
  listTopUps: { input: TopUpsRequest, output: TopUps },
  getTopUp: { input: TopUpRef, output: TopUp },
  voidTopUp: { input: TopUpRef, output: TopUp },
  refund: { input: RefundRequest, output: Refund },
  getRefund: { input: RefundRef, output: Refund },
  voidRefund: { input: RefundRef, output: Refund },
  dayReport: { input: DayReportRequest, output: DayReport },
  listQueue: { input: QueueRequest, output: QueuePage },
  retryQueueItem: { input: QueueItemRef, output: QueueItem },
  diagnostics: { input: Empty, output: Diagnostics },
  managerStatus: { input: Empty, output: ManagerStatus },
  managerUnlock: { input: ManagerUnlockRequest, output: ManagerUnlocked },
  managerLock: { input: ManagerSession, output: Done },
  managerQueue: { input: ManagerQueueRequest, output: ManagerQueuePage },
  managerRetry: { input: ManagerItemRequest, output: QueueItem },
  managerResolve: { input: ManagerResolveRequest, output: QueueItem },
  managerExport: { input: ManagerExportRequest, output: CsvExport },
  managerAcknowledgeStorage: { input: ManagerSession, output: Done },
  managerAudit: { input: ManagerAuditRequest, output: ManagerAudit },
  managerSettings: { input: ManagerSession, output: Settings },
  managerSetSecret: { input: ManagerSetSecretRequest, output: Done },
  managerRevealPosToken: { input: ManagerSession, output: RevealedToken },
  managerSupportBundle: { input: ManagerSession, output: SupportBundle },
  managerVoidBasket: { input: ManagerBasketRequest, output: Basket },
  managerTopUps: { input: ManagerDayRequest, output: TopUpsExport },
  managerVoidTopUp: { input: ManagerTopUpRequest, output: TopUp },
  managerRefund: { input: ManagerRefundRequest, output: Refund },
  managerVoidRefund: { input: ManagerRefundRef, output: Refund },
  managerDayReport: { input: ManagerDayRequest, output: DayReportExport },
} satisfies Record<OperationName, { input: z.ZodType; output: z.ZodType }>;

export type Operations = typeof operations;
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = z.output<Operations[K]['output']>;

/** How the core answers one operation: its input already checked against the contract. */
export type Handler<K extends OperationName> = (
  input: z.output<Operations[K]['input']>,
) => Promise<Result<OperationOutput<K>>>;
/** The handlers of some operations (a service's share), or of all of them (the agent's table). */
export type Handlers<K extends OperationName = OperationName> = { [P in K]: Handler<P> };

/** What the renderer sees as `window.tillAgent`, on every host. */
export type TillAgentApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<Result<OperationOutput<K>>>;
} & {
  /** Calls back with every agent event; returns the function that stops it. */
  onEvent(listener: (event: AgentEvent) => void): () => void;
};
