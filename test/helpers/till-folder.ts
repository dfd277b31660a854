// A till's folder for a test: config.json holding `config`, and data/ beside it, as IT lays out a
// till; load() reads it the way the agent does (Linux, no environment, this folder as home).
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../../main/agent/config';
import { tempDir } from './tmp';

export interface TillFolder {
  dir: string;
  /** config.json */
  file: string;
  /** data/ (not created until the agent starts) */
  dataDir: string;
  load(overrides?: { port?: number }): LoadedConfig;
  remove(): void;
}

export function tillFolder(config: object, options: { mode?: number } = {}): TillFolder {
  const t = tempDir();
  const file = path.join(t.dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config), options.mode === undefined ? {} : { mode: options.mode });
  const dataDir = path.join(t.dir, 'data');
  return {
    dir: t.dir,
    file,
    dataDir,
    load: (overrides = {}) =>
      loadConfig({ configFile: file, dataDir, ...overrides }, { platform: 'linux', env: {}, homedir: t.dir }),
    remove: t.remove,
  };
}
