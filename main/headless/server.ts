// The cashier and manager screens in a plain browser: the built renderer served over HTTP on the
// POS API's server, with window.tillAgent provided by a WebSocket bridge. A browser gets in only
// through the session link the agent prints (a cookie, SameSite=Strict, that expires); the bridge
// also checks that the page is the agent's own origin, so no other web page can drive it.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Agent, Logger, OperationName } from '../agent';
import { operationNames } from '../agent';
import { boundListen, secretEquals, selfOrigins, type Listen } from '../posapi';
import { RENDERER_CSP } from '../runtime';
import { bridgeDist, rendererDist } from './assets';
import { BRIDGE_PATH, type BridgeMessage } from './browser';
import { addStaticAssets } from './static-assets';
import { webSocketRoutes } from './websocket';

export interface HeadlessUiOptions {
  agent: Agent;
  uiToken: string;
  listen: Listen;
  log: Logger;
}

const COOKIE = 'till_agent_ui';
/** A browser signed in stays in for a shop's day; after that, the printed link again. */
export const SESSION_COOKIE_MAX_AGE_S = 12 * 60 * 60;
/** Browsers signed in at once (each sign-in is its own cookie); the oldest goes first. */
const MAX_SIGNED_IN = 64;
const MAX_MESSAGE_BYTES = 64 * 1024;
/**
 * Screens open at once: a till shows one, a manager may open another; a screen stuck in a
 * reconnect loop must not hold the agent's memory and event subscribers without bound.
 */
export const MAX_BRIDGES = 8;

const BridgeRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.int().min(0), op: z.string().max(64), input: z.unknown() }),
  z.object({ type: z.literal('subscribe'), lastEventId: z.string().max(64).optional() }),
]);

function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** The index page with the bridge loaded before the app. */
function loadIndexHtml(): string {
  const html = fs.readFileSync(path.join(rendererDist, 'index.html'), 'utf8');
  const at = html.indexOf('<script');
  const tag = '<script src="./bridge.js"></script>\n    ';
  return at === -1 ? html.replace('</head>', `${tag}</head>`) : html.slice(0, at) + tag + html.slice(at);
}

const SIGN_IN_PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Till Agent</title></head>
<body><main><h1>Till Agent</h1><p>Open the address Till Agent printed when it started (it ends with <code>?session=…</code>).
It is printed again at every start.</p></main></body></html>`;

export async function addHeadlessUi(app: FastifyInstance, options: HeadlessUiOptions): Promise<void> {
  const { agent, uiToken, log } = options;
  const indexHtml = loadIndexHtml();
  const bridgeJs = fs.readFileSync(bridgeDist, 'utf8');
  let origins: Set<string> | undefined;
  let bridges = 0;
  // Each sign-in gets its own cookie, known only to this process and only until it expires: a
  // restart or a day signs every browser out, and the cookie is not the printed link's key.
  const cookies = new Map<string, number>();
  const signIn = () => {
    const now = Date.now();
    for (const [value, expires] of cookies) if (expires <= now) cookies.delete(value);
    while (cookies.size >= MAX_SIGNED_IN) cookies.delete(cookies.keys().next().value!);
    const value = randomBytes(32).toString('base64url');
    cookies.set(value, now + SESSION_COOKIE_MAX_AGE_S * 1000);
    return value;
  };
  const signedIn = (request: FastifyRequest) => {
    const cookie = readCookie(request, COOKIE);
    const expires = cookie === undefined ? undefined : cookies.get(cookie);
    return expires !== undefined && expires > Date.now();
  };

  // The file sender and ws are loaded when a screen first asks for them, not at start.
  const webSockets = webSocketRoutes(app, { maxPayload: MAX_MESSAGE_BYTES });
  addStaticAssets(app, { root: path.join(rendererDist, 'assets'), prefix: '/assets/' });

  app.get('/', async (request, reply) => {
    const { session } = request.query as { session?: string };
    if (session !== undefined) {
      if (!secretEquals(session, uiToken))
        return reply.code(401).type('text/html; charset=utf-8').send(SIGN_IN_PAGE);
      return reply
        .header(
          'set-cookie',
          `${COOKIE}=${signIn()}; Max-Age=${SESSION_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict; Path=/${options.listen.secure ? '; Secure' : ''}`,
        )
        .redirect('/', 303);
    }
    if (!signedIn(request)) return reply.code(401).type('text/html; charset=utf-8').send(SIGN_IN_PAGE);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', RENDERER_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .send(indexHtml);
  });

  app.get('/bridge.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(bridgeJs),
  );

  webSockets.get(BRIDGE_PATH, (socket, request) => {
    const origin = request.headers.origin?.toLowerCase();
    origins ??= selfOrigins(boundListen(app, options.listen));
    if (!origin || !origins.has(origin) || !signedIn(request)) {
      log.warn(
        { origin: origin?.slice(0, 100) },
        'refused: UI bridge without session or from a foreign page',
      );
      socket.close(1008, 'not allowed');
      return;
    }
    if (bridges >= MAX_BRIDGES) {
      log.warn({ open: bridges }, 'refused: too many screens connected');
      // 1013 "try again later": the screen's bridge reconnects after a pause.
      socket.close(1013, 'too many screens');
      return;
    }
    bridges++;
    let unsubscribe: (() => void) | undefined;
    const send = (message: BridgeMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    socket.on('message', (data: Buffer) => {
      let parsed: z.infer<typeof BridgeRequest>;
      try {
        parsed = BridgeRequest.parse(JSON.parse(data.toString()));
      } catch {
        socket.close(1003, 'bad message');
        return;
      }
      if (parsed.type === 'subscribe') {
        unsubscribe?.();
        unsubscribe = agent.subscribe((event) => send({ type: 'event', event }), parsed.lastEventId);
        return;
      }
      const { id, op, input } = parsed;
      if (!(operationNames as readonly string[]).includes(op)) {
        send({
          type: 'result',
          id,
          result: { ok: false, error: { code: 'NOT_FOUND', message: `There is no operation called ${op}.` } },
        });
        return;
      }
      void agent.call(op as OperationName, input).then((result) => send({ type: 'result', id, result }));
    });
    socket.on('close', () => {
      bridges--;
      unsubscribe?.();
    });
  });
}
