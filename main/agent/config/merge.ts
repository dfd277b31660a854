// The user's file under IT's: the two merge key by key (leaf by leaf; a list is one leaf), and a
// key the machine-wide file sets is IT's policy, which the user's file cannot change. A user key
// that would change one is left out, and named, so the till still starts as IT set it up.
// Pure: JSON in, JSON out.
import { isDeepStrictEqual } from 'node:util';
import { namedGroups } from './schema';

export type Json = Record<string, unknown>;

export interface Leaf {
  path: string[];
  key: string;
  value: unknown;
}

/** Whether a leaf is a host-name pattern that gives the site as well as the till. */
function givesSite(leaf: Leaf): boolean {
  return (
    leaf.key === 'till.tillIdFromHostname' &&
    typeof leaf.value === 'string' &&
    namedGroups(leaf.value).includes('site')
  );
}

/**
 * Keys that set the same thing, so IT setting one has set the other: the till's id, given or
 * read from the host name; and the site's, when IT's pattern reads it from the host name.
 */
function sameSetting(user: Leaf, machine: Leaf): boolean {
  const ids = ['till.tillId', 'till.tillIdFromHostname'];
  if (ids.includes(user.key) && ids.includes(machine.key)) return true;
  return user.key === 'till.siteId' && givesSite(machine);
}

/** Editors' `$schema` is no setting: never policy, never merged. */
const NOT_SETTINGS = new Set(['$schema']);

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every value the file sets: objects are walked into, a list or a scalar is one leaf. */
export function leavesOf(raw: Json): Leaf[] {
  const out: Leaf[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (path.length === 0 && NOT_SETTINGS.has(k)) continue;
        walk(v, [...path, k]);
      }
    } else out.push({ path, key: path.join('.'), value });
  };
  walk(raw, []);
  return out;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/** Whether setting `user` would change what IT's `machine` sets. */
function overlaps(user: Leaf, machine: Leaf): boolean {
  return (
    startsWith(user.path, machine.path) || startsWith(machine.path, user.path) || sameSetting(user, machine)
  );
}

function deleteAt(target: Json, path: readonly string[]): void {
  let node: unknown = target;
  for (const p of path.slice(0, -1)) {
    if (!isObject(node)) return;
    node = node[p];
  }
  if (isObject(node)) delete node[path[path.length - 1]!];
}

function mergeInto(target: Json, over: Json): void {
  for (const [k, v] of Object.entries(over)) {
    const here = target[k];
    if (isObject(v) && isObject(here)) mergeInto(here, v);
    else target[k] = structuredClone(v);
  }
}

export interface Merged {
  /** The two files as one, before defaults. */
  raw: Json;
  /** Each leaf's file, by key. */
  from: Map<string, 'machine' | 'user'>;
  /** Keys the user's file sets that IT's file sets otherwise (`policy`): left out. */
  ignored: Array<{ key: string; policy: string[] }>;
}

/** IT's file over the user's: each key the machine file sets keeps its value; the user's file adds the rest. */
export function mergeConfigFiles(machine: Json, user: Json): Merged {
  const machineLeaves = leavesOf(machine);
  const from = new Map<string, 'machine' | 'user'>();
  const ignored: Merged['ignored'] = [];
  const raw = structuredClone(user);
  for (const leaf of leavesOf(user)) {
    const policy = machineLeaves.filter((m) => overlaps(leaf, m));
    if (policy.length === 0) {
      from.set(leaf.key, 'user');
      continue;
    }
    deleteAt(raw, leaf.path);
    // The same value as IT's is no conflict (a user's file copied from the estate file).
    const same =
      policy.length === 1 && policy[0]!.key === leaf.key && isDeepStrictEqual(policy[0]!.value, leaf.value);
    if (!same) ignored.push({ key: leaf.key, policy: policy.map((m) => m.key) });
  }
  const { $schema: _schema, ...settings } = machine;
  mergeInto(raw, settings);
  for (const leaf of machineLeaves) from.set(leaf.key, 'machine');
  return { raw, from, ignored };
}
