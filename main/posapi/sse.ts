// Server-sent events for the POS: every agent event as `id/event/data`, resumable with
// Last-Event-ID, a heartbeat so proxies and dead peers are noticed, and a slow reader cut off
// before it can grow the agent's memory, and a cap on how many streams are open at once.
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Agent, AgentEvent, Logger } from '../agent';
import { sendError } from './errors';
import { tokenStillInUse } from './guard';

const HEARTBEAT_MS = 15_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Each POS needs one event stream; the cap stops a runaway client exhausting sockets and memory. */
export const MAX_EVENT_STREAMS = 32;

export function formatEvent(event: AgentEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * Streams until the client goes; `onClose` runs exactly once when it has. A stream whose token is
 * no longer in use (`allowed`, changed on the Settings screen) ends at its next event or heartbeat:
 * the POS reconnects, and must then send the new token.
 */
export function streamEvents(
  reply: FastifyReply,
  agent: Agent,
  lastEventId: string | undefined,
  onClose: () => void = () => {},
  allowed: () => boolean = () => true,
): void {
  // Headers set before the hijack (CORS for a configured browser POS) are sent with the stream.
  const earlier = reply.getHeaders() as OutgoingHttpHeaders;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...earlier,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  res.write('retry: 2000\n\n');
  let unsubscribe = () => {};
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const revoked = () => {
    if (allowed()) return false;
    stop();
    res.end();
    return true;
  };
  const heartbeat = setInterval(() => {
    if (!revoked()) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  res.once('close', () => {
    stop();
    onClose();
  });
  unsubscribe = agent.subscribe((event) => {
    if (revoked()) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      stop();
      res.destroy();
      return;
    }
    res.write(formatEvent(event));
  }, lastEventId);
}

/** The /v1/events handler of one server: it counts that server's open streams. */
export function eventsHandler(agent: Agent, log: Logger) {
  let open = 0;
  return (request: FastifyRequest, reply: FastifyReply): void => {
    if (open >= MAX_EVENT_STREAMS) {
      log.warn({ open }, 'refused: too many event streams');
      sendError(
        reply.header('retry-after', '5'),
        'RATE_LIMITED',
        `Till Agent already has ${MAX_EVENT_STREAMS} event streams open, the most it allows. A POS needs only one: close the ones it no longer reads, then try again.`,
        503,
      );
      return;
    }
    const lastEventId =
      (request.headers['last-event-id'] as string | undefined) ??
      (request.query as { lastEventId?: string }).lastEventId;
    open++;
    streamEvents(reply, agent, lastEventId, () => open--, tokenStillInUse(request));
  };
}
