// Starts the real thing for integration tests: simulator, agent, POS API on a free loopback port,
// in a temporary data folder; `stop()` closes all of it and removes the folder.
import { request } from 'undici';
import { loadConfig, type ConfigInput } from '../../main/agent/config';
import type { DeviceBackends } from '../../main/agent';
import { startHeadless, type Headless } from '../../main/headless';
import { startRuntime, type Runtime } from '../../main/runtime';
import { tempDir } from './tmp';
import fs from 'node:fs';
import path from 'node:path';

export interface Started {
  runtime: Runtime;
  headless?: Headless;
  dataDir: string;
  stop(): Promise<void>;
  /** A request to the POS API with the right token (override headers to test refusals). */
  api(
    method: string,
    url: string,
    options?: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Record<string, unknown>; json: any; text: string }>;
}

export async function startDemo(
  options: {
    config?: ConfigInput;
    headless?: boolean;
    onlineProbeMs?: number;
    scannerPollMs?: number;
    devices?: DeviceBackends;
  } = {},
): Promise<Started> {
  const t = tempDir();
  const configFile = path.join(t.dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({ posApi: { port: 0 }, ...options.config }));
  const loaded = loadConfig(
    { configFile, demo: true, dataDir: path.join(t.dir, 'data') },
    { platform: process.platform, env: {}, homedir: t.dir },
  );
  let runtime: Runtime;
  let headless: Headless | undefined;
  if (options.headless) {
    headless = await startHeadless({ loaded, version: '0.0.0-test', onlineProbeMs: options.onlineProbeMs });
    runtime = headless.runtime;
  } else {
    runtime = await startRuntime({
      loaded,
      version: '0.0.0-test',
      onlineProbeMs: options.onlineProbeMs,
      scannerPollMs: options.scannerPollMs,
      devices: options.devices,
    });
  }
  return {
    runtime,
    headless,
    dataDir: loaded.dataDir,
    async stop() {
      await runtime.close();
      t.remove();
    },
    async api(method, url, o = {}) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${runtime.token.value}`,
        ...o.headers,
      };
      let body: string | Buffer | undefined = o.rawBody;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const r = await request(runtime.origin + url, { method: method as 'GET', headers, body });
      const text = await r.body.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: r.statusCode, headers: r.headers, json, text };
    },
  };
}
