// zod's JSON Schema as the POS API's document wants it, and the few operations the document makes
// on a schema: its properties, and the schema without the ones the path or query carries.
export interface JsonSchema {
  [key: string]: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
export type Json = Record<string, unknown>;

/**
 * What zod writes that the document should not say: `$schema` on each schema, bounds that only
 * restate JavaScript's safe integers, and (for answers) `additionalProperties: false`, since
 * answers may gain fields and a POS must not be told to refuse them.
 */
export function tidy(node: unknown, io: 'input' | 'output'): void {
  if (Array.isArray(node)) return node.forEach((n) => tidy(n, io));
  if (node === null || typeof node !== 'object') return;
  const s = node as Json;
  delete s.$schema;
  delete s.$id;
  if (s.minimum === Number.MIN_SAFE_INTEGER && s.maximum === Number.MAX_SAFE_INTEGER) {
    delete s.minimum;
    delete s.maximum;
  }
  if (io === 'output' && s.additionalProperties === false) delete s.additionalProperties;
  for (const value of Object.values(s)) tidy(value, io);
}

/** Each property of an object schema, or of any of a union's variants. */
export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const variants = schema.anyOf ?? schema.oneOf ?? [];
  return Object.assign({}, ...variants.map(propertiesOf), schema.properties);
}

/** The schema without some properties (those the path or query carries), variants included. */
export function without(schema: JsonSchema, names: readonly string[]): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (out.properties)
    out.properties = Object.fromEntries(Object.entries(out.properties).filter(([k]) => !names.includes(k)));
  if (out.required) out.required = out.required.filter((k) => !names.includes(k));
  if (out.anyOf) out.anyOf = out.anyOf.map((v) => without(v, names));
  if (out.oneOf) out.oneOf = out.oneOf.map((v) => without(v, names));
  return out;
}
