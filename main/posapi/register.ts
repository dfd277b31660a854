// Serves the route table on fastify: an operation route gathers the operation's input from the
// request, calls the agent, and answers its output with the status the table gives for it, or
// its error in the contract's envelope; a custom route brings its own handler.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Agent } from '../agent';
import { sendError } from './errors';
import type { Handler, OperationRoute, Route, RouteContext } from './route';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The operation's input: the query parameters the route takes and the path's parameters, joined
 * to the body's fields when it takes a body. A body that is not an object is passed as it is,
 * for the contract to refuse.
 */
function inputOf(route: OperationRoute, request: FastifyRequest): unknown {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const fromUrl: Record<string, unknown> = {};
  for (const name of route.query === 'all' ? Object.keys(query) : route.query)
    if (query[name] !== undefined) fromUrl[name] = query[name];
  Object.assign(fromUrl, request.params);
  if (!route.body) return fromUrl;
  const body = request.body ?? {};
  if (Object.keys(fromUrl).length === 0) return body;
  return isRecord(body) ? { ...body, ...fromUrl } : body;
}

/** The status the table gives this answer: by its outcome field when there is one, else 200. */
function successStatus(route: OperationRoute, value: unknown): number {
  if (!route.outcomes || !isRecord(value)) return 200;
  const outcome = value[route.outcomes.field];
  const { status } = route.outcomes;
  return typeof outcome === 'string' && Object.hasOwn(status, outcome) ? (status[outcome] ?? 200) : 200;
}

function operationHandler(route: OperationRoute, agent: Agent): Handler {
  return async (request, reply) => {
    const format = (request.query as { format?: unknown } | undefined)?.format;
    const other = format === undefined || format === 'json' ? undefined : route.formats?.[String(format)];
    if (format !== undefined && format !== 'json' && !other)
      return sendError(
        reply,
        'BAD_REQUEST',
        `format: ${['json', ...Object.keys(route.formats ?? {})].join(' or ')}.`,
      );
    const result = await agent.call(route.operation, inputOf(route, request));
    if (!result.ok)
      return sendError(reply, result.error.code, result.error.message, undefined, result.error.details);
    if (other) {
      const { body, filename } = other.render(result.value);
      return reply
        .code(200)
        .type(other.contentType)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    }
    return reply.code(successStatus(route, result.value)).send(result.value);
  };
}

export function registerRoutes(app: FastifyInstance, routes: readonly Route[], context: RouteContext): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      config: { callers: route.callers },
      handler: route.kind === 'custom' ? route.handler(context) : operationHandler(route, context.agent),
    });
  }
}
