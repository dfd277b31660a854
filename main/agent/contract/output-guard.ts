// The guard on what leaves the agent, made once per output schema: the same check as zod's parse
// (the contract's shape, its fields only, in a new object) for the kinds the contract's answers
// are built of, without a parse's bookkeeping per value (an accepted close's answer: 20-21 µs at
// the median in zod's parse, 13 µs here). What it cannot check exactly as zod does (a record, a
// length limit, a union without a discriminator…) zod checks; and an answer it refuses goes to
// zod's own parse, so a refusal and its issues are zod's. test/unit/output-guard.test.ts holds
// it to zod's answers for every operation.
import type { z } from 'zod';

/** Not accepted (or not sure): zod decides. */
const REFUSED: unique symbol = Symbol('refused');
type Check = (value: unknown) => unknown;

/** zod's safeParse, answered here when the answer is plainly in shape. */
export type OutputGuard = (value: unknown) => z.ZodSafeParseResult<unknown>;

export function outputGuard(schema: z.ZodType): OutputGuard {
  const check = compile(schema);
  return (value) => {
    const data = check(value);
    return data === REFUSED ? schema.safeParse(value) : { success: true, data };
  };
}

// zod's internals, as far as they are read here (zod 4).
interface Internals {
  _zod: { def: Def; traits: Set<string>; optin?: string; optout?: string };
  safeParse(value: unknown): { success: boolean; data?: unknown };
}
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; format?: string; pattern?: RegExp; when?: unknown } } }>;
  coerce?: boolean;
  format?: string;
  shape?: Record<string, Internals>;
  catchall?: unknown;
  element?: Internals;
  innerType?: Internals;
  options?: Internals[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod's parse of this part, as a check: the parsed value, or REFUSED. */
function byZod(schema: Internals): Check {
  return (value) => {
    const r = schema.safeParse(value);
    return r.success ? r.data : REFUSED;
  };
}

function compile(schema: z.ZodType): Check {
  const s = schema as unknown as Internals;
  const def = s._zod.def;
  const checks = def.checks ?? [];
  if (def.coerce) return byZod(s);
  switch (def.type) {
    case 'string': {
      // A string format (email, uuid…) is a check itself; a regex is checked as zod does.
      if (s._zod.traits.has('$ZodCheck')) return byZod(s);
      const patterns: RegExp[] = [];
      for (const c of checks) {
        const d = c._zod.def;
        if (d.check !== 'string_format' || d.format !== 'regex' || !d.pattern || d.when) return byZod(s);
        patterns.push(d.pattern);
      }
      return (value) => {
        if (typeof value !== 'string') return REFUSED;
        for (const p of patterns) {
          p.lastIndex = 0;
          if (!p.test(value)) return REFUSED;
        }
        return value;
      };
    }
    case 'number': {
      if (checks.length > 0) return byZod(s);
      if (s._zod.traits.has('$ZodCheck'))
        return def.format === 'safeint'
          ? (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : REFUSED)
          : byZod(s);
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : REFUSED);
    }
    case 'boolean':
      return checks.length > 0 ? byZod(s) : (value) => (typeof value === 'boolean' ? value : REFUSED);
    case 'enum':
    case 'literal': {
      if (checks.length > 0) return byZod(s);
      const allowed = new Set(def.type === 'enum' ? Object.values(def.entries ?? {}) : def.values);
      // zod's enum values: an enum made from a TypeScript enum lists numbers once (not their names).
      if (def.type === 'enum' && [...allowed].some((v) => typeof v === 'number')) return byZod(s);
      return (value) => (allowed.has(value) ? value : REFUSED);
    }
    case 'optional': {
      if (checks.length > 0 || !s._zod.traits.has('$ZodOptional') || s._zod.traits.has('$ZodExactOptional'))
        return byZod(s);
      const inner = def.innerType!;
      if (inner._zod.def.type === 'default' || inner._zod.def.type === 'optional') return byZod(s);
      const check = compile(inner as unknown as z.ZodType);
      return (value) => (value === undefined ? undefined : check(value));
    }
    case 'array': {
      if (checks.length > 0) return byZod(s);
      const check = compile(def.element! as unknown as z.ZodType);
      return (value) => {
        if (!Array.isArray(value)) return REFUSED;
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const v = check(value[i]);
          if (v === REFUSED) return REFUSED;
          out[i] = v;
        }
        return out;
      };
    }
    case 'object':
      return compileObject(s);
    case 'union':
      return compileDiscriminated(s);
    default:
      return byZod(s);
  }
}

/** An object that strips what its shape does not name (z.object); any other kind is zod's. */
function compileObject(s: Internals): Check {
  const def = s._zod.def;
  if ((def.checks ?? []).length > 0 || def.catchall !== undefined) return byZod(s);
  const shape = Object.entries(def.shape ?? {});
  // Required (no optin/optout) or plainly optional; a default or anything else is zod's.
  const plain = ([key, f]: [string, Internals]) =>
    key !== '__proto__' &&
    ((f._zod.optin === undefined && f._zod.optout === undefined) ||
      (f._zod.optin === 'optional' && f._zod.optout === 'optional'));
  if (!shape.every(plain)) return byZod(s);
  const fields = shape.map(([key, field]) => ({
    key,
    optional: field._zod.optin === 'optional',
    check: compile(field as unknown as z.ZodType),
  }));
  return (value) => {
    if (!isObject(value)) return REFUSED;
    const out: Record<string, unknown> = {};
    for (const { key, optional, check } of fields) {
      // As zod: an optional key absent stays absent; present as undefined, it stays so.
      if (!(key in value)) {
        if (optional) continue;
        return REFUSED;
      }
      const v = check(value[key]);
      if (v === REFUSED) return REFUSED;
      out[key] = v;
    }
    return out;
  };
}

/** A discriminated union whose options are objects told apart by a literal; any other union is zod's. */
function compileDiscriminated(s: Internals): Check {
  const def = s._zod.def;
  const key = def.discriminator;
  if (key === undefined || (def.checks ?? []).length > 0 || !s._zod.traits.has('$ZodDiscriminatedUnion'))
    return byZod(s);
  const byTag = new Map<unknown, Check>();
  for (const option of def.options ?? []) {
    const tag = option._zod.def.shape?.[key]?._zod.def;
    if (option._zod.def.type !== 'object' || tag?.type !== 'literal' || !tag.values) return byZod(s);
    const check = compile(option as unknown as z.ZodType);
    for (const v of tag.values) {
      if (v === undefined || byTag.has(v)) return byZod(s);
      byTag.set(v, check);
    }
  }
  return (value) => {
    if (!isObject(value)) return REFUSED;
    const check = byTag.get(value[key]);
    return check ? check(value) : REFUSED;
  };
}
