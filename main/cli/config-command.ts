// `config` and `check-config`: what this machine's config is and where each key came from (IT's
// machine-wide file, the user's own, a default, the command line, the environment, the host
// name), secrets masked; and whether a file, or the files this machine reads, would start a till.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeTill,
  exposedSecretsWarning,
  exposedSecretWarnings,
  findConfigFile,
  hostEnvironment,
  loadConfig,
  loadVaultKey,
  originOf,
  readConfigFile,
  readEffectiveConfig,
  resolveTill,
  secretKeysIn,
  SecretStore,
  settingsEntries,
  Vault,
  type ConfigSource,
  type Environment,
  type KeyProtector,
  type LoadedConfig,
} from '../agent';

type Exit = number;
type Print = (line: string) => void;

export interface CommandIo {
  out: Print;
  err: Print;
}

const consoleIo: CommandIo = {
  out: (line) => console.log(line),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The machine to answer for: this one, or (--hostname) the till of that name. */
function withHostname(e: Environment, hostname: string | undefined): Environment {
  return hostname === undefined ? e : { ...e, hostname };
}

function onThisMachine(e: Environment, named: boolean): string {
  return named ? `On the till named ${e.hostname}` : `On this machine (host ${e.hostname})`;
}

function describeSource(source: ConfigSource): string {
  switch (source.kind) {
    case 'merged':
      return `${source.file} (set by IT), with ${source.userFile} (your file) under it`;
    case 'machine':
      return `${source.file} (set by IT)`;
    case 'user':
      return `${source.file} (your file)`;
    case 'flag':
      return `${source.file} (--config)`;
    case 'env':
      return `${source.file} ($TILL_AGENT_CONFIG)`;
    case 'defaults':
      return 'no file: defaults (demo mode)';
  }
}

/**
 * `check-config FILE`: the file alone, then what this machine would make of it; without FILE,
 * the file or files this machine reads, merged as the agent merges them.
 */
export function checkConfigCommand(
  argv: string[],
  base: Environment = hostEnvironment(),
  io: CommandIo = consoleIo,
): Exit {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { hostname: { type: 'string' } },
  });
  if (positionals.length > 1) {
    io.err('check-config takes at most one file: check-config [FILE] [--hostname NAME]');
    return 2;
  }
  const e = withHostname({ ...base, hostname: base.hostname ?? hostEnvironment().hostname }, values.hostname);
  const named = values.hostname !== undefined;
  const file = positionals[0];
  if (file !== undefined) {
    const read = readConfigFile(file);
    if (!read.ok) {
      for (const problem of read.problems) io.out(problem);
      return 1;
    }
    // A file this till cannot start with is no valid file for it: the host name is the problem.
    const till = read.config.till ? resolveTill(read.config.till, e.hostname!, e.env) : undefined;
    if (till && !till.ok) {
      io.out(till.problem);
      return 1;
    }
    io.out(`${file}: valid`);
    const exposed = exposedSecretsWarning(file, secretKeysIn(read.raw));
    if (exposed) io.out(`warning: ${exposed}`);
    if (till) io.out(`${onThisMachine(e, named)}: ${describeTill(till.value)}`);
    return 0;
  }

  const source = findConfigFile(undefined, e);
  io.out(`Config on this machine: ${describeSource(source)}`);
  const effective = readEffectiveConfig(source, e);
  if (!effective.ok) {
    const inOne =
      source.kind === 'merged' && (effective.file === source.file || effective.file === source.userFile);
    for (const problem of effective.problems) io.out(inOne ? `${effective.file}: ${problem}` : problem);
    return 1;
  }
  for (const warning of effective.value.warnings) io.out(`warning: ${warning}`);
  for (const warning of exposedSecretWarnings([source.file, source.userFile])) io.out(`warning: ${warning}`);
  io.out('valid');
  if (effective.value.till) io.out(`${onThisMachine(e, named)}: ${describeTill(effective.value.till)}`);
  return 0;
}

/**
 * The secrets sealed in the data folder, when this user can open them (with the desktop app's
 * keychain where it sealed them); never a new key made. `locked`: sealed, but not for this user.
 */
async function sealedSecrets(
  dataDir: string,
  keyProtector: (() => Promise<KeyProtector | undefined>) | undefined,
): Promise<{ apiKey?: string; token?: string; metricsToken?: string; locked?: true }> {
  const protectedKey = fs.existsSync(path.join(dataDir, 'vault.key.protected'));
  const plainKey = fs.existsSync(path.join(dataDir, 'vault.key'));
  if (!protectedKey && !plainKey) return {};
  try {
    const protector = protectedKey ? await keyProtector?.() : undefined;
    if (protectedKey && !protector && !plainKey) return { locked: true };
    const store = new SecretStore(
      dataDir,
      new Vault(loadVaultKey(dataDir, protector, { readOnly: true }).key),
    );
    const apiKey = store.get('centegra.apiKey');
    const token = store.get('posApi.token');
    const metricsToken = store.get('metrics.token');
    return {
      ...(apiKey ? { apiKey } : {}),
      ...(token ? { token } : {}),
      ...(metricsToken ? { metricsToken } : {}),
    };
  } catch {
    return { locked: true };
  }
}

const LOCKED = 'sealed (this user cannot open the secret store)';
const SEALED_KEYS = new Set(['centegra.apiKey', 'posApi.token', 'metrics.token']);

/** A key's source with what says more than the word: which variable, which host name. */
function sourceDetail(loaded: LoadedConfig, key: string, source: string): string {
  const origin = originOf(loaded, key);
  if (origin.kind === 'environment') return `${source} $${origin.variable}`;
  if (origin.kind === 'host name') return `${source} ${origin.hostname}, by till.tillIdFromHostname`;
  return source;
}

export interface ConfigCommandOptions {
  env?: Environment;
  io?: CommandIo;
  /** The OS keychain the desktop app seals the vault key with, asked only when it did. */
  keyProtector?: () => Promise<KeyProtector | undefined>;
}

/** `config`: every key of the effective config, its value (secrets masked) and where it came from. */
export async function configCommand(argv: string[], options: ConfigCommandOptions = {}): Promise<Exit> {
  const { env: base = hostEnvironment(), io = consoleIo } = options;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean' },
      'data-dir': { type: 'string' },
      hostname: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const e = withHostname({ ...base, hostname: base.hostname ?? hostEnvironment().hostname }, values.hostname);
  const loaded = loadConfig({ configFile: values.config, demo: values.demo, dataDir: values['data-dir'] }, e);
  const sealed = await sealedSecrets(loaded.dataDir, options.keyProtector);
  const entries = settingsEntries(loaded, {
    apiKey: sealed.apiKey ?? loaded.config.centegra.apiKey,
    token: sealed.token ?? loaded.config.posApi.token,
    metricsToken: sealed.metricsToken ?? loaded.config.metrics.token,
  }).map((entry) =>
    sealed.locked && SEALED_KEYS.has(entry.key) && entry.source === 'default' && entry.value === 'not set'
      ? { ...entry, value: LOCKED, source: 'secret store' as const }
      : entry,
  );
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          hostname: e.hostname,
          source: loaded.source,
          demo: loaded.demo,
          dataDir: loaded.dataDir,
          keys: entries.map((entry) => {
            const origin = originOf(loaded, entry.key);
            return {
              key: entry.key,
              value: entry.secret
                ? entry.value
                : entry.value === '(not set)'
                  ? null
                  : JSON.parse(entry.value),
              source: entry.source,
              ...(entry.secret ? { secret: true } : {}),
              ...(origin.kind === 'default' ? {} : { origin }),
            };
          }),
          warnings: loaded.warnings,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(`# Till Agent config on this machine (host ${e.hostname}): ${describeSource(loaded.source)}`);
  if (loaded.demo) io.out('# Demo mode: Centegra Plus is the built-in simulator');
  for (const warning of loaded.warnings) io.out(`# warning: ${warning}`);
  const width = Math.max(...entries.map((entry) => entry.key.length));
  for (const entry of entries)
    io.out(`${entry.key.padEnd(width)} = ${entry.value}  (${sourceDetail(loaded, entry.key, entry.source)})`);
  return 0;
}
