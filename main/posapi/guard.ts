// Who may reach the API, checked on every request before any route runs: the Host (DNS
// rebinding), the Origin (a web page in the till's browser), CORS for the browser POS IT
// configured, and on /v1 the caller's token, with wrong tokens slowed down.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, Logger } from '../agent';
import { pathOf, sendError } from './errors';
import { boundListen } from './listen';
import type { Caller, Callers } from './route';
import {
  allowedHosts,
  AuthThrottle,
  bearerMatches,
  clientKey,
  hostAllowed,
  originAllowed,
  selfOrigins,
  type Listen,
  type ThrottleOptions,
} from './security';

export interface GuardOptions {
  listen: Listen;
  /**
   * Each caller's token (a caller without one, metrics before metrics.token is set, has no access),
   * asked on every request: a token changed on the Settings screen is the one checked from then on.
   */
  tokens: () => Readonly<Partial<Record<Caller, string>>>;
  allowedOrigins: readonly string[];
  throttle?: ThrottleOptions;
  log: Logger;
}

/**
 * Refuses a request in a hook. A refused WebSocket upgrade sits outside the HTTP server's
 * connection bookkeeping, so its socket is closed here or it would leak (a drive-by page could
 * then exhaust the agent's file descriptors).
 */
function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  status?: number,
): FastifyReply {
  if (request.headers.upgrade) {
    const socket = request.raw.socket;
    reply.raw.once('finish', () => socket.destroy());
    setTimeout(() => socket.destroy(), 1000).unref();
  }
  return sendError(reply, code, message, status);
}

/**
 * Whose token a request needs, or undefined when it needs none (the headless UI's pages). A table
 * route says; anything else on /v1 is the POS's. Judged on the path as sent and on the route it
 * matched, so that no spelling of the path (percent-encoding, say) reaches a /v1 route without it.
 */
function callersOf(request: FastifyRequest): Callers | undefined {
  const declared = request.routeOptions.config.callers;
  if (declared) return declared;
  const sent = request.url.split('?')[0] ?? '';
  const route = request.routeOptions.url ?? '';
  return sent === '/v1' || sent.startsWith('/v1/') || route.startsWith('/v1/') ? ['pos'] : undefined;
}

/** Per let-through request: whether its token is still one in use (a long event stream asks). */
const stillAllowed = new WeakMap<FastifyRequest['raw'], () => boolean>();

/** Whether the token this request came with is still in use: false once the Settings screen changed it. */
export function tokenStillInUse(request: FastifyRequest): () => boolean {
  return stillAllowed.get(request.raw) ?? (() => true);
}

/** The onRequest hook of one server (`app` tells the real port once it listens). */
export function guard(app: FastifyInstance, options: GuardOptions) {
  const { log } = options;
  const throttle = new AuthThrottle(options.throttle);
  const configured = new Set(options.allowedOrigins.map((o) => o.toLowerCase()));
  // With port 0 the real port is known only once listening: work the sets out on first use.
  let hosts: Set<string> | undefined;
  let origins: Set<string> | undefined;
  const checks = () => {
    if (!hosts || !origins) {
      const actual = boundListen(app, options.listen);
      hosts = allowedHosts(actual);
      origins = new Set([...selfOrigins(actual), ...configured]);
    }
    return { hosts, origins };
  };

  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { hosts, origins } = checks();
    const callers = callersOf(request);
    const authorization = request.headers.authorization;
    const tokens = options.tokens();
    const presented = (caller: Caller) => {
      const token = tokens[caller];
      return token !== undefined && bearerMatches(authorization, token);
    };
    // Prometheus names a till as the estate does (S001-T01.shop.example) and cannot set Host. The
    // Host check is against a web page that rebinds its own name to the till, and such a page
    // cannot present a token: so the metrics route takes any Host with a valid token.
    const scrape = callers?.includes('metrics') === true && callers.some(presented);
    if (!scrape && !hostAllowed(request.headers.host, hosts)) {
      log.warn(
        { host: request.headers.host?.slice(0, 100), path: pathOf(request) },
        'refused: foreign Host header',
      );
      return refuse(
        request,
        reply,
        'FORBIDDEN',
        "This address is not Till Agent's: requests must be sent to 127.0.0.1 or localhost.",
      );
    }
    const origin = request.headers.origin;
    if (!originAllowed(origin, origins)) {
      log.warn({ origin: origin?.slice(0, 100), path: pathOf(request) }, 'refused: foreign Origin');
      return refuse(
        request,
        reply,
        'FORBIDDEN',
        'Web pages may not call Till Agent. IT can allow a browser-based POS in posApi.allowedOrigins.',
      );
    }
    // A configured browser POS gets CORS for exactly its own origin; nothing else ever does.
    if (origin && configured.has(origin.toLowerCase())) {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      if (request.method === 'OPTIONS') {
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
          .header('access-control-allow-headers', 'authorization, content-type, last-event-id')
          .header('access-control-max-age', '600')
          .send();
      }
    }
    if (callers && !callers.some(presented)) {
      // Another caller's token (the metrics token on a POS route) is no guess: refused, not slowed down.
      const other = (Object.keys(tokens) as Caller[]).find((caller) => presented(caller));
      if (other) {
        log.warn({ caller: other, path: pathOf(request) }, 'refused: a token used beyond what it may call');
        return refuse(
          request,
          reply,
          'FORBIDDEN',
          other === 'metrics'
            ? 'The metrics token (metrics.token) reads GET /v1/metrics and nothing else: send the POS API token (posApi.token) for this.'
            : 'This token may not call this.',
        );
      }
      const client = clientKey(request.socket.remoteAddress);
      const { retryAfterMs, burst } = throttle.fail(client);
      if (retryAfterMs > 0) {
        const seconds = Math.ceil(retryAfterMs / 1000);
        // Once per burst: a guesser must not be able to fill the log.
        if (burst)
          log.warn({ client, seconds }, 'refused: repeated wrong POS API tokens; holding this address back');
        reply.header('retry-after', String(seconds));
        return refuse(
          request,
          reply,
          'RATE_LIMITED',
          `Too many wrong POS API tokens from this address: wait ${seconds} seconds, then send the right token (posApi.token).`,
          429,
        );
      }
      log.warn({ client, path: pathOf(request) }, 'refused: missing or wrong POS API token');
      return refuse(
        request,
        reply,
        'UNAUTHORIZED',
        'Send the POS API token as "Authorization: Bearer <token>". IT finds it in the till\'s config (posApi.token) or data folder.',
      );
    }
    if (callers) {
      // Asked before every event a stream sends: the presented token is compared (two SHA-256s
      // per caller) only when the till's tokens have changed since the last answer. Comparing the
      // till's own tokens with themselves tells nothing about the presented one.
      let known: { tokens: Array<string | undefined>; allowed: boolean } | undefined;
      stillAllowed.set(request.raw, () => {
        const now = options.tokens();
        const current = callers.map((caller) => now[caller]);
        if (known && current.every((token, i) => token === known!.tokens[i])) return known.allowed;
        const allowed = current.some((token) => token !== undefined && bearerMatches(authorization, token));
        known = { tokens: current, allowed };
        return allowed;
      });
    }
  };
}
