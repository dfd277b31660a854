// app://till-agent/: the built renderer from its folder, with the CSP, and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Protocol } from 'electron';
import { silentLogger } from '../../main/agent';
import { createAppProtocolHandler, csp, fileForUrl, registerAppProtocol } from '../../main/electron';

let base: string;
let root: string;
const log = { ...silentLogger, warn: vi.fn() };
let handler: ReturnType<typeof createAppProtocolHandler>;

const get = (url: string, method = 'GET') => handler({ url, method });

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'till-agent-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Till Agent</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, '.env'), 'SECRET=1');
  // A file next to the renderer folder, which traversal would reach.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'not for the renderer');
  handler = createAppProtocolHandler({ root, log });
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('the app:// protocol handler', () => {
  it('serves index.html with its content type and the CSP', async () => {
    const response = await get('app://till-agent/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Till Agent</title>');
  });

  it('serves the folder root as index.html', async () => {
    const response = await get('app://till-agent/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Till Agent');
  });

  it('serves scripts and styles with their types, ignoring the query string', async () => {
    const js = await get('app://till-agent/assets/index-abc.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await get('app://till-agent/assets/index-abc.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-security-policy')).toBe(csp());
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://till-agent/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses other methods', async () => {
    expect((await get('app://till-agent/index.html', 'POST')).status).toBe(405);
  });

  it('answers 404, with the CSP, for a file that is not there', async () => {
    const response = await get('app://till-agent/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(csp());
    expect((await get('app://till-agent/assets')).status).toBe(404);
  });

  it.each([
    'app://till-agent/../../etc/passwd',
    'app://till-agent/../secret.txt',
    'app://till-agent/%2e%2e/secret.txt',
    'app://till-agent/%2E%2E/%2e%2e/etc/passwd',
    'app://till-agent/..%2fsecret.txt',
    'app://till-agent/assets/..%2f..%2fsecret.txt',
    'app://till-agent/..%5csecret.txt',
    'app://till-agent/%2e%2e%2fsecret.txt',
    'app://till-agent/index.html%00.js',
    'app://till-agent/%2fetc%2fpasswd',
    'app://till-agent/.env',
    'app://till-agent/%E0%A4%A',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/not for the renderer|root:|SECRET/);
  });

  it('never resolves a traversal to a file outside the folder', () => {
    for (const url of [
      'app://till-agent/../secret.txt',
      'app://till-agent/..%2fsecret.txt',
      'app://till-agent/%2e%2e%2fsecret.txt',
    ]) {
      const file = fileForUrl(root, url);
      expect(file === undefined || file.startsWith(root + path.sep), url).toBe(true);
    }
  });

  it.each([
    'app://evil/index.html',
    'app://till-agent.evil.example/index.html',
    'https://till-agent/index.html',
    'not a url',
  ])('refuses another host or scheme: %s', async (url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('is registered for the app scheme', async () => {
    const protocol = { handle: vi.fn() };
    registerAppProtocol(protocol as unknown as Protocol, { root, log });
    expect(protocol.handle).toHaveBeenCalledOnce();
    const [scheme, registered] = protocol.handle.mock.calls[0]! as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const response = await registered(new Request('app://till-agent/index.html'));
    expect(response.status).toBe(200);
  });
});
