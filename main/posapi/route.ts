// What one entry of the POS API's route table says: enough for fastify to serve the route and
// for the OpenAPI document to describe it. The helpers below are typed so that a wrong operation
// name, a path or query parameter the operation does not take, or an outcome its answer cannot
// have fails `tsc`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agent, ErrorCode, Logger, OperationInput, OperationName, OperationOutput } from '../agent';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type SuccessStatus = 200 | 201 | 202;

/**
 * Who may call a route, by the token presented: the POS (posApi.token), and a metrics scraper
 * (metrics.token, when set), whose token reads GET /v1/metrics and nothing else.
 */
export type Caller = 'pos' | 'metrics';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every table route; the guard asks the caller for one of their tokens. */
    callers?: Callers;
  }
}

export type Callers = readonly [Caller, ...Caller[]];

interface Common {
  method: Method;
  /** In fastify's syntax (`/v1/baskets/:basketId`); the document shows `/baskets/{basketId}`. */
  path: string;
  /** One line for the POS integrator. */
  summary: string;
  /** The rest of what the integrator needs to know, when one line is not enough. */
  description?: string;
  callers: Callers;
  /**
   * The codes this route itself answers with, documented by their status. The guard's (401, 403,
   * 429), the body parser's (400, 413, 415) and INTERNAL are added to every route they apply to.
   */
  errors: readonly ErrorCode[];
}

/** A route that is one agent operation: the input is gathered from the request, the answer is the output. */
export interface OperationRoute extends Common {
  kind: 'operation';
  operation: OperationName;
  /** The body's fields join the input (the path's parameters win over them). */
  body: boolean;
  /** Query parameters that join the input: by name, or 'all' (the operation refuses unknown ones). */
  query: readonly string[] | 'all';
  /** The success status by a field of the answer (close: 200 DELIVERED, 202 QUEUED); 200 otherwise. */
  outcomes?: { field: string; status: Readonly<Record<string, SuccessStatus>> };
  /** Other forms of the answer the POS may ask for with ?format= (the day report as CSV). */
  formats?: Readonly<Record<string, AnswerFormat>>;
}

export interface AnswerFormat {
  contentType: string;
  /** The answer in this form, and the file name it is saved under. */
  render(value: unknown): { body: string; filename: string };
}

export interface RouteContext {
  agent: Agent;
  log: Logger;
  /** The OpenAPI document of this API, made once. */
  openApi: () => object;
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** A route with its own handler: a stream, a file, the document itself. */
export interface CustomRoute extends Common {
  kind: 'custom';
  operationId: string;
  /** What it answers on success, for the document. */
  responses: Partial<Record<SuccessStatus, { description: string; contentType: string; schema?: object }>>;
  /** OpenAPI parameter objects, for the document (the handler reads them itself). */
  parameters?: readonly object[];
  /** Makes the handler, once per server: it may keep state (how many streams are open). */
  handler: (context: RouteContext) => Handler;
}

export type Route = OperationRoute | CustomRoute;

/** `/v1/baskets/:basketId/gift-cards/:tenderId` -> 'basketId' | 'tenderId' */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The input's field names (of every variant, for an input that is a union). */
type InputKey<K extends OperationName> =
  OperationInput<K> extends infer I ? (I extends object ? keyof I & string : never) : never;

type Outcomes<Out> = {
  [F in keyof Out & string]: { field: F; status: Record<Extract<Out[F], string>, SuccessStatus> };
}[keyof Out & string];

/** Makes the path fail to type-check, naming the parameter, when the operation does not take it. */
type PathCheck<K extends OperationName, P extends string> = [Exclude<PathParams<P>, InputKey<K>>] extends [
  never,
]
  ? unknown
  : { path: { notAnInputOf: K; parameter: Exclude<PathParams<P>, InputKey<K>> } };

export interface OperationSpec<K extends OperationName, P extends string> extends Omit<Common, 'path'> {
  path: P;
  operation: K;
  body?: boolean;
  query?: readonly InputKey<K>[] | 'all';
  outcomes?: Outcomes<OperationOutput<K>>;
  formats?: Readonly<
    Record<
      string,
      { contentType: string; render(value: OperationOutput<K>): { body: string; filename: string } }
    >
  >;
}

export function operationRoute<K extends OperationName, const P extends string>(
  spec: OperationSpec<K, P> & PathCheck<K, P>,
): OperationRoute {
  return { kind: 'operation', body: false, query: [], ...spec } as OperationRoute;
}

export function customRoute(spec: Omit<CustomRoute, 'kind'>): CustomRoute {
  return { kind: 'custom', ...spec };
}
