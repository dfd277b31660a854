// Turns zod's issues into the `path: what is wrong` lines IT reads in check-config.
import type { z } from 'zod';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The keys the schema allows at `path`, read from the schema itself (for "did you mean"). */
function knownKeysAt(schema: z.ZodType, raw: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let node: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (node as { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } })._zod
        ?.def;
      if (def?.type === 'default' || def?.type === 'optional' || def?.type === 'prefault')
        node = def.innerType;
      else if (def?.type === 'pipe') node = def.in;
      else return def;
    }
  };
  for (let i = 0; i <= path.length; i++) {
    const def = unwrap() as
      { type?: string; shape?: Record<string, unknown>; element?: unknown; options?: unknown[] } | undefined;
    if (def?.type === 'union' && def.options) {
      const kind = (valueAt(raw, path.slice(0, i)) as { kind?: unknown } | undefined)?.kind;
      node = def.options.find(
        (o) => (o as { shape?: { kind?: { value?: unknown } } }).shape?.kind?.value === kind,
      );
      if (!node) return undefined;
      i--;
      continue;
    }
    if (i === path.length) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
    const step = path[i];
    if (def?.type === 'object' && def.shape && typeof step === 'string') node = def.shape[step];
    else if (def?.type === 'array' && typeof step === 'number') node = def.element;
    else return undefined;
  }
  return undefined;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Keys whose values are secrets: a problem with one names what is wrong, never the value (check-config,
 * the desktop app's error box and the log all print these lines).
 */
export function isSecretPath(path: readonly PropertyKey[]): boolean {
  const key = path.map(String).join('.');
  return (
    ['centegra.apiKey', 'posApi.token', 'metrics.token', 'manager.pinHash'].includes(key) ||
    key.startsWith('metrics.otlp.headers.')
  );
}

/** A value as a problem line describes it: a secret by its kind and length only. */
function describeValue(v: unknown, secret: boolean): string {
  if (!secret) return typeName(v);
  if (typeof v === 'string') return `text of ${v.length} characters (a secret: not shown)`;
  const kind = v === null || Array.isArray(v) || typeof v === 'object' ? typeName(v) : `a ${typeof v}`;
  return `${kind} (a secret: not shown)`;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number')
    return Number.isInteger(v) ? `the number ${v}` : `the number ${v} (not a whole number)`;
  return String(v);
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object { ... }',
  array: 'a list [ ... ]',
};

export function describeIssues(error: Pick<z.ZodError, 'issues'>, raw: unknown, schema: z.ZodType): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, raw, issue.path) ?? [];
      for (const key of issue.keys) {
        const near = known
          .filter((k) => distance(k, key) <= 2)
          .sort((a, b) => distance(a, key) - distance(b, key))[0];
        lines.push(
          `${formatPath([...issue.path, key])}: unknown key${near ? ` (did you mean "${near}"?)` : ''}; remove it`,
        );
      }
      continue;
    }
    const where = formatPath(issue.path);
    const secret = isSecretPath(issue.path);
    const got = valueAt(raw, issue.path);
    if (issue.code === 'invalid_type') {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      lines.push(
        got === undefined
          ? `${where}: is required (${expected})`
          : `${where}: expected ${expected}, got ${describeValue(got, secret)}`,
      );
    } else if (issue.code === 'invalid_value') {
      lines.push(
        `${where}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(got, secret)}`,
      );
    } else if (
      issue.code === 'invalid_union' &&
      issue.path[0] === 'scanners' &&
      issue.path.at(-1) === 'kind'
    ) {
      lines.push(`${where}: must be one of "serial", "hid", "keyboard", got ${describeValue(got, secret)}`);
    } else if (issue.code === 'too_small' || issue.code === 'too_big') {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const custom = /^Too (small|big)/.test(issue.message) ? undefined : issue.message;
      lines.push(
        `${where}: ${custom ?? (issue.origin === 'string' ? `must be ${bound} ${limit} characters long` : `must be ${bound} ${limit}`)}, got ${describeValue(got, secret)}`,
      );
    } else if (issue.code === 'invalid_format') {
      lines.push(`${where}: ${issue.message}, got ${describeValue(got, secret)}`);
    } else {
      lines.push(`${where}: ${issue.message}`);
    }
  }
  return lines;
}
