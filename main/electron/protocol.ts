// app://till-agent/…: the built renderer served from its folder, never file://. Only our host,
// only files inside the folder (after decoding and normalising), every answer with the CSP.
import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import type { Logger } from '../agent';
import { APP_HOST, APP_SCHEME, csp } from './security';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** What the handler needs of a request: Electron passes a fetch Request. */
export interface AppRequest {
  url: string;
  method?: string;
}

export type AppProtocolHandler = (request: AppRequest) => Promise<Response>;

function answer(
  status: number,
  body: Uint8Array | string | null,
  contentType = 'text/plain; charset=utf-8',
): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': contentType,
      'content-security-policy': csp(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

/**
 * The file a URL names inside `root`, or undefined when it is not ours or would leave the folder.
 * The URL parser already folds `..` and `%2e%2e`; decoding can still produce `/`, `\` or NUL
 * (`..%2f`, `%5c`), so the decoded path is resolved again and checked against the folder.
 */
export function fileForUrl(root: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..' || segment.startsWith('.'))) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  return file.startsWith(base + path.sep) ? file : undefined;
}

export function createAppProtocolHandler(options: { root: string; log: Logger }): AppProtocolHandler {
  const { root, log } = options;
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return answer(405, 'Method not allowed');
    const file = fileForUrl(root, request.url);
    if (!file) {
      log.warn(
        { url: request.url.slice(0, 200) },
        'refused: app:// request outside the renderer folder or for another host',
      );
      return answer(404, 'Not found');
    }
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile()) return answer(404, 'Not found');
      const body = method === 'HEAD' ? null : new Uint8Array(await fs.promises.readFile(file));
      return answer(200, body, contentTypeOf(file));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        log.error({ err: e, file }, 'could not read a renderer file');
      return answer(404, 'Not found');
    }
  };
}

/** Serves `root` as app://till-agent/ on the default session (call after `ready`). */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  options: { root: string; log: Logger },
): void {
  const handler = createAppProtocolHandler(options);
  protocol.handle(APP_SCHEME, (request) => handler(request));
}
