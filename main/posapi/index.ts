// The POS API host: the agent's local REST + SSE interface for the POS on the same till.
export { createPosApi, type PosApiOptions } from './server';
export { BODY_LIMIT_BYTES } from './body';
export { sendError } from './errors';
export { boundListen, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './listen';
export { MAX_EVENT_STREAMS } from './sse';
export { posRoutes } from './routes';
export { openApiDocument } from './openapi';
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
