// Finds, reads and validates the configuration file in the documented lookup order:
// --config FILE, $TILL_AGENT_CONFIG, the user's config folder, then the machine-wide file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigSchema, type Config } from './schema';
import { describeIssues } from './problems';

export type ConfigSourceKind = 'flag' | 'env' | 'user' | 'machine' | 'defaults';

export interface ConfigSource {
  kind: ConfigSourceKind;
  /** The file read; absent when no file was found and defaults apply. */
  file?: string;
}

export interface LoadedConfig {
  config: Config;
  /** The file's own JSON, before defaults: where each effective value came from. */
  raw: Record<string, unknown>;
  /** Settings given on the command line (override the file). */
  overrides: string[];
  source: ConfigSource;
  /** True when the agent talks to the built-in simulator (--demo, or no centegra.baseUrl). */
  demo: boolean;
  /** Where the database, tokens and logs live; a separate folder in demo mode. */
  dataDir: string;
}

export interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

const hostEnvironment = (): Environment => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
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
  if (e.platform === 'win32') {
    return path.win32.join(e.env.ProgramData ?? 'C:\\ProgramData', 'TillAgent', 'config.json');
  }
  if (e.platform === 'darwin') return '/Library/Application Support/TillAgent/config.json';
  return '/etc/till-agent/config.json';
}

export function defaultDataDir(e: Environment): string {
  if (e.platform === 'win32') {
    return path.win32.join(e.env.LOCALAPPDATA ?? path.win32.join(e.homedir, 'AppData', 'Local'), 'TillAgent');
  }
  if (e.platform === 'darwin')
    return path.join(e.homedir, 'Library', 'Application Support', 'TillAgent', 'data');
  return path.join(e.env.XDG_DATA_HOME || path.join(e.homedir, '.local', 'share'), 'till-agent');
}

/** The file that would be read, and why, without reading it. */
export function findConfigFile(
  flagFile: string | undefined,
  e: Environment = hostEnvironment(),
): ConfigSource {
  if (flagFile) return { kind: 'flag', file: path.resolve(flagFile) };
  if (e.env.TILL_AGENT_CONFIG) return { kind: 'env', file: path.resolve(e.env.TILL_AGENT_CONFIG) };
  const user = userConfigFile(e);
  if (fs.existsSync(user)) return { kind: 'user', file: user };
  const machine = machineConfigFile(e);
  if (fs.existsSync(machine)) return { kind: 'machine', file: machine };
  return { kind: 'defaults' };
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and parses one file; every problem is a `path: what is wrong` line. */
export function readConfigFile(
  file: string,
): { ok: true; config: Config; raw: Record<string, unknown> } | { ok: false; problems: string[] } {
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
  return parseConfigText(text);
}

export function parseConfigText(
  text: string,
): { ok: true; config: Config; raw: Record<string, unknown> } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problems: [`(file): is not valid JSON: ${describeJsonError(text, e as Error)}`] };
  }
  return validateConfig(raw);
}

export function validateConfig(
  raw: unknown,
): { ok: true; config: Config; raw: Record<string, unknown> } | { ok: false; problems: string[] } {
  const parsed = ConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data, raw: raw as Record<string, unknown> };
  return { ok: false, problems: describeIssues(parsed.error as z.ZodError, raw, ConfigSchema) };
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
  return error.message;
}

export interface LoadOptions {
  configFile?: string;
  demo?: boolean;
  /** Command-line overrides, for tests and for running two agents side by side. */
  dataDir?: string;
  port?: number;
}

/** Loads the effective config, or throws ConfigError naming the file and every problem in it. */
export function loadConfig(options: LoadOptions = {}, e: Environment = hostEnvironment()): LoadedConfig {
  const source = findConfigFile(options.configFile, e);
  let config: Config;
  let raw: Record<string, unknown> = {};
  if (source.file) {
    const read = readConfigFile(source.file);
    if (!read.ok) throw new ConfigError(source.file, read.problems);
    config = read.config;
    raw = read.raw;
  } else {
    const defaults = validateConfig({});
    if (!defaults.ok) throw new ConfigError(undefined, defaults.problems);
    config = defaults.config;
  }
  const overrides: string[] = [];
  if (options.port !== undefined) {
    config = { ...config, posApi: { ...config.posApi, port: options.port } };
    overrides.push('posApi.port');
  }
  if (options.dataDir !== undefined) overrides.push('dataDir');
  const demo = Boolean(options.demo) || !config.centegra.baseUrl;
  const base = path.resolve(options.dataDir ?? config.dataDir ?? defaultDataDir(e));
  // Demo closures must never sit in the real queue, waiting to be sent to the real Centegra Plus.
  const dataDir = demo && !options.dataDir ? path.join(base, 'demo') : base;
  return { config, raw, overrides, source, demo, dataDir };
}
