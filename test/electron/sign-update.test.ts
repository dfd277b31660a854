// Release tooling for signed updates: the beforePack hook stops a build with an http feed or (Linux)
// no public key to ship, and scripts/sign-update.mjs writes the .sig files the app accepts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => await import('./fake-electron'));
vi.mock('electron', () => fake.electron);

const { refuseUnsignedDownload } = await import('../../main/electron/updates');
// @ts-expect-error: a plain .mjs script, no types
const sign = (await import('../../scripts/sign-update.mjs')) as {
  generateKeys(privateFile: string, publicFile: string): void;
  signRelease(dir: string, privateKeyPem: Buffer, publicKeyPem: Buffer): string[];
};
// @ts-expect-error: a plain .mjs script, no types
const feedCheck = (await import('../../scripts/check-update-feed.mjs')) as {
  UPDATE_KEY_SOURCE: string;
  releaseProblems(env: Record<string, string>, platform: string, exists?: (f: string) => boolean): string[];
  default(context: { electronPlatformName: string }): Promise<void>;
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-sign-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the beforePack hook', () => {
  const https = { TILL_AGENT_UPDATE_URL: 'https://updates.example.co.uk/till-agent' };
  it('passes an https feed, and for Linux a key to ship', () => {
    expect(feedCheck.releaseProblems(https, 'win32', () => false)).toEqual([]);
    expect(feedCheck.releaseProblems(https, 'linux', (f) => f === feedCheck.UPDATE_KEY_SOURCE)).toEqual([]);
  });

  it('stops a build whose feed is http or unset, or a Linux build with no public key', () => {
    expect(
      feedCheck.releaseProblems({ TILL_AGENT_UPDATE_URL: 'http://updates.example.co.uk/x' }, 'win32'),
    ).toEqual([
      'TILL_AGENT_UPDATE_URL must be an https:// address (it is "http://updates.example.co.uk/x"): tills refuse any other update feed.',
    ]);
    expect(feedCheck.releaseProblems({}, 'win32')[0]).toContain('(it is not set)');
    expect(feedCheck.releaseProblems(https, 'linux', () => false)).toEqual([
      expect.stringContaining('resources/linux/update-signing-key.pem is missing'),
    ]);
  });

  it('throws, which stops electron-builder', async () => {
    const saved = process.env.TILL_AGENT_UPDATE_URL;
    process.env.TILL_AGENT_UPDATE_URL = 'http://updates.example.co.uk/x';
    try {
      await expect(feedCheck.default({ electronPlatformName: 'win32' })).rejects.toThrow('https://');
    } finally {
      if (saved === undefined) delete process.env.TILL_AGENT_UPDATE_URL;
      else process.env.TILL_AGENT_UPDATE_URL = saved;
    }
  });
});

describe('scripts/sign-update.mjs', () => {
  it('makes a key pair, signs each Linux installer, and the app accepts what it signed', async () => {
    const privateFile = path.join(dir, 'update-signing.key');
    const publicFile = path.join(dir, 'update-signing-key.pem');
    sign.generateKeys(privateFile, publicFile);
    if (process.platform !== 'win32') expect(fs.statSync(privateFile).mode & 0o777).toBe(0o600);
    const release = path.join(dir, 'release');
    fs.mkdirSync(release);
    fs.writeFileSync(path.join(release, 'till-agent_0.2.0_amd64.deb'), 'deb bytes');
    fs.writeFileSync(path.join(release, 'TillAgent-0.2.0.AppImage'), 'AppImage bytes');
    fs.writeFileSync(path.join(release, 'latest-linux.yml'), 'version: 0.2.0');

    const written = sign.signRelease(release, fs.readFileSync(privateFile), fs.readFileSync(publicFile));
    expect(written.map((f) => path.basename(f))).toEqual([
      'TillAgent-0.2.0.AppImage.sig',
      'till-agent_0.2.0_amd64.deb.sig',
    ]);

    const key = crypto.createPublicKey(fs.readFileSync(publicFile));
    const io = {
      fetchSignature: async (url: string) =>
        fs.readFileSync(path.join(release, decodeURIComponent(new URL(url).pathname.split('/').at(-1)!))),
      readFile: (file: string) => fs.promises.readFile(file),
      removeFile: () => {},
    };
    const deb = path.join(release, 'till-agent_0.2.0_amd64.deb');
    const files = [{ url: 'till-agent_0.2.0_amd64.deb' }];
    expect(
      await refuseUnsignedDownload(
        { version: '0.2.0', downloadedFile: deb, files },
        'deb',
        'https://u.example/ta',
        key,
        io,
      ),
    ).toBeUndefined();
    fs.writeFileSync(deb, 'deb bytes, changed on the server');
    expect(
      await refuseUnsignedDownload(
        { version: '0.2.0', downloadedFile: deb, files },
        'deb',
        'https://u.example/ta',
        key,
        io,
      ),
    ).toBe('the signature does not match the installer');
  });

  it('refuses to sign with a key whose public half is not the one the app ships', () => {
    const shipped = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    const other = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    fs.writeFileSync(path.join(dir, 'till-agent_0.2.0_amd64.deb'), 'deb bytes');
    expect(() => sign.signRelease(dir, Buffer.from(other), Buffer.from(shipped))).toThrow(
      'the app ships another public key',
    );
    expect(fs.existsSync(path.join(dir, 'till-agent_0.2.0_amd64.deb.sig'))).toBe(false);
  });
});
