// electron-builder.yml, checked without building an installer (that needs the Electron binary
// and the network): valid against electron-builder's own schema, and right about what we rely
// on — per-machine installs, fuses, native modules outside the asar, every file the built
// bundle reads at run time packed, the Linux scanner rule and deb scripts, the update feed, and
// no native rebuild on `npm install`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

interface FileSet {
  from: string;
  to: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  electronFuses: Record<string, boolean>;
  publish: Array<{ provider: string; url: string }>;
  win: { target: Array<{ target: string; arch: string[] }>; icon: string };
  nsis: Record<string, unknown> & { include: string };
  msi: Record<string, unknown>;
  linux: {
    target: Array<{ target: string; arch: string[] }>;
    executableName: string;
    category: string;
    icon: string;
    extraResources: FileSet[];
  } & Record<string, unknown>;
  deb: { depends: string[]; afterInstall: string; afterRemove: string };
}

const config = parseYaml(read('electron-builder.yml')) as BuilderConfig;
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  productName: string;
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

// Patterns are matched the way electron-builder matches them: its own minimatch, `dot: true`,
// the last pattern that applies wins (app-builder-lib/out/fileMatcher.js, util/filter.js).
const fromBuilder = createRequire(path.join(repoRoot, 'node_modules', 'app-builder-lib', 'package.json'));
const { Minimatch } = fromBuilder('minimatch') as {
  Minimatch: new (
    pattern: string,
    options: { dot: boolean },
  ) => { negate: boolean; match(file: string): boolean };
};
const { excludedExts, excludedNames } = fromBuilder('./out/fileMatcher.js') as {
  excludedExts: string;
  excludedNames: string;
};

function matchesAll(file: string, patterns: readonly string[]): boolean {
  let match = false;
  for (const pattern of patterns.map((p) => new Minimatch(p, { dot: true }))) {
    if (match !== pattern.negate) continue;
    match = pattern.match(file);
  }
  return match;
}

/** Whether `file` (relative to the project) ends up in app.asar, with the exclusions electron-builder adds. */
function packed(file: string): boolean {
  return matchesAll(file, [
    `!${config.directories.buildResources}{,/**/*}`,
    ...config.files,
    `!**/*.{${excludedExts},pdb}`,
    '!**/._*',
    '!**/electron-builder.{yaml,yml,json,json5,toml,ts}',
    `!**/{${excludedNames}}`,
  ]);
}

const unpacked = (file: string) =>
  config.asarUnpack.some((pattern) => new Minimatch(pattern, { dot: true }).match(file));

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app as package.json does', () => {
    expect(config.productName).toBe(pkg.productName);
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'resources' });
    expect(config.linux.executableName).toBe(pkg.name);
  });

  it('installs per machine on Windows, with the NSIS installer and the MSI, neither starting the app', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: true,
      allowElevation: true,
      runAfterFinish: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
    expect(config.msi.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    const include = read(config.nsis.include);
    expect(include).toContain('!macro customInstall');
    expect(include).toContain('"/CONFIG="');
    expect(include).toContain('TillAgent\\config.json');
  });

  it('flips the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds native modules for Electron when packaging, and never on npm install', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.nodeGypRebuild).toBe(false);
    const rebuild = /electron-builder\s+install-app-deps|electron-rebuild|@electron\/rebuild/;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      const script = pkg.scripts[hook];
      if (!script) continue;
      // The script and any file of ours it runs.
      const ran = [...script.matchAll(/scripts\/[\w./-]+\.(?:ts|mjs|js|cjs)/g)].map((m) => read(m[0]));
      for (const text of [script, ...ran]) expect(text, `${hook}: ${script}`).not.toMatch(rebuild);
    }
  });

  it('publishes to a generic server named by TILL_AGENT_UPDATE_URL', () => {
    expect(config.publish).toEqual([
      { provider: 'generic', url: '${env.TILL_AGENT_UPDATE_URL}', channel: 'latest' },
    ]);
  });

  it('proves its updates: https feed and Linux key checked before packing, a signed Windows publisher, the key shipped', () => {
    const raw = config as unknown as Record<string, unknown> & {
      win: { verifyUpdateCodeSignature?: boolean; signtoolOptions?: { publisherName?: string } };
    };
    expect(raw.beforePack).toBe('./scripts/check-update-feed.mjs');
    expect(fs.existsSync(path.join(repoRoot, 'scripts', 'check-update-feed.mjs'))).toBe(true);
    expect(raw.win.verifyUpdateCodeSignature).toBe(true);
    expect(raw.win.signtoolOptions?.publisherName?.trim()).toBeTruthy();
    expect(config.linux.extraResources).toContainEqual({
      from: 'resources/linux/update-signing-key.pem',
      to: 'update-signing-key.pem',
    });
  });

  it('uses a square icon of at least 256 px (what Windows needs; electron-builder converts the PNG)', () => {
    expect(config.win.icon).toBe('resources/icon.png');
    expect(config.linux.icon).toBe('resources/icon.png');
    const png = fs.readFileSync(path.join(repoRoot, config.win.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(256);
  });
});

describe('native modules', () => {
  /** The production dependency closure, each resolved to its folder the way Node would. */
  function productionPackages(): Map<string, string> {
    const found = new Map<string, string>();
    const resolve = (name: string, fromDir: string): string | undefined => {
      for (let dir = fromDir; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'node_modules', name);
        if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
        if (dir === repoRoot || dir === path.dirname(dir)) return undefined;
      }
    };
    const visit = (deps: Record<string, string> | undefined, fromDir: string, optional: boolean) => {
      for (const name of Object.keys(deps ?? {})) {
        const dir = resolve(name, fromDir);
        if (!dir) {
          if (optional) continue;
          throw new Error(
            `${name} (needed by ${path.relative(repoRoot, fromDir) || 'package.json'}) is not installed`,
          );
        }
        const key = path.relative(repoRoot, dir).split(path.sep).join('/');
        if (found.has(key)) continue;
        found.set(key, dir);
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
        };
        visit(manifest.dependencies, dir, false);
        visit(manifest.optionalDependencies, dir, true);
      }
    };
    visit(pkg.dependencies, repoRoot, false);
    visit(pkg.optionalDependencies, repoRoot, true);
    return found;
  }

  /** A file that shows a package is a native addon: binding.gyp, prebuilds/, or a compiled .node file. */
  function nativeMarker(dir: string): string | undefined {
    if (fs.existsSync(path.join(dir, 'binding.gyp'))) return 'binding.gyp';
    const walk = (sub: string, depth: number): string | undefined => {
      if (depth > 6) return undefined;
      for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
        const rel = sub ? `${sub}/${entry.name}` : entry.name;
        if (entry.isDirectory() && entry.name !== 'node_modules') {
          const inner = walk(rel, depth + 1);
          if (inner) return inner;
        } else if (entry.isFile() && entry.name.endsWith('.node')) return rel;
      }
      return undefined;
    };
    if (fs.existsSync(path.join(dir, 'prebuilds'))) return walk('prebuilds', 1) ?? 'prebuilds/';
    return walk('', 0);
  }

  const natives = [...productionPackages()]
    .map(([key, dir]) => ({ key, marker: nativeMarker(dir) }))
    .filter((n): n is { key: string; marker: string } => n.marker !== undefined);

  it('finds the native modules among the production dependencies', () => {
    const names = natives.map((n) => n.key);
    for (const expected of [
      'node_modules/better-sqlite3',
      'node_modules/node-hid',
      'node_modules/@serialport/bindings-cpp',
    ])
      expect(names).toContain(expected);
  });

  it('unpacks every one of them from the asar (and every .node file anywhere)', () => {
    for (const { key, marker } of natives) {
      expect(unpacked(`${key}/${marker}`), `${key}/${marker}`).toBe(true);
      expect(unpacked(`${key}/package.json`), `${key}/package.json`).toBe(true);
    }
    expect(unpacked('node_modules/some-future-addon/build/Release/addon.node')).toBe(true);
    expect(unpacked('node_modules/serialport/dist/index.js')).toBe(true);
    expect(unpacked('node_modules/fastify/fastify.js')).toBe(false);
  });

  it('keeps every one of them out of the main bundle (scripts/build-electron.mjs externals)', async () => {
    const { mainExternals } = (await import(
      pathToFileURL(path.join(repoRoot, 'scripts', 'build-electron.mjs')).href
    )) as {
      mainExternals: string[];
    };
    for (const { key } of natives) {
      const name = key.replace(/^.*node_modules\//, '');
      const external = mainExternals.some((pattern) => new Minimatch(pattern, { dot: true }).match(name));
      expect(external, name).toBe(true);
    }
  });
});

describe('files packed into app.asar', () => {
  const tmpRoot = path.join(repoRoot, '.tmp');
  let outdir: string;
  let built: string[];

  beforeAll(async () => {
    fs.mkdirSync(tmpRoot, { recursive: true });
    outdir = fs.mkdtempSync(path.join(tmpRoot, 'builder-config-'));
    await run(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'build-electron.mjs'), '--outdir', outdir, '--skip-renderer'],
      {
        cwd: repoRoot,
      },
    );
    built = (fs.readdirSync(outdir, { recursive: true }) as string[])
      .filter((file) => fs.statSync(path.join(outdir, file)).isFile())
      .map((file) => `dist/${file.split(path.sep).join('/')}`);
  }, 120_000);

  afterAll(() => {
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('includes every file the Electron build writes (bundles, preload, the YAML contract and package.json copy in assets)', () => {
    expect(built).toContain(pkg.main);
    expect(built).toContain('dist/preload/preload.cjs');
    expect(built).toContain('dist/main/assets/centegra-giftcards.openapi.yaml');
    for (const file of built) {
      if (file.endsWith('.map')) expect(packed(file), file).toBe(false);
      else expect(packed(file), file).toBe(true);
    }
  });

  it('includes the renderer main.ts serves, and package.json', () => {
    const renderer = path.join(repoRoot, 'dist', 'renderer');
    const files = fs.existsSync(renderer)
      ? (fs.readdirSync(renderer, { recursive: true }) as string[])
          .filter((file) => fs.statSync(path.join(renderer, file)).isFile())
          .map((file) => `dist/renderer/${file.split(path.sep).join('/')}`)
      : [];
    for (const file of [
      ...files,
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'package.json',
    ]) {
      if (file.endsWith('.map')) continue;
      expect(packed(file), file).toBe(true);
    }
  });

  it('includes every image the host loads from resources/, and none of the build-only files there', () => {
    const sources = fs
      .readdirSync(path.join(repoRoot, 'main', 'electron'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => read(`main/electron/${file}`))
      .join('\n');
    const images = [...new Set([...sources.matchAll(/['"]([\w.-]+\.png)['"]/g)].map((m) => m[1]!))];
    expect(images).toEqual(expect.arrayContaining(['icon.png', 'tray-online.png', 'tray-offline.png']));
    for (const image of images) {
      expect(fs.existsSync(path.join(repoRoot, 'resources', image)), image).toBe(true);
      expect(packed(`resources/${image}`), `resources/${image}`).toBe(true);
    }
    for (const buildOnly of [
      'resources/installer.nsh',
      'resources/linux/after-install.sh',
      'resources/linux/60-till-agent-scanners.rules',
      'resources/screenshot-cashier.png',
      'electron-builder.yml',
      'main/electron/main.ts',
      'dist/headless/bridge.js',
      'release/latest.yml',
    ]) {
      expect(packed(buildOnly), buildOnly).toBe(false);
    }
  });
});

describe('Linux packages', () => {
  const RULE = '60-till-agent-scanners.rules';
  const VENDORS = ['0c2e', '05e0', '05f9', '1eab', '0db5'];

  it('targets deb and AppImage, with the deb dependencies the scanners and keychain need', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ]);
    expect(config.linux.category.split(';')).toEqual(['Office', 'Finance']);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libusb-1.0-0', 'libsecret-1-0']));
  });

  it('ships the udev rule beside the app, where the after-install script copies it from', () => {
    expect(config.linux.extraResources).toContainEqual({
      from: `resources/linux/${RULE}`,
      to: `udev/${RULE}`,
    });
    expect(fs.existsSync(path.join(repoRoot, 'resources', 'linux', RULE))).toBe(true);
    const install = read(config.deb.afterInstall);
    expect(install).toContain(`RULE=${RULE}`);
    expect(install).toContain('"$APP_DIR/resources/udev/$RULE" "$RULES_DIR/$RULE"');
    expect(install).toContain('RULES_DIR="$ROOT/usr/lib/udev/rules.d"');
  });

  it('gives the till-agent group read and write access to HID POS and serial scanners of the common makes', () => {
    const rules = read(`resources/linux/${RULE}`)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const keys: Record<string, string> = {};
        for (const token of line.split(/,\s*/)) {
          const m = /^([A-Z_]+(?:\{[A-Za-z_]+\})?)(==|!=|\+=|-=|:=|=)"([^"]*)"$/.exec(token);
          expect(m, `not a udev key: ${token} (in: ${line})`).not.toBeNull();
          keys[`${m![1]}${m![2]}`] = m![3]!;
        }
        return keys;
      });
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule['GROUP=']).toBe('till-agent');
      expect(rule['MODE=']).toBe('0660');
      expect(rule['ATTRS{idVendor}==']).toMatch(/^[0-9a-f]{4}$/);
    }
    for (const vendor of VENDORS) {
      const forVendor = rules.filter((r) => r['ATTRS{idVendor}=='] === vendor);
      expect(
        forVendor.some((r) => r['SUBSYSTEM=='] === 'hidraw'),
        `${vendor} hidraw`,
      ).toBe(true);
      const tty = forVendor.find((r) => r['SUBSYSTEM=='] === 'tty');
      expect(tty?.['KERNEL==']?.split('|'), `${vendor} tty`).toEqual(['ttyACM[0-9]*', 'ttyUSB[0-9]*']);
    }
  });

  describe('deb scripts', () => {
    // As electron-builder builds them: ${name} macros filled in (an unknown one stops the build),
    // from app-builder-lib/out/targets/FpmTarget.js.
    const macros: Record<string, string> = {
      executable: config.linux.executableName,
      sanitizedProductName: config.productName,
      productFilename: config.productName,
      ...Object.fromEntries(Object.entries(config.linux).filter(([, v]) => typeof v === 'string')),
    };
    const expand = (file: string) =>
      read(file).replace(/\${([a-zA-Z]+)}/g, (_m, name: string) => {
        if (!(name in macros))
          throw new Error(`${file}: electron-builder would stop at the undefined macro \${${name}}`);
        return macros[name]!;
      });
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-deb-scripts-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const which of ['afterInstall', 'afterRemove'] as const) {
      it(`${which}: expands, is valid bash, and keeps electron-builder's own steps`, async () => {
        const script = expand(config.deb[which]);
        const file = path.join(dir, `${which}.sh`);
        fs.writeFileSync(file, script);
        await run('bash', ['-n', file]);
        expect(script.startsWith('#!/bin/bash\n')).toBe(true);
        expect(script).toContain("APP_DIR='/opt/Till Agent'");
        expect(script).toContain("EXECUTABLE='till-agent'");
        expect(script).toContain('update-alternatives');
        expect(script).toContain('/etc/apparmor.d/$EXECUTABLE');
      });
    }

    it('afterInstall: creates the group, installs and reloads the udev rule, and keeps /etc/till-agent from other users', () => {
      const script = expand(config.deb.afterInstall);
      expect(script).toContain('groupadd --system "$GROUP"');
      expect(script).toContain('GROUP=till-agent');
      expect(script).toContain('udevadm control --reload-rules');
      expect(script).toContain('udevadm trigger');
      expect(script).toContain('install -d -m 0750 -o root -g "$GROUP" "$CONFIG_DIR"');
      expect(script).toContain('chmod 0640 "$CONFIG_DIR/config.json"');
      expect(script).toContain('CONFIG_DIR="$ROOT/etc/till-agent"');
      expect(script).toContain('chmod 4755 "$APP_DIR/chrome-sandbox"');
    });

    it('afterRemove: drops the udev rule only on remove or purge (not on the old half of an upgrade), and keeps the config and data', () => {
      const script = expand(config.deb.afterRemove);
      const tillAgentPart = script.slice(script.indexOf('case "$1" in'));
      expect(tillAgentPart).toMatch(
        /remove\|purge\)\n\s+rm -f \/usr\/lib\/udev\/rules\.d\/60-till-agent-scanners\.rules/,
      );
      expect(script).not.toMatch(/rm -rf? .*\/etc\/till-agent/);
      expect(script).not.toContain('groupdel');
    });
  });
});
