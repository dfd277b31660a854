// How a host starts the agent: its configuration, where Centegra Plus is, and what a host or a
// test supplies for what the core cannot make itself (keychain, scanner devices, clocks); and
// what follows from them: the Centegra client, and the till as /v1/health names it.
import { createCentegraClient, type Centegra } from './centegra';
import type { LoadedConfig } from './config';
import type { CentegraLink, Health, ScannerState, StorageHealth } from './contract';
import type { Logger } from './logger';
import type { QueueSummary, RetryPolicy } from './queue';
import type { DeviceBackends } from './scan';
import { secretInUse, type SecretStore } from './secrets';
import type { KeyProtector, Vault } from './vault';

export interface AgentOptions {
  loaded: LoadedConfig;
  version: string;
  /** Where Centegra Plus is: the configured service, or the simulator in demo mode. */
  centegra: { baseUrl: string; apiKey: string } | Centegra;
  log?: Logger;
  now?: () => Date;
  /** How often the link is probed while online (tests shorten it). */
  onlineProbeMs?: number;
  /** Scanner device access; tests pass fakes for what cannot exist here (HID hardware). */
  devices?: DeviceBackends;
  /** How often scanners are enumerated for hot-plug (default 1 s). */
  scannerPollMs?: number;
  /** Wraps the vault key with the OS keychain (Electron's safeStorage); without it, an owner-only key file. */
  keyProtector?: KeyProtector;
  /** When a queued item that did not go is tried again. */
  retry?: RetryPolicy;
  /** The vault, when the host opened it already (it also seals the secrets). */
  vault?: Vault;
  /** The sealed secrets; the Settings screen reads and sets them. */
  secrets?: SecretStore;
  /** Problems with how the config holds secrets, for diagnostics and the Settings screen. */
  secretWarnings?: string[];
  /** The log files, newest first, for the support bundle. */
  logFiles?: () => string[];
  /**
   * The queue stays still until the host calls startDelivery() (once it serves the POS): a till
   * starting with a long queue answers the POS first and sends the queue right after.
   */
  holdDelivery?: boolean;
  /**
   * A database file larger than this is checked on its own thread while the agent answers what
   * writes nothing (default db.CHECK_ALONGSIDE_ABOVE_BYTES; tests lower it); Infinity checks every
   * file first.
   */
  checkAlongsideAboveBytes?: number;
  /** How often the WAL is looked at for a pause to checkpoint in (1 s, db/checkpoints.ts; tests shorten it). */
  checkpointTickMs?: number;
  /** The check run alongside, when a test holds it (default: PRAGMA integrity_check on its own thread). */
  checkAlongside?: (file: string) => Promise<string | null>;
}

/** The till a demo (or a till not yet named) calls itself. */
export const DEMO_TILL = { siteId: 'DEMO', tillId: 'T01' };

/** The Centegra client the options ask for: the one given, or one for the configured service. */
export function centegraFor(options: AgentOptions): Centegra {
  const { centegra: endpoint, loaded, secrets } = options;
  if ('inquire' in endpoint) return endpoint;
  return createCentegraClient({
    baseUrl: endpoint.baseUrl,
    // Read at each call: a key entered on the Settings screen takes effect at once.
    apiKey: () =>
      loaded.demo
        ? endpoint.apiKey
        : (secretInUse('centegra.apiKey', secrets, loaded.config) ?? endpoint.apiKey),
    timeoutMs: loaded.config.centegra.timeoutMs,
    till: loaded.config.till ?? DEMO_TILL,
    userAgent: `till-agent/${options.version}`,
  });
}

/** Where Centegra Plus is (the simulator's address in demo mode), for diagnostics. */
export function centegraAddress(options: AgentOptions): string {
  const { centegra, loaded } = options;
  return 'baseUrl' in centegra ? centegra.baseUrl : (loaded.config.centegra.baseUrl ?? 'http://127.0.0.1/');
}

/** The agent at a glance: OK only while Centegra answers, nothing has failed and storing works. */
export function healthOf(parts: {
  centegra: CentegraLink;
  queue: QueueSummary;
  storage: StorageHealth;
  scanners: ScannerState[];
  version: string;
  loaded: LoadedConfig;
}): Health {
  const { centegra, queue, storage, loaded } = parts;
  return {
    status: centegra.state === 'ONLINE' && queue.failed === 0 && storage.ok ? 'OK' : 'DEGRADED',
    storage,
    version: parts.version,
    demo: loaded.demo,
    centegra,
    queue,
    scanners: parts.scanners,
    till: loaded.config.till ?? DEMO_TILL,
    currency: loaded.config.currency,
    language: loaded.config.ui.language,
  };
}
