// The names of the agent API's operations, without their schemas, so the preload script and
// the browser bridge can build their allowlists without pulling in zod.
export const operationNames = [
  'health',
  'inquireCard',
  'listScans',
  'submitKeyboardScan',
  'keyboardWedgeSettings',
  'scannersReport',
  'putBasket',
  'getBasket',
  'currentBasket',
  'applyGiftCard',
  'removeGiftCard',
  'closeBasket',
  'voidBasket',
  'topUp',
  'listQueue',
  'retryQueueItem',
  'diagnostics',
  'managerStatus',
  'managerUnlock',
  'managerLock',
  'managerQueue',
  'managerRetry',
  'managerResolve',
  'managerExport',
  'managerAcknowledgeStorage',
  'managerAudit',
  'managerSettings',
  'managerSetSecret',
  'managerRevealPosToken',
  'managerSupportBundle',
] as const;
export type OperationName = (typeof operationNames)[number];

/** IPC channels between the Electron main process and the preload script. Nothing else is exposed. */
export const IPC_CALL = 'till-agent:call';
export const IPC_EVENT = 'till-agent:event';
