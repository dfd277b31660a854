// The POS API, declared once: each route's method and path, the agent operation it is (and how
// the request makes that operation's input), its success statuses, the errors it documents, and
// who may call it. Fastify's routes (register.ts) and /v1/openapi.json (openapi.ts) are both made
// from this table, so the document cannot drift from what is served.
import type { ErrorCode } from '../agent';
import { customRoute, operationRoute, type Callers, type Route } from './route';
import { eventsHandler, MAX_EVENT_STREAMS } from './sse';

const POS: Callers = ['pos'];

/** What asking Centegra Plus can fail with. */
const CENTEGRA: readonly ErrorCode[] = [
  'OFFLINE',
  'CENTEGRA_KEY_DISABLED',
  'FACTOR4_UNAVAILABLE',
  'SITE_NOT_CONFIGURED',
  'RATE_LIMITED',
  'CENTEGRA_ERROR',
];
/** What reading a card (scanned or keyed) can fail with. */
const CARD: readonly ErrorCode[] = ['NOT_FOUND', 'NOT_A_GIFT_CARD', 'CARD_NOT_FOUND', 'CARD_NOT_ACTIVE'];

export const posRoutes: readonly Route[] = [
  operationRoute({
    method: 'GET',
    path: '/v1/health',
    operation: 'health',
    summary: 'Agent, Centegra link, queue and scanner state at a glance.',
    callers: POS,
    errors: [],
  }),
  customRoute({
    method: 'GET',
    path: '/v1/events',
    operationId: 'events',
    summary: 'Server-sent events, resumable with Last-Event-ID.',
    description: `Event types: scan (a Scan), card (a Card, after the automatic inquiry that follows a valid scan), basket (a Basket), queue ({pending, failed}), centegra ({state}).
Extensions: cardError ({scanId, error: {code, message}}: the automatic inquiry after a valid scan failed, e.g. offline), scanners ({scanners: [...]}: a scanner connected or disconnected), storage ({ok, problem?}: the till could not store something, or can again), resync ({reason}: sent first when a resumed stream missed events it cannot replay; read /health and /scans again).
At most ${MAX_EVENT_STREAMS} streams are open at once (a POS needs one): the next is 503 RATE_LIMITED with Retry-After until one closes.`,
    callers: POS,
    errors: ['RATE_LIMITED'],
    parameters: [
      {
        name: 'Last-Event-ID',
        in: 'header',
        schema: { type: 'string' },
        description: 'the id of the last event read: the stream resumes after it',
      },
      {
        name: 'lastEventId',
        in: 'query',
        schema: { type: 'string' },
        description: 'the same, for clients that cannot set the header',
      },
    ],
    responses: { 200: { description: 'OK', contentType: 'text/event-stream' } },
    handler: ({ agent, log }) => eventsHandler(agent, log),
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/diagnostics',
    operation: 'diagnostics',
    summary:
      'Extension: the six troubleshooting checks (as `diagnose` prints them), each PASS or FAIL with what to do.',
    callers: POS,
    errors: [],
  }),
  customRoute({
    method: 'GET',
    path: '/v1/support-bundle',
    operationId: 'supportBundle',
    summary:
      'Extension: one zip for support (logs, config with secrets redacted, diagnostics, queue, scanners, versions); no card number and no secret in it.',
    callers: POS,
    errors: [],
    responses: { 200: { description: 'OK', contentType: 'application/zip' } },
    handler:
      ({ agent, log }) =>
      async (_request, reply) => {
        const bundle = await agent.supportBundle();
        log.info({ filename: bundle.filename }, 'support bundle fetched through the POS API');
        return reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${bundle.filename}"`)
          .send(Buffer.from(bundle.zip));
      },
  }),
  customRoute({
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'openApi',
    summary: 'This document, as JSON.',
    callers: POS,
    errors: [],
    responses: { 200: { description: 'OK', contentType: 'application/json', schema: { type: 'object' } } },
    handler:
      ({ openApi }) =>
      async (_request, reply) =>
        reply.send(openApi()),
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/scans',
    operation: 'listScans',
    query: ['after'],
    summary: 'The most recent scans, newest first (the agent keeps at least the last 100).',
    callers: POS,
    errors: [],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/cards/inquiry',
    operation: 'inquireCard',
    body: true,
    summary: 'Status and balance of a scanned (scanId) or keyed (cardNumber, pin) card.',
    callers: POS,
    errors: [...CARD, ...CENTEGRA],
  }),
  operationRoute({
    method: 'PUT',
    path: '/v1/baskets/:basketId',
    operation: 'putBasket',
    body: true,
    summary: 'Open the basket, or replace its lines and total while it is OPEN.',
    description: 'Lines must add up to the total.',
    callers: POS,
    errors: ['BASKET_NOT_OPEN', 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/baskets/:basketId',
    operation: 'getBasket',
    summary: 'The basket as the agent holds it.',
    callers: POS,
    errors: ['NOT_FOUND'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/baskets/:basketId/gift-cards',
    operation: 'applyGiftCard',
    body: true,
    summary: 'Apply a gift card as tender: takes min(balance, dueMinor, maxAmountMinor).',
    description:
      'Send either scanId or cardNumber (with pin if the card has one). Several cards may be applied to one basket; the same card twice is refused (409 CARD_ALREADY_APPLIED).',
    callers: POS,
    errors: [
      'BASKET_NOT_OPEN',
      'CARD_ALREADY_APPLIED',
      'ZERO_BALANCE',
      'NOTHING_DUE',
      ...CARD,
      ...CENTEGRA,
      'STORAGE_FAILED',
    ],
  }),
  operationRoute({
    method: 'DELETE',
    path: '/v1/baskets/:basketId/gift-cards/:tenderId',
    operation: 'removeGiftCard',
    summary: 'Take a gift card tender off an OPEN basket.',
    callers: POS,
    errors: ['NOT_FOUND', 'BASKET_NOT_OPEN', 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/baskets/:basketId/close',
    operation: 'closeBasket',
    body: true,
    outcomes: { field: 'state', status: { DELIVERED: 200, QUEUED: 202 } },
    summary: 'Close the basket. Other tenders plus gift card tenders must equal the total.',
    description: `The agent stores the closure durably (on disk before it answers), then sends it to Centegra Plus. 200 DELIVERED when Centegra confirmed within closeWaitMs (config, default 3000); 202 QUEUED when it will be sent later.
422 INSUFFICIENT_FUNDS when Centegra refused it synchronously: then nothing was redeemed and the basket is OPEN again for another tender. Closing a CLOSED basket again answers its first result (idempotent).`,
    callers: POS,
    errors: ['NOT_FOUND', 'BASKET_NOT_OPEN', 'TENDER_MISMATCH', 'INSUFFICIENT_FUNDS', 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/baskets/:basketId/void',
    operation: 'voidBasket',
    summary:
      'Void an OPEN basket (nothing to send), or a CLOSED one (queues a Factor4 void of its redemptions).',
    callers: POS,
    errors: ['NOT_FOUND', 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/topups',
    operation: 'topUp',
    body: true,
    summary: 'Activate or top up a card. Online only (503 OFFLINE otherwise).',
    description: `Send either scanId or cardNumber. Extension: requestId, the POS's own key for this top-up: sent again with the same requestId, a top-up is applied once.
504 OUTCOME_UNKNOWN when Centegra's answer was lost even after retrying: the card may or may not have been loaded, so check its balance before trying again.`,
    callers: POS,
    errors: [...CARD, ...CENTEGRA, 'OUTCOME_UNKNOWN'],
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/queue',
    operation: 'listQueue',
    query: 'all',
    summary: 'The offline queue, newest first.',
    callers: POS,
    errors: [],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/queue/:itemId/retry',
    operation: 'retryQueueItem',
    summary: 'Send a PENDING or FAILED item now, ignoring its backoff.',
    callers: POS,
    errors: ['NOT_FOUND'],
  }),
];
