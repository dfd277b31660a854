// The local API for the POS (pos-api.openapi.yaml): fastify on loopback, Host and Origin checks on
// every request, the bearer token on /v1, bodies validated by the agent's contract, errors in the
// contract's envelope. The headless host adds the browser UI to this same server.
import fs from 'node:fs';
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
  bearerMatches,
  hostAllowed,
  originAllowed,
  selfOrigins,
  type Listen,
} from './security';
import { streamEvents } from './sse';

export interface PosApiOptions {
  agent: Agent;
  listen: Listen;
  token: string;
  allowedOrigins: readonly string[];
  log: Logger;
  bodyLimitBytes?: number;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

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
): FastifyReply {
  if (request.headers.upgrade) {
    const socket = request.raw.socket;
    reply.raw.once('finish', () => socket.destroy());
    setTimeout(() => socket.destroy(), 1000).unref();
  }
  return sendError(reply, code, message);
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
    ? { host: listen.host, port: address.port }
    : listen;
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
    if (request.url.startsWith('/v1/') || request.url === '/v1') {
      if (!bearerMatches(request.headers.authorization, options.token)) {
        log.warn({ url: request.url.slice(0, 100) }, 'refused: missing or wrong POS API token');
        return refuse(
          request,
          reply,
          'UNAUTHORIZED',
          'Send the POS API token as "Authorization: Bearer <token>". IT finds it in the till\'s config (posApi.token) or data folder.',
        );
      }
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
    const lastEventId =
      (request.headers['last-event-id'] as string | undefined) ??
      (request.query as { lastEventId?: string }).lastEventId;
    streamEvents(reply, agent, lastEventId);
  });

  return app;
}
