// The HTTP client for Centegra Plus: timeouts on every call, TLS verification always on
// (plain http only to this machine), bounded answers, and every failure mapped to a CentegraFailure.
import { Agent as HttpAgent } from './undici-client';
import { isLoopbackHost } from '../config';
import type { CardStatus } from '../contract';
import { Deadlines } from './deadlines';
import { httpFailure, networkFailure, unreadableAnswer, type CentegraFailure } from './failures';
import {
  API_KEY_HEADER,
  CardResponse,
  CloseResponse,
  ErrorResponse,
  HoldResponse,
  StatusResponse,
  TransactionResponse,
  VoidResponse,
  capabilityNames,
  closeBody,
  holdBody,
  inquiryBody,
  issuanceBody,
  paths,
  refundBody,
  releaseHoldBody,
  voidBody,
  type CardRef,
  type Closure,
  type Till,
} from './wire';
import type { z } from 'zod';

export type CentegraResult<T> =
  { ok: true; value: T; replayed?: boolean } | { ok: false; error: CentegraFailure };

/** What a Centegra offers beyond 1.0 (its /status says); holds and refunds are used only where listed. */
export type Capability = 'HOLDS' | 'REFUNDS';

export interface CentegraStatus {
  factor4: 'UP' | 'DEGRADED' | 'DOWN';
  serverTime: string;
  /** Empty for a 1.0 Centegra, which lists none. */
  capabilities: Capability[];
}

export interface CardInfo {
  cardNumber: string;
  status: CardStatus;
  balanceMinor: number;
  currency: string;
  expiresOn?: string;
}

/** A Factor4 transaction as Centegra reported it (REDEMPTION at close, ISSUANCE at top-up, REFUND, VOID). */
export interface GiftCardTransaction {
  cardNumber: string;
  kind: 'REDEMPTION' | 'ISSUANCE' | 'REFUND' | 'VOID';
  amountMinor: number;
  currency: string;
  transactionId: string;
  approvalCode?: string;
  balanceAfterMinor: number;
  /** The hold a REDEMPTION captured (1.1). */
  holdId?: string;
}

/** Part of a card's balance kept for one basket (Factor4 Hold), so it cannot be spent elsewhere first. */
export interface CardHold {
  holdId: string;
  cardNumber: string;
  state: 'HELD' | 'CAPTURED' | 'RELEASED' | 'EXPIRED';
  amountMinor: number;
  currency: string;
  /** What the card can still spend elsewhere while this hold stands. */
  balanceAfterMinor: number;
  expiresAt: string;
}

export interface HoldRequest {
  requestId: string;
  basketId: string;
  card: CardRef;
  amountMinor: number;
  currency: string;
  /** 60..86400; the hold lapses by itself after this. */
  ttlSeconds: number;
}

export interface RefundRequest {
  requestId: string;
  /** The till's own id for this refund. */
  refundId: string;
  card: CardRef;
  amountMinor: number;
  currency: string;
  /** The requestId of the basket close that took the money: Centegra then caps the refund at it. */
  originalRequestId?: string;
  reason?: string;
}

/** Everything the agent asks of Centegra Plus. Tests and the offline layer depend on this, not on HTTP. */
export interface Centegra {
  status(): Promise<CentegraResult<CentegraStatus>>;
  inquire(card: CardRef): Promise<CentegraResult<CardInfo>>;
  /** Activate or top up (Factor4 Gift Issuance). Moves money: idempotent by requestId. */
  issue(
    requestId: string,
    card: CardRef,
    amountMinor: number,
    currency: string,
  ): Promise<CentegraResult<GiftCardTransaction>>;
  /** Hand a closed basket back and redeem its gift card tenders, all or none. Idempotent by requestId. */
  closeBasket(closure: Closure): Promise<CentegraResult<GiftCardTransaction[]>>;
  /** Void an earlier issuance, refund or basket by its requestId. Idempotent by its own requestId. */
  voidTransaction(
    requestId: string,
    originalRequestId: string,
  ): Promise<CentegraResult<GiftCardTransaction[]>>;
  /** Hold part of a card for a basket (Factor4 Hold; capability HOLDS). Moves money: idempotent by requestId. */
  hold(request: HoldRequest): Promise<CentegraResult<CardHold>>;
  /**
   * Give a hold back (Factor4 HoldReturn). An already RELEASED or EXPIRED hold answers ok with that
   * state; a CAPTURED one fails with cause 'HOLD_CAPTURED' (void the redemption instead).
   */
  releaseHold(requestId: string, holdId: string): Promise<CentegraResult<CardHold>>;
  /** Put money back on a card (Factor4 Adjustment; capability REFUNDS). Idempotent by requestId. */
  refund(request: RefundRequest): Promise<CentegraResult<GiftCardTransaction>>;
  close(): Promise<void>;
}

export interface CentegraClientOptions {
  baseUrl: string;
  /** The key, or where to read it at each call (so a key entered on the Settings screen applies at once). */
  apiKey: string | (() => string);
  timeoutMs: number;
  till: Till;
  userAgent?: string;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

type AnswerHeaders = Record<string, string | string[] | undefined>;
type Exchange =
  { ok: true; status: number; headers: AnswerHeaders; text: string } | { ok: false; error: CentegraFailure };

export class CentegraConfigError extends Error {}

export function createCentegraClient(options: CentegraClientOptions): Centegra {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopbackHost(base.hostname))) {
    throw new CentegraConfigError('centegra.baseUrl must use https:// (plain http only to this machine).');
  }
  // rejectUnauthorized is passed explicitly so NODE_TLS_REJECT_UNAUTHORIZED=0 cannot turn verification off.
  const dispatcher = new HttpAgent({
    connect: { rejectUnauthorized: true, timeout: options.timeoutMs },
    keepAliveTimeout: 30_000,
    connections: 8,
  });
  const prefix = base.href.replace(/\/+$/, '');
  const deadlines = new Deadlines(options.timeoutMs);
  /** Each path's origin and path on the wire, as undici's request(url) works them out (the paths are wire.ts's fixed few). */
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (path: string) => {
    let target = targets.get(path);
    if (!target) {
      const url = new URL(prefix + path);
      target = { origin: url.origin, path: url.pathname + url.search };
      targets.set(path, target);
    }
    return target;
  };

  /**
   * One exchange: the answer's status, headers and text (at most 1 MB), or why there is none. The
   * answer is gathered straight from undici's dispatcher, without a response stream; the deadline
   * (one timer for all calls, see deadlines.ts) covers waiting for a connection, the request and
   * the whole answer, and a call that runs out of time is answered at once and then aborted.
   */
  function exchange(method: 'GET' | 'POST', path: string, body: string | undefined): Promise<Exchange> {
    return new Promise((resolve) => {
      let controller: { abort(reason: Error): void } | undefined;
      let settled = false;
      let status = 0;
      let headers: AnswerHeaders = {};
      const chunks: Buffer[] = [];
      let size = 0;
      const settle = (outcome: Exchange, abort?: Error) => {
        if (settled) return;
        settled = true;
        deadline.done();
        if (abort) controller?.abort(abort);
        resolve(outcome);
      };
      const deadline = deadlines.start(() =>
        settle({ ok: false, error: networkFailure(undefined, true) }, new Error('timed out')),
      );
      const target = targetOf(path);
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method,
          headers: {
            [API_KEY_HEADER]: typeof options.apiKey === 'function' ? options.apiKey() : options.apiKey,
            accept: 'application/json',
            'user-agent': options.userAgent ?? 'till-agent',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body,
        },
        {
          onRequestStart(c) {
            controller = c;
            // Out of time while waiting for a connection: never sent.
            if (settled) c.abort(new Error('timed out'));
          },
          onResponseStart(_c, statusCode, answerHeaders) {
            status = statusCode;
            headers = answerHeaders;
          },
          onResponseData(_c, chunk) {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES)
              settle(
                { ok: false, error: unreadableAnswer(path, 0, 'answer larger than 1 MB') },
                new Error('answer too large'),
              );
            else chunks.push(chunk);
          },
          onResponseEnd() {
            settle({ ok: true, status, headers, text: Buffer.concat(chunks, size).toString('utf8') });
          },
          onResponseError(_c, error) {
            settle({ ok: false, error: networkFailure(error, false) });
          },
        },
      );
    });
  }

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<CentegraResult<z.output<S>>> {
    const answer = await exchange(method, path, body === undefined ? undefined : JSON.stringify(body));
    if (!answer.ok) return answer;
    const { status, headers, text } = answer;
    let json: unknown;
    try {
      json = text.length ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) return { ok: false, error: unreadableAnswer(path, status, 'unexpected shape') };
      return { ok: true, value: parsed.data, replayed: headers['idempotent-replayed'] === 'true' };
    }
    const envelope = ErrorResponse.safeParse(json);
    const retryAfter = headers['retry-after'];
    return {
      ok: false,
      error: httpFailure({
        status,
        path,
        error: envelope.success ? envelope.data.error : undefined,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      }),
    };
  }

  return {
    async status() {
      const r = await call('GET', paths.status, StatusResponse);
      if (!r.ok) return r;
      const capabilities = (r.value.capabilities ?? []).filter((c): c is Capability =>
        (capabilityNames as readonly string[]).includes(c),
      );
      return {
        ok: true,
        value: {
          factor4: r.value.factor4,
          serverTime: r.value.serverTime,
          capabilities: [...new Set(capabilities)],
        },
      };
    },
    async inquire(card) {
      const r = await call('POST', paths.inquiry, CardResponse, inquiryBody(options.till, card));
      if (!r.ok) return r;
      const c = r.value;
      return {
        ok: true,
        value: {
          cardNumber: c.cardNumber,
          status: c.status,
          balanceMinor: c.balance.amountMinor,
          currency: c.balance.currency,
          ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}),
        },
      };
    },
    async issue(requestId, card, amountMinor, currency) {
      const r = await call(
        'POST',
        paths.issuance,
        TransactionResponse,
        issuanceBody(options.till, requestId, card, amountMinor, currency),
      );
      return r.ok ? { ok: true, value: transaction(r.value), replayed: r.replayed } : r;
    },
    async closeBasket(closure) {
      const r = await call('POST', paths.closeBasket, CloseResponse, closeBody(options.till, closure));
      return r.ok ? { ok: true, value: r.value.transactions.map(transaction), replayed: r.replayed } : r;
    },
    async voidTransaction(requestId, originalRequestId) {
      const r = await call(
        'POST',
        paths.voidTransaction,
        VoidResponse,
        voidBody(options.till, requestId, originalRequestId),
      );
      return r.ok ? { ok: true, value: r.value.transactions.map(transaction), replayed: r.replayed } : r;
    },
    async hold(request) {
      const r = await call('POST', paths.hold, HoldResponse, holdBody(options.till, request));
      return r.ok ? { ok: true, value: cardHold(r.value), replayed: r.replayed } : r;
    },
    async releaseHold(requestId, holdId) {
      const r = await call(
        'POST',
        paths.releaseHold,
        HoldResponse,
        releaseHoldBody(options.till, requestId, holdId),
      );
      return r.ok ? { ok: true, value: cardHold(r.value), replayed: r.replayed } : r;
    },
    async refund(request) {
      const r = await call('POST', paths.refund, TransactionResponse, refundBody(options.till, request));
      return r.ok ? { ok: true, value: transaction(r.value), replayed: r.replayed } : r;
    },
    async close() {
      await dispatcher.close();
    },
  };
}

function transaction(t: z.output<typeof TransactionResponse>): GiftCardTransaction {
  return {
    cardNumber: t.cardNumber,
    kind: t.kind,
    amountMinor: t.amount.amountMinor,
    currency: t.amount.currency,
    transactionId: t.transactionId,
    ...(t.approvalCode ? { approvalCode: t.approvalCode } : {}),
    balanceAfterMinor: t.balanceAfter.amountMinor,
    ...(t.holdId ? { holdId: t.holdId } : {}),
  };
}

function cardHold(h: z.output<typeof HoldResponse>): CardHold {
  return {
    holdId: h.holdId,
    cardNumber: h.cardNumber,
    state: h.state,
    amountMinor: h.amount.amountMinor,
    currency: h.amount.currency,
    balanceAfterMinor: h.balanceAfter.amountMinor,
    expiresAt: h.expiresAt,
  };
}
