// Where each effective setting came from, for the Settings screen: the config file, a default,
// the command line, or (for secrets) the sealed store. Secrets are never shown in full.
import type { LoadedConfig } from './load';

export type Source = 'file' | 'default' | 'command line' | 'secret store' | 'simulator';

export interface Entry {
  key: string;
  value: string;
  source: Source;
  secret: boolean;
}

const SECRETS = new Set(['centegra.apiKey', 'posApi.token']);
/** Not secrets one enters, but nothing to show either: a hash is enough to guess a short PIN from. */
const HIDDEN = new Set(['manager.pinHash']);

function has(raw: unknown, path: string[]): boolean {
  let v: unknown = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !(p in v)) return false;
    v = (v as Record<string, unknown>)[p];
  }
  return true;
}

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
export function settingsEntries(loaded: LoadedConfig, secrets: { apiKey?: string; token?: string }): Entry[] {
  const out: Array<[string[], unknown]> = [];
  const { $schema: _schema, ...config } = loaded.config as Record<string, unknown>;
  leaves(config, [], out);
  for (const key of SECRETS)
    if (!out.some(([p]) => p.join('.') === key)) out.push([key.split('.'), undefined]);
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
      if (SECRETS.has(key)) {
        const held = key === 'centegra.apiKey' ? secrets.apiKey : secrets.token;
        const source: Source =
          loaded.demo && key === 'centegra.apiKey'
            ? 'simulator'
            : has(loaded.raw, path)
              ? 'file'
              : held
                ? 'secret store'
                : 'default';
        return { key, value: maskSecret(held ?? (value as string | undefined)), source, secret: true };
      }
      const source: Source = loaded.overrides.includes(key)
        ? 'command line'
        : has(loaded.raw, path)
          ? 'file'
          : 'default';
      if (HIDDEN.has(key))
        return { key, value: value === undefined ? 'not set' : 'set', source, secret: true };
      return { key, value: value === undefined ? '(not set)' : JSON.stringify(value), source, secret: false };
    });
}
