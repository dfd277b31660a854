// The local API for the POS: fastify on loopback (HTTPS when posApi.tls is set), every request
// past the guard (Host, Origin, the caller's token), bodies read strictly and validated by the
// agent's contract, errors in the contract's envelope. The routes and /v1/openapi.json are made
// from one table (routes.ts). The headless host adds the browser UI to this same server.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Agent, Logger } from '../agent';
import { BODY_LIMIT_BYTES, readJsonStrictly } from './body';
import { answerErrors } from './errors';
import { guard } from './guard';
import { createServer, type Tls } from './listen';
import { openApiDocument } from './openapi';
import { registerRoutes } from './register';
import { posRoutes } from './routes';
import type { Listen, ThrottleOptions } from './security';

export interface PosApiOptions {
  agent: Agent;
  listen: Listen;
  /** posApi.token: a function when it can change while the API runs (the Settings screen). */
  token: string | (() => string);
  /** metrics.token: reads GET /v1/metrics and nothing else (the POS token reads it too). */
  metricsToken?: string | (() => string | undefined);
  allowedOrigins: readonly string[];
  log: Logger;
  bodyLimitBytes?: number;
  /** PEM certificate and key: the API is then served over HTTPS only. */
  tls?: Tls;
  /** How wrong tokens are slowed down (tests shorten the window). */
  throttle?: ThrottleOptions;
}

export function createPosApi(options: PosApiOptions): FastifyInstance {
  const { agent, log } = options;
  const bodyLimitBytes = options.bodyLimitBytes ?? BODY_LIMIT_BYTES;
  const app = Fastify({
    logger: false,
    bodyLimit: bodyLimitBytes,
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    routerOptions: { maxParamLength: 128 },
    serverFactory: createServer(options.tls),
  });
  readJsonStrictly(app);
  app.addHook(
    'onRequest',
    guard(app, {
      listen: options.listen,
      tokens: () => {
        const pos = typeof options.token === 'function' ? options.token() : options.token;
        const metrics =
          typeof options.metricsToken === 'function' ? options.metricsToken() : options.metricsToken;
        return { pos, ...(metrics ? { metrics } : {}) };
      },
      allowedOrigins: options.allowedOrigins,
      throttle: options.throttle,
      log,
    }),
  );
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  answerErrors(app, { bodyLimitBytes, log });
  registerRoutes(app, posRoutes, { agent, log, openApi: openApiDocument });
  return app;
}
