// The `agent` command line (config-and-cli.md): serve, check-config, diagnose, centegra-sim,
// config-schema. Exit codes: 0 done, 1 a problem the output names, 2 wrong usage.
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'undici';
import {
  Agent,
  configJsonSchema,
  ConfigError,
  formatChecks,
  hashPin,
  loadVaultKey,
  lockHolder,
  PIN_PATTERN,
  readConfigFile,
  loadConfig,
  SecretStore,
  Vault,
  type Check,
  type LoadedConfig,
} from '../agent';
import { DEMO_API_KEY, formatDemoCards, startSimulator } from '../centegra-sim';
import { startHeadless } from '../headless';
import { packageVersion } from '../runtime';

const USAGE = `Till Agent ${packageVersion()}

Usage: npm run agent -- <command> [options]

Commands:
  serve [--config FILE] [--demo] [--port N] [--data-dir DIR]
        Run the agent without Electron: scanners, the POS API, and the cashier screen in a browser.
  check-config FILE
        Check a config file; prints one line per problem ("path: what is wrong").
  centegra-sim [--port N]
        Run the built-in Centegra Plus simulator on its own.
  config-schema
        Print the JSON Schema of the config file (for editors).
  diagnose [--config FILE] [--demo] [--json]
        Run the six troubleshooting checks; each PASS or FAIL with what to do. Exit 0 only when all pass.
  support-bundle [--config FILE] [--demo] [--out FILE]
        Write one zip for support: logs, config (secrets redacted), diagnostics, queue, scanners, versions.
  hash-pin
        Read a manager PIN (4 to 12 digits) from standard input and print the manager.pinHash for the config.
`;

type Exit = number;

function fail(message: string, code = 1): Exit {
  process.stderr.write(`${message}\n`);
  return code;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return n;
}

class UsageError extends Error {}

function load(values: { config?: string; demo?: boolean; port?: string; 'data-dir'?: string }): LoadedConfig {
  return loadConfig({
    configFile: values.config,
    demo: values.demo,
    port: parsePort(values.port),
    dataDir: values['data-dir'],
  });
}

async function serve(argv: string[]): Promise<Exit> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      demo: { type: 'boolean' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const loaded = load(values);
  const version = packageVersion();
  const headless = await startHeadless({ loaded, version, log: (m) => console.log(m) });
  const { runtime } = headless;
  const lines = [
    `Till Agent ${version}${loaded.demo ? ' - DEMO: using the built-in Centegra Plus simulator, no real cards are charged' : ''}`,
    `  Cashier screen: ${headless.uiUrl}`,
    `  POS API:        ${runtime.origin}/v1`,
    `  POS API token:  ${
      loaded.demo || runtime.token.created
        ? runtime.token.value
        : runtime.token.fromConfig
          ? 'posApi.token from the config'
          : 'kept sealed in the data folder; a manager can show it on the Settings screen'
    }`,
    `  Config:         ${loaded.source.file ?? 'none found, defaults'}`,
    `  Data folder:    ${loaded.dataDir}`,
    `  Log:            ${runtime.log.file}`,
  ];
  if (runtime.simulator) {
    lines.push(`  Simulator:      ${runtime.simulator.baseUrl}`, '', 'Demo cards:', formatDemoCards());
  }
  lines.push(
    '',
    `Try: curl -H "Authorization: Bearer ${loaded.demo ? runtime.token.value : '<token>'}" ${runtime.origin}/v1/health`,
    'Press Ctrl+C to stop.',
  );
  console.log(lines.join('\n'));
  await waitForSignal();
  await headless.close();
  return 0;
}

function checkConfig(argv: string[]): Exit {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('check-config takes one file: npm run agent -- check-config FILE');
  const result = readConfigFile(file);
  if (result.ok) {
    console.log(`${file}: valid`);
    return 0;
  }
  for (const problem of result.problems) console.log(problem);
  return 1;
}

async function centegraSim(argv: string[]): Promise<Exit> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true });
  const sim = await startSimulator({ port: parsePort(values.port) ?? 7421 });
  console.log(
    [
      `Centegra Plus simulator at ${sim.baseUrl}`,
      `  API key (X-Api-Key): ${DEMO_API_KEY}`,
      `  Faults: curl -X PATCH -H 'content-type: application/json' -d '{"keyDisabled":true}' ${sim.origin}/__sim/faults`,
      '',
      'Demo cards:',
      formatDemoCards(),
      '',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
  await waitForSignal();
  await sim.close();
  return 0;
}

async function diagnose(argv: string[]): Promise<Exit> {
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
  let report: { checks: Check[]; allPassed: boolean; at: string; warnings: string[] };
  const running = lockHolder(loaded.dataDir);
  if (running) {
    // The running agent holds the scanners and the queue: it answers for itself.
    const token = loaded.config.posApi.token ?? sealedPosToken(loaded.dataDir);
    const host = loaded.config.posApi.host === '0.0.0.0' ? '127.0.0.1' : loaded.config.posApi.host;
    const answer = await request(
      `http://${host.includes(':') ? `[${host}]` : host}:${loaded.config.posApi.port}/v1/diagnostics`,
      {
        headers: { authorization: `Bearer ${token ?? ''}` },
      },
    ).catch((e: Error) => e);
    if (answer instanceof Error || answer.statusCode !== 200) {
      const why = answer instanceof Error ? answer.message : `it answered ${answer.statusCode}`;
      return fail(
        `Till Agent is running (process ${running}) but its diagnostics could not be read (${why}). Check posApi.port and posApi.token in the config.`,
      );
    }
    report = (await answer.body.json()) as typeof report;
  } else {
    const simulator = loaded.demo ? await startSimulator({ quiet: true }) : undefined;
    const agent = await Agent.start({
      loaded,
      version: packageVersion(),
      centegra: simulator
        ? { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey }
        : { baseUrl: loaded.config.centegra.baseUrl!, apiKey: loaded.config.centegra.apiKey! },
      // A look at a stopped till: its queue is reported, never sent from here.
      holdDelivery: true,
    });
    try {
      const r = await agent.call('diagnostics', {});
      if (!r.ok) return fail(r.error.message);
      report = r.value;
    } finally {
      await agent.close();
      await simulator?.close();
    }
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

async function supportBundle(argv: string[]): Promise<Exit> {
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
    const token = loaded.config.posApi.token ?? sealedPosToken(loaded.dataDir);
    const host = loaded.config.posApi.host === '0.0.0.0' ? '127.0.0.1' : loaded.config.posApi.host;
    const answer = await request(
      `http://${host.includes(':') ? `[${host}]` : host}:${loaded.config.posApi.port}/v1/support-bundle`,
      {
        headers: { authorization: `Bearer ${token ?? ''}` },
      },
    ).catch((e: Error) => e);
    if (answer instanceof Error || answer.statusCode !== 200) {
      return fail(
        `Till Agent is running (process ${running}) but its support bundle could not be fetched (${answer instanceof Error ? answer.message : `it answered ${answer.statusCode}`}).`,
      );
    }
    const disposition = String(answer.headers['content-disposition'] ?? '');
    bundle = {
      filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'till-agent-support.zip',
      zip: new Uint8Array(await answer.body.arrayBuffer()),
    };
  } else {
    const simulator = loaded.demo ? await startSimulator({ quiet: true }) : undefined;
    const vault = new Vault(loadVaultKey(loaded.dataDir).key);
    const secrets = new SecretStore(loaded.dataDir, vault);
    const agent = await Agent.start({
      loaded,
      version: packageVersion(),
      centegra: simulator
        ? { baseUrl: simulator.baseUrl, apiKey: simulator.apiKey }
        : {
            baseUrl: loaded.config.centegra.baseUrl!,
            apiKey: secrets.get('centegra.apiKey') ?? loaded.config.centegra.apiKey ?? '',
          },
      vault,
      secrets,
      logFiles: () =>
        [
          path.join(loaded.dataDir, 'logs', 'agent.log'),
          ...Array.from({ length: 50 }, (_, i) => path.join(loaded.dataDir, 'logs', `agent.log.${i + 1}`)),
        ].filter((f) => fs.existsSync(f)),
      holdDelivery: true,
    });
    try {
      bundle = await agent.supportBundle();
    } finally {
      await agent.close();
      await simulator?.close();
    }
  }
  const out = path.resolve(values.out ?? bundle.filename);
  fs.writeFileSync(out, bundle.zip, { mode: 0o600 });
  console.log(
    `Support bundle written to ${out} (${Math.round(bundle.zip.length / 1024)} KB). It holds no card number and no secret.`,
  );
  return 0;
}

/** The POS API token from the sealed store, when this user can open it (not under an OS keychain). */
function sealedPosToken(dataDir: string): string | undefined {
  try {
    if (!fs.existsSync(path.join(dataDir, 'vault.key'))) return undefined;
    return new SecretStore(dataDir, new Vault(loadVaultKey(dataDir).key)).get('posApi.token');
  } catch {
    return undefined;
  }
}

async function hashPinCommand(): Promise<Exit> {
  if (process.stdin.isTTY) process.stderr.write('Manager PIN (4 to 12 digits), then Enter: ');
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
  if (!PIN_PATTERN.test(pin)) return fail('A manager PIN is 4 to 12 digits.');
  console.log(hashPin(pin));
  return 0;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

export async function main(argv: string[]): Promise<Exit> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'check-config':
        return checkConfig(rest);
      case 'centegra-sim':
        return await centegraSim(rest);
      case 'diagnose':
        return await diagnose(rest);
      case 'support-bundle':
        return await supportBundle(rest);
      case 'hash-pin':
        return await hashPinCommand();
      case 'config-schema':
        console.log(JSON.stringify(configJsonSchema(), null, 2));
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        return fail(`Unknown command "${command}".\n\n${USAGE}`, 2);
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      return fail(
        `The config file ${e.file ?? ''} has problems:\n${e.problems.map((p) => `  ${p}`).join('\n')}\nFix them (check with: npm run agent -- check-config FILE).`,
      );
    }
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      return fail(`${(e as Error).message}\n\n${USAGE}`, 2);
    return fail(`Till Agent could not start: ${(e as Error).message}`);
  }
}

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
