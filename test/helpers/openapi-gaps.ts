// What one OpenAPI document lacks of another that it should cover: every path and method, every
// documented response status and content type, every parameter, every request body property,
// every required answer property, and every enum value. Each gap is named so that a test can list
// the ones still expected, e.g. 'GET /topups', 'POST /topups 202', 'POST /topups request topUpId',
// 'POST /topups 200 response topUpId', 'GET /queue 200 response items[].kind REFUND'.
type Schema = Record<string, any>;
export interface OpenApiDoc {
  paths: Record<string, Record<string, any>>;
  [key: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** A schema with its document, so that `$ref`s are followed in the right one. */
interface Side {
  doc: OpenApiDoc;
  schema: Schema | undefined;
}

function resolve({ doc, schema }: Side): Schema {
  let s = schema ?? {};
  for (let hops = 0; typeof s.$ref === 'string' && hops < 20; hops++) {
    s = s.$ref
      .slice(2)
      .split('/')
      .reduce((node: any, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (s === undefined) throw new Error(`unresolved $ref ${schema?.$ref}`);
  }
  return s;
}

const variants = (s: Schema): Schema[] => [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];

function properties(side: Side): Record<string, Schema> {
  const s = resolve(side);
  return Object.assign({}, ...variants(s).map((v) => properties({ doc: side.doc, schema: v })), s.properties);
}

/** Required in every variant of a union; in any part of an allOf. */
function required(side: Side): Set<string> {
  const s = resolve(side);
  const own = new Set<string>(s.required ?? []);
  const of = (list: Schema[] | undefined) => (list ?? []).map((v) => required({ doc: side.doc, schema: v }));
  for (const part of of(s.allOf)) for (const name of part) own.add(name);
  const alternatives = [...of(s.anyOf), ...of(s.oneOf)];
  if (alternatives.length > 0) {
    const [first, ...rest] = alternatives;
    for (const name of first!) if (rest.every((r) => r.has(name))) own.add(name);
  }
  return own;
}

/** The values a schema allows, when it lists them (enum or const, across variants). */
function values(side: Side): unknown[] | undefined {
  const s = resolve(side);
  if (Array.isArray(s.enum)) return s.enum;
  if ('const' in s) return [s.const];
  const parts = variants(s).map((v) => values({ doc: side.doc, schema: v }));
  return parts.length > 0 && parts.every((p) => p !== undefined) ? parts.flat() : undefined;
}

/** `label` names the operation and side ('POST /topups request'), `at` the field within ('lines[].sku'). */
function compareSchemas(
  theirs: Side,
  ours: Side,
  mode: 'request' | 'response',
  label: string,
  at: string,
  gaps: string[],
  depth = 0,
): void {
  if (depth > 12) return;
  const name = (...parts: string[]) => [label, ...parts].filter(Boolean).join(' ');
  const field = (key: string) => (at ? `${at}.${key}` : key);
  const theirValues = values(theirs);
  const ourValues = values(ours);
  if (theirValues && ourValues)
    for (const v of theirValues) if (!ourValues.includes(v)) gaps.push(name(at, String(v)));
  const theirProps = properties(theirs);
  const ourProps = properties(ours);
  if (mode === 'request') {
    for (const key of Object.keys(theirProps)) if (!(key in ourProps)) gaps.push(name(field(key)));
    const theirRequired = required(theirs);
    for (const key of required(ours))
      if (!theirRequired.has(key)) gaps.push(`${name(field(key))}: required here, optional in the contract`);
  } else {
    const ourRequired = required(ours);
    for (const key of required(theirs)) if (!ourRequired.has(key)) gaps.push(name(field(key)));
  }
  for (const [key, schema] of Object.entries(theirProps)) {
    if (!(key in ourProps)) continue;
    const theirChild = { doc: theirs.doc, schema };
    compareSchemas(
      theirChild,
      { doc: ours.doc, schema: ourProps[key] },
      mode,
      label,
      field(key),
      gaps,
      depth + 1,
    );
  }
  const theirItems = resolve(theirs).items;
  const ourItems = resolve(ours).items;
  if (theirItems && ourItems) {
    const items = { doc: ours.doc, schema: ourItems };
    compareSchemas({ doc: theirs.doc, schema: theirItems }, items, mode, label, `${at}[]`, gaps, depth + 1);
  }
}

const parameterNames = (item: Schema | undefined, operation: Schema) =>
  new Set(
    [...(item?.parameters ?? []), ...(operation.parameters ?? [])].map((p: Schema) => `${p.in} ${p.name}`),
  );

/** Everything `contract` documents that `ours` does not, by name; [] when ours covers it. */
export function contractGaps(contract: OpenApiDoc, ours: OpenApiDoc): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const method of METHODS) {
      const theirs = item[method];
      if (!theirs) continue;
      const op = `${method.toUpperCase()} ${path}`;
      const mine = ours.paths[path]?.[method];
      if (!mine) {
        gaps.push(op);
        continue;
      }
      const ourParameters = parameterNames(ours.paths[path], mine);
      for (const p of parameterNames(item, theirs)) if (!ourParameters.has(p)) gaps.push(`${op} ${p}`);
      const theirBody = theirs.requestBody?.content?.['application/json']?.schema;
      if (theirBody)
        compareSchemas(
          { doc: contract, schema: theirBody },
          { doc: ours, schema: mine.requestBody?.content?.['application/json']?.schema },
          'request',
          `${op} request`,
          '',
          gaps,
        );
      for (const [status, response] of Object.entries<Schema>(theirs.responses ?? {})) {
        const myResponse = mine.responses?.[status];
        if (!myResponse) {
          gaps.push(`${op} ${status}`);
          continue;
        }
        for (const type of Object.keys(response.content ?? {}))
          if (!myResponse.content?.[type]) gaps.push(`${op} ${status} ${type}`);
        const theirSchema = response.content?.['application/json']?.schema;
        if (theirSchema)
          compareSchemas(
            { doc: contract, schema: theirSchema },
            { doc: ours, schema: myResponse.content?.['application/json']?.schema },
            'response',
            `${op} ${status} response`,
            '',
            gaps,
          );
      }
    }
  }
  return gaps;
}
