// Bodies in and answers out. A body is parsed here rather than by Fastify's parser, so a non-JSON
// body reaches the simulator's own fault order (down and latency act before its 400 does).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, type Answer } from './answers';

export type JsonBody = { ok: true; value: unknown } | { ok: false; answer: Answer; raw?: string };

const RAW_PREVIEW_CHARS = 1000;

export function readJsonBody(request: FastifyRequest): JsonBody {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  const preview = raw.length > RAW_PREVIEW_CHARS ? `${raw.slice(0, RAW_PREVIEW_CHARS)}…` : raw;
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json') {
    return {
      ok: false,
      raw: preview,
      answer: badRequest(`body: Content-Type must be application/json, not "${mediaType || '(none)'}"`),
    };
  }
  if (raw.trim() === '')
    return { ok: false, raw: preview, answer: badRequest('body: is required (a JSON object)') };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, raw: preview, answer: badRequest(`body: is not valid JSON (${why})`) };
  }
}

export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  return reply.code(answer.status).type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
}
