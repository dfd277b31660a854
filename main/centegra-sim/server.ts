// Centegra Plus over HTTP: the API under /giftcards/v1 with its faults acting in a fixed order,
// and the admin endpoints under /__sim. Binds to 127.0.0.1 only.
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { badRequest, errorAnswer, type Answer } from './answers';
import { registerAdminRoutes } from './admin';
import { apiPaths, capabilityOf, faultsApplyTo, pathOffered, type ApiPath } from './faults';
import { readJsonBody, sendAnswer, type JsonBody } from './wire';
import type { RecordedRequest } from './recorder';
import { factor4Timeout, type Simulation } from './simulation';

export const API_BASE = '/giftcards/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface ServerOptions {
  /** Aborted on close(): requests sleeping in the latency fault stop waiting. */
  signal: AbortSignal;
  /** One line per API request, or nothing. */
  logLine?: (line: string) => void;
}

export function buildServer(sim: Simulation, options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, forceCloseConnections: true });

  // Every body arrives as bytes and is parsed in the handler, after `down` and latency have acted.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const record: RecordFn = (request, entry) => {
    const path = apiPathOf(request.url) ?? request.url;
    const recorded = sim.log.add({
      at: arrivedAt(request).toISOString(),
      method: request.method,
      path,
      body: undefined,
      replayed: false,
      apiKeyPresent: typeof request.headers['x-api-key'] === 'string',
      durationMs: Math.round((performance.now() - startedAt(request)) * 10) / 10,
      ...entry,
    });
    options.logLine?.(
      `centegra-sim ${recorded.method} ${recorded.path} ${recorded.status ?? 'DROPPED'} ${recorded.durationMs}ms` +
        (recorded.replayed ? ' replayed' : '') +
        (recorded.fault ? ` fault=${recorded.fault}` : ''),
    );
  };

  app.addHook('onRequest', async (request) => {
    timings.set(request, { at: new Date(), startedAt: performance.now() });
  });

  for (const path of apiPaths) {
    const method = path === '/status' ? 'GET' : 'POST';
    app.route({
      method,
      url: `${API_BASE}${path}`,
      handler: (request, reply) => handleApi(sim, options, record, path, request, reply),
    });
  }

  registerAdminRoutes(app, sim);

  app.setNotFoundHandler((request, reply) => {
    const answer = notFound(request);
    if (apiPathOf(request.url) !== undefined) record(request, { status: 404 });
    return sendAnswer(reply, answer);
  });

  // Fastify's own refusals (body over 1 MB, broken Content-Length) in Centegra's error shape.
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const answer =
      status === 413
        ? badRequest(`body: larger than the ${BODY_LIMIT_BYTES} bytes Centegra Plus accepts`)
        : status < 500
          ? badRequest(`request: ${error.message ?? 'not readable'}`)
          : errorAnswer(500, 'INTERNAL', `Simulator failure: ${error.message ?? 'unknown'}`);
    if (apiPathOf(request.url) !== undefined) record(request, { status: answer.status });
    return sendAnswer(reply, answer);
  });

  return app;
}

type RecordFn = (
  request: FastifyRequest,
  entry: Partial<RecordedRequest> & { status: number | null },
) => void;

async function handleApi(
  sim: Simulation,
  options: ServerOptions,
  record: RecordFn,
  path: ApiPath,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  // One snapshot per request: a fault switched on while this one waits does not half-apply to it.
  const faults = sim.faults();
  const active = faultsApplyTo(faults, path);
  const body: JsonBody | undefined = request.method === 'POST' ? readJsonBody(request) : undefined;
  const seen = {
    body: body === undefined ? undefined : body.ok ? body.value : body.raw,
    requestId: requestIdOf(body),
  };

  const drop = (fault: string, replayed = false): FastifyReply => {
    record(request, { ...seen, status: null, fault, replayed });
    reply.hijack();
    // An RST, not a FIN: the client sees a connection reset, as when a proxy or Centegra dies.
    if (!request.raw.socket.destroyed) request.raw.socket.resetAndDestroy();
    return reply;
  };

  if (active && faults.down) return drop('down');

  let fault: string | undefined;
  const delayMs = active ? sim.latencyMs(faults) : 0;
  if (delayMs > 0) {
    fault = 'latency';
    try {
      await sleep(delayMs, undefined, { signal: options.signal });
    } catch {
      return drop('closed'); // the simulator is closing
    }
  }

  // A capability switched off: the path is answered as a 1.0 Centegra answers any path it lacks.
  if (!pathOffered(faults, path)) {
    const answer = notFound(request);
    const off = capabilityOf[path] === 'HOLDS' ? 'no-holds' : 'no-refunds';
    record(request, { ...seen, status: answer.status, fault: off });
    return sendAnswer(reply, answer);
  }

  const gated = sim.gate(path, faults, headerValue(request.headers['x-api-key']));
  if (gated) {
    record(request, { ...seen, status: gated.answer.status, fault: gated.fault ?? fault });
    return sendAnswer(reply, gated.answer);
  }

  // From here to the answer nothing awaits: a duplicate requestId that arrived meanwhile is
  // processed strictly after this one and finds its stored answer, so it cannot apply twice.
  const processed = sim.process(path, faults, body);
  const afterFault = sim.afterProcessing(path, faults, processed);
  if (afterFault === 'drop-after-processing') return drop(afterFault, processed.replayed);
  const answer = afterFault === 'factor4-timeout' ? factor4Timeout() : processed.answer;
  const replayed = processed.replayed && afterFault === undefined;
  record(request, { ...seen, status: answer.status, replayed, fault: afterFault ?? fault });
  if (replayed) reply.header('Idempotent-Replayed', 'true');
  return sendAnswer(reply, answer);
}

const notFound = (request: FastifyRequest): Answer =>
  errorAnswer(404, 'NOT_FOUND', `No endpoint ${request.method} ${request.url.split('?')[0]}.`);

const timings = new WeakMap<FastifyRequest, { at: Date; startedAt: number }>();
const arrivedAt = (request: FastifyRequest): Date => timings.get(request)?.at ?? new Date();
const startedAt = (request: FastifyRequest): number => timings.get(request)?.startedAt ?? performance.now();

/** '/giftcards/v1/cards/inquiry?x' → '/cards/inquiry'; undefined outside the API. */
function apiPathOf(url: string): string | undefined {
  const path = url.split('?')[0] ?? '';
  if (path !== API_BASE && !path.startsWith(`${API_BASE}/`)) return undefined;
  return path.slice(API_BASE.length) || '/';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function requestIdOf(body: JsonBody | undefined): string | undefined {
  if (!body?.ok || body.value === null || typeof body.value !== 'object') return undefined;
  const requestId = (body.value as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}
