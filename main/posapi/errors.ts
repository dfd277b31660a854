// Every refusal in the contract's envelope, `{ error: { code, message } }`, with a message fit
// for a cashier: fastify's own errors (bodies, content types), faults, and unknown paths.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusOf, type ApiError, type ErrorCode, type Logger } from '../agent';
import { BAD_BODY } from './body';

/**
 * The path of a request as a log line names it: never its query string, which can carry a key
 * (the UI's `?session=`) or card data a caller put there.
 */
export function pathOf(request: Pick<FastifyRequest, 'url'>): string {
  return (request.url.split('?')[0] ?? '').slice(0, 100);
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  status = httpStatusOf[code],
  details?: Record<string, number>,
): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(details ? { details } : {}) } satisfies ApiError });
}

const INTERNAL_MESSAGE =
  'Till Agent made a mistake handling this request. Try again; if it keeps happening, send a support bundle to IT.';

export function answerErrors(app: FastifyInstance, options: { bodyLimitBytes: number; log: Logger }): void {
  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, request, reply) => {
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(
          reply,
          'PAYLOAD_TOO_LARGE',
          `The request body is larger than ${Math.round(options.bodyLimitBytes / 1024)} KB.`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(
          reply,
          'BAD_REQUEST',
          'Send the body as JSON with "Content-Type: application/json".',
          415,
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 'BAD_REQUEST', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, 'BAD_REQUEST', 'The Content-Length header does not match the body.');
      case BAD_BODY:
        return sendError(reply, 'BAD_REQUEST', error.message);
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendError(
        reply,
        'BAD_REQUEST',
        /prototype|constructor/i.test(error.message)
          ? 'The request body uses a reserved key (__proto__ or constructor).'
          : 'The request body is not valid JSON.',
      );
    }
    options.log.error({ err: error, path: pathOf(request) }, 'POS API fault');
    return sendError(reply, 'INTERNAL', INTERNAL_MESSAGE);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      'NOT_FOUND',
      `There is no ${request.method} ${request.url.split('?')[0]?.slice(0, 100)} in this API. See /v1/openapi.json.`,
    ),
  );
}
