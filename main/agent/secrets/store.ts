// The till's secrets at rest (the Factor4 Gift Card API key, the POS API token, the metrics
// token, the browser UI's session key): sealed with the vault's key in one owner-only file, never in clear on disk once
// read. A config file may carry a secret in clear only until the first start (see adopt.ts).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dataFolderModes } from '../files';
import type { Vault } from '../vault';

export type SecretName = 'centegra.apiKey' | 'posApi.token' | 'metrics.token' | 'ui.session';

const CONTEXT = 'secrets';

export class SecretStore {
  readonly file: string;
  private values: Partial<Record<SecretName, string>>;

  constructor(
    dataDir: string,
    private readonly vault: Vault,
  ) {
    this.file = path.join(dataDir, 'secrets.sealed');
    this.values = fs.existsSync(this.file) ? vault.openJson(fs.readFileSync(this.file), CONTEXT) : {};
  }

  get(name: SecretName): string | undefined {
    return this.values[name];
  }

  set(name: SecretName, value: string): void {
    this.values = { ...this.values, [name]: value };
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.vault.sealJson(this.values, CONTEXT), {
      mode: dataFolderModes(path.dirname(this.file)).file,
    });
    fs.renameSync(tmp, this.file);
  }

  /** The secret, made (random, URL-safe) and kept on first use. */
  getOrCreate(name: SecretName, bytes = 32): { value: string; created: boolean } {
    const existing = this.get(name);
    if (existing) return { value: existing, created: false };
    const value = randomBytes(bytes).toString('base64url');
    this.set(name, value);
    return { value, created: true };
  }
}

/** The secret the till uses: sealed in the store (set on the Settings screen, or adopted), else as the config gives it. */
export function secretInUse(
  name: 'centegra.apiKey' | 'posApi.token' | 'metrics.token',
  secrets: Pick<SecretStore, 'get'> | undefined,
  config: { centegra: { apiKey?: string }; posApi: { token?: string }; metrics?: { token?: string } },
): string | undefined {
  const inConfig = {
    'centegra.apiKey': config.centegra.apiKey,
    'posApi.token': config.posApi.token,
    'metrics.token': config.metrics?.token,
  };
  return secrets?.get(name) ?? inConfig[name];
}
