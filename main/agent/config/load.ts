// Finds, reads and validates the configuration: --config FILE or $TILL_AGENT_CONFIG alone;
// otherwise the user's file merged under the machine-wide file, which is IT's policy (merge.ts).
// Then this till's ids are resolved from the host name (till.ts), and each key keeps its origin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACROSS_KEYS, ConfigSchema, type Config, type ConfigFile } from './schema';
import { describeIssues } from './problems';
import { leavesOf, mergeConfigFiles } from './merge';
import { resolveTill, SITE_ID_VARIABLE, TILL_ID_VARIABLE, type TillResolution } from './till';
import { chooseDataDir } from './data-folder';

export type ConfigSourceKind = 'flag' | 'env' | 'user' | 'machine' | 'merged' | 'defaults';

export interface ConfigSource {
  kind: ConfigSourceKind;
  /**
   * The file read; absent when no file was found and defaults apply. 'merged': the machine-wide
   * file, IT's policy, whose every key wins.
   */
  file?: string;
  /** 'merged' only: the user's file, read under the machine-wide one. */
  userFile?: string;
}

/** Where one key's effective value came from; a key not listed is the schema's default. */
export type KeyOrigin =
  | { kind: 'flag' | 'env' | 'user' | 'machine'; file: string }
  | { kind: 'command line' }
  | { kind: 'environment'; variable: string }
  | { kind: 'host name'; hostname: string; pattern: string };

export interface LoadedConfig {
  config: Config;
  /** The file's own JSON (the two files merged), before defaults: where each effective value came from. */
  raw: Record<string, unknown>;
  /** Settings given on the command line (override the file). */
  overrides: string[];
  source: ConfigSource;
  /** Each key set anywhere but the schema's defaults, by its dotted name (a list is one key). */
  provenance: Readonly<Record<string, KeyOrigin>>;
  /** What IT should fix that does not stop the till: a user's key IT's file overrides. */
  warnings: string[];
  /** True when the agent talks to the built-in simulator (--demo, or no centegra.baseUrl). */
  demo: boolean;
  /** Where the database, tokens and logs live; a separate folder in demo mode. */
  dataDir: string;
}

export interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** This machine's name, for till.tillIdFromHostname; os.hostname() when not given. */
  hostname?: string;
  /** Where the machine-wide file is, instead of the platform's place (tests, which cannot write /etc). */
  machineFile?: string;
}

export const hostEnvironment = (): Environment => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
  hostname: os.hostname(),
});

/** A config that could not be used, with one `path: what is wrong` line per problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string | undefined,
    readonly problems: string[],
  ) {
    super(`${file ?? 'configuration'}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function userConfigFile(e: Environment): string {
  if (e.platform === 'win32') {
    return path.win32.join(
      e.env.APPDATA ?? path.win32.join(e.homedir, 'AppData', 'Roaming'),
      'TillAgent',
      'config.json',
    );
  }
  if (e.platform === 'darwin')
    return path.join(e.homedir, 'Library', 'Application Support', 'TillAgent', 'config.json');
  return path.join(e.env.XDG_CONFIG_HOME || path.join(e.homedir, '.config'), 'till-agent', 'config.json');
}

export function machineConfigFile(e: Environment): string {
  if (e.machineFile) return e.machineFile;
  if (e.platform === 'win32') {
    return path.win32.join(e.env.ProgramData ?? 'C:\\ProgramData', 'TillAgent', 'config.json');
  }
  if (e.platform === 'darwin') return '/Library/Application Support/TillAgent/config.json';
  return '/etc/till-agent/config.json';
}

/** The machine-wide data folder when there is one this user may write to, else the user's own (data-folder.ts). */
export function defaultDataDir(e: Environment): string {
  return chooseDataDir(e);
}

/** The file (or the two files) that would be read, and why, without reading them. */
export function findConfigFile(
  flagFile: string | undefined,
  e: Environment = hostEnvironment(),
): ConfigSource {
  if (flagFile) return { kind: 'flag', file: path.resolve(flagFile) };
  if (e.env.TILL_AGENT_CONFIG) return { kind: 'env', file: path.resolve(e.env.TILL_AGENT_CONFIG) };
  const user = userConfigFile(e);
  const machine = machineConfigFile(e);
  const hasUser = fs.existsSync(user);
  const hasMachine = fs.existsSync(machine);
  if (hasUser && hasMachine) return { kind: 'merged', file: machine, userFile: user };
  if (hasUser) return { kind: 'user', file: user };
  if (hasMachine) return { kind: 'machine', file: machine };
  return { kind: 'defaults' };
}

/** The machine-wide file in use, whose keys are IT's policy; undefined when it is not read. */
export function machineFileOf(source: ConfigSource): string | undefined {
  return source.kind === 'machine' || source.kind === 'merged' ? source.file : undefined;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

type Validated =
  { ok: true; config: ConfigFile; raw: Record<string, unknown> } | { ok: false; problems: string[] };

/** Reads and parses one file; every problem is a `path: what is wrong` line. */
export function readConfigFile(file: string): Validated {
  const text = readText(file);
  return typeof text === 'string' ? parseConfigText(text) : text;
}

function readText(file: string): string | { ok: false; problems: string[] } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { ok: false, problems: [`(file): ${file} is not a file`] };
    if (stat.size > MAX_CONFIG_BYTES)
      return { ok: false, problems: ['(file): is larger than 1 MB; is this the right file?'] };
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ok: false, problems: [`(file): ${file} does not exist`] };
    if (err.code === 'EACCES')
      return { ok: false, problems: [`(file): ${file} cannot be read by this user (permissions)`] };
    return { ok: false, problems: [`(file): ${file} cannot be read (${err.code ?? err.message})`] };
  }
  return text;
}

function parseJson(text: string): { ok: true; raw: unknown } | { ok: false; problems: string[] } {
  try {
    return { ok: true, raw: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, problems: [`(file): is not valid JSON: ${describeJsonError(text, e as Error)}`] };
  }
}

export function parseConfigText(text: string): Validated {
  const json = parseJson(text);
  return json.ok ? validateConfig(json.raw) : json;
}

export function validateConfig(raw: unknown): Validated {
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data, raw: raw as Record<string, unknown> };
  return { ok: false, problems: describeIssues(parsed.error, raw, ConfigSchema) };
}

/**
 * One of two files to be merged, checked alone: its JSON, types and unknown keys. A key that
 * needs another (till with centegra.baseUrl) is checked on the two together: the other may be
 * in the other file.
 */
function readPart(
  file: string,
): { ok: true; raw: Record<string, unknown> } | { ok: false; problems: string[] } {
  const text = readText(file);
  if (typeof text !== 'string') return text;
  const json = parseJson(text);
  if (!json.ok) return json;
  const parsed = ConfigSchema.safeParse(json.raw);
  if (parsed.success) return { ok: true, raw: json.raw as Record<string, unknown> };
  const issues = parsed.error.issues.filter(
    (i) =>
      !(
        i.code === 'custom' &&
        (i.params as Record<string, unknown> | undefined)?.acrossKeys === ACROSS_KEYS.acrossKeys
      ),
  );
  // Whatever is left names this file alone (a file that is no object at all is one of them).
  if (issues.length === 0) return { ok: true, raw: json.raw as Record<string, unknown> };
  return { ok: false, problems: describeIssues({ issues }, json.raw, ConfigSchema) };
}

function describeJsonError(text: string, error: Error): string {
  // V8 says "... in JSON at position N (line L column C)" on Node 20; keep the line and column.
  const m = /position (\d+)/.exec(error.message);
  if (m) {
    const pos = Number(m[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return `${error.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
  }
  // V8 quotes the text around an unexpected token ('Unexpected token 'o', ..."token":tok-s"... is
  // not valid JSON'): that text can be a secret written without quotes, so only its line is named.
  const quoted = /^Unexpected token .*?, (?:\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(
    error.message,
  );
  if (quoted) {
    const at = text.indexOf(quoted[1]!);
    const where = at === -1 ? '' : ` at line ${text.slice(0, at).split('\n').length}`;
    return `a character out of place${where} (is a value missing its "quotes"?)`;
  }
  return error.message;
}

export interface LoadOptions {
  configFile?: string;
  demo?: boolean;
  /** Command-line overrides, for tests and for running two agents side by side. */
  dataDir?: string;
  port?: number;
}

/** The config the file(s) of `source` make on this machine: merged, checked, the till's ids resolved. */
export interface EffectiveConfig {
  config: Config;
  raw: Record<string, unknown>;
  provenance: Record<string, KeyOrigin>;
  warnings: string[];
  /** This till's ids and where each came from; absent without a `till` section (demo). */
  till?: TillResolution;
}

export type EffectiveResult =
  | { ok: true; value: EffectiveConfig }
  | {
      ok: false;
      /** The file the problems are in; for the two files merged, both named. */
      file: string | undefined;
      problems: string[];
    };

/** How the two merged files are named where a problem is in neither alone. */
export function describeMerged(source: ConfigSource): string {
  return `${source.userFile ?? ''} (merged under IT's ${source.file ?? ''})`;
}

export function readEffectiveConfig(
  source: ConfigSource,
  e: Environment = hostEnvironment(),
): EffectiveResult {
  let raw: Record<string, unknown> = {};
  const provenance: Record<string, KeyOrigin> = {};
  const warnings: string[] = [];
  let where = source.file;
  if (source.kind === 'merged' && source.file && source.userFile) {
    const parts = [
      { file: source.file, read: readPart(source.file) },
      { file: source.userFile, read: readPart(source.userFile) },
    ];
    const failed = parts.flatMap((p) => (p.read.ok ? [] : [{ file: p.file, problems: p.read.problems }]));
    if (failed.length === 1) return { ok: false, ...failed[0]! };
    if (failed.length > 1)
      return {
        ok: false,
        file: describeMerged(source),
        problems: failed.flatMap((f) => f.problems.map((p) => `${f.file}: ${p}`)),
      };
    const [machine, user] = parts.map((p) => (p.read.ok ? p.read.raw : {})) as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    const merged = mergeConfigFiles(machine, user);
    raw = merged.raw;
    for (const [key, kind] of merged.from)
      provenance[key] = { kind, file: kind === 'machine' ? source.file : source.userFile };
    for (const { key, policy } of merged.ignored)
      warnings.push(
        `${source.userFile}: ${key} is ignored: IT's ${source.file} sets ${policy.join(' and ')}, and a key IT sets cannot be changed. Remove it from ${source.userFile}.`,
      );
    where = describeMerged(source);
  } else if (source.file && source.kind !== 'defaults' && source.kind !== 'merged') {
    const read = readConfigFile(source.file);
    if (!read.ok) return { ok: false, file: source.file, problems: read.problems };
    raw = read.raw;
    for (const leaf of leavesOf(raw)) provenance[leaf.key] = { kind: source.kind, file: source.file };
  }
  const checked = validateConfig(raw);
  if (!checked.ok) return { ok: false, file: where, problems: checked.problems };
  const { till: fileTill, ...rest } = checked.config;
  let config: Config = rest;
  let till: TillResolution | undefined;
  if (fileTill) {
    const resolved = resolveTill(fileTill, e.hostname ?? os.hostname(), e.env);
    if (!resolved.ok) {
      const pattern = provenance['till.tillIdFromHostname'];
      const file = pattern && 'file' in pattern ? pattern.file : where;
      return { ok: false, file, problems: [resolved.problem] };
    }
    till = resolved.value;
    config = { ...checked.config, till: till.ids };
    const origin = (from: string): KeyOrigin | undefined =>
      from === `$${TILL_ID_VARIABLE}` || from === `$${SITE_ID_VARIABLE}`
        ? { kind: 'environment', variable: from.slice(1) }
        : from === 'till.tillIdFromHostname' && fileTill.tillIdFromHostname !== undefined
          ? { kind: 'host name', hostname: resolved.value.hostname, pattern: fileTill.tillIdFromHostname }
          : provenance[from];
    const siteOrigin = origin(till.siteFrom);
    const tillOrigin = origin(till.tillFrom);
    if (siteOrigin) provenance['till.siteId'] = siteOrigin;
    if (tillOrigin) provenance['till.tillId'] = tillOrigin;
  }
  return { ok: true, value: { config, raw, provenance, warnings, ...(till ? { till } : {}) } };
}

/** Loads the effective config, or throws ConfigError naming the file and every problem in it. */
export function loadConfig(options: LoadOptions = {}, e: Environment = hostEnvironment()): LoadedConfig {
  const source = findConfigFile(options.configFile, e);
  const effective = readEffectiveConfig(source, e);
  if (!effective.ok) throw new ConfigError(effective.file, effective.problems);
  let { config } = effective.value;
  const { raw, provenance, warnings } = effective.value;
  const overrides: string[] = [];
  if (options.port !== undefined) {
    config = { ...config, posApi: { ...config.posApi, port: options.port } };
    overrides.push('posApi.port');
    provenance['posApi.port'] = { kind: 'command line' };
  }
  if (options.dataDir !== undefined) {
    overrides.push('dataDir');
    provenance.dataDir = { kind: 'command line' };
  }
  const demo = Boolean(options.demo) || !config.centegra.baseUrl;
  const base = path.resolve(options.dataDir ?? config.dataDir ?? defaultDataDir(e));
  // Demo closures must never sit in the real queue, waiting to be sent to the real Centegra Plus.
  const dataDir = demo && !options.dataDir ? path.join(base, 'demo') : base;
  return { config, raw, overrides, source, provenance, warnings, demo, dataDir };
}
