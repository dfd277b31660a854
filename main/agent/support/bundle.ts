// The support bundle: one zip IT can send to support, with the logs, the config (secrets
// redacted), the diagnostics, the queue, the scanners and the versions. Everything in it is
// scrubbed once more before it goes in: no card number and no secret leaves the till this way.
import fs from 'node:fs';
import path from 'node:path';
import { settingsEntries, type LoadedConfig } from '../config';
import type { Result, ScannersReport } from '../contract';
import { scrubTrace } from '../scan';
import { secretInUse, type SecretStore } from '../secrets';

/** The operations the bundle asks the running agent for (its answers go in as they are). */
export type BundleOperation = 'health' | 'diagnostics' | 'listQueue' | 'scannersReport';

export interface BundleInput {
  /** Asks the agent, as a host would: a narrow view of it, not the agent itself. */
  ask(op: BundleOperation, input: object): Promise<Result<unknown>>;
  sqliteVersion: string;
  loaded: LoadedConfig;
  /** Where the Centegra key and the POS token are sealed, if anywhere. */
  secrets?: Pick<SecretStore, 'get'>;
  version: string;
  logFiles: string[];
  now?: Date;
}

/** Masks every run of 12 or more digits to its last four, and every known secret: the last guard. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\d{12,}/g, (run) => '•'.repeat(run.length - 4) + run.slice(-4));
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

function scrubScanners(report: ScannersReport): ScannersReport {
  return Array.isArray(report?.recent) ? { ...report, recent: report.recent.map(scrubTrace) } : report;
}

export async function makeSupportBundle(input: BundleInput): Promise<{ filename: string; zip: Uint8Array }> {
  const { ask, loaded } = input;
  const now = input.now ?? new Date();
  // Loaded here, not at start: a till makes a bundle rarely and need not keep the zip code.
  const { strToU8, zipSync } = await import('fflate');
  const held = {
    apiKey: secretInUse('centegra.apiKey', input.secrets, loaded.config),
    token: secretInUse('posApi.token', input.secrets, loaded.config),
    metricsToken: secretInUse('metrics.token', input.secrets, loaded.config),
  };
  // An OTLP collector's header values (metrics.otlp.headers) are its credentials: scrubbed too.
  const secrets = [
    held.apiKey,
    held.token,
    held.metricsToken,
    input.secrets?.get('ui.session'),
    ...Object.values(loaded.config.metrics.otlp?.headers ?? {}),
  ].filter((x): x is string => Boolean(x));
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, text: string) => {
    files[name] = strToU8(scrub(text, secrets));
  };
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

  const diagnostics = await ask('diagnostics', {});
  const queue = (await ask('listQueue', { limit: 500 })) as Result<{ items: unknown[] }>;
  const failed = (await ask('listQueue', { state: 'FAILED', limit: 500 })) as Result<{ items: unknown[] }>;
  const scanners = await ask('scannersReport', {});
  const health = await ask('health', {});

  put(
    'README.txt',
    [
      `Till Agent support bundle, ${now.toISOString()}`,
      `Till ${loaded.config.till?.siteId ?? 'DEMO'} / ${loaded.config.till?.tillId ?? 'T01'}, version ${input.version}${loaded.demo ? ' (demo)' : ''}`,
      '',
      'versions.json     software versions and platform',
      'config.json       the effective configuration, where each value came from; secrets redacted',
      'health.json       the agent at a glance',
      'diagnostics.json  the seven troubleshooting checks',
      'queue.json        the last 500 queued sales, and every one that did not go through (card numbers masked)',
      'scanners.json     scanners configured and found, recent codes (card numbers and PINs hidden)',
      'logs/             the log files (JSON lines)',
      '',
    ].join('\n'),
  );
  put(
    'versions.json',
    json({
      tillAgent: input.version,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      sqlite: input.sqliteVersion,
      platform: `${process.platform} ${process.arch}`,
      demo: loaded.demo,
    }),
  );
  put(
    'config.json',
    json({
      file: loaded.source.file ?? null,
      fileKind: loaded.source.kind,
      dataDir: loaded.dataDir,
      entries: settingsEntries(loaded, held),
    }),
  );
  put('health.json', json(health.ok ? health.value : health.error));
  put('diagnostics.json', json(diagnostics.ok ? diagnostics.value : diagnostics.error));
  put(
    'queue.json',
    json({
      recent: queue.ok ? queue.value.items : queue.error,
      failed: failed.ok ? failed.value.items : failed.error,
    }),
  );
  // The traces already hide what the decoder found; the scan masking's digit-run net goes over
  // every one again here, refusals and cards alike, before the text scrub.
  put('scanners.json', json(scanners.ok ? scrubScanners(scanners.value as ScannersReport) : scanners.error));
  for (const file of input.logFiles) {
    try {
      put(`logs/${path.basename(file)}`, fs.readFileSync(file, 'utf8'));
    } catch {
      /* rotated away meanwhile */
    }
  }
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const till = loaded.config.till ? `${loaded.config.till.siteId}-${loaded.config.till.tillId}` : 'demo';
  return { filename: `till-agent-support-${till}-${stamp}.zip`, zip: zipSync(files, { level: 6 }) };
}
