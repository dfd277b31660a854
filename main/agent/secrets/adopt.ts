// Secrets found in clear in a config file: sealed into the secret store at once. A user's own
// config file then loses them (rewritten without); the machine-wide file an installer dropped is
// never rewritten, so a secret in it stays, and the agent warns if others can read that file.
import fs from 'node:fs';
import type { LoadedConfig } from '../config';
import type { SecretStore } from './store';

export interface Adopted {
  apiKey?: string;
  token?: string;
  /** Said at start-up and in diagnostics: what IT should fix. */
  warnings: string[];
}

/** Whether users other than the owner (and the owner's group) can read the file (POSIX only). */
export function readableByOthers(file: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    return (fs.statSync(file).mode & 0o004) !== 0;
  } catch {
    return false;
  }
}

export function adoptSecrets(loaded: LoadedConfig, store: SecretStore): Adopted {
  const warnings: string[] = [];
  const { config, source } = loaded;
  const inFile = { apiKey: config.centegra.apiKey, token: config.posApi.token };
  if (inFile.apiKey) store.set('centegra.apiKey', inFile.apiKey);
  if (inFile.token) store.set('posApi.token', inFile.token);
  const hasSecrets = Boolean(inFile.apiKey || inFile.token);
  if (hasSecrets && source.file) {
    if (source.kind === 'machine') {
      if (readableByOthers(source.file)) {
        warnings.push(
          `${source.file} holds secrets (${[inFile.apiKey && 'centegra.apiKey', inFile.token && 'posApi.token'].filter(Boolean).join(', ')}) and every user on this till can read it. Make it readable by administrators and Till Agent's group only (chmod 640, or remove the Users group on Windows), or enter the secrets on the Settings screen instead.`,
        );
      }
    } else {
      // A user's file is ours to tidy: the secrets now live sealed, not in clear.
      try {
        const raw = JSON.parse(fs.readFileSync(source.file, 'utf8').replace(/^\uFEFF/, '')) as Record<
          string,
          Record<string, unknown>
        >;
        if (raw.centegra) delete raw.centegra.apiKey;
        if (raw.posApi) delete raw.posApi.token;
        const tmp = `${source.file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(raw, null, 2) + '\n', {
          mode: fs.statSync(source.file).mode & 0o777,
        });
        fs.renameSync(tmp, source.file);
      } catch (e) {
        warnings.push(
          `${source.file} holds secrets in clear and could not be rewritten without them (${(e as Error).message}). Remove centegra.apiKey and posApi.token from it by hand: they are now stored sealed.`,
        );
      }
    }
  }
  return {
    ...((inFile.apiKey ?? store.get('centegra.apiKey'))
      ? { apiKey: inFile.apiKey ?? store.get('centegra.apiKey') }
      : {}),
    ...((inFile.token ?? store.get('posApi.token'))
      ? { token: inFile.token ?? store.get('posApi.token') }
      : {}),
    warnings,
  };
}
