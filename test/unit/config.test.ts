import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  configJsonSchema,
  ConfigError,
  defaultDataDir,
  findConfigFile,
  loadConfig,
  machineConfigFile,
  parseConfigText,
  userConfigFile,
  validateConfig,
  type Environment,
} from '../../main/agent/config';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function sandbox(): { dir: string; env: Environment; write: (file: string, content: unknown) => string } {
  const t = tempDir();
  cleanups.push(t.remove);
  const env: Environment = {
    platform: 'linux',
    env: { XDG_CONFIG_HOME: path.join(t.dir, 'xdg'), XDG_DATA_HOME: path.join(t.dir, 'data') },
    homedir: path.join(t.dir, 'home'),
  };
  const write = (file: string, content: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  return { dir: t.dir, env, write };
}

const realConfig = {
  centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1', apiKey: 'a-long-enough-key' },
  till: { siteId: 'S001', tillId: 'T01' },
};

describe('config lookup order', () => {
  it('prefers --config, then $TILL_AGENT_CONFIG, then the user folder, then the machine-wide file', () => {
    const { dir, env, write } = sandbox();
    const user = write(userConfigFile(env), {});
    expect(findConfigFile(undefined, env)).toEqual({ kind: 'user', file: user });
    const envFile = write(path.join(dir, 'env.json'), {});
    expect(findConfigFile(undefined, { ...env, env: { ...env.env, TILL_AGENT_CONFIG: envFile } })).toEqual({
      kind: 'env',
      file: envFile,
    });
    const flag = write(path.join(dir, 'flag.json'), {});
    expect(findConfigFile(flag, { ...env, env: { ...env.env, TILL_AGENT_CONFIG: envFile } })).toEqual({
      kind: 'flag',
      file: flag,
    });
  });

  it('falls back to defaults (demo mode) when no file exists', () => {
    const { env } = sandbox();
    const loaded = loadConfig({}, env);
    expect(loaded.source).toEqual({ kind: 'defaults' });
    expect(loaded.demo).toBe(true);
    expect(loaded.config.posApi).toEqual({ host: '127.0.0.1', port: 7420, allowedOrigins: [] });
    expect(loaded.config.closeWaitMs).toBe(3000);
  });

  it('keeps demo data apart from the real queue', () => {
    const { env, write, dir } = sandbox();
    const file = write(path.join(dir, 'real.json'), { ...realConfig, dataDir: path.join(dir, 'till') });
    expect(loadConfig({ configFile: file }, env)).toMatchObject({
      demo: false,
      dataDir: path.join(dir, 'till'),
    });
    expect(loadConfig({ configFile: file, demo: true }, env)).toMatchObject({
      demo: true,
      dataDir: path.join(dir, 'till', 'demo'),
    });
  });

  it('names the platform folders IT expects', () => {
    const win: Environment = {
      platform: 'win32',
      env: {
        APPDATA: 'C:\\Users\\till\\AppData\\Roaming',
        ProgramData: 'C:\\ProgramData',
        LOCALAPPDATA: 'C:\\Users\\till\\AppData\\Local',
      },
      homedir: 'C:\\Users\\till',
    };
    expect(machineConfigFile(win)).toBe('C:\\ProgramData\\TillAgent\\config.json');
    expect(userConfigFile(win)).toBe('C:\\Users\\till\\AppData\\Roaming\\TillAgent\\config.json');
    expect(defaultDataDir(win)).toBe('C:\\Users\\till\\AppData\\Local\\TillAgent');
    expect(machineConfigFile({ platform: 'linux', env: {}, homedir: '/home/till' })).toBe(
      '/etc/till-agent/config.json',
    );
    expect(userConfigFile({ platform: 'linux', env: {}, homedir: '/home/till' })).toBe(
      '/home/till/.config/till-agent/config.json',
    );
  });

  it('throws ConfigError naming the file and every problem', () => {
    const { env, write, dir } = sandbox();
    const file = write(path.join(dir, 'bad.json'), { closeWaitMs: -1, posApi: { prot: 1 } });
    expect(() => loadConfig({ configFile: file }, env)).toThrow(ConfigError);
    try {
      loadConfig({ configFile: file }, env);
    } catch (e) {
      expect((e as ConfigError).file).toBe(file);
      expect((e as ConfigError).problems).toEqual([
        'closeWaitMs: must be at least 0, got the number -1',
        'posApi.prot: unknown key (did you mean "port"?); remove it',
      ]);
    }
  });

  it('says so when --config names a file that does not exist', () => {
    const { env, dir } = sandbox();
    expect(() => loadConfig({ configFile: path.join(dir, 'missing.json') }, env)).toThrow(/does not exist/);
  });
});

describe('config validation', () => {
  it('accepts the example from config-and-cli.md', () => {
    const example = {
      centegra: {
        baseUrl: 'https://api.centegraplus.com/giftcards/v1',
        apiKey: 'the Factor4 Gift Card API secure key',
        timeoutMs: 8000,
      },
      till: { siteId: 'S001', tillId: 'T01' },
      currency: 'GBP',
      dataDir: '/var/lib/till-agent',
      closeWaitMs: 3000,
      posApi: { host: '127.0.0.1', port: 7420, token: 'long random secret that is long', allowedOrigins: [] },
      scanners: [
        { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600 },
        { kind: 'hid', vendorId: 3118, productId: 2305 },
        { kind: 'keyboard' },
      ],
      cards: { pattern: '^[0-9]{15,19}$', luhn: false },
      offline: { giftCardTender: 'block', maxPerCardMinor: 5000, maxTotalMinor: 50000 },
    };
    const r = validateConfig(example);
    expect(r.ok).toBe(true);
  });

  it.each([
    [
      { centegra: { baseUrl: 'http://api.example.com/v1', apiKey: 'abcdefghij' }, till: realConfig.till },
      'centegra.baseUrl: must start with https://',
    ],
    [
      { centegra: { baseUrl: 'https://x.example', apiKey: 'abcdefghij' } },
      'till: is required with centegra.baseUrl',
    ],
    [{ centegra: { timeoutMs: '8000' } }, 'centegra.timeoutMs: expected a number, got the text "8000"'],
    [{ currency: 'gbp' }, 'currency: must be an ISO 4217 code such as GBP, got the text "gbp"'],
    [{ posApi: { port: 70000 } }, 'posApi.port: must be at most 65535, got the number 70000'],
    [
      { posApi: { allowedOrigins: ['https://pos.example/path'] } },
      'posApi.allowedOrigins[0]: must be an origin',
    ],
    [{ posApi: { token: 'short' } }, 'posApi.token: the POS API token is too short'],
    [
      { scanners: [{ kind: 'usb' }] },
      'scanners[0].kind: must be one of "serial", "hid", "keyboard", got the text "usb"',
    ],
    [
      { scanners: [{ kind: 'serial', baudrate: 9600 }] },
      'scanners[0].baudrate: unknown key (did you mean "baudRate"?)',
    ],
    [{ cards: { pattern: '[' } }, 'cards.pattern: is not a valid regular expression'],
    [
      { offline: { giftCardTender: 'maybe' } },
      'offline.giftCardTender: must be one of "block", "allow", got the text "maybe"',
    ],
    [{ closeWaitMs: 1.5 }, 'closeWaitMs: expected a whole number, got the number 1.5'],
    [{ extra: true }, 'extra: unknown key; remove it'],
    [[], '(top level): expected an object'],
  ])('reports %j as a `path: what is wrong` line', (raw, expected) => {
    const r = validateConfig(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  it('refuses a metrics token that is the POS token (it would run the till), without repeating it', () => {
    const token = 'the-same-long-token-for-both-0123456789';
    const r = validateConfig({ posApi: { token }, metrics: { token } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual([expect.stringMatching(/^metrics\.token: must differ from posApi\.token/)]);
      expect(r.problems.join('\n')).not.toContain(token);
    }
    expect(validateConfig({ posApi: { token }, metrics: { token: `${token}-metrics` } }).ok).toBe(true);
  });

  it('accepts a Centegra URL without its key: the key may be kept sealed, or entered on the Settings screen', () => {
    expect(validateConfig({ centegra: { baseUrl: 'https://x.example' }, till: realConfig.till }).ok).toBe(
      true,
    );
  });

  it('allows plain http only to this machine', () => {
    for (const baseUrl of [
      'http://127.0.0.1:8080/giftcards/v1',
      'http://localhost:1/x',
      'http://[::1]:9/x',
    ]) {
      expect(validateConfig({ centegra: { baseUrl, apiKey: 'abcdefghij' }, till: realConfig.till }).ok).toBe(
        true,
      );
    }
  });

  it('reports JSON syntax errors with line and column', () => {
    const r = parseConfigText('{\n  "currency": "GBP",\n  oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^\(file\): is not valid JSON: .* at line 3, column 3/);
  });

  it('accepts a UTF-8 byte order mark (Notepad saves one)', () => {
    expect(parseConfigText('\uFEFF{"currency":"EUR"}').ok).toBe(true);
  });
});

describe('config JSON Schema', () => {
  it('is committed in resources/ and matches the schema in code', () => {
    const committed = JSON.parse(
      fs.readFileSync(new URL('../../resources/config.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(configJsonSchema());
  });

  it('forbids unknown keys for editors too', () => {
    const schema = configJsonSchema() as {
      additionalProperties?: boolean;
      properties: Record<string, { additionalProperties?: boolean }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.centegra?.additionalProperties).toBe(false);
  });
});
