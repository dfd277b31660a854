// JSON request bodies, read strictly: bytes that are not UTF-8 are refused (fastify's parser
// turns them into U+FFFD and carries on), and so are numbers JavaScript would round, and
// __proto__ / constructor keys. What is refused reaches the error handler as a BodyError.
import type { FastifyInstance } from 'fastify';
import { inexactNumber } from './security';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The fastify error code of a body refused here; its message is fit for the POS (errors.ts). */
export const BAD_BODY = 'TILL_AGENT_BAD_BODY';

class BodyError extends Error {
  readonly statusCode = 400;
  readonly code = BAD_BODY;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function readJsonStrictly(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      return done(new BodyError('The request body is not valid UTF-8: send JSON encoded as UTF-8.'));
    }
    json(request, text, (error, value) => {
      if (error) return done(error);
      const inexact = inexactNumber(text);
      if (inexact !== undefined) {
        return done(
          new BodyError(
            `The number ${inexact.slice(0, 40)} cannot be read exactly. Amounts are whole numbers of pence (at most 9007199254740991); send card numbers as text.`,
          ),
        );
      }
      done(null, value);
    });
  });
}
