// The command line (config-and-cli.md). The commands an installed till answers live here:
// check-config, diagnose, support-bundle, hash-pin, config-schema. Two hosts run this same code:
// `npm run agent` (agent.ts, which adds serve and centegra-sim) and the desktop app, as
// `till-agent <command>` (main/electron/cli.ts). The Electron bundle includes this file, so
// nothing here may import the headless host. Exit codes: 0 done, 1 a problem the output names,
// 2 wrong usage.
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  Agent,
  configJsonSchema,
  ConfigError,
  dataFolderModes,
  exposedSecretWarnings,
  formatChecks,
  hashPin,
  lockHolder,
  PIN_PATTERN,
  loadConfig,
  secretInUse,
  Vault,
  type Check,
  type KeyProtector,
  type LoadedConfig,
} from '../agent';
import { askRunningAgent, packageVersion } from '../runtime';
import { openSealed } from './sealed';
import { checkConfigCommand, configCommand } from './config-command';

export type Exit = number;

/** What differs between the two hosts that run these commands. */
export interface CommandLineHost {
  /** How the user starts a command, for the usage text and hints: "npm run agent --" or "till-agent". */
  invocation: string;
  /** Commands only this host has (serve and centegra-sim under Node), with their usage lines. */
  extra?: Record<string, { usage: string; run: (argv: string[]) => Promise<Exit> }>;
  /** The OS keychain that may seal the vault key (the desktop app's), asked for only when needed. */
  keyProtector?: () => Promise<KeyProtector | undefined>;
}

/** The commands every host answers, an installed till's desktop app included. */
export const TILL_COMMANDS = [
  'check-config',
  'config',
  'diagnose',
  'support-bundle',
  'hash-pin',
  'config-schema',
] as const;

function usage(host: CommandLineHost): string {
  const extra = Object.entries(host.extra ?? {}).map(([, c]) => c.usage);
  return `Till Agent ${packageVersion()}

Usage: ${host.invocation} <command> [options]

Commands:
${[
  ...extra,
  `  check-config [FILE] [--hostname NAME]
        Check a config file, or (no FILE) the files this till reads, merged; prints one line per problem
        ("path: what is wrong"), and the siteId and tillId this till (or the till named NAME) would get.`,
  `  config [--config FILE] [--json] [--hostname NAME]
        Print the effective config, one key per line with its value (secrets masked) and where it came from.`,
  `  config-schema
        Print the JSON Schema of the config file (for editors).`,
  `  diagnose [--config FILE] [--demo] [--json]
        Run the seven troubleshooting checks; each PASS, FAIL or NOT CHECKED (with why) and what to do. Exit 0 only when all pass.
        A running Till Agent answers for itself.`,
  `  support-bundle [--config FILE] [--demo] [--out FILE]
        Write one zip for support: logs, config (secrets redacted), diagnostics, queue, scanners, versions.`,
  `  hash-pin
        Read a new manager PIN (6 to 12 digits) from standard input and print the manager.pinHash for the config.`,
].join('\n')}
`;
}

export function fail(message: string, code = 1): Exit {
  process.stderr.write(`${message}\n`);
  return code;
}

export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return n;
}

export class UsageError extends Error {}

export function load(values: {
  config?: string;
  demo?: boolean;
  port?: string;
  'data-dir'?: string;
}): LoadedConfig {
  return loadConfig({
    configFile: values.config,
    demo: values.demo,
    port: parsePort(values.port),
    dataDir: values['data-dir'],
  });
}

type Report = { checks: Check[]; allPassed: boolean; at: string; warnings: string[] };

async function diagnose(argv: string[], host: CommandLineHost): Promise<Exit> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const loaded = load(values);
  let report: Report;
  const running = lockHolder(loaded.dataDir);
  if (running) {
    // The running agent holds the scanners and the queue: it answers for itself, over its own line.
    const answer = await askRunningAgent(loaded.dataDir, 'diagnostics');
    if (!answer.ok)
      return fail(
        `Till Agent is running (${running.label}) but its diagnostics could not be read: ${answer.error.message}`,
      );
    report = answer.value as Report;
  } else {
    const r = await withStoppedAgent(loaded, host, async (agent) => {
      const d = await agent.call('diagnostics', {});
      return d.ok ? d.value : new Error(d.error.message);
    });
    if (r instanceof Error) return fail(r.message);
    report = r;
  }
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    const warnings = report.warnings.length
      ? `\n\nWarnings:\n${report.warnings.map((w) => `  - ${w}`).join('\n')}`
      : '';
    const verdict = report.allPassed ? 'All checks passed.' : 'Some checks failed: see "What to do" above.';
    console.log(
      `Till Agent diagnostics, ${report.at}\n\n${formatChecks(report.checks)}${warnings}\n\n${verdict}`,
    );
  }
  return report.allPassed ? 0 : 1;
}

/**
 * Starts the agent on a stopped till's data folder for a look, never to send: its queue is
 * reported, not delivered. It uses the key sealed on the Settings screen, as the agent would.
 */
async function withStoppedAgent<T>(
  loaded: LoadedConfig,
  host: CommandLineHost,
  use: (agent: Agent) => Promise<T | Error>,
): Promise<T | Error> {
  const sealed = loaded.demo
    ? { state: 'none' as const }
    : await openSealed(loaded.dataDir, host.keyProtector);
  if (sealed.state === 'locked') return new Error(sealed.message);
  // In a till group's shared folder, what the look leaves (a database journal) stays the group's.
  if (dataFolderModes(loaded.dataDir).shared) process.umask(0o007);
  const simulator = loaded.demo
    ? await (await import('../centegra-sim')).startSimulator({ quiet: true })
    : undefined;
  const secrets = sealed.state === 'open' ? sealed.secrets : undefined;
  const agent = await Agent.start({
    loaded,
    version: packageVersion(),
    centegra: simulator
      ? { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey }
      : {
          baseUrl: loaded.config.centegra.baseUrl!,
          apiKey: secretInUse('centegra.apiKey', secrets, loaded.config) ?? '',
        },
    // Nothing sealed yet: a key for this look only, so no key file is left behind.
    vault: sealed.state === 'open' ? sealed.vault : new Vault(randomBytes(32)),
    secrets,
    logFiles: () =>
      [
        path.join(loaded.dataDir, 'logs', 'agent.log'),
        ...Array.from({ length: 50 }, (_, i) => path.join(loaded.dataDir, 'logs', `agent.log.${i + 1}`)),
      ].filter((f) => fs.existsSync(f)),
    // A look at a stopped till: its queue is reported, never sent from here.
    holdDelivery: true,
    // What the agent would say at start-up: a config file others can read holds secrets.
    secretWarnings: loaded.demo ? [] : exposedSecretWarnings([loaded.source.file, loaded.source.userFile]),
  }).catch((e: Error) => e);
  if (agent instanceof Error) {
    await simulator?.close();
    return agent;
  }
  try {
    return await use(agent);
  } finally {
    await agent.close();
    await simulator?.close();
  }
}

async function supportBundle(argv: string[], host: CommandLineHost): Promise<Exit> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const loaded = load(values);
  let bundle: { filename: string; zip: Uint8Array };
  const running = lockHolder(loaded.dataDir);
  if (running) {
    const answer = await askRunningAgent(loaded.dataDir, 'support-bundle');
    if (!answer.ok)
      return fail(
        `Till Agent is running (${running.label}) but its support bundle could not be fetched: ${answer.error.message}`,
      );
    const value = answer.value as { filename: string; zipBase64: string };
    bundle = { filename: path.basename(value.filename), zip: Buffer.from(value.zipBase64, 'base64') };
  } else {
    const made = await withStoppedAgent(loaded, host, (agent) => agent.supportBundle());
    if (made instanceof Error) return fail(made.message);
    bundle = made;
  }
  const out = path.resolve(values.out ?? bundle.filename);
  // A new file, owner-only, even where one of that name was (whose mode writing into it would keep).
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bundle.zip, { mode: 0o600 });
  fs.renameSync(tmp, out);
  console.log(
    `Support bundle written to ${out} (${Math.round(bundle.zip.length / 1024)} KB). It holds no card number and no secret.`,
  );
  return 0;
}

async function hashPinCommand(): Promise<Exit> {
  if (process.stdin.isTTY) process.stderr.write('New manager PIN (6 to 12 digits), then Enter: ');
  const line = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) {
        process.stdin.pause();
        resolve(text.split('\n')[0]!);
      }
    });
    process.stdin.on('end', () => resolve(text));
  });
  const pin = line.trim();
  if (!PIN_PATTERN.test(pin))
    return fail(
      'A new manager PIN is 6 to 12 digits (a shorter one is too easy to guess). Nothing was written.',
    );
  console.log(hashPin(pin));
  return 0;
}

/** Runs one command line; every error becomes a message and an exit code. */
export async function runCommandLine(argv: string[], host: CommandLineHost): Promise<Exit> {
  const [command, ...rest] = argv;
  try {
    const extra =
      command !== undefined && Object.hasOwn(host.extra ?? {}, command) ? host.extra![command] : undefined;
    if (extra) return await extra.run(rest);
    switch (command) {
      case 'check-config':
        return checkConfigCommand(rest);
      case 'config':
        return await configCommand(rest, { keyProtector: host.keyProtector });
      case 'diagnose':
        return await diagnose(rest, host);
      case 'support-bundle':
        return await supportBundle(rest, host);
      case 'hash-pin':
        return await hashPinCommand();
      case 'config-schema':
        console.log(JSON.stringify(configJsonSchema(), null, 2));
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(usage(host));
        return command === undefined ? 2 : 0;
      default:
        return fail(`Unknown command "${command}".\n\n${usage(host)}`, 2);
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      return fail(
        `The config file ${e.file ?? ''} has problems:\n${e.problems.map((p) => `  ${p}`).join('\n')}\nFix them (check with: ${host.invocation} check-config FILE).`,
      );
    }
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      return fail(`${(e as Error).message}\n\n${usage(host)}`, 2);
    return fail(`Till Agent could not start: ${(e as Error).message}`);
  }
}
