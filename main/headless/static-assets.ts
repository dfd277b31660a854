// The screen's built files (/assets/*) served as @fastify/static served them (its file sender,
// @fastify/send, with the same options and the same answers), but with the sender loaded on the
// first request for a file rather than at every start: a till serving only the POS API never loads
// it, and @fastify/static brought glob, mime and send with it at start (~170 KB of source to
// compile and ~10 ms of evaluation before the POS API could answer).
import type SendModule from '@fastify/send';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type Send = typeof SendModule.send;

export interface StaticAssetsOptions {
  /** The folder served (absolute). */
  root: string;
  /** Ends with '/': `/assets/`. */
  prefix: string;
}

let sender: Promise<Send> | undefined;

/** @fastify/send on first use, set up as @fastify/static sets it up when it loads. */
function loadSend(): Promise<Send> {
  sender ??= import('@fastify/send').then((module) => {
    const send = (module.default ?? module) as unknown as typeof SendModule;
    (send.mime as { default_type?: string }).default_type = 'application/octet-stream';
    return send.send;
  });
  return sender;
}

/**
 * The path below the prefix, decoded as send expects it; undefined when it cannot be decoded.
 * (@fastify/static's getPathnameForSend, for a prefix without parameters.)
 */
export function pathnameForSend(url: string, prefix: string): string | undefined {
  const questionMark = url.indexOf('?');
  const end = questionMark === -1 ? url.length : questionMark;
  if (prefix.length > end || !url.startsWith(prefix)) return undefined;
  let pathname = url.slice(prefix.length, end);
  if (pathname === '') pathname = '/';
  else if (!pathname.startsWith('/')) pathname = `/${pathname}`;
  try {
    return decodeURI(pathname);
  } catch {
    return undefined;
  }
}

/**
 * GET and HEAD `${prefix}*`: immutable files cached for a year, no directory listing, no index
 * file, dotfiles refused; anything not a file is fastify's 404.
 */
export function addStaticAssets(app: FastifyInstance, options: StaticAssetsOptions): void {
  const sendOptions = {
    root: options.root,
    dotfiles: 'deny' as const,
    immutable: true,
    index: false as const,
    maxAge: '1y',
  };
  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const pathname = pathnameForSend(request.raw.url ?? '', options.prefix);
    if (!pathname) return void reply.callNotFound();
    const send = await loadSend();
    // send URI-decodes the path, so it is given encoded.
    const result = await send(request.raw, encodeURI(pathname), sendOptions);
    switch (result.type) {
      case 'directory':
        // No index files: a folder is not found, with or without its trailing slash.
        return void reply.callNotFound();
      case 'error': {
        const error = result.metadata.error as Error & { code?: string; status?: number };
        // A missing file, or send's own 404 (a path it refuses before looking).
        if (error.code === 'ENOENT' || error.status === 404) return void reply.callNotFound();
        await reply.send(error);
        return;
      }
      case 'file':
        // A status set by an earlier hook wins over send's (200, 206, 304, 412, 416).
        reply.code(reply.statusCode !== 200 ? reply.statusCode : result.statusCode);
        reply.headers(result.headers);
        await reply.send(result.stream);
    }
  };
  app.route({
    method: ['HEAD', 'GET'],
    url: `${options.prefix}*`,
    // As in @fastify/static, the handler returns at once and `serve` sends the reply.
    handler: (request, reply) => {
      serve(request, reply).catch((error: unknown) => {
        if (!reply.sent) void reply.send(error);
      });
    },
    errorHandler(error, request, reply) {
      // A client that went away while its file was streaming: nothing left to answer.
      if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        request.raw.destroy();
        return;
      }
      return app.errorHandler(error, request, reply);
    },
  });
}
