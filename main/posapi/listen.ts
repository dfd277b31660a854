// The HTTP(S) server the POS API runs on, and the address it actually bound. Fastify leaves
// Node's generous timeouts in place; here a slow client cannot hold a socket for long.
import http from 'node:http';
import https from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { Listen } from './security';

/** A POS on the same till sends its headers in microseconds: a client this slow is holding a socket. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** The whole request (headers and a body of at most 64 KB). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Open sockets at once, whatever they are doing; past this new connections are dropped. */
export const MAX_CONNECTIONS = 256;

export interface Tls {
  cert: string | Buffer;
  key: string | Buffer;
}

/**
 * Fastify's serverFactory: HTTPS when a certificate is given, and the timeouts fastify leaves off:
 * headers and body must arrive within a few seconds (slow-loris), checked every second rather
 * than Node's 30 s.
 */
export function createServer(tls: Tls | undefined) {
  return (handler: http.RequestListener): http.Server => {
    const timeouts = {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: 72_000,
    };
    const server = tls
      ? (https.createServer(
          {
            ...timeouts,
            cert: tls.cert,
            key: tls.key,
            minVersion: 'TLSv1.2',
            handshakeTimeout: HEADERS_TIMEOUT_MS,
          },
          handler,
        ) as unknown as http.Server)
      : http.createServer(timeouts, handler);
    server.maxConnections = MAX_CONNECTIONS;
    return server;
  };
}

/** The address actually bound: the configured one, with the real port when it was 0. */
export function boundListen(app: FastifyInstance, listen: Listen): Listen {
  const address = app.server.address();
  return listen.port === 0 && address && typeof address === 'object'
    ? { ...listen, port: address.port }
    : listen;
}
