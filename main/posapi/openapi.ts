// The POS API's OpenAPI 3.1 document, made from the route table and the contract's zod schemas:
// requests as the operations read them (zod's io 'input'), answers as they write them ('output').
// The shapes the POS meets on several routes are in components/schemas. Made once, when first asked.
import { z } from 'zod';
import {
  ApiErrorSchema,
  Basket,
  Card,
  errorCodes,
  Health,
  httpStatusOf,
  Line,
  operations,
  QueueItem,
  Refund,
  Scan,
  Tally,
  TopUp,
  DayReport,
  type ErrorCode,
} from '../agent';
import { BODY_LIMIT_BYTES } from './body';
import { errorMeanings, fieldNotes, queryNotes, rules, TITLE, VERSION } from './openapi-text';
import { propertiesOf, tidy, without, type Json, type JsonSchema } from './json-schema';
import type { CustomRoute, OperationRoute, Route } from './route';
import { posRoutes } from './routes';
import { MAX_EVENT_STREAMS } from './sse';

const API_BASE = '/v1';
const COMPONENTS = '#/components/schemas/';
/** The id of an answer that is not named: it is written out where it is used. */
const UNNAMED = 'unnamed:';
const ref = (id: string): JsonSchema => ({ $ref: COMPONENTS + id });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

/** Named in components/schemas, under their names in the contract. */
const named: Record<string, z.ZodType> = {
  Error: z.object({ error: ApiErrorSchema }),
  Health,
  Scan,
  Card,
  Line,
  Basket,
  QueueItem,
  TopUp,
  Refund,
  DayReport,
  Tally,
};

/** Refusals every route may answer: the guard's, and a fault of the agent's. */
const ALWAYS: ReadonlyArray<[number, ErrorCode]> = [
  [401, 'UNAUTHORIZED'],
  [403, 'FORBIDDEN'],
  [429, 'RATE_LIMITED'],
  [500, 'INTERNAL'],
];
/** Refusals of a body by the strict parser (415: not JSON). */
const BODY: ReadonlyArray<[number, ErrorCode]> = [
  [400, 'BAD_REQUEST'],
  [413, 'PAYLOAD_TOO_LARGE'],
  [415, 'BAD_REQUEST'],
];

/** The answers' schemas, in one pass so that the named ones are referred to, not repeated. */
function answerSchemas(routes: readonly OperationRoute[]) {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(named)) ids.set(schema, id);
  for (const route of routes) {
    const output = operations[route.operation].output;
    if (!ids.has(output)) ids.set(output, UNNAMED + route.operation);
  }
  for (const [schema, id] of ids) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    uri: (id) => COMPONENTS + id,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> };
  tidy(schemas, 'output');
  const components = Object.fromEntries(Object.keys(named).map((id) => [id, schemas[id] as JsonSchema]));
  if (JSON.stringify(components).includes(COMPONENTS + UNNAMED))
    throw new Error('A named schema in the POS API document refers to an unnamed one: name it too.');
  const answerOf = (route: OperationRoute): JsonSchema => {
    const id = ids.get(operations[route.operation].output) as string;
    return id.startsWith(UNNAMED) ? (schemas[id] as JsonSchema) : ref(id);
  };
  return { components, answerOf };
}

function describeFields(components: Record<string, JsonSchema>): void {
  components.Error!.description = `The code says what happened; the message is fit to show a cashier and says what to do next. The codes, with their HTTP status:\n${errorCodes
    .map((code) => `- \`${code}\` (${httpStatusOf[code]}): ${errorMeanings[code]}`)
    .join('\n')}`;
  for (const [name, notes] of Object.entries(fieldNotes)) {
    for (const [field, note] of Object.entries(notes)) {
      const property = components[name]?.properties?.[field];
      if (!property)
        throw new Error(`The POS API document describes ${name}.${field}, which does not exist.`);
      property.description = note;
    }
  }
}

function errorResponses(route: Route, hasInput: boolean, hasBody: boolean): Json {
  const byStatus = new Map<number, Set<ErrorCode>>();
  const add = (status: number, code: ErrorCode) =>
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  for (const code of route.errors) add(httpStatusOf[code], code);
  if (hasInput) add(400, 'BAD_REQUEST');
  for (const [status, code] of [...ALWAYS, ...(hasBody ? BODY : [])]) add(status, code);
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [
        String(status),
        { description: [...codes].join(', '), content: json(ref('Error')) },
      ]),
  );
}

/** The success answers: one per status, each with the variant of the answer that it carries. */
function successResponses(route: OperationRoute, answer: JsonSchema): Json {
  if (route.formats) {
    const others = Object.fromEntries(
      Object.values(route.formats).map((f) => [f.contentType.split(';')[0]!, {}]),
    );
    return { 200: { description: 'OK', content: { ...json(answer), ...others } } };
  }
  if (!route.outcomes) return { 200: { description: 'OK', content: json(answer) } };
  const { field, status } = route.outcomes;
  const byStatus = new Map<number, string[]>();
  for (const [value, code] of Object.entries(status))
    byStatus.set(code, [...(byStatus.get(code) ?? []), value]);
  const variants = answer.oneOf ?? answer.anyOf ?? [answer];
  return Object.fromEntries(
    [...byStatus.entries()].map(([code, values]) => {
      const matching = variants.filter((v) => values.includes(v.properties?.[field]?.const as string));
      const schema = matching.length === 1 ? matching[0]! : answer;
      return [String(code), { description: values.join(', '), content: json(schema) }];
    }),
  );
}

const pathParams = (route: Route) => [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

function operationObject(route: OperationRoute, answer: JsonSchema): Json {
  const input = z.toJSONSchema(operations[route.operation].input, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  tidy(input, 'input');
  const fields = propertiesOf(input);
  const inPath = pathParams(route);
  const inQuery = route.query === 'all' ? Object.keys(fields) : route.query;
  const formats = route.formats ? ['json', ...Object.keys(route.formats)] : undefined;
  const parameters = [
    ...inPath.map((name) => ({ name, in: 'path', required: true, schema: fields[name] ?? {} })),
    ...(formats
      ? [
          {
            name: 'format',
            in: 'query',
            schema: { enum: formats, default: 'json' },
            description: 'the form of the answer',
          },
        ]
      : []),
    ...inQuery.map((name) => ({
      name,
      in: 'query',
      ...(input.required?.includes(name) ? { required: true } : {}),
      schema: fields[name] ?? {},
      ...(queryNotes[route.operation]?.[name] ? { description: queryNotes[route.operation]![name] } : {}),
    })),
  ];
  return {
    operationId: route.operation,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { content: json(without(input, [...inPath, ...inQuery])) } } : {}),
    responses: {
      ...successResponses(route, answer),
      ...errorResponses(route, parameters.length > 0 || route.body, route.body),
    },
  };
}

function customObject(route: CustomRoute): Json {
  const parameters = [
    ...pathParams(route).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(route.parameters ?? []),
  ];
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, r]) => [
      status,
      { description: r.description, content: { [r.contentType]: r.schema ? { schema: r.schema } : {} } },
    ]),
  );
  return {
    operationId: route.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses: { ...responses, ...errorResponses(route, pathParams(route).length > 0, false) },
  };
}

function buildOpenApi(routes: readonly Route[]): Json {
  const { components, answerOf } = answerSchemas(routes.filter((r) => r.kind === 'operation'));
  describeFields(components);
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    if (!route.path.startsWith(`${API_BASE}/`)) throw new Error(`${route.path} is not under ${API_BASE}/.`);
    const path = route.path.slice(API_BASE.length).replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.kind === 'operation' ? operationObject(route, answerOf(route)) : customObject(route)),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: TITLE,
      version: VERSION,
      description: rules({ bodyKb: BODY_LIMIT_BYTES / 1024, maxEventStreams: MAX_EVENT_STREAMS }),
    },
    servers: [{ url: `http://127.0.0.1:7420${API_BASE}` }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: "The till's POS API token (posApi.token)." },
      },
      schemas: components,
    },
    security: [{ bearer: [] }],
    paths,
  };
}

let document: Json | undefined;
/** The document /v1/openapi.json serves, made on first use. */
export function openApiDocument(): Json {
  return (document ??= buildOpenApi(posRoutes));
}
