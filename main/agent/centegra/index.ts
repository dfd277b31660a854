// The Centegra Plus adapter: the only module that knows Centegra's paths and fields.
export {
  createCentegraClient,
  CentegraConfigError,
  type Capability,
  type CardHold,
  type Centegra,
  type CentegraResult,
  type CentegraStatus,
  type CardInfo,
  type CentegraClientOptions,
  type GiftCardTransaction,
  type HoldRequest,
  type RefundRequest,
} from './client';
export {
  httpFailure,
  networkFailure,
  parseRetryAfter,
  unreadableAnswer,
  FACTOR4_MESSAGE,
  type CentegraFailure,
  type HttpAnswer,
} from './failures';
export { LinkMonitor, linkFromStatus, type LinkRefusal } from './link';
export { recordingLink, type CallTimer, type CentegraOperation } from './linked';
export type { CardRef, Closure, ClosureLine, ClosureTender, EntryType, Till } from './wire';
