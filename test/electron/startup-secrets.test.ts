// The desktop app's error box for a config it cannot start with: it names each bad secret key and
// quotes none of their values (issue 15, item 3).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../main/agent';
import { describeStartupError } from '../../main/electron';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the startup error box', () => {
  it('names a bad secret in the config without any part of its value', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const configFile = path.join(t.dir, 'config.json');
    const secrets = ['Xq7Zk9', 'Wv3Jy8', 'Pm5Rt2', 'Hd4Ns6'];
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        centegra: { baseUrl: 'https://api.centegraplus.com/giftcards/v1', apiKey: secrets[0] },
        posApi: { token: secrets[1] },
        metrics: { token: secrets[2] },
        manager: { pinHash: secrets[3] },
      }),
    );
    let error: unknown;
    try {
      loadConfig(
        { configFile, dataDir: path.join(t.dir, 'data') },
        { platform: 'linux', env: {}, homedir: t.dir },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const box = describeStartupError(error);
    for (const key of ['centegra.apiKey', 'posApi.token', 'metrics.token', 'manager.pinHash'])
      expect(box).toContain(key);
    for (const secret of secrets)
      for (let i = 0; i + 3 <= secret.length; i++) expect(box).not.toContain(secret.slice(i, i + 3));
  });
});
