// One estate file (issue 14): the till's ids from its host name, the user's file merged under IT's
// machine-wide file key by key, where each key came from, and what the Settings screen and the
// config and check-config commands make of it. Real files in a temporary folder; the machine
// (platform, environment, home, host name, where the machine-wide file is) injected.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  leavesOf,
  loadConfig,
  machineConfigFile,
  originOf,
  policyFile,
  settingsEntries,
  userConfigFile,
  type Environment,
} from '../../main/agent/config';
import { checkConfigCommand, configCommand } from '../../main/cli/config-command';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

interface Machine {
  dir: string;
  env: Environment;
  machineFile: string;
  userFile: string;
  write(file: string, content: unknown): string;
  /** The Environment of this till under another name, or with other variables. */
  as(changes: { hostname?: string; vars?: NodeJS.ProcessEnv }): Environment;
}

function machine(hostname = 'S001-T03'): Machine {
  const t = tempDir();
  cleanups.push(t.remove);
  const env: Environment = {
    platform: 'linux',
    env: { XDG_CONFIG_HOME: path.join(t.dir, 'xdg'), XDG_DATA_HOME: path.join(t.dir, 'data') },
    homedir: path.join(t.dir, 'home'),
    hostname,
    machineFile: path.join(t.dir, 'etc', 'till-agent', 'config.json'),
  };
  const write = (file: string, content: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  return {
    dir: t.dir,
    env,
    machineFile: machineConfigFile(env),
    userFile: userConfigFile(env),
    write,
    as: ({ hostname: name, vars }) => ({
      ...env,
      ...(name !== undefined ? { hostname: name } : {}),
      env: { ...env.env, ...vars },
    }),
  };
}

const BASE_URL = 'https://api.centegraplus.com/giftcards/v1';
const ESTATE_PATTERN = '^(?<site>S[0-9]+)-(?<till>T[0-9]+)$';

function problemsOf(load: () => unknown): { file: string | undefined; problems: string[] } {
  try {
    load();
  } catch (e) {
    if (e instanceof ConfigError) return { file: e.file, problems: e.problems };
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe("the till's ids from its host name", () => {
  type Row = {
    name: string;
    till: object;
    hostname: string;
    vars?: NodeJS.ProcessEnv;
    ids?: { siteId: string; tillId: string };
    problem?: RegExp;
  };
  const rows: Row[] = [
    {
      name: 'given in the file',
      till: { siteId: 'S001', tillId: 'T01' },
      hostname: 'anything',
      ids: { siteId: 'S001', tillId: 'T01' },
    },
    {
      name: 'site and till from the host name',
      till: { tillIdFromHostname: ESTATE_PATTERN },
      hostname: 'S001-T03',
      ids: { siteId: 'S001', tillId: 'T03' },
    },
    {
      name: 'the site in the file, the till from the host name',
      till: { siteId: '0042', tillIdFromHostname: '^TILL-(?<till>[0-9]+)$' },
      hostname: 'TILL-07',
      ids: { siteId: '0042', tillId: '07' },
    },
    {
      name: 'the site in the file and from the host name, the same',
      till: { siteId: 'S001', tillIdFromHostname: ESTATE_PATTERN },
      hostname: 'S001-T03',
      ids: { siteId: 'S001', tillId: 'T03' },
    },
    {
      name: 'the site in the file and from the host name, different: sales would go to the wrong site',
      till: { siteId: 'S001', tillIdFromHostname: ESTATE_PATTERN },
      hostname: 'S002-T03',
      problem:
        /^till\.siteId: is "S001" but this till's host name "S002-T03" gives "S002" by till\.tillIdFromHostname\. .*\$TILL_AGENT_SITE_ID/,
    },
    {
      name: 'a host name that does not match',
      till: { tillIdFromHostname: ESTATE_PATTERN },
      hostname: 'BACKOFFICE-PC',
      problem:
        /^till\.tillIdFromHostname: this till's host name "BACKOFFICE-PC" does not match \^\(\?<site>S\[0-9\]\+\)-\(\?<till>T\[0-9\]\+\)\$\. Rename the till to fit the pattern, fix the pattern, or set \$TILL_AGENT_TILL_ID and \$TILL_AGENT_SITE_ID for this till\.$/,
    },
    {
      name: 'a host name that does not match, the site given: only the till id is wanted',
      till: { siteId: 'S001', tillIdFromHostname: '^TILL-(?<till>[0-9]+)$' },
      hostname: 'till7',
      problem: /does not match .* or set \$TILL_AGENT_TILL_ID for this till\.$/,
    },
    {
      name: '$TILL_AGENT_TILL_ID names a till whose host name does not match',
      till: { siteId: 'S001', tillIdFromHostname: '^TILL-(?<till>[0-9]+)$' },
      hostname: 'till7',
      vars: { TILL_AGENT_TILL_ID: 'T07' },
      ids: { siteId: 'S001', tillId: 'T07' },
    },
    {
      name: 'the two variables override the ids in the file',
      till: { siteId: 'S001', tillId: 'T01' },
      hostname: 'x',
      vars: { TILL_AGENT_TILL_ID: 'T09', TILL_AGENT_SITE_ID: 'S009' },
      ids: { siteId: 'S009', tillId: 'T09' },
    },
    {
      name: '$TILL_AGENT_TILL_ID alone, when the site too comes from a host name that does not match',
      till: { tillIdFromHostname: ESTATE_PATTERN },
      hostname: 'x',
      vars: { TILL_AGENT_TILL_ID: 'T09' },
      problem: /does not match .* set \$TILL_AGENT_TILL_ID and \$TILL_AGENT_SITE_ID/,
    },
    {
      name: 'an empty variable is no variable',
      till: { siteId: 'S001', tillId: 'T01' },
      hostname: 'x',
      vars: { TILL_AGENT_TILL_ID: '  ' },
      ids: { siteId: 'S001', tillId: 'T01' },
    },
    {
      name: 'an optional till group that took nothing',
      till: { tillIdFromHostname: '^(?<site>S[0-9]+)(-(?<till>T[0-9]+))?$' },
      hostname: 'S001',
      problem: /matches .* but its \(\?<till>…\) group is empty/,
    },
    {
      name: 'a till id longer than Centegra takes',
      till: { siteId: 'S001', tillIdFromHostname: '^(?<till>.*)$' },
      hostname: 'a-very-long-host-name-for-a-till-in-the-back',
      problem: /gives the till id ".*", longer than 32 characters/,
    },
    {
      name: 'a variable longer than Centegra takes',
      till: { siteId: 'S001', tillId: 'T01' },
      hostname: 'x',
      vars: { TILL_AGENT_TILL_ID: 'T'.repeat(33) },
      problem: /^\$TILL_AGENT_TILL_ID: is at most 32 characters/,
    },
  ];

  it.each(rows)('$name', ({ till, hostname, vars, ids, problem }) => {
    const m = machine();
    const file = m.write(path.join(m.dir, 'estate.json'), { centegra: { baseUrl: BASE_URL }, till });
    const load = () => loadConfig({ configFile: file }, m.as({ hostname, vars }));
    if (ids) {
      expect(load().config.till).toEqual(ids);
    } else {
      const refused = problemsOf(load);
      expect(refused.file).toBe(file);
      expect(refused.problems).toHaveLength(1);
      expect(refused.problems[0]).toMatch(problem!);
    }
  });

  it('says where each id came from, and keeps the pattern for the Settings screen', () => {
    const m = machine('S001-T03');
    m.write(m.machineFile, { centegra: { baseUrl: BASE_URL }, till: { tillIdFromHostname: ESTATE_PATTERN } });
    const loaded = loadConfig({}, m.env);
    expect(loaded.config.till).toEqual({ siteId: 'S001', tillId: 'T03' });
    expect(originOf(loaded, 'till.tillId')).toEqual({
      kind: 'host name',
      hostname: 'S001-T03',
      pattern: ESTATE_PATTERN,
    });
    const viaEnv = loadConfig({}, m.as({ vars: { TILL_AGENT_SITE_ID: 'S777' } }));
    expect(viaEnv.config.till).toEqual({ siteId: 'S777', tillId: 'T03' });
    expect(originOf(viaEnv, 'till.siteId')).toEqual({ kind: 'environment', variable: 'TILL_AGENT_SITE_ID' });
    const entries = settingsEntries(loaded, {});
    const entry = (key: string) => entries.find((e) => e.key === key);
    expect(entry('till.tillId')).toMatchObject({ value: '"T03"', source: 'host name' });
    expect(entry('till.tillIdFromHostname')).toMatchObject({
      value: JSON.stringify(ESTATE_PATTERN),
      source: 'set by IT',
    });
    // Beside the ids, in the This till group.
    const keys = entries.map((e) => e.key);
    expect(keys.indexOf('till.tillIdFromHostname')).toBe(keys.indexOf('till.tillId') + 1);
  });

  it.each([
    [
      { siteId: 'S1', tillId: 'T1', tillIdFromHostname: '^(?<till>.+)$' },
      'till: give tillId or tillIdFromHostname, not both',
    ],
    [
      { siteId: 'S1' },
      'till.tillId: is required: this till as set up in Centegra Plus, or tillIdFromHostname to read it from the host name',
    ],
    [
      { tillId: 'T1' },
      'till.siteId: is required: the site as set up in Centegra Plus, or a (?<site>…) group in tillIdFromHostname',
    ],
    [
      { siteId: 'S1', tillIdFromHostname: '^(?<name>.+)$' },
      'till.tillIdFromHostname: must have a group named till, e.g. ^(?<site>S[0-9]+)-(?<till>T[0-9]+)$ for host names such as S001-T03',
    ],
    [
      { siteId: 'S1', tillIdFromHostname: '^(?<till>.+$' },
      /^till\.tillIdFromHostname: is not a valid regular expression/,
    ],
  ])('check-config says what is wrong with the till section %j', (till, problem) => {
    const m = machine();
    const file = m.write(path.join(m.dir, 'c.json'), { centegra: { baseUrl: BASE_URL }, till });
    const out: string[] = [];
    expect(checkConfigCommand([file], m.env, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(1);
    expect(out).toHaveLength(1);
    if (typeof problem === 'string') expect(out[0]).toBe(problem);
    else expect(out[0]).toMatch(problem);
  });
});

describe("the user's file merged under IT's", () => {
  type Row = {
    name: string;
    it: object;
    user: object;
    /** Values of the merged config, by key. */
    expect: Record<string, unknown>;
    ignored?: string[];
  };
  const rows: Row[] = [
    {
      name: 'keys set in one file only are all kept',
      it: { currency: 'EUR', posApi: { allowedOrigins: ['http://127.0.0.1:8080'] } },
      user: { closeWaitMs: 1000, posApi: { port: 7500 } },
      expect: {
        currency: 'EUR',
        closeWaitMs: 1000,
        'posApi.port': 7500,
        'posApi.allowedOrigins': ['http://127.0.0.1:8080'],
      },
    },
    {
      name: "a key both set has IT's value, and the user's is named as ignored",
      it: { closeWaitMs: 2000, log: { level: 'warn' } },
      user: { closeWaitMs: 0, log: { level: 'debug', keepFiles: 9 } },
      expect: { closeWaitMs: 2000, 'log.level': 'warn', 'log.keepFiles': 9 },
      ignored: ['closeWaitMs', 'log.level'],
    },
    {
      name: "the same value as IT's is no conflict",
      it: { currency: 'EUR' },
      user: { currency: 'EUR' },
      expect: { currency: 'EUR' },
    },
    {
      name: 'a list is one key: never merged item by item',
      it: { scanners: [{ kind: 'hid' }] },
      user: { scanners: [{ kind: 'keyboard' }, { kind: 'serial', path: '/dev/ttyACM0' }] },
      expect: { scanners: [{ kind: 'hid', layout: 'en-US' }] },
      ignored: ['scanners'],
    },
    {
      name: "IT's site, the user's till",
      it: { centegra: { baseUrl: BASE_URL }, till: { siteId: 'S001' } },
      user: { till: { tillId: 'T01' } },
      expect: { 'till.siteId': 'S001', 'till.tillId': 'T01' },
    },
    {
      name: "IT's pattern, and a user's tillId: the same setting, so IT's",
      it: { centegra: { baseUrl: BASE_URL }, till: { tillIdFromHostname: ESTATE_PATTERN } },
      user: { till: { tillId: 'T99' } },
      expect: { 'till.siteId': 'S001', 'till.tillId': 'T03' },
      ignored: ['till.tillId'],
    },
    {
      name: "IT's manager PIN and key cannot be undone by the user",
      it: {
        centegra: { baseUrl: BASE_URL, apiKey: 'it-key-0000000001' },
        till: { siteId: 'S001', tillId: 'T01' },
        manager: { pinHash: 'scrypt$it' },
      },
      user: {
        centegra: { apiKey: 'my-own-key-000002' },
        manager: { pinHash: 'scrypt$mine', lockoutMinutes: 2 },
      },
      expect: {
        'centegra.apiKey': 'it-key-0000000001',
        'manager.pinHash': 'scrypt$it',
        'manager.lockoutMinutes': 2,
      },
      ignored: ['centegra.apiKey', 'manager.pinHash'],
    },
  ];

  it.each(rows)('$name', ({ it: itFile, user, expect: values, ignored = [] }) => {
    const m = machine('S001-T03');
    m.write(m.machineFile, itFile);
    m.write(m.userFile, user);
    const loaded = loadConfig({}, m.env);
    expect(loaded.source).toEqual({ kind: 'merged', file: m.machineFile, userFile: m.userFile });
    for (const [key, value] of Object.entries(values))
      expect(valueOf(loaded.config, key), key).toEqual(value);
    expect(loaded.warnings).toHaveLength(ignored.length);
    ignored.forEach((key, i) => {
      expect(loaded.warnings[i]).toContain(`${m.userFile}: ${key} is ignored: IT's ${m.machineFile} sets`);
    });
  });

  it('says where each key came from: set by IT, your file, a default, the command line', () => {
    const m = machine();
    m.write(m.machineFile, {
      centegra: { baseUrl: BASE_URL, apiKey: 'it-key-0000000001' },
      till: { siteId: 'S1', tillId: 'T1' },
    });
    m.write(m.userFile, { closeWaitMs: 500 });
    const loaded = loadConfig({ port: 0 }, m.env);
    expect(originOf(loaded, 'centegra.baseUrl')).toEqual({ kind: 'machine', file: m.machineFile });
    expect(originOf(loaded, 'closeWaitMs')).toEqual({ kind: 'user', file: m.userFile });
    expect(originOf(loaded, 'currency')).toEqual({ kind: 'default' });
    expect(originOf(loaded, 'posApi.port')).toEqual({ kind: 'command line' });
    expect(policyFile(loaded, 'centegra.apiKey')).toBe(m.machineFile);
    expect(policyFile(loaded, 'closeWaitMs')).toBeUndefined();
    const sources = Object.fromEntries(settingsEntries(loaded, {}).map((e) => [e.key, e.source]));
    expect(sources).toMatchObject({
      'centegra.baseUrl': 'set by IT',
      'centegra.apiKey': 'set by IT',
      'till.siteId': 'set by IT',
      closeWaitMs: 'your file',
      currency: 'default',
      'posApi.port': 'command line',
    });
  });

  it("the machine-wide file alone is IT's too; a file named with --config is used alone, as before", () => {
    const m = machine();
    m.write(m.machineFile, { currency: 'EUR' });
    const alone = loadConfig({}, m.env);
    expect(alone.source).toEqual({ kind: 'machine', file: m.machineFile });
    expect(policyFile(alone, 'currency')).toBe(m.machineFile);
    const flag = m.write(path.join(m.dir, 'flag.json'), { currency: 'USD' });
    const named = loadConfig({ configFile: flag }, m.env);
    expect(named.config.currency).toBe('USD');
    expect(named.source).toEqual({ kind: 'flag', file: flag });
    expect(policyFile(named, 'currency')).toBeUndefined();
    expect(settingsEntries(named, {}).find((e) => e.key === 'currency')?.source).toBe('file');
  });

  it('checks each file alone (the problem names its file), and the two together', () => {
    const m = machine();
    m.write(m.machineFile, { centegra: { baseUrl: BASE_URL } });
    m.write(m.userFile, { posApi: { prot: 1 } });
    expect(problemsOf(() => loadConfig({}, m.env))).toEqual({
      file: m.userFile,
      problems: ['posApi.prot: unknown key (did you mean "port"?); remove it'],
    });
    m.write(m.machineFile, { centegra: { baseUrl: BASE_URL }, closeWaitMs: 'soon' });
    expect(problemsOf(() => loadConfig({}, m.env))).toEqual({
      file: `${m.userFile} (merged under IT's ${m.machineFile})`,
      problems: [
        `${m.machineFile}: closeWaitMs: expected a number, got the text "soon"`,
        `${m.userFile}: posApi.prot: unknown key (did you mean "port"?); remove it`,
      ],
    });
    // Neither file is wrong alone: IT's names Centegra, the user's file names the till.
    m.write(m.machineFile, { centegra: { baseUrl: BASE_URL } });
    m.write(m.userFile, { till: { siteId: 'S1', tillId: 'T1' } });
    expect(loadConfig({}, m.env).config.till).toEqual({ siteId: 'S1', tillId: 'T1' });
    // Together they still must make a till.
    m.write(m.userFile, { closeWaitMs: 100 });
    const together = problemsOf(() => loadConfig({}, m.env));
    expect(together.file).toBe(`${m.userFile} (merged under IT's ${m.machineFile})`);
    expect(together.problems).toEqual([expect.stringMatching(/^till: is required with centegra\.baseUrl/)]);
  });

  it("a host name that does not match the pattern IT set refuses, naming IT's file", () => {
    const m = machine('BACKOFFICE');
    m.write(m.machineFile, { centegra: { baseUrl: BASE_URL }, till: { tillIdFromHostname: ESTATE_PATTERN } });
    m.write(m.userFile, { closeWaitMs: 100 });
    const refused = problemsOf(() => loadConfig({}, m.env));
    expect(refused.file).toBe(m.machineFile);
    expect(refused.problems[0]).toContain('host name "BACKOFFICE" does not match');
  });

  // Any two files that are valid alone (each key from a small catalogue of real settings).
  const catalogue: Array<[string, fc.Arbitrary<unknown>]> = [
    ['currency', fc.constantFrom('GBP', 'EUR', 'USD')],
    ['closeWaitMs', fc.integer({ min: 0, max: 30_000 })],
    ['centegra.timeoutMs', fc.integer({ min: 500, max: 60_000 })],
    ['posApi.port', fc.integer({ min: 0, max: 65_535 })],
    ['posApi.allowedOrigins', fc.subarray(['http://127.0.0.1:8080', 'https://pos.example'])],
    ['scanners', fc.array(fc.constantFrom({ kind: 'hid' }, { kind: 'keyboard' }), { maxLength: 3 })],
    ['cards.luhn', fc.boolean()],
    ['cards.dedupeMs', fc.integer({ min: 0, max: 10_000 })],
    ['offline.giftCardTender', fc.constantFrom('block', 'allow')],
    ['log.level', fc.constantFrom('error', 'warn', 'info', 'debug')],
    ['log.keepFiles', fc.integer({ min: 1, max: 50 })],
    ['ui.alwaysOnTop', fc.boolean()],
    ['desktop.autoUpdate', fc.boolean()],
    ['manager.lockoutMinutes', fc.integer({ min: 1, max: 1440 })],
    ['holds.ttlMinutes', fc.integer({ min: 1, max: 1440 })],
  ];
  const tillSection = fc.constantFrom(
    undefined,
    { siteId: 'S001', tillId: 'T01' },
    { siteId: 'S002', tillId: 'T02' },
    { tillIdFromHostname: ESTATE_PATTERN },
    { siteId: 'S001', tillIdFromHostname: '^S001-(?<till>T[0-9]+)$' },
  );
  const configFile = fc.tuple(fc.subarray(catalogue.map((_, i) => i)), tillSection).chain(([picked, till]) =>
    fc.tuple(...picked.map((i) => catalogue[i]![1])).map((values) => {
      const file: Record<string, unknown> = {};
      picked.forEach((i, n) => setAt(file, catalogue[i]![0].split('.'), values[n]));
      if (till) file.till = till;
      return file;
    }),
  );

  it("property: every key IT sets has its value; every key only the user sets keeps the user's", () => {
    const m = machine('S001-T03');
    fc.assert(
      fc.property(configFile, configFile, (itFile, user) => {
        m.write(m.machineFile, itFile);
        m.write(m.userFile, user);
        const loaded = loadConfig({}, m.env);
        const itLeaves = leavesOf(itFile);
        for (const leaf of itLeaves) {
          expect(valueOf(loaded.raw, leaf.key), leaf.key).toEqual(leaf.value);
          expect(originOf(loaded, leaf.key)).toMatchObject({ kind: 'machine' });
          if (leaf.key === 'till.tillId' || leaf.key === 'till.siteId')
            expect(valueOf(loaded.config, leaf.key)).toEqual(leaf.value);
        }
        // IT's tillId and its host-name pattern set the same thing; a pattern with a site group sets the site too.
        const sameSetting = (it: { key: string; value: unknown }, key: string) =>
          [it.key, key].sort().join() === 'till.tillId,till.tillIdFromHostname' ||
          (key === 'till.siteId' && it.value === ESTATE_PATTERN);
        for (const leaf of leavesOf(user)) {
          if (itLeaves.some((i) => i.key === leaf.key || sameSetting(i, leaf.key))) continue;
          expect(valueOf(loaded.raw, leaf.key), leaf.key).toEqual(leaf.value);
          expect(originOf(loaded, leaf.key)).toMatchObject({ kind: 'user' });
        }
        // Each user key IT overrides with another value is named once.
        const overridden = leavesOf(user).filter((leaf) =>
          itLeaves.some(
            (i) =>
              (i.key === leaf.key && JSON.stringify(i.value) !== JSON.stringify(leaf.value)) ||
              sameSetting(i, leaf.key),
          ),
        );
        expect(loaded.warnings).toHaveLength(overridden.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the config and check-config commands', () => {
  function run(
    command: (io: { out: (l: string) => void; err: (l: string) => void }) => number | Promise<number>,
  ) {
    const out: string[] = [];
    const err: string[] = [];
    return Promise.resolve(command({ out: (l) => out.push(l), err: (l) => err.push(l) })).then((code) => ({
      code,
      out,
      err,
    }));
  }

  it('check-config without FILE checks the two files this till reads, merged, and names this till', async () => {
    const m = machine('S001-T03');
    m.write(m.machineFile, {
      centegra: { baseUrl: BASE_URL },
      till: { tillIdFromHostname: ESTATE_PATTERN },
      closeWaitMs: 2000,
    });
    m.write(m.userFile, { closeWaitMs: 10, ui: { alwaysOnTop: true } });
    const r = await run((io) => checkConfigCommand([], m.env, io));
    expect(r).toEqual({
      code: 0,
      out: [
        `Config on this machine: ${m.machineFile} (set by IT), with ${m.userFile} (your file) under it`,
        `warning: ${m.userFile}: closeWaitMs is ignored: IT's ${m.machineFile} sets closeWaitMs, and a key IT sets cannot be changed. Remove it from ${m.userFile}.`,
        'valid',
        'On this machine (host S001-T03): siteId S001, tillId T03 (from till.tillIdFromHostname)',
      ],
      err: [],
    });
    const elsewhere = await run((io) => checkConfigCommand(['--hostname', 'S004-T01'], m.env, io));
    expect(elsewhere.out.at(-1)).toBe(
      'On the till named S004-T01: siteId S004, tillId T01 (from till.tillIdFromHostname)',
    );
    const odd = await run((io) => checkConfigCommand(['--hostname', 'LAPTOP'], m.env, io));
    expect(odd.code).toBe(1);
    expect(odd.out.at(-1)).toContain('host name "LAPTOP" does not match');
    m.write(m.userFile, { ui: { alwaysOnTp: true } });
    const bad = await run((io) => checkConfigCommand([], m.env, io));
    expect(bad.code).toBe(1);
    expect(bad.out.at(-1)).toBe(
      `${m.userFile}: ui.alwaysOnTp: unknown key (did you mean "alwaysOnTop"?); remove it`,
    );
  });

  it('check-config FILE names the ids this machine would get, and which setting gave each', async () => {
    const m = machine('TILL-07');
    const file = m.write(path.join(m.dir, 'estate.json'), {
      centegra: { baseUrl: BASE_URL },
      till: { siteId: '0042', tillIdFromHostname: '^TILL-(?<till>[0-9]+)$' },
    });
    expect(await run((io) => checkConfigCommand([file], m.env, io))).toEqual({
      code: 0,
      out: [
        `${file}: valid`,
        'On this machine (host TILL-07): siteId 0042 (from till.siteId), tillId 07 (from till.tillIdFromHostname)',
      ],
      err: [],
    });
    const usage = await run((io) => checkConfigCommand([file, file], m.env, io));
    expect(usage.code).toBe(2);
  });

  it('config prints every key with its value and source, secrets masked; --json for tools', async () => {
    const m = machine('S001-T03');
    m.write(m.machineFile, {
      centegra: { baseUrl: BASE_URL, apiKey: 'it-key-0000000001' },
      till: { tillIdFromHostname: ESTATE_PATTERN },
      manager: { pinHash: 'scrypt$abc' },
    });
    m.write(m.userFile, { closeWaitMs: 1000 });
    const text = await run((io) => configCommand([], { env: m.env, io }));
    expect(text.code).toBe(0);
    expect(text.out[0]).toBe(
      `# Till Agent config on this machine (host S001-T03): ${m.machineFile} (set by IT), with ${m.userFile} (your file) under it`,
    );
    const line = (key: string) => text.out.find((l) => l.startsWith(`${key} `));
    expect(line('centegra.baseUrl')).toMatch(
      /^centegra\.baseUrl +=( "https:\/\/api\.centegraplus\.com\/giftcards\/v1") {2}\(set by IT\)$/,
    );
    expect(line('centegra.apiKey')).toMatch(/= set \(ends …0001\) {2}\(set by IT\)$/);
    expect(line('till.siteId')).toMatch(/= "S001" {2}\(host name S001-T03, by till\.tillIdFromHostname\)$/);
    expect(line('closeWaitMs')).toMatch(/= 1000 {2}\(your file\)$/);
    expect(line('currency')).toMatch(/= "GBP" {2}\(default\)$/);
    expect(line('manager.pinHash')).toMatch(/= set {2}\(set by IT\)$/);
    expect(text.out.join('\n')).not.toContain('it-key-0000000001');
    expect(text.out.join('\n')).not.toContain('scrypt$abc');

    const json = await run((io) => configCommand(['--json'], { env: m.env, io }));
    const parsed = JSON.parse(json.out.join('\n')) as {
      source: object;
      keys: Array<{ key: string; value: unknown; source: string; secret?: boolean; origin?: object }>;
      warnings: string[];
    };
    expect(parsed.source).toEqual({ kind: 'merged', file: m.machineFile, userFile: m.userFile });
    const key = (k: string) => parsed.keys.find((e) => e.key === k);
    expect(key('closeWaitMs')).toEqual({
      key: 'closeWaitMs',
      value: 1000,
      source: 'your file',
      origin: { kind: 'user', file: m.userFile },
    });
    expect(key('centegra.apiKey')).toMatchObject({
      value: 'set (ends …0001)',
      secret: true,
      source: 'set by IT',
    });
    expect(key('currency')).toEqual({ key: 'currency', value: 'GBP', source: 'default' });
    expect(key('till.tillId')).toMatchObject({
      value: 'T03',
      origin: { kind: 'host name', hostname: 'S001-T03' },
    });
    expect(JSON.stringify(parsed)).not.toContain('it-key-0000000001');
  });
});

function valueOf(obj: unknown, key: string): unknown {
  let v: unknown = obj;
  for (const p of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function setAt(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let node = obj;
  for (const p of path.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] = value;
}
