// The POS API host: the agent's local REST + SSE interface for the POS on the same till.
export { boundListen, createPosApi, sendError, BODY_LIMIT_BYTES, type PosApiOptions } from './server';
export {
  allowedHosts,
  bearerMatches,
  hostAllowed,
  originAllowed,
  secretEquals,
  selfOrigins,
  type Listen,
} from './security';
