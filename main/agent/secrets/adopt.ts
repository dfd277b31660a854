// Secrets found in clear in a config file: sealed into the secret store at once. A user's own
// config file then loses them (rewritten without); the machine-wide file an installer dropped is
// never rewritten, so a secret in it stays, and the agent warns if others can read that file
// (exposed.ts).
// With the two files merged, each secret is dealt with in the file it came from.
import fs from 'node:fs';
import { machineFileOf, originOf, type LoadedConfig } from '../config';
import type { SecretStore } from './store';
import { exposedSecretsWarning } from './exposed';

export interface Adopted {
  apiKey?: string;
  token?: string;
  metricsToken?: string;
  /** Said at start-up and in diagnostics: what IT should fix. */
  warnings: string[];
}

const SECRET_KEYS = ['centegra.apiKey', 'posApi.token', 'metrics.token'] as const;

export function adoptSecrets(loaded: LoadedConfig, store: SecretStore): Adopted {
  const warnings: string[] = [];
  const { config } = loaded;
  const inFile = {
    apiKey: config.centegra.apiKey,
    token: config.posApi.token,
    metricsToken: config.metrics.token,
  };
  const given = {
    'centegra.apiKey': inFile.apiKey,
    'posApi.token': inFile.token,
    'metrics.token': inFile.metricsToken,
  };
  for (const key of SECRET_KEYS) {
    const value = given[key];
    if (value) store.set(key, value);
  }
  // Each secret's file: the machine-wide one, the user's, or the one named on the command line.
  const byFile = new Map<string, string[]>();
  for (const key of SECRET_KEYS) {
    if (!given[key]) continue;
    const origin = originOf(loaded, key);
    if ('file' in origin) byFile.set(origin.file, [...(byFile.get(origin.file) ?? []), key]);
  }
  const machineFile = machineFileOf(loaded.source);
  for (const [file, keys] of byFile) {
    if (file === machineFile) {
      const warning = exposedSecretsWarning(file, keys);
      if (warning) warnings.push(warning);
      continue;
    }
    // A user's file is ours to tidy: the secrets now live sealed, not in clear.
    try {
      const raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<
        string,
        Record<string, unknown>
      >;
      if (keys.includes('centegra.apiKey') && raw.centegra) delete raw.centegra.apiKey;
      if (keys.includes('posApi.token') && raw.posApi) delete raw.posApi.token;
      if (keys.includes('metrics.token') && raw.metrics) delete raw.metrics.token;
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(raw, null, 2) + '\n', {
        mode: fs.statSync(file).mode & 0o777,
      });
      fs.renameSync(tmp, file);
    } catch (e) {
      warnings.push(
        `${file} holds secrets in clear and could not be rewritten without them (${(e as Error).message}). Remove ${keys.join(' and ')} from it by hand: they are now stored sealed.`,
      );
    }
  }
  return {
    ...((inFile.apiKey ?? store.get('centegra.apiKey'))
      ? { apiKey: inFile.apiKey ?? store.get('centegra.apiKey') }
      : {}),
    ...((inFile.token ?? store.get('posApi.token'))
      ? { token: inFile.token ?? store.get('posApi.token') }
      : {}),
    ...((inFile.metricsToken ?? store.get('metrics.token'))
      ? { metricsToken: inFile.metricsToken ?? store.get('metrics.token') }
      : {}),
    warnings,
  };
}
