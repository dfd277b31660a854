// The POS API host: the agent's local REST + SSE interface for the POS on the same till.
export {
  boundListen,
  createPosApi,
  sendError,
  BODY_LIMIT_BYTES,
  HEADERS_TIMEOUT_MS,
  MAX_EVENT_STREAMS,
  REQUEST_TIMEOUT_MS,
  type PosApiOptions,
} from './server';
export {
  allowedHosts,
  AuthThrottle,
  bearerMatches,
  clientKey,
  exposedWarning,
  inexactNumber,
  isLoopbackHost,
  hostAllowed,
  originAllowed,
  secretEquals,
  selfOrigins,
  type Listen,
} from './security';
