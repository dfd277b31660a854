// Where each effective setting came from, for the Settings screen and the config command: IT's
// machine-wide file (policy: "set by IT"), the user's own file, a file named on the command line,
// a default, the command line, the environment or the host name (the till's ids), or (for
// secrets) the sealed store. Secrets are never shown in full.
import { machineFileOf, type KeyOrigin, type LoadedConfig } from './load';

export type Source =
  | 'set by IT'
  | 'your file'
  | 'file'
  | 'default'
  | 'command line'
  | 'environment'
  | 'host name'
  | 'secret store'
  | 'simulator';

export interface Entry {
  key: string;
  value: string;
  source: Source;
  secret: boolean;
}

const SECRETS = new Set(['centegra.apiKey', 'posApi.token', 'metrics.token']);
/** Not secrets one enters, but nothing to show either: a hash is enough to guess a short PIN from. */
const HIDDEN = new Set(['manager.pinHash']);
/** Keys under these are not shown either: an OTLP collector's headers carry its credentials. */
const HIDDEN_UNDER = ['metrics.otlp.headers.'];

function valueAt(raw: unknown, path: string[]): { found: boolean; value?: unknown } {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !(p in v)) return { found: false };
    v = (v as Record<string, unknown>)[p];
  }
  return { found: true, value: v };
}

/** Where a key's value came from; the schema's default when nothing set it. */
export function originOf(loaded: LoadedConfig, key: string): KeyOrigin | { kind: 'default' } {
  return Object.hasOwn(loaded.provenance, key) ? loaded.provenance[key]! : { kind: 'default' };
}

/**
 * The machine-wide file, when it sets `key`: IT's policy, which neither the user's file nor the
 * Settings screen may change. Undefined for any other key.
 */
export function policyFile(loaded: LoadedConfig, key: string): string | undefined {
  const machine = machineFileOf(loaded.source);
  const origin = originOf(loaded, key);
  return machine !== undefined && 'file' in origin && origin.file === machine ? machine : undefined;
}

/** The key's origin in the Settings screen's words. */
export function sourceOf(loaded: LoadedConfig, key: string): Source {
  const origin = originOf(loaded, key);
  if (policyFile(loaded, key)) return 'set by IT';
  switch (origin.kind) {
    case 'user':
      return 'your file';
    case 'machine':
    case 'flag':
    case 'env':
      return 'file';
    case 'command line':
      return 'command line';
    case 'environment':
      return 'environment';
    case 'host name':
      return 'host name';
    case 'default':
      return 'default';
  }
}

const FROM_FILES = new Set<Source>(['set by IT', 'your file', 'file']);

function leaves(value: unknown, prefix: string[], out: Array<[string[], unknown]>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...prefix, k], out);
  } else {
    out.push([prefix, value]);
  }
}

export function maskSecret(value: string | undefined): string {
  return value ? `set (ends …${value.slice(-4)})` : 'not set';
}

/** One line per setting: its value (secrets masked) and where it came from. */
export function settingsEntries(
  loaded: LoadedConfig,
  secrets: { apiKey?: string; token?: string; metricsToken?: string },
): Entry[] {
  const out: Array<[string[], unknown]> = [];
  const { $schema: _schema, ...config } = loaded.config as Record<string, unknown>;
  leaves(config, [], out);
  for (const key of SECRETS)
    if (!out.some(([p]) => p.join('.') === key)) out.push([key.split('.'), undefined]);
  // The pattern that named this till, beside the ids it gave: the effective config holds only those.
  const pattern = valueAt(loaded.raw, ['till', 'tillIdFromHostname']);
  if (pattern.found) {
    const lastTill = out.findLastIndex(([p]) => p[0] === 'till');
    out.splice(lastTill + 1, 0, [['till', 'tillIdFromHostname'], pattern.value]);
  }
  out.push([['dataDir'], loaded.dataDir]);
  const seen = new Set<string>();
  return out
    .filter(([p]) => {
      const key = p.join('.');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(([path, value]) => {
      const key = path.join('.');
      const given = sourceOf(loaded, key);
      if (SECRETS.has(key)) {
        const held =
          key === 'centegra.apiKey'
            ? secrets.apiKey
            : key === 'metrics.token'
              ? secrets.metricsToken
              : secrets.token;
        const source: Source =
          loaded.demo && key === 'centegra.apiKey'
            ? 'simulator'
            : FROM_FILES.has(given)
              ? given
              : held
                ? 'secret store'
                : 'default';
        return { key, value: maskSecret(held ?? (value as string | undefined)), source, secret: true };
      }
      const source: Source = loaded.overrides.includes(key) ? 'command line' : given;
      if (HIDDEN.has(key) || HIDDEN_UNDER.some((under) => key.startsWith(under)))
        return { key, value: value === undefined ? 'not set' : 'set', source, secret: true };
      return { key, value: value === undefined ? '(not set)' : JSON.stringify(value), source, secret: false };
    });
}
