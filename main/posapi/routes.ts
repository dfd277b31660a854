// The POS API, declared once: each route's method and path, the agent operation it is (and how
// the request makes that operation's input), its success statuses, the errors it documents, and
// who may call it. Fastify's routes (register.ts) and /v1/openapi.json (openapi.ts) are both made
// from this table, so the document cannot drift from what is served.
import { dayReportCsv, type ErrorCode } from '../agent';
import { customRoute, operationRoute, type Callers, type Route } from './route';
import { eventsHandler, MAX_EVENT_STREAMS } from './sse';

const POS: Callers = ['pos'];
/** What a metrics scraper may read with metrics.token; the POS's token reads it too. */
const POS_OR_METRICS: Callers = ['pos', 'metrics'];

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
const CARD: readonly ErrorCode[] = [
  'NOT_FOUND',
  'NOT_A_GIFT_CARD',
  'CARD_NOT_FOUND',
  'PIN_REQUIRED',
  'CARD_NOT_ACTIVE',
];

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
      'Extension: the seven troubleshooting checks (as `diagnose` prints them), each PASS, FAIL or NOT_CHECKED (could not be run, with why) with what to do.',
    callers: POS,
    errors: [],
  }),
  customRoute({
    method: 'GET',
    path: '/v1/metrics',
    operationId: 'metrics',
    summary:
      '1.1: fleet metrics in the Prometheus text format (0.0.4), for Prometheus to scrape. The bearer token is metrics.token (it reads this and nothing else) or the POS token.',
    description: `till_agent_info{version,site_id,till_id} 1; till_agent_centegra_online 0|1; till_agent_queue_items{state=pending|in_flight|failed}; till_agent_queue_oldest_pending_age_seconds; till_agent_deliveries_total{result=delivered|refused|retry}; till_agent_centegra_request_duration_seconds (histogram, label operation); till_agent_scans_total{result=card|refused}; till_agent_scanners_connected; till_agent_storage_ok 0|1; and the standard process_* and nodejs_* metrics.
No card number, no secret and no scanned text is in any label. With metrics.otlp the same metrics are also pushed to an OpenTelemetry collector.`,
    callers: POS_OR_METRICS,
    errors: [],
    responses: { 200: { description: 'OK', contentType: 'text/plain' } },
    handler:
      ({ agent }) =>
      async (_request, reply) =>
        reply.type(agent.metrics.contentType).send(await agent.metrics.exposition()),
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
    outcomes: { field: 'state', status: { DONE: 200, PENDING: 202, FAILED: 200, VOIDING: 200, VOIDED: 200 } },
    summary: 'Activate or top up a card.',
    description: `The top-up is written to disk before Centegra Plus is asked, and asked with the same request id until it has an answer, so a lost answer never loads a card twice or leaves the till not knowing. 200 DONE; 202 PENDING when Centegra did not answer in time (the topup event and GET /topups/{topUpId} tell the outcome later); 503 OFFLINE when Centegra is known to be unreachable (nothing recorded); 422 TOPUP_LIMIT over topUps.maxMinor. The same topUpId with the same body answers the first result again; with another body 409 CONFLICT. requestId (1.0) is accepted as the topUpId.`,
    callers: POS,
    errors: ['TOPUP_LIMIT', 'CONFLICT', ...CARD, ...CENTEGRA, 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/topups',
    operation: 'listTopUps',
    query: ['date'],
    summary: 'The top-ups of one local day (default today), newest first.',
    callers: POS,
    errors: [],
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/topups/:topUpId',
    operation: 'getTopUp',
    summary: 'One top-up, as it stands.',
    callers: POS,
    errors: ['NOT_FOUND'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/topups/:topUpId/void',
    operation: 'voidTopUp',
    summary: 'Void a DONE top-up: queued like a basket void; VOIDING until Centegra confirms, then VOIDED.',
    description: '409 CONFLICT when it is not DONE (still PENDING, or FAILED).',
    callers: POS,
    errors: ['NOT_FOUND', 'CONFLICT', 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/refunds',
    operation: 'refund',
    body: true,
    outcomes: {
      field: 'state',
      status: { DELIVERED: 200, QUEUED: 202, FAILED: 200, VOIDING: 200, VOIDED: 200 },
    },
    summary: 'Put money back on a gift card (returned goods).',
    description: `Durable and exactly once like a close: 200 DELIVERED when Centegra confirmed within closeWaitMs, 202 QUEUED otherwise. With originalBasketId the card must have paid in that basket, and refunds to it for that basket may not exceed what it paid (422 CARD_NOT_IN_BASKET, REFUND_EXCEEDS_ORIGINAL). The same refundId with the same body answers the first result again; with another body 409 CONFLICT. 422 NOT_SUPPORTED where Centegra Plus does not offer refunds.`,
    callers: POS,
    errors: [
      'CARD_NOT_IN_BASKET',
      'REFUND_EXCEEDS_ORIGINAL',
      'NOT_SUPPORTED',
      'CONFLICT',
      ...CARD,
      ...CENTEGRA,
      'STORAGE_FAILED',
    ],
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/refunds/:refundId',
    operation: 'getRefund',
    summary: 'One refund, as it stands.',
    callers: POS,
    errors: ['NOT_FOUND'],
  }),
  operationRoute({
    method: 'POST',
    path: '/v1/refunds/:refundId/void',
    operation: 'voidRefund',
    summary: 'Extension: void a refund (queued after it; VOIDING until Centegra confirms, then VOIDED).',
    callers: POS,
    errors: ['NOT_FOUND', 'CONFLICT', 'STORAGE_FAILED'],
  }),
  operationRoute({
    method: 'GET',
    path: '/v1/reports/day',
    operation: 'dayReport',
    query: ['date'],
    formats: {
      csv: {
        contentType: 'text/csv; charset=utf-8',
        render: (report) => ({
          body: dayReportCsv(report),
          filename: `till-agent-day-${report.siteId}-${report.tillId}-${report.date}.csv`,
        }),
      },
    },
    summary: "The day report: this till's gift card activity on one local day (default today).",
    description: `Each figure is {count, totalMinor}. redeemed: gift card tenders of baskets closed that day and confirmed by Centegra, less those voided; pending: closed that day, not yet confirmed; failed: refused at delivery and not yet resolved by a manager; resolved: failed items a manager settled (collected or written off); topUps: DONE top-ups that day, less voided; refunds: DELIVERED refunds that day, less voided; voided: redemptions, top-ups and refunds of that day that were voided. format=csv gives the same as CSV.`,
    callers: POS,
    errors: [],
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
