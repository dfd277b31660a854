// What every host starts, in order: the simulator (demo mode), the agent core, and the POS API
// on its port. The Electron and headless hosts add their UI on top; `close()` stops all of it.
import fs from 'node:fs';
import { createSecureContext } from 'node:tls';
import {
  adoptSecrets,
  Agent,
  loadVaultKey,
  secretInUse,
  SecretStore,
  Vault,
  type DeviceBackends,
  type KeyProtector,
  type LoadedConfig,
} from '../agent';
import type { Simulator } from '../centegra-sim';
import { boundListen, createPosApi, exposedWarning, isLoopbackHost, type Listen } from '../posapi';
import type { FastifyInstance } from 'fastify';
import { createLog, type AgentLog } from './log';
import { serveControl } from './control';
import { prepareDataFolder } from './data-folder';

export interface Runtime {
  agent: Agent;
  posApi: FastifyInstance;
  simulator?: Simulator;
  log: AgentLog;
  /** http://127.0.0.1:PORT (https:// with posApi.tls) */
  origin: string;
  port: number;
  /** The POS token at start (the API checks the one in use, which the Settings screen can change). */
  token: { value: string; fromConfig: boolean; created: boolean };
  secrets: SecretStore;
  close(): Promise<void>;
}

export interface StartOptions {
  loaded: LoadedConfig;
  version: string;
  /** Adds routes (the headless UI) before the server starts listening. */
  beforeListen?: (
    runtime: Omit<Runtime, 'origin' | 'port' | 'close' | 'secrets'> & {
      listen: Listen;
      secrets: SecretStore;
    },
  ) => Promise<void>;
  /** Probe interval while online; tests shorten it. */
  onlineProbeMs?: number;
  /** Scanner enumeration interval (hot-plug); default 1 s. */
  scannerPollMs?: number;
  /** Scanner device access for tests (fake HID devices). */
  devices?: DeviceBackends;
  /** The OS keychain for the card vault's key (Electron); without it, an owner-only key file. */
  keyProtector?: KeyProtector;
}

export function packageVersion(): string {
  try {
    return (
      JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '0.0.0';
  }
}

export async function startRuntime(options: StartOptions): Promise<Runtime> {
  // One queue per till: the data folder is settled (a user's folder from an earlier install taken
  // over) before anything opens it.
  const folder = prepareDataFolder(options.loaded, options.keyProtector);
  const { loaded } = folder;
  // Before anything starts: a POS API that would be exposed in clear is not started at all.
  const tls = readTls(loaded.config.posApi);
  const log = createLog(loaded.dataDir, loaded.config.log);
  const cleanup: Array<() => Promise<void> | void> = [() => log.close()];
  const closeAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    // Secrets live sealed in the data folder; a config file may carry them in clear only until now.
    for (const note of folder.notes) log.info({ dataDir: loaded.dataDir }, note);
    for (const warning of folder.warnings) log.warn({ warning }, 'data folder');
    // The folder's one key from its recorded place; a missing or different key stops here, naming the fix.
    const vaultKey = loadVaultKey(loaded.dataDir, folder.keyProtector);
    if (vaultKey.note)
      log.info({ dataDir: loaded.dataDir, protectedBy: vaultKey.protectedBy }, vaultKey.note);
    const vault = new Vault(vaultKey.key);
    const secrets = new SecretStore(loaded.dataDir, vault);
    const adopted = loaded.demo ? { warnings: [] as string[] } : adoptSecrets(loaded, secrets);
    for (const warning of adopted.warnings) log.warn({ warning }, 'config file holds secrets');
    // A user's key IT's file overrides: the till starts as IT set it up, and says what was ignored.
    for (const warning of loaded.warnings) log.warn({ warning }, 'config key ignored');
    const warnings = [...loaded.warnings, ...adopted.warnings, ...folder.warnings];
    let simulator: Simulator | undefined;
    let centegra: { baseUrl: string; apiKey: string };
    if (loaded.demo) {
      // Only a demo runs the simulator: a till never loads it (nor its request validation).
      const { startSimulator } = await import('../centegra-sim');
      simulator = await startSimulator({ quiet: true });
      cleanup.push(() => simulator!.close());
      centegra = { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey };
    } else {
      if (!adopted.apiKey)
        log.warn({}, 'no Factor4 Gift Card API key: set centegra.apiKey, or enter it on the Settings screen');
      centegra = { baseUrl: loaded.config.centegra.baseUrl!, apiKey: adopted.apiKey ?? '' };
    }
    const agent = await Agent.start({
      loaded,
      version: options.version,
      centegra,
      log,
      onlineProbeMs: options.onlineProbeMs,
      scannerPollMs: options.scannerPollMs,
      devices: options.devices,
      vault,
      secrets,
      secretWarnings: warnings,
      logFiles: () => log.files(),
      holdDelivery: true,
    });
    cleanup.push(() => agent.close());

    // The POS token in use is the one Settings and "reveal" show: the sealed one (a config file's is
    // sealed at start, above), else the config's. Demo mode seals nothing of the config's but this.
    if (loaded.demo && loaded.config.posApi.token) secrets.set('posApi.token', loaded.config.posApi.token);
    const inUse = secretInUse('posApi.token', secrets, loaded.config);
    const token = inUse
      ? { value: inUse, fromConfig: loaded.config.posApi.token !== undefined, created: false }
      : { ...secrets.getOrCreate('posApi.token'), fromConfig: false };
    const { host, port } = loaded.config.posApi;
    const listen: Listen = { host, port, secure: tls !== undefined };
    const posApi = createPosApi({
      agent,
      listen,
      // Asked on every request: a token changed on the Settings screen applies at once.
      token: () => secretInUse('posApi.token', secrets, loaded.config) ?? token.value,
      metricsToken: () => secretInUse('metrics.token', secrets, loaded.config),
      allowedOrigins: loaded.config.posApi.allowedOrigins,
      log,
      tls,
    });
    cleanup.push(() => posApi.close());
    await options.beforeListen?.({ agent, posApi, simulator, log, token, listen, secrets });
    await listenOrExplain(posApi, host, port);
    // `till-agent diagnose` and `support-bundle` ask through it; a till sells without it.
    await serveControl({
      dataDir: loaded.dataDir,
      target: {
        diagnostics: async () => {
          const r = await agent.call('diagnostics', {});
          if (!r.ok) throw new Error(r.error.message);
          return r.value;
        },
        supportBundle: () => agent.supportBundle(),
      },
      log,
    }).then(
      (control) => cleanup.push(() => control.close()),
      (e: unknown) =>
        log.warn({ err: e }, 'control channel not opened: till-agent diagnose cannot ask this agent'),
    );
    // The POS is served first; a queue left from an outage starts going right after.
    agent.startDelivery();
    const realPort = boundListen(posApi, listen).port;
    log.info(
      { host, port: realPort, https: listen.secure, demo: loaded.demo, dataDir: loaded.dataDir },
      'Till Agent started',
    );
    if (!isLoopbackHost(host)) {
      const warning = exposedWarning({ host, port: realPort });
      log.warn({ host, port: realPort }, warning);
      console.warn(`WARNING: ${warning}`);
    }
    const hostForUrl = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    const scheme = listen.secure ? 'https' : 'http';
    return {
      agent,
      posApi,
      simulator,
      log,
      token,
      secrets,
      port: realPort,
      origin: `${scheme}://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${realPort}`,
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/**
 * The certificate and key for HTTPS. Beyond loopback they are required: the config check says
 * so too, and this is the last guard, so the token never crosses a network in clear.
 */
function readTls(posApi: LoadedConfig['config']['posApi']): { cert: Buffer; key: Buffer } | undefined {
  if (!posApi.tls) {
    if (isLoopbackHost(posApi.host)) return undefined;
    throw new Error(
      `posApi.host is ${posApi.host}, which other machines can reach: Till Agent serves the POS API there only over HTTPS. Set posApi.tls to { "certFile": "...", "keyFile": "..." }, or set posApi.host to 127.0.0.1.`,
    );
  }
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      throw new Error(`Cannot read the POS API's TLS ${what} ${file} (posApi.tls): ${(e as Error).message}`, {
        cause: e,
      });
    }
  };
  const pair = { cert: read(posApi.tls.certFile, 'certificate'), key: read(posApi.tls.keyFile, 'key') };
  try {
    createSecureContext(pair);
  } catch (e) {
    throw new Error(
      `The POS API's TLS certificate and key (posApi.tls) cannot be used: ${(e as Error).message}. They must be PEM files, and the key must be the certificate's.`,
      { cause: e },
    );
  }
  return pair;
}

async function listenOrExplain(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} on ${host} is already in use: is Till Agent already running? Otherwise set posApi.port in the config to a free port.`,
        { cause: e },
      );
    }
    if (code === 'EACCES')
      throw new Error(`This user may not listen on port ${port}: choose a port above 1024 in posApi.port.`, {
        cause: e,
      });
    throw e;
  }
}
