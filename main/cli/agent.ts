// `npm run agent` (scripts/agent.mjs bundles this file): the command line under plain Node. It
// answers every command an installed till answers (index.ts, shared with the desktop app) and two
// of its own: `serve`, the agent without Electron with the cashier screen in a browser, and
// `centegra-sim`, the simulator on its own.
import { parseArgs } from 'node:util';
import { startHeadless } from '../headless';
import { packageVersion } from '../runtime';
import { load, parsePort, runCommandLine, type Exit } from './index';

/** What scripts/agent.mjs listens for on `process` (a plain string: no payload). */
const SERVING = 'till-agent:serving';

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
    `  Config:         ${loaded.source.userFile ? `${loaded.source.file} (set by IT), with ${loaded.source.userFile} (yours) under it` : (loaded.source.file ?? 'none found, defaults')}`,
    `  Data folder:    ${loaded.dataDir}`,
    `  Log:            ${runtime.log.file}`,
  ];
  if (runtime.simulator) {
    const { formatDemoCards } = await import('../centegra-sim');
    lines.push(`  Simulator:      ${runtime.simulator.baseUrl}`, '', 'Demo cards:', formatDemoCards());
  }
  lines.push(
    '',
    `Try: curl -H "Authorization: Bearer ${loaded.demo ? runtime.token.value : '<token>'}" ${runtime.origin}/v1/health`,
    'Press Ctrl+C to stop.',
  );
  console.log(lines.join('\n'));
  // Told to the launcher (scripts/agent.mjs), which keeps V8's code cache of a serve that started.
  (process as NodeJS.EventEmitter).emit(SERVING);
  await waitForSignal();
  await headless.close();
  return 0;
}

async function centegraSim(argv: string[]): Promise<Exit> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true });
  // The simulator (with its request validation) is loaded only by the commands that run one.
  const { DEMO_API_KEY, formatDemoCards, startSimulator } = await import('../centegra-sim');
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

void runCommandLine(process.argv.slice(2), {
  invocation: 'npm run agent --',
  extra: {
    serve: {
      usage: `  serve [--config FILE] [--demo] [--port N] [--data-dir DIR]
        Run the agent without Electron: scanners, the POS API, and the cashier screen in a browser.`,
      run: serve,
    },
    'centegra-sim': {
      usage: `  centegra-sim [--port N]
        Run the built-in Centegra Plus simulator on its own.`,
      run: centegraSim,
    },
  },
}).then((code) => {
  process.exitCode = code;
});
