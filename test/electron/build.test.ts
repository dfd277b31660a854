// scripts/build-electron.mjs: what it writes, that the preload needs nothing but `electron`, that
// the host bundles no build tooling, and that bundled core code still finds the files it reads
// beside its sources (a demo runtime bundled the same way starts and answers under plain Node).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const buildScript = path.join(repoRoot, 'scripts', 'build-electron.mjs');
// Inside the repo, so the bundles' externals (better-sqlite3, …) resolve from its node_modules.
const tmpRoot = path.join(repoRoot, '.tmp');
let outdir: string;

const read = (file: string) => fs.readFileSync(path.join(outdir, file), 'utf8');

/** The files package.json's "main" adds to electron.mjs, when it names another file in dist/main. */
function mainBundles(): string[] {
  const { main } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    main?: string;
  };
  const names = new Set(['electron.mjs']);
  if (main && path.posix.dirname(main) === 'dist/main') names.add(path.posix.basename(main));
  return [...names].map((name) => `main/${name}`);
}

beforeAll(async () => {
  fs.mkdirSync(tmpRoot, { recursive: true });
  outdir = fs.mkdtempSync(path.join(tmpRoot, 'electron-build-'));
  await run(process.execPath, [buildScript, '--outdir', outdir, '--skip-renderer'], { cwd: repoRoot });
}, 120_000);

afterAll(() => {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});

describe('the Electron build', () => {
  it('writes the main bundle(s), the preload and the files the core reads', () => {
    for (const file of [
      ...mainBundles(),
      'preload/preload.cjs',
      'main/assets/centegra-giftcards.openapi.yaml',
    ]) {
      expect(fs.existsSync(path.join(outdir, file)), file).toBe(true);
    }
  });

  it('gives the sandboxed preload no require but electron', () => {
    const preload = read('preload/preload.cjs');
    const requires = [...preload.matchAll(/require\s*\(\s*([^)]*)\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['"electron"']);
    expect(preload).toContain('exposeInMainWorld("tillAgent"');
    expect(preload).not.toContain('zod');
  });

  it('keeps Electron and native packages out of the main bundle, and never pulls in Vite, esbuild or the headless host', () => {
    for (const file of mainBundles()) {
      const bundle = read(file);
      const esm = file.endsWith('.mjs');
      expect(bundle, file).toMatch(esm ? /from "electron"/ : /require\("electron"\)/);
      expect(bundle, file).toMatch(esm ? /from "better-sqlite3"/ : /require\("better-sqlite3"\)/);
      expect(bundle, file).not.toMatch(/(from|import\(|require\()\s*"(vite|esbuild)"/);
      expect(bundle, file).not.toContain('// main/headless/');
      expect(bundle, file).toContain('// main/electron/main.ts');
    }
  });

  it('boots the built main bundle under plain Node with a stand-in electron, serves the page, answers IPC and quits cleanly', async () => {
    // A stand-in `electron` package next to the bundles (found before the real one, which would
    // try to download its binary): it plays Electron's part and reports what the host did.
    const stubDir = path.join(outdir, 'node_modules', 'electron');
    fs.mkdirSync(stubDir, { recursive: true });
    fs.writeFileSync(
      path.join(stubDir, 'package.json'),
      JSON.stringify({ name: 'electron', main: 'index.js' }),
    );
    fs.writeFileSync(path.join(stubDir, 'index.js'), STUB_ELECTRON);
    const appPath = path.join(outdir, 'app');
    fs.mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
    fs.writeFileSync(
      path.join(appPath, 'dist', 'renderer', 'index.html'),
      '<!doctype html><title>Till Agent</title>',
    );

    for (const bundle of mainBundles()) {
      const dataDir = path.join(outdir, `host-data-${path.extname(bundle).slice(1)}`);
      const configFile = path.join(outdir, 'host-config.json');
      fs.writeFileSync(configFile, JSON.stringify({ posApi: { port: 0 } }));
      const { stdout } = await run(
        process.execPath,
        [path.join(outdir, bundle), '--demo', '--config', configFile, '--data-dir', dataDir],
        { cwd: outdir, timeout: 30_000, env: { ...process.env, STUB_APP_PATH: appPath } },
      );
      const reports = stdout
        .split('\n')
        .filter((line) => line.startsWith('STUB '))
        .map((line) => JSON.parse(line.slice(5)) as Record<string, unknown>);
      const seen = Object.assign({}, ...reports) as Record<string, unknown>;
      expect(seen.schemes, bundle).toEqual([
        { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]);
      expect(seen.window, bundle).toMatchObject({
        title: 'Till Agent',
        webPreferences: { sandbox: true, contextIsolation: true, devTools: false },
      });
      expect(seen.menu, bundle).toBeNull();
      expect(seen.loaded, bundle).toBe('app://till-agent/index.html');
      expect(seen.page, bundle).toMatchObject({
        status: 200,
        csp: expect.stringContaining("script-src 'self'"),
      });
      expect(seen.card, bundle).toMatchObject({ ok: true, value: { balanceMinor: 5000 } });
      expect(seen.foreign, bundle).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(seen.exit, bundle).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'agent.lock')), 'runtime closed').toBe(false);
    }
  }, 90_000);

  it('bundles core code that still finds its YAML and answers a demo runtime under plain Node', async () => {
    // An entry of only the runtime, bundled exactly as the host is (same externals, same asset copying).
    const entry = path.join(outdir, 'runtime-smoke.ts');
    fs.writeFileSync(
      entry,
      `import { loadConfig } from ${JSON.stringify(path.join(repoRoot, 'main', 'agent'))};
import { startRuntime } from ${JSON.stringify(path.join(repoRoot, 'main', 'runtime'))};
async function main() {
  const dataDir = process.argv[2]!;
  const loaded = loadConfig({ demo: true, dataDir, port: 0 }, { platform: process.platform, env: {}, homedir: dataDir });
  const runtime = await startRuntime({ loaded, version: 'bundled' });
  const auth = { authorization: 'Bearer ' + runtime.token.value };
  try {
    const health = await fetch(runtime.origin + '/v1/health', { headers: auth });
    const openapi = await fetch(runtime.origin + '/v1/openapi.json', { headers: auth });
    const card = await fetch(runtime.origin + '/v1/cards/inquiry', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ cardNumber: '6280390000000011' }),
    });
    console.log(JSON.stringify({
      health: { status: health.status, body: await health.json() },
      openapi: { status: openapi.status, body: await openapi.json() },
      card: { status: card.status, body: await card.json() },
    }));
  } finally {
    await runtime.close();
  }
}
void main();
`,
    );
    const bundler = `import { bundleMain } from ${JSON.stringify(pathToFileURL(buildScript).href)};
for (const out of process.argv.slice(1)) await bundleMain(${JSON.stringify(entry)}, out);`;
    const outputs = ['runtime-smoke.mjs', 'runtime-smoke.cjs'].map((name) =>
      path.join(outdir, 'runtime', name),
    );
    await run(process.execPath, ['--input-type=module', '-e', bundler, ...outputs], { cwd: repoRoot });

    for (const bundle of outputs) {
      const dataDir = path.join(outdir, `data-${path.extname(bundle).slice(1)}`);
      // From another folder, so nothing is found relative to the working directory by luck.
      const { stdout } = await run(process.execPath, [bundle, dataDir], { cwd: outdir, timeout: 30_000 });
      const answer = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<
        string,
        { status: number; body: Record<string, unknown> }
      >;
      expect(answer.health, bundle).toMatchObject({
        status: 200,
        body: { status: 'OK', version: 'bundled', demo: true },
      });
      expect(answer.openapi?.status, bundle).toBe(200);
      expect(answer.openapi?.body.openapi, bundle).toMatch(/^3\./);
      expect(answer.card, bundle).toMatchObject({
        status: 200,
        body: { balanceMinor: 5000, currency: 'GBP' },
      });
      expect(fs.existsSync(path.join(dataDir, 'agent.lock')), 'runtime closed').toBe(false);
    }
  }, 90_000);
});

/** Plays Electron for the bundle: records what the host asks for, drives one IPC call, then quits. */
const STUB_ELECTRON = String.raw`'use strict';
const report = (fields) => process.stdout.write('STUB ' + JSON.stringify(fields) + '\n');
const listeners = {};
const emit = (name, ...args) => (listeners[name] || []).forEach((l) => l(...args));
const handlers = {};
let serve;
const emitter = () => ({ on() { return this; }, once() { return this; } });
const app = {
  on(name, listener) { (listeners[name] = listeners[name] || []).push(listener); return app; },
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => true,
  getAppPath: () => process.env.STUB_APP_PATH,
  getVersion: () => '0.0.0-stub',
  setPath() {},
  quit() { emit('before-quit', { preventDefault() {} }); },
  exit(code) { report({ exit: code }); process.exit(code); },
};
class BrowserWindow {
  constructor(options) {
    report({ window: options });
    Object.assign(this, emitter());
    this.webContents = { ...emitter(), send() {} };
  }
  async loadURL(url) {
    report({ loaded: url });
    setTimeout(async () => {
      const page = await serve(new Request(url));
      report({ page: { status: page.status, csp: page.headers.get('content-security-policy') } });
      const call = handlers['till-agent:call'];
      report({ card: await call({ senderFrame: { url } }, 'inquireCard', { cardNumber: '6280390000000011' }) });
      report({ foreign: await call({ senderFrame: { url: 'https://evil.example/' } }, 'health', {}) });
      app.quit();
    }, 0);
  }
  isDestroyed() { return false; }
  isMinimized() { return false; }
  show() {} hide() {} focus() {} restore() {} moveTop() {}
}
class Tray {
  constructor() { Object.assign(this, emitter()); }
  setImage() {} setToolTip() {} setContextMenu() {}
  isDestroyed() { return false; }
  destroy() {}
}
exports.app = app;
exports.BrowserWindow = BrowserWindow;
exports.Tray = Tray;
exports.Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => report({ menu }) };
exports.nativeImage = { createFromPath: (path) => ({ path }) };
exports.dialog = { showErrorBox: (title, message) => report({ error: title + ': ' + message }) };
exports.protocol = {
  registerSchemesAsPrivileged: (schemes) => report({ schemes }),
  handle: (_scheme, handler) => { serve = handler; },
};
exports.session = { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } };
exports.safeStorage = { isEncryptionAvailable: () => false, encryptString: (s) => Buffer.from(s), decryptString: (b) => b.toString() };
exports.ipcMain = { handle: (channel, handler) => { handlers[channel] = handler; }, removeHandler: (channel) => { delete handlers[channel]; } };
`;
