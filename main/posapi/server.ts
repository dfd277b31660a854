// The local API for the POS (pos-api.openapi.yaml): fastify on loopback, Host and Origin checks on
// every request, the bearer token on /v1 (wrong ones slowed down), bodies strictly read and
// validated by the agent's contract, errors in the contract's envelope; HTTPS when posApi.tls is
// set. The headless host adds the browser UI to this same server.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import YAML from 'yaml';
import {
  httpStatusOf,
  type Agent,
  type ApiError,
  type ErrorCode,
  type Logger,
  type OperationName,
  type Result,
} from '../agent';
import {
  allowedHosts,
  AuthThrottle,
  bearerMatches,
  clientKey,
  hostAllowed,
  inexactNumber,
  originAllowed,
  selfOrigins,
  type Listen,
  type ThrottleOptions,
} from './security';
import { streamEvents } from './sse';

export interface PosApiOptions {
  agent: Agent;
  listen: Listen;
  token: string;
  allowedOrigins: readonly string[];
  log: Logger;
  bodyLimitBytes?: number;
  /** PEM certificate and key: the API is then served over HTTPS only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** How wrong tokens are slowed down (tests shorten the window). */
  throttle?: ThrottleOptions;
}

export const BODY_LIMIT_BYTES = 64 * 1024;
/** A POS on the same till sends its headers in microseconds: a client this slow is holding a socket. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** The whole request (headers and a body of at most 64 KB). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Each POS needs one event stream; the cap stops a runaway client exhausting sockets and memory. */
export const MAX_EVENT_STREAMS = 32;
/** Open sockets at once, whatever they are doing; past this new connections are dropped. */
export const MAX_CONNECTIONS = 256;

/** An error the body parser gives for fastify to hand to the error handler below. */
class BodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'TILL_AGENT_BAD_BODY';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The HTTP(S) server fastify runs on, with the timeouts fastify leaves off: headers and body must
 * arrive within a few seconds (slow-loris), checked every second rather than Node's 30 s.
 */
function createServer(tls: PosApiOptions['tls']) {
  return (handler: http.RequestListener): http.Server => {
    const timeouts = {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: 72_000,
    };
    const server = tls
      ? (https.createServer(
          {
            ...timeouts,
            cert: tls.cert,
            key: tls.key,
            minVersion: 'TLSv1.2',
            handshakeTimeout: HEADERS_TIMEOUT_MS,
          },
          handler,
        ) as unknown as http.Server)
      : http.createServer(timeouts, handler);
    server.maxConnections = MAX_CONNECTIONS;
    return server;
  };
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  status = httpStatusOf[code],
): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message } satisfies ApiError });
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

function sendResult(reply: FastifyReply, result: Result<unknown>): FastifyReply {
  if (result.ok) return reply.code(200).send(result.value);
  return sendError(reply, result.error.code, result.error.message);
}

let openApiDocument: unknown;
function openApi(): unknown {
  openApiDocument ??= YAML.parse(fs.readFileSync(new URL('./pos-api.openapi.yaml', import.meta.url), 'utf8'));
  return openApiDocument;
}

/** The address actually bound: the configured one, with the real port when it was 0. */
export function boundListen(app: FastifyInstance, listen: Listen): Listen {
  const address = app.server.address();
  return listen.port === 0 && address && typeof address === 'object'
    ? { ...listen, port: address.port }
    : listen;
}

/**
 * /v1 needs the token. Judged on the path as sent and on the route it matched, so that no
 * spelling of the path (percent-encoding, say) reaches a /v1 route without it.
 */
function needsToken(request: FastifyRequest): boolean {
  const sent = request.url.split('?')[0] ?? '';
  const route = request.routeOptions.url ?? '';
  return sent === '/v1' || sent.startsWith('/v1/') || route.startsWith('/v1/');
}

export function createPosApi(options: PosApiOptions): FastifyInstance {
  const { agent, listen, log } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 128 },
    serverFactory: createServer(options.tls),
  });
  const throttle = new AuthThrottle(options.throttle);
  let eventStreams = 0;

  // JSON bodies are read strictly: bytes that are not UTF-8 are refused (the default parser turns
  // them into U+FFFD and carries on), and so are numbers JavaScript would round.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      return done(new BodyError('The request body is not valid UTF-8: send JSON encoded as UTF-8.'));
    }
    json(request, text, (error, value) => {
      if (error) return done(error);
      const inexact = inexactNumber(text);
      if (inexact !== undefined) {
        return done(
          new BodyError(
            `The number ${inexact.slice(0, 40)} cannot be read exactly. Amounts are whole numbers of pence (at most 9007199254740991); send card numbers as text.`,
          ),
        );
      }
      done(null, value);
    });
  });

  const configured = new Set(options.allowedOrigins.map((o) => o.toLowerCase()));
  // With port 0 the real port is known only once listening: work the sets out on first use.
  let hosts: Set<string> | undefined;
  let origins: Set<string> | undefined;
  const checks = () => {
    if (!hosts || !origins) {
      const actual = boundListen(app, listen);
      hosts = allowedHosts(actual);
      origins = new Set([...selfOrigins(actual), ...configured]);
    }
    return { hosts, origins };
  };

  app.addHook('onRequest', async (request, reply) => {
    const { hosts, origins } = checks();
    if (!hostAllowed(request.headers.host, hosts)) {
      log.warn(
        { host: request.headers.host?.slice(0, 100), url: request.url.slice(0, 100) },
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
      log.warn({ origin: origin?.slice(0, 100), url: request.url.slice(0, 100) }, 'refused: foreign Origin');
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
    if (needsToken(request) && !bearerMatches(request.headers.authorization, options.token)) {
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
      log.warn({ client, url: request.url.slice(0, 100) }, 'refused: missing or wrong POS API token');
      return refuse(
        request,
        reply,
        'UNAUTHORIZED',
        'Send the POS API token as "Authorization: Bearer <token>". IT finds it in the till\'s config (posApi.token) or data folder.',
      );
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, request, reply) => {
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(
          reply,
          'PAYLOAD_TOO_LARGE',
          `The request body is larger than ${Math.round((options.bodyLimitBytes ?? BODY_LIMIT_BYTES) / 1024)} KB.`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(
          reply,
          'BAD_REQUEST',
          'Send the body as JSON with "Content-Type: application/json".',
          415,
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 'BAD_REQUEST', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, 'BAD_REQUEST', 'The Content-Length header does not match the body.');
      case 'TILL_AGENT_BAD_BODY':
        return sendError(reply, 'BAD_REQUEST', error.message);
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendError(
        reply,
        'BAD_REQUEST',
        /prototype|constructor/i.test(error.message)
          ? 'The request body uses a reserved key (__proto__ or constructor).'
          : 'The request body is not valid JSON.',
      );
    }
    log.error({ err: error, url: request.url.slice(0, 100) }, 'POS API fault');
    return sendError(
      reply,
      'INTERNAL',
      'Till Agent made a mistake handling this request. Try again; if it keeps happening, send a support bundle to IT.',
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      'NOT_FOUND',
      `There is no ${request.method} ${request.url.split('?')[0]?.slice(0, 100)} in this API. See /v1/openapi.json.`,
    ),
  );

  const call = (op: OperationName, input: unknown) => agent.call(op, input);
  const body = (request: FastifyRequest) => request.body ?? {};

  app.get('/v1/health', async (_request, reply) => sendResult(reply, await call('health', {})));
  app.get('/v1/support-bundle', async (_request, reply) => {
    const bundle = await agent.supportBundle();
    log.info({ filename: bundle.filename }, 'support bundle fetched through the POS API');
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${bundle.filename}"`)
      .send(Buffer.from(bundle.zip));
  });
  app.get('/v1/diagnostics', async (_request, reply) => sendResult(reply, await call('diagnostics', {})));
  app.get('/v1/openapi.json', async (_request, reply) => reply.send(openApi()));
  app.get('/v1/scans', async (request, reply) => {
    const { after } = request.query as { after?: string };
    return sendResult(reply, await call('listScans', after === undefined ? {} : { after }));
  });
  app.post('/v1/cards/inquiry', async (request, reply) =>
    sendResult(reply, await call('inquireCard', body(request))),
  );
  /** Path parameters join the body's fields; a body that is not an object is left for the contract to refuse. */
  const withParams = (request: FastifyRequest, extra?: object) => {
    const b = body(request);
    const params = request.params as Record<string, string>;
    return b !== null && typeof b === 'object' && !Array.isArray(b) ? { ...b, ...params, ...extra } : b;
  };
  const basket = (request: FastifyRequest) => ({
    basketId: (request.params as { basketId: string }).basketId,
  });

  app.put('/v1/baskets/:basketId', async (request, reply) =>
    sendResult(reply, await call('putBasket', withParams(request))),
  );
  app.get('/v1/baskets/:basketId', async (request, reply) =>
    sendResult(reply, await call('getBasket', basket(request))),
  );
  app.post('/v1/baskets/:basketId/gift-cards', async (request, reply) =>
    sendResult(reply, await call('applyGiftCard', withParams(request))),
  );
  app.delete('/v1/baskets/:basketId/gift-cards/:tenderId', async (request, reply) =>
    sendResult(reply, await call('removeGiftCard', request.params)),
  );
  app.post('/v1/baskets/:basketId/close', async (request, reply) => {
    const result = await call('closeBasket', withParams(request));
    // 200 when Centegra confirmed within closeWaitMs, 202 when it is queued to be sent.
    if (result.ok && (result.value as { state: string }).state === 'QUEUED')
      return reply.code(202).send(result.value);
    return sendResult(reply, result);
  });
  app.post('/v1/baskets/:basketId/void', async (request, reply) =>
    sendResult(reply, await call('voidBasket', basket(request))),
  );
  app.post('/v1/topups', async (request, reply) => sendResult(reply, await call('topUp', body(request))));
  app.get('/v1/queue', async (request, reply) =>
    sendResult(reply, await call('listQueue', request.query ?? {})),
  );
  app.post('/v1/queue/:itemId/retry', async (request, reply) =>
    sendResult(
      reply,
      await call('retryQueueItem', { itemId: (request.params as { itemId: string }).itemId }),
    ),
  );

  app.get('/v1/events', (request, reply) => {
    if (eventStreams >= MAX_EVENT_STREAMS) {
      log.warn({ open: eventStreams }, 'refused: too many event streams');
      return sendError(
        reply.header('retry-after', '5'),
        'RATE_LIMITED',
        `Till Agent already has ${MAX_EVENT_STREAMS} event streams open, the most it allows. A POS needs only one: close the ones it no longer reads, then try again.`,
        503,
      );
    }
    const lastEventId =
      (request.headers['last-event-id'] as string | undefined) ??
      (request.query as { lastEventId?: string }).lastEventId;
    eventStreams++;
    streamEvents(reply, agent, lastEventId, () => eventStreams--);
  });

  return app;
}
