// WebSocket routes on the POS API's server, as @fastify/websocket made them (an upgrade is routed
// through fastify, so the guard's hooks judge it before it is accepted), but with `ws` loaded
// when the first screen connects rather than at every start: a till serving only the POS API
// never loads it, and @fastify/websocket brought ws, duplexify and readable-stream with it
// (~130 KB of source to compile at start).
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { WebSocket, WebSocketServer } from 'ws';

export type WebSocketHandler = (socket: WebSocket, request: FastifyRequest) => void;

export interface WebSocketRoutes {
  /** A GET route that accepts an upgrade to a WebSocket (a plain GET is 404). */
  get(path: string, handler: WebSocketHandler): void;
}

const kSocket = Symbol('ws-socket');
const kHead = Symbol('ws-head');
interface UpgradeRequest extends IncomingMessage {
  [kSocket]?: Duplex;
  [kHead]?: Buffer;
}

function notFound(_request: FastifyRequest, reply: FastifyReply) {
  void reply.code(404).send();
}

/** Until ws takes the socket over: an error on it (the client gone) only closes it. */
function onUpgradeSocketError(this: Duplex) {
  this.destroy();
}

/**
 * Routes upgrade requests through `app` from now on. Each route added after this call answers an
 * upgrade: a route added with `get` hands the WebSocket to its handler, any other accepts and
 * closes it (as @fastify/websocket did); routes added before it are left as they are.
 */
export function webSocketRoutes(app: FastifyInstance, options: { maxPayload: number }): WebSocketRoutes {
  let wss: Promise<WebSocketServer> | undefined;
  let created: WebSocketServer | undefined;
  const server = () =>
    (wss ??= import('ws').then(({ WebSocketServer }) => {
      created = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
      return created;
    }));
  const handlers = new Map<RouteHandlerMethod, WebSocketHandler>();

  const onUpgrade = (raw: UpgradeRequest, socket: Duplex, head: Buffer) => {
    // Node removes its socket error listener before emitting 'upgrade': keep the socket guarded
    // while fastify runs the hooks and routes the request.
    socket.on('error', onUpgradeSocketError);
    raw[kSocket] = socket;
    raw[kHead] = head;
    const response = new ServerResponse(raw);
    try {
      response.assignSocket(socket as Socket);
      app.routing(raw, response);
    } catch (err) {
      app.log.warn({ err }, 'websocket upgrade failed');
    }
  };
  app.server.on('upgrade', onUpgrade);

  const upgrade = (request: FastifyRequest, accepted: (socket: WebSocket) => void) => {
    const raw = request.raw as UpgradeRequest;
    server().then(
      (wss) => {
        // ws puts its own error listener on the socket in handleUpgrade.
        raw[kSocket]!.removeListener('error', onUpgradeSocketError);
        wss.handleUpgrade(raw, raw[kSocket]!, raw[kHead]!, (socket) => {
          wss.emit('connection', socket, raw);
          accepted(socket);
        });
      },
      (err: unknown) => {
        app.log.warn({ err }, 'websocket upgrade failed');
        raw[kSocket]!.destroy();
      },
    );
  };

  // An upgrade answered over HTTP (refused by a hook, not found) leaves no socket behind.
  app.addHook('onResponse', (request, _reply, done) => {
    (request.raw as UpgradeRequest)[kSocket]?.destroy();
    done();
  });

  app.addHook('onRoute', (routeOptions) => {
    const handler = routeOptions.handler;
    const webSocket = handlers.get(handler);
    const methods = Array.isArray(routeOptions.method) ? routeOptions.method : [routeOptions.method];
    if (webSocket && methods.every((method) => method === 'HEAD')) return; // HEAD cannot upgrade: 404
    routeOptions.handler = function (this: FastifyInstance, request, reply) {
      if (!(request.raw as UpgradeRequest)[kSocket]) return handler.call(this, request, reply);
      void reply.hijack();
      upgrade(request, (socket) => {
        socket.on('error', (error) => {
          request.log.error(error);
          socket.terminate();
        });
        if (!webSocket) {
          this.log.info(
            { path: request.url },
            'closed incoming websocket connection for path with no websocket handler',
          );
          socket.close();
          return;
        }
        try {
          webSocket(socket, request);
        } catch (error) {
          request.log.error(error);
          socket.terminate();
        }
      });
    };
  });

  app.addHook('preClose', (done) => {
    app.server.removeListener('upgrade', onUpgrade);
    if (created) {
      for (const client of created.clients) client.close();
      created.close();
    }
    done();
  });

  return {
    get(path, handler) {
      // Its own function per route: the onRoute hook knows the route by it.
      const plain: RouteHandlerMethod = (request, reply) => notFound(request, reply);
      handlers.set(plain, handler);
      app.get(path, plain);
    },
  };
}
